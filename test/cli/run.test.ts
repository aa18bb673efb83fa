/**
`dcplan run` end to end through the command line (in-process, test/helpers/cli.ts): the issue's
must-show figures, determinism across seeds and worker counts, --set, formats,
and the user-error paths.
*/
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dcplan } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const PLAN = 'scenarios/guian-plan.yaml';
const dir = tempDir('run');

interface Year {
  year: number;
  dcOperational: number;
  serverCapacity: number;
  capexCumCNY: number;
  rackCapacity: number;
  transferredRacks: number;
  elsewhereRacks: number;
  costSavedCNY: number;
  carbonSavedKt: number;
  [metric: string]: number;
}
const year = (json: string, y: number): Year => (JSON.parse(json) as { years: Year[] }).years.find((r) => r.year === y)!;

const DESIGN_METRICS = [
  'dcOperational', 'dcComplete', 'rackCapacity', 'serverCapacity', 'serversInstalled', 'rackUtilization', 'itPowerMW', 'pue',
  'energyGWh', 'carbonKt', 'carbonMarketKt', 'fp64Eflops', 'aiEflops', 'capexCumCNY', 'serverCapexCumCNY', 'opexCNY', 'revenueCNY', 'eastDemandRacks',
  'transferredRacks', 'localDemandRacks', 'costSavedCNY', 'carbonSavedKt', 'networkTrafficTbps', 'networkCapacityTbps', 'jobs',
];

/** `dcplan run scenarios/guian-plan.yaml`, the default (1,000-run) table: two tests read it, computed once. */
let planTable: ReturnType<typeof dcplan> | undefined;
const defaultPlanTable = (): ReturnType<typeof dcplan> => (planTable ??= dcplan('run', PLAN));

describe('dcplan run', () => {
  it('guian-plan central case in 2025: 12 DCs, ~4 M servers, 40–46 bn CNY, every documented metric', async () => {
    const r = await dcplan('run', PLAN, '--central', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const y = year(r.stdout, 2025);
    expect(y.dcOperational).toBe(12);
    expect(Math.abs(y.serverCapacity - 4_000_000) / 4_000_000).toBeLessThanOrEqual(0.05);
    expect(y.capexCumCNY).toBeGreaterThanOrEqual(40e9);
    expect(y.capexCumCNY).toBeLessThanOrEqual(46e9);
    for (const m of DESIGN_METRICS) expect(typeof y[m], m).toBe('number');
    const doc = JSON.parse(r.stdout) as { scenario: { name: string; hash: string }; runs: number; seed: number; hubs: unknown[]; datacenters: unknown[] };
    expect(doc.scenario.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.runs).toBe(1);
    expect(doc.datacenters).toHaveLength(12);
    expect(doc.hubs).toHaveLength(4);
  });

  it('Monte Carlo: same seed ⇒ identical bytes, any worker count ⇒ identical bytes', async () => {
    const a = await dcplan('run', PLAN, '--runs', '100', '--seed', '11', '--workers', '1', '--format', 'json');
    const b = await dcplan('run', PLAN, '--runs', '100', '--seed', '11', '--workers', '2', '--format', 'json');
    const c = await dcplan('run', PLAN, '--runs', '100', '--seed', '12', '--workers', '2', '--format', 'json');
    expect(a.code, a.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).not.toBe(a.stdout);
    const doc = JSON.parse(a.stdout) as { runs: number; years: { bands: Record<string, { p5: number; p95: number }> }[]; targets: { probability: number }[] };
    expect(doc.runs).toBe(100);
    expect(doc.years[5]!.bands.serverCapacity!.p5).toBeLessThanOrEqual(doc.years[5]!.bands.serverCapacity!.p95);
    for (const t of doc.targets) expect(t.probability).toBeGreaterThanOrEqual(0);
  });

  it('--set takes a lever id (in its unit) or a dotted path with units', async () => {
    const baseJson = (await dcplan('run', PLAN, '--central', '--format', 'json')).stdout;
    const base = year(baseJson, 2023);
    const lever = year((await dcplan('run', PLAN, '--central', '--format', 'json', '--set', 'investment=20')).stdout, 2023);
    const path = year((await dcplan('run', PLAN, '--central', '--format', 'json', '--set', 'investment.total=20 billion CNY')).stdout, 2023);
    expect(lever.rackCapacity).toBeLessThan(base.rackCapacity);
    expect(path).toEqual(lever);
    const incentive = JSON.parse((await dcplan('run', PLAN, '--central', '--format', 'json', '--set', 'transferIncentive=1500')).stdout) as { years: Year[] };
    const before = JSON.parse(baseJson) as { years: Year[] };
    incentive.years.forEach((y, i) => expect(y.transferredRacks).toBeGreaterThanOrEqual(before.years[i]!.transferredRacks));
    expect(incentive.years.some((y, i) => y.elsewhereRacks < before.years[i]!.elsewhereRacks)).toBe(true);
  });

  it('placed work remembers: when the incentive ends in 2025, Gui\'an keeps at least 85 % of its 2024 eastern work', async () => {
    const r = await dcplan('run', PLAN, '--central', '--format', 'json', '--set', 'transfer.incentive={2024: 1500, 2025: 0}');
    expect(r.code, r.stderr).toBe(0);
    expect(year(r.stdout, 2025).transferredRacks).toBeGreaterThanOrEqual(0.85 * year(r.stdout, 2024).transferredRacks);
  });

  it('no-transfer: zero transfer and zero savings in every year', async () => {
    const r = await dcplan('run', 'scenarios/no-transfer.yaml', '--runs', '100', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    for (const y of (JSON.parse(r.stdout) as { years: Year[] }).years) {
      expect(y.transferredRacks).toBe(0);
      expect(y.costSavedCNY).toBe(0);
      expect(y.carbonSavedKt).toBe(0);
    }
  });

  it('CSV has a row per year and band columns under Monte Carlo; --out writes the same bytes', async () => {
    const out = join(dir, 'plan.csv');
    const r = await dcplan('run', PLAN, '--runs', '50', '--format', 'csv');
    const w = await dcplan('run', PLAN, '--runs', '50', '--format', 'csv', '--out', out);
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(r.stdout);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(13);
    expect(lines[0]).toMatch(/^# Gui'an plan .* · scenarios\/guian-plan\.yaml · median of 50 Monte Carlo runs, seed \d+$/);
    expect(lines[1]).toContain('serverCapacity_p5');
    expect(lines[1]).toContain('serverCapacity_p95');
  });

  it('the table shows years, units and targets; --events lists dated events', async () => {
    const r = await dcplan('run', PLAN, '--central', '--events');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('central case');
    expect(r.stdout).toContain('2025');
    expect(r.stdout).toContain('bn CNY');
    expect(r.stdout).toMatch(/met\s+12 mega DCs operating by 2025/);
    expect(r.stdout).toMatch(/20\d\d-\d\d {2}Apple iCloud .* live/);
  });

  it('--narrate adds a plain-language paragraph per year, within 80 columns', async () => {
    const r = await dcplan('run', PLAN, '--central', '--narrate');
    expect(r.code, r.stderr).toBe(0);
    const part = r.stdout.slice(r.stdout.indexOf('What happens, year by year'));
    for (let y = 2020; y <= 2030; y++) expect(part).toContain(`  ${y}: `);
    // each year leads with why work moves west, then what happened (the paragraph is wrapped: compare its words)
    const y2024 = part.slice(part.indexOf('2024: '), part.indexOf('2025: ')).replace(/\s+/g, ' ');
    expect(y2024).toMatch(/^2024: Power is still 46 % cheaper here than in the east .*Target reached: 12 mega DCs operating by 2025\./);
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('the default run of a shipped scenario is the honest one: medians of 1,000 runs, and never "met" at a low P', async () => {
    const r = await defaultPlanTable();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('median of 1,000 Monte Carlo runs');
    for (const m of r.stdout.matchAll(/^ {2}(met|missed) +P +(\d+) %/gm)) {
      if (m[1] === 'met') expect(Number(m[2])).toBeGreaterThanOrEqual(50);
    }
    const json = JSON.parse((await dcplan('run', PLAN, '--format', 'json')).stdout) as {
      statistic: string;
      years: (Year & { bands: Record<string, { p50: number }> })[];
      central: { years: Year[]; datacenters: unknown[] };
    };
    expect(json.statistic).toBe('median');
    for (const y of json.years) expect(y.serverCapacity).toBe(y.bands.serverCapacity!.p50);
    expect(json.central.datacenters).toHaveLength(12);
    expect(json.central.years).toHaveLength(11);
  });

  it('npm start away from a terminal prints the honest table too: the plan\'s yearly table, as `dcplan run` prints it', async () => {
    const r = await dcplan('start');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('median of 1,000 Monte Carlo runs');
    expect(r.stdout).toContain("Gui'an plan as announced (2020)");
    expect(r.stdout).toMatch(/^2025 /m);
    expect(r.stdout).toBe((await defaultPlanTable()).stdout);
  });

  it('--per-run CSV carries each run\'s draws, so the sensitivity can be redone from it', async () => {
    const r = await dcplan('run', PLAN, '--runs', '3', '--format', 'csv', '--per-run');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const head = lines[1]!.split(',');
    expect(head.slice(0, 3)).toEqual(['run', 'year', 'draw:construction.delayFactor']);
    const delay = head.indexOf('draw:construction.delayFactor');
    const rows = lines.slice(2).map((l) => l.split(','));
    expect(rows).toHaveLength(3 * 11);
    // one draw per run, the same in every year of the run, different between runs
    const perRun = [0, 1, 2].map((run) => new Set(rows.filter((x) => x[0] === String(run)).map((x) => x[delay])));
    for (const s of perRun) expect(s.size).toBe(1);
    expect(new Set(perRun.map((s) => [...s][0])).size).toBe(3);
    for (const s of perRun) expect(Number([...s][0])).toBeGreaterThanOrEqual(0.9);
  });

  it('--central is one run, labelled; with --runs N > 1 it is a usage error', async () => {
    const r = await dcplan('run', PLAN, '--central', '--set', 'investment=60');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/central case \(inputs as written, no sampling\) · --set investment=60/);
    const both = await dcplan('run', PLAN, '--central', '--runs', '100');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--central/);
  });

  it('user errors: one line each, exit 1 (input) or 2 (usage), no stack trace', async () => {
    const missing = await dcplan('run', 'nope.yaml');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.yaml/);
    const badSet = await dcplan('run', PLAN, '--set', 'investment.total=12 ms');
    expect(badSet.code).toBe(1);
    expect(badSet.stderr).toMatch(/investment\.total/);
    const unknownSet = await dcplan('run', PLAN, '--set', 'investmnt=3');
    expect(unknownSet.code).toBe(1);
    expect(unknownSet.stderr).toMatch(/did you mean/i);
    const badRuns = await dcplan('run', PLAN, '--runs', 'lots');
    expect(badRuns.code).toBe(2);
    expect(badRuns.stderr).toMatch(/--runs/);
    const badFormat = await dcplan('run', PLAN, '--format', 'xml');
    expect(badFormat.code).toBe(2);
    for (const r of [missing, badSet, unknownSet, badRuns, badFormat]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

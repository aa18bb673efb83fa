/**
`dcplan run --monthly` and `--clusters` end to end through the command line (in-process, test/helpers/cli.ts): the
monthly profile in CSV and JSON (rows, order, the months adding up to the
yearly results, the grid connection respected, Monte Carlo labelled), the
clusters in CSV and JSON, and the usage errors for flag combinations that
cannot be served.
*/
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dcplan } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const PLAN = 'scenarios/guian-plan.yaml';
const dir = tempDir('run-monthly');

const FIELDS = ['itMW', 'facilityMW', 'peakMW', 'gridCapacityMW', 'pue', 'energyMWh', 'carbonT', 'carbonMarketT', 'gridFactorKgPerKWh', 'aiUtilization'];

interface YearlyDoc {
  years: ({ year: number } & Record<string, number | null>)[];
  bindingLimit?: string[];
  clusters?: { id: string; years: { year: number }[] }[];
  central?: { bindingLimit: string[]; clusters: { id: string }[] };
}

async function ok(...args: string[]): Promise<string> {
  const r = await dcplan(...args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** CSV data rows (after the caption and the header) as cells. */
function csvRows(text: string): { caption: string; header: string[]; rows: string[][] } {
  const lines = text.trimEnd().split('\n');
  return { caption: lines[0]!, header: lines[1]!.split(','), rows: lines.slice(2).map((l) => l.split(',')) };
}

/** The plan's central case, yearly (read once). */
let centralDoc: YearlyDoc | undefined;
beforeAll(async () => {
  centralDoc = JSON.parse(await ok('run', PLAN, '--central', '--format', 'json')) as YearlyDoc;
});
const central = (): YearlyDoc => centralDoc!;
const planYears = (): number[] => central().years.map((y) => y.year);

describe('dcplan run --monthly', () => {

  it('central case CSV: a caption, month,itMW,… and one row per month in order, adding up to the yearly results', async () => {
    const yearly = central();
    const years = planYears();
    const { caption, header, rows } = csvRows(await ok('run', PLAN, '--central', '--monthly', '--format', 'csv'));
    expect(caption).toMatch(/^# .* · scenarios\/guian-plan\.yaml · monthly profile · central case/);
    expect(header).toEqual(['month', ...FIELDS]);
    expect(rows).toHaveLength(12 * years.length);
    const months = years.flatMap((y) => Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`));
    expect(rows.map((r) => r[0])).toEqual(months);
    const energy = header.indexOf('energyMWh');
    const carbon = header.indexOf('carbonT');
    yearly.years.forEach((y, i) => {
      const of = (c: number): number => rows.slice(i * 12, i * 12 + 12).reduce((s, r) => s + Number(r[c]), 0);
      const e = y.energyGWh! * 1000;
      expect(e).toBeGreaterThan(0);
      expect(Math.abs(of(energy) - e) / e, `${y.year} energy`).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(of(carbon) - y.carbonKt! * 1000) / (y.carbonKt! * 1000), `${y.year} carbon`).toBeLessThanOrEqual(1e-6);
    });
    // no grid limit in the plan: an empty cell, never 0 or Infinity
    expect(rows[0]![header.indexOf('gridCapacityMW')]).toBe('');
  });

  it('peak load stays within a grid connection set with --set, which binds', async () => {
    const { header, rows } = csvRows(await ok('run', PLAN, '--central', '--monthly', '--format', 'csv', '--set', 'grid.capacity=300 MW', '--set', 'grid.peakFactor=1.3'));
    const peak = header.indexOf('peakMW');
    const grid = header.indexOf('gridCapacityMW');
    let tight = 0;
    for (const r of rows) {
      expect(r[grid]).not.toBe('');
      expect(Number(r[peak]), r[0]).toBeLessThanOrEqual(Number(r[grid]) * (1 + 1e-9));
      if (Number(r[peak]) > 0.999 * Number(r[grid])) tight++;
    }
    expect(tight).toBeGreaterThan(0);
  });

  it('Monte Carlo JSON: labelled median of N runs with the seed and --sets, bands per month, the same bytes for the same seed', async () => {
    const years = planYears();
    const args = ['run', PLAN, '--monthly', '--format', 'json', '--runs', '40', '--seed', '5', '--set', 'investment=60'];
    const text = await ok(...args);
    expect(await ok(...args)).toBe(text);
    const doc = JSON.parse(text) as {
      scenario: { file: string }; overrides: string[]; seed: number; runs: number; statistic: string; fields: string[];
      months: ({ month: string; bands: Record<string, { p5: number | null; p50: number | null; p95: number | null }> } & Record<string, unknown>)[];
    };
    expect(doc.scenario.file).toBe(PLAN);
    expect(doc.statistic).toBe('median');
    expect(doc.runs).toBe(40);
    expect(doc.seed).toBe(5);
    expect(doc.overrides).toEqual(['investment=60']);
    expect(doc.fields).toEqual(FIELDS);
    expect(doc.months).toHaveLength(12 * years.length);
    expect(doc.months[0]!.month).toBe(`${years[0]}-01`);
    expect(doc.months.at(-1)!.month).toBe(`${years.at(-1)}-12`);
    for (const m of doc.months) {
      for (const f of FIELDS) expect(m[f], `${m.month} ${f}`).toBe(m.bands[f]!.p50);
      const e = m.bands.energyMWh!;
      expect(e.p5!).toBeLessThanOrEqual(e.p95!);
    }
    expect(doc.months.some((m) => m.bands.energyMWh!.p5! < m.bands.energyMWh!.p95!)).toBe(true);
  });

  it('Monte Carlo CSV: the caption names the runs, the seed and the --sets; p5/p95 columns; --out writes the same bytes', async () => {
    const years = planYears();
    const out = join(dir, 'monthly.csv');
    const text = await ok('run', PLAN, '--monthly', '--format', 'csv', '--runs', '30', '--seed', '7', '--set', 'investment=60');
    await ok('run', PLAN, '--monthly', '--format', 'csv', '--runs', '30', '--seed', '7', '--set', 'investment=60', '--out', out);
    expect(readFileSync(out, 'utf8')).toBe(text);
    const { caption, header, rows } = csvRows(text);
    expect(caption).toMatch(/monthly profile · median of 30 Monte Carlo runs, seed 7 · --set investment=60$/);
    expect(header.slice(0, 1 + FIELDS.length)).toEqual(['month', ...FIELDS]);
    expect(header).toContain('itMW_p5');
    expect(header).toContain('aiUtilization_p95');
    expect(rows).toHaveLength(12 * years.length);
  });
});

describe('dcplan run --clusters', () => {
  it('CSV: one row per year and cluster, the caption saying it is the central case', async () => {
    const doc = central();
    const clusters = doc.clusters!;
    expect(clusters[0]!.id).toBe('guian');
    expect(clusters.length).toBeGreaterThan(1);
    const { caption, header, rows } = csvRows(await ok('run', PLAN, '--clusters', '--format', 'csv'));
    expect(caption).toMatch(/^# .* · scenarios\/guian-plan\.yaml · .*central case/);
    expect(caption).not.toMatch(/median/);
    expect(header).toEqual(['year', 'cluster', 'racks', 'occupied', 'utilization', 'eastern', 'eastShare', 'limit']);
    expect(rows).toHaveLength(doc.years.length * clusters.length);
    expect(rows.slice(0, clusters.length).map((r) => r[1])).toEqual(clusters.map((c) => c.id));
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(doc.years.map((y) => String(y.year))));
  });

  it('JSON: bindingLimit and clusters at the top level of a central case, under `central` with Monte Carlo', async () => {
    const c = central();
    expect(c.bindingLimit).toHaveLength(c.years.length);
    expect(c.clusters![0]!.years).toHaveLength(c.years.length);
    const mc = JSON.parse(await ok('run', PLAN, '--runs', '20', '--format', 'json', '--clusters')) as YearlyDoc & Record<string, unknown>;
    expect(mc).not.toHaveProperty('clusters');
    expect(mc).not.toHaveProperty('bindingLimit');
    expect(mc.central!.clusters).toEqual(c.clusters);
    expect(mc.central!.bindingLimit).toEqual(c.bindingLimit);
  });
});

describe('dcplan run: flag combinations that cannot be served', () => {
  const cases: [string, string[], RegExp][] = [
    ['--monthly with the table', ['--monthly'], /--monthly.*--format csv or --format json/],
    ['--monthly with --per-run', ['--monthly', '--per-run', '--format', 'csv'], /--monthly and --per-run/],
    ['--monthly with --clusters', ['--monthly', '--clusters', '--format', 'csv'], /--monthly and --clusters/],
    ['--monthly with --observed', ['--monthly', '--format', 'json', '--observed', 'data/observed/guizhou.yaml'], /--observed/],
    ['--clusters with the table', ['--clusters'], /--clusters.*--format csv/],
    ['--clusters with --per-run', ['--clusters', '--per-run', '--format', 'csv'], /--clusters and --per-run/],
  ];
  for (const [what, flags, message] of cases) {
    it(`${what}: one line, exit 2`, async () => {
      const r = await dcplan('run', PLAN, ...flags);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^dcplan: /);
      expect(r.stderr).toMatch(message);
    });
  }
});

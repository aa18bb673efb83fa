/**
`dcplan calibrate` end to end: usage errors (exit 2, one line), located file
problems (exit 1), the table and JSON (with the adaptive rounds and the ESS
after each), and the calibrated scenario it writes —
which `dcplan validate` accepts, whose central case is the best fit, whose
header says what it was fitted to, and whose bytes do not change between runs.
*/
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dcplan, dcplanWith } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const PLAN = 'test/fixtures/batch/good/plan-a.yaml';
const OBS = 'test/fixtures/calibrate/guian-observed.yaml';
const BAD = 'test/fixtures/calibrate/bad-observed.yaml';

interface Calibration {
  scenario: { file: string; hash: string };
  observed: { file: string; hash: string };
  runs: number;
  seed: number;
  ess: number;
  rounds: number;
  essByRound: number[];
  runsWeighted: number;
  fitted: { path: string; mode: string; prior: { p5: number; p50: number; p95: number }; best: number; posterior: { p5: number; p50: number; p95: number } | null }[];
  others: { path: string }[];
  observations: { id: string; metric: string; year: number; month?: number; role: string; lo: number; hi: number | null; best: number; inside: boolean | null; score: number | null }[];
  coverage: { inside: number; of: number; share: number };
  holdout?: { after: number; inside: number; of: number };
  warnings: string[];
}

const dir = tempDir('calibrate');

describe('dcplan calibrate', () => {
  it('rejects bad flags with one usage line (exit 2)', async () => {
    const cases: [string[], RegExp][] = [
      [[PLAN], /needs --observed FILE/],
      [[PLAN, '--observed', OBS, '--runs', '0'], /--runs must be between 1/],
      [[PLAN, '--observed', OBS, '--fit', 'economics.rnt'], /--fit: "economics\.rnt" is not an uncertainty entry of the scenario \(did you mean "economics\.rent"\?\)/],
      [[PLAN, '--observed', OBS, '--fit', 'economics.rent,'], /--fit takes uncertainty paths separated by commas/],
      [[PLAN, '--observed', OBS, '--out', join(dir, 'x.json')], /--out writes the calibrated scenario as YAML/],
      [[PLAN, '--observed', OBS, '--date', '2024-02-30'], /--date must be a date YYYY-MM-DD/],
      [[PLAN, '--observed', OBS, '--holdout-after', '2040'], /--holdout-after 2040 is outside the scenario's horizon 2020–2025/],
      [[PLAN, '--observed', OBS, '--holdout-after', '2020'], /no observation is dated 2020 or earlier/],
    ];
    for (const [args, msg] of cases) {
      const r = await dcplan('calibrate', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
    expect((await dcplan('calibrate', PLAN, '--observed', OBS, '--format', 'csv')).code).toBe(2);
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });

  it('locates problems in the files (exit 1)', async () => {
    const bad = await dcplan('calibrate', PLAN, '--observed', BAD);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^test\/fixtures\/calibrate\/bad-observed\.yaml:4:13 +observations\.0\.metric +unknown metric "rackCapcity" \(did you mean "rackCapacity"\?\)/);
    const missing = await dcplan('calibrate', PLAN, '--observed', join(dir, 'nope.yaml'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('file not found');
    expect((await dcplan('calibrate', 'test/fixtures/batch/certain.yaml', '--observed', OBS)).stderr).toMatch(/no uncertainty: entries/);
  });

  it('writes a calibrated scenario that dcplan validate accepts, whose central case is the best fit', async () => {
    const out = join(dir, 'sub', 'calibrated.yaml');
    const r = await dcplan('calibrate', PLAN, '--observed', OBS, '--runs', '200', '--format', 'json', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`calibrated scenario written to ${out}`);
    const c = JSON.parse(r.stdout) as Calibration;
    expect([c.runs, c.seed, c.scenario.file, c.observed.file]).toEqual([200, 20200528, PLAN, OBS]);
    expect(c.observed.hash).toMatch(/^[0-9a-f]{64}$/);
    // the prior runs' ESS is below N/4: adaptive rounds, each of N runs, until it is not (at most 3)
    expect(c.essByRound[0]).toBeLessThan(50);
    expect(c.rounds).toBeGreaterThanOrEqual(1);
    expect(c.rounds).toBeLessThanOrEqual(3);
    expect(c.essByRound).toHaveLength(c.rounds + 1);
    expect(c.ess).toBe(c.essByRound[c.rounds]);
    expect(c.ess).toBeGreaterThan(c.essByRound[0]!);
    expect(c.runsWeighted).toBe(200 * (c.rounds + 1));
    expect(c.fitted.map((f) => f.path)).toContain('economics.rent');
    expect(c.others).toEqual([]);
    for (const f of c.fitted) {
      expect(f.posterior).not.toBeNull();
      expect(f.posterior!.p5).toBeLessThanOrEqual(f.posterior!.p95);
    }
    expect(c.observations.map((o) => o.id)).toEqual(['racks-2022', 'servers-2023-06', 'energy-2023', 'transfer-2024', 'pue-2024', 'racks-2025']);
    expect(c.observations.find((o) => o.id === 'transfer-2024')!.hi).toBeNull();
    expect(c.coverage.of).toBe(6);

    const yaml = readFileSync(out, 'utf8');
    expect(yaml).toContain(`#   observations: ${OBS}`);
    expect(yaml).toContain(`#   SHA-256:      ${c.observed.hash}`);
    expect(yaml).toContain('#   date:         (undated)');
    expect(yaml).toContain(`#   command:      dcplan calibrate ${PLAN} --observed ${OBS} --runs 200 --format json --out ${out}`);
    expect(yaml).toMatch(/^# {3}200 prior runs \+ \d adaptive rounds? of 200, seed 20200528; ESS [\d.]+ of \d+; \d of 6 observations inside the posterior band$/m);
    expect(c.warnings.filter((w) => w.includes('widens it'))).toEqual([]);
    expect(yaml).toMatch(/^extends: "(\.\.\/)+.*test\/fixtures\/batch\/good\/plan-a\.yaml"$/m);
    expect(yaml).toMatch(/^ {2}rent: [\d.]+ CNY\/rack\/month {3}# best fit/m);
    expect(yaml).toMatch(/^ {2}- \{ path: economics\.rent, mode: scale, dist: \{ type: triangular, /m);
    expect(yaml).toMatch(/^ {2}- \{ correlate: \[construction\.delayFactor, construction\.overrunFactor\], rho: -?[\d.]+ \}/m);

    const v = await dcplan('validate', out);
    expect(v.code, v.stderr + v.stdout).toBe(0);
    // the calibrated file's central case gives the best fit's values
    const run = await dcplan('run', out, '--central', '--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    const years = (JSON.parse(run.stdout) as { years: Record<string, number>[] }).years;
    for (const o of c.observations.filter((x) => x.month === undefined)) {
      const y = years.find((x) => x.year === o.year)!;
      expect(y[o.metric]!, o.id).toBeCloseTo(o.best, 4);
    }
    expect(c.warnings.filter((w) => w.includes('central case gives'))).toEqual([]);
  });

  it('gives the same bytes for the same inputs, and dates the header only when told', async () => {
    const a = join(dir, 'a.yaml');
    // 20 runs: the best fit averages over min(32, runs) runs per step, so fewer runs make it cheaper, and sameness needs no more
    const args = ['calibrate', PLAN, '--observed', OBS, '--runs', '20', '--fit', 'construction.overrunFactor,economics.rent', '--format', 'json'];
    const r1 = await dcplan(...args, '--out', a);
    const first = readFileSync(a);
    const r2 = await dcplan(...args, '--out', a);
    expect(r1.code, r1.stderr).toBe(0);
    expect(r2.stdout).toBe(r1.stdout);
    expect(readFileSync(a).equals(first)).toBe(true);
    const c = JSON.parse(r1.stdout) as Calibration;
    expect(c.fitted.map((f) => f.path)).toEqual(['construction.overrunFactor', 'economics.rent']);
    expect(c.others.length).toBeGreaterThan(0);

    // the header's date: the quick central-case fit (--runs 1) writes the same header as the full one
    const env = { ...process.env, SOURCE_DATE_EPOCH: '1700000000' };
    const quick = args.map((a) => (a === '20' ? '1' : a));
    const dated = await dcplanWith({ env }, ...quick, '--out', join(dir, 'b.yaml'));
    expect(dated.code, dated.stderr).toBe(0);
    expect(readFileSync(join(dir, 'b.yaml'), 'utf8')).toContain('#   date:         2023-11-14');
    const told = await dcplanWith({ env }, ...quick, '--out', join(dir, 'c.yaml'), '--date', '2025-03-01');
    expect(told.code, told.stderr).toBe(0);
    expect(readFileSync(join(dir, 'c.yaml'), 'utf8')).toContain('#   date:         2025-03-01');
    // no temporary files left beside the outputs
    expect(existsSync(join(dir, `.a.yaml.${process.pid}.tmp`))).toBe(false);
  });

  it('prints a table within 80 columns, holding out the later observations', async () => {
    const r = await dcplan('calibrate', PLAN, '--observed', OBS, '--runs', '200', '--holdout-after', '2023');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain('Calibration of Batch fixture A (plan, 2020-2025)\ntest/fixtures/batch/good/plan-a.yaml fitted to test/fixtures/calibrate/');
    expect(r.stdout).toMatch(/^\* construction\.overrunFactor +[\d.]+–[\d.]+ +[\d.]+–[\d.]+ +[\d.]+$/m);
    expect(r.stdout).toMatch(/^Live racks +2025 .*(in|OUT)†$/m);
    expect(r.stdout).toMatch(/^† held out \(after 2023\): \d of 3 overlap the band, relative interval score [\d.]+$/m);
    const json = JSON.parse((await dcplan('calibrate', PLAN, '--observed', OBS, '--runs', '200', '--holdout-after', '2023', '--format', 'json')).stdout) as Calibration;
    expect(json.observations.map((o) => o.role)).toEqual(['fit', 'fit', 'fit', 'holdout', 'holdout', 'holdout']);
    expect(json.holdout!.of).toBe(3);
    expect(json.coverage.of).toBe(3);
    // three fitted observations leave the prior runs an ESS of N/4 or more: no adaptive round
    expect(r.stdout).toMatch(/^200 prior runs \(seed 20200528\) weighted by the observations: ESS [\d.]+ \(\d+ %\)$/m);
    expect([json.rounds, json.essByRound.length, json.runsWeighted]).toEqual([0, 1, 200]);
    // all six: adaptive rounds, and the ESS after each in the table's header
    const all = await dcplan('calibrate', PLAN, '--observed', OBS, '--runs', '200');
    expect(all.code, all.stderr).toBe(0);
    for (const l of all.stdout.split('\n')) expect(l.length, l).toBeLessThanOrEqual(80);
    expect(all.stdout).toMatch(/^200 prior runs, then \d adaptive rounds? of 200 \(seed 20200528\)\nESS after each round: [\d.]+ \(prior runs\)( → [\d.]+)+ of [\d,]+ runs$/m);
  });

  it('writes back every shape of uncertainty: formula series, list items, units, discrete, lognormal, normal', async () => {
    const out = join(dir, 'many.yaml');
    const r = await dcplan('calibrate', 'test/fixtures/calibrate/many-kinds.yaml', '--observed', OBS, '--runs', '150', '--format', 'json', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const yaml = readFileSync(out, 'utf8');
    // a scale on a formula series keeps the formula (it still reads demandGrowth)
    expect(yaml).toMatch(/^ {2}- id: bth\n {4}demand: "\(550000 \* \(1 \+ demandGrowth\) \^ \(year - 2020\)\) \* [\d.]+" {3}# best fit/m);
    expect(yaml).toMatch(/^ {2}- id: telecom\n {4}pue: [\d.]+ {3}# best fit \(as written 1\.2\)/m);
    // a site's fitted PUE would become its halls' default: the halls keep theirs, as the engine's draw leaves them
    expect(yaml).toMatch(/^ {4}pue: [\d.]+ {3}# best fit \(as written 1\.2\)\n {4}phases:\n {6}- id: p2\n {8}pue: 1\.2 {3}# as the best fit has it/m);
    expect(yaml).toMatch(/^ {2}electricityPrice: [\d.]+ CNY\/kWh {3}# best fit/m);
    expect(yaml).toMatch(/^ {2}adoption: [\d.]+ months/m);
    expect(yaml).toMatch(/^ {2}rentIncludesPower: false/m);
    expect(yaml).toMatch(/^ {2}- \{ path: construction\.delayFactor, dist: \{ type: discrete, values: \[1, 1\.2, 1\.5\], weights: \[/m);
    expect(yaml).toMatch(/^ {2}- \{ path: energy\.electricityPrice, dist: \{ type: triangular, min: [\d.]+ CNY\/kWh, mode: [\d.]+ CNY\/kWh, max: [\d.]+ CNY\/kWh \} \}/m);
    expect(yaml).toMatch(/^ {2}- \{ path: transfer\.adoption, dist: \{ type: triangular, min: [\d.]+ months,/m);
    const v = await dcplan('validate', out);
    expect(v.code, v.stderr + v.stdout).toBe(0);
    expect((JSON.parse(r.stdout) as Calibration).warnings.filter((w) => w.includes('central case gives'))).toEqual([]);
  });

  it('with --runs 1: the best fit of the central case, a file that keeps the prior', async () => {
    const out = join(dir, 'central.yaml');
    const r = await dcplan('calibrate', PLAN, '--observed', OBS, '--runs', '1', '--fit', 'construction.overrunFactor,economics.rent', '--format', 'json', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout) as Calibration;
    expect(c.fitted.every((f) => f.posterior === null)).toBe(true);
    expect(c.warnings.some((w) => w.startsWith('one run'))).toBe(true);
    const yaml = readFileSync(out, 'utf8');
    // the prior's distributions, a fitted scale entry's divided by its fit
    expect(yaml).toMatch(/^ {2}- \{ path: construction\.overrunFactor, dist: \{ type: triangular, min: 0\.95, mode: 1\.05, max: 1\.4 \} \}/m);
    expect(yaml).toMatch(/^ {2}- \{ correlate: \[construction\.delayFactor, construction\.overrunFactor\], rho: 0\.6 \}/m);
    expect((await dcplan('validate', out)).code).toBe(0);
  });
});

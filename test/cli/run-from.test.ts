/**
`dcplan run --from YEAR --set …` end to end through the command line (in-process, test/helpers/cli.ts): the run
follows the scenario until January of YEAR, then continues under the changes.
Years before YEAR are byte-identical to the base run (central and Monte Carlo,
per run), the headers and JSON say what changed from when, several `--from`
blocks make a policy schedule, and bad input is one line with its exit code.
*/
import { describe, expect, it } from 'vitest';
import { dcplan } from '../helpers/cli.js';

const PLAN = 'scenarios/guian-plan.yaml';
const INVEST = 'investment=60 billion CNY';

interface Doc {
  overrides: string[];
  scenario: { hash: string };
  years: Record<string, number | Record<string, unknown>>[];
  central?: { years: Record<string, number>[] };
}
const json = (stdout: string): Doc => JSON.parse(stdout) as Doc;

/** A CSV's data rows (without the caption line), by year for yearly CSVs. */
const rows = (csv: string): string[] => csv.trimEnd().split('\n').slice(1);

async function ok(...args: string[]): Promise<string> {
  const r = await dcplan(...args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('dcplan run --from', () => {
  it('central: years before YEAR are the base run\'s, byte for byte; the table, JSON and CSV say what changed from when', async () => {
    const base = json(await ok('run', PLAN, '--central', '--format', 'json'));
    const fork = json(await ok('run', PLAN, '--central', '--format', 'json', '--from', '2024', '--set', INVEST));
    const y = 2024 - 2020;
    expect(JSON.stringify(fork.years.slice(0, y))).toBe(JSON.stringify(base.years.slice(0, y)));
    expect(fork.years[y]!.budgetCumCNY).toBeGreaterThan(base.years[y]!.budgetCumCNY as number);
    expect(fork.overrides).toEqual(['from 2024: investment=60 billion CNY']);
    expect(fork.scenario.hash).not.toBe(base.scenario.hash);

    const table = await ok('run', PLAN, '--central', '--from', '2024', '--set', INVEST);
    expect(table.replace(/\s+/g, ' ')).toContain('central case (inputs as written, no sampling) · from 2024: --set investment=60 billion CNY');
    const csv = await ok('run', PLAN, '--central', '--format', 'csv', '--from', '2024', '--set', INVEST);
    expect(csv.split('\n')[0]).toContain('· from 2024: --set investment=60 billion CNY');
    const baseCsv = await ok('run', PLAN, '--central', '--format', 'csv');
    expect(rows(csv).slice(0, y + 1)).toEqual(rows(baseCsv).slice(0, y + 1)); // header row and 2020–2023
  });

  it('Monte Carlo: every run before YEAR is its base run, byte for byte; a dearer power price from 2026 changes money, not racks', async () => {
    const args = ['run', PLAN, '--runs', '120', '--seed', '3', '--format', 'csv', '--per-run'];
    const base = rows(await ok(...args));
    const fork = rows(await ok(...args, '--from', '2026', '--set', 'electricityPrice=0.6'));
    expect(fork.length).toBe(base.length);
    const header = base[0]!.split(',');
    expect(fork[0]).toBe(base[0]);
    const col = (name: string): number => header.indexOf(name);
    let after = 0;
    for (let i = 1; i < base.length; i++) {
      const a = base[i]!.split(',');
      const b = fork[i]!.split(',');
      const year = Number(a[col('year')]);
      if (year < 2026) expect(fork[i], `row ${i}`).toBe(base[i]);
      else {
        for (const m of ['rackCapacity', 'dcOperational', 'capexCumCNY', 'budgetCumCNY', 'plannedRacks']) expect(b[col(m)], `${m} ${year}`).toBe(a[col(m)]);
        if (b[col('opexCNY')] !== a[col('opexCNY')]) after++;
      }
    }
    expect(after).toBe(120 * 5);
  });

  it('the table of medians says the changes apply from YEAR; worker counts give the same bytes', async () => {
    const t = await ok('run', PLAN, '--runs', '100', '--from', '2024', '--set', INVEST);
    expect(t.replace(/\s+/g, ' ')).toContain('median of 100 Monte Carlo runs, seed 20200528 · from 2024: --set investment=60 billion CNY');
    const a = await ok('run', PLAN, '--runs', '100', '--workers', '1', '--format', 'json', '--from', '2024', '--set', INVEST);
    const b = await ok('run', PLAN, '--runs', '100', '--workers', '2', '--format', 'json', '--from', '2024', '--set', INVEST);
    expect(b).toBe(a);
  });

  it('a policy schedule: --set before any --from applies from the start, each --from block from its year, in year order', async () => {
    const args = ['run', PLAN, '--central', '--format', 'json'];
    const schedule = json(await ok(...args, '--set', 'economics.om=300 CNY/rack/month', '--from', '2024', '--set', INVEST, '--from', '2026', '--set', 'transferIncentive=500', '--set', 'electricityPrice=0.3'));
    expect(schedule.overrides).toEqual([
      'economics.om=300 CNY/rack/month', 'from 2024: investment=60 billion CNY', 'from 2026: transferIncentive=500', 'from 2026: electricityPrice=0.3',
    ]);
    // the blocks in another order on the command line: the same run
    const reordered = json(await ok(...args, '--from', '2026', '--set', 'transferIncentive=500', '--set', 'electricityPrice=0.3', '--set', 'economics.om=300 CNY/rack/month', '--from', '2024', '--set', INVEST));
    expect(JSON.stringify(reordered.years)).not.toBe(JSON.stringify(schedule.years)); // om moved into 2026's block
    const same = json(await ok(...args, '--set', 'economics.om=300 CNY/rack/month', '--from', '2026', '--set', 'transferIncentive=500', '--set', 'electricityPrice=0.3', '--from', '2024', '--set', INVEST));
    expect(JSON.stringify(same.years)).toBe(JSON.stringify(schedule.years));
    // before 2026 the schedule is the one-switch fork; before 2024 the run with only the first --set
    const one = json(await ok(...args, '--set', 'economics.om=300 CNY/rack/month', '--from', '2024', '--set', INVEST));
    const pre = json(await ok(...args, '--set', 'economics.om=300 CNY/rack/month'));
    expect(JSON.stringify(schedule.years.slice(0, 6))).toBe(JSON.stringify(one.years.slice(0, 6)));
    expect(JSON.stringify(schedule.years.slice(0, 4))).toBe(JSON.stringify(pre.years.slice(0, 4)));
    expect(JSON.stringify(schedule.years.slice(6))).not.toBe(JSON.stringify(one.years.slice(6)));
  });

  it('--from the horizon\'s first year is --set from the start', async () => {
    const a = json(await ok('run', PLAN, '--central', '--format', 'json', '--set', INVEST));
    const b = json(await ok('run', PLAN, '--central', '--format', 'json', '--from', '2020', '--set', INVEST));
    expect(JSON.stringify(b.years)).toBe(JSON.stringify(a.years));
    expect(b.overrides).toEqual(['from 2020: investment=60 billion CNY']);
  });

  it('--monthly: months before YEAR are the base run\'s', async () => {
    const base = rows(await ok('run', PLAN, '--central', '--monthly', '--format', 'csv'));
    const csv = await ok('run', PLAN, '--central', '--monthly', '--format', 'csv', '--from', '2024', '--set', 'grid.capacity=300 MW');
    const fork = rows(csv);
    expect(csv.split('\n')[0]).toContain('from 2024: --set grid.capacity=300 MW');
    expect(fork.slice(0, 1 + 48)).toEqual(base.slice(0, 1 + 48));
    expect(fork.slice(49)).not.toEqual(base.slice(49));
  });

  it('bad input: one line each, exit 2 for usage, 1 for a bad value', async () => {
    const cases: [string[], number, RegExp][] = [
      [['--from', '2035', '--set', INVEST], 2, /^dcplan: --from 2035 is outside the scenario's horizon, 2020–2030$/],
      [['--from', '2019', '--set', INVEST], 2, /outside the scenario's horizon/],
      [['--set', INVEST, '--from', '2024'], 2, /^dcplan: --from 2024 needs --set path=value after it/],
      [['--from', '2024', '--from', '2026', '--set', INVEST], 2, /^dcplan: --from 2024 needs --set/],
      [['--from', 'soon', '--set', INVEST], 2, /^dcplan: --from must be a whole number, got "soon"$/],
      [['--from', '2024', '--set', 'horizon.end=2035'], 2, /^dcplan: --from 2024 --set horizon\.end=2035: horizon\.end cannot change mid-run: .*put the --set before any --from$/],
      [['--from', '2024', '--set', INVEST, '--set', 'datacenters.telecom.phases=[]'], 2, /^dcplan: --from 2024 --set datacenters\.telecom\.phases=\[\]: datacenters\.telecom\.phases cannot change mid-run/],
      [['--from', '2024', '--set', 'runs=5'], 2, /runs cannot change mid-run/],
      [['--from', '2024', '--set', 'investment.total=12 ms'], 1, /^--from 2024 --set:1:1 {2}investment\.total {2}expected an amount of money/],
    ];
    for (const [args, code, line] of cases) {
      const r = await dcplan('run', PLAN, '--central', ...args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(line);
      expect(r.stdout).toBe('');
    }
  });
});

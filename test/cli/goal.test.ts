/**
`dcplan goal` in-process (the command function, as main.ts calls it): the answer
in the lever's unit, checked against ordinary Monte Carlo runs of the same seed;
a target out of reach with its best probability and what binds; VALUE with
units; two levers (the frontier: each point the single-lever seek with the first
lever set there, table, JSON, CSV, a progress line on stderr); and every kind of
bad input as one line with its exit code.
*/
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { goalCommand, parseGoalTarget, parseProbability, parseTargetValue, type GoalOptions } from '../../src/cli/commands/goal/index.js';
import { UserError } from '../../src/cli/exit.js';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { readScenarioSource, resolveScenario, leverValueOverride } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { tempDir } from '../helpers/tmp.js';

/** guian-plan cut to 2020–2025 (its levers, its uncertainty). */
const A = 'test/fixtures/batch/good/plan-a.yaml';
/** No bundled worker: the runs go in this thread. */
const ctx = { workerUrl: new URL('file:///nonexistent/worker.js') };
const dir = tempDir('goal');

async function goal(file: string, opts: Partial<GoalOptions>, stderr: string[] = []): Promise<string> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out.push(String(s));
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr.push(String(s));
    return true;
  });
  try {
    await goalCommand(file, { set: [], format: 'table', ...opts }, ctx);
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  return out.join('');
}

async function failure(file: string, opts: Partial<GoalOptions>): Promise<UserError> {
  const err = await goal(file, opts).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

interface GoalJson {
  lever: string;
  unit: string;
  value: number;
  probability: number;
  lowerBound: number;
  evaluations: number;
  reachable: boolean;
  binding: { value: number; limit: string; central: string; missed: number; examined: number; counts: Record<string, number> };
  direction: string;
  required: number;
  target: { metric: string; year: number; op: string; value: number; text: string };
  best: { value: number; probability: number; lowerBound: number };
  beyond: { value: number; runs: number; probability: number } | null;
  runs: number;
  seed: number;
}

/** P(serverCapacity in 2025 ≥ v) with the investment lever at `bn`, over an ordinary Monte Carlo of the same seed. */
function pServers(bn: number, atLeast: number, runs: number, seed: number): number {
  const src = readScenarioSource(A);
  const sc: Scenario = resolveScenario(src, [leverValueOverride(src, 'investment', bn)]);
  const mc = monteCarlo(sc, { runs, seed });
  const width = mc.perRun.length / runs;
  const Y = sc.horizon.end - sc.horizon.start + 1;
  const col = mc.central.metrics.indexOf('serverCapacity') * Y + (2025 - sc.horizon.start);
  let met = 0;
  for (let r = 0; r < runs; r++) if (mc.perRun[r * width + col]! >= atLeast) met++;
  return met / runs;
}

describe('dcplan goal', () => {
  it('finds the least investment (in billion CNY) that meets a target with P ≥ 0.9; one step less does not', async () => {
    // 100 runs: the answer is checked against ordinary Monte Carlo runs of the same seed, exactly (the search itself: test/engine/goal.test.ts)
    const text = await goal(A, { lever: 'investment', target: 'serverCapacity@2025 >= 3 million servers', runs: '100', seed: '11', format: 'json' });
    const g = JSON.parse(text) as GoalJson;
    expect(g).toMatchObject({ lever: 'investment', unit: 'billion CNY', reachable: true, direction: 'up', required: 0.9, runs: 100, seed: 11 });
    expect(Object.keys(g).slice(0, 8)).toEqual(['lever', 'unit', 'value', 'probability', 'lowerBound', 'evaluations', 'reachable', 'binding']);
    expect(g.target).toEqual({ metric: 'serverCapacity', year: 2025, op: '>=', value: 3e6, text: 'serverCapacity@2025 >= 3 million servers' });
    expect(g.value).toBeGreaterThan(10);
    expect(g.value).toBeLessThan(150);
    expect(g.value % 5).toBe(0); // the lever's step
    expect(g.probability).toBeGreaterThanOrEqual(0.9);
    expect(g.lowerBound).toBeLessThan(g.probability);
    expect(g.evaluations).toBeLessThan(29);
    // the same seed's ordinary Monte Carlo agrees: the value meets it, one step less does not
    expect(pServers(g.value, 3e6, 100, 11)).toBe(g.probability);
    expect(pServers(g.value - 5, 3e6, 100, 11)).toBeLessThan(0.9);
    expect(g.beyond!.value).toBe(g.value - 5);
  });

  it('says when more of the lever is not the answer: best probability, where it levels off, what binds', async () => {
    const text = await goal(A, { lever: 'investment', target: 'serverCapacity@2025 >= 4000000', runs: '100' });
    expect(text).toContain('goal: Server capacity in 2025 ≥ 4.0 M servers in at least 90.0 % of runs');
    expect(text).toMatch(/NOT REACHABLE by turning investment: at best P \d+\.\d % \(95 % lower bound \d+\.\d %, 100 runs\), at 150 billion CNY/);
    expect(text).toMatch(/P levels off from \d+ billion CNY/);
    expect(text).toMatch(/what binds in 2025 at 150 billion CNY: (grid|network|money|construction|capacity|demand)/);
    const g = JSON.parse(await goal(A, { lever: 'investment', target: 'serverCapacity@2025 >= 4000000', runs: '100', format: 'json' })) as GoalJson;
    expect(g.reachable).toBe(false);
    expect(g.best.value).toBe(150);
    expect(g.best.probability).toBeLessThan(0.9);
    expect(g.probability).toBeGreaterThanOrEqual(g.best.probability - 0.01);
    expect(g.value).toBeLessThan(150);
    expect(g.binding.value).toBe(150);
    expect(g.binding.limit).not.toBe('money'); // at 150 bn no phase waits for funds
    expect(g.binding.missed).toBe(Math.round(100 * (1 - g.best.probability)));
    expect(Object.values(g.binding.counts).reduce((a, b) => a + b, 0)).toBe(g.binding.examined);
  });

  it('writes to --out, and takes --probability as a percentage', async () => {
    const out = join(dir, 'goal.json');
    expect(await goal(A, { lever: 'investment', target: 'rackCapacity@2025 >= 400000', probability: '50%', runs: '40', format: 'json', out })).toBe('');
    const g = JSON.parse(readFileSync(out, 'utf8')) as GoalJson;
    expect(g.required).toBe(0.5);
    expect(g.reachable).toBe(true);
  });

  it('reads VALUE in the metric\'s unit: plain numbers in the base unit, or quantities as in scenario files', () => {
    const sc = { usdRate: 7 };
    expect(parseTargetValue('4e6', 'serverCapacity', sc)).toBe(4e6);
    expect(parseTargetValue('4 million servers', 'serverCapacity', sc)).toBe(4e6);
    expect(parseTargetValue('4 million', 'serverCapacity', sc)).toBe(4e6);
    expect(parseTargetValue('40 billion CNY', 'capexCumCNY', sc)).toBe(4e10);
    expect(parseTargetValue('1 billion USD', 'capexCumCNY', sc)).toBe(7e9);
    expect(parseTargetValue('300 MW', 'itPowerMW', sc)).toBe(300);
    expect(parseTargetValue('1 GW', 'itPowerMW', sc)).toBe(1000);
    expect(parseTargetValue('50 MW', 'rackCapacity', sc)).toBe(20_000); // 2.5 kW a standard rack
    expect(parseTargetValue('600000 racks', 'rackCapacity', sc)).toBe(600_000);
    expect(parseTargetValue('90%', 'rackUtilization', sc)).toBeCloseTo(0.9, 12);
    expect(parseTargetValue('45 Tbps', 'networkCapacityTbps', sc)).toBe(45);
    expect(parseTargetValue('1.2', 'pue', sc)).toBe(1.2);
    for (const [text, metric] of [['4 million racks', 'serverCapacity'], ['4e6 servers', 'rackCapacity'], ['90%', 'serverCapacity'], ['40 MW', 'capexCumCNY'], ['lots', 'serverCapacity'], ['3 kg', 'pue']]) {
      expect(() => parseTargetValue(text!, metric!, sc), `${text} for ${metric}`).toThrow(UserError);
    }
  });

  it('parses targets and probabilities', () => {
    const sc = resolveScenario(readScenarioSource(A));
    expect(parseGoalTarget('serverCapacity@2025>=4e6', sc)).toEqual({ metric: 'serverCapacity', year: 2025, op: '>=', value: 4e6 });
    expect(parseGoalTarget(' pue @ 2024 ≤ 1.25 ', sc)).toEqual({ metric: 'pue', year: 2024, op: '<=', value: 1.25 });
    expect(parseProbability(undefined)).toBe(0.9);
    expect(parseProbability('0.95')).toBe(0.95);
    expect(parseProbability('80 %')).toBe(0.8);
  });

  describe('two levers: the frontier', () => {
    interface FrontierJson {
      levers: string[];
      units: string[];
      target: GoalJson['target'];
      probability: number;
      frontier: { a: number; b: number | null; probability: number; lowerBound: number; reachable: boolean; levelsOff: number | null; direction: string; binding: { limit: string } }[];
      evaluations: number;
      runs: number;
      seed: number;
    }
    const target = 'transferredRacks@2025 >= 200000';

    it('at each of --points values of the first lever, the least value of the second: the single-lever seek with the first set there', async () => {
      const stderr: string[] = [];
      const text = await goal(A, { lever: ['investment', 'transferIncentive'], target, runs: '40', points: '3', format: 'json' }, stderr);
      const f = JSON.parse(text) as FrontierJson;
      expect(Object.keys(f).slice(0, 6)).toEqual(['levers', 'units', 'target', 'probability', 'frontier', 'evaluations']);
      expect(f).toMatchObject({ levers: ['investment', 'transferIncentive'], units: ['billion CNY', 'CNY/rack/month'], probability: 0.9, runs: 40, seed: 20200528 });
      expect(f.target).toEqual({ metric: 'transferredRacks', year: 2025, op: '>=', value: 200_000, text: target });
      expect(f.frontier.map((p) => p.a)).toEqual([10, 80, 150]);
      expect(Object.keys(f.frontier[0]!).slice(0, 5)).toEqual(['a', 'b', 'probability', 'lowerBound', 'reachable']);
      // 10 bn builds too little for any incentive to fill; with the money, an incentive does it
      expect(f.frontier.map((p) => p.reachable)).toEqual([false, true, true]);
      expect(f.frontier[0]).toMatchObject({ b: null, probability: 0, binding: { limit: 'money' } });
      for (const p of f.frontier) {
        // the same seed throughout: each point is exactly `goal --lever transferIncentive --set investment=a`
        const one = JSON.parse(await goal(A, { lever: 'transferIncentive', target, runs: '40', set: [`investment=${p.a}`], format: 'json' })) as GoalJson;
        expect(one.reachable).toBe(p.reachable);
        if (p.reachable) {
          expect(p.b).toBe(one.value);
          expect(p.probability).toBe(one.probability);
          expect(p.lowerBound).toBe(one.lowerBound);
          expect(p.probability).toBeGreaterThanOrEqual(0.9);
        } else {
          expect(p.probability).toBe(one.best.probability);
          expect(p.levelsOff).toBe(one.value);
        }
        expect(p.binding.limit).toBe(one.binding.limit);
      }
      expect(f.evaluations).toBeGreaterThanOrEqual(6);
      // a progress line per point on stderr (not a terminal), then the total
      const lines = stderr.join('').trimEnd().split('\n');
      expect(lines).toHaveLength(4);
      expect(lines[0]).toMatch(/^goal: 1\/3 investment = 10 billion CNY → unreachable \(best P 0\.0 %\) · \d+ runs, \d+\.\d s$/);
      expect(lines[1]).toMatch(/^goal: 2\/3 investment = 80 billion CNY → transferIncentive ≥ \d+ CNY\/rack\/month \(P \d+\.\d %\)/);
      expect(lines[3]).toMatch(/^goal: frontier of 3 values of investment done: [\d,]+ runs in \d+\.\d s$/);
    });

    it('as a table and as CSV', async () => {
      const opts: Partial<GoalOptions> = { lever: ['investment', 'transferIncentive'], target, runs: '40', points: '3' };
      const table = await goal(A, opts);
      expect(table).toContain('lever a: investment (Investment through 2025), 3 values from 10 to 150 billion CNY');
      expect(table).toContain('lever b: transferIncentive (Transfer incentive), 0 to 3000 CNY/rack/month in steps of 250: at each value of a, the least value that meets the goal');
      expect(table).toMatch(/\n\s+10 {2}unreachable \(met in no run\)\s+–\s+–\s+money\s+2 values\n/);
      expect(table).toMatch(/\n\s+80 {2}≥ \d+\s+\d+\.\d %\s+\d+\.\d %\s+\w+\s+\d values\n/);
      expect(table).toContain('reachable at 2 of 3 values of investment (80, 150); not at 10');
      const csv = (await goal(A, { ...opts, format: 'csv' })).trimEnd().split('\n');
      expect(csv[0]).toMatch(/^# frontier of investment \(billion CNY\) and transferIncentive \(CNY\/rack\/month\) · /);
      expect(csv[1]).toBe('investment,transferIncentive,probability,lowerBound,reachable,levelsOff,direction,binding,evaluations');
      expect(csv).toHaveLength(5);
      expect(csv[2]).toMatch(/^10,,0,0,false,/);
      expect(csv[3]).toMatch(/^80,\d+,0\.9\d*,0\.\d+,true,,up,\w+,\d+$/);
    });
  });

  it('bad input: one line each, exit 2 for usage, 1 for input problems', async () => {
    const t = 'serverCapacity@2025 >= 4e6';
    const cases: [Partial<GoalOptions>, number, RegExp][] = [
      [{ lever: 'investmnet', target: t }, 2, /^dcplan: unknown lever "investmnet" \(did you mean "investment"\?\); .*plan-a\.yaml's levers: investment, transferIncentive, electricityPrice, demandGrowth, aiShare$/],
      [{ target: t }, 2, /^dcplan: goal needs --lever ID; .*levers: investment, /],
      [{ lever: 'investment' }, 2, /^dcplan: goal needs --target 'METRIC@YEAR >= VALUE'/],
      [{ lever: 'investment', target: 'serverCapacty@2025 >= 4e6' }, 2, /^dcplan: --target: unknown metric "serverCapacty" \(did you mean "serverCapacity"\?\)/],
      [{ lever: 'investment', target: 'serverCapacity@2030 >= 4e6' }, 2, /^dcplan: --target: 2030 is outside .*horizon 2020–2025$/],
      [{ lever: 'investment', target: 'serverCapacity >= 4e6' }, 2, /^dcplan: --target "serverCapacity >= 4e6" is not METRIC@YEAR >= VALUE or METRIC@YEAR <= VALUE/],
      [{ lever: 'investment', target: 'serverCapacity@2025 > 4e6' }, 2, /use >= or <=/],
      [{ lever: 'investment', target: 'serverCapacity@2025 >=' }, 2, /no value after the comparison/],
      [{ lever: 'investment', target: 'serverCapacity@2025 >= 4 million racks' }, 2, /^dcplan: --target: "4 million racks" is not a number of servers/],
      [{ lever: 'investment', target: t, probability: '1' }, 2, /^dcplan: --probability must be strictly between 0 and 1 \(e\.g\. 0\.9 or 90%\), got "1"$/],
      [{ lever: 'investment', target: t, probability: '0' }, 2, /--probability must be strictly between 0 and 1/],
      [{ lever: 'investment', target: t, probability: '-0.5' }, 2, /--probability must be strictly between 0 and 1/],
      [{ lever: 'investment', target: t, probability: 'most' }, 2, /--probability must be strictly between 0 and 1/],
      [{ lever: 'investment', target: t, set: ['investment=60'] }, 2, /^dcplan: --set investment sets what --lever investment turns/],
      [{ lever: 'investment', target: t, runs: '0' }, 2, /^dcplan: --runs must be between 1 and/],
      [{ lever: ['investment', 'investment'], target: t }, 2, /^dcplan: --lever investment is given twice: a frontier needs two different levers$/],
      [{ lever: ['investment', 'investment.total'], target: t }, 2, /^dcplan: --lever investment and --lever investment\.total are the same lever \(investment\)/],
      [{ lever: ['investment', 'aiShare', 'demandGrowth'], target: t }, 2, /^dcplan: goal takes one --lever, or two for a frontier; got 3: investment, aiShare, demandGrowth$/],
      [{ lever: ['investment', 'aiShre'], target: t }, 2, /^dcplan: unknown lever "aiShre" \(did you mean "aiShare"\?\)/],
      [{ lever: 'investment', target: t, points: '4' }, 2, /^dcplan: --points is for two levers \(a frontier\): give a second --lever$/],
      [{ lever: ['investment', 'aiShare'], target: t, points: '1' }, 2, /^dcplan: --points must be between 2 and/],
      [{ lever: ['investment', 'aiShare'], target: t, set: ['aiShare=0.2'] }, 2, /^dcplan: --set aiShare sets what --lever aiShare turns/],
    ];
    for (const [opts, code, line] of cases) {
      const err = await failure(A, opts);
      expect(err.code, JSON.stringify(opts)).toBe(code);
      expect(err.lines, JSON.stringify(opts)).toHaveLength(1);
      expect(err.lines[0], JSON.stringify(opts)).toMatch(line);
    }
    // input problems (exit 1): a scenario without levers, a file that is not there
    const none = await failure('test/fixtures/validate/good.yaml', { lever: 'investment', target: 'serverCapacity@2024 >= 4e6' });
    expect(none.code).toBe(1);
    expect(none.lines).toEqual(['test/fixtures/validate/good.yaml: the scenario has no levers: to seek a goal, add one under levers: (docs/scenario-format.md)']);
    const missing = await failure('no/such/scenario.yaml', { lever: 'investment', target: t });
    expect(missing.code).toBe(1);
  });
});

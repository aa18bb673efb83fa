/**
Goal seek (src/engine/goal.ts) on the small programmatic scenario: a planted
threshold found exactly as a brute-force sweep of the same runs finds it, the
value one step before it falling short on the same seed, `<=` targets (the
highest value), the central case, a target out of reach with its best
probability and what binds, and the Wilson bound worked by hand. Two levers:
the frontier of budget and cost overrun, each point checked against a brute-force
sweep of the same runs.
*/
import { describe, expect, it } from 'vitest';
import {
  frontierValues, goalFrontier, goalSeek, leverGrid, meetsGoal, scenarioEvaluator, wilsonLowerBound, type GoalEvaluator, type GoalSpec, type GoalTarget,
} from '../../src/engine/goal.js';
import { monteCarlo, runWidth, simulateRuns } from '../../src/engine/montecarlo.js';
import { metricNames } from '../../src/engine/results.js';
import { applyAt } from '../../src/engine/sample.js';
import type { Lever, Scenario } from '../../src/scenario/types.js';
import { baseScenario, START } from './builder.js';

/** Construction runs 0.6–1.8 × its planned time and costs 0.8–1.6 × its capex: how much money 80 k racks need is uncertain. */
function uncertain(): Scenario {
  const sc = baseScenario();
  sc.uncertainty = [
    { path: 'construction.delayFactor', mode: 'set', dist: { type: 'uniform', min: 0.6, max: 1.8 } },
    { path: 'construction.overrunFactor', mode: 'set', dist: { type: 'uniform', min: 0.8, max: 1.6 } },
  ];
  return sc;
}

/** A lever on the budget, in billion CNY. */
const BUDGET: Lever = { id: 'budget', label: 'Budget', path: 'investment.total', unit: 'billion CNY', min: 2, max: 12, step: 0.5 };
const at = (sc: Scenario) => (v: number): Scenario => applyAt(sc, 'investment.total', () => v * 1e9);
const RACKS_2025: GoalTarget = { metric: 'rackCapacity', year: 2025, op: '>=', value: 80_000 };
const SEED = 7;

/**
The runs of `sc` at lever value v, simulated (as monteCarlo simulates them: see "uses common random numbers") up to
the target's year and not after (`simulate`'s through: the same bits for those years, test/engine/through.test.ts):
each (scenario, value, runs, seed, year) once per file, whatever the target in that year. The brute-force sweeps
read these, not the evaluator's runs, so a search reading the wrong runs or column still disagrees with them.
*/
const sims = new WeakMap<Scenario, Map<string, Float64Array>>();
function runsAt(s: Scenario, memoOf: Scenario, key: string, runs: number, seed: number, year: number): Float64Array {
  if (!sims.has(memoOf)) sims.set(memoOf, new Map());
  const memo = sims.get(memoOf)!;
  const k = `${key} ${runs} ${seed} ${year}`;
  if (!memo.has(k)) {
    const out = new Float64Array(runs * runWidth(s));
    simulateRuns(s, seed, 0, runs, out, undefined, year - s.horizon.start);
    memo.set(k, out);
  }
  return memo.get(k)!;
}

/** P(target) in the scenario `s` over runs 0…runs−1 of `seed` (memoised under `memoOf` and `key`). */
function pOf(s: Scenario, memoOf: Scenario, key: string, target: GoalTarget, runs: number, seed: number): number {
  const perRun = runsAt(s, memoOf, key, runs, seed, target.year);
  const Y = START === s.horizon.start ? s.horizon.end - s.horizon.start + 1 : NaN;
  const col = metricNames(s).indexOf(target.metric) * Y + (target.year - s.horizon.start);
  const width = perRun.length / runs;
  let met = 0;
  for (let r = 0; r < runs; r++) if (meetsGoal(target, perRun[r * width + col]!)) met++;
  return met / runs;
}

/** P(target) at lever value v, from all the runs. */
function pAt(sc: Scenario, v: number, target: GoalTarget, runs: number, seed = SEED): number {
  return pOf(at(sc)(v), sc, String(v), target, runs, seed);
}

/**
The evaluator of `sc` for a target's metric and year, its runs kept per lever value: run r at value v is the same
run whichever search asks for it (common random numbers: see "uses common random numbers" below), so the searches
of a file share what they simulated. What a search counts as simulated is its own (goalSeek counts its requests).
*/
const evaluators = new WeakMap<Scenario, Map<string, GoalEvaluator>>();
function sharedEvaluator(sc: Scenario, seed: number, target: GoalTarget): GoalEvaluator {
  if (!evaluators.has(sc)) evaluators.set(sc, new Map());
  const memo = evaluators.get(sc)!;
  const key = `${seed} ${target.metric} ${target.year}`;
  if (!memo.has(key)) {
    const inner = scenarioEvaluator(at(sc), { seed, metric: target.metric, year: target.year });
    const runs = new Map<number, Float64Array>();
    memo.set(key, {
      async values(v, from, to) {
        let have = runs.get(v) ?? new Float64Array(0);
        if (to > have.length) {
          const more = await inner.values(v, have.length, to);
          const all = new Float64Array(to);
          all.set(have);
          all.set(more, have.length);
          runs.set(v, (have = all));
        }
        return have.slice(from, to);
      },
      detail: (v, r) => inner.detail(v, r),
    });
  }
  return memo.get(key)!;
}

async function seek(sc: Scenario, spec: Omit<GoalSpec, 'seed'> & { seed?: number }, prefixRuns?: number) {
  const full: GoalSpec = { seed: SEED, ...spec };
  return goalSeek(full, sharedEvaluator(sc, full.seed, spec.target), prefixRuns !== undefined ? { prefixRuns } : {});
}

describe('wilsonLowerBound', () => {
  it('matches hand-worked cases', () => {
    // 90 of 100: p = 0.9, z² = 3.841459; (0.9 + 0.019207 − 1.959964·√(0.0009 + 0.0000960)) / 1.038415
    //   = (0.919207 − 0.061857) / 1.038415 = 0.825634 (the interval is 0.8256–0.9448)
    expect(wilsonLowerBound(90, 100)).toBeCloseTo(0.825634, 6);
    // all of 10: 1 / (1 + z²/10) = 1 / 1.384146 = 0.722467
    expect(wilsonLowerBound(10, 10)).toBeCloseTo(1 / (1 + 1.959963984540054 ** 2 / 10), 12);
    expect(wilsonLowerBound(10, 10)).toBeCloseTo(0.722467, 6);
    // none: 0; half of 4: (0.5 + 0.480182 − 1.959964·√(0.0625 + 0.060023)) / 1.960365 = 0.150039
    expect(wilsonLowerBound(0, 10)).toBe(0);
    expect(wilsonLowerBound(2, 4)).toBeCloseTo(0.150039, 6);
    expect(wilsonLowerBound(0, 0)).toBe(0);
  });
});

describe('leverGrid', () => {
  it('is min, min + step, …, max, with clean decimals', () => {
    expect(leverGrid({ min: 10, max: 150, step: 5 })).toHaveLength(29);
    expect(leverGrid({ min: 0.2, max: 0.8, step: 0.05 }).map(String)).toEqual(
      ['0.2', '0.25', '0.3', '0.35', '0.4', '0.45', '0.5', '0.55', '0.6', '0.65', '0.7', '0.75', '0.8'],
    );
    // a range that is not a whole number of steps still ends at max
    expect(leverGrid({ min: 0, max: 1, step: 0.3 })).toEqual([0, 0.3, 0.6, 0.9, 1]);
    expect(leverGrid({ min: 3, max: 3, step: 1 })).toEqual([3]);
  });
});

/** The same scenario for the tests of one lever on it, so that the brute-force sweeps are shared (nothing changes it: applyAt copies). */
const UNCERTAIN = uncertain();

describe('goalSeek', () => {
  it('finds a planted threshold: the least budget that meets the target, and one step less does not (same seed)', async () => {
    const sc = UNCERTAIN;
    const runs = 200;
    const res = await seek(sc, { lever: BUDGET, target: RACKS_2025, probability: 0.9, runs });
    expect(res.reachable).toBe(true);
    expect(res.direction).toBe('up');
    // brute force: P at every value of the lever's grid from the bottom up to the first that meets it, over the same runs
    const grid = leverGrid(BUDGET);
    const ps: number[] = [];
    for (const v of grid) if (ps.push(pAt(sc, v, RACKS_2025, runs)) && ps.at(-1)! >= 0.9) break;
    const least = grid[ps.length - 1]!;
    expect(ps.at(-1)).toBeGreaterThanOrEqual(0.9);
    expect(least).toBe(7); // planted: the budget that builds the 80 k racks in nine runs of ten
    expect(res.found.value).toBe(least);
    expect(res.found.probability).toBe(ps[grid.indexOf(least)]);
    expect(res.found.runs).toBe(runs);
    expect(res.found.lowerBound).toBeCloseTo(wilsonLowerBound(res.found.met, runs), 12);
    expect(ps[grid.indexOf(least - BUDGET.step)]).toBeLessThan(0.9);
    expect(res.beyond?.value).toBe(least - BUDGET.step);
    expect(res.beyond!.probability).toBeLessThan(0.9);
    // the search needs fewer values than the grid has
    expect(res.evaluations).toBeLessThan(grid.length / 2);
    expect(res.warnings).toEqual([]);
  });

  it('gives the same answer with a coarse first pass on a prefix of the runs as with plain bisection on all of them', async () => {
    const sc = UNCERTAIN;
    const runs = 400;
    for (const probability of [0.5, 0.8, 0.95]) {
      const coarse = await seek(sc, { lever: BUDGET, target: RACKS_2025, probability, runs }, 50);
      const plain = await seek(sc, { lever: BUDGET, target: RACKS_2025, probability, runs }, runs);
      expect(coarse.found).toEqual(plain.found);
      expect(coarse.beyond!.probability < probability).toBe(true);
      expect(coarse.runsSimulated).toBeLessThan(plain.runsSimulated);
    }
  });

  it('uses common random numbers: the evaluator\'s runs are monteCarlo\'s runs of the same seed', async () => {
    const sc = uncertain();
    const ev = scenarioEvaluator(at(sc), { seed: SEED, metric: 'rackCapacity', year: 2025 });
    const s = at(sc)(6);
    const mc = monteCarlo(s, { runs: 30, seed: SEED });
    const width = mc.perRun.length / 30;
    const col = metricNames(s).indexOf('rackCapacity') * 11 + 5;
    const slice = await ev.values(6, 10, 30);
    for (let r = 10; r < 30; r++) expect(slice[r - 10]).toBe(mc.perRun[r * width + col]);
  });

  it('for a ceiling that more budget breaks, finds the highest value that keeps it', async () => {
    const sc = UNCERTAIN;
    const target: GoalTarget = { metric: 'capexCumCNY', year: 2025, op: '<=', value: 4e9 };
    const runs = 200;
    const res = await seek(sc, { lever: BUDGET, target, probability: 0.8, runs });
    expect(res.direction).toBe('down');
    expect(res.reachable).toBe(true);
    // brute force: P at every value of the grid (the runs of the test above, read for this target)
    const grid = leverGrid(BUDGET);
    const ps = grid.map((v) => pAt(sc, v, target, runs));
    const most = [...grid].reverse().find((v) => ps[grid.indexOf(v)]! >= 0.8)!;
    expect(res.found.value).toBe(most);
    expect(res.beyond?.value).toBe(most + BUDGET.step);
    expect(ps[grid.indexOf(most + BUDGET.step)]).toBeLessThan(0.8);
  });

  it('in the central case (runs: 1) finds where the run itself meets the target', async () => {
    const sc = uncertain();
    const res = await seek(sc, { lever: BUDGET, target: RACKS_2025, probability: 0.9, runs: 1 });
    expect(res.reachable).toBe(true);
    // the central run: the least budget at which it builds 80 k racks by 2025
    const central = leverGrid(BUDGET).find((v) => monteCarlo(at(sc)(v), { runs: 1 }).targets[0]!.met)!;
    expect(res.found.value).toBe(central);
    expect(res.found.probability).toBe(1);
    expect(res.beyond!.probability).toBe(0);
  });

  it('says when the target is out of reach: the best probability, where P levels off, and what binds', async () => {
    const sc = UNCERTAIN;
    // 70 k racks by 2022: a long build cannot be bought back with money
    const target: GoalTarget = { metric: 'rackCapacity', year: 2022, op: '>=', value: 70_000 };
    const lever: Lever = { ...BUDGET, min: 2, max: 12, step: 1 };
    const runs = 200;
    const res = await seek(sc, { lever, target, probability: 0.9, runs });
    expect(res.reachable).toBe(false);
    expect(res.direction).toBe('up');
    const best = pAt(sc, 12, target, runs);
    expect(best).toBeLessThan(0.9);
    expect(res.best.value).toBe(12);
    expect(res.best.probability).toBe(best);
    expect(res.best.lowerBound).toBeCloseTo(wilsonLowerBound(res.best.met, runs), 12);
    // P levels off: the least value within one point of the best, and the value before it is not
    expect(res.found.probability).toBeGreaterThanOrEqual(best - 0.01);
    expect(res.found.value).toBeLessThan(12);
    expect(pAt(sc, res.found.value - 1, target, runs)).toBeLessThan(best - 0.01);
    // what binds at the best value: construction, in every run that misses
    expect(res.binding.value).toBe(12);
    expect(res.binding.missed).toBe(Math.round(runs * (1 - best)));
    expect(res.binding.limit).toBe('construction');
    expect(res.binding.counts).toEqual({ construction: res.binding.examined });
  });

  it('reports a target met nowhere with P 0 at the far end', async () => {
    const sc = uncertain();
    const target: GoalTarget = { metric: 'rackCapacity', year: 2025, op: '>=', value: 1e6 };
    const res = await seek(sc, { lever: BUDGET, target, probability: 0.9, runs: 50 });
    expect(res.reachable).toBe(false);
    expect(res.best.probability).toBe(0);
    expect(res.found.value).toBe(BUDGET.max);
    expect(res.binding.missed).toBe(50);
    expect(res.warnings[0]).toMatch(/met in no run at either end of budget's range/);
  });

  it('met across the whole range: the bottom end, with a flat lever flagged', async () => {
    const sc = uncertain();
    const target: GoalTarget = { metric: 'rackCapacity', year: 2025, op: '>=', value: 10_000 };
    const res = await seek(sc, { lever: BUDGET, target, probability: 0.9, runs: 50 });
    expect(res.reachable).toBe(true);
    expect(res.found.value).toBe(BUDGET.min);
    expect(res.beyond).toBeUndefined();
    expect(res.direction).toBe('up'); // more racks at the top end, though both ends meet it
    const lever: Lever = { ...BUDGET, path: 'energy.wue' };
    const ev = scenarioEvaluator(() => sc, { seed: SEED, metric: 'rackCapacity', year: 2025 });
    const flat = await goalSeek({ lever, target, probability: 0.9, runs: 50, seed: SEED }, ev);
    expect(flat.direction).toBe('flat');
    expect(flat.found.value).toBe(BUDGET.min);
    expect(flat.warnings[0]).toMatch(/does not move rackCapacity/);
  });
});

describe('frontierValues', () => {
  it('spreads the points evenly over the grid, both ends included; the whole grid when it is shorter', () => {
    expect(frontierValues({ id: 'investment', min: 10, max: 150, step: 5 }, 8)).toEqual([10, 30, 50, 70, 90, 110, 130, 150]);
    expect(frontierValues({ id: 'x', min: 0, max: 1, step: 0.25 }, 8)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(frontierValues({ id: 'x', min: 0, max: 1, step: 0.25 })).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(frontierValues({ id: 'x', min: 2, max: 12, step: 0.5 }, 2)).toEqual([2, 12]);
    // 21 values, 4 points: indices 0, 6.67, 13.33, 20 → 0, 7, 13, 20
    expect(frontierValues({ id: 'x', min: 2, max: 12, step: 0.5 }, 4)).toEqual([2, 5.5, 8.5, 12]);
  });
});

describe('goalFrontier', () => {
  /** Construction time uncertain; the cost overrun is the second lever: the more it costs, the more budget 80 k racks need. */
  function delayed(): Scenario {
    const sc = baseScenario();
    sc.uncertainty = [{ path: 'construction.delayFactor', mode: 'set', dist: { type: 'uniform', min: 0.6, max: 1.4 } }];
    return sc;
  }
  const OVERRUN: Lever = { id: 'overrun', label: 'Cost overrun', path: 'construction.overrunFactor', unit: '', min: 0.8, max: 1.6, step: 0.1 };
  const LEVER_A: Lever = { ...BUDGET, min: 2, max: 10, step: 1 };
  const at2 = (sc: Scenario, a: number) => (b: number): Scenario =>
    applyAt(applyAt(sc, 'investment.total', () => a * 1e9), 'construction.overrunFactor', () => b);

  it('at each budget, the highest overrun that still builds 80 k racks in nine runs of ten — as a brute-force sweep of the same runs finds', async () => {
    const sc = delayed();
    const runs = 120;
    const target = RACKS_2025;
    let pauses = 0;
    const started: number[] = [];
    const fr = await goalFrontier(
      { levers: [LEVER_A, OVERRUN], target, probability: 0.9, runs, seed: SEED, points: 5 },
      (a) => scenarioEvaluator(at2(sc, a), { seed: SEED, metric: target.metric, year: target.year }),
      { onPointStart: (i) => started.push(i), pause: async () => void pauses++ },
    );
    expect(fr.points.map((p) => p.a)).toEqual([2, 4, 6, 8, 10]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(pauses).toBeGreaterThan(0);
    const gridB = leverGrid(OVERRUN);
    const brute = (a: number, b: number): number => pOf(at2(sc, a)(b), sc, `${a} ${b}`, target, runs, SEED);
    let reachable = 0;
    for (const p of fr.points) {
      // the sweep of the overruns a point's answer rests on: all of them for "out of reach", those from the top down
      // to the answer for "the highest that still meets it", the answer's own for the rest
      if (!p.result.reachable) {
        const ps = gridB.map((b) => brute(p.a, b));
        expect(ps.filter((x) => x >= 0.9), `budget ${p.a}: no overrun meets it`).toEqual([]);
        expect(p.result.best.probability).toBe(Math.max(...ps));
        continue;
      }
      reachable++;
      const found = p.result.found.value;
      const pFound = brute(p.a, found);
      expect(pFound, `budget ${p.a}`).toBeGreaterThanOrEqual(0.9);
      if (p.result.beyond) {
        // lowering the overrun helps: the answer is the highest that still meets it
        expect(p.result.direction).toBe('down');
        for (const b of gridB.filter((x) => x > found)) expect(brute(p.a, b), `budget ${p.a}, overrun ${b}`).toBeLessThan(0.9);
      }
      expect(p.result.found.probability).toBe(pFound);
    }
    // a real frontier: 2 bn is out of reach, 4 bn needs no overrun at all, 6 bn tolerates more; from 8 bn any overrun does
    expect(fr.points.map((p) => p.result.reachable)).toEqual([false, true, true, true, true]);
    expect(reachable).toBe(4);
    const slope = fr.points.filter((p) => p.result.reachable && p.result.direction === 'down').map((p) => p.result.found.value);
    expect(slope.length).toBeGreaterThanOrEqual(2);
    expect([...slope].sort((x, y) => x - y)).toEqual(slope);
    expect(slope[slope.length - 1]).toBeGreaterThan(slope[0]!);
    expect(fr.points[4]!.result.direction).toBe('flat');
    expect(fr.evaluations).toBe(fr.points.reduce((n, p) => n + p.result.evaluations, 0));
    expect(fr.runsSimulated).toBe(fr.points.reduce((n, p) => n + p.result.runsSimulated, 0));
  });

  it('says a warning once, with the values of lever a it came up at', async () => {
    const sc = delayed();
    const flatB: Lever = { ...OVERRUN, id: 'wue', path: 'energy.wue', min: 0.2, max: 0.8 };
    const fr = await goalFrontier(
      { levers: [LEVER_A, flatB], target: RACKS_2025, probability: 0.9, runs: 20, seed: SEED, points: 3 },
      (a) => scenarioEvaluator((v) => applyAt(applyAt(sc, 'investment.total', () => a * 1e9), 'energy.wue', () => v), { seed: SEED, metric: 'rackCapacity', year: 2025 }),
    );
    expect(fr.points.every((p) => p.result.direction === 'flat')).toBe(true);
    expect(fr.warnings).toEqual(['at every value of budget: wue does not move rackCapacity in 2025: the same at both ends of its range in the first 20 runs']);
  });
});

/**
Goal seek (`dcplan goal`, docs/goal.md): the lever value at the edge of the range
in which a target — one metric in one year, at least or at most a value — is met
with probability at least P.

The lever takes the values of its grid, min, min + step, …, max. The search
assumes that P(met) is monotone in the lever and finds which way it runs from the
two ends of the range: when raising the lever helps, the answer is the least
value that meets the target; when lowering it helps, the most. Every evaluation
uses the same seed, so run r draws the same uncertain inputs at every lever value
(common random numbers: `sampleScenario` seeds each draw by seed, entry and run
only, docs/architecture.md §3.1); two lever values differ only by the lever.

Cost. A full evaluation is `runs` simulations; a plain bisection over a lever's
~30 values costs about seven of them. The search does less, and every number it
reports is still over all the runs:

1. It bisects first on a prefix of the runs (runs 0 … n−1, n ≈ runs/8): an
   estimate of where the edge is.
2. It then checks that estimate and the value one step before it with all the
   runs, walking (doubling its steps) and bisecting from there if the estimate
   was off. A check runs in slices and stops as soon as the count of runs that
   meet decides it either way — the verdict is exactly that of all the runs.
3. The answer is completed to all the runs, so its probability and Wilson
   bound are over every run; the value one step before it was found to fall
   short by the same count.

When the far end of the range falls short of P, the target is not reachable by
this lever: the result says the best probability (at that end, over all runs),
the least (or most) value within one percentage point of it — where turning the
lever further stops helping; checked with all the runs, while the value before
it keeps its verdict from the prefix — and what bound Gui'an at the far end
(`RunDetail.bindingLimit` in the target year): in the central case, and counted
over the runs that miss, each re-run with detail. For a reachable target the
same is read at the answer, over the runs that still miss there.

Two levers (`goalFrontier`): for each value of lever a — its grid, or a few of
its values evenly spread — the seek above on lever b, with a held at that
value: the frontier of the least (or most) b that meets the target at each a.
Every seek uses the same seed, so run r draws the same inputs at every pair.
*/
import type { Lever, Scenario } from '../scenario/types.js';
import { runWidth, simulateRuns } from './montecarlo.js';
import { horizonYears, metricNames, type BindingLimit, type RunResult } from './results.js';
import { sampleScenario, streamNames } from './sample.js';
import { simulate } from './simulate.js';
import { axisValues } from './sweep.js';

export type GoalOp = '>=' | '<=';

/** A target: `metric` in `year` at least (`>=`) or at most (`<=`) `value`, in the metric's base unit. */
export interface GoalTarget {
  metric: string;
  year: number;
  op: GoalOp;
  value: number;
}

export interface GoalSpec {
  lever: Lever;
  target: GoalTarget;
  /** Required share of runs that meet the target, 0 < P < 1. */
  probability: number;
  /** Monte Carlo runs per evaluation (1 = the central case). */
  runs: number;
  seed: number;
}

/** How a goal seek simulates: the scenario at a lever value, run by run. */
export interface GoalEvaluator {
  /** The target metric in sampled runs [from, to) at lever value `value` (run r draws the same at every value). */
  values(value: number, from: number, to: number): Promise<Float64Array>;
  /** One run at `value` with detail (binding limits): the central case for run −1, else sampled run `run`. */
  detail(value: number, run: number): RunResult;
}

/** One lever value evaluated: `met` of the first `runs` runs meet the target. */
export interface GoalEvaluation {
  value: number;
  runs: number;
  met: number;
  probability: number;
}

/** What bound Gui'an in the target year at one lever value. */
export interface GoalBinding {
  /** The lever value it was read at. */
  value: number;
  /** What binds most often in the runs that miss the target (the central case's limit when none miss). */
  limit: BindingLimit;
  /** The central case's limit. */
  central: BindingLimit;
  /** Runs that miss the target at this value. */
  missed: number;
  /** Of those, the first ones (in run order) re-run with detail. */
  examined: number;
  /** The examined runs by limit, most frequent first. */
  counts: Partial<Record<BindingLimit, number>>;
}

export interface GoalResult {
  lever: Lever;
  target: GoalTarget;
  /** The required probability. */
  probability: number;
  runs: number;
  seed: number;
  /** `up`: raising the lever helps (the answer is the least value); `down`: lowering it helps (the most); `flat`: it moves nothing. */
  direction: 'up' | 'down' | 'flat';
  reachable: boolean;
  /**
  Reachable: the least (up) or most (down) lever value that meets the target with
  probability ≥ P. Not reachable: the least (most) value within one point of the
  best probability in the range.
  */
  found: GoalEvaluation & { lowerBound: number };
  /**
  The value one step on the other side and its verdict, absent at the end of the
  range. Its count may stop early, once decided; where P levels off (not
  reachable) it may be the prefix's alone.
  */
  beyond?: GoalEvaluation;
  /** The best probability in the range: at its far end (max when up, min when down), over all runs. */
  best: GoalEvaluation & { lowerBound: number };
  binding: GoalBinding;
  /** Distinct lever values evaluated. */
  evaluations: number;
  /** Runs simulated to evaluate the lever values (the central case for `runs: 1`; not the detail re-runs for the binding limits). */
  runsSimulated: number;
  /** Every value evaluated, by lever value, with the runs it was evaluated on. */
  trace: GoalEvaluation[];
  /** Doubts about the result, in words (P not monotone in the lever). */
  warnings: string[];
}

export interface GoalOptions {
  /** Runs of the first, coarse bisection (default: about runs/8, at least 200; all of them below 800 runs). */
  prefixRuns?: number;
  /** Not reachable: how far below the best probability the reported value may be (default 0.01). */
  plateauTolerance?: number;
  /** Most runs that miss the target to re-run with detail for the binding counts (default 100). */
  examine?: number;
  /** After each batch of simulations: the total simulated so far. */
  onProgress?: (runsSimulated: number) => void;
  /**
  Awaited before each evaluation and each detail re-run of the binding counts:
  a caller on a UI thread yields there (the evaluator's `values` may yield
  too, within a slice of runs).
  */
  pause?: () => Promise<void>;
}

/** The share of runs a goal asks for when none is given. */
export const DEFAULT_GOAL_PROBABILITY = 0.9;

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/**
Lower end of the Wilson score interval for `k` successes in `n` trials (two-sided,
95 % by default).

@example
wilsonLowerBound(90, 100); // => 0.8256… (the interval is 0.826–0.945)
*/
export function wilsonLowerBound(k: number, n: number, z = Z95): number {
  // none of n: exactly 0 (the formula leaves rounding dust)
  if (n <= 0 || k <= 0) return 0;
  const p = k / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - spread) / (1 + z2 / n));
}

const tidy = (v: number): number => (v === 0 ? 0 : Number(v.toPrecision(12)));

/** The lever's values: min, min + step, …, and max (also when the range is not a whole number of steps). */
export function leverGrid(lever: Pick<Lever, 'min' | 'max' | 'step'>): number[] {
  const { min, max, step } = lever;
  if (!(max > min) || !(step > 0)) return [min];
  const steps = Math.floor((max - min) / step + 1e-9);
  const out: number[] = [];
  for (let i = 0; i <= steps; i++) out.push(tidy(min + i * step));
  if (out[out.length - 1]! < max - step * 1e-9) out.push(tidy(max));
  else out[out.length - 1] = tidy(Math.min(out[out.length - 1]!, max));
  return out;
}

/** Runs of the coarse bisection for `runs` runs per evaluation. */
export function prefixRunsFor(runs: number): number {
  return runs < 800 ? runs : Math.max(200, Math.round(runs / 8));
}

/** Does one run's value meet the target? (NaN never does.) */
export function meetsGoal(target: Pick<GoalTarget, 'op' | 'value'>, v: number): boolean {
  return target.op === '>=' ? v >= target.value : v <= target.value;
}

/** Runs that must meet the target, of `m`, for a share of at least `p`. */
const needed = (p: number, m: number): number => Math.ceil(p * m - 1e-9);

/**
An evaluator that simulates in this thread: `scenarioAt(value)` is the scenario
with the lever at `value` (resolved once per value). `range` may replace how a
slice of runs is simulated (the CLI runs them on worker threads); it must write
runs [from, to) of `seed`, (to − from) × runWidth values, as `simulateRuns` does,
and may stop each run after year index `through` (the target's year: no later
year is read).
*/
export function scenarioEvaluator(
  scenarioAt: (value: number) => Scenario,
  opts: {
    seed: number;
    metric: string;
    year: number;
    range?: (scenario: Scenario, value: number, from: number, to: number, out: Float64Array, through: number) => Promise<void> | void;
  },
): GoalEvaluator {
  const cache = new Map<number, Scenario>();
  const at = (value: number): Scenario => {
    let s = cache.get(value);
    if (!s) {
      s = scenarioAt(value);
      cache.set(value, s);
    }
    return s;
  };
  const column = (sc: Scenario): { width: number; col: number; y: number } => {
    const k = metricNames(sc).indexOf(opts.metric);
    const Y = horizonYears(sc).length;
    const y = opts.year - sc.horizon.start;
    if (k < 0 || y < 0 || y >= Y) throw new RangeError(`no metric ${opts.metric} in ${opts.year}`);
    return { width: runWidth(sc), col: k * Y + y, y };
  };
  const range =
    opts.range ?? ((sc: Scenario, _v: number, from: number, to: number, out: Float64Array, through: number) => simulateRuns(sc, opts.seed, from, to, out, undefined, through));
  return {
    async values(value, from, to) {
      const sc = at(value);
      const { width, col, y } = column(sc);
      const out = new Float64Array((to - from) * width);
      await range(sc, value, from, to, out, y);
      const vals = new Float64Array(to - from);
      for (let r = 0; r < to - from; r++) vals[r] = out[r * width + col]!;
      return vals;
    },
    detail(value, run) {
      const sc = at(value);
      return simulate(run < 0 ? sc : sampleScenario(sc, opts.seed, run, streamNames(sc.uncertainty)), { detail: true });
    },
  };
}

/** The target metric's value in a run with detail. */
function targetValue(run: RunResult, target: GoalTarget): number {
  const k = run.metrics.indexOf(target.metric);
  const Y = run.years.length;
  const y = target.year - run.years[0]!;
  return k < 0 || y < 0 || y >= Y ? NaN : run.values[k * Y + y]!;
}

function bindingOf(run: RunResult, year: number): BindingLimit {
  const limits = run.detail?.bindingLimit ?? [];
  return limits[year - run.years[0]!] ?? 'demand';
}

interface Column {
  /** The target metric per run, filled for runs [0, filled). */
  vals: Float64Array;
  filled: number;
  /** Runs among the filled ones that meet the target. */
  met: number;
}

/**
Find the lever value at the edge of where the target is met with probability ≥
`spec.probability` (see the module comment). Throws only for an evaluator's
errors; every verdict about the goal is in the result.
*/
export async function goalSeek(spec: GoalSpec, evaluator: GoalEvaluator, options: GoalOptions = {}): Promise<GoalResult> {
  const { lever, target } = spec;
  const N = Math.max(1, Math.floor(spec.runs));
  const n = Math.min(N, Math.max(1, Math.floor(options.prefixRuns ?? prefixRunsFor(N))));
  const tolerance = options.plateauTolerance ?? 0.01;
  const grid = leverGrid(lever);
  const K = grid.length - 1;
  const columns = new Map<number, Column>();
  let simulated = 0;

  /** Extend lever index i's runs to `upto`. */
  const extend = async (i: number, upto: number): Promise<Column> => {
    let c = columns.get(i);
    if (!c) {
      c = { vals: new Float64Array(N), filled: 0, met: 0 };
      columns.set(i, c);
    }
    if (c.filled >= upto) return c;
    if (options.pause) await options.pause();
    const from = c.filled;
    const vals = N === 1 ? Float64Array.of(targetValue(evaluator.detail(grid[i]!, -1), target)) : await evaluator.values(grid[i]!, from, upto);
    for (let r = 0; r < upto - from; r++) {
      const v = vals[r]!;
      c.vals[from + r] = v;
      if (meetsGoal(target, v)) c.met++;
    }
    c.filled = upto;
    simulated += upto - from;
    options.onProgress?.(simulated);
    return c;
  };

  /**
  Does lever index i meet share p over all N runs? Runs are added in slices of n
  and the count stops as soon as it decides the verdict.
  */
  const decide = async (i: number, p: number): Promise<boolean> => {
    const need = needed(p, N);
    let c = await extend(i, Math.min(N, n));
    while (c.met < need && c.met + (N - c.filled) >= need) c = await extend(i, Math.min(N, c.filled + n));
    return c.met >= need;
  };
  const metIn = (i: number, m: number): number => {
    const c = columns.get(i)!;
    let k = 0;
    for (let r = 0; r < m; r++) if (meetsGoal(target, c.vals[r]!)) k++;
    return k;
  };

  // ---- which way the lever moves the target: its two ends, on the first n runs ----
  await extend(0, n);
  await extend(K, n);
  let direction: GoalResult['direction'] = 'flat';
  if (K > 0) {
    const m0 = metIn(0, n);
    const mK = metIn(K, n);
    if (mK !== m0) direction = mK > m0 ? 'up' : 'down';
    else {
      const diff = finiteMean(columns.get(K)!.vals, n) - finiteMean(columns.get(0)!.vals, n);
      const better = target.op === '>=' ? diff : -diff;
      const scale = Math.max(Math.abs(target.value), 1e-12);
      if (Math.abs(better) > scale * 1e-12) direction = better > 0 ? 'up' : 'down';
    }
  }
  /** Position p (0 = the end where the target is hardest) → lever index. */
  const idx = (p: number): number => (direction === 'down' ? K - p : p);

  // ---- the far end: reachable at all? ----
  const far = idx(K);
  const reachable = await decide(far, spec.probability);
  await extend(far, N);
  const farCol = columns.get(far)!;
  const bestMet = farCol.met;

  /**
  Least position whose share over all N runs is ≥ p, given that position K's is;
  `checkBefore`: the position before it is shown to fall short over all N runs
  too (else on the prefix only).
  */
  const edge = async (p: number, checkBefore: boolean): Promise<{ at: number; before: number }> => {
    // 1. coarse bisection on the first n runs, against p shifted by how far the prefix is off at the far end
    //    (on a plateau just under P, the prefix's own plateau may sit a little above or below the full one)
    const pn = Math.min(1, Math.max(1 / n, p + metIn(far, n) / n - farCol.met / N));
    const okPrefix = (pos: number): boolean => metIn(idx(pos), n) >= needed(pn, n);
    let est: number;
    if (okPrefix(0)) est = 0;
    else {
      let lo = 0;
      let hi = K;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        await extend(idx(mid), n);
        if (okPrefix(mid)) hi = mid;
        else lo = mid;
      }
      est = hi;
    }
    // 2. with all the runs: check the estimate, walk from it in doubling steps, bisect
    let lo = -1;
    let hi = K;
    if (est === K || (await decide(idx(est), p))) {
      hi = est;
      // where P levels off (not reachable), the estimate's neighbour keeps its verdict on the first n runs
      if (!checkBefore) return { at: est, before: est - 1 };
      for (let step = 1; hi > 0; step *= 2) {
        const c = Math.max(0, hi - step);
        if (await decide(idx(c), p)) hi = c;
        else {
          lo = c;
          break;
        }
      }
    } else {
      lo = est;
      for (let step = 1; ; step *= 2) {
        const c = lo + step;
        if (c >= hi) break;
        if (await decide(idx(c), p)) {
          hi = c;
          break;
        }
        lo = c;
      }
    }
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (await decide(idx(mid), p)) hi = mid;
      else lo = mid;
    }
    return { at: hi, before: lo };
  };

  let pos: { at: number; before: number };
  if (reachable) pos = await edge(spec.probability, true);
  else if (bestMet === 0) pos = { at: K, before: K - 1 };
  else pos = await edge(Math.max(1 / N, bestMet / N - tolerance), false);

  const foundIdx = idx(pos.at);
  await extend(foundIdx, N);
  const evaluation = (i: number): GoalEvaluation => {
    const c = columns.get(i)!;
    return { value: grid[i]!, runs: c.filled, met: c.met, probability: c.met / c.filled };
  };
  const withBound = (i: number): GoalEvaluation & { lowerBound: number } => ({ ...evaluation(i), lowerBound: wilsonLowerBound(columns.get(i)!.met, columns.get(i)!.filled) });

  // ---- what binds: where the target is missed for good (not reachable: the far end), else at the answer ----
  const bindAt = reachable ? foundIdx : far;
  const binding = await bindingAt(evaluator, grid[bindAt]!, columns.get(bindAt)!, N, target, options.examine ?? 100, options.pause);

  const trace = [...columns.keys()].sort((a, b) => a - b).map(evaluation);
  const result: GoalResult = {
    lever,
    target,
    probability: spec.probability,
    runs: N,
    seed: spec.seed,
    direction,
    reachable,
    found: withBound(foundIdx),
    best: withBound(far),
    binding,
    evaluations: columns.size,
    runsSimulated: simulated,
    trace,
    warnings: monotonyWarnings(lever, grid, columns, direction, n, target),
  };
  if (pos.before >= 0 && pos.before <= K) {
    const b = idx(pos.before);
    if (columns.has(b)) result.beyond = evaluation(b);
  }
  return result;
}

function finiteMean(vals: Float64Array, m: number): number {
  let sum = 0;
  let k = 0;
  for (let r = 0; r < m; r++) {
    const v = vals[r]!;
    if (Number.isFinite(v)) {
      sum += v;
      k++;
    }
  }
  return k > 0 ? sum / k : 0;
}

async function bindingAt(
  evaluator: GoalEvaluator, value: number, col: Column, N: number, target: GoalTarget, examine: number, pause?: () => Promise<void>,
): Promise<GoalBinding> {
  if (pause) await pause();
  const central = evaluator.detail(value, -1);
  const centralLimit = bindingOf(central, target.year);
  const counts = new Map<BindingLimit, number>();
  let missed = 0;
  let examined = 0;
  if (N === 1) {
    if (!meetsGoal(target, targetValue(central, target))) {
      missed = examined = 1;
      counts.set(centralLimit, 1);
    }
  } else {
    for (let r = 0; r < N; r++) {
      if (meetsGoal(target, col.vals[r]!)) continue;
      missed++;
      if (examined >= examine) continue;
      examined++;
      if (pause) await pause();
      const lim = bindingOf(evaluator.detail(value, r), target.year);
      counts.set(lim, (counts.get(lim) ?? 0) + 1);
    }
  }
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return {
    value,
    limit: sorted[0]?.[0] ?? centralLimit,
    central: centralLimit,
    missed,
    examined,
    counts: Object.fromEntries(sorted),
  };
}

/**
P should not fall where the lever helps: compare every two evaluated values on
the runs both have (common random numbers, so the difference is paired).
*/
function monotonyWarnings(
  lever: Lever, grid: number[], columns: Map<number, Column>, direction: GoalResult['direction'], n: number, target: GoalTarget,
): string[] {
  if (direction === 'flat') {
    if (grid.length < 2) return [`${lever.id} has one value (min = max): nothing to search`];
    return [`${lever.id} does not move ${target.metric} in ${target.year}: the same at both ends of its range in the first ${n} runs`];
  }
  const keys = [...columns.keys()].sort((a, b) => a - b);
  let worst: { a: number; b: number; pa: number; pb: number; m: number } | undefined;
  for (let x = 0; x < keys.length; x++) {
    for (let y = x + 1; y < keys.length; y++) {
      const [a, b] = [keys[x]!, keys[y]!];
      const ca = columns.get(a)!;
      const cb = columns.get(b)!;
      const m = Math.min(ca.filled, cb.filled);
      let ka = 0;
      let kb = 0;
      for (let r = 0; r < m; r++) {
        if (meetsGoal(target, ca.vals[r]!)) ka++;
        if (meetsGoal(target, cb.vals[r]!)) kb++;
      }
      // the lower index should not do better when the lever helps upward, nor the higher when it helps downward
      const drop = direction === 'up' ? (ka - kb) / m : (kb - ka) / m;
      if (drop > 0.05 && (!worst || drop > Math.abs(worst.pa - worst.pb))) worst = { a, b, pa: ka / m, pb: kb / m, m };
    }
  }
  if (!worst) {
    const ends = [columns.get(0)!, columns.get(grid.length - 1)!];
    if (grid.length > 2 && keys.length === 2 && ends.every((c) => c.met === 0)) {
      return [`the target is met in no run at either end of ${lever.id}'s range; the search assumes P is monotone in the lever, so it looked no further`];
    }
    return [];
  }
  const pct = (p: number): string => `${(p * 100).toFixed(1)} %`;
  return [
    `P is not monotone in ${lever.id}: ${pct(worst.pa)} at ${grid[worst.a]} but ${pct(worst.pb)} at ${grid[worst.b]} (the same ${worst.m} runs); ` +
      'the search assumes it is, so the edge it found may not be the only one',
  ];
}

// ---- two levers: the frontier ----

/** Values of lever a a frontier visits when none are asked for. */
export const DEFAULT_FRONTIER_POINTS = 8;

/**
The values of lever a that a frontier visits: its whole grid (`points`
undefined, or at least the grid's length), else `points` of them spread evenly
over it, both ends included — the sweep's evenly spaced axis over the grid's
indices, each rounded to the nearest grid value.

@example
frontierValues({ min: 10, max: 150, step: 5 }, 8); // => [10, 30, 50, 70, 90, 110, 130, 150]
*/
export function frontierValues(lever: Pick<Lever, 'id' | 'min' | 'max' | 'step'>, points?: number): number[] {
  const grid = leverGrid(lever);
  if (points === undefined || points >= grid.length) return grid;
  const idx = axisValues({ path: lever.id, from: 0, to: grid.length - 1, steps: Math.max(1, Math.floor(points)) }).map((i) => Math.round(i));
  return [...new Set(idx)].map((i) => grid[i]!);
}

export interface FrontierSpec {
  /** Lever a (held at each of its values in turn) and lever b (sought at each). */
  levers: [Lever, Lever];
  target: GoalTarget;
  probability: number;
  runs: number;
  seed: number;
  /** How many values of lever a (default: `DEFAULT_FRONTIER_POINTS`; its whole grid when that is shorter). */
  points?: number;
}

/** One point of the frontier: lever a at `a`, and the goal seek on lever b there. */
export interface FrontierPoint {
  a: number;
  result: GoalResult;
}

export interface FrontierResult {
  levers: [Lever, Lever];
  target: GoalTarget;
  probability: number;
  runs: number;
  seed: number;
  /** One per value of lever a, in order. */
  points: FrontierPoint[];
  /** Pairs (a, b) evaluated, over every point. */
  evaluations: number;
  runsSimulated: number;
  /** The seeks' warnings, each once, with the values of a it came up at. */
  warnings: string[];
}

export interface FrontierOptions extends Omit<GoalOptions, 'onProgress'> {
  /** After each batch of simulations: the total simulated so far, over every point, and the point being sought. */
  onProgress?: (runsSimulated: number, point: number) => void;
  /** Before the seek at point i (of `total`), lever a at `a`. */
  onPointStart?: (i: number, total: number, a: number) => void;
  /** After the seek at point i. */
  onPoint?: (i: number, total: number, point: FrontierPoint) => void;
}

/**
The frontier of two levers: for each value of lever a (`frontierValues`), the
goal seek on lever b with a held there (`evaluatorAt(a)` simulates the scenario
with a at that value, b at any value, with `spec.seed`). The points are
independent seeks; each reports the least (most) b that meets the target with
probability ≥ P, or that none in b's range does, with its best P and what binds.
*/
export async function goalFrontier(
  spec: FrontierSpec, evaluatorAt: (a: number) => GoalEvaluator, options: FrontierOptions = {},
): Promise<FrontierResult> {
  const [leverA, leverB] = spec.levers;
  const values = frontierValues(leverA, spec.points ?? DEFAULT_FRONTIER_POINTS);
  const points: FrontierPoint[] = [];
  let simulated = 0;
  const { onProgress, onPointStart, onPoint, ...seekOptions } = options;
  for (const [i, a] of values.entries()) {
    onPointStart?.(i, values.length, a);
    const before = simulated;
    const result = await goalSeek(
      { lever: leverB, target: spec.target, probability: spec.probability, runs: spec.runs, seed: spec.seed },
      evaluatorAt(a),
      { ...seekOptions, onProgress: (n) => onProgress?.(before + n, i) },
    );
    simulated = before + result.runsSimulated;
    const point = { a, result };
    points.push(point);
    onPoint?.(i, values.length, point);
  }
  // a warning that comes up at several values of a is said once, naming them
  const byText = new Map<string, number[]>();
  for (const p of points) for (const w of p.result.warnings) byText.set(w, [...(byText.get(w) ?? []), p.a]);
  const warnings = [...byText].map(([w, at]) =>
    at.length === points.length && points.length > 1 ? `at every value of ${leverA.id}: ${w}` : `at ${leverA.id} = ${at.join(', ')}: ${w}`,
  );
  return {
    levers: [leverA, leverB],
    target: spec.target,
    probability: spec.probability,
    runs: Math.max(1, Math.floor(spec.runs)),
    seed: spec.seed,
    points,
    evaluations: points.reduce((n, p) => n + p.result.evaluations, 0),
    runsSimulated: simulated,
    warnings,
  };
}

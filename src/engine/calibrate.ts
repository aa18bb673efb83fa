/**
Calibration (`dcplan calibrate`): confront a scenario's uncertainty with reported
figures — an `ObservationSet` (src/scenario/types.ts) — and say what the
observations imply for the uncertain inputs and the results.

**Model value of an observation.** The run's value of `obs.metric` in `obs.year`.
When the observation gives a month and the metric is a stock (a year-end value:
STOCK_METRICS in src/scenario/metric-names.ts), it is read between year ends:
prev + (month/12)·(cur − prev), prev being the previous year's end (the year's
own value in the horizon's first year), as src/engine/observe.ts reads it. Flows,
rates and derived metrics use the year's value.

**Residual** r of a model value m against an observation (r > 0: the model is
above), weighted by the observation's quality q (1 sourced, 0.5 low-quality):

- two-sided, lo > 0: r = (ln m − ln c) / h, with c the observation's `center`
  (else √(lo·hi)) and h = ½(ln hi − ln lo), at least 0.01 — the interval is read
  as a 90 % interval in log space;
- two-sided with lo ≤ 0: the same in linear space (c = center or the midpoint,
  h = ½(hi − lo));
- one-sided (an `atLeast` floor lo or an `atMost` ceiling hi; the other end of
  an atMost interval is the metric's floor and says nothing): a hinge, 0 on the right side of the
  bound, and beyond it the log distance to the bound over s = ln(1 + max(u, 0.1)),
  u being the observation's own relative uncertainty (linear, over
  s·max(|bound|, 1), for a bound ≤ 0);
- no finite bound: 0 (it says nothing).

**Best fit.** The fitted entries (`fit`: uncertainty entries by path, `path#n`
for a repeated path; default every entry whose prior has width) are chosen in
the prior's support (the min–max of uniform, triangular, PERT and discrete
priors; the 0.01 %–99.99 % quantiles of normal and lognormal ones) to minimise
Σ q·r² over the fitted observations, averaged over K = `fitRuns` (32) runs
drawn once with the Monte Carlo's own streams (runs 0..K−1 of the seed: the
other entries and phase risks as drawn, the fitted entries at the candidate
values) — common random numbers, so the objective is deterministic. When no
entry is left to draw (every entry fitted, no phase risks), one run suffices;
with `runs: 1`, the central case. A tie-break, 0.01·Σ ((x − prior P50) / half the
prior's P5–P95 width)², is added: where the observations cannot tell values
apart (more entries than observations say anything about), the fit stays near
the prior median instead of drifting to the edge of the prior; where they can,
it moves the fit by a negligible amount (`ridge: 0` turns it off). The
optimiser is Nelder–Mead with each value mapped into its bounds by a sine
transformation (src/engine/optimize.ts), started from the posterior median. A
fitted value is a value set, or the factor of a `scale` entry.

**Posterior.** N = `runs` prior runs (the streams of `monteCarlo`: run r draws
drawsFor(scenario, seed, r)), each weighted by the likelihood of the fitted
observations, exp(−½·1.645²·Σ q·r²): a Gaussian in log space around each
two-sided interval's centre with sd = h/1.645 (the interval is a 90 % interval),
1 inside a one-sided bound and a Gaussian fall-off beyond it; low-quality
observations count as the likelihood to the power 0.5. Weights are normalised;
the effective sample size is ESS = (Σw)²/Σw². Posterior P5/P50/P95 of each
entry's draws and of each observation's model value are weighted quantiles
(`weightedQuantile`); the prior ones use equal weights.

**Scores.** For each observation, against the posterior P5–P95 band [l, u] of its
model value: `inside` when the observation's interval overlaps the band;
coverage is the share inside. The interval score (Gneiting & Raftery 2007) of
the 90 % band, α = 0.1, is (u − l) + (2/α)(l − y)·1[y < l] + (2/α)(y − u)·1[y > u],
y being the observation's centre (or the midpoint, or √(lo·hi)); for a one-sided
observation y is its bound and only a band wholly on the wrong side of it is
penalised. It is in the metric's unit; `scoreRelative` divides it by |y|.
With `holdoutAfter`, only observations with year ≤ holdoutAfter are fitted and
weighted; the later ones are scored out of sample.

The best fit's own value per observation is the central run of the best-fit
scenario: the scenario as written with the fitted entries at their best values
(what `dcplan run <calibrated.yaml> --central` shows).

Pure and deterministic: no files, no console, no clock; the same inputs give the
same numbers.
*/
import { didYouMean } from '../scenario/errors.js';
import { STOCK_METRICS } from '../scenario/metric-names.js';
import type { DistributionSpec, Observation, ObservationSet, Scenario } from '../scenario/types.js';
import { cholesky, quantileOf, spearmanToPearson, triangular } from './distributions.js';
import { runWidth, simulateRuns } from './montecarlo.js';
import { minimizeBounded, nelderMead } from './optimize.js';
import { metricNames } from './results.js';
import { applyDraws, applyPhaseRisks, drawsFor, streamNames } from './sample.js';
import { simulate } from './simulate.js';

/** The standard normal's 95 % quantile: a 90 % interval is ±1.645 sd. */
export const Z90 = 1.6448536269514722;
/** α of the 90 % interval score. */
export const ALPHA = 0.1;
export const DEFAULT_CALIBRATION_RUNS = 1000;
export const DEFAULT_FIT_RUNS = 32;
export const LOW_QUALITY_WEIGHT = 0.5;
/** Simulations the best fit may spend (evaluations × K) before it stops, unless maxEvals says otherwise. */
const MAX_FIT_SIMULATIONS = 40_000;
/** Tie-break of the best fit toward the prior median (see the module comment). */
export const DEFAULT_RIDGE = 0.01;
/** Below this effective sample size the posterior rests on too few runs. */
export const MIN_ESS = 50;
/** Smallest half-width of a two-sided interval in log units (a point reported as exact). */
const MIN_LOG_HALF_WIDTH = 0.01;
/** Smallest relative scale of a one-sided hinge. */
const MIN_HINGE = 0.1;
/** Residual given to a model value that is not a finite number. */
const NON_FINITE_RESIDUAL = 100;

/** A metric that is a year-end value (STOCK_METRICS, the table src/engine/observe.ts reads too), read between year ends for a dated observation. Derived metrics are not. */
export function isStock(metric: string): boolean {
  return STOCK_METRICS.has(metric);
}

// ------------------------------------------------------------------ statistics

export interface Quantiles {
  p5: number;
  p50: number;
  p95: number;
}

/**
The p-quantile of `values` under `weights` (≥ 0, any total > 0): linear
interpolation between the points at (C_{i−1} + w_i/2)/W in value order (Hazen's
plotting positions, which equal weights reduce to), held flat beyond the first
and last. Points of zero weight are ignored. NaN values are ignored.
*/
export function weightedQuantile(values: ArrayLike<number>, weights: ArrayLike<number> | undefined, p: number): number {
  return weightedQuantiles(values, weights, [p])[0]!;
}

/** Several weighted quantiles of the same values (one sort). */
export function weightedQuantiles(values: ArrayLike<number>, weights: ArrayLike<number> | undefined, ps: readonly number[]): number[] {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i]! : 1;
    if (w > 0 && !Number.isNaN(values[i]!)) idx.push(i);
  }
  if (idx.length === 0) return ps.map(() => NaN);
  idx.sort((a, b) => values[a]! - values[b]! || a - b);
  let total = 0;
  for (const i of idx) total += weights ? weights[i]! : 1;
  const pos = new Float64Array(idx.length);
  let acc = 0;
  idx.forEach((i, k) => {
    const w = weights ? weights[i]! : 1;
    pos[k] = (acc + w / 2) / total;
    acc += w;
  });
  return ps.map((p) => {
    if (p <= pos[0]!) return values[idx[0]!]!;
    const last = idx.length - 1;
    if (p >= pos[last]!) return values[idx[last]!]!;
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (pos[mid]! <= p) lo = mid;
      else hi = mid;
    }
    const a = values[idx[lo]!]!;
    const b = values[idx[hi]!]!;
    const t = (p - pos[lo]!) / (pos[hi]! - pos[lo]!);
    return a + t * (b - a);
  });
}

export function quantiles(values: ArrayLike<number>, weights?: ArrayLike<number>): Quantiles {
  const [p5, p50, p95] = weightedQuantiles(values, weights, [0.05, 0.5, 0.95]) as [number, number, number];
  return { p5, p50, p95 };
}

/** Effective sample size of importance weights: (Σw)² / Σw². */
export function effectiveSampleSize(weights: ArrayLike<number>): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < weights.length; i++) {
    s += weights[i]!;
    s2 += weights[i]! * weights[i]!;
  }
  return s2 > 0 ? (s * s) / s2 : 0;
}

/** Weights from log-weights, normalised to sum 1 (the largest first scaled to 1, so nothing underflows to all zeros). */
export function normaliseLogWeights(logW: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logW.length; i++) if (logW[i]! > max) max = logW[i]!;
  const w = new Float64Array(logW.length);
  if (!Number.isFinite(max)) return w.fill(logW.length > 0 ? 1 / logW.length : 0);
  let s = 0;
  for (let i = 0; i < logW.length; i++) {
    w[i] = Math.exp(logW[i]! - max);
    s += w[i]!;
  }
  for (let i = 0; i < w.length; i++) w[i] = w[i]! / s;
  return w;
}

/** Weighted Spearman rank correlation: the weighted Pearson correlation of weighted mid-ranks (ECDF positions). */
export function weightedRankCorrelation(x: ArrayLike<number>, y: ArrayLike<number>, w: ArrayLike<number>): number {
  const rx = midRanks(x, w);
  const ry = midRanks(y, w);
  let sw = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < w.length; i++) {
    sw += w[i]!;
    mx += w[i]! * rx[i]!;
    my += w[i]! * ry[i]!;
  }
  if (!(sw > 0)) return NaN;
  mx /= sw;
  my /= sw;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < w.length; i++) {
    const dx = rx[i]! - mx;
    const dy = ry[i]! - my;
    sxy += w[i]! * dx * dy;
    sxx += w[i]! * dx * dx;
    syy += w[i]! * dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

function midRanks(v: ArrayLike<number>, w: ArrayLike<number>): Float64Array {
  const idx = Array.from({ length: v.length }, (_, i) => i).sort((a, b) => v[a]! - v[b]! || a - b);
  const out = new Float64Array(v.length);
  let acc = 0;
  let k = 0;
  while (k < idx.length) {
    // ties share one mid-rank
    let j = k;
    let tw = 0;
    while (j < idx.length && v[idx[j]!] === v[idx[k]!]) tw += w[idx[j++]!]!;
    for (let t = k; t < j; t++) out[idx[t]!] = acc + tw / 2;
    acc += tw;
    k = j;
  }
  return out;
}

/**
A triangular distribution whose 5 %, 50 % and 95 % quantiles match `q` as
closely as it can, its ends kept within [lo, hi] (the prior's support). Used to
write a posterior as a scenario distribution.
*/
export function triangularFromQuantiles(q: Quantiles, lo = -Infinity, hi = Infinity): { min: number; mode: number; max: number } {
  const span = q.p95 - q.p5;
  const clip = (x: number): number => Math.min(hi, Math.max(lo, x));
  if (!(span > 1e-12 * Math.max(1, Math.abs(q.p50)))) {
    const v = clip(q.p50);
    return { min: v, mode: v, max: v };
  }
  const shape = (z: readonly number[]): [number, number, number] => {
    const a = q.p5 - span * Math.exp(z[0]!);
    const b = q.p95 + span * Math.exp(z[1]!);
    return [a, a + (b - a) / (1 + Math.exp(-z[2]!)), b];
  };
  const err = (z: readonly number[]): number => {
    const [a, m, b] = shape(z);
    const e5 = (triangular(a, m, b, 0.05) - q.p5) / span;
    const e50 = (triangular(a, m, b, 0.5) - q.p50) / span;
    const e95 = (triangular(a, m, b, 0.95) - q.p95) / span;
    return e5 * e5 + e50 * e50 + e95 * e95;
  };
  const skew = (q.p50 - q.p5) / span;
  const r = nelderMead(err, [Math.log(0.25), Math.log(0.25), Math.log(Math.max(0.02, Math.min(0.98, skew)) / (1 - Math.max(0.02, Math.min(0.98, skew))))], { tolF: 1e-14, tolX: 1e-9, maxEvals: 2000 });
  const [a, m, b] = shape(r.x);
  const min = clip(a);
  const max = clip(b);
  return { min, mode: Math.min(max, Math.max(min, m)), max };
}

// ------------------------------------------------------------------ observations

/** How a run's yearly values give an observation's model value. */
interface ReadSpec {
  col: number;
  /** Column of the previous year-end, or −1 (the year's value is used). */
  prev: number;
  frac: number;
}

function readSpec(scenario: Scenario, obs: Observation): ReadSpec {
  const Y = scenario.horizon.end - scenario.horizon.start + 1;
  const k = metricNames(scenario).indexOf(obs.metric);
  const y = obs.year - scenario.horizon.start;
  const col = k * Y + y;
  if (obs.month !== undefined && isStock(obs.metric) && y > 0) return { col, prev: col - 1, frac: obs.month / 12 };
  return { col, prev: -1, frac: 1 };
}

function readValue(values: ArrayLike<number>, offset: number, s: ReadSpec): number {
  const cur = values[offset + s.col]!;
  if (s.prev < 0) return cur;
  const prev = values[offset + s.prev]!;
  return prev + s.frac * (cur - prev);
}

/** The model value of `obs` in one run's yearly values (`simulate(...).values`). */
export function observedModelValue(scenario: Scenario, values: ArrayLike<number>, obs: Observation): number {
  return readValue(values, 0, readSpec(scenario, obs));
}

/** Problems that make an observation unusable with this scenario (unknown metric, year outside the horizon, bad interval). */
export function observationProblems(scenario: Scenario, set: ObservationSet): { obs: Observation; message: string }[] {
  const names = metricNames(scenario);
  const out: { obs: Observation; message: string }[] = [];
  for (const obs of set.observations) {
    if (!names.includes(obs.metric)) out.push({ obs, message: `metric "${obs.metric}" is not a metric of ${scenario.name}` });
    else if (!(obs.year >= scenario.horizon.start && obs.year <= scenario.horizon.end)) {
      out.push({ obs, message: `year ${obs.year} is outside the scenario's horizon ${scenario.horizon.start}–${scenario.horizon.end}` });
    } else if (obs.month !== undefined && !(Number.isInteger(obs.month) && obs.month >= 1 && obs.month <= 12)) {
      out.push({ obs, message: `month must be 1–12, got ${obs.month}` });
    } else if (Number.isNaN(obs.lo) || Number.isNaN(obs.hi) || obs.lo > obs.hi) out.push({ obs, message: `the interval ${obs.lo}–${obs.hi} is empty` });
  }
  return out;
}

/** Which bounds of an observation count: both (point, range), its floor (atLeast) or its ceiling (atMost). */
export type Sides = 'both' | 'floor' | 'ceiling' | 'none';

type Bounds = Pick<Observation, 'lo' | 'hi' | 'center'> & { kind?: Observation['kind'] };

/**
A one-sided kind is one-sided whatever its other bound (an atMost's interval
starts at the metric's floor, 0 or 1, which is no information); otherwise the
finite bounds decide.
*/
export function sidesOf(obs: Bounds): Sides {
  const loF = Number.isFinite(obs.lo);
  const hiF = Number.isFinite(obs.hi);
  if (obs.kind === 'atLeast') return loF ? 'floor' : 'none';
  if (obs.kind === 'atMost') return hiF ? 'ceiling' : 'none';
  return loF && hiF ? 'both' : loF ? 'floor' : hiF ? 'ceiling' : 'none';
}

/** The residual function of an observation (see the module comment): r(m), r > 0 when the model is above. */
export function residualOf(obs: Bounds & { uncertainty?: number }): (m: number) => number {
  const { lo, hi } = obs;
  const s = Math.log(1 + Math.max(obs.uncertainty ?? 0, MIN_HINGE));
  const guard = (f: (m: number) => number) => (m: number): number => (Number.isFinite(m) ? f(m) : NON_FINITE_RESIDUAL);
  switch (sidesOf(obs)) {
    case 'both': {
      if (lo > 0) {
        const c = obs.center !== undefined && obs.center > 0 ? obs.center : Math.sqrt(lo * hi);
        const lc = Math.log(c);
        const h = Math.max(MIN_LOG_HALF_WIDTH, (Math.log(hi) - Math.log(lo)) / 2);
        const floor = lo * 1e-6;
        return guard((m) => (Math.log(Math.max(m, floor)) - lc) / h);
      }
      const c = obs.center ?? (lo + hi) / 2;
      const h = Math.max((hi - lo) / 2, 1e-9 * Math.max(1, Math.abs(c)));
      return guard((m) => (m - c) / h);
    }
    case 'floor': {
      if (lo > 0) return guard((m) => (m >= lo ? 0 : -(Math.log(lo) - Math.log(Math.max(m, lo * 1e-6))) / s));
      const scale = s * Math.max(Math.abs(lo), 1);
      return guard((m) => (m >= lo ? 0 : (m - lo) / scale));
    }
    case 'ceiling': {
      if (hi > 0) return guard((m) => (m <= hi ? 0 : (Math.log(m) - Math.log(hi)) / s));
      const scale = s * Math.max(Math.abs(hi), 1);
      return guard((m) => (m <= hi ? 0 : (m - hi) / scale));
    }
    case 'none':
      return () => 0;
  }
}

/** Log-likelihood of residuals r with quality weights q: −½·1.645²·Σ q·r². */
export function logLikelihood(r: ArrayLike<number>, q: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += q[i]! * r[i]! * r[i]!;
  return -0.5 * Z90 * Z90 * s;
}

/** The value an observation is scored at: its centre (else the middle of its interval), or its one bound. */
export function observedPoint(obs: Bounds): number {
  switch (sidesOf(obs)) {
    case 'both':
      if (obs.center !== undefined && Number.isFinite(obs.center)) return obs.center;
      return obs.lo > 0 ? Math.sqrt(obs.lo * obs.hi) : (obs.lo + obs.hi) / 2;
    case 'floor':
      return obs.lo;
    case 'ceiling':
      return obs.hi;
    case 'none':
      return NaN;
  }
}

/** The 90 % interval score of a band [l, u] against an observation (see the module comment). */
export function intervalScore(obs: Bounds, l: number, u: number, alpha = ALPHA): number {
  const width = u - l;
  switch (sidesOf(obs)) {
    case 'floor':
      return width + (obs.lo > u ? (2 / alpha) * (obs.lo - u) : 0);
    case 'ceiling':
      return width + (obs.hi < l ? (2 / alpha) * (l - obs.hi) : 0);
    case 'none':
      return width;
    case 'both': {
      const y = observedPoint(obs);
      return width + (y < l ? (2 / alpha) * (l - y) : 0) + (y > u ? (2 / alpha) * (y - u) : 0);
    }
  }
}

// ------------------------------------------------------------------ calibration

export interface CalibrateOptions {
  /** Prior runs N (default 1000); 1 = no posterior, the best fit of the central case. */
  runs?: number;
  /** Master seed (default the scenario's). */
  seed?: number;
  /** Entries to fit, by path (`path#n` for a repeated path); default every entry with a prior of some width. */
  fit?: readonly string[];
  /** Fit and weight with observations of year ≤ this only; score the later ones. */
  holdoutAfter?: number;
  /** K runs behind the best-fit objective (default 32). */
  fitRuns?: number;
  /** Weight of low-quality observations (default 0.5). */
  lowQualityWeight?: number;
  /** Weight of the tie-break toward the prior median (default 0.01; 0 = plain least squares). */
  ridge?: number;
  /** Objective evaluations the optimiser may spend (default 300·(fitted + 1), at most 40,000 runs' worth, at least 400). */
  maxEvals?: number;
  /** The N prior runs already simulated (runs × width, run-major, of this seed's streams), e.g. on worker threads. */
  perRun?: Float64Array;
  /** Progress in simulated runs. */
  onProgress?: (done: number, total: number) => void;
}

export interface EntryResult {
  /** Index in the scenario's uncertainty list. */
  index: number;
  /** The entry's path (`path#n` when a path repeats). */
  name: string;
  path: string;
  mode: 'set' | 'scale';
  dist: DistributionSpec;
  fitted: boolean;
  /** Bounds of the fit (the prior's support). */
  lo: number;
  hi: number;
  /** P5/P50/P95 of the prior draws (exact quantiles when runs = 1). */
  prior: Quantiles;
  /** Weighted P5/P50/P95 of the draws (runs > 1). */
  posterior?: Quantiles;
  /** A discrete prior's posterior: the weight of each of its values, in the order of `dist.values` (runs > 1). */
  posteriorMass?: number[];
  /** Best-fit value (fitted entries): the value set, or the factor applied. */
  best?: number;
}

export interface ObservationResult {
  obs: Observation;
  /** 'fit': fitted and weighted; 'holdout': year after holdoutAfter, scored out of sample. */
  role: 'fit' | 'holdout';
  /** Quality weight q. */
  weight: number;
  /** P5/P50/P95 of the model value over the prior runs (runs > 1). */
  prior?: Quantiles;
  posterior?: Quantiles;
  /** The best-fit scenario's central run. */
  best: number;
  /** Residual of the best value. */
  residual: number;
  /** The observation's interval overlaps the posterior P5–P95 band (runs > 1). */
  inside?: boolean;
  /** The 90 % interval score of the posterior band, in the metric's unit (runs > 1). */
  score?: number;
  /** score / |y|. */
  scoreRelative?: number;
}

export interface Coverage {
  inside: number;
  of: number;
  /** inside / of (NaN when of = 0). */
  share: number;
}

export interface CalibrationResult {
  seed: number;
  runs: number;
  /** Runs behind each evaluation of the best-fit objective. */
  fitRuns: number;
  holdoutAfter?: number;
  /** Effective sample size of the weights (= runs when nothing is fitted against; 1 with runs = 1). */
  ess: number;
  entries: EntryResult[];
  observations: ObservationResult[];
  /** Over the fitted observations. */
  coverage: Coverage;
  holdout?: Coverage & { after: number; meanScoreRelative: number };
  /** Mean Σ q·r² at the best fit (without the tie-break), and the optimiser's work. */
  objective: number;
  evals: number;
  converged: boolean;
  /** Posterior rank correlations worth keeping (prior pairs, and strongly related fitted pairs), consistent as a set. */
  correlations: { a: number; b: number; rho: number }[];
  /** Normalised run weights (runs > 1). */
  weights: Float64Array;
  warnings: string[];
}

/** Bounds of a prior's support for the fit (see the module comment). */
export function supportOf(dist: DistributionSpec): [number, number] {
  switch (dist.type) {
    case 'uniform':
      return [dist.min, dist.max];
    case 'triangular':
    case 'pert':
      return [dist.min, dist.max];
    case 'discrete':
      return [Math.min(...dist.values), Math.max(...dist.values)];
    default:
      return [quantileOf(dist, 1e-4), quantileOf(dist, 1 - 1e-4)];
  }
}

/** Thrown for options that do not fit the scenario (unknown --fit entry, nothing to fit). */
export class CalibrationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalibrationInputError';
  }
}

/** Indices of the entries `fit` names (default: every entry whose prior has width). */
export function fittedEntries(scenario: Scenario, fit?: readonly string[]): number[] {
  const names = streamNames(scenario.uncertainty);
  const width = (i: number): boolean => {
    const [lo, hi] = supportOf(scenario.uncertainty[i]!.dist);
    return hi > lo;
  };
  if (!fit) return names.map((_, i) => i).filter(width);
  const out: number[] = [];
  for (const f of fit) {
    const i = names.indexOf(f);
    if (i < 0) {
      const hint = didYouMean(f, names);
      const known = hint || (names.length ? ` (its entries: ${names.join(', ')})` : ' (it has none)');
      throw new CalibrationInputError(`"${f}" is not an uncertainty entry of the scenario${known}`);
    }
    if (!width(i)) throw new CalibrationInputError(`"${f}" has a prior of zero width: there is nothing to fit`);
    if (!out.includes(i)) out.push(i);
  }
  return out;
}

export function calibrate(scenario: Scenario, set: ObservationSet, opts: CalibrateOptions = {}): CalibrationResult {
  const problems = observationProblems(scenario, set);
  if (problems.length) throw new CalibrationInputError(problems.map((p) => `${p.obs.id}: ${p.message}`).join('; '));
  const runs = Math.max(1, Math.floor(opts.runs ?? DEFAULT_CALIBRATION_RUNS));
  const seed = opts.seed ?? scenario.seed;
  const U = scenario.uncertainty;
  const E = U.length;
  const names = streamNames(U);
  const fitIdx = fittedEntries(scenario, opts.fit);
  const lowQ = opts.lowQualityWeight ?? LOW_QUALITY_WEIGHT;
  const warnings: string[] = [];

  // observations: which are fitted, how to read and score them
  const obsList = set.observations;
  const H = opts.holdoutAfter;
  const roles = obsList.map((o): 'fit' | 'holdout' => (H !== undefined && o.year > H ? 'holdout' : 'fit'));
  const fitObs = obsList.map((_, i) => i).filter((i) => roles[i] === 'fit');
  if (fitObs.length === 0) {
    throw new CalibrationInputError(H !== undefined ? `no observation is dated ${H} or earlier: there is nothing to fit to` : 'the observation set is empty: there is nothing to fit to');
  }
  if (H !== undefined && fitObs.length === obsList.length) warnings.push(`no observation is dated after ${H}: nothing is held out`);
  const specs = obsList.map((o) => readSpec(scenario, o));
  const resid = obsList.map((o) => residualOf(o));
  const q = obsList.map((o) => (o.quality === 'low-quality' ? lowQ : 1));
  for (const o of obsList) if (sidesOf(o) === 'none') warnings.push(`${o.id}: the observation has no finite bound and says nothing`);

  const width = runWidth(scenario);
  const fitRuns = runs === 1 ? 1 : Math.max(1, Math.min(opts.fitRuns ?? DEFAULT_FIT_RUNS, runs));
  const risks = scenario.construction.cancelProbability > 0 || scenario.construction.deferProbability > 0;
  const K = runs === 1 || (fitIdx.length === E && !risks) ? 1 : fitRuns;
  const maxEvals = opts.maxEvals ?? Math.max(400, Math.min(300 * (fitIdx.length + 1), Math.floor(MAX_FIT_SIMULATIONS / K)));
  const total = (runs > 1 ? runs : 0) + maxEvals * K + 1;
  let done = 0;
  const progress = (n: number): void => {
    done += n;
    opts.onProgress?.(Math.min(done, total), total);
  };

  // ---- the prior runs and their weights
  const draws: number[][] = [];
  let perRun: Float64Array = new Float64Array(0);
  let weights: Float64Array = new Float64Array(runs).fill(1 / runs);
  const mv = obsList.map(() => new Float64Array(runs));
  if (runs > 1) {
    perRun = opts.perRun ?? new Float64Array(runs * width);
    if (opts.perRun && opts.perRun.length !== runs * width) throw new Error(`perRun holds ${opts.perRun.length} values, expected ${runs} × ${width}`);
    const chunk = 50;
    for (let a = 0; a < runs; a += chunk) {
      const b = Math.min(runs, a + chunk);
      if (!opts.perRun) simulateRuns(scenario, seed, a, b, perRun.subarray(a * width, b * width));
      progress(b - a);
    }
    for (let r = 0; r < runs; r++) draws.push(drawsFor(scenario, seed, r, names));
    const logW = new Float64Array(runs);
    const rr = new Float64Array(fitObs.length);
    const qq = Float64Array.from(fitObs, (i) => q[i]!);
    for (let r = 0; r < runs; r++) {
      obsList.forEach((_, i) => (mv[i]![r] = readValue(perRun, r * width, specs[i]!)));
      fitObs.forEach((i, j) => (rr[j] = resid[i]!(mv[i]![r]!)));
      logW[r] = logLikelihood(rr, qq);
    }
    weights = normaliseLogWeights(logW);
  }
  const ess = runs > 1 ? effectiveSampleSize(weights) : 1;
  if (runs > 1 && ess < MIN_ESS) {
    warnings.push(`ESS ${ess < 10 ? ess.toFixed(1) : Math.round(ess)} of ${runs} runs: the observations pin the runs down to a few; widen the prior or add runs`);
  }
  if (runs === 1) warnings.push('one run: no posterior, only the best fit of the central case (use --runs N for posterior bands)');

  const column = (i: number): Float64Array => Float64Array.from(draws, (d) => d[i]!);
  const entries: EntryResult[] = U.map((u, i) => {
    const [lo, hi] = supportOf(u.dist);
    const e: EntryResult = { index: i, name: names[i]!, path: u.path, mode: u.mode, dist: u.dist, fitted: fitIdx.includes(i), lo, hi, prior: exactQuantiles(u.dist) };
    if (runs > 1) {
      const c = column(i);
      e.prior = quantiles(c);
      e.posterior = quantiles(c, weights);
      const d = u.dist;
      if (d.type === 'discrete') {
        e.posteriorMass = d.values.map(() => 0);
        c.forEach((v, r) => {
          const k = d.values.indexOf(v);
          if (k >= 0) e.posteriorMass![k]! += weights[r]!;
        });
      }
    }
    return e;
  });

  // ---- the best fit: common random numbers over runs 0..K-1 (or the central case)
  const crn: (number | undefined)[][] = [];
  for (let r = 0; r < K; r++) crn.push(runs === 1 || K === 1 ? new Array<number | undefined>(E).fill(undefined) : (draws[r] ?? drawsFor(scenario, seed, r, names)));
  const scratch = new Float64Array(width);
  const runScenario = (x: readonly number[], r: number): Scenario => {
    const d = crn[r]!.slice();
    fitIdx.forEach((i, j) => (d[i] = x[j]!));
    const s = applyDraws(scenario, d);
    return K > 1 ? applyPhaseRisks(s, seed, r) : s;
  };
  const ridge = opts.ridge ?? DEFAULT_RIDGE;
  const centre = fitIdx.map((i) => entries[i]!.prior.p50);
  const halfWidth = fitIdx.map((i) => Math.max((entries[i]!.prior.p95 - entries[i]!.prior.p5) / 2, 1e-12 * Math.max(1, Math.abs(centre[fitIdx.indexOf(i)]!))));
  const penalty = (x: readonly number[]): number => {
    let p = 0;
    x.forEach((v, j) => (p += ((v - centre[j]!) / halfWidth[j]!) ** 2));
    return ridge * p;
  };
  const misfit = (x: readonly number[]): number => {
    let J = 0;
    for (let r = 0; r < K; r++) {
      simulate(runScenario(x, r), { out: scratch });
      for (const i of fitObs) {
        const v = resid[i]!(readValue(scratch, 0, specs[i]!));
        J += q[i]! * v * v;
      }
    }
    progress(K);
    return J / K;
  };
  const objective = (x: readonly number[]): number => misfit(x) + penalty(x);
  const lo = fitIdx.map((i) => entries[i]!.lo);
  const hi = fitIdx.map((i) => entries[i]!.hi);
  const x0 = fitIdx.map((i) => entries[i]!.posterior?.p50 ?? entries[i]!.prior.p50);
  const opt = fitIdx.length ? minimizeBounded(objective, x0, lo, hi, { maxEvals, step: 0.5, tolF: 1e-5, tolX: 1e-3, restarts: 1 }) : { x: [], f: objective([]), evals: 1, converged: true };
  fitIdx.forEach((i, j) => {
    const e = entries[i]!;
    e.best = opt.x[j]!;
    const t = (e.best - e.lo) / (e.hi - e.lo);
    if (t < 0.01 || t > 0.99) warnings.push(`${e.name}: the best fit (${round4(e.best)}) sits at the edge of the prior (${round4(e.lo)}–${round4(e.hi)}); the prior may be too narrow`);
  });
  if (!opt.converged) warnings.push(`the best fit did not converge within ${opt.evals} evaluations; it is the best point found`);

  // the best-fit scenario's central run
  const bestDraws = new Array<number | undefined>(E).fill(undefined);
  fitIdx.forEach((i, j) => (bestDraws[i] = opt.x[j]!));
  const bestRun = simulate(applyDraws(scenario, bestDraws)).values;
  progress(1);

  // ---- per observation
  const observations: ObservationResult[] = obsList.map((obs, i) => {
    const best = readValue(bestRun, 0, specs[i]!);
    const o: ObservationResult = { obs, role: roles[i]!, weight: q[i]!, best, residual: resid[i]!(best) };
    if (runs > 1) {
      o.prior = quantiles(mv[i]!);
      const post = quantiles(mv[i]!, weights);
      o.posterior = post;
      o.inside = obs.lo <= post.p95 && obs.hi >= post.p5;
      o.score = intervalScore(obs, post.p5, post.p95);
      const y = observedPoint(obs);
      o.scoreRelative = y !== 0 && Number.isFinite(y) ? o.score / Math.abs(y) : o.score;
    }
    return o;
  });
  const cover = (list: ObservationResult[]): Coverage => {
    const n = list.filter((o) => o.inside).length;
    return { inside: n, of: list.length, share: list.length ? n / list.length : NaN };
  };
  const fitted = observations.filter((o) => o.role === 'fit');
  const result: CalibrationResult = {
    seed, runs, fitRuns: K, ess, entries, observations, coverage: runs > 1 ? cover(fitted) : { inside: 0, of: 0, share: NaN },
    objective: opt.f - penalty(opt.x), evals: opt.evals, converged: opt.converged,
    correlations: runs > 1 ? posteriorCorrelations(scenario, entries, draws, weights) : [],
    weights: runs > 1 ? weights : new Float64Array(0),
    warnings,
  };
  if (H !== undefined) {
    result.holdoutAfter = H;
    const held = observations.filter((o) => o.role === 'holdout');
    if (runs > 1) {
      const rel = held.map((o) => o.scoreRelative!);
      result.holdout = { after: H, ...cover(held), meanScoreRelative: rel.length ? rel.reduce((s, v) => s + v, 0) / rel.length : NaN };
    }
  }
  return result;
}

function exactQuantiles(dist: DistributionSpec): Quantiles {
  return { p5: quantileOf(dist, 0.05), p50: quantileOf(dist, 0.5), p95: quantileOf(dist, 0.95) };
}

function round4(x: number): number {
  return Number(x.toPrecision(4));
}

/**
Posterior rank correlations to carry into a calibrated scenario: every pair the
prior correlates, and pairs of fitted entries correlated by |ρ| ≥ 0.3 after
weighting; ρ rounded to 0.01 and kept within ±0.95. The added pairs are dropped
if the set is not a valid correlation matrix, then the prior pairs too.
*/
function posteriorCorrelations(scenario: Scenario, entries: EntryResult[], draws: number[][], w: Float64Array): { a: number; b: number; rho: number }[] {
  const col = (i: number): Float64Array => Float64Array.from(draws, (d) => d[i]!);
  const priorPairs = new Set(scenario.correlations.map((c) => `${Math.min(c.a, c.b)}:${Math.max(c.a, c.b)}`));
  const prior: { a: number; b: number; rho: number }[] = [];
  const added: { a: number; b: number; rho: number }[] = [];
  const clampRho = (r: number): number => Math.max(-0.95, Math.min(0.95, Math.round(r * 100) / 100));
  for (let a = 0; a < entries.length; a++) {
    for (let b = a + 1; b < entries.length; b++) {
      const isPrior = priorPairs.has(`${a}:${b}`);
      const both = entries[a]!.fitted && entries[b]!.fitted;
      if (!isPrior && !both) continue;
      const rho = clampRho(weightedRankCorrelation(col(a), col(b), w));
      if (!Number.isFinite(rho)) continue;
      if (isPrior && rho !== 0) prior.push({ a, b, rho });
      else if (!isPrior && Math.abs(rho) >= 0.3) added.push({ a, b, rho });
    }
  }
  const valid = (list: { a: number; b: number; rho: number }[]): boolean => {
    const members = [...new Set(list.flatMap((c) => [c.a, c.b]))];
    const n = members.length;
    const m = new Float64Array(n * n);
    for (let k = 0; k < n; k++) m[k * n + k] = 1;
    for (const c of list) {
      const i = members.indexOf(c.a);
      const j = members.indexOf(c.b);
      m[i * n + j] = m[j * n + i] = spearmanToPearson(c.rho);
    }
    return cholesky(m, n) !== undefined;
  };
  const all = [...prior, ...added].sort((x, y) => x.a - y.a || x.b - y.b);
  if (valid(all)) return all;
  return valid(prior) ? prior : [];
}

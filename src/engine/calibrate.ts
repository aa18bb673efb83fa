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
transformation (src/engine/optimize.ts), started from the weighted median of
the prior runs (round 0 below; the adaptive rounds come after it and do not
change it). A fitted value is a value set, or the factor of a `scale` entry.

**Posterior.** Importance sampling, adaptive (population Monte Carlo; the
method in plain words: docs/calibration-method.md). Every run is weighted by the
likelihood of the fitted observations, exp(−½·1.645²·Σ q·r²): a Gaussian in log
space around each two-sided interval's centre with sd = h/1.645 (the interval
is a 90 % interval), 1 inside a one-sided bound and a Gaussian fall-off beyond
it; low-quality observations count as the likelihood to the power 0.5.

- Round 0: N = `runs` prior runs (the streams of `monteCarlo`: run r draws
  drawsFor(scenario, seed, r) and its phase risks), weighted by the likelihood
  alone. With many tight observations these weights collapse onto a few runs.
- While the ESS is below N/4, rounds t = 1..R (`rounds`, default 3) draw N more
  runs from a proposal fitted to the runs so far, in a latent space where the
  prior is simple: each entry whose prior has width (fitted or not: the
  posterior is over all of them) as a normal score z, x = F⁻¹(Φ(z)) through
  the prior's own quantile function, the map drawsFor applies to its uniforms
  (so every draw stays in the prior's support), whose prior is N(0, R) with R
  the copula's Pearson
  matrix (the identity for uncorrelated entries); and each phase the
  construction risks may touch as two flags, cancelled and deferred, Bernoulli
  under the prior (a deferral's length stays as the prior draws it). The
  proposal is a defensive mixture q = (1 − ε)·N(μ, c²Σ)·Bernoulli(p̂) +
  ε·prior, ε = 0.15: μ, Σ the weighted mean and covariance of the runs' normal
  scores, c = 1 + 0.5/√d for d entries (widenFor), p̂ each flag's weighted share
  mixed 85:15 with the prior's. The weights it is fitted to are tempered,
  exp(β·ℓ)·prior/q̄ with the largest β ≤ 1 that keeps an ESS of N/10, so that a
  collapsed round 0 moves the proposal part of the way rather than onto its
  two best runs. Round t draws from streams of its own (`calibrate:round<t>:`
  + the entry's name, `:component`, `:phase:<dc>.<phase>`).
- Every run of every round is kept and weighted by the deterministic mixture
  (balance heuristic, Owen & Zhou 2000): w = L(x)·π(z)/q̄(z) with q̄ = the mean
  of the T + 1 densities used so far (the prior's among them). The prior and
  the proposals share the map z → x, so its Jacobian cancels and the ratio is
  exact for every distribution type and for correlated priors (the copula's
  density, not only its marginals). Pooling so beats keeping the last round
  alone or pooling each run with its own proposal: the prior's runs cannot
  dominate (q̄ ≥ prior/(T + 1)); on scenarios/guian-actual.yaml it gave
  1.4–1.6× the last round's ESS and 3–28× that of the own-proposal pooling.

Weights are normalised; ESS = (Σw)²/Σw² over all the runs used (`essByRound`
after each round). Posterior P5/P50/P95 of each entry's draws and of each
observation's model value are weighted quantiles (`weightedQuantile`) over
those runs; the prior ones are those of round 0 with equal weights.

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
import type { DistributionSpec, Observation, ObservationSet, Phase, Scenario } from '../scenario/types.js';
import { cholesky, discrete, incompleteBeta, normalCdf, normalQuantile, quantileOf, spearmanToPearson, triangular } from './distributions.js';
import { runWidth, simulateRuns } from './montecarlo.js';
import { minimizeBounded, nelderMead } from './optimize.js';
import { horizonYears, metricNames } from './results.js';
import { observationRead, readObservation, type ObservationRead } from './observe.js';
import { stream } from './rng.js';
import { applyDraws, applyPhaseRisks, copulaOf, drawsFor, streamNames } from './sample.js';
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
/** Adaptive importance-sampling rounds after the prior's (at most). */
export const DEFAULT_ROUNDS = 3;
/** The most rounds `rounds` may ask for. */
export const MAX_ROUNDS = 20;
/** The rounds stop once the ESS reaches this share of N. */
export const STOP_ESS_SHARE = 0.25;
/** A proposal is fitted to the runs weighted by the likelihood tempered to keep an ESS of this share of N. */
export const FIT_ESS_SHARE = 0.1;
/** Widening of a proposal over one entry: its spread is the weighted spread times 1 + WIDEN_1D/√d for d entries (see the module comment). */
export const WIDEN_1D = 0.5;
/** Weight of the prior in each proposal (the defensive mixture). */
export const DEFENSIVE_SHARE = 0.15;
/** Smallest sd of a proposal in normal scores (the prior's is 1). */
const MIN_LATENT_SD = 0.01;
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
type ReadSpec = ObservationRead;

function readSpec(scenario: Scenario, obs: Observation): ReadSpec {
  // observationProblems has ruled out unknown metrics and years outside the horizon
  return observationRead(metricNames(scenario), horizonYears(scenario), obs) ?? { col: 0, prev: -1, frac: 1 };
}

const readValue = readObservation;

/** The model value of `obs` in one run's yearly values (`simulate(...).values`). */
export function observedModelValue(scenario: Scenario, values: ArrayLike<number>, obs: Observation): number {
  return readValue(values, 0, readSpec(scenario, obs));
}

/**
The year index of the latest observation in `set` (0 = the horizon's first
year). Calibration reads its runs only at the observations' dates, so each run
stops after that year's December (`simulate`'s `through`); prior runs given as
`perRun` may be simulated so.
*/
export function lastObservedYear(scenario: Scenario, set: ObservationSet): number {
  const Y = horizonYears(scenario).length;
  return set.observations.reduce((a, o) => Math.max(a, readSpec(scenario, o).col % Y), 0);
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

// ------------------------------------------------------------------ adaptive importance sampling

const LOG_2PI = Math.log(2 * Math.PI);

/** Keep a uniform strictly inside (0, 1), where every quantile function is finite (as the copula does). */
function clampUnit(u: number): number {
  return Math.min(1 - 2 ** -53, Math.max(2 ** -53, u));
}

/**
The CDF of a distribution at x: closed forms for uniform, triangular, normal and
lognormal (through the accurate Φ), the regularized incomplete beta for PERT, and
for discrete values the weight of the values ≤ x.
*/
export function cdfOf(dist: DistributionSpec, x: number): number {
  switch (dist.type) {
    case 'uniform':
      return dist.max > dist.min ? Math.min(1, Math.max(0, (x - dist.min) / (dist.max - dist.min))) : x >= dist.min ? 1 : 0;
    case 'normal':
      return dist.sd > 0 ? normalCdf((x - dist.mean) / dist.sd) : x >= dist.mean ? 1 : 0;
    case 'lognormal':
      if (!(x > 0)) return 0;
      return dist.sigma > 0 ? normalCdf((Math.log(x) - dist.mu) / dist.sigma) : Math.log(x) >= dist.mu ? 1 : 0;
    case 'triangular': {
      const { min: a, mode: c, max: b } = dist;
      if (!(b > a)) return x >= a ? 1 : 0;
      if (x <= a) return 0;
      if (x >= b) return 1;
      return x <= c ? ((x - a) * (x - a)) / ((b - a) * (c - a)) : 1 - ((b - x) * (b - x)) / ((b - a) * (b - c));
    }
    case 'pert': {
      const w = dist.max - dist.min;
      if (!(w > 0)) return x >= dist.min ? 1 : 0;
      return incompleteBeta((x - dist.min) / w, 1 + (4 * (dist.mode - dist.min)) / w, 1 + (4 * (dist.max - dist.mode)) / w);
    }
    case 'discrete': {
      let total = 0;
      let below = 0;
      dist.values.forEach((v, i) => {
        total += dist.weights[i] ?? 0;
        if (v <= x) below += dist.weights[i] ?? 0;
      });
      return total > 0 ? below / total : 0;
    }
  }
}

/**
The latent space of the adaptive rounds (see the module comment). Every entry
whose prior has width is a normal score z, with x = G(z) the entry's prior
quantile at Φ(z) — exactly the map `drawsFor` applies to its uniforms (a
discrete entry outside the copula in its values' listed order, as `sample`
draws it); the prior of z is N(0, R), R the copula's Pearson matrix among the
correlated entries and the identity elsewhere. Every phase the construction
risks may touch (as `applyPhaseRisks` picks them) adds two flags — cancelled
(uCancel < p_c), deferred (uDefer < p_d) — each Bernoulli under the prior, and a
deferral's length (uMonths), which stays as the prior draws it.
*/
export interface LatentSpace {
  /** The entries in it (prior of some width), ascending. */
  idx: number[];
  /** By entry: correlated through the prior's copula. */
  member: boolean[];
  /** Cholesky factor of R, d × d row-major. */
  priorChol: Float64Array;
  /** Σ ln L_kk of that factor. */
  priorLogDet: number;
  /** The phases at risk: their data center's and their own index, and their stream (`phase:<dc id>.<phase id>`). */
  phases: { dc: number; k: number; name: string }[];
  /** The prior's probability of each flag, [cancel, defer] per phase. */
  flagPrior: Float64Array;
}

/** A point of the latent space: normal scores, phase flags ([cancel, defer] per phase) and deferral uniforms. */
export interface LatentPoint {
  z: Float64Array;
  flags: Uint8Array;
  months: Float64Array;
}

export function latentSpace(scenario: Scenario): LatentSpace {
  const U = scenario.uncertainty;
  const idx = U.map((_, i) => i).filter((i) => {
    const [lo, hi] = supportOf(U[i]!.dist);
    return hi > lo;
  });
  const copula = copulaOf(scenario);
  const member = U.map((_, i) => (copula ? copula.slot[i]! >= 0 : false));
  const d = idx.length;
  const R = new Float64Array(d * d);
  for (let a = 0; a < d; a++) R[a * d + a] = 1;
  if (copula) {
    const n = copula.members.length;
    const L = copula.chol;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        const sa = copula.slot[idx[a]!]!;
        const sb = copula.slot[idx[b]!]!;
        if (sa < 0 || sb < 0) continue;
        let s = 0;
        for (let k = 0; k <= Math.min(sa, sb); k++) s += L[sa * n + k]! * L[sb * n + k]!;
        R[a * d + b] = s;
      }
    }
  }
  const priorChol = cholesky(R, d);
  if (!priorChol) throw new Error('the prior copula restricted to the entries with width is not positive definite');
  const { cancelProbability: pc, deferProbability: pd } = scenario.construction;
  const phases: LatentSpace['phases'] = [];
  if (pc > 0 || pd > 0) {
    // a phase whose start an entry may draw is at risk in the runs that draw it a start ≥ 0
    const startDrawn = U.some((u) => u.path.endsWith('.start'));
    scenario.datacenters.forEach((dc, i) =>
      dc.phases.forEach((ph, k) => {
        if (!ph.preexisting && !ph.cancelled && (ph.start >= 0 || startDrawn)) phases.push({ dc: i, k, name: `phase:${dc.id}.${ph.id}` });
      }),
    );
  }
  const flagPrior = new Float64Array(2 * phases.length);
  for (let k = 0; k < phases.length; k++) {
    flagPrior[2 * k] = Math.min(1, Math.max(0, pc));
    flagPrior[2 * k + 1] = Math.min(1, Math.max(0, pd));
  }
  return { idx, member, priorChol, priorLogDet: logDetOf(priorChol, d), phases, flagPrior };
}

function logDetOf(chol: Float64Array, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += Math.log(chol[k * d + k]!);
  return s;
}

/** Phase flags and deferral uniforms from three uniforms per phase (cancel, defer, months: the order `applyPhaseRisks` takes them in) under flag probabilities `p`. */
function phaseDraws(space: LatentSpace, p: ArrayLike<number>, next: (k: number) => () => number): Pick<LatentPoint, 'flags' | 'months'> {
  const P = space.phases.length;
  const flags = new Uint8Array(2 * P);
  const months = new Float64Array(P);
  for (let k = 0; k < P; k++) {
    const u = next(k);
    flags[2 * k] = u() < p[2 * k]! ? 1 : 0;
    flags[2 * k + 1] = u() < p[2 * k + 1]! ? 1 : 0;
    months[k] = u();
  }
  return { flags, months };
}

/**
The latent point behind prior run `run` (its draws `x` = drawsFor(scenario, seed,
run)): the uniform each entry's stream gave, through Φ⁻¹ (through the copula's
factor for correlated entries), and for a PERT entry outside the copula — drawn
from gamma variates, not one uniform — Φ⁻¹ of its CDF at the draw; the phase
flags from the phases' own streams, as `applyPhaseRisks` reads them.
*/
export function priorLatent(scenario: Scenario, space: LatentSpace, seed: number, run: number, x: readonly number[], names = streamNames(scenario.uncertainty)): LatentPoint {
  const U = scenario.uncertainty;
  const all = new Float64Array(U.length);
  const copula = copulaOf(scenario);
  if (copula) {
    const { members, chol } = copula;
    const n = members.length;
    const z0 = members.map((i) => normalQuantile(stream(seed, names[i]!, run).next()));
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let j = 0; j <= k; j++) s += chol[k * n + j]! * z0[j]!;
      all[members[k]!] = s;
    }
  }
  for (const i of space.idx) {
    if (space.member[i]) continue;
    const d = U[i]!.dist;
    all[i] = d.type === 'pert' ? normalQuantile(clampUnit(cdfOf(d, x[i]!))) : normalQuantile(stream(seed, names[i]!, run).next());
  }
  const z = Float64Array.from(space.idx, (i) => all[i]!);
  return { z, ...phaseDraws(space, space.flagPrior, (k) => { const rng = stream(seed, space.phases[k]!.name, run); return () => rng.next(); }) };
}

/** The draws of every entry at normal scores z (entries without width at their one value). */
export function fromLatent(scenario: Scenario, space: LatentSpace, z: ArrayLike<number>): number[] {
  const U = scenario.uncertainty;
  const x = U.map((u) => quantileOf(u.dist, 0.5));
  space.idx.forEach((i, a) => {
    const d = U[i]!.dist;
    const u = clampUnit(normalCdf(z[a]!));
    x[i] = d.type === 'discrete' && !space.member[i] ? discrete(d.values, d.weights, u) : quantileOf(d, u);
  });
  return x;
}

/**
The scenario with a latent point's phase outcomes: a phase flagged cancelled is
cancelled; else one flagged deferred starts round(uMonths · deferMonths) months
later — what `applyPhaseRisks` does with the uniforms behind the flags.
*/
export function applyPhaseOutcomes(scenario: Scenario, space: LatentSpace, point: Pick<LatentPoint, 'flags' | 'months'>): Scenario {
  if (space.phases.length === 0) return scenario;
  const dm = Math.max(0, scenario.construction.deferMonths);
  let datacenters: Scenario['datacenters'] | undefined;
  space.phases.forEach((ph, k) => {
    let next: Phase | undefined;
    const cur = (datacenters ?? scenario.datacenters)[ph.dc]!.phases[ph.k]!;
    if (cur.start < 0) return;
    if (point.flags[2 * k]) next = { ...cur, cancelled: true };
    else if (point.flags[2 * k + 1]) {
      const months = Math.round(point.months[k]! * dm);
      if (months > 0) next = { ...cur, deferMonths: cur.deferMonths + months };
    }
    if (!next) return;
    datacenters ??= scenario.datacenters.slice();
    const dc = datacenters[ph.dc]!;
    const phases = dc.phases.slice();
    phases[ph.k] = next;
    datacenters[ph.dc] = { ...dc, phases };
  });
  return datacenters ? { ...scenario, datacenters } : scenario;
}

/** ln N(z; mean, LLᵀ), L lower-triangular d × d (mean undefined: 0); y is scratch of length d. */
function logNormalDensity(z: ArrayLike<number>, mean: ArrayLike<number> | undefined, chol: Float64Array, logDet: number, y: Float64Array): number {
  const d = y.length;
  let q = 0;
  for (let k = 0; k < d; k++) {
    let s = z[k]! - (mean ? mean[k]! : 0);
    for (let j = 0; j < k; j++) s -= chol[k * d + j]! * y[j]!;
    y[k] = s / chol[k * d + k]!;
    q += y[k]! * y[k]!;
  }
  return -0.5 * d * LOG_2PI - logDet - 0.5 * q;
}

/** ln of the probability of the flags under per-flag probabilities p. */
function logFlags(flags: Uint8Array, p: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < flags.length; k++) s += Math.log(flags[k] ? p[k]! : 1 - p[k]!);
  return s;
}

function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

/** ln of the prior density of a latent point: N(z; 0, R) times its flags' Bernoulli probabilities. */
export function priorLogDensity(space: LatentSpace, pt: Pick<LatentPoint, 'z' | 'flags'>): number {
  return logNormalDensity(pt.z, undefined, space.priorChol, space.priorLogDet, new Float64Array(space.idx.length)) + logFlags(pt.flags, space.flagPrior);
}

/** A proposal of the adaptive rounds: (1 − ε)·N(mean, LLᵀ)·Bernoulli(flags) + ε·prior. */
export interface Proposal {
  mean: Float64Array;
  /** Cholesky factor of the (widened) covariance. */
  chol: Float64Array;
  logDet: number;
  /** Probability of each phase flag in the fitted part. */
  flags: Float64Array;
  /** Weight of the prior in the defensive mixture. */
  eps: number;
  /** The tempering exponent of the likelihood the proposal was fitted to (1: the posterior). */
  beta: number;
}

/** ln q of a latent point under a proposal. */
export function proposalLogDensity(space: LatentSpace, p: Proposal, pt: Pick<LatentPoint, 'z' | 'flags'>): number {
  const y = new Float64Array(space.idx.length);
  const fitted = p.eps < 1 ? Math.log(1 - p.eps) + logNormalDensity(pt.z, p.mean, p.chol, p.logDet, y) + logFlags(pt.flags, p.flags) : -Infinity;
  const prior = p.eps > 0 ? Math.log(p.eps) + logNormalDensity(pt.z, undefined, space.priorChol, space.priorLogDet, y) + logFlags(pt.flags, space.flagPrior) : -Infinity;
  return logAddExp(fitted, prior);
}

/**
Run `run` of adaptive round `round`: the mixture's component from the stream
`calibrate:round<t>:component`; one standard normal per entry from
`calibrate:round<t>:<entry>`, through the component's mean and factor; three
uniforms per phase at risk from `calibrate:round<t>:phase:<dc id>.<phase id>`
(cancel, defer, months).
*/
export function drawProposal(space: LatentSpace, p: Proposal, seed: number, round: number, run: number, names: readonly string[]): LatentPoint {
  const d = space.idx.length;
  const fromPrior = stream(seed, `calibrate:round${round}:component`, run).next() < p.eps;
  const z0 = Float64Array.from(space.idx, (i) => normalQuantile(stream(seed, `calibrate:round${round}:${names[i]!}`, run).next()));
  const L = fromPrior ? space.priorChol : p.chol;
  const z = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    let s = fromPrior ? 0 : p.mean[k]!;
    for (let j = 0; j <= k; j++) s += L[k * d + j]! * z0[j]!;
    z[k] = s;
  }
  const ph = phaseDraws(space, fromPrior ? space.flagPrior : p.flags, (k) => {
    const rng = stream(seed, `calibrate:round${round}:${space.phases[k]!.name}`, run);
    return () => rng.next();
  });
  return { z, ...ph };
}

/**
The proposal fitted to weighted latent points: the normal's mean is their
weighted mean, its covariance their weighted covariance times widen² (each
variance at least MIN_LATENT_SD², made positive definite by a small ridge if it
has to be); each flag's probability their weighted share, mixed (1 − ε) : ε with
the prior's so that no flag is ruled out.
*/
export function fitProposal(space: LatentSpace, pts: readonly Pick<LatentPoint, 'z' | 'flags'>[], w: ArrayLike<number>, widen: number, eps: number, beta: number): Proposal {
  const d = space.idx.length;
  const F = space.flagPrior.length;
  const mean = new Float64Array(d);
  const share = new Float64Array(F);
  let sw = 0;
  pts.forEach((pt, j) => {
    const wj = w[j]!;
    if (!(wj > 0)) return;
    sw += wj;
    for (let k = 0; k < d; k++) mean[k] = mean[k]! + wj * pt.z[k]!;
    for (let k = 0; k < F; k++) if (pt.flags[k]) share[k] = share[k]! + wj;
  });
  for (let k = 0; k < d; k++) mean[k] = mean[k]! / sw;
  const flags = Float64Array.from(share, (s, k) => (1 - eps) * (s / sw) + eps * space.flagPrior[k]!);
  const cov = new Float64Array(d * d);
  pts.forEach((pt, j) => {
    const wj = w[j]! / sw;
    if (!(wj > 0)) return;
    for (let a = 0; a < d; a++) {
      const da = pt.z[a]! - mean[a]!;
      for (let b = 0; b <= a; b++) cov[a * d + b] = cov[a * d + b]! + wj * da * (pt.z[b]! - mean[b]!);
    }
  });
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < a; b++) cov[b * d + a] = cov[a * d + b] = cov[a * d + b]! * widen * widen;
    cov[a * d + a] = Math.max(cov[a * d + a]! * widen * widen, MIN_LATENT_SD * MIN_LATENT_SD);
  }
  let chol = cholesky(cov, d);
  for (let jitter = 1e-9; !chol; jitter *= 10) {
    const m = cov.slice();
    for (let a = 0; a < d; a++) m[a * d + a] = m[a * d + a]! * (1 + jitter) + jitter;
    chol = cholesky(m, d);
  }
  return { mean, chol, logDet: logDetOf(chol, d), flags, eps, beta };
}

/**
The factor a proposal widens the weighted spread of d normal scores by:
1 + WIDEN_1D/√d — 1.5 for one entry. A proposal c times wider than a normal
posterior along every one of d axes costs the ESS a factor (c/√(2 − 1/c²))^d: a
fixed c = 1.5 would cost ×5.3 with 9 entries, c = 2 ×41; with c = 1 + 0.5/√d the
cost stays between 1.2 and 1.65 (→ e^½) however many entries there are.
*/
export function widenFor(d: number): number {
  return 1 + WIDEN_1D / Math.sqrt(Math.max(1, d));
}

/**
The largest β in [0, 1] whose tempered weights exp(β·ℓ + base) keep an ESS of at
least `target` (bisection; 1 when the full likelihood already does).
*/
export function temperFor(logL: ArrayLike<number>, base: ArrayLike<number>, target: number): number {
  const n = logL.length;
  const lw = new Float64Array(n);
  const ess = (b: number): number => {
    for (let j = 0; j < n; j++) lw[j] = b * logL[j]! + base[j]!;
    return effectiveSampleSize(normaliseLogWeights(lw));
  };
  if (ess(1) >= target) return 1;
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 30; it++) {
    const mid = (lo + hi) / 2;
    if (ess(mid) >= target) lo = mid;
    else hi = mid;
  }
  return lo;
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
  /** Adaptive importance-sampling rounds after the prior's, at most (default 3; 0 = weight the prior runs only). */
  rounds?: number;
  /** The N prior runs already simulated (runs × width, run-major, of this seed's streams), e.g. on worker threads; read only up to `lastObservedYear`. */
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
  /** Effective sample size of the weights over the runs used (runs = 1: 1). */
  ess: number;
  /** Adaptive rounds run after the prior's (0: the prior runs alone were weighted). */
  rounds: number;
  /** ESS after each round, the prior's first: of the runs of rounds 0..t together. */
  essByRound: number[];
  /** Runs behind the posterior: N × (1 + rounds). */
  runsWeighted: number;
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
  /** Normalised run weights (runs > 1): the prior runs', then each adaptive round's, runsWeighted in all. */
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
  const through = lastObservedYear(scenario, set);
  const resid = obsList.map((o) => residualOf(o));
  const q = obsList.map((o) => (o.quality === 'low-quality' ? lowQ : 1));
  for (const o of obsList) if (sidesOf(o) === 'none') warnings.push(`${o.id}: the observation has no finite bound and says nothing`);

  const width = runWidth(scenario);
  const fitRuns = runs === 1 ? 1 : Math.max(1, Math.min(opts.fitRuns ?? DEFAULT_FIT_RUNS, runs));
  const risks = scenario.construction.cancelProbability > 0 || scenario.construction.deferProbability > 0;
  const K = runs === 1 || (fitIdx.length === E && !risks) ? 1 : fitRuns;
  const maxEvals = opts.maxEvals ?? Math.max(400, Math.min(300 * (fitIdx.length + 1), Math.floor(MAX_FIT_SIMULATIONS / K)));
  const maxRounds = runs > 1 ? Math.min(MAX_ROUNDS, Math.max(0, Math.floor(opts.rounds ?? DEFAULT_ROUNDS))) : 0;
  const total = (runs > 1 ? runs * (1 + maxRounds) : 0) + maxEvals * K + 1;
  let done = 0;
  const progress = (n: number): void => {
    done += n;
    opts.onProgress?.(Math.min(done, total), total);
  };

  // ---- the runs (round 0: the prior's; rounds 1..R: the proposals'), each with its model values and log-likelihood
  const cap = runs > 1 ? runs * (1 + maxRounds) : 0;
  const draws: number[][] = [];
  const mv = obsList.map(() => new Float64Array(cap));
  const logLik = new Float64Array(cap);
  const rr = new Float64Array(fitObs.length);
  const qq = Float64Array.from(fitObs, (i) => q[i]!);
  const record = (values: ArrayLike<number>, offset: number, x: number[]): void => {
    const j = draws.length;
    draws.push(x);
    obsList.forEach((_, i) => (mv[i]![j] = readValue(values, offset, specs[i]!)));
    fitObs.forEach((i, k) => (rr[k] = resid[i]!(mv[i]![j]!)));
    logLik[j] = logLikelihood(rr, qq);
  };
  let weights: Float64Array = new Float64Array(runs).fill(1 / runs);
  if (runs > 1) {
    const perRun = opts.perRun ?? new Float64Array(runs * width);
    if (opts.perRun && opts.perRun.length !== runs * width) throw new Error(`perRun holds ${opts.perRun.length} values, expected ${runs} × ${width}`);
    const chunk = 50;
    for (let a = 0; a < runs; a += chunk) {
      const b = Math.min(runs, a + chunk);
      if (!opts.perRun) simulateRuns(scenario, seed, a, b, perRun.subarray(a * width, b * width), undefined, through);
      progress(b - a);
    }
    for (let r = 0; r < runs; r++) record(perRun, r * width, drawsFor(scenario, seed, r, names));
    weights = normaliseLogWeights(logLik.subarray(0, runs));
  }
  const essByRound = runs > 1 ? [effectiveSampleSize(weights)] : [1];
  const column = (i: number, n = draws.length): Float64Array => Float64Array.from(draws.slice(0, n), (d) => d[i]!);
  const priorQ = U.map((u, i) => (runs > 1 ? quantiles(column(i, runs)) : exactQuantiles(u.dist)));

  // ---- the best fit: common random numbers over runs 0..K-1 (or the central case), started from round 0's weighted medians
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
  const centre = fitIdx.map((i) => priorQ[i]!.p50);
  const halfWidth = fitIdx.map((i, j) => Math.max((priorQ[i]!.p95 - priorQ[i]!.p5) / 2, 1e-12 * Math.max(1, Math.abs(centre[j]!))));
  const penalty = (x: readonly number[]): number => {
    let p = 0;
    x.forEach((v, j) => (p += ((v - centre[j]!) / halfWidth[j]!) ** 2));
    return ridge * p;
  };
  const misfit = (x: readonly number[]): number => {
    let J = 0;
    for (let r = 0; r < K; r++) {
      simulate(runScenario(x, r), { out: scratch, through });
      for (const i of fitObs) {
        const v = resid[i]!(readValue(scratch, 0, specs[i]!));
        J += q[i]! * v * v;
      }
    }
    progress(K);
    return J / K;
  };
  const objective = (x: readonly number[]): number => misfit(x) + penalty(x);
  const support = U.map((u) => supportOf(u.dist));
  const lo = fitIdx.map((i) => support[i]![0]);
  const hi = fitIdx.map((i) => support[i]![1]);
  const x0 = fitIdx.map((i) => (runs > 1 ? weightedQuantile(column(i, runs), weights, 0.5) : priorQ[i]!.p50));
  const opt = fitIdx.length ? minimizeBounded(objective, x0, lo, hi, { maxEvals, step: 0.5, tolF: 1e-5, tolX: 1e-3, restarts: 1 }) : { x: [], f: objective([]), evals: 1, converged: true };

  // the best-fit scenario's central run
  const bestDraws = new Array<number | undefined>(E).fill(undefined);
  fitIdx.forEach((i, j) => (bestDraws[i] = opt.x[j]!));
  const bestRun = simulate(applyDraws(scenario, bestDraws)).values;
  progress(1);

  // ---- adaptive importance sampling: rounds 1..R while the ESS is below N/4 (see the module comment)
  let rounds = 0;
  const proposals: Proposal[] = [];
  const stopEss = runs * STOP_ESS_SHARE;
  const space = runs > 1 && maxRounds > 0 && essByRound[0]! < stopEss ? latentSpace(scenario) : undefined;
  if (space && (space.idx.length > 0 || space.phases.length > 0)) {
    const pts: LatentPoint[] = draws.map((x, r) => priorLatent(scenario, space, seed, r, x, names));
    const logPi: number[] = pts.map((pt) => priorLogDensity(space, pt));
    // ln q_s of every proposal s (q_0 the prior) at every run j
    const logQ: number[][] = [logPi.slice()];
    const logBase = (): Float64Array => {
      const T = logQ.length;
      return Float64Array.from(logPi, (lp, j) => {
        let m = -Infinity;
        for (let s = 0; s < T; s++) m = logAddExp(m, logQ[s]![j]!);
        return lp - (m - Math.log(T));
      });
    };
    for (let t = 1; t <= maxRounds; t++) {
      const n = draws.length;
      const base = logBase();
      const ll = logLik.subarray(0, n);
      const beta = temperFor(ll, base, runs * FIT_ESS_SHARE);
      const tw = normaliseLogWeights(Float64Array.from(base, (b, j) => beta * ll[j]! + b));
      const p = fitProposal(space, pts, tw, widenFor(space.idx.length), DEFENSIVE_SHARE, beta);
      const chunk = 50;
      for (let r = 0; r < runs; r++) {
        const pt = drawProposal(space, p, seed, t, r, names);
        const x = fromLatent(scenario, space, pt.z);
        simulate(applyPhaseOutcomes(applyDraws(scenario, x), space, pt), { out: scratch, through });
        record(scratch, 0, x);
        pts.push(pt);
        logPi.push(priorLogDensity(space, pt));
        if ((r + 1) % chunk === 0 || r === runs - 1) progress((r + 1) % chunk || chunk);
      }
      for (let s = 0; s < logQ.length; s++) {
        const prev = logQ[s]!;
        for (let j = n; j < draws.length; j++) prev.push(s === 0 ? logPi[j]! : proposalLogDensity(space, proposals[s - 1]!, pts[j]!));
      }
      proposals.push(p);
      logQ.push(pts.map((pt) => proposalLogDensity(space, p, pt)));
      weights = normaliseLogWeights(Float64Array.from(logBase(), (b, j) => logLik[j]! + b));
      essByRound.push(effectiveSampleSize(weights));
      rounds = t;
      if (essByRound[t]! >= stopEss) break;
    }
  }
  const used = draws.length;
  const ess = runs > 1 ? essByRound[essByRound.length - 1]! : 1;
  if (runs > 1 && ess < MIN_ESS) {
    const after = rounds ? ` after ${rounds} adaptive round${rounds === 1 ? '' : 's'}` : '';
    warnings.push(`ESS ${ess < 10 ? ess.toFixed(1) : Math.round(ess)} of ${used} runs${after}: the observations pin the runs down to a few; widen the prior or add runs`);
  }
  if (runs === 1) warnings.push('one run: no posterior, only the best fit of the central case (use --runs N for posterior bands)');

  const entries: EntryResult[] = U.map((u, i) => {
    const [elo, ehi] = support[i]!;
    const e: EntryResult = { index: i, name: names[i]!, path: u.path, mode: u.mode, dist: u.dist, fitted: fitIdx.includes(i), lo: elo, hi: ehi, prior: priorQ[i]! };
    if (runs > 1) {
      const c = column(i);
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
  fitIdx.forEach((i, j) => {
    const e = entries[i]!;
    e.best = opt.x[j]!;
    const t = (e.best - e.lo) / (e.hi - e.lo);
    if (t < 0.01 || t > 0.99) warnings.push(`${e.name}: the best fit (${round4(e.best)}) sits at the edge of the prior (${round4(e.lo)}–${round4(e.hi)}); the prior may be too narrow`);
  });
  if (!opt.converged) warnings.push(`the best fit did not converge within ${opt.evals} evaluations; it is the best point found`);

  // ---- per observation
  const observations: ObservationResult[] = obsList.map((obs, i) => {
    const best = readValue(bestRun, 0, specs[i]!);
    const o: ObservationResult = { obs, role: roles[i]!, weight: q[i]!, best, residual: resid[i]!(best) };
    if (runs > 1) {
      o.prior = quantiles(mv[i]!.subarray(0, runs));
      const post = quantiles(mv[i]!.subarray(0, used), weights);
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
    seed, runs, fitRuns: K, ess, rounds, essByRound, runsWeighted: runs > 1 ? used : 1, entries, observations, coverage: runs > 1 ? cover(fitted) : { inside: 0, of: 0, share: NaN },
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

/**
Sensitivity of one result (a metric in a year) to each uncertain parameter of a
scenario — each entry of its `uncertainty:` list (`dcplan sensitivity`).

Two measures, because they answer different questions:

- **One-at-a-time swing.** Every other entry stays as written; this entry is set
  to the 10th and then the 90th percentile of its distribution (for `scale`
  entries, the value is multiplied by that percentile), and the metric is read
  from each of the two runs. |high − low| is the swing: how far this parameter
  alone can move the result across its plausible range. It ignores
  interactions.
- **Spearman rank correlation** between an entry's draws and the metric across
  a Monte Carlo sample (every entry varying at once, as in `dcplan run`). It
  measures how much of the spread in the result this parameter drives, given
  everything else moving too; it sees monotone effects, not their size.

Percentiles are exact: inverse CDFs for uniform, normal, lognormal and
triangular, numeric inversion of the regularized incomplete beta for PERT, the
weighted quantile for discrete values.
*/
import { gammaln, probit, sampleRankCorrelation } from 'simple-statistics';
import type { DistributionSpec, Scenario } from '../scenario/types.js';
import { triangular } from './distributions.js';
import { valueAt } from './results.js';
import { applyDraws, drawsFor, streamNames } from './sample.js';
import { simulate } from './simulate.js';

/**
The `p`-quantile (0 < p < 1) of a distribution.

@example
quantileOf({type: 'uniform', min: 10, max: 20}, 0.9); // => 19
*/
export function quantileOf(dist: DistributionSpec, p: number): number {
  switch (dist.type) {
    case 'uniform':
      return dist.min + (dist.max - dist.min) * p;
    case 'normal':
      return dist.mean + dist.sd * probit(p);
    case 'lognormal':
      return Math.exp(dist.mu + dist.sigma * probit(p));
    case 'triangular':
      return triangular(dist.min, dist.mode, dist.max, p);
    case 'pert': {
      const w = dist.max - dist.min;
      if (w <= 0) return dist.min;
      const a = 1 + (4 * (dist.mode - dist.min)) / w;
      const b = 1 + (4 * (dist.max - dist.mode)) / w;
      return dist.min + w * betaQuantile(p, a, b);
    }
    case 'discrete': {
      const pairs = dist.values.map((v, i) => ({ v, w: dist.weights[i] ?? 0 })).sort((x, y) => x.v - y.v);
      const total = pairs.reduce((s, x) => s + x.w, 0);
      let acc = 0;
      for (const { v, w } of pairs) {
        acc += w / total;
        if (acc >= p - 1e-12) return v;
      }
      return pairs[pairs.length - 1]!.v;
    }
  }
}

/**
Regularized incomplete beta I_x(a, b), by the continued fraction of Numerical
Recipes (Press et al., 3rd ed., §6.4) with the modified Lentz method.
*/
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  // the fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const lnFront = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log(1 - x);
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return (Math.exp(lnFront) * h) / a;
}

/** The p-quantile of Beta(a, b), by bisection on `incompleteBeta` (to ~1e-15). */
export function betaQuantile(p: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (incompleteBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface Swing {
  /** Index of the entry in the scenario's `uncertainty:` list. */
  index: number;
  /** The entry's path (with `#n` when a path repeats, as its random stream is named). */
  name: string;
  mode: 'set' | 'scale';
  /** The distribution's low and high percentiles: the value set, or the factor applied. */
  lowInput: number;
  highInput: number;
  /** The metric with this entry at its low / high percentile, every other entry as written. */
  low: number;
  high: number;
  /** |high − low|. */
  swing: number;
}

export interface SwingOptions {
  /** @default 0.1 */
  pLow?: number;
  /** @default 0.9 */
  pHigh?: number;
}

/**
One-at-a-time swings of `metric` in `year`, largest first (ties in list order).
`base` is the metric in the central case (every entry as written).
*/
export function oneAtATime(scenario: Scenario, metric: string, year: number, opts: SwingOptions = {}): { base: number; swings: Swing[] } {
  const pLow = opts.pLow ?? 0.1;
  const pHigh = opts.pHigh ?? 0.9;
  const names = streamNames(scenario.uncertainty);
  const at = (draws: (number | undefined)[]): number => valueAt(simulate(applyDraws(scenario, draws)), metric, year);
  const base = valueAt(simulate(scenario), metric, year);
  const swings = scenario.uncertainty.map((u, index): Swing => {
    const lowInput = quantileOf(u.dist, pLow);
    const highInput = quantileOf(u.dist, pHigh);
    const only = (v: number): (number | undefined)[] => scenario.uncertainty.map((_, i) => (i === index ? v : undefined));
    const low = at(only(lowInput));
    const high = at(only(highInput));
    return { index, name: names[index]!, mode: u.mode, lowInput, highInput, low, high, swing: Math.abs(high - low) };
  });
  return { base, swings: rankBy(swings, (s) => s.swing) };
}

/**
Spearman rank correlation between each entry's draws in runs 0..runs−1 of
`seed` and `values[r]`, the metric in run r (as Monte Carlo produced it). NaN
where either side does not vary.
*/
export function rankCorrelations(scenario: Scenario, seed: number, values: ArrayLike<number>): number[] {
  const runs = values.length;
  const names = streamNames(scenario.uncertainty);
  const draws = scenario.uncertainty.map(() => new Array<number>(runs));
  for (let r = 0; r < runs; r++) {
    const d = drawsFor(scenario, seed, r, names);
    d.forEach((v, i) => (draws[i]![r] = v));
  }
  const y = Array.from(values);
  return draws.map((x) => (runs < 3 ? NaN : sampleRankCorrelation(x, y)));
}

/** Items sorted by |key| descending; NaN last; ties keep their order. */
export function rankBy<T>(items: readonly T[], key: (t: T) => number): T[] {
  const k = (t: T): number => {
    const v = Math.abs(key(t));
    return Number.isNaN(v) ? -1 : v;
  };
  return items
    .map((t, i) => ({ t, i }))
    .sort((a, b) => k(b.t) - k(a.t) || a.i - b.i)
    .map((x) => x.t);
}

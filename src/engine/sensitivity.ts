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
  everything else moving too; it sees monotone effects, not their size. Draws
  are the Monte Carlo's own, so entries the scenario correlates (`correlate:`)
  share each other's ρ in part; the swings move one entry alone.

Percentiles are exact: inverse CDFs for uniform, normal, lognormal and
triangular, numeric inversion of the regularized incomplete beta for PERT, the
weighted quantile for discrete values.
*/
import { sampleRankCorrelation } from 'simple-statistics';
import type { Scenario } from '../scenario/types.js';
import { quantileOf } from './distributions.js';
import { valueAt } from './results.js';
import { applyDraws, drawsFor, streamNames } from './sample.js';
import { simulate } from './simulate.js';

// the quantile functions live with the samplers; re-exported for existing callers
export { betaQuantile, incompleteBeta, quantileOf } from './distributions.js';

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
  // each run read in `year` only: it stops there (simulate's through; the same bits for that year)
  const through = year - scenario.horizon.start;
  const at = (draws: (number | undefined)[]): number => valueAt(simulate(applyDraws(scenario, draws), { through }), metric, year);
  const base = valueAt(simulate(scenario, { through }), metric, year);
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

/**
Model values at an observation's date (docs/observations.md): the metric in the
observation's year; for a year-month of a stock (a year-end value), read
linearly between the previous year end and this one — a figure reported in July
sits halfway. Flows and rates use the year's value.
*/
import type { Observation } from '../scenario/types.js';
import type { MonteCarloResult } from './montecarlo.js';
import { STOCK_METRICS } from '../scenario/metric-names.js';

/** Where an observation reads a run's metric-major values: `prev + frac · (col − prev)`, or `col` alone when `prev` < 0. */
export interface ObservationRead {
  col: number;
  prev: number;
  frac: number;
}

/** The read of an observation in values laid out as `values[k * years + y]`, or undefined outside the horizon or for an unknown metric. */
export function observationRead(metrics: readonly string[], years: readonly number[], obs: Pick<Observation, 'metric' | 'year' | 'month'>): ObservationRead | undefined {
  const k = metrics.indexOf(obs.metric);
  const y = obs.year - years[0]!;
  if (k < 0 || y < 0 || y >= years.length) return undefined;
  const col = k * years.length + y;
  if (obs.month === undefined || y === 0 || !STOCK_METRICS.has(obs.metric)) return { col, prev: -1, frac: 1 };
  return { col, prev: col - 1, frac: obs.month / 12 };
}

/** Apply a read to one run's values, starting at `offset` (runs laid end to end). */
export function readObservation(values: ArrayLike<number>, offset: number, r: ObservationRead): number {
  const cur = values[offset + r.col]!;
  if (r.prev < 0) return cur;
  const prev = values[offset + r.prev]!;
  return prev + r.frac * (cur - prev);
}

/**
The value of `obs.metric` at the observation's date in one run's metric-major
values (`values[k * years + y]`), or NaN outside the horizon or for an unknown metric.
*/
export function valueAtObservation(values: ArrayLike<number>, metrics: readonly string[], years: readonly number[], obs: Pick<Observation, 'metric' | 'year' | 'month'>): number {
  const r = observationRead(metrics, years, obs);
  return r ? readObservation(values, 0, r) : NaN;
}

export interface ObservationCheck {
  observation: Observation;
  /** What the result shows at that date: the median under Monte Carlo, else the central case. */
  value: number;
  /** P5–P95 of the runs (Monte Carlo only), read at the date as the value is. */
  p5?: number;
  p95?: number;
  /** The shown value lies in the observation's interval for Gui'an. */
  inside: boolean;
  /** The band overlaps the interval (Monte Carlo), or the value lies in it (central case). */
  overlaps: boolean;
}

/** Each observation against a result, in the order given. */
export function checkObservations(mc: MonteCarloResult, observations: readonly Observation[]): ObservationCheck[] {
  const { central } = mc;
  const Y = central.years.length;
  const bandAt = (obs: Observation, pick: 'p5' | 'p50' | 'p95'): number => {
    const k = central.metrics.indexOf(obs.metric);
    const col = new Float64Array(Y);
    for (let y = 0; y < Y; y++) col[y] = mc.bands![k * Y + y]![pick];
    return valueAtObservation(col, [obs.metric], central.years, obs);
  };
  return observations.map((o) => {
    const value = mc.bands ? bandAt(o, 'p50') : valueAtObservation(central.values, central.metrics, central.years, o);
    const inside = value >= o.lo && value <= o.hi;
    const out: ObservationCheck = { observation: o, value, inside, overlaps: inside };
    if (mc.bands) {
      out.p5 = bandAt(o, 'p5');
      out.p95 = bandAt(o, 'p95');
      out.overlaps = out.p95 >= o.lo && out.p5 <= o.hi;
    }
    return out;
  });
}

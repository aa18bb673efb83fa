/**
The monthly profile (`dcplan run --monthly`, docs/results.md): load, energy and
carbon month by month, one row of MONTHLY_FIELDS per month.

The same rule as the yearly results: with `runs: 1` it is the central run; with
more runs it is the per-month P5, median and P95 over the Monte Carlo runs. Run
r is re-simulated here, in this thread, from exactly the scenario the yearly
Monte Carlo draws for it (`sampleScenario(scenario, seed, r)`), so the monthly
bands belong to the same runs as the yearly ones. Quantiles are the yearly
bands' (`band`, R-7), so a month's median is computed like a year's.

Memory: one value per run, month and field (runs × months × 10 doubles, about
10 MB for 1,000 runs over 11 years) plus two scratch columns; nothing else is
allocated per run beyond what `simulate` itself needs.
*/
import type { Scenario } from '../scenario/types.js';
import { sampleSchedule, type Schedule } from './fork.js';
import { runWidth } from './montecarlo.js';
import { sampleScenario, streamNames } from './sample.js';
import { MONTHLY_FIELDS, simulate } from './simulate.js';
import { band } from './stats.js';

export interface MonthlyProfile {
  /** First calendar year of the horizon: month i is `monthLabel(start, i)`. */
  start: number;
  /** Months in the horizon (12 × years). */
  months: number;
  fields: typeof MONTHLY_FIELDS;
  runs: number;
  seed: number;
  /**
  What each month shows, row-major (`value[i * fields.length + f]`): the median
  over the runs when runs > 1, else the central run. NaN where a field is not
  modelled.
  */
  value: Float64Array;
  /** runs > 1: the per-month P5, median (the same array as `value`) and P95, same layout. */
  bands?: { p5: Float64Array; p50: Float64Array; p95: Float64Array };
}

export interface MonthlyOptions {
  runs: number;
  seed: number;
  /** Called every few runs with the number of runs done (progress on stderr). */
  onProgress?: (done: number, total: number) => void;
  /** Change course mid-run (src/engine/fork.ts): run r switches to run r of each scheduled scenario. */
  schedule?: Schedule;
}

/** The monthly profile of `scenario`: the central run (runs = 1) or per-month bands over the Monte Carlo runs. */
export function monthlyProfile(scenario: Scenario, opts: MonthlyOptions): MonthlyProfile {
  const runs = Math.max(1, Math.floor(opts.runs));
  const { seed } = opts;
  const F = MONTHLY_FIELDS.length;
  const months = (scenario.horizon.end - scenario.horizon.start + 1) * 12;
  const W = months * F;
  const head = { start: scenario.horizon.start, months, fields: MONTHLY_FIELDS, runs, seed };
  if (runs === 1) {
    const value = new Float64Array(W);
    simulate(scenario, opts.schedule ? { monthly: value, schedule: opts.schedule } : { monthly: value });
    return { ...head, value };
  }

  // column-major store: every (month, field) column's values in run order, contiguous
  const store = new Float64Array(W * runs);
  const row = new Float64Array(W);
  const yearly = new Float64Array(runWidth(scenario));
  const names = streamNames(scenario.uncertainty);
  const every = Math.max(1, Math.min(500, Math.ceil(runs / 100)));
  for (let r = 0; r < runs; r++) {
    const schedule = opts.schedule ? sampleSchedule(opts.schedule, seed, r, names) : undefined;
    simulate(sampleScenario(scenario, seed, r, names), schedule ? { out: yearly, monthly: row, schedule } : { out: yearly, monthly: row });
    for (let c = 0; c < W; c++) store[c * runs + r] = row[c]!;
    if (opts.onProgress && ((r + 1) % every === 0 || r + 1 === runs)) opts.onProgress(r + 1, runs);
  }

  const p5 = new Float64Array(W);
  const p50 = new Float64Array(W);
  const p95 = new Float64Array(W);
  const scratch = new Float64Array(runs);
  for (let c = 0; c < W; c++) {
    const b = band(store.subarray(c * runs, (c + 1) * runs), runs, 1, 0, scratch);
    p5[c] = b.p5;
    p50[c] = b.p50;
    p95[c] = b.p95;
  }
  return { ...head, value: p50, bands: { p5, p50, p95 } };
}

/**
Monte Carlo over a scenario's `uncertainty:` (docs/model.md §7, docs/architecture.md §3.1).

`runs: 1` is the central case: the scenario as written, no sampling. With more
runs, run i (0-based) samples its own streams (see rng.ts) — the central run is
still computed, for the events and breakdowns the faces show. Per-run values are
kept in one Float64Array, runs × (metrics × years), in run order.
*/
import type { Scenario } from '../scenario/types.js';
import { meetsTarget, metricNames, type RunResult } from './results.js';
import { sampleScenario, streamNames } from './sample.js';
import { simulate, type SimulateOptions } from './simulate.js';
import { forkedScenario, sampleSchedule, type Schedule } from './fork.js';
import { band, type Band } from './stats.js';

export interface TargetOutcome {
  id: string;
  label: string;
  metric: string;
  year: number;
  atLeast?: number;
  atMost?: number;
  /** The median over the runs (Monte Carlo), or the central run's value (runs = 1). */
  value: number;
  /** The value meets the target: with runs > 1, the median meets it (never "met" at P = 4 %). */
  met: boolean;
  /** Share of runs that met it (Monte Carlo only). */
  probability?: number;
}

export interface MonteCarloResult {
  scenario: Scenario;
  seed: number;
  runs: number;
  /** The central run, with events and breakdowns. */
  central: RunResult;
  /** runs × width values (width = metrics × years), run-major; for runs = 1 the central run.
  Empty when the result was summarized column by column without keeping the runs (`merge`). */
  perRun: Float64Array;
  /** bands[k * years + y], present when runs > 1. */
  bands?: Band[];
  /** Median verdicts with P (runs > 1), or the central run's verdicts (runs = 1). */
  targets: TargetOutcome[];
  /** The central run's own verdicts (no probability); the same as `targets` when runs = 1. */
  centralTargets: TargetOutcome[];
}

export function runWidth(scenario: Scenario): number {
  return metricNames(scenario).length * (scenario.horizon.end - scenario.horizon.start + 1);
}

/**
Simulate runs [from, to) of `seed` into `out` (run-major, `(to - from) × width`).
With a schedule (src/engine/fork.ts), run r changes course to run r of each
scheduled scenario: the same draws, applied to the changed scenario. With
`through` each run stops after that year index's December (`simulate`'s
option): the years after it are NaN.
*/
export function simulateRuns(scenario: Scenario, seed: number, from: number, to: number, out: Float64Array, schedule?: Schedule, through?: number): void {
  const width = runWidth(scenario);
  const names = streamNames(scenario.uncertainty);
  for (let r = from; r < to; r++) {
    const s = sampleScenario(scenario, seed, r, names);
    const slice = out.subarray((r - from) * width, (r - from + 1) * width);
    const opts: SimulateOptions = schedule ? { out: slice, schedule: sampleSchedule(schedule, seed, r, names) } : { out: slice };
    if (through !== undefined) opts.through = through;
    simulate(s, opts);
  }
}

/** Combine per-run values (already in run order) into the result. */
export function summarize(scenario: Scenario, seed: number, runs: number, central: RunResult, perRun: Float64Array): MonteCarloResult {
  const width = runWidth(scenario);
  const readColumn = (col: number, out: Float64Array): void => {
    for (let r = 0; r < runs; r++) out[r] = perRun[r * width + col]!;
  };
  return summarizeColumns(scenario, seed, runs, central, readColumn, perRun);
}

/**
The same summary as `summarize`, reading the per-run values one column
(metric × year) at a time: `readColumn(col, out)` fills `out[0..runs)` with that
column's value in every run, in run order. Memory stays at two columns however
many runs there are — `merge` uses it to combine shard files. The arithmetic is
exactly `summarize`'s, so the results are the same bytes. `perRun` is what the
result carries (empty when the caller does not keep the runs).
*/
export function summarizeColumns(
  scenario: Scenario,
  seed: number,
  runs: number,
  central: RunResult,
  readColumn: (col: number, out: Float64Array) => void,
  perRun: Float64Array = new Float64Array(0),
): MonteCarloResult {
  const width = runWidth(scenario);
  const Y = central.years.length;
  const specs = scenario.targets.map((t) => {
    const k = central.metrics.indexOf(t.metric);
    const col = k * Y + (t.year - central.years[0]!);
    const meets = (v: number): boolean => meetsTarget(t, v);
    return { t, col, meets };
  });
  const met = specs.map(() => 0);
  let bands: Band[] | undefined;
  if (runs > 1) {
    const column = new Float64Array(runs);
    const scratch = new Float64Array(runs);
    bands = [];
    for (let c = 0; c < width; c++) {
      readColumn(c, column);
      specs.forEach((s, i) => {
        if (s.col !== c) return;
        let n = 0;
        for (let r = 0; r < runs; r++) if (s.meets(column[r]!)) n++;
        met[i] = n;
      });
      bands.push(band(column, runs, 1, 0, scratch));
    }
  }
  const outcome = (i: number, value: number, probability?: number): TargetOutcome => {
    const { t, meets } = specs[i]!;
    const out: TargetOutcome = { id: t.id, label: t.label, metric: t.metric, year: t.year, value, met: meets(value) };
    if (t.atLeast !== undefined) out.atLeast = t.atLeast;
    if (t.atMost !== undefined) out.atMost = t.atMost;
    if (probability !== undefined) out.probability = probability;
    return out;
  };
  const centralTargets = specs.map(({ col }, i) => outcome(i, central.values[col]!));
  const targets = bands ? specs.map(({ col }, i) => outcome(i, bands[col]!.p50, met[i]! / runs)) : centralTargets;
  const result: MonteCarloResult = { scenario, seed, runs, central, perRun: runs > 1 ? perRun : central.values, targets, centralTargets };
  if (bands) result.bands = bands;
  return result;
}

/**
Monte Carlo in this thread (tests, the TUI, small run counts). With a schedule
the runs change course (src/engine/fork.ts) and the result's scenario says so
(`forkedScenario`).
*/
export function monteCarlo(scenario: Scenario, opts: { runs?: number; seed?: number; schedule?: Schedule } = {}): MonteCarloResult {
  const runs = Math.max(1, Math.floor(opts.runs ?? scenario.runs));
  const seed = opts.seed ?? scenario.seed;
  const schedule = opts.schedule && opts.schedule.length > 0 ? opts.schedule : undefined;
  const central = simulate(scenario, schedule ? { detail: true, schedule } : { detail: true });
  let perRun = central.values;
  if (runs > 1) {
    perRun = new Float64Array(runs * runWidth(scenario));
    simulateRuns(scenario, seed, 0, runs, perRun, schedule);
  }
  return summarize(schedule ? forkedScenario(scenario, schedule) : scenario, seed, runs, central, perRun);
}

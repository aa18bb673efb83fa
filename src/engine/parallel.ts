/**
Monte Carlo across worker threads (piscina). The runs are cut into slices that
workers compute independently (each run has its own random streams), and the
slices are written back at their run offsets, so the result is the same bytes
for any worker count — including the in-thread path used for one worker. A run
range [from, to) can be simulated on its own (`simulateRunsParallel`, for batch
shards), and callers that run many scenarios can share one pool (`createPool`).
*/
import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import type { Override, ScenarioSource } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import { runWidth, simulateRuns, summarize, type MonteCarloResult } from './montecarlo.js';
import { simulate } from './simulate.js';
import { forkedScenario, type ScheduleEntry } from './fork.js';
import type { TaskScenario, WorkerTask } from './worker.js';
import { toPortable } from '../scenario/portable.js';
import type { Piscina } from 'piscina';

export interface RangeOptions {
  seed: number;
  /** Worker threads; default all cores. 1 runs in this thread (unless `pool` is given). */
  workers?: number;
  /** URL of the bundled worker module (dist/worker.js); needed unless `pool` is given. */
  workerUrl?: URL | undefined;
  /** How workers rebuild a scenario that has no portable form (src/scenario/portable.ts); without it such a scenario cannot go to workers. */
  source: ScenarioSource | undefined;
  overrides: Override[];
  /** Change course mid-run (src/engine/fork.ts): each switch's scenario, and the overrides workers rebuild it from. */
  schedule?: readonly ForkStep[];
  /** A pool the caller owns and shares across calls (batch, sweep); used as is, never destroyed here. */
  pool?: Piscina;
  /** Called after each slice with the number of runs done. */
  onProgress?: (done: number, total: number) => void;
  /** Ctrl-C: slices not yet started are dropped, and a worker thread running one is stopped (piscina replaces it, cold). */
  signal?: AbortSignal;
  /**
  A cancel that keeps the threads warm (the TUI's next lever press): once `stop[0]`
  is set (Atomics.store, over a SharedArrayBuffer), every slice ends within a few
  runs, on its thread, and the call rejects. A stopped thread would cost the next
  band its JIT warm-up.
  */
  stop?: Int32Array;
  /** Each run stops after this year index's December (`simulate`'s `through`): for callers that read no later year. */
  through?: number;
}

/**
One switch of a forked run: from `month` on the run follows `scenario`, which is
the source resolved with `overrides` — every override from the start (those
before the first switch, then each switch's own, in order), so a worker can
resolve it alone.
*/
export interface ForkStep extends ScheduleEntry {
  overrides: Override[];
}

export interface ParallelOptions extends RangeOptions {
  runs: number;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

/**
Up to this many runs, a command without a shared pool runs them in its own
thread: fresh workers spend their first few hundred runs warming up their JIT
(measured on 2 cores: 1,000 runs 0.76 s in-thread, 1.14 s with two new workers).
*/
export const IN_THREAD_RUNS = 2000;

/** Slice size: enough slices to balance load and report progress, few enough to keep overhead low. */
function sliceSize(runs: number, workers: number): number {
  return Math.max(16, Math.min(500, Math.ceil(runs / (workers * 8))));
}

/** A worker pool for `simulateRunsParallel` / `monteCarloParallel` calls that share it. */
export async function createPool(workerUrl: URL, workers: number): Promise<Piscina> {
  const { Piscina } = await import('piscina');
  return new Piscina({ filename: workerUrl.href, maxThreads: workers, minThreads: workers, idleTimeout: 1000 });
}

function aborted(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('aborted');
}

/** `stop` has been set (RangeOptions.stop). */
export function stopRequested(stop: Int32Array | undefined): boolean {
  return stop !== undefined && Atomics.load(stop, 0) !== 0;
}

/**
Simulate runs [from, to) of `opts.seed` into `out` ((to − from) × width values,
run-major), on worker threads or in this thread. Every run lands at its own
offset, so the bytes do not depend on the worker count or on which worker ran
what. In this thread it yields to the event loop between slices, so an abort
(Ctrl-C) takes effect within one slice.
*/
export async function simulateRunsParallel(scenario: Scenario, from: number, to: number, out: Float64Array, opts: RangeOptions): Promise<void> {
  const total = to - from;
  if (total <= 0) return;
  const workers = Math.max(1, Math.floor(opts.workers ?? defaultWorkers()));
  const width = runWidth(scenario);
  const schedule = opts.schedule && opts.schedule.length > 0 ? opts.schedule : undefined;
  const step = sliceSize(total, opts.pool ? opts.pool.options.maxThreads : workers);
  let done = 0;

  // new workers start cold (see IN_THREAD_RUNS): a few thousand runs finish sooner in this
  // thread, and the bytes are the same either way
  if (!opts.pool && (workers === 1 || total <= step || total <= IN_THREAD_RUNS)) {
    for (let a = from; a < to; a += step) {
      if (opts.signal?.aborted) throw aborted(opts.signal);
      if (stopRequested(opts.stop)) throw new Error('stopped');
      const b = Math.min(to, a + step);
      simulateRuns(scenario, opts.seed, a, b, out.subarray((a - from) * width, (b - from) * width), schedule, opts.through);
      done = b - from;
      opts.onProgress?.(done, total);
      if (b < to) await new Promise((resolve) => setImmediate(resolve));
    }
    return;
  }

  // The worker caches resolved scenarios by key: the content hash (of the document with its overrides applied) of
  // the scenario and of each of a fork's switches.
  const key = `${scenario.hash}${schedule ? `\u0000${JSON.stringify(schedule.map((e) => [e.month, e.scenario.hash]))}` : ''}`;
  // the resolved scenario itself when it has a portable form (the worker then never loads the loader), else its source
  const asTask = (s: Scenario, overrides: Override[]): TaskScenario => {
    const portable = toPortable(s);
    if (portable) return { portable };
    if (!opts.source) throw new Error(`${s.name}: no portable form and no source to send to worker threads`);
    return { source: opts.source, overrides };
  };
  const taskScenario = asTask(scenario, opts.overrides);
  const switches = schedule?.map((e) => ({ month: e.month, scenario: asTask(e.scenario, e.overrides) }));
  if (!opts.pool && !opts.workerUrl) throw new Error('worker threads need the worker module (workerUrl) or a pool');
  const pool = opts.pool ?? (await createPool(opts.workerUrl!, workers));
  // one abort listener per task: not a leak
  if (opts.signal) setMaxListeners(0, opts.signal);
  try {
    if (opts.signal?.aborted) throw aborted(opts.signal);
    const tasks: Promise<void>[] = [];
    for (let a = from; a < to; a += step) {
      const b = Math.min(to, a + step);
      const task: WorkerTask = { key, scenario: taskScenario, seed: opts.seed, from: a, to: b };
      if (switches) task.schedule = switches;
      if (opts.through !== undefined) task.through = opts.through;
      if (opts.stop) task.stop = opts.stop;
      const run = opts.signal ? pool.run(task, { signal: opts.signal }) : pool.run(task);
      tasks.push(
        (run as Promise<Float64Array>).then((slice) => {
          out.set(slice, (a - from) * width);
          done += b - a;
          opts.onProgress?.(done, total);
        }),
      );
    }
    await Promise.all(tasks);
    if (stopRequested(opts.stop)) throw new Error('stopped');
  } catch (err) {
    if (opts.signal?.aborted) throw aborted(opts.signal);
    throw err;
  } finally {
    if (!opts.pool) await pool.destroy();
  }
}

/** Monte Carlo on worker threads; with `opts.schedule` the runs change course and the result's scenario says so (`forkedScenario`). */
export async function monteCarloParallel(scenario: Scenario, opts: ParallelOptions): Promise<MonteCarloResult> {
  const runs = Math.max(1, Math.floor(opts.runs));
  const schedule = opts.schedule && opts.schedule.length > 0 ? opts.schedule : undefined;
  const central = simulate(scenario, schedule ? { detail: true, schedule } : { detail: true });
  const described = schedule ? forkedScenario(scenario, schedule) : scenario;
  if (runs === 1) return summarize(described, opts.seed, 1, central, central.values);
  const perRun = new Float64Array(runs * runWidth(scenario));
  await simulateRunsParallel(scenario, 0, runs, perRun, opts);
  return summarize(described, opts.seed, runs, central, perRun);
}

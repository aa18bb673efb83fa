/**
Monte Carlo across worker threads (piscina). The runs are cut into slices that
workers compute independently (each run has its own random streams), and the
slices are written back at their run offsets, so the result is the same bytes
for any worker count — including the in-thread path used for one worker.
*/
import { availableParallelism } from 'node:os';
import type { Override, ScenarioSource } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import { runWidth, simulateRuns, summarize, type MonteCarloResult } from './montecarlo.js';
import { simulate } from './simulate.js';
import type { WorkerTask } from './worker.js';

export interface ParallelOptions {
  runs: number;
  seed: number;
  /** Worker threads; default all cores. 1 runs in this thread. */
  workers?: number;
  /** URL of the bundled worker module (dist/worker.js). */
  workerUrl: URL;
  /** How workers rebuild the scenario. */
  source: ScenarioSource;
  overrides: Override[];
  /** Called after each slice with the number of runs done. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

/** Slice size: enough slices to balance load and report progress, few enough to keep overhead low. */
function sliceSize(runs: number, workers: number): number {
  return Math.max(16, Math.min(500, Math.ceil(runs / (workers * 8))));
}

export async function monteCarloParallel(scenario: Scenario, opts: ParallelOptions): Promise<MonteCarloResult> {
  const runs = Math.max(1, Math.floor(opts.runs));
  const workers = Math.max(1, Math.floor(opts.workers ?? defaultWorkers()));
  const central = simulate(scenario, { detail: true });
  if (runs === 1) return summarize(scenario, opts.seed, 1, central, central.values);
  const width = runWidth(scenario);
  const perRun = new Float64Array(runs * width);
  const step = sliceSize(runs, workers);
  let done = 0;

  if (workers === 1 || runs <= step) {
    for (let from = 0; from < runs; from += step) {
      if (opts.signal?.aborted) throw new Error('aborted');
      const to = Math.min(runs, from + step);
      simulateRuns(scenario, opts.seed, from, to, perRun.subarray(from * width, to * width));
      done = to;
      opts.onProgress?.(done, runs);
    }
    return summarize(scenario, opts.seed, runs, central, perRun);
  }

  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: opts.workerUrl.href, maxThreads: workers, minThreads: workers, idleTimeout: 1000 });
  const onAbort = (): void => void pool.destroy();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const tasks: Promise<void>[] = [];
    for (let from = 0; from < runs; from += step) {
      const to = Math.min(runs, from + step);
      const task: WorkerTask = { key: scenario.hash, source: opts.source, overrides: opts.overrides, seed: opts.seed, from, to };
      tasks.push(
        (pool.run(task) as Promise<Float64Array>).then((slice) => {
          perRun.set(slice, from * width);
          done += to - from;
          opts.onProgress?.(done, runs);
        }),
      );
    }
    await Promise.all(tasks);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await pool.destroy();
  }
  return summarize(scenario, opts.seed, runs, central, perRun);
}

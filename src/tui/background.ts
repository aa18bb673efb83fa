/**
Monte Carlo bands filled in the background, a few runs at a time, so the UI
never freezes: each slice simulates runs until its time budget is spent, then
yields to the event loop (setImmediate) so key presses and frames go first.
Progress (runs done) is published at most every `publishMs`; the bands are
summarised once, when the job finishes, since the screen shows a run's bands
only when they are complete (src/tui/model.ts `bandsComplete`) and summarising
1,000 runs costs ~25 ms, which partial summaries would spend for nothing while
the user waits. Run i of the seed always draws the same numbers (engine/rng),
so the bands do not depend on how the runs were sliced.

`PoolBands` does the same work on a warm pool of worker threads, started with
the TUI, so a lever press gets its band in a fraction of a second while this
thread only draws (issue 15: a 1,000-run band within 0.3 s). It sends each
worker the resolved scenario as data (src/scenario/portable.ts); a scenario
without a portable form falls back to the slices above. The bytes are the same
either way: run i always lands at its own offset.
*/
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import { runWidth, simulateRuns, summarize, type MonteCarloResult } from '../engine/montecarlo.js';
import { createPool, simulateRunsParallel, stopRequested } from '../engine/parallel.js';
import type { Override, ScenarioSource } from '../scenario/index.js';
import { toPortable } from '../scenario/portable.js';
import type { RunResult } from '../engine/results.js';
import type { Schedule } from '../engine/fork.js';
import type { Scenario } from '../scenario/types.js';

/** A forked run's bands: each run starts from `base` and follows `schedule` (the same draws as the base's run of that index). */
export interface BandFork {
  base: Scenario;
  schedule: Schedule;
}

export interface BandJob {
  key: number;
  scenario: Scenario;
  central: RunResult;
  total: number;
  done: number;
  perRun: Float64Array;
  width: number;
  lastPublish: number;
  fork?: BandFork | undefined;
}

export interface BandUpdate {
  key: number;
  done: number;
  total: number;
  /** The summary, when the job has finished (progress updates carry none). */
  result?: MonteCarloResult;
}

export interface BandSchedulerOptions {
  /** Time budget of one slice, ms. */
  sliceMs?: number;
  /** Least time between two published updates of one job, ms. */
  publishMs?: number;
  /** Schedules the next slice; setImmediate by default. `null` runs nothing until `drain()`. */
  schedule?: ((fn: () => void) => void) | null;
}

/** Where a run's scenario came from: its source and the overrides applied (for a fork, those of the changed scenario). */
export interface BandOrigin {
  source: ScenarioSource;
  overrides: Override[];
}

/** What the store asks of background bands, in this thread or on workers. */
export interface Bands {
  start(key: number, scenario: Scenario, central: RunResult, total: number, first?: boolean, fork?: BandFork, origin?: BandOrigin): void;
  cancel(key: number): void;
  prioritize(key: number): void;
  readonly busy: boolean;
  stop(): void;
  /** Run every job to the end now, in this thread (tests). */
  drain(): void;
}

export class BandScheduler implements Bands {
  private jobs: BandJob[] = [];
  private pending = false;
  private stopped = false;
  private readonly sliceMs: number;
  private readonly publishMs: number;
  private readonly schedule: ((fn: () => void) => void) | null;

  constructor(private readonly onUpdate: (u: BandUpdate) => void, opts: BandSchedulerOptions = {}) {
    this.sliceMs = opts.sliceMs ?? 12;
    this.publishMs = opts.publishMs ?? 150;
    this.schedule = opts.schedule === undefined ? (fn) => setImmediate(fn) : opts.schedule;
  }

  /** Start (or restart) the bands of run `key`; `first` puts it ahead of the others. */
  start(key: number, scenario: Scenario, central: RunResult, total: number, first = false, fork?: BandFork): void {
    this.cancel(key);
    if (total < 2 || this.stopped) return;
    const width = runWidth(scenario);
    const job: BandJob = { key, scenario, central, total, done: 0, perRun: new Float64Array(total * width), width, lastPublish: 0, fork };
    if (first) this.jobs.unshift(job);
    else this.jobs.push(job);
    this.kick();
  }

  cancel(key: number): void {
    this.jobs = this.jobs.filter((j) => j.key !== key);
  }

  /** Put run `key`'s job first (the run on screen). */
  prioritize(key: number): void {
    const i = this.jobs.findIndex((j) => j.key === key);
    if (i > 0) this.jobs.unshift(...this.jobs.splice(i, 1));
  }

  get busy(): boolean {
    return this.jobs.length > 0;
  }

  stop(): void {
    this.stopped = true;
    this.jobs = [];
  }

  /** Run every job to the end now (tests, benchmarks). */
  drain(): void {
    while (this.jobs.length > 0) this.slice(Infinity);
  }

  private kick(): void {
    if (this.pending || !this.schedule || this.jobs.length === 0) return;
    this.pending = true;
    this.schedule(() => {
      this.pending = false;
      if (this.stopped) return;
      this.slice(this.sliceMs);
      this.kick();
    });
  }

  private slice(budgetMs: number): void {
    const job = this.jobs[0];
    if (!job) return;
    const t0 = performance.now();
    const { scenario, width, fork } = job;
    do {
      const n = Math.min(job.total - job.done, budgetMs === Infinity ? job.total : 2);
      const out = job.perRun.subarray(job.done * width, (job.done + n) * width);
      // a fork: run r starts from the base's run r and changes course with the same draws (paired with the base's bands)
      if (fork) simulateRuns(fork.base, scenario.seed, job.done, job.done + n, out, fork.schedule);
      else simulateRuns(scenario, scenario.seed, job.done, job.done + n, out);
      job.done += n;
    } while (job.done < job.total && performance.now() - t0 < budgetMs);
    const finished = job.done >= job.total;
    if (finished) this.jobs.shift();
    const now = performance.now();
    if (finished || now - job.lastPublish >= this.publishMs) {
      job.lastPublish = now;
      const result = finished ? summarize(scenario, scenario.seed, job.done, job.central, job.perRun.subarray(0, job.done * width)) : undefined;
      this.onUpdate({ key: job.key, done: job.done, total: job.total, result });
    }
  }
}

/** A band on the worker pool shows its progress from this long after it starts, ms. */
const FIRST_PROGRESS_MS = 300;

export interface PoolBandsOptions {
  /** The bundled worker module (dist/worker.js). */
  workerUrl: URL;
  /** Worker threads (default: every core). */
  workers: number;
  /** Least time between two published progress updates of one job, ms. */
  publishMs?: number;
}

/** A pool on every core when the worker bundle exists (the CLI, built); undefined otherwise (the bands then stay in the TUI thread). */
export function poolOptions(workerUrl: URL | undefined): PoolBandsOptions | undefined {
  return workerUrl && existsSync(fileURLToPath(workerUrl)) ? { workerUrl, workers: availableParallelism() } : undefined;
}

interface PoolJob {
  key: number;
  scenario: Scenario;
  central: RunResult;
  total: number;
  fork: BandFork | undefined;
  /** Set when the scenario (or a fork's) has no portable form: workers resolve it from here. */
  origin: BandOrigin | undefined;
  /** Set to cancel (a newer lever value, or quit): the workers end its slices within a few runs and stay warm (RangeOptions.stop). */
  stop: Int32Array;
}

/** Background bands on worker threads (see the header); one job at a time, the run on screen first. */
export class PoolBands implements Bands {
  private readonly pool: Promise<Piscina>;
  private jobs: PoolJob[] = [];
  private running: PoolJob | undefined;
  private stopped = false;
  private broken = false;
  private readonly publishMs: number;
  /** Scenarios without a portable form (or every scenario, once the pool has failed) run here, in slices. */
  private readonly local: BandScheduler;

  constructor(
    private readonly onUpdate: (u: BandUpdate) => void,
    opts: PoolBandsOptions,
  ) {
    this.publishMs = opts.publishMs ?? 150;
    this.local = new BandScheduler(onUpdate, { publishMs: this.publishMs });
    // started now, so its threads have loaded the engine before the first lever press; a pool whose
    // threads fail (a missing or broken worker bundle) is given up, and the TUI's thread does the work
    this.pool = createPool(opts.workerUrl, opts.workers).then((pool) => {
      pool.on('error', () => {
        this.broken = true;
      });
      return pool;
    });
    this.pool.catch(() => {
      this.broken = true;
    });
  }

  start(key: number, scenario: Scenario, central: RunResult, total: number, first = false, fork?: BandFork, origin?: BandOrigin): void {
    this.cancel(key);
    if (total < 2 || this.stopped) return;
    const portable = fork ? toPortable(fork.base) !== undefined && fork.schedule.every((e) => toPortable(e.scenario) !== undefined) : toPortable(scenario) !== undefined;
    // a scenario with no portable form goes to the workers as its source (they load the loader to resolve it)
    if ((!portable && !origin) || this.broken) {
      this.local.start(key, scenario, central, total, first, fork);
      return;
    }
    const job: PoolJob = { key, scenario, central, total, fork, origin: portable ? undefined : origin, stop: new Int32Array(new SharedArrayBuffer(4)) };
    if (first) this.jobs.unshift(job);
    else this.jobs.push(job);
    this.next();
  }

  cancel(key: number): void {
    this.local.cancel(key);
    this.jobs = this.jobs.filter((j) => j.key !== key);
    if (this.running?.key === key) Atomics.store(this.running.stop, 0, 1);
  }

  prioritize(key: number): void {
    this.local.prioritize(key);
    const i = this.jobs.findIndex((j) => j.key === key);
    if (i > 0) this.jobs.unshift(...this.jobs.splice(i, 1));
  }

  get busy(): boolean {
    return this.running !== undefined || this.jobs.length > 0 || this.local.busy;
  }

  stop(): void {
    this.stopped = true;
    this.local.stop();
    this.jobs = [];
    if (this.running) Atomics.store(this.running.stop, 0, 1);
    void this.pool.then((p) => p.destroy()).catch(() => undefined);
  }

  drain(): void {
    throw new Error('PoolBands cannot drain in this thread; use BandScheduler in tests');
  }

  private next(): void {
    if (this.running || this.stopped) return;
    const job = this.jobs.shift();
    if (!job) return;
    this.running = job;
    void this.run(job).finally(() => {
      if (this.running === job) this.running = undefined;
      this.next();
    });
  }

  private async run(job: PoolJob): Promise<void> {
    const { scenario, total, fork, origin } = job;
    const perRun = new Float64Array(total * runWidth(scenario));
    // progress shows only once the wait is noticeable: a band done within FIRST_PROGRESS_MS (most 1,000-run
    // bands) draws no progress frame, whose rendering would take this thread's share of a core from the workers
    let lastPublish = performance.now() + FIRST_PROGRESS_MS - this.publishMs;
    try {
      // the slices go out a microtask later, after this press's central frame is drawn: sent first, the two
      // workers took the cores from that frame (~2× slower on two cores) and finished the band no sooner
      const pool = await this.pool;
      if (stopRequested(job.stop)) return;
      // a fork: run r starts from the base's run r and changes course with the same draws (paired with the base's bands)
      const base = fork ? fork.base : scenario;
      await simulateRunsParallel(base, 0, total, perRun, {
        seed: scenario.seed,
        pool,
        // a fork's base is the file's scenario as written; its switch, the changed one
        source: origin?.source,
        overrides: fork ? [] : (origin?.overrides ?? []),
        ...(fork ? { schedule: fork.schedule.map((e) => ({ ...e, overrides: origin?.overrides ?? [] })) } : {}),
        stop: job.stop,
        onProgress: (done) => {
          const now = performance.now();
          if (done < total && now - lastPublish >= this.publishMs) {
            lastPublish = now;
            this.onUpdate({ key: job.key, done, total });
          }
        },
      });
    } catch {
      // cancelled (a newer lever value, or quit): nothing to show; a pool that failed: the TUI's thread does the job
      if (!stopRequested(job.stop) && !this.stopped) this.local.start(job.key, scenario, job.central, total, true, fork);
      return;
    }
    if (stopRequested(job.stop) || this.stopped) return;
    const result = summarize(scenario, scenario.seed, total, job.central, perRun);
    // done before its frame is drawn: a lever press that frame answers starts the next band at once
    this.running = undefined;
    this.onUpdate({ key: job.key, done: total, total, result });
  }
}

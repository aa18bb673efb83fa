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
*/
import { runWidth, simulateRuns, summarize, type MonteCarloResult } from '../engine/montecarlo.js';
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

export class BandScheduler {
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

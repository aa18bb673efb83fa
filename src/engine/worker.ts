/**
Monte Carlo worker thread (bundled to dist/worker.js and run by piscina).

A task names a slice of runs [from, to) and carries the resolved scenario as
data (src/scenario/portable.ts): the worker rebuilds it without loading the
scenario loader (mathjs, yaml, zod — most of a cold start). A scenario with no
portable form (a parameter read by a formula only mathjs can evaluate) travels
as its source document and overrides instead, and the worker loads the loader
and resolves it. Either way the scenario is cached per key (the content hash
of the document with its overrides applied, and of each of a fork's switches),
so a worker rebuilds each one once.
*/
import { move } from 'piscina';
import type { Override, ScenarioSource } from '../scenario/index.js';
import { fromPortable, type PortableScenario } from '../scenario/portable.js';
import type { Scenario } from '../scenario/types.js';
import type { Schedule, ScheduleEntry } from './fork.js';
import { runWidth, simulateRuns } from './montecarlo.js';

/** A scenario as a task carries it: resolved and portable, or as source to resolve. */
export type TaskScenario = { portable: PortableScenario } | { source: ScenarioSource; overrides: Override[] };

export interface WorkerTask {
  key: string;
  scenario: TaskScenario;
  seed: number;
  from: number;
  to: number;
  /** A fork's switches (src/engine/fork.ts): from each month on, this scenario. */
  schedule?: { month: number; scenario: TaskScenario }[];
  /** Stop each run after this year index's December (`simulate`'s `through`). */
  through?: number;
  /** Set (stop[0] ≠ 0) when the caller no longer wants the slice (RangeOptions.stop): it ends within STOP_EVERY runs. */
  stop?: Int32Array;
}

/** Runs between two looks at a task's stop flag: ~2 ms of work. */
const STOP_EVERY = 4;

interface Resolved {
  scenario: Scenario;
  schedule?: Schedule;
}

const cache = new Map<string, Resolved>();

async function rebuild(t: TaskScenario): Promise<Scenario> {
  if ('portable' in t) return fromPortable(t.portable);
  const { resolveScenario } = await import('../scenario/index.js');
  return resolveScenario(t.source, t.overrides);
}

export default async function runSlice(task: WorkerTask): Promise<unknown> {
  let resolved = cache.get(task.key);
  if (!resolved) {
    resolved = { scenario: await rebuild(task.scenario) };
    if (task.schedule) {
      const schedule: ScheduleEntry[] = [];
      for (const e of task.schedule) schedule.push({ month: e.month, scenario: await rebuild(e.scenario) });
      resolved.schedule = schedule;
    }
    // a pool shared across a batch or sweep sees many scenarios: keep the latest few
    if (cache.size >= 8) cache.delete(cache.keys().next().value!);
    cache.set(task.key, resolved);
  }
  const { scenario, schedule } = resolved;
  const width = runWidth(scenario);
  const out = new Float64Array((task.to - task.from) * width);
  const { stop } = task;
  if (!stop) simulateRuns(scenario, task.seed, task.from, task.to, out, schedule, task.through);
  else {
    for (let a = task.from; a < task.to; a += STOP_EVERY) {
      // a stopped slice's values are never read: what it holds so far goes back as is
      if (Atomics.load(stop, 0) !== 0) break;
      const b = Math.min(task.to, a + STOP_EVERY);
      simulateRuns(scenario, task.seed, a, b, out.subarray((a - task.from) * width, (b - task.from) * width), schedule, task.through);
    }
  }
  return move(out);
}

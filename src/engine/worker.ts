/**
Monte Carlo worker thread (bundled to dist/worker.js and run by piscina).

A task names a slice of runs [from, to) and carries the scenario as plain data
(the merged source document and overrides), because a resolved Scenario holds
compiled formulas that cannot cross threads. The resolved scenario is cached
per key (content hash and overrides), so a worker resolves each scenario once;
a fork's switches travel the same way, as overrides per switch.
*/
import { move } from 'piscina';
import { resolveScenario, type Override, type ScenarioSource } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import type { Schedule } from './fork.js';
import { runWidth, simulateRuns } from './montecarlo.js';

export interface WorkerTask {
  key: string;
  source: ScenarioSource;
  overrides: Override[];
  seed: number;
  from: number;
  to: number;
  /** A fork's switches (src/engine/fork.ts): from each month on, the source resolved with these overrides (all of them, from the start). */
  schedule?: { month: number; overrides: Override[] }[];
}

interface Resolved {
  scenario: Scenario;
  schedule?: Schedule;
}

const cache = new Map<string, Resolved>();

export default function runSlice(task: WorkerTask): unknown {
  let resolved = cache.get(task.key);
  if (!resolved) {
    resolved = { scenario: resolveScenario(task.source, task.overrides) };
    if (task.schedule) resolved.schedule = task.schedule.map((e) => ({ month: e.month, scenario: resolveScenario(task.source, e.overrides) }));
    // a pool shared across a batch or sweep sees many scenarios: keep the latest few
    if (cache.size >= 8) cache.delete(cache.keys().next().value!);
    cache.set(task.key, resolved);
  }
  const { scenario, schedule } = resolved;
  const out = new Float64Array((task.to - task.from) * runWidth(scenario));
  simulateRuns(scenario, task.seed, task.from, task.to, out, schedule);
  return move(out);
}

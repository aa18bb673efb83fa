/**
Monte Carlo worker thread (bundled to dist/worker.js and run by piscina).

A task names a slice of runs [from, to) and carries the scenario as plain data
(the merged source document and overrides), because a resolved Scenario holds
compiled formulas that cannot cross threads. The resolved scenario is cached
per key (content hash and overrides), so a worker resolves each scenario once.
*/
import { move } from 'piscina';
import { resolveScenario, type Override, type ScenarioSource } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import { runWidth, simulateRuns } from './montecarlo.js';

export interface WorkerTask {
  key: string;
  source: ScenarioSource;
  overrides: Override[];
  seed: number;
  from: number;
  to: number;
}

const cache = new Map<string, Scenario>();

export default function runSlice(task: WorkerTask): unknown {
  let scenario = cache.get(task.key);
  if (!scenario) {
    scenario = resolveScenario(task.source, task.overrides);
    // a pool shared across a batch or sweep sees many scenarios: keep the latest few
    if (cache.size >= 8) cache.delete(cache.keys().next().value!);
    cache.set(task.key, scenario);
  }
  const out = new Float64Array((task.to - task.from) * runWidth(scenario));
  simulateRuns(scenario, task.seed, task.from, task.to, out);
  return move(out);
}

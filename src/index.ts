/**
dcplan as a library (docs/architecture.md): load a scenario, simulate it once or under
Monte Carlo, and compare results — the same functions the CLI and the TUI use.

  const plan = loadScenario('scenarios/guian-plan.yaml', [{ path: 'investment', value: '60' }]);
  const mc = monteCarlo(plan, { runs: 1000, seed: 1 });
  const central = simulate(plan, { detail: true });
*/
export { loadScenario, readScenarioSource, resolveScenario, ScenarioError, formatProblem } from './scenario/index.js';
export type { Override, Problem, ScenarioSource } from './scenario/index.js';
export type { Scenario } from './scenario/types.js';
export { METRICS, METRIC_NAMES } from './scenario/metric-names.js';
export { simulate } from './engine/simulate.js';
export { monteCarlo } from './engine/montecarlo.js';
export type { MonteCarloResult, TargetOutcome } from './engine/montecarlo.js';
export type { RunResult, SimEvent } from './engine/results.js';
export { series, valueAt } from './engine/results.js';
export { compareResults as compare } from './report/compare.js';

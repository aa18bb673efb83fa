/**
Loading a scenario for a command: scenario problems become a UserError with one
`file:line:col  path  message` line each (exit 1).
*/
import { formatProblem, loadObservations, readScenarioSource, resolveScenario, ScenarioError, type Override, type ScenarioSource } from '../scenario/index.js';
import type { ObservationSet, Scenario } from '../scenario/types.js';
import { UserError } from './exit.js';

export function loadForCommand(file: string, overrides: Override[] = []): { scenario: Scenario; source: ScenarioSource } {
  try {
    const source = readScenarioSource(file);
    return { source, scenario: resolveScenario(source, overrides) };
  } catch (err) {
    if (err instanceof ScenarioError) throw new UserError(err.problems.map(formatProblem));
    throw err;
  }
}

/** Reported figures for `--observed FILE`, checked against the scenario's horizon; problems as for scenarios (exit 1). */
export function loadObservationsForCommand(file: string, horizon: { start: number; end: number }): ObservationSet {
  try {
    return loadObservations(file, { horizon });
  } catch (err) {
    if (err instanceof ScenarioError) throw new UserError(err.problems.map(formatProblem));
    throw err;
  }
}

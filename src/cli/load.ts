/**
Loading a scenario for a command: scenario problems become a UserError with one
`file:line:col  path  message` line each (exit 1), the messages in the
session's language (src/report/i18n/problems.ts), and a last line counting the
problems left out when there are very many.
*/
import { loadObservations, readScenarioSource, resolveScenario, ScenarioError, type Override, type Problem, type ScenarioSource } from '../scenario/index.js';
import type { ObservationSet, Scenario } from '../scenario/types.js';
import { problemLine, problemLines } from '../report/i18n/problems.js';
import { UserError } from './exit.js';

/** The lines a scenario error prints: each problem, then "… and N more problems". */
export function scenarioErrorLines(err: ScenarioError): string[] {
  return problemLines(err);
}

/** One problem as a line, in the session's language. */
export function problemText(p: Problem): string {
  return problemLine(p);
}

export function loadForCommand(file: string, overrides: Override[] = []): { scenario: Scenario; source: ScenarioSource } {
  try {
    const source = readScenarioSource(file);
    return { source, scenario: resolveScenario(source, overrides) };
  } catch (err) {
    if (err instanceof ScenarioError) throw new UserError(scenarioErrorLines(err));
    throw err;
  }
}

/** Reported figures for `--observed FILE`, checked against the scenario's horizon; problems as for scenarios (exit 1). */
export function loadObservationsForCommand(file: string, horizon: { start: number; end: number }): ObservationSet {
  try {
    return loadObservations(file, { horizon });
  } catch (err) {
    if (err instanceof ScenarioError) throw new UserError(scenarioErrorLines(err));
    throw err;
  }
}

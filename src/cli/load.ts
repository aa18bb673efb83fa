/**
Loading a scenario for a command: scenario problems become a UserError with one
`file:line:col  path  message` line each (exit 1), the messages in the
session's language (src/report/i18n/problems.ts), and a last line counting the
problems left out when there are very many. A scenario loaded once is cached
(src/cli/load-cached.ts); commands that must start fast load it through
`loadScenarioForCommand` there, which imports this module only on a miss.
*/
import { loadObservations, readScenarioSource, resolveScenario, ScenarioError, type Override, type Problem, type ScenarioSource } from '../scenario/index.js';
import type { ObservationSet, Scenario } from '../scenario/types.js';
import { problemLine, problemLines } from '../report/i18n/problems.js';
import { UserError } from './exit.js';
import { cachedScenario, rememberScenario, type LoadedScenario } from './load-cached.js';

/** The lines a scenario error prints: each problem, then "… and N more problems". */
export function scenarioErrorLines(err: ScenarioError): string[] {
  return problemLines(err);
}

/** One problem as a line, in the session's language. */
export function problemText(p: Problem): string {
  return problemLine(p);
}

/** The scenario in `file` with `overrides`: from the cache, else loaded (and cached). */
export function loadForCommand(file: string, overrides: Override[] = []): LoadedScenario {
  return cachedScenario(file, overrides) ?? loadFreshForCommand(file, overrides);
}

/** Load the scenario without asking the cache, then cache it. */
export function loadFreshForCommand(file: string, overrides: Override[] = []): LoadedScenario {
  let loaded: { scenario: Scenario; source: ScenarioSource };
  const readAt = Date.now();
  try {
    const source = readScenarioSource(file);
    loaded = { source, scenario: resolveScenario(source, overrides) };
  } catch (err) {
    if (err instanceof ScenarioError) throw new UserError(scenarioErrorLines(err));
    throw err;
  }
  rememberScenario(file, overrides, loaded, readAt);
  return loaded;
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

/**
A command's scenario through the resolved-scenario cache (src/scenario/cache.ts),
in the cache directory the command's environment names. On a hit nothing of the
loader is loaded: this module's static imports never reach yaml, zod or mathjs
(the bundle keeps those in a chunk a hit does not load — keep it so). On a miss
`loadScenarioForCommand` imports the loader (src/cli/load.ts), which loads the
file as it always has — a problem is the same one line, exit 1 — and caches
the result for next time.
*/
import { readCachedScenario, writeCachedScenario } from '../scenario/cache.js';
import type { Override, ScenarioSource } from '../scenario/index.js';
import type { Scenario } from '../scenario/types.js';
import { output } from './output.js';

/** A loaded scenario and what it was resolved from (on a hit, `source` is decoded when first read). */
export interface LoadedScenario {
  scenario: Scenario;
  readonly source: ScenarioSource;
}

/** The cached scenario for `file` with `overrides`, or undefined on a miss. */
export function cachedScenario(file: string, overrides: readonly Override[]): LoadedScenario | undefined {
  return readCachedScenario(file, overrides, { env: output().env });
}

/** Cache a scenario just loaded by a loader that began reading at `readAt` (Date.now()); best effort, silent. */
export function rememberScenario(file: string, overrides: readonly Override[], loaded: LoadedScenario, readAt: number): void {
  writeCachedScenario(file, overrides, loaded.source, loaded.scenario, readAt, { env: output().env });
}

/** `loadForCommand` (src/cli/load.ts) that loads the loader only on a cache miss. */
export async function loadScenarioForCommand(file: string, overrides: Override[] = []): Promise<LoadedScenario> {
  return cachedScenario(file, overrides) ?? (await import('./load.js')).loadFreshForCommand(file, overrides);
}

/**
The scenario files a command is given: files as named, directories expanded to
their *.yaml, *.yml and *.json files (sorted by name, not recursing), duplicates
dropped. `batch` and `validate` read their inputs the same way; this module
stays light so `validate` starts fast.
*/
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError, usageError } from './exit.js';
import { t } from '../report/i18n/catalogue.js';

const SCENARIO_FILE = /\.(ya?ml|json)$/i;

/** Files named on the command line, directories expanded to their scenario files (sorted by name), duplicates dropped. */
export function expandInputs(inputs: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (f: string): void => {
    const key = resolve(f);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(f);
  };
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      // a missing file is reported when it fails to load
    }
    if (!isDir) {
      add(input);
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(input, { withFileTypes: true })
        .filter((e) => !e.name.startsWith('.') && SCENARIO_FILE.test(e.name) && (e.isFile() || e.isSymbolicLink()))
        .map((e) => e.name)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    } catch (err) {
      throw new UserError([t('cli.err.readDir', { dir: input, why: (err as NodeJS.ErrnoException).code ?? String(err) })]);
    }
    if (names.length === 0) throw usageError(t('cli.err.noScenarioFiles', { dir: input }));
    for (const n of names) add(join(input, n));
  }
  return out;
}

/**
`dcplan validate <files or directories...>`: for each file either every problem
(one line each, on stderr) or a one-line summary on stdout. A directory stands
for its `*.yaml`, `*.yml` and `*.json` files (not its subdirectories), sorted by
name, as in `dcplan batch DIR`. Exit 1 if any file failed.
*/
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readScenarioSource, resolveScenario, ScenarioError } from '../../scenario/index.js';
import type { Scenario } from '../../scenario/types.js';
import { UserError, usageError } from '../exit.js';
import { counted } from '../../report/format.js';

const SCENARIO_FILE = /\.(ya?ml|json)$/i;

/** One-line summary of a valid scenario. */
export function summarize(file: string, sc: Scenario): string {
  const phases = sc.datacenters.reduce((n, d) => n + d.phases.length, 0);
  const racks = sc.datacenters.reduce((n, d) => n + d.phases.reduce((m, p) => m + p.size, 0), 0);
  const capex = sc.datacenters.reduce((n, d) => n + d.phases.reduce((m, p) => m + (p.preexisting ? 0 : p.capex), 0), 0);
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  return `ok  ${file}  ${sc.horizon.start}–${sc.horizon.end}, ${counted(sc.datacenters.length, 'DC')}, ${counted(phases, 'phase')}, ${fmt(racks)} racks, capex ${(capex / 1e9).toFixed(1)} bn CNY`;
}

/** Files named on the command line, directories expanded to their scenario files (sorted by name), duplicates dropped. */
export function scenarioFiles(inputs: readonly string[]): string[] {
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
      throw new UserError([`${input}: cannot read the directory: ${(err as NodeJS.ErrnoException).code ?? String(err)}`]);
    }
    if (names.length === 0) throw usageError(`${input}: no scenario files (*.yaml, *.yml, *.json) in this directory`);
    for (const n of names) add(join(input, n));
  }
  return out;
}

export async function validateCommand(inputs: string[], out: (line: string) => void = (l) => process.stdout.write(l + '\n')): Promise<void> {
  const failed: string[] = [];
  for (const file of scenarioFiles(inputs)) {
    try {
      const src = readScenarioSource(file);
      out(summarize(file, resolveScenario(src)));
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      failed.push(...err.message.split('\n'));
    }
  }
  if (failed.length > 0) throw new UserError(failed, 1);
}

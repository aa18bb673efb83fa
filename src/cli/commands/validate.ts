/**
`dcplan validate <files or directories...>`: for each file either every problem
(one line each, on stderr) or a one-line summary on stdout. A directory stands
for its `*.yaml`, `*.yml` and `*.json` files (not its subdirectories), sorted by
name, as in `dcplan batch DIR`. Exit 1 if any file failed.
*/
import { expandInputs } from '../inputs.js';
import { readScenarioSource, resolveScenario, ScenarioError } from '../../scenario/index.js';
import type { Scenario } from '../../scenario/types.js';
import { UserError } from '../exit.js';
import { counted } from '../../report/format.js';


/** One-line summary of a valid scenario. */
export function summarize(file: string, sc: Scenario): string {
  // what is planned to be built: cancelled phases are not
  const planned = sc.datacenters.flatMap((d) => d.phases).filter((p) => !p.cancelled);
  const cancelled = sc.datacenters.reduce((n, d) => n + d.phases.length, 0) - planned.length;
  const racks = planned.reduce((m, p) => m + p.size, 0);
  const capex = planned.reduce((m, p) => m + (p.preexisting ? 0 : p.capex), 0);
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  const phases = `${counted(planned.length, 'phase')}${cancelled > 0 ? ` (+${cancelled} cancelled)` : ''}`;
  return `ok  ${file}  ${sc.horizon.start}–${sc.horizon.end}, ${counted(sc.datacenters.length, 'DC')}, ${phases}, ${fmt(racks)} racks, capex ${(capex / 1e9).toFixed(1)} bn CNY`;
}


export async function validateCommand(inputs: string[], out: (line: string) => void = (l) => process.stdout.write(l + '\n')): Promise<void> {
  const failed: string[] = [];
  for (const file of expandInputs(inputs)) {
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

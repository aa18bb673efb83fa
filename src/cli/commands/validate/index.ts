/**
`dcplan validate <files or directories...>`: for each file either every problem
(one line each, on stderr) or a one-line summary on stdout. A directory stands
for its `*.yaml`, `*.yml` and `*.json` files (not its subdirectories), sorted by
name, as in `dcplan batch DIR`. Exit 1 if any file failed.

A file read before and unchanged since is summarised from the resolved-scenario
cache (src/scenario/cache.ts: it holds only scenarios that resolved without a
problem), so checking a directory again loads no loader; a file the cache does
not have is resolved, and cached when valid.
*/
import { expandInputs } from '../../inputs.js';
import { loadScenarioForCommand } from '../../load-cached.js';
import type { Scenario } from '../../../scenario/types.js';
import { UserError } from '../../exit.js';
import { grouped, magnitude } from '../../../report/format.js';
import { t } from '../../../report/i18n/catalogue.js';
import { countOf } from '../../../report/i18n/count.js';
import { getLang } from '../../../report/i18n/lang.js';
import { writeOut } from '../../output.js';


/** One-line summary of a valid scenario. */
export function summarize(file: string, sc: Scenario): string {
  // what is planned to be built: cancelled phases are not
  const planned = sc.datacenters.flatMap((d) => d.phases).filter((p) => !p.cancelled);
  const cancelled = sc.datacenters.reduce((n, d) => n + d.phases.length, 0) - planned.length;
  const racks = planned.reduce((m, p) => m + p.size, 0);
  const capex = planned.reduce((m, p) => m + (p.preexisting ? 0 : p.capex), 0);
  const phases = `${countOf(planned.length, 'phase')}${cancelled > 0 ? t('cli.validate.cancelled', { n: cancelled }) : ''}`;
  // racks and capex (bn CNY) as numbers in English, in 万 and 亿 in Chinese
  const zh = getLang() === 'zh';
  return t('cli.validate.ok', {
    file, start: sc.horizon.start, end: sc.horizon.end, dcs: countOf(sc.datacenters.length, 'dc'), phases,
    racks: zh ? magnitude(racks) : grouped(Math.round(racks)), capex: zh ? magnitude(capex) : (capex / 1e9).toFixed(1),
  });
}


export async function validateCommand(inputs: string[], out: (line: string) => void = (l) => writeOut(l + '\n')): Promise<void> {
  const failed: string[] = [];
  for (const file of expandInputs(inputs)) {
    try {
      out(summarize(file, (await loadScenarioForCommand(file)).scenario));
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      failed.push(...err.lines);
    }
  }
  if (failed.length > 0) throw new UserError(failed, 1);
}

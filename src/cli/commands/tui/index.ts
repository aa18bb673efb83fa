/**
`dcplan tui [scenarios...]` and the hidden `dcplan start` (`npm start`): the
terminal UI on an interactive terminal. Without one, `tui` says to use
`dcplan run` (exit 1) and `start` prints the plan's yearly table instead.
Ink and React are imported only on the interactive path, so other commands —
and this one on a pipe — start without them. `--observed FILE` loads reported
figures (checked against the first scenario's horizon) for the charts, and
for the table's "Against what was reported" section away from a terminal.
*/
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../exit.js';
import { loadForCommand, loadObservationsForCommand, scenarioErrorLines } from '../../load.js';
import { t } from '../../../report/i18n/catalogue.js';
import { stdoutIsTTY, writeOut } from '../../output.js';

export interface TuiCommandOptions {
  /** `npm start` on a non-terminal: print the plan's yearly table and exit 0. */
  fallbackToTable: boolean;
  /** `--observed FILE`: reported figures on the charts (and in the fallback table). */
  observed?: string;
  /** `--ascii`: draw with ASCII only. */
  ascii?: boolean;
  /** dist/worker.js: the bands run on a warm pool of worker threads when it exists, else in the TUI's thread. */
  workerUrl?: URL;
}

const DEFAULT_SCENARIO = join('scenarios', 'guian-plan.yaml');

/** scenarios/guian-plan.yaml of the package: searched upward from this module (src/cli/commands or dist/chunks), else the cwd's. */
export function defaultScenario(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const candidate = join(dir, DEFAULT_SCENARIO);
    if (existsSync(candidate)) {
      const rel = relative(process.cwd(), candidate);
      return rel && !rel.startsWith(`..${sep}`) && rel !== '..' ? rel : candidate;
    }
    const up = dirname(dir);
    if (up === dir) return resolve(DEFAULT_SCENARIO);
    dir = up;
  }
}

export async function tuiCommand(files: string[], opts: TuiCommandOptions): Promise<void> {
  const list = files.length > 0 ? files : [defaultScenario()];
  const interactive = Boolean(process.stdin.isTTY) && stdoutIsTTY();
  if (!interactive) {
    if (!opts.fallbackToTable) {
      throw new UserError([t('cli.err.tuiTerminal')], 1);
    }
    const { scenario } = loadForCommand(list[0]!);
    const set = opts.observed !== undefined ? loadObservationsForCommand(opts.observed, scenario.horizon) : undefined;
    const [{ monteCarlo }, { resultTable }, { checkObservations }] = await Promise.all([
      import('../../../engine/montecarlo.js'),
      import('../../../report/table.js'),
      import('../../../engine/observe.js'),
    ]);
    // the scenario's own runs: the first table a user sees is the honest one (medians and P)
    const mc = monteCarlo(scenario);
    writeOut(resultTable(mc, set ? { observed: { set, checks: checkObservations(mc, set.observations) } } : {}));
    return;
  }
  // reported figures load before the screen changes, so their problems print as for any command
  const observed = opts.observed !== undefined ? loadObservationsForCommand(opts.observed, loadForCommand(list[0]!).scenario.horizon) : undefined;
  // A person is at this terminal: draw frames live even when CI is set in the environment
  // (Ink renders only the last frame under CI). Must happen before Ink is imported.
  if (process.env.CI !== undefined) process.env.CI = 'false';
  if (process.env.CONTINUOUS_INTEGRATION !== undefined) process.env.CONTINUOUS_INTEGRATION = 'false';
  const [{ startTui, poolOptions }, { ScenarioError }] = await Promise.all([import('../../../tui/index.js'), import('../../../scenario/index.js')]);
  try {
    const workers = poolOptions(opts.workerUrl);
    await startTui(list, { ...(observed ? { observed } : {}), ...(workers ? { workers } : {}), ascii: opts.ascii === true });
  } catch (err) {
    if (err instanceof ScenarioError) throw new UserError(scenarioErrorLines(err));
    throw err;
  }
}

/**
`dcplan run <scenario>`: simulate one scenario (central case or Monte Carlo) and
print its yearly results as a table, JSON or CSV — or, with `--monthly`, its
monthly load, energy and carbon profile (CSV or JSON), or with `--clusters` the
central run's national clusters year by year (CSV; JSON always carries them).
`--from YEAR --set …` changes course in January of YEAR (docs/fork.md).
*/
import { forkedScenario, forkProblem } from '../../../engine/fork.js';
import { monthlyProfile } from '../../../engine/monthly.js';
import { monteCarloParallel, type ForkStep } from '../../../engine/parallel.js';
// types only: the loader (yaml, zod, mathjs) loads only when the scenario cache misses (src/cli/load-cached.ts)
import type { Override, ScenarioSource } from '../../../scenario/index.js';
import type { Scenario } from '../../../scenario/types.js';
import { clustersCsv } from '../../../report/clusters.js';
import { monthlyCsv, monthlyJson } from '../../../report/monthly.js';
import { perRunCsv, yearlyCsv } from '../../../report/csv.js';
import { toJson } from '../../../report/json.js';
import { resultTable } from '../../../report/table.js';
import { usageError, UserError } from '../../exit.js';
import { emit } from '../../io.js';
import { parseForkFlags, parseSimulationFlags, type ForkFlags, type FromMark, type SimulationFlags } from '../../options.js';
import { loadScenarioForCommand } from '../../load-cached.js';
import { t } from '../../../report/i18n/catalogue.js';
import { forkReason } from '../../../report/i18n/fork.js';
import { localName } from '../../../report/names.js';
import { checkObservations, type ObservationCheck } from '../../../engine/observe.js';
import type { ObservationSet } from '../../../scenario/types.js';
import { progressReporter } from '../../progress.js';

export interface RunOptions extends SimulationFlags {
  format: 'table' | 'json' | 'csv';
  out?: string;
  events?: boolean;
  narrate?: boolean;
  perRun?: boolean;
  central?: boolean;
  /** A file of reported figures to show beside the model. */
  observed?: string;
  /** The monthly profile instead of the yearly results (CSV or JSON). */
  monthly?: boolean;
  /** CSV: the central run's national clusters, one row per year and cluster (JSON always has them). */
  clusters?: boolean;
  /** `--from YEAR`: the `--set`s after it apply from January of YEAR on (docs/fork.md). */
  from?: FromMark[];
}

/** Flag combinations `--monthly` and `--clusters` cannot serve: a usage error, one line. */
function checkShapeFlags(opts: RunOptions): void {
  if (opts.monthly) {
    if (opts.format === 'table') throw usageError(t('cli.err.run.monthlyTable'));
    if (opts.perRun) throw usageError(t('cli.err.run.monthlyPerRun'));
    if (opts.clusters) throw usageError(t('cli.err.run.monthlyClusters'));
    if (opts.observed) throw usageError(t('cli.err.run.monthlyObserved'));
    if (opts.events) throw usageError(t('cli.err.run.monthlyEvents'));
  }
  if (opts.clusters) {
    if (opts.format === 'table') throw usageError(t('cli.err.run.clustersTable'));
    if (opts.perRun) throw usageError(t('cli.err.run.clustersPerRun'));
  }
}

export interface CommandContext {
  /** dist/worker.js, next to the bundled CLI. */
  workerUrl: URL;
}

export async function runCommand(file: string, opts: RunOptions, ctx: CommandContext): Promise<void> {
  if (opts.perRun && opts.format !== 'csv') throw usageError(t('cli.err.run.perRunCsv'));
  checkShapeFlags(opts);
  if (opts.observed && opts.format === 'csv') throw usageError(t('cli.err.run.observedCsv'));
  const { runs: runsFlag, seed: seedFlag, workers } = parseSimulationFlags(opts, ctx.workerUrl);
  const fork = parseForkFlags(opts.set, opts.from);
  const overrides = fork.pre;
  if (opts.central && runsFlag !== undefined && runsFlag > 1) throw usageError(t('cli.err.run.centralRuns', { runs: runsFlag }));
  if (opts.central && opts.perRun) throw usageError(t('cli.err.run.centralPerRun'));
  const loaded = await loadScenarioForCommand(file, overrides);
  const { scenario } = loaded;
  const schedule = fork.blocks.length > 0 ? await forkSchedule(loaded.source, scenario, fork) : [];
  const forked = schedule.length > 0 ? { schedule } : {};
  const runs = opts.central ? 1 : (runsFlag ?? scenario.runs);
  const seed = seedFlag ?? scenario.seed;
  if (opts.clusters && opts.format === 'csv') {
    // per-cluster figures exist for the central run only: no Monte Carlo to wait for
    const central = await monteCarloParallel(scenario, {
      runs: 1, seed, workers, workerUrl: ctx.workerUrl, overrides, ...forked,
      // one run: in this thread, so the source (a cached scenario decodes it when read) is never read
      get source(): ScenarioSource {
        return loaded.source;
      },
    });
    emit(clustersCsv(central), opts.out);
    return;
  }
  const progress = progressReporter(localName(scenario), runs);
  if (opts.monthly) {
    // in this thread: each run's drawn scenario re-simulated with the monthly rows (src/engine/monthly.ts)
    const profile = monthlyProfile(scenario, { runs, seed, onProgress: progress.update, ...forked });
    progress.done();
    const described = forkedScenario(scenario, schedule);
    emit(opts.format === 'json' ? monthlyJson(described, profile) : monthlyCsv(described, profile), opts.out);
    return;
  }
  const mc = await monteCarloParallel(scenario, {
    runs, seed, workers, workerUrl: ctx.workerUrl, overrides, onProgress: progress.update, ...forked,
    // read only when the runs go to worker threads: a cached scenario decodes its source then
    get source(): ScenarioSource {
      return loaded.source;
    },
  });
  progress.done();
  let observed: { set: ObservationSet; checks: ObservationCheck[] } | undefined;
  if (opts.observed) {
    const { loadObservationsForCommand } = await import('../../load.js');
    const set = loadObservationsForCommand(opts.observed, scenario.horizon);
    observed = { set, checks: checkObservations(mc, set.observations) };
  }
  const text =
    opts.format === 'json' ? toJson(mc, { events: opts.events === true, ...(observed ? { observed } : {}) })
    : opts.format === 'csv' ? (opts.perRun ? perRunCsv(mc) : yearlyCsv(mc))
    : resultTable(mc, { events: opts.events === true, narrate: opts.narrate === true, ...(observed ? { observed } : {}) });
  emit(text, opts.out);
}

/**
The `--from` blocks as the engine's schedule (src/engine/fork.ts): each year's
scenario is the source with every override so far (those before any `--from`,
then each earlier year's, then its own), switched to in January of the year.
A year outside the horizon, or a change a run cannot take mid-way (another
horizon, a data center added, …), is a usage error naming the `--set`; a bad
value is a scenario problem, located at `--from YEAR --set`.
*/
async function forkSchedule(source: ScenarioSource, base: Scenario, fork: ForkFlags): Promise<ForkStep[]> {
  // the loader: a change of course resolves the scenario again
  const { resolveScenario, ScenarioError } = await import('../../../scenario/index.js');
  const { problemText } = await import('../../load.js');
  /** The source with these overrides; a problem is located at "--from YEAR --set:1:1" (exit 1, as for --set). */
  const resolveFrom = (overrides: Override[], year: number): Scenario => {
    try {
      return resolveScenario(source, overrides);
    } catch (err) {
      if (err instanceof ScenarioError) throw new UserError(err.problems.map((p) => `${p.file === '--set' ? `--from ${year} ` : ''}${problemText(p)}`));
      throw err;
    }
  };
  const { start, end } = base.horizon;
  const steps: ForkStep[] = [];
  let all: Override[] = fork.pre;
  for (const { year, overrides } of fork.blocks) {
    if (year < start || year > end) throw usageError(t('cli.err.run.fromOutside', { year, start, end }));
    const before = all;
    all = [...all, ...overrides];
    const scenario = resolveFrom(all, year);
    const problem = forkProblem(base, scenario);
    if (problem) {
      // name the --set that makes the change (alone with what came before it), else the year's whole block
      const culprit = overrides.find((o) => {
        try {
          return forkProblem(base, resolveScenario(source, [...before, o])) !== undefined;
        } catch {
          return false;
        }
      });
      const sets = (culprit ? [culprit] : overrides).map((o) => `--set ${o.path}=${o.value}`).join(' ');
      throw usageError(t('cli.err.run.midRun', { year, sets, path: problem.path, why: forkReason(problem.message) }));
    }
    steps.push({ month: (year - start) * 12, scenario, overrides: all });
  }
  return steps;
}

/**
`dcplan run <scenario>`: simulate one scenario (central case or Monte Carlo) and
print its yearly results as a table, JSON or CSV — or, with `--monthly`, its
monthly load, energy and carbon profile (CSV or JSON), or with `--clusters` the
central run's national clusters year by year (CSV; JSON always carries them).
*/
import { monthlyProfile } from '../../engine/monthly.js';
import { monteCarloParallel } from '../../engine/parallel.js';
import { clustersCsv } from '../../report/clusters.js';
import { monthlyCsv, monthlyJson } from '../../report/monthly.js';
import { perRunCsv, yearlyCsv } from '../../report/csv.js';
import { toJson } from '../../report/json.js';
import { resultTable } from '../../report/table.js';
import { usageError } from '../exit.js';
import { emit } from '../io.js';
import { parseSimulationFlags, type SimulationFlags } from '../options.js';
import { loadForCommand, loadObservationsForCommand } from '../load.js';
import { checkObservations, type ObservationCheck } from '../../engine/observe.js';
import type { ObservationSet } from '../../scenario/types.js';
import { progressReporter } from '../progress.js';

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
}

/** Flag combinations `--monthly` and `--clusters` cannot serve: a usage error, one line. */
function checkShapeFlags(opts: RunOptions): void {
  if (opts.monthly) {
    if (opts.format === 'table') throw usageError('--monthly writes one row per month: use it with --format csv or --format json');
    if (opts.perRun) throw usageError('--monthly and --per-run are different CSV shapes: use one of them');
    if (opts.clusters) throw usageError('--monthly and --clusters are different outputs: use one of them');
    if (opts.observed) throw usageError('--observed checks the yearly results: drop --monthly, or drop --observed');
    if (opts.events) throw usageError('--events lists the central case\'s events with the yearly results: drop --monthly, or drop --events');
  }
  if (opts.clusters) {
    if (opts.format === 'table') throw usageError('--clusters writes one row per year and cluster: use it with --format csv (JSON always has "clusters")');
    if (opts.perRun) throw usageError('--clusters and --per-run are different CSV shapes: use one of them');
  }
}

export interface CommandContext {
  /** dist/worker.js, next to the bundled CLI. */
  workerUrl: URL;
}

export async function runCommand(file: string, opts: RunOptions, ctx: CommandContext): Promise<void> {
  if (opts.perRun && opts.format !== 'csv') throw usageError('--per-run writes one CSV row per run and year: use it with --format csv');
  checkShapeFlags(opts);
  if (opts.observed && opts.format === 'csv') throw usageError('--observed puts reported figures beside the model in the table or JSON: use it without --format csv');
  const { runs: runsFlag, seed: seedFlag, workers, overrides } = parseSimulationFlags(opts, ctx.workerUrl);
  if (opts.central && runsFlag !== undefined && runsFlag > 1) throw usageError(`--central is one run with no sampling: drop --runs ${runsFlag}, or drop --central`);
  if (opts.central && opts.perRun) throw usageError('--per-run lists the Monte Carlo runs: it has nothing to list with --central');
  const { scenario, source } = loadForCommand(file, overrides);
  const runs = opts.central ? 1 : (runsFlag ?? scenario.runs);
  const seed = seedFlag ?? scenario.seed;
  if (opts.clusters && opts.format === 'csv') {
    // per-cluster figures exist for the central run only: no Monte Carlo to wait for
    const central = await monteCarloParallel(scenario, { runs: 1, seed, workers, workerUrl: ctx.workerUrl, source, overrides });
    emit(clustersCsv(central), opts.out);
    return;
  }
  const progress = progressReporter(`${scenario.name}`, runs);
  if (opts.monthly) {
    // in this thread: each run's drawn scenario re-simulated with the monthly rows (src/engine/monthly.ts)
    const profile = monthlyProfile(scenario, { runs, seed, onProgress: progress.update });
    progress.done();
    emit(opts.format === 'json' ? monthlyJson(scenario, profile) : monthlyCsv(scenario, profile), opts.out);
    return;
  }
  const mc = await monteCarloParallel(scenario, {
    runs, seed, workers, workerUrl: ctx.workerUrl, source, overrides, onProgress: progress.update,
  });
  progress.done();
  let observed: { set: ObservationSet; checks: ObservationCheck[] } | undefined;
  if (opts.observed) {
    const set = loadObservationsForCommand(opts.observed, scenario.horizon);
    observed = { set, checks: checkObservations(mc, set.observations) };
  }
  const text =
    opts.format === 'json' ? toJson(mc, { events: opts.events === true, ...(observed ? { observed } : {}) })
    : opts.format === 'csv' ? (opts.perRun ? perRunCsv(mc) : yearlyCsv(mc))
    : resultTable(mc, { events: opts.events === true, narrate: opts.narrate === true, ...(observed ? { observed } : {}) });
  emit(text, opts.out);
}

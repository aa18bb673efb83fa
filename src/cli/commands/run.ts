/**
`dcplan run <scenario>`: simulate one scenario (central case or Monte Carlo) and
print its yearly results as a table, JSON or CSV.
*/
import { monteCarloParallel } from '../../engine/parallel.js';
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
}

export interface CommandContext {
  /** dist/worker.js, next to the bundled CLI. */
  workerUrl: URL;
}

export async function runCommand(file: string, opts: RunOptions, ctx: CommandContext): Promise<void> {
  if (opts.perRun && opts.format !== 'csv') throw usageError('--per-run writes one CSV row per run and year: use it with --format csv');
  if (opts.observed && opts.format === 'csv') throw usageError('--observed puts reported figures beside the model in the table or JSON: use it without --format csv');
  const { runs: runsFlag, seed: seedFlag, workers, overrides } = parseSimulationFlags(opts, ctx.workerUrl);
  if (opts.central && runsFlag !== undefined && runsFlag > 1) throw usageError(`--central is one run with no sampling: drop --runs ${runsFlag}, or drop --central`);
  if (opts.central && opts.perRun) throw usageError('--per-run lists the Monte Carlo runs: it has nothing to list with --central');
  const { scenario, source } = loadForCommand(file, overrides);
  const runs = opts.central ? 1 : (runsFlag ?? scenario.runs);
  const seed = seedFlag ?? scenario.seed;
  const progress = progressReporter(`${scenario.name}`, runs);
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

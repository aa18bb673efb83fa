/**
`dcplan run <scenario>`: simulate one scenario (central case or Monte Carlo) and
print its yearly results as a table, JSON or CSV.
*/
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { monteCarloParallel, defaultWorkers } from '../../engine/parallel.js';
import { perRunCsv, yearlyCsv } from '../../report/csv.js';
import { toJson } from '../../report/json.js';
import { resultTable } from '../../report/table.js';
import { emit } from '../io.js';
import { intFlag, parseSets } from '../options.js';
import { loadForCommand } from '../load.js';
import { progressReporter } from '../progress.js';

export interface RunOptions {
  runs?: string;
  seed?: string;
  workers?: string;
  set: string[];
  format: 'table' | 'json' | 'csv';
  out?: string;
  events?: boolean;
  perRun?: boolean;
}

export interface CommandContext {
  /** dist/worker.js, next to the bundled CLI. */
  workerUrl: URL;
}

export async function runCommand(file: string, opts: RunOptions, ctx: CommandContext): Promise<void> {
  const runsFlag = intFlag('runs', opts.runs, 1, 10_000_000);
  const seedFlag = intFlag('seed', opts.seed, 0);
  // from source (tsx) there is no bundled worker: run in this thread
  const workers = existsSync(fileURLToPath(ctx.workerUrl)) ? (intFlag('workers', opts.workers, 1, 256) ?? defaultWorkers()) : 1;
  const overrides = parseSets(opts.set);
  const { scenario, source } = loadForCommand(file, overrides);
  const runs = runsFlag ?? scenario.runs;
  const seed = seedFlag ?? scenario.seed;
  const progress = progressReporter(`${scenario.name}`, runs);
  const mc = await monteCarloParallel(scenario, {
    runs, seed, workers, workerUrl: ctx.workerUrl, source, overrides, onProgress: progress.update,
  });
  progress.done();
  const text =
    opts.format === 'json' ? toJson(mc, { events: opts.events === true })
    : opts.format === 'csv' ? (opts.perRun ? perRunCsv(mc) : yearlyCsv(mc))
    : resultTable(mc, { events: opts.events === true });
  emit(text, opts.out);
}

/**
`dcplan sensitivity <scenario> [--metric M] [--year Y]`: rank the scenario's
uncertain parameters (its `uncertainty:` entries) by their effect on one
metric in one year — one-at-a-time P10/P90 swings and Spearman rank
correlation over a Monte Carlo sample (engine/sensitivity.ts) — as a table with
a tornado chart, or CSV / JSON (report/sensitivity.ts).
*/
import { monteCarloParallel } from '../../engine/parallel.js';
import { oneAtATime, rankCorrelations } from '../../engine/sensitivity.js';
import { unitOf } from '../../report/compare.js';
import { sensitivityCsv, sensitivityJson, sensitivityRows, sensitivityTable } from '../../report/sensitivity.js';
import { UserError } from '../exit.js';
import { emit } from '../io.js';
import { loadForCommand } from '../load.js';
import { parseSimulationFlags, type SimulationFlags } from '../options.js';
import { progressReporter } from '../progress.js';
import { checkMetrics, checkYear } from './compare.js';
import type { CommandContext } from './run.js';

export interface SensitivityOptions extends SimulationFlags {
  metric?: string;
  year?: string;
  format: 'table' | 'json' | 'csv';
  out?: string;
}

/** Monte Carlo runs behind the rank correlations when neither --runs nor the scenario asks for more than one. */
export const DEFAULT_SENSITIVITY_RUNS = 1000;

export async function sensitivityCommand(file: string, opts: SensitivityOptions, ctx: CommandContext): Promise<void> {
  const { runs: runsFlag, seed: seedFlag, workers, overrides } = parseSimulationFlags(opts, ctx.workerUrl);
  const { scenario, source } = loadForCommand(file, overrides);
  const metric = opts.metric ?? 'serverCapacity';
  checkMetrics([metric], [scenario]);
  const year = checkYear(opts.year, scenario) ?? scenario.horizon.end;
  if (scenario.uncertainty.length === 0) {
    throw new UserError([`${file}: the scenario has no uncertainty: entries, so there is nothing to rank (bind distributions to parameters under uncertainty:)`]);
  }
  const runs = runsFlag ?? (scenario.runs > 1 ? scenario.runs : DEFAULT_SENSITIVITY_RUNS);
  const seed = seedFlag ?? scenario.seed;

  const { base, swings } = oneAtATime(scenario, metric, year);
  const progress = progressReporter('sensitivity', runs);
  const mc = await monteCarloParallel(scenario, { runs, seed, workers, workerUrl: ctx.workerUrl, source, overrides, onProgress: progress.update });
  progress.done();
  const Y = mc.central.years.length;
  const col = mc.central.metrics.indexOf(metric) * Y + (year - scenario.horizon.start);
  const width = mc.central.metrics.length * Y;
  const values = new Float64Array(runs);
  for (let r = 0; r < runs; r++) values[r] = mc.perRun[r * width + col]!;
  const rhos = runs > 1 ? rankCorrelations(scenario, seed, values) : scenario.uncertainty.map(() => NaN);

  const result = {
    scenario: { name: scenario.name, file: scenario.file, hash: scenario.hash },
    metric,
    unit: unitOf(metric),
    year,
    base,
    pLow: 0.1,
    pHigh: 0.9,
    seed,
    runs,
    rows: sensitivityRows(swings, rhos, scenario.uncertainty.map((u) => u.dist)),
  };
  const width80 = process.stdout.isTTY ? Math.max(60, Math.min(120, process.stdout.columns || 80)) : 80;
  emit(opts.format === 'json' ? sensitivityJson(result) : opts.format === 'csv' ? sensitivityCsv(result) : sensitivityTable(result, width80), opts.out);
}

/**
`dcplan sensitivity <scenario> [--metric M] [--year Y]`: rank the scenario's
uncertain parameters (its `uncertainty:` entries) by their effect on one
metric in one year — one-at-a-time P10/P90 swings and Spearman rank
correlation over a Monte Carlo sample (engine/sensitivity.ts) — as a table with
a tornado chart, or CSV / JSON (report/sensitivity.ts).

With `--screen`: every numeric input of the scenario, not only the uncertain
ones, stepped by ±δ one at a time (`--delta`, default 0.1), optionally with
Morris elementary effects (`--morris R`), ranked by swing (engine/screen.ts,
report/screen.ts).
*/
import { runWidth } from '../../../engine/montecarlo.js';
import { simulateRunsParallel } from '../../../engine/parallel.js';
import { horizonYears, metricNames } from '../../../engine/results.js';
import { screen, screeningInputs } from '../../../engine/screen.js';
import { oneAtATime, rankCorrelations } from '../../../engine/sensitivity.js';
import { unitOf } from '../../../report/compare.js';
import { screenCsv, screenJson, screenLeaves, screenResult, screenTable } from '../../../report/screen.js';
import { sensitivityCsv, sensitivityJson, sensitivityRows, sensitivityTable } from '../../../report/sensitivity.js';
import { usageError, UserError } from '../../exit.js';
import { emit } from '../../io.js';
import { loadForCommand } from '../../load.js';
import { intFlag, parseSimulationFlags, type SimulationFlags } from '../../options.js';
import { progressReporter } from '../../progress.js';
import { t } from '../../../report/i18n/catalogue.js';
import { localName } from '../../../report/names.js';
import { checkMetrics, checkYear } from '../compare/index.js';
import type { CommandContext } from '../run/index.js';
import { stdoutColumns, stdoutIsTTY } from '../../output.js';

export interface SensitivityOptions extends SimulationFlags {
  metric?: string;
  year?: string;
  format: 'table' | 'json' | 'csv';
  out?: string;
  /** Screen every numeric input instead of ranking the uncertainty: entries. */
  screen?: boolean;
  /** --screen: relative step, 0 < δ < 1. */
  delta?: string;
  /** --screen: Morris trajectories. */
  morris?: string;
}

/** Monte Carlo runs behind the rank correlations when neither --runs nor the scenario asks for more than one. */
export const DEFAULT_SENSITIVITY_RUNS = 1000;

/** `--delta`: a relative step strictly between 0 and 1 (a plain number, or a percentage such as "20%"). */
export function parseDelta(raw: string | undefined): number {
  if (raw === undefined) return 0.1;
  const text = raw.trim();
  const m = /^(\d+(?:\.\d*)?|\.\d+)\s*(%?)$/.exec(text);
  const v = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(v > 0 && v < 1)) throw usageError(t('cli.err.sens.delta', { raw }));
  return v;
}

export async function sensitivityCommand(file: string, opts: SensitivityOptions, ctx: CommandContext): Promise<void> {
  if (opts.screen) return screenCommand(file, opts, ctx);
  if (opts.delta !== undefined || opts.morris !== undefined) throw usageError(t('cli.err.sens.screenOnly', { flag: opts.delta !== undefined ? 'delta' : 'morris' }));
  const { runs: runsFlag, seed: seedFlag, workers, overrides } = parseSimulationFlags(opts, ctx.workerUrl);
  const { scenario, source } = loadForCommand(file, overrides);
  const metric = opts.metric ?? 'serverCapacity';
  checkMetrics([metric], [scenario]);
  const year = checkYear(opts.year, scenario) ?? scenario.horizon.end;
  if (scenario.uncertainty.length === 0) {
    throw new UserError([t('cli.err.sens.noUncertainty', { file })]);
  }
  const runs = runsFlag ?? (scenario.runs > 1 ? scenario.runs : DEFAULT_SENSITIVITY_RUNS);
  const seed = seedFlag ?? scenario.seed;

  const { base, swings } = oneAtATime(scenario, metric, year);
  const progress = progressReporter(t('cli.sens.label'), runs);
  // the runs are read in `year` only: each stops there (simulate's through), and nothing else is summarised
  const width = runWidth(scenario);
  const perRun = new Float64Array(runs * width);
  const through = year - scenario.horizon.start;
  await simulateRunsParallel(scenario, 0, runs, perRun, { seed, workers, workerUrl: ctx.workerUrl, source, overrides, onProgress: progress.update, through });
  progress.done();
  const Y = horizonYears(scenario).length;
  const col = metricNames(scenario).indexOf(metric) * Y + through;
  const values = new Float64Array(runs);
  for (let r = 0; r < runs; r++) values[r] = perRun[r * width + col]!;
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
  const width80 = (stdoutIsTTY() ? Math.max(60, Math.min(120, stdoutColumns() || 80)) : 80);
  emit(opts.format === 'json' ? sensitivityJson(result) : opts.format === 'csv' ? sensitivityCsv(result) : sensitivityTable(result, width80, localName(scenario)), opts.out);
}

/** `dcplan sensitivity FILE --screen`: every numeric input stepped by ±δ, ranked by swing. */
async function screenCommand(file: string, opts: SensitivityOptions, ctx: CommandContext): Promise<void> {
  if (opts.runs !== undefined) throw usageError(t('cli.err.sens.screenRuns'));
  const { seed: seedFlag, overrides } = parseSimulationFlags(opts, ctx.workerUrl);
  const delta = parseDelta(opts.delta);
  const morris = intFlag('morris', opts.morris, 1, 1000) ?? 0;
  const { scenario } = loadForCommand(file, overrides);
  const metric = opts.metric ?? 'serverCapacity';
  checkMetrics([metric], [scenario]);
  const year = checkYear(opts.year, scenario) ?? scenario.horizon.end;
  const seed = seedFlag ?? scenario.seed;
  const { inputs, notVaried } = screeningInputs(screenLeaves(scenario));
  const result = screenResult(scenario, screen(scenario, inputs, metric, year, { delta, morris, seed }), notVaried, seed);
  const width = (stdoutIsTTY() ? Math.max(60, Math.min(160, stdoutColumns() || 80)) : 80);
  emit(opts.format === 'json' ? screenJson(result) : opts.format === 'csv' ? screenCsv(result) : screenTable(result, width, localName(scenario)), opts.out);
}

/**
`dcplan compare <a> <b>...`: the resolved inputs that differ, and key metrics
side by side per year with the difference from A. Every scenario runs with the
same seed and runs (common random numbers); with Monte Carlo each metric gets
P(B better than A) over the paired runs (report/compare.ts).
*/
import type { Piscina } from 'piscina';
import type { MonteCarloResult } from '../../../engine/montecarlo.js';
import { createPool, IN_THREAD_RUNS, monteCarloParallel } from '../../../engine/parallel.js';
import { horizonYears, metricNames } from '../../../engine/results.js';
import { compareCsv, compareJson, compareResults, compareTable, DEFAULT_COMPARE_METRICS, scenarioLabel } from '../../../report/compare.js';
import { closest } from '../../../scenario/errors.js';
import type { Scenario } from '../../../scenario/types.js';
import { usageError } from '../../exit.js';
import { emit } from '../../io.js';
import { loadForCommand } from '../../load.js';
import { intFlag, parseSimulationFlags, type SimulationFlags } from '../../options.js';
import { progressReporter } from '../../progress.js';
import { t } from '../../../report/i18n/catalogue.js';
import { localName } from '../../../report/names.js';
import type { CommandContext } from '../run/index.js';

export interface CompareOptions extends SimulationFlags {
  year?: string;
  metric: string[];
  format: 'table' | 'json' | 'csv';
  out?: string;
}

/** Check metric names against a scenario (usage error with a suggestion for a typo). */
export function checkMetrics(metrics: readonly string[], scenarios: readonly Scenario[]): void {
  const known = new Set(scenarios.flatMap(metricNames));
  for (const m of metrics) {
    if (known.has(m)) continue;
    const near = closest(m, known);
    throw usageError(t('cli.err.unknownMetric', { metric: m, hint: near ? t('cli.err.didYouMean', { name: near }) : '' }));
  }
}

/** `--year`: a year of the horizon, or undefined. */
export function checkYear(raw: string | undefined, scenario: Scenario): number | undefined {
  const year = intFlag('year', raw, 0, 9999);
  if (year === undefined) return undefined;
  if (year < scenario.horizon.start || year > scenario.horizon.end) {
    throw usageError(t('cli.err.yearOutside', { year, start: scenario.horizon.start, end: scenario.horizon.end }));
  }
  return year;
}

export async function compareCommand(files: string[], opts: CompareOptions, ctx: CommandContext): Promise<void> {
  if (files.length < 2) throw usageError(t('cli.err.compare.two'));
  const { runs: runsFlag, seed: seedFlag, workers, overrides } = parseSimulationFlags(opts, ctx.workerUrl);
  const loaded = files.map((f) => loadForCommand(f, overrides));
  const a = loaded[0]!.scenario;
  const runs = runsFlag ?? a.runs;
  const seed = seedFlag ?? a.seed;
  const metrics = opts.metric.length > 0 ? opts.metric : DEFAULT_COMPARE_METRICS;
  checkMetrics(metrics, loaded.map((l) => l.scenario));
  const year = checkYear(opts.year, a);
  const years = year !== undefined ? [year] : horizonYears(a);

  let pool: Piscina | undefined;
  const mcs: MonteCarloResult[] = [];
  try {
    // workers cost about a second to start: only worth it when the runs of every scenario together are many
    if (runs > 1 && workers > 1 && runs * loaded.length > IN_THREAD_RUNS) pool = await createPool(ctx.workerUrl, workers);
    for (const [i, { scenario, source }] of loaded.entries()) {
      const progress = progressReporter(`compare ${scenarioLabel(i)}`, runs);
      mcs.push(await monteCarloParallel(scenario, { runs, seed, workers, workerUrl: ctx.workerUrl, source, overrides, pool, onProgress: progress.update }));
      progress.done();
    }
  } finally {
    await pool?.destroy();
  }
  const c = compareResults(mcs, metrics, years);
  emit(opts.format === 'json' ? compareJson(c) : opts.format === 'csv' ? compareCsv(c) : compareTable(c, mcs.map((mc) => localName(mc.scenario))), opts.out);
}

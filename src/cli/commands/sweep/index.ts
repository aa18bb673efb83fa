/**
`dcplan sweep <scenario> --vary path=from:to:steps...`: run the scenario at
every point of the grid of swept values (engine/sweep.ts) and print one row per
point with the chosen metrics in one year (report/sweep.ts).

A swept path is a lever id — its value is then in the lever's unit, e.g.
`--vary investment=20:100:5` means 20…100 billion CNY — or a dotted scenario
path, whose value is in the field's base unit (`dcplan explain` shows it).
*/
import type { Piscina } from 'piscina';
import { axisValues, gridPoints, gridSize, MAX_GRID_POINTS, type Axis } from '../../../engine/sweep.js';
import { createPool, IN_THREAD_RUNS, monteCarloParallel } from '../../../engine/parallel.js';
import { sweepCsv, sweepJson, sweepRow, sweepTable, type SweepRow } from '../../../report/sweep.js';
import { resolveScenario, ScenarioError, type Override, type ScenarioSource } from '../../../scenario/index.js';
import type { Scenario } from '../../../scenario/types.js';
import { UserError, usageError } from '../../exit.js';
import { emit } from '../../io.js';
import { loadForCommand, scenarioErrorLines } from '../../load.js';
import { t } from '../../../report/i18n/catalogue.js';
import { localName } from '../../../report/names.js';
import { parseSimulationFlags, type SimulationFlags } from '../../options.js';
import { progressReporter } from '../../progress.js';
import { checkMetrics, checkYear } from '../compare/index.js';
import type { CommandContext } from '../run/index.js';

export interface SweepOptions extends SimulationFlags {
  vary: string[];
  metric: string[];
  year?: string;
  format: 'table' | 'json' | 'csv';
  out?: string;
}

/** Metrics a sweep shows when none are named. */
export const DEFAULT_SWEEP_METRICS = ['serverCapacity', 'transferredRacks', 'capexCumCNY', 'carbonKt', 'npvCNY'];

/** `path=from:to:steps` → an axis (usage error when malformed). */
export function parseVary(raw: string): Axis {
  const eq = raw.indexOf('=');
  const parts = eq > 0 ? raw.slice(eq + 1).split(':') : [];
  const bad = (why: string): never => {
    throw usageError(t('cli.err.vary.frame', { raw, why }));
  };
  if (eq <= 0 || parts.length !== 3) bad(t('cli.err.vary.syntax'));
  const path = raw.slice(0, eq).trim();
  const num = (s: string, what: string): number => {
    const text = s.trim();
    const v = text === '' ? NaN : Number(text);
    return Number.isFinite(v) ? v : bad(t('cli.err.vary.number', { what, value: s }));
  };
  const from = num(parts[0]!, 'from');
  const to = num(parts[1]!, 'to');
  const steps = num(parts[2]!, 'steps');
  if (!Number.isInteger(steps) || steps < 1 || steps > 10_000) bad(t('cli.err.vary.steps'));
  if (steps === 1 && from !== to) bad(t('cli.err.vary.oneStep'));
  return { path, from, to, steps };
}

function overridesAt(axes: readonly Axis[], point: readonly number[]): Override[] {
  // dotted paths take base units (the README's promise), lever ids their lever's unit
  return axes.map((a, i) => ({ path: a.path, value: String(point[i]), baseUnit: true }));
}

/** Resolve the base with these overrides; problems become a UserError naming the swept values. */
function resolvePoint(source: ScenarioSource, sets: Override[], extra: Override[]): Scenario {
  try {
    return resolveScenario(source, [...sets, ...extra]);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    const at = extra.map((o) => `${o.path}=${o.value}`).join(', ');
    throw new UserError([...scenarioErrorLines(err), t('cli.err.sweep.point', { at })]);
  }
}

export async function sweepCommand(file: string, opts: SweepOptions, ctx: CommandContext): Promise<void> {
  if (opts.vary.length === 0) throw usageError(t('cli.err.sweep.vary'));
  const axes = opts.vary.map(parseVary);
  const dup = axes.find((a, i) => axes.findIndex((b) => b.path === a.path) !== i);
  if (dup) throw usageError(t('cli.err.sweep.twice', { path: dup.path }));
  const size = gridSize(axes);
  if (size > MAX_GRID_POINTS) throw usageError(t('cli.err.sweep.size', { size, max: MAX_GRID_POINTS }));
  const { runs: runsFlag, seed: seedFlag, workers, overrides: sets } = parseSimulationFlags(opts, ctx.workerUrl);
  const { scenario: base, source } = loadForCommand(file, sets);
  const runs = runsFlag ?? base.runs;
  const seed = seedFlag ?? base.seed;
  const metrics = opts.metric.length > 0 ? opts.metric : DEFAULT_SWEEP_METRICS;
  checkMetrics(metrics, [base]);
  const year = checkYear(opts.year, base) ?? base.horizon.end;

  // every value of every axis must make a valid scenario: check them all before running any point
  const values = axes.map(axisValues);
  axes.forEach((a, i) => {
    for (const v of values[i]!) resolvePoint(source, sets, [{ path: a.path, value: String(v), baseUnit: true }]);
  });

  const points = gridPoints(axes);
  const rows: SweepRow[] = [];
  const progress = progressReporter(t('cli.sweep.label'), points.length * runs);
  let pool: Piscina | undefined;
  try {
    // workers cost about a second to start: only worth it when the runs of every point together are many
    if (runs > 1 && workers > 1 && runs * points.length > IN_THREAD_RUNS) pool = await createPool(ctx.workerUrl, workers);
    for (const [p, point] of points.entries()) {
      const overrides = [...sets, ...overridesAt(axes, point)];
      const scenario = resolvePoint(source, sets, overridesAt(axes, point));
      // a row reads the metrics in `year` and the targets in theirs: the runs stop at the later (simulate's through)
      const through = Math.max(year, ...scenario.targets.map((x) => x.year)) - scenario.horizon.start;
      const mc = await monteCarloParallel(scenario, {
        runs, seed, workers, workerUrl: ctx.workerUrl, source, overrides, pool, through,
        onProgress: (done) => progress.update(p * runs + done, points.length * runs),
      });
      rows.push(sweepRow(mc, point, metrics, year));
      progress.update((p + 1) * runs, points.length * runs);
    }
  } finally {
    progress.done();
    await pool?.destroy();
  }
  const result = {
    scenario: { name: base.name, file: base.file, hash: base.hash },
    overrides: sets.map((o) => `${o.path}=${o.value}`),
    seed,
    runs,
    year,
    axes: axes.map((a, i) => ({ path: a.path, values: values[i]! })),
    metrics: [...metrics],
    targets: base.targets.map((t) => ({ id: t.id, label: t.label })),
    rows,
  };
  const words = { name: localName(base), targetLabels: base.targets.map((x) => localName({ name: x.label, nameZh: x.labelZh })) };
  emit(opts.format === 'json' ? sweepJson(result) : opts.format === 'csv' ? sweepCsv(result) : sweepTable(result, words), opts.out);
}

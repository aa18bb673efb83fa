/**
`dcplan goal <scenario> --lever L --target 'METRIC@YEAR >= VALUE'`: goal seek.
The least (or most) value of one of the scenario's levers, on the lever's grid
min…max by step, at which the target is met in at least a share P of the Monte
Carlo runs (engine/goal.ts, docs/goal.md); when no value in the range gets there,
the best probability, where it levels off and what binds instead.

With two levers (`--lever A --lever B`) it traces the frontier: for each value
of A on its grid (or `--points N` of them, 8 by default), the seek on B with A
held there — the same seed throughout.

VALUE is a plain number in the metric's base unit (serverCapacity in servers,
capexCumCNY in CNY, shares as fractions) or a quantity as in scenario files
("4 million servers", "40 billion CNY", "300 MW", "90%" for a share).
*/
import type { Piscina } from 'piscina';
import {
  DEFAULT_FRONTIER_POINTS, DEFAULT_GOAL_PROBABILITY, frontierValues, goalFrontier, goalSeek, leverGrid, prefixRunsFor, scenarioEvaluator,
  type FrontierResult, type GoalEvaluator, type GoalOp, type GoalResult, type GoalTarget,
} from '../../../engine/goal.js';
import { createPool, IN_THREAD_RUNS, simulateRunsParallel } from '../../../engine/parallel.js';
import { metricNames } from '../../../engine/results.js';
import { frontierCsv, frontierJson, frontierTable, goalCsv, goalJson, goalTable, type FrontierReport, type GoalReport } from '../../../report/goal.js';
import { grouped } from '../../../report/format.js';
import { t, type MessageKey } from '../../../report/i18n/catalogue.js';
import { countOf } from '../../../report/i18n/count.js';
import { localName } from '../../../report/names.js';
import { closest } from '../../../scenario/errors.js';
import { leverValueOverride, resolveScenario, ScenarioError, type Override, type ScenarioSource } from '../../../scenario/index.js';
import { METRICS, type MetricName } from '../../../scenario/metric-names.js';
import type { Lever, Scenario } from '../../../scenario/types.js';
import { targetValueIn } from '../../../scenario/lesson-target.js';
import { UserError, usageError } from '../../exit.js';
import { emit } from '../../io.js';
import { loadForCommand, scenarioErrorLines } from '../../load.js';
import { intFlag, parseSimulationFlags, type SimulationFlags } from '../../options.js';
import { progressReporter, type Progress } from '../../progress.js';
import type { CommandContext } from '../run/index.js';
import { stderrIsTTY, writeErr } from '../../output.js';

export interface GoalOptions extends SimulationFlags {
  /** One lever, or two for the frontier (`--lever` is repeatable). */
  lever?: string | string[];
  target?: string;
  probability?: string;
  /** Two levers: how many values of the first to visit. */
  points?: string;
  format?: 'table' | 'json' | 'csv';
  out?: string;
}

/** Probability asked for when --probability is not given. */
export { DEFAULT_GOAL_PROBABILITY };

const TARGET = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*@\s*(\d+)\s*(>=|<=|≥|≤|==|=|>|<)\s*(.*?)\s*$/;
const EXAMPLE = "'serverCapacity@2025 >= 4 million servers'";

/** `--probability`: strictly between 0 and 1, as a fraction (0.9) or a percentage (90%). */
export function parseProbability(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_GOAL_PROBABILITY;
  const m = /^(\d+(?:\.\d*)?|\.\d+)\s*(%?)$/.exec(raw.trim());
  const v = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(v > 0 && v < 1)) throw usageError(t('cli.err.goal.probability', { raw }));
  return v;
}

/** A metric's unit ('' for PUE and derived metrics). */
export function metricUnit(metric: string): string {
  return metric in METRICS ? METRICS[metric as MetricName].unit : '';
}

/** What a metric's values are, for messages: "a number of servers", "a share", "a plain number". */
function unitWords(unit: string): string {
  const words: Record<string, MessageKey> = {
    '': 'cli.goal.unit.plain', count: 'cli.goal.unit.plain', share: 'cli.goal.unit.share', people: 'cli.goal.unit.people',
    CNY: 'cli.goal.unit.money', racks: 'cli.goal.unit.racks',
  };
  return words[unit] !== undefined ? t(words[unit]) : t('cli.goal.unit.other', { unit });
}

/** A target's VALUE in the metric's base unit (src/scenario/lesson-target.ts `targetValueIn`); a usage error naming what the metric takes. */
export function parseTargetValue(text: string, metric: string, scenario: Pick<Scenario, 'usdRate'>): number {
  const unit = metricUnit(metric);
  const v = targetValueIn(text, unit, scenario.usdRate);
  if (v === 'empty') throw usageError(t('cli.err.goal.noValue', { example: EXAMPLE }));
  if (v === 'bad') throw usageError(t('cli.err.goal.value', { text, what: unitWords(unit), metric, unit: unit === '' || unit === 'count' ? t('cli.goal.unit.plainNumbers') : unit }));
  return v;
}

/** `--target 'METRIC@YEAR >= VALUE'` against a scenario: its metrics, its horizon. Usage errors, one line each. */
export function parseGoalTarget(raw: string | undefined, scenario: Scenario): GoalTarget {
  if (raw === undefined || raw.trim() === '') throw usageError(t('cli.err.goal.needTarget', { example: EXAMPLE }));
  const m = TARGET.exec(raw);
  if (!m) throw usageError(t('cli.err.goal.targetSyntax', { raw, example: EXAMPLE }));
  const [, metric, yearText, opText, valueText] = m as unknown as [string, string, string, string, string];
  if (opText === '>' || opText === '<' || opText === '=' || opText === '==') {
    throw usageError(t('cli.err.goal.op', { raw }));
  }
  const op: GoalOp = opText === '>=' || opText === '≥' ? '>=' : '<=';
  const names = metricNames(scenario);
  if (!names.includes(metric)) {
    const near = closest(metric, names);
    throw usageError(t('cli.err.goal.metric', { metric, hint: near ? t('cli.err.didYouMean', { name: near }) : '' }));
  }
  const year = Number(yearText);
  if (year < scenario.horizon.start || year > scenario.horizon.end) {
    throw usageError(t('cli.err.goal.year', { year, name: localName(scenario), start: scenario.horizon.start, end: scenario.horizon.end }));
  }
  return { metric, year, op, value: parseTargetValue(valueText, metric, scenario) };
}

/** `--lever`: one of the scenario's levers, by id (or by the path it turns). */
export function findLever(raw: string | undefined, scenario: Scenario, file: string): Lever {
  const ids = scenario.levers.map((l) => l.id);
  if (raw === undefined || raw.trim() === '') {
    throw usageError(ids.length > 0 ? t('cli.err.goal.needLeverList', { file, ids: ids.join(', ') }) : t('cli.err.goal.needLever'));
  }
  if (ids.length === 0) throw new UserError([t('cli.err.goal.noLevers', { file })]);
  const id = raw.trim();
  const lever = scenario.levers.find((l) => l.id === id) ?? scenario.levers.find((l) => l.path === id);
  if (lever) return lever;
  const near = closest(id, ids);
  throw usageError(t('cli.err.goal.unknownLever', { id, hint: near ? t('cli.err.didYouMean', { name: near }) : '', file, ids: ids.join(', ') }));
}

const leverAt = (lever: Lever, value: number): string => `${lever.id}=${value}${lever.unit ? ` ${lever.unit}` : ''}`;

/**
Resolve the scenario with `held` (the overrides and, for a frontier, the first
lever's value) and the lever at `value`; problems become one line each and a
line naming the values.
*/
function resolveAt(source: ScenarioSource, held: Override[], lever: Lever, value: number, heldText = ''): Scenario {
  try {
    return resolveScenario(source, [...held, leverValueOverride(source, lever.id, value)]);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    throw new UserError([...scenarioErrorLines(err), t('cli.err.goal.invalidAt', { at: `${heldText}${leverAt(lever, value)}` })]);
  }
}

/** The `--lever` flags as given: none, one or two (more, or the same twice, is a usage error). */
export function leverFlags(raw: string | string[] | undefined): string[] {
  const list = (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]).map((l) => l.trim());
  if (list.length > 2) throw usageError(t('cli.err.goal.tooManyLevers', { n: list.length, list: list.join(', ') }));
  if (list.length === 2 && list[0] === list[1]) throw usageError(t('cli.err.goal.twice', { id: list[0]! }));
  return list;
}

/** Runs a typical goal seek simulates: the two ends on the prefix, the far end in full, the coarse bisection, the answer and its neighbour. */
export function typicalGoalRuns(levers: number, runs: number): number {
  const n = prefixRunsFor(runs);
  return 2 * n + (runs - n) + Math.ceil(Math.log2(Math.max(2, levers))) * n + 2 * runs;
}

/** Simulations on `ctx`'s workers (a pool above a few thousand runs per value), with progress. */
interface Simulator {
  evaluator: (held: Override[], lever: Lever, heldText?: string) => GoalEvaluator;
  close: () => Promise<void>;
}

async function simulator(
  ctx: CommandContext, source: ScenarioSource, target: GoalTarget, runs: number, seed: number, workers: number, progress: (runsInCall: number) => void,
): Promise<Simulator> {
  // as parallel.ts decides for one call: a few thousand runs finish sooner in this thread than a pool starts
  const pool: Piscina | undefined = runs > IN_THREAD_RUNS && workers > 1 ? await createPool(ctx.workerUrl, workers) : undefined;
  return {
    evaluator: (held, lever, heldText) =>
      scenarioEvaluator((v) => resolveAt(source, held, lever, v, heldText), {
        seed,
        metric: target.metric,
        year: target.year,
        range: (scenario, value, from, to, out, through) =>
          simulateRunsParallel(scenario, from, to, out, {
            seed, workers, workerUrl: ctx.workerUrl, source, pool, through,
            overrides: [...held, leverValueOverride(source, lever.id, value)],
            onProgress: (d) => progress(d),
          }),
      }),
    close: async () => {
      await pool?.destroy();
    },
  };
}

export async function goalCommand(file: string, opts: GoalOptions, ctx: CommandContext): Promise<void> {
  const probability = parseProbability(opts.probability);
  const { runs: runsFlag, seed: seedFlag, workers, overrides: sets } = parseSimulationFlags(opts, ctx.workerUrl);
  const leverIds = leverFlags(opts.lever);
  const points = intFlag('points', opts.points, 2, 10_000);
  if (points !== undefined && leverIds.length < 2) throw usageError(t('cli.err.goal.points'));
  if (opts.target === undefined) throw usageError(t('cli.err.goal.needTarget', { example: EXAMPLE }));
  const { scenario: base, source } = loadForCommand(file, sets);
  const levers = (leverIds.length > 0 ? leverIds : [undefined]).map((id) => findLever(id, base, file));
  if (levers.length === 2 && levers[0]!.id === levers[1]!.id) {
    throw usageError(t('cli.err.goal.sameLever', { a: leverIds[0]!, b: leverIds[1]!, id: levers[0]!.id }));
  }
  for (const lever of levers) {
    const clash = sets.find((s) => s.path === lever.id || s.path === lever.path);
    if (clash) throw usageError(t('cli.err.goal.clash', { path: clash.path, id: lever.id }));
  }
  const target = parseGoalTarget(opts.target, base);
  const runs = runsFlag ?? base.runs;
  const seed = seedFlag ?? base.seed;
  const scenario = { name: base.name, file: base.file, hash: base.hash };
  const overrides = sets.map((o) => `${o.path}=${o.value}`);
  const targetText = opts.target.trim();

  if (levers.length === 2) {
    const result = await frontier(ctx, source, sets, levers as [Lever, Lever], target, { probability, runs, seed, workers, points });
    const report: FrontierReport = { scenario, overrides, targetText, result };
    emit(opts.format === 'json' ? frontierJson(report) : opts.format === 'csv' ? frontierCsv(report) : frontierTable(report, localName(base)), opts.out);
    return;
  }

  const lever = levers[0]!;
  // a bar on a terminal for long seeks (the usual threshold); nothing otherwise: a seek takes seconds
  const total = typicalGoalRuns(leverGrid(lever).length, runs);
  const progress: Progress = stderrIsTTY() ? progressReporter(t('cli.goal.label', { id: lever.id }), total) : { update: () => {}, done: () => {} };
  let done = 0;
  const show = (n: number): void => progress.update(Math.min(n, total), total);
  let sim: Simulator | undefined;
  let result: GoalResult;
  try {
    sim = await simulator(ctx, source, target, runs, seed, workers, (d) => show(done + d));
    result = await goalSeek({ lever, target, probability, runs, seed }, sim.evaluator(sets, lever), {
      onProgress: (n) => {
        done = n;
        show(n);
      },
    });
  } finally {
    progress.done();
    await sim?.close();
  }
  const report: GoalReport = { scenario, overrides, targetText, result };
  emit(opts.format === 'json' ? goalJson(report) : opts.format === 'csv' ? goalCsv(report) : goalTable(report, localName(base)), opts.out);
}

/**
The frontier of two levers, with a progress line on stderr: rewritten in place
on a terminal, else one line per value of the first lever as its seek ends.
*/
async function frontier(
  ctx: CommandContext, source: ScenarioSource, sets: Override[], levers: [Lever, Lever], target: GoalTarget,
  o: { probability: number; runs: number; seed: number; workers: number; points: number | undefined },
): Promise<FrontierResult> {
  const [a, b] = levers;
  const values = frontierValues(a, o.points ?? DEFAULT_FRONTIER_POINTS);
  const t0 = performance.now();
  const secs = (): string => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  const tty = stderrIsTTY();
  const say = (line: string, final = false): void => {
    if (tty) writeErr(`\r\x1b[K${line}${final ? '\n' : ''}`);
    else if (final) writeErr(`${line}\n`);
  };
  let point = 0;
  let simulated = 0;
  let inCall = 0;
  let lastShown = 0;
  const live = (): void => {
    const now = performance.now();
    if (!tty || now - lastShown < 100) return;
    lastShown = now;
    say(t('cli.goal.seeking', { a: a.id, value: values[point]!, i: point + 1, n: values.length, b: b.id, runs: grouped(simulated + inCall), time: secs() }));
  };
  let sim: Simulator | undefined;
  try {
    sim = await simulator(ctx, source, target, o.runs, o.seed, o.workers, (d) => {
      inCall = d;
      live();
    });
    const s = sim;
    return await goalFrontier(
      { levers, target, probability: o.probability, runs: o.runs, seed: o.seed, points: values.length },
      (v) => s.evaluator([...sets, leverValueOverride(source, a.id, v)], b, `${leverAt(a, v)}, `),
      {
        onPointStart: (i) => {
          point = i;
          live();
        },
        onProgress: (n) => {
          simulated = n;
          inCall = 0;
          live();
        },
        onPoint: (i, total, p) => {
          const g = p.result;
          const unit = (l: Lever): string => (l.unit ? ` ${l.unit}` : '');
          const p1 = (x: number): string => (o.runs > 1 ? t('cli.goal.p', { p: (x * 100).toFixed(1) }) : '');
          const answer = g.reachable
            ? g.direction === 'flat'
              ? t('cli.goal.any', { b: b.id, p: p1(g.found.probability) })
              : `${b.id} ${g.direction === 'down' ? '≤' : '≥'} ${g.found.value}${unit(b)}${p1(g.found.probability)}`
            : o.runs > 1 ? t('cli.goal.unreachableBest', { p: (g.best.probability * 100).toFixed(1) }) : t('cli.goal.unreachable');
          say(t('cli.goal.point', { i: i + 1, n: total, a: a.id, value: `${p.a}${unit(a)}`, answer, runs: grouped(simulated), time: secs() }), !tty);
          if (i + 1 === total) say(t('cli.goal.done', { values: countOf(total, 'value'), a: a.id, runs: grouped(simulated), time: secs() }), true);
        },
      },
    );
  } finally {
    await sim?.close();
  }
}

/**
`dcplan goal <scenario> --lever L --target 'METRIC@YEAR >= VALUE'`: goal seek.
The least (or most) value of one of the scenario's levers, on the lever's grid
min…max by step, at which the target is met in at least a share P of the Monte
Carlo runs (engine/goal.ts, docs/goal.md); when no value in the range gets there,
the best probability, where it levels off and what binds instead.

VALUE is a plain number in the metric's base unit (serverCapacity in servers,
capexCumCNY in CNY, shares as fractions) or a quantity as in scenario files
("4 million servers", "40 billion CNY", "300 MW", "90%" for a share).
*/
import type { Piscina } from 'piscina';
import { goalSeek, leverGrid, prefixRunsFor, scenarioEvaluator, type GoalOp, type GoalResult, type GoalTarget } from '../../engine/goal.js';
import { createPool, IN_THREAD_RUNS, simulateRunsParallel } from '../../engine/parallel.js';
import { metricNames } from '../../engine/results.js';
import { goalJson, goalTable, type GoalReport } from '../../report/goal.js';
import { closest } from '../../scenario/errors.js';
import { evaluateConstant } from '../../scenario/formula.js';
import { formatProblem, leverValueOverride, resolveScenario, ScenarioError, type Override, type ScenarioSource } from '../../scenario/index.js';
import { METRICS, type MetricName } from '../../scenario/metric-names.js';
import type { Lever, Scenario } from '../../scenario/types.js';
import { ratioOf, toBase } from '../../scenario/units.js';
import { UserError, usageError } from '../exit.js';
import { emit } from '../io.js';
import { loadForCommand } from '../load.js';
import { parseSimulationFlags, type SimulationFlags } from '../options.js';
import { progressReporter, type Progress } from '../progress.js';
import type { CommandContext } from './run.js';

export interface GoalOptions extends SimulationFlags {
  lever?: string;
  target?: string;
  probability?: string;
  format?: 'table' | 'json';
  out?: string;
}

/** Probability asked for when --probability is not given. */
export const DEFAULT_GOAL_PROBABILITY = 0.9;

const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const TARGET = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*@\s*(\d+)\s*(>=|<=|≥|≤|==|=|>|<)\s*(.*?)\s*$/;
const EXAMPLE = "e.g. 'serverCapacity@2025 >= 4 million servers'";

/** `--probability`: strictly between 0 and 1, as a fraction (0.9) or a percentage (90%). */
export function parseProbability(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_GOAL_PROBABILITY;
  const m = /^(\d+(?:\.\d*)?|\.\d+)\s*(%?)$/.exec(raw.trim());
  const v = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(v > 0 && v < 1)) throw usageError(`--probability must be strictly between 0 and 1 (e.g. 0.9 or 90%), got "${raw}"`);
  return v;
}

/** The mathjs unit a metric's unit stands for; absent: the metric takes plain numbers only. */
const MATH_UNIT: Record<string, string> = {
  MW: 'MW', GWh: 'GWh', kt: 'kt', 'million m3': 'million m3', EFLOPS: 'EFLOPS', Tbps: 'Tbps',
};

/** A metric's unit ('' for PUE and derived metrics). */
export function metricUnit(metric: string): string {
  return metric in METRICS ? METRICS[metric as MetricName].unit : '';
}

/** What a metric's values are, for messages: "a number of servers", "a share", "a plain number". */
function unitWords(unit: string): string {
  switch (unit) {
    case '':
    case 'count':
      return 'a plain number';
    case 'share':
      return 'a share (0.9 or 90%)';
    case 'people':
      return 'a number of people';
    case 'CNY':
      return 'an amount of money (CNY, e.g. "40 billion CNY")';
    case 'racks':
      return 'a number of racks or a power (2.5 kW a rack)';
    default:
      return `a number of ${unit}`;
  }
}

/**
A target's VALUE in the metric's base unit: a plain number (4e6), a number with a
magnitude word (4 million), or a quantity in a unit the metric's unit converts
from, as in scenario files ("4 million servers", "40 billion CNY", "300 MW";
"90%" for a share). Throws a usage error naming what the metric takes.
*/
export function parseTargetValue(text: string, metric: string, scenario: Pick<Scenario, 'usdRate'>): number {
  const unit = metricUnit(metric);
  const t = text.trim();
  const bad = (): never => {
    throw usageError(`--target: "${text}" is not ${unitWords(unit)}: ${metric} is in ${unit === '' || unit === 'count' ? 'plain numbers' : unit}`);
  };
  if (t === '') throw usageError(`--target: no value after the comparison; ${EXAMPLE}`);
  if (PLAIN_NUMBER.test(t)) return Number(t);
  if (t.includes('%') && unit !== 'share' && unit !== '') bad();
  // servers are a plain count to mathjs: "4 million servers" must not pass for racks
  if (/(?<![A-Za-z])servers?(?![A-Za-z])/.test(t) && unit !== 'servers') bad();
  const q = evaluateConstant(t);
  if (typeof q === 'number') return Number.isFinite(q) ? q : bad();
  if (q === undefined) bad();
  // money converts USD at the scenario's rate; racks take a power at 2.5 kW a rack, as in scenario files
  const kind = unit === 'CNY' ? 'money' : unit === 'racks' ? 'racks' : undefined;
  if (kind) {
    const c = toBase(q, kind, scenario.usdRate, t);
    return c.ok ? c.value : bad();
  }
  const mathUnit = MATH_UNIT[unit];
  const v = mathUnit ? ratioOf(q, evaluateConstant(`1 ${mathUnit}`)) : undefined;
  return v !== undefined && Number.isFinite(v) ? v : bad();
}

/** `--target 'METRIC@YEAR >= VALUE'` against a scenario: its metrics, its horizon. Usage errors, one line each. */
export function parseGoalTarget(raw: string | undefined, scenario: Scenario): GoalTarget {
  if (raw === undefined || raw.trim() === '') throw usageError(`goal needs --target 'METRIC@YEAR >= VALUE' (or <=), ${EXAMPLE}`);
  const m = TARGET.exec(raw);
  if (!m) throw usageError(`--target "${raw}" is not METRIC@YEAR >= VALUE or METRIC@YEAR <= VALUE; ${EXAMPLE}`);
  const [, metric, yearText, opText, valueText] = m as unknown as [string, string, string, string, string];
  if (opText === '>' || opText === '<' || opText === '=' || opText === '==') {
    throw usageError(`--target "${raw}": use >= or <= (a target is met at its bound, as atLeast/atMost in scenario files)`);
  }
  const op: GoalOp = opText === '>=' || opText === '≥' ? '>=' : '<=';
  const names = metricNames(scenario);
  if (!names.includes(metric)) {
    const near = closest(metric, names);
    throw usageError(`--target: unknown metric "${metric}"${near ? ` (did you mean "${near}"?)` : ''}; metrics are the column names of \`dcplan run --format csv\``);
  }
  const year = Number(yearText);
  if (year < scenario.horizon.start || year > scenario.horizon.end) {
    throw usageError(`--target: ${year} is outside ${scenario.name}'s horizon ${scenario.horizon.start}–${scenario.horizon.end}`);
  }
  return { metric, year, op, value: parseTargetValue(valueText, metric, scenario) };
}

/** `--lever`: one of the scenario's levers, by id (or by the path it turns). */
export function findLever(raw: string | undefined, scenario: Scenario, file: string): Lever {
  const ids = scenario.levers.map((l) => l.id);
  if (raw === undefined || raw.trim() === '') {
    throw usageError(`goal needs --lever ID${ids.length > 0 ? `; ${file}'s levers: ${ids.join(', ')}` : ''}`);
  }
  if (ids.length === 0) throw new UserError([`${file}: the scenario has no levers: to seek a goal, add one under levers: (docs/scenario-format.md)`]);
  const id = raw.trim();
  const lever = scenario.levers.find((l) => l.id === id) ?? scenario.levers.find((l) => l.path === id);
  if (lever) return lever;
  const near = closest(id, ids);
  throw usageError(`unknown lever "${id}"${near ? ` (did you mean "${near}"?)` : ''}; ${file}'s levers: ${ids.join(', ')}`);
}

/** Resolve the scenario with the lever at `value`; problems become one line each and a line naming the value. */
function resolveAt(source: ScenarioSource, sets: Override[], lever: Lever, value: number): Scenario {
  try {
    return resolveScenario(source, [...sets, leverValueOverride(source, lever.id, value)]);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    throw new UserError([...err.problems.map(formatProblem), `dcplan: goal: ${lever.id}=${value}${lever.unit ? ` ${lever.unit}` : ''} does not make a valid scenario`]);
  }
}

/** Runs a typical goal seek simulates: the two ends on the prefix, the far end in full, the coarse bisection, the answer and its neighbour. */
export function typicalGoalRuns(levers: number, runs: number): number {
  const n = prefixRunsFor(runs);
  return 2 * n + (runs - n) + Math.ceil(Math.log2(Math.max(2, levers))) * n + 2 * runs;
}

export async function goalCommand(file: string, opts: GoalOptions, ctx: CommandContext): Promise<void> {
  const probability = parseProbability(opts.probability);
  const { runs: runsFlag, seed: seedFlag, workers, overrides: sets } = parseSimulationFlags(opts, ctx.workerUrl);
  if (opts.target === undefined) throw usageError(`goal needs --target 'METRIC@YEAR >= VALUE' (or <=), ${EXAMPLE}`);
  const { scenario: base, source } = loadForCommand(file, sets);
  const lever = findLever(opts.lever, base, file);
  const clash = sets.find((s) => s.path === lever.id || s.path === lever.path);
  if (clash) throw usageError(`--set ${clash.path} sets what --lever ${lever.id} turns: drop one of them`);
  const target = parseGoalTarget(opts.target, base);
  const runs = runsFlag ?? base.runs;
  const seed = seedFlag ?? base.seed;

  // a bar on a terminal for long seeks (the usual threshold); nothing otherwise: a seek takes seconds
  const total = typicalGoalRuns(leverGrid(lever).length, runs);
  const progress: Progress = process.stderr.isTTY ? progressReporter(`goal ${lever.id}`, total) : { update: () => {}, done: () => {} };
  let done = 0;
  const show = (n: number): void => progress.update(Math.min(n, total), total);
  let pool: Piscina | undefined;
  let result: GoalResult;
  try {
    // as parallel.ts decides for one call: a few thousand runs finish sooner in this thread than a pool starts
    if (runs > IN_THREAD_RUNS && workers > 1) pool = await createPool(ctx.workerUrl, workers);
    const evaluator = scenarioEvaluator((v) => resolveAt(source, sets, lever, v), {
      seed,
      metric: target.metric,
      year: target.year,
      range: (scenario, value, from, to, out) =>
        simulateRunsParallel(scenario, from, to, out, {
          seed, workers, workerUrl: ctx.workerUrl, source, pool,
          overrides: [...sets, leverValueOverride(source, lever.id, value)],
          onProgress: (d) => show(done + d),
        }),
    });
    result = await goalSeek({ lever, target, probability, runs, seed }, evaluator, {
      onProgress: (n) => {
        done = n;
        show(n);
      },
    });
  } finally {
    progress.done();
    await pool?.destroy();
  }
  const report: GoalReport = {
    scenario: { name: base.name, file: base.file, hash: base.hash },
    overrides: sets.map((o) => `${o.path}=${o.value}`),
    targetText: opts.target.trim(),
    result,
  };
  emit(opts.format === 'json' ? goalJson(report) : goalTable(report), opts.out);
}

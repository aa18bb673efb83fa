/**
The small expressions a lesson file writes: a challenge's target
`'METRIC@YEAR >= VALUE'` (the grammar of `dcplan goal --target`, docs/goal.md),
a key figure `METRIC@YEAR`, and the placeholders in its texts
(`{serverCapacity@2025}`, `{P:servers}`, `{lever:investment}`), each checked
against the scenario the step runs. They live here, beside the loader, so a bad
one is a located problem of the lesson file; every function returns an error
sentence instead of throwing.

The target VALUE is read by `targetValueIn`, which `dcplan goal --target` uses
too: a plain number in the metric's base unit, or a quantity as in scenario
files ("4 million servers", "40 billion CNY", "300 MW", "90%" for a share). The
goal command words its usage errors; this module its located problems.
*/
import { closest } from './errors.js';
import { evaluateConstant } from './formula.js';
import { METRIC_NAMES, METRICS, type MetricName } from './metric-names.js';
import type { Scenario } from './types.js';
import { ratioOf, toBase } from './units.js';

export type LessonOp = '>=' | '<=';

/** A target in the metric's base unit, as `dcplan goal` reads one. */
export interface LessonTarget {
  metric: string;
  year: number;
  op: LessonOp;
  value: number;
  /** As written in the lesson file. */
  text: string;
}

/** A metric in a year: a step's key figure. */
export interface MetricAt {
  metric: string;
  year: number;
}

/** What a placeholder in a text asks for. */
export type Placeholder =
  | { kind: 'value'; metric: string; year: number; stat: 'value' | 'p5' | 'p95' | 'central' | 'base' }
  | { kind: 'probability'; target: string }
  | { kind: 'lever'; lever: string };

const TARGET = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*@\s*(\d+)\s*(>=|<=|≥|≤|==|=|>|<)\s*(.*?)\s*$/;
const METRIC_AT = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*@\s*(\d+)\s*$/;
const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const EXAMPLE = "e.g. 'serverCapacity@2025 >= 4 million servers'";

/** Every metric name a scenario's results have: the built-in ones and its derived metrics. */
export function metricNamesOf(scenario: Pick<Scenario, 'metrics'>): string[] {
  return [...METRIC_NAMES, ...scenario.metrics.map((m) => m.id)];
}

function unitOfMetric(metric: string): string {
  return metric in METRICS ? METRICS[metric as MetricName].unit : '';
}

function unknownMetric(metric: string, scenario: Scenario): string {
  const near = closest(metric, metricNamesOf(scenario));
  return `unknown metric "${metric}"${near ? ` (did you mean "${near}"?)` : ''}; metrics are the column names of \`dcplan run --format csv\` (docs/results.md)`;
}

function checkYear(year: number, scenario: Scenario): string | undefined {
  const { start, end } = scenario.horizon;
  return year < start || year > end ? `${year} is outside the horizon of ${scenario.name} (${start}–${end})` : undefined;
}

/** `METRIC@YEAR` for a scenario. */
export function parseMetricAt(raw: string, scenario: Scenario): MetricAt | { error: string } {
  const m = METRIC_AT.exec(raw);
  if (!m) return { error: `"${raw}" is not METRIC@YEAR, e.g. serverCapacity@2025` };
  const metric = m[1]!;
  const year = Number(m[2]);
  if (!metricNamesOf(scenario).includes(metric)) return { error: unknownMetric(metric, scenario) };
  const bad = checkYear(year, scenario);
  return bad ? { error: bad } : { metric, year };
}

/** What a metric's values are, for messages. */
function unitWords(unit: string): string {
  switch (unit) {
    case '':
    case 'count':
      return 'a plain number';
    case 'share':
      return 'a share (0.9 or 90%)';
    case 'CNY':
      return 'an amount of money (e.g. "40 billion CNY")';
    case 'racks':
      return 'a number of racks or a power (2.5 kW a rack)';
    default:
      return `a number of ${unit}`;
  }
}

const MATH_UNIT: Record<string, string> = { MW: 'MW', GWh: 'GWh', kt: 'kt', 'million m3': 'million m3', EFLOPS: 'EFLOPS', Tbps: 'Tbps' };

/**
A target's VALUE in a metric's base unit: a plain number (4e6), a number with a
magnitude word (4 million), or a quantity in a unit the metric's unit converts
from, as in scenario files ("4 million servers", "40 billion CNY", "300 MW";
"90%" for a share). 'empty' for no text, 'bad' for a value the metric cannot
take — callers word the message (`dcplan goal` in the session's language, the
lesson loader as a located problem).
*/
export function targetValueIn(text: string, unit: string, usdRate: number): number | 'empty' | 'bad' {
  const t = text.trim();
  if (t === '') return 'empty';
  if (PLAIN_NUMBER.test(t)) return Number(t);
  if (t.includes('%') && unit !== 'share' && unit !== '') return 'bad';
  // servers are a plain count to mathjs: "4 million servers" must not pass for racks
  if (/(?<![A-Za-z])servers?(?![A-Za-z])/.test(t) && unit !== 'servers') return 'bad';
  const q = evaluateConstant(t);
  if (typeof q === 'number') return Number.isFinite(q) ? q : 'bad';
  if (q === undefined) return 'bad';
  // money converts USD at the scenario's rate; racks take a power at 2.5 kW a rack, as in scenario files
  const kind = unit === 'CNY' ? 'money' : unit === 'racks' ? 'racks' : undefined;
  if (kind) {
    const c = toBase(q, kind, usdRate, t);
    return c.ok ? c.value : 'bad';
  }
  const mathUnit = MATH_UNIT[unit];
  const v = mathUnit ? ratioOf(q, evaluateConstant(`1 ${mathUnit}`)) : undefined;
  return v !== undefined && Number.isFinite(v) ? v : 'bad';
}

/** A target VALUE in the metric's base unit, or why it is not one. */
export function parseTargetValue(text: string, metric: string, scenario: Pick<Scenario, 'usdRate'>): number | { error: string } {
  const unit = unitOfMetric(metric);
  const v = targetValueIn(text, unit, scenario.usdRate);
  if (v === 'empty') return { error: `no value after the comparison; ${EXAMPLE}` };
  if (v === 'bad') return { error: `"${text}" is not ${unitWords(unit)}: ${metric} is in ${unit === '' || unit === 'count' ? 'plain numbers' : unit}` };
  return v;
}

/** `METRIC@YEAR >= VALUE` (or `<=`) against a scenario: its metrics, its horizon. */
export function parseTarget(raw: string, scenario: Scenario): LessonTarget | { error: string } {
  const m = TARGET.exec(raw);
  if (!m) return { error: `"${raw}" is not METRIC@YEAR >= VALUE or METRIC@YEAR <= VALUE; ${EXAMPLE}` };
  const [, metric, yearText, opText, valueText] = m as unknown as [string, string, string, string, string];
  if (opText === '>' || opText === '<' || opText === '=' || opText === '==') {
    return { error: `"${raw}": use >= or <= (a target is met at its bound, as atLeast/atMost in scenario files)` };
  }
  if (!metricNamesOf(scenario).includes(metric)) return { error: unknownMetric(metric, scenario) };
  const year = Number(yearText);
  const badYear = checkYear(year, scenario);
  if (badYear) return { error: badYear };
  const value = parseTargetValue(valueText, metric, scenario);
  if (typeof value !== 'number') return value;
  return { metric, year, op: opText === '>=' || opText === '≥' ? '>=' : '<=', value, text: raw.trim() };
}

/** A probability: strictly between 0 and 1, written 0.9 or "90%". */
export function parseProbability(raw: number | string): number | { error: string } {
  const m = typeof raw === 'number' ? undefined : /^\s*(\d+(?:\.\d*)?|\.\d+)\s*(%?)\s*$/.exec(raw);
  const v = typeof raw === 'number' ? raw : m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  return v > 0 && v < 1 ? v : { error: `probability must be strictly between 0 and 1 (e.g. 0.9 or "90%"), got ${JSON.stringify(raw)}` };
}

const STATS = ['p5', 'p95', 'central', 'median', 'base'] as const;

/**
The placeholders of a text, in order: `{METRIC@YEAR}` (the figure the screen
shows: the median of the runs, or the central case), `{METRIC@YEAR:p5}`,
`:p95`, `:central`, `:base` (the scenario file's own lever values); `{P:TARGET}` (the share of runs meeting one of the
scenario's targets, or `{P:challenge}`, the step's challenge); `{lever:ID}`
(a lever's value at this step). `{{` and `}}` write a brace.
*/
export function placeholdersOf(text: string): { raw: string; body: string; index: number }[] {
  const out: { raw: string; body: string; index: number }[] = [];
  const re = /\{\{|\}\}|\{([^{}]*)\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '{{' || m[0] === '}}') continue;
    out.push({ raw: m[0], body: m[1]!, index: m.index });
  }
  return out;
}

export interface PlaceholderScope {
  scenario: Scenario;
  /** The step has a challenge: `{P:challenge}` is allowed. */
  challenge: boolean;
}

/** What a placeholder's body asks for, checked against the step's scenario. */
export function parsePlaceholder(body: string, scope: PlaceholderScope): Placeholder | { error: string } {
  const b = body.trim();
  const sc = scope.scenario;
  let m = /^P\s*:\s*(\S+)$/.exec(b);
  if (m) {
    const id = m[1]!;
    if (id === 'challenge') return scope.challenge ? { kind: 'probability', target: id } : { error: '{P:challenge} needs a challenge in the same step' };
    const ids = sc.targets.map((t) => t.id);
    if (ids.includes(id)) return { kind: 'probability', target: id };
    const near = closest(id, [...ids, ...(scope.challenge ? ['challenge'] : [])]);
    return { error: `{P:${id}}: no target "${id}" in ${sc.name}${near ? ` (did you mean "${near}"?)` : ''}; its targets: ${ids.join(', ') || 'none'}` };
  }
  m = /^lever\s*:\s*(\S+)$/.exec(b);
  if (m) {
    const id = m[1]!;
    const ids = sc.levers.map((l) => l.id);
    if (ids.includes(id)) return { kind: 'lever', lever: id };
    const near = closest(id, ids);
    return { error: `{lever:${id}}: no lever "${id}" in ${sc.name}${near ? ` (did you mean "${near}"?)` : ''}; its levers: ${ids.join(', ') || 'none'}` };
  }
  m = /^([^:]+?)\s*(?::\s*(\w+))?$/.exec(b);
  if (m && m[1]!.includes('@')) {
    const at = parseMetricAt(m[1]!, sc);
    if ('error' in at) return { error: `{${b}}: ${at.error}` };
    const stat = m[2];
    if (stat !== undefined && !(STATS as readonly string[]).includes(stat)) {
      return { error: `{${b}}: unknown statistic "${stat}"; after the colon: ${STATS.join(', ')}` };
    }
    return { kind: 'value', metric: at.metric, year: at.year, stat: stat === undefined || stat === 'median' ? 'value' : (stat as 'p5' | 'p95' | 'central' | 'base') };
  }
  return { error: `{${b}} is not a placeholder: write {METRIC@YEAR}, {METRIC@YEAR:p5}, {P:TARGET} or {lever:ID} (docs/lessons.md); {{ and }} write braces` };
}

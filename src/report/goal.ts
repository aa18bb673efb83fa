/**
Goal seek results (`dcplan goal`, docs/goal.md) as a table for people and JSON
for scripts.

JSON, keys in this order (numbers rounded to 12 significant digits):

  { lever, unit, value, probability, lowerBound, evaluations, reachable, binding,
    direction, required, target: {metric, year, op, value, text}, best, beyond,
    runs, seed, runsSimulated, scenario, overrides, trace, warnings }

`value` is the answer in the lever's `unit` — or, when the target is not
reachable, where P levels off (within one point of `best`) — with `probability`
over every run and its 95 % Wilson lower bound. `binding` is what bound
Gui'an in the target year at the answer (reachable) or at the best value (not).

Two levers (the frontier, docs/goal.md): a table of lever a's values and the
least (most) value of lever b that meets the target at each; JSON

  { levers: [a, b], units, target, probability,
    frontier: [{a, b, probability, lowerBound, reachable, levelsOff, direction, binding, evaluations}],
    evaluations, runs, seed, runsSimulated, scenario, overrides, warnings }

and CSV, one row per value of a. Also the one-sentence answer the TUI shows
(`goalAnswerText`).
*/
import { leverGrid, type FrontierPoint, type FrontierResult, type GoalBinding, type GoalEvaluation, type GoalResult } from '../engine/goal.js';
import type { BindingLimit } from '../engine/results.js';
import { overridesText } from './caption.js';
import { fmt, labelOf, unitOf } from './display.js';
import { grouped, roundForOutput as r } from './format.js';
import { t } from './i18n/catalogue.js';
import { countOf } from './i18n/count.js';
import { getLang } from './i18n/lang.js';
import { displayWidth, padEndW, padStartW } from './width.js';

export interface GoalReport {
  scenario: { name: string; file: string; hash: string };
  /** `--set` overrides, as "path=value". */
  overrides: string[];
  /** The --target text as given. */
  targetText: string;
  result: GoalResult;
}

/** What each binding limit means, in words (docs/model.md §11.4). */
export const LIMIT_WORDS: Record<BindingLimit, string> = {
  grid: 'the grid connection',
  network: 'the network east',
  money: 'money (phases wait for funds)',
  construction: 'construction (halls still being built or waiting for their dates)',
  capacity: 'capacity (every planned hall built and full)',
  demand: "demand (Gui'an takes all the work that chooses it)",
};

const pct = (p: number): string => `${(p * 100).toFixed(1)} %`;

function leverValue(v: number, unit: string): string {
  const s = Math.abs(v) >= 1e6 ? grouped(v, v % 1 === 0 ? 0 : 2) : String(v);
  return unit ? `${s} ${unit}` : s;
}

/** A binding limit in words (`LIMIT_WORDS` in English). */
function limitWords(limit: BindingLimit): string {
  return getLang() === 'zh' ? t(`table.goal.limit.${limit}`) : LIMIT_WORDS[limit];
}

/** A binding limit by its name: the id in English ("construction"), a short word in Chinese. */
function limitName(limit: string): string {
  return getLang() === 'zh' && limit in LIMIT_WORDS ? t(`table.goal.limitShort.${limit as BindingLimit}`) : limit;
}

/** A lever's label in the reader's language. */
function leverLabel(l: { label: string; labelZh?: string | undefined }): string {
  return getLang() === 'zh' && l.labelZh ? l.labelZh : l.label;
}

/** "Server capacity in 2025 ≥ 4.0 M servers". */
export function goalTargetText(res: GoalResult): string {
  const { metric, year, op, value } = res.target;
  return t('table.goal.target', { label: labelOf(metric), year, op: op === '>=' ? '≥' : '≤', value: fmt(value, unitOf(metric)) });
}

function bindingLines(b: GoalBinding, year: number, unit: string, runs: number): string[] {
  const lines = [t('table.goal.binds', { year, value: leverValue(b.value, unit), limit: limitWords(b.limit) })];
  const counts = Object.entries(b.counts).map(([k, v]) => `${limitName(k)} ${grouped(v)}`).join(t('table.list'));
  const central = limitName(b.central);
  if (runs === 1) lines.push(`  ${t(b.missed > 0 ? 'table.goal.centralMisses' : 'table.goal.centralMeets')}`);
  else if (b.missed === 0) lines.push(`  ${t('table.goal.noneMiss', { central })}`);
  else {
    const of = b.examined < b.missed
      ? t('table.goal.firstMissing', { examined: grouped(b.examined), missed: grouped(b.missed) })
      : t('table.goal.allMissing', { runs: countOf(b.missed, 'run') });
    lines.push(`  ${t('table.goal.rerun', { of, counts, central })}`);
  }
  return lines;
}

/** The seek as a table in the session's language; `name` is the scenario's name in it (default: `rep`'s). */
export function goalTable(rep: GoalReport, name = rep.scenario.name): string {
  const res = rep.result;
  const { lever } = res;
  const unit = lever.unit;
  const v = (x: number): string => leverValue(x, unit);
  const mc = res.runs > 1;
  const lang = getLang();
  const lines = [
    `${name}  (${rep.scenario.file})`,
    t(mc ? 'table.goal.goalP' : 'table.goal.goalCentral', { target: goalTargetText(res), p: pct(res.probability) }),
    t('table.goal.lever', { id: lever.id, label: leverLabel(lever), min: v(lever.min), max: v(lever.max), step: lever.step }),
    (mc ? t('table.goal.runs', { runs: grouped(res.runs), seed: res.seed }) : t('table.caption.central')) +
      (rep.overrides.length > 0 ? ` · ${overridesText(rep.overrides, lang)}` : ''),
    '',
  ];
  const f = res.found;
  const pAt = (e: GoalEvaluation & { lowerBound?: number }): string =>
    mc
      ? `P ${pct(e.probability)}${e.lowerBound !== undefined ? t('table.goal.lowerBound', { low: pct(e.lowerBound), runs: countOf(e.runs, 'run') }) : e.runs < res.runs ? t('table.goal.decided', { runs: grouped(e.runs) }) : ''}`
      : t(e.met > 0 ? 'common.met' : 'common.missed');
  if (res.reachable) {
    if (!res.beyond) {
      lines.push(t(res.direction === 'down' ? 'table.goal.wholeTop' : 'table.goal.wholeBottom', { id: lever.id, value: v(f.value) }));
      lines.push(`  ${pAt(f)}`);
    } else {
      lines.push(t(res.direction === 'down' ? 'table.goal.highest' : 'table.goal.least', { id: lever.id, op: res.direction === 'down' ? '≤' : '≥', value: v(f.value) }));
      lines.push(`  ${t('table.goal.at', { value: v(f.value), p: pAt(f) })}`);
      lines.push(`  ${t('table.goal.at', { value: v(res.beyond.value), p: pAt(res.beyond) })}`);
    }
  } else {
    const b = res.best;
    lines.push(t('table.goal.unreachable', { id: lever.id, best: mc ? pAt(b) : t('common.missed'), value: v(b.value) }));
    if (b.met > 0 && f.value !== b.value) {
      lines.push(`  ${t(res.direction === 'down' ? 'table.goal.levelsOffLower' : 'table.goal.levelsOffRaise', { value: v(f.value), p: pct(f.probability), id: lever.id })}`);
    } else if (b.met > 0) lines.push(`  ${t('table.goal.stillRises')}`);
  }
  lines.push('');
  lines.push(...bindingLines(res.binding, res.target.year, unit, res.runs));
  lines.push('');

  // every value evaluated
  const head = [lever.id, t(mc ? 'table.goal.pMet' : 'common.met'), ...(mc ? [t('table.goal.runsCol')] : []), ''];
  const rows = res.trace.map((e) => [
    String(e.value),
    mc ? pct(e.probability) : t(e.met > 0 ? 'table.goal.yes' : 'table.goal.no'),
    ...(mc ? [grouped(e.runs)] : []),
    res.reachable ? (e.value === f.value ? t('table.goal.answer') : '') : e.value === res.best.value ? t('table.goal.best') : e.value === f.value ? t('table.goal.levelsOff') : '',
  ]);
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((row) => displayWidth(row[i]!))));
  const pad = (s: string, w: number, last: boolean): string => (last ? s : padStartW(s, w));
  lines.push(head.map((h, i) => pad(h, widths[i]!, i === head.length - 1)).join('  ').trimEnd());
  for (const row of rows) lines.push(row.map((c, i) => pad(c, widths[i]!, i === row.length - 1)).join('  ').trimEnd());
  lines.push('');
  lines.push(
    t(mc ? 'table.goal.evaluatedMc' : 'table.goal.evaluated', { values: countOf(res.evaluations, 'value'), runs: countOf(res.runsSimulated, 'run') }),
  );
  for (const w of res.warnings) lines.push(t('table.goal.warning', { warning: w }));
  return lines.join('\n') + '\n';
}

const evalJson = (e: GoalEvaluation): Record<string, unknown> => ({ value: r(e.value), runs: e.runs, met: e.met, probability: r(e.probability) });

export function goalJson(rep: GoalReport): string {
  const res = rep.result;
  const out = {
    lever: res.lever.id,
    unit: res.lever.unit,
    value: r(res.found.value),
    probability: r(res.found.probability),
    lowerBound: r(res.found.lowerBound),
    evaluations: res.evaluations,
    reachable: res.reachable,
    binding: { ...res.binding, value: r(res.binding.value) },
    direction: res.direction,
    required: r(res.probability),
    target: { metric: res.target.metric, year: res.target.year, op: res.target.op, value: r(res.target.value), text: rep.targetText },
    best: { ...evalJson(res.best), lowerBound: r(res.best.lowerBound) },
    beyond: res.beyond ? evalJson(res.beyond) : null,
    runs: res.runs,
    seed: res.seed,
    runsSimulated: res.runsSimulated,
    scenario: rep.scenario,
    overrides: rep.overrides,
    trace: res.trace.map(evalJson),
    warnings: res.warnings,
  };
  return JSON.stringify(out, null, 2) + '\n';
}

/** A single-lever seek's trace as CSV: every value evaluated, with the runs it took and its share that met the target. */
export function goalCsv(rep: GoalReport): string {
  const res = rep.result;
  const caption = `# goal seek on ${res.lever.id} (${res.lever.unit || 'plain number'}) · ${rep.scenario.name} · ${rep.scenario.file} · ${rep.targetText}` +
    ` · P >= ${r(res.probability)} · ${res.runs > 1 ? `${res.runs} runs per value, seed ${res.seed}` : 'central case'}` +
    (rep.overrides.length > 0 ? ` · ${overridesText(rep.overrides)}` : '');
  const lines = [caption.replace(/[\r\n]+/g, ' '), `${res.lever.id},runs,met,probability,answer`];
  for (const e of res.trace) {
    const mark = res.reachable ? (e.value === res.found.value ? 'answer' : '') : e.value === res.best.value ? 'best' : e.value === res.found.value ? 'levels off' : '';
    lines.push([String(r(e.value)), String(e.runs), String(e.met), String(r(e.probability)), mark].join(','));
  }
  return lines.join('\n') + '\n';
}

// ---- the one-sentence answer (TUI) ----

export interface AnswerWords {
  /** The target as people name it: "4 M server capacity by 2025". */
  target: string;
  /** The lever as people name it: "investment". */
  lever: string;
  /** A lever value with its unit: "55 bn CNY". */
  value: (v: number) => string;
  /** A probability: "91 %". */
  p?: (p: number) => string;
}

/**
The answer in one sentence: "4 M server capacity by 2025 needs investment ≥ 55 bn
CNY (P 91 %, ≥ 89 %)", or "…: not reachable with investment (best P 74 % from 60
bn CNY); construction binds".
*/
export function goalAnswerText(res: GoalResult, w: AnswerWords): string {
  const p = w.p ?? ((x: number): string => `${Math.round(x * 100)} %`);
  const f = res.found;
  const mc = res.runs > 1;
  const at = (e: GoalEvaluation & { lowerBound: number }): string => (mc ? `P ${p(e.probability)}, ≥ ${p(e.lowerBound)}` : t('common.central'));
  if (res.reachable) {
    if (res.direction === 'flat') return t('table.answer.flat', { target: w.target, lever: w.lever, at: at(f) });
    if (!res.beyond) return t('table.answer.whole', { target: w.target, lever: w.lever, value: w.value(f.value), at: at(f) });
    return t('table.answer.needs', { target: w.target, lever: w.lever, op: res.direction === 'down' ? '≤' : '≥', value: w.value(f.value), at: at(f) });
  }
  const b = res.best;
  const best = b.met === 0
    ? t('table.answer.noRun', { value: w.value(b.value) })
    : mc
      ? f.value !== b.value ? t('table.answer.bestFrom', { p: p(b.probability), value: w.value(f.value) }) : t('table.answer.bestAt', { p: p(b.probability), value: w.value(b.value) })
      : t('table.answer.missedEven', { value: w.value(b.value) });
  return t('table.answer.unreachable', { target: w.target, lever: w.lever, best, limit: limitName(res.binding.limit) });
}

/**
What binds, for a line under the answer: "what binds in 2025 at 150 bn CNY:
construction (halls …) — in 66 of the first 100 of 531 runs that miss"; `words`
false, shorter: "…: construction in 66 % of the runs that miss" (of those examined).
*/
export function bindingText(res: GoalResult, value: (v: number) => string, words = true): string {
  const b = res.binding;
  const head = t('table.goal.binds', { year: res.target.year, value: value(b.value), limit: words ? limitWords(b.limit) : limitName(b.limit) });
  if (res.runs === 1) return t('table.answer.bindsCentral', { head });
  if (b.missed === 0) return t('table.answer.bindsNoMiss', { head });
  const n = b.counts[b.limit] ?? 0;
  if (!words) return t('table.answer.bindsShare', { head, pct: Math.round((100 * n) / Math.max(1, b.examined)) });
  const of = b.examined < b.missed
    ? t('table.answer.ofFirst', { examined: grouped(b.examined), missed: grouped(b.missed) })
    : t('table.answer.ofAll', { missed: grouped(b.missed) });
  return t('table.answer.bindsCount', { head, n: grouped(n), of });
}

// ---- two levers: the frontier ----

export interface FrontierReport {
  scenario: { name: string; file: string; hash: string };
  overrides: string[];
  targetText: string;
  result: FrontierResult;
}

/** A lever's unit for the CSV caption: the unit, or "plain number". */
const unitText = (unit: string): string => unit || 'plain number';

/** Lever b's cell at one point: "≥ 250", "≤ 0.45", "any", "unreachable (best P 44.5 %)". */
function frontierCell(p: FrontierPoint, mc: boolean): string {
  const res = p.result;
  if (!res.reachable) {
    if (!mc) return t('table.frontier.unreachable');
    return res.best.met === 0 ? t('table.frontier.unreachableNone') : t('table.frontier.unreachableBest', { p: pct(res.best.probability) });
  }
  if (res.direction === 'flat') return t('table.frontier.any');
  const v = String(res.found.value);
  const whole = res.beyond ? '' : t('table.frontier.whole');
  return `${res.direction === 'down' ? '≤' : '≥'} ${v}${whole}`;
}

/** The frontier as a table in the session's language; `name` is the scenario's name in it (default: `rep`'s). */
export function frontierTable(rep: FrontierReport, name = rep.scenario.name): string {
  const res = rep.result;
  const [a, b] = res.levers;
  const mc = res.runs > 1;
  const range = (l: typeof a): string => t('table.frontier.range', { min: l.min, max: leverValue(l.max, l.unit) });
  const directions = new Set(res.points.map((p) => p.result.direction).filter((d) => d !== 'flat'));
  const which = t(directions.size === 1 && directions.has('down') ? 'table.frontier.most' : directions.size > 1 ? 'table.frontier.leastOrMost' : 'table.frontier.least');
  const lines = [
    `${name}  (${rep.scenario.file})`,
    t(mc ? 'table.goal.goalP' : 'table.goal.goalCentral', { target: goalTargetText(res.points[0]!.result), p: pct(res.probability) }),
    t('table.frontier.leverA', {
      id: a.id, label: leverLabel(a),
      values: res.points.length === leverGrid(a).length
        ? t('table.frontier.every', { range: range(a), step: a.step })
        : t('table.frontier.some', { values: countOf(res.points.length, 'value'), range: range(a) }),
    }),
    t('table.frontier.leverB', { id: b.id, label: leverLabel(b), range: range(b), step: b.step, which }),
    (mc ? t('table.frontier.runs', { runs: grouped(res.runs), seed: res.seed }) : t('table.caption.central')) +
      (rep.overrides.length > 0 ? ` · ${overridesText(rep.overrides, getLang())}` : ''),
    '',
  ];
  const plain = t('table.frontier.plain');
  const head = [a.id, b.id, ...(mc ? [t('table.goal.pMet'), t('table.frontier.low')] : []), t('table.frontier.binds'), t('table.frontier.evaluated')];
  const units = [a.unit || plain, b.unit || plain, ...(mc ? ['', ''] : []), '', ''];
  const rows = res.points.map((p) => {
    const g = p.result;
    return [
      String(p.a),
      frontierCell(p, mc),
      ...(mc ? (g.reachable ? [pct(g.found.probability), pct(g.found.lowerBound)] : ['–', '–']) : []),
      limitName(g.binding.limit),
      countOf(g.evaluations, 'value'),
    ];
  });
  const widths = head.map((h, i) => Math.max(displayWidth(h), displayWidth(units[i]!), ...rows.map((row) => displayWidth(row[i]!))));
  // lever a right-aligned, lever b and the limit left-aligned, the numbers right-aligned
  const left = new Set([1, head.length - 2]);
  const line = (cells: string[]): string => cells.map((c, i) => (left.has(i) ? padEndW(c, widths[i]!) : padStartW(c, widths[i]!))).join('  ').trimEnd();
  lines.push(line(head), line(units));
  for (const row of rows) lines.push(line(row));
  lines.push('');
  const reach = res.points.filter((p) => p.result.reachable);
  if (reach.length === res.points.length) lines.push(t('table.frontier.reachAll', { a: a.id }));
  else if (reach.length === 0) lines.push(t('table.frontier.reachNone', { a: a.id, b: b.id }));
  else {
    lines.push(t('table.frontier.reachSome', {
      n: reach.length, of: res.points.length, a: a.id,
      at: reach.map((p) => p.a).join(', '), not: res.points.filter((p) => !p.result.reachable).map((p) => p.a).join(', '),
    }));
  }
  lines.push(t('table.frontier.bindsNote', { year: res.target.year, b: b.id }));
  lines.push(t('table.frontier.evaluatedLine', { pairs: countOf(res.evaluations, 'pair'), runs: countOf(res.runsSimulated, 'run') }));
  for (const w of res.warnings) lines.push(t('table.goal.warning', { warning: w }));
  return lines.join('\n') + '\n';
}

const pointJson = (p: FrontierPoint): Record<string, unknown> => {
  const g = p.result;
  const e = g.reachable ? g.found : g.best;
  return {
    a: r(p.a),
    b: g.reachable ? r(g.found.value) : null,
    probability: r(e.probability),
    lowerBound: r(e.lowerBound),
    reachable: g.reachable,
    levelsOff: g.reachable ? null : r(g.found.value),
    direction: g.direction,
    binding: { ...g.binding, value: r(g.binding.value) },
    evaluations: g.evaluations,
  };
};

export function frontierJson(rep: FrontierReport): string {
  const res = rep.result;
  const t = res.target;
  const out = {
    levers: res.levers.map((l) => l.id),
    units: res.levers.map((l) => l.unit),
    target: { metric: t.metric, year: t.year, op: t.op, value: r(t.value), text: rep.targetText },
    probability: r(res.probability),
    frontier: res.points.map(pointJson),
    evaluations: res.evaluations,
    runs: res.runs,
    seed: res.seed,
    runsSimulated: res.runsSimulated,
    scenario: rep.scenario,
    overrides: rep.overrides,
    warnings: res.warnings,
  };
  return JSON.stringify(out, null, 2) + '\n';
}

/** One row per value of lever a; lever b's column is empty where the target is not reachable (its probability is then the best one). */
export function frontierCsv(rep: FrontierReport): string {
  const res = rep.result;
  const [a, b] = res.levers;
  const num = (v: number | null): string => (v === null ? '' : String(r(v) ?? ''));
  const caption = `# frontier of ${a.id} (${unitText(a.unit)}) and ${b.id} (${unitText(b.unit)}) · ${rep.scenario.name} · ${rep.scenario.file} · ${rep.targetText}` +
    ` · P >= ${r(res.probability)} · ${res.runs > 1 ? `${res.runs} runs per value, seed ${res.seed}` : 'central case'}` +
    (rep.overrides.length > 0 ? ` · ${overridesText(rep.overrides)}` : '');
  const lines = [caption.replace(/[\r\n]+/g, ' '), `${a.id},${b.id},probability,lowerBound,reachable,levelsOff,direction,binding,evaluations`];
  for (const p of res.points) {
    const g = p.result;
    const e = g.reachable ? g.found : g.best;
    lines.push([num(p.a), num(g.reachable ? g.found.value : null), num(e.probability), num(e.lowerBound), String(g.reachable), num(g.reachable ? null : g.found.value), g.direction, g.binding.limit, String(g.evaluations)].join(','));
  }
  return lines.join('\n') + '\n';
}

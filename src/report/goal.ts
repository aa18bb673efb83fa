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
import { counted, grouped, roundForOutput as r } from './format.js';

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

/** "Server capacity in 2025 ≥ 4.0 M servers". */
export function goalTargetText(res: GoalResult): string {
  const { metric, year, op, value } = res.target;
  return `${labelOf(metric)} in ${year} ${op === '>=' ? '≥' : '≤'} ${fmt(value, unitOf(metric))}`;
}

function bindingLines(b: GoalBinding, year: number, unit: string, runs: number): string[] {
  const lines = [`what binds in ${year} at ${leverValue(b.value, unit)}: ${LIMIT_WORDS[b.limit]}`];
  const counts = Object.entries(b.counts).map(([k, v]) => `${k} ${grouped(v)}`).join(', ');
  if (runs === 1) lines.push(`  in the central case${b.missed > 0 ? ', which misses the target' : ', which meets the target'}`);
  else if (b.missed === 0) lines.push(`  no run misses the target there; the central case: ${b.central}`);
  else {
    const of = b.examined < b.missed ? `the first ${grouped(b.examined)} of the ${grouped(b.missed)} runs that miss` : `the ${counted(b.missed, 'run')} that miss`;
    lines.push(`  in ${of}, re-run with detail: ${counts}; the central case: ${b.central}`);
  }
  return lines;
}

export function goalTable(rep: GoalReport): string {
  const res = rep.result;
  const { lever } = res;
  const unit = lever.unit;
  const v = (x: number): string => leverValue(x, unit);
  const mc = res.runs > 1;
  const lines = [
    `${rep.scenario.name}  (${rep.scenario.file})`,
    `goal: ${goalTargetText(res)}${mc ? ` in at least ${pct(res.probability)} of runs` : ' in the central case'}`,
    `lever: ${lever.id} (${lever.label}), ${v(lever.min)} to ${v(lever.max)} in steps of ${lever.step}`,
    (mc ? `${grouped(res.runs)} Monte Carlo runs per value, seed ${res.seed}: the same runs at every value` : 'central case (inputs as written, no sampling)') +
      (rep.overrides.length > 0 ? ` · ${overridesText(rep.overrides)}` : ''),
    '',
  ];
  const f = res.found;
  const pAt = (e: GoalEvaluation & { lowerBound?: number }): string =>
    mc ? `P ${pct(e.probability)}${e.lowerBound !== undefined ? ` (95 % lower bound ${pct(e.lowerBound)}, ${counted(e.runs, 'run')})` : e.runs < res.runs ? ` (decided on the first ${grouped(e.runs)} runs)` : ''}` : e.met > 0 ? 'met' : 'missed';
  if (res.reachable) {
    const which = res.direction === 'down' ? 'the highest value' : 'the least value';
    if (!res.beyond) {
      lines.push(`${lever.id} = ${v(f.value)}: met across the whole range, already at its ${res.direction === 'down' ? 'top' : 'bottom'} end`);
      lines.push(`  ${pAt(f)}`);
    } else {
      lines.push(`${lever.id} ${res.direction === 'down' ? '≤' : '≥'} ${v(f.value)}: ${which} that meets it`);
      lines.push(`  at ${v(f.value)}: ${pAt(f)}`);
      lines.push(`  at ${v(res.beyond.value)}: ${pAt(res.beyond)}`);
    }
  } else {
    const b = res.best;
    lines.push(`NOT REACHABLE by turning ${lever.id}: at best ${mc ? pAt(b) : 'missed'}, at ${v(b.value)}`);
    if (b.met > 0 && f.value !== b.value) {
      lines.push(`  P levels off from ${v(f.value)} (${pct(f.probability)}, within 1 point of the best): ${res.direction === 'down' ? 'lowering' : 'raising'} ${lever.id} further is not the answer`);
    } else if (b.met > 0) lines.push(`  P still rises at the end of the range`);
  }
  lines.push('');
  lines.push(...bindingLines(res.binding, res.target.year, unit, res.runs));
  lines.push('');

  // every value evaluated
  const head = [lever.id, mc ? 'P(met)' : 'met', ...(mc ? ['runs'] : []), ''];
  const rows = res.trace.map((e) => [
    String(e.value),
    mc ? pct(e.probability) : e.met > 0 ? 'yes' : 'no',
    ...(mc ? [grouped(e.runs)] : []),
    res.reachable ? (e.value === f.value ? '← answer' : '') : e.value === res.best.value ? '← best' : e.value === f.value ? '← levels off' : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const pad = (s: string, w: number, last: boolean): string => (last ? s : s.padStart(w));
  lines.push(head.map((h, i) => pad(h, widths[i]!, i === head.length - 1)).join('  ').trimEnd());
  for (const row of rows) lines.push(row.map((c, i) => pad(c, widths[i]!, i === row.length - 1)).join('  ').trimEnd());
  lines.push('');
  lines.push(
    `${counted(res.evaluations, 'value')} evaluated, ${counted(res.runsSimulated, 'run')} simulated` +
      (mc ? '; a value is decided as soon as its count of runs that meet the target settles it' : ''),
  );
  for (const w of res.warnings) lines.push(`warning: ${w}`);
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
  const at = (e: GoalEvaluation & { lowerBound: number }): string => (mc ? `P ${p(e.probability)}, ≥ ${p(e.lowerBound)}` : 'central case');
  if (res.reachable) {
    if (res.direction === 'flat') return `${w.target} is met whatever the ${w.lever} (${at(f)})`;
    if (!res.beyond) return `${w.target} is met across ${w.lever}'s range, already at ${w.value(f.value)} (${at(f)})`;
    return `${w.target} needs ${w.lever} ${res.direction === 'down' ? '≤' : '≥'} ${w.value(f.value)} (${at(f)})`;
  }
  const b = res.best;
  const best = b.met === 0
    ? `met in no run, even at ${w.value(b.value)}`
    : mc ? `best P ${p(b.probability)} ${f.value !== b.value ? `from ${w.value(f.value)}` : `at ${w.value(b.value)}`}` : `missed even at ${w.value(b.value)}`;
  return `${w.target}: not reachable with ${w.lever} (${best}); ${res.binding.limit} binds`;
}

/**
What binds, for a line under the answer: "what binds in 2025 at 150 bn CNY:
construction (halls …) — in 66 of the first 100 of 531 runs that miss"; `words`
false, shorter: "…: construction in 66 % of the runs that miss" (of those examined).
*/
export function bindingText(res: GoalResult, value: (v: number) => string, words = true): string {
  const b = res.binding;
  const head = `what binds in ${res.target.year} at ${value(b.value)}: ${words ? LIMIT_WORDS[b.limit] : b.limit}`;
  if (res.runs === 1) return `${head}, in the central case`;
  if (b.missed === 0) return `${head} — no run misses there; the central case`;
  const n = b.counts[b.limit] ?? 0;
  if (!words) return `${head} in ${Math.round((100 * n) / Math.max(1, b.examined))} % of the runs that miss`;
  return `${head} — in ${grouped(n)} of the ${b.examined < b.missed ? `first ${grouped(b.examined)} of ${grouped(b.missed)}` : grouped(b.missed)} runs that miss`;
}

// ---- two levers: the frontier ----

export interface FrontierReport {
  scenario: { name: string; file: string; hash: string };
  overrides: string[];
  targetText: string;
  result: FrontierResult;
}

const unitText = (unit: string): string => unit || 'plain number';

/** Lever b's cell at one point: "≥ 250", "≤ 0.45", "any", "unreachable (best P 44.5 %)". */
function frontierCell(p: FrontierPoint, mc: boolean): string {
  const res = p.result;
  if (!res.reachable) {
    if (!mc) return 'unreachable';
    return res.best.met === 0 ? 'unreachable (met in no run)' : `unreachable (best P ${pct(res.best.probability)})`;
  }
  if (res.direction === 'flat') return 'any (no effect)';
  const v = String(res.found.value);
  const whole = res.beyond ? '' : ' (whole range)';
  return `${res.direction === 'down' ? '≤' : '≥'} ${v}${whole}`;
}

export function frontierTable(rep: FrontierReport): string {
  const res = rep.result;
  const [a, b] = res.levers;
  const mc = res.runs > 1;
  const range = (l: typeof a): string => `${l.min} to ${leverValue(l.max, l.unit)}`;
  const directions = new Set(res.points.map((p) => p.result.direction).filter((d) => d !== 'flat'));
  const which = directions.size === 1 && directions.has('down') ? 'the most' : directions.size > 1 ? 'the least (or most, where lowering it helps)' : 'the least';
  const lines = [
    `${rep.scenario.name}  (${rep.scenario.file})`,
    `goal: ${goalTargetText(res.points[0]!.result)}${mc ? ` in at least ${pct(res.probability)} of runs` : ' in the central case'}`,
    `lever a: ${a.id} (${a.label}), ${res.points.length === leverGrid(a).length ? `every value from ${range(a)} in steps of ${a.step}` : `${counted(res.points.length, 'value')} from ${range(a)}`}`,
    `lever b: ${b.id} (${b.label}), ${range(b)} in steps of ${b.step}: at each value of a, ${which} value that meets the goal`,
    (mc ? `${grouped(res.runs)} Monte Carlo runs per value, seed ${res.seed}: the same runs at every pair of values` : 'central case (inputs as written, no sampling)') +
      (rep.overrides.length > 0 ? ` · ${overridesText(rep.overrides)}` : ''),
    '',
  ];
  const head = [a.id, b.id, ...(mc ? ['P(met)', '95 % low'] : []), 'binds', 'evaluated'];
  const units = [unitText(a.unit), unitText(b.unit), ...(mc ? ['', ''] : []), '', ''];
  const rows = res.points.map((p) => {
    const g = p.result;
    return [
      String(p.a),
      frontierCell(p, mc),
      ...(mc ? (g.reachable ? [pct(g.found.probability), pct(g.found.lowerBound)] : ['–', '–']) : []),
      g.binding.limit,
      counted(g.evaluations, 'value'),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, units[i]!.length, ...rows.map((row) => row[i]!.length)));
  // lever a right-aligned, lever b and the limit left-aligned, the numbers right-aligned
  const left = new Set([1, head.length - 2]);
  const line = (cells: string[]): string => cells.map((c, i) => (left.has(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  lines.push(line(head), line(units));
  for (const row of rows) lines.push(line(row));
  lines.push('');
  const reach = res.points.filter((p) => p.result.reachable);
  if (reach.length === res.points.length) lines.push(`reachable at every value of ${a.id} shown`);
  else if (reach.length === 0) lines.push(`NOT REACHABLE at any value of ${a.id} shown, whatever ${b.id}`);
  else lines.push(`reachable at ${reach.length} of ${res.points.length} values of ${a.id} (${reach.map((p) => p.a).join(', ')}); not at ${res.points.filter((p) => !p.result.reachable).map((p) => p.a).join(', ')}`);
  lines.push(
    `binds: what bound Gui'an in ${res.target.year} at the answer, or at the far end of ${b.id} where unreachable (the most frequent limit in the runs that miss, else the central case's)`,
  );
  lines.push(`${counted(res.evaluations, 'pair')} of values evaluated, ${counted(res.runsSimulated, 'run')} simulated`);
  for (const w of res.warnings) lines.push(`warning: ${w}`);
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

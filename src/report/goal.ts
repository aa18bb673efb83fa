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
*/
import type { GoalBinding, GoalEvaluation, GoalResult } from '../engine/goal.js';
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

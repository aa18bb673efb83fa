/**
The screening report (`dcplan sensitivity --screen`): every numeric input of a
scenario ranked by how far a ±δ step of it moves one metric in one year, with
its elasticity (and Morris μ*, σ when asked), as a table (top 20), CSV or JSON
(every input). See src/engine/screen.ts for what the numbers mean.
*/
import type { NotVaried, ScreenLeaf, Screening, ScreenRow } from '../engine/screen.js';
import type { Scenario } from '../scenario/types.js';
import { cellValue, compact, flattenInputs } from './compare.js';
import { labelOf, unitOf, unitSuffix } from './display.js';
import { MINUS, roundForOutput } from './format.js';
import { overridesText } from './caption.js';
import { t, type MessageKey } from './i18n/catalogue.js';
import { countOf } from './i18n/count.js';
import { getLang } from './i18n/lang.js';
import { displayWidth, padEndW, padStartW } from './width.js';

/** Every leaf of the resolved scenario, for `screeningInputs`. */
export function screenLeaves(scenario: Scenario): ScreenLeaf[] {
  const series = new Set<string>();
  const patterns = new Map<string, string>();
  const flat = flattenInputs(scenario, series, patterns);
  return [...flat].map(([path, value]) => ({ path, pattern: patterns.get(path) ?? path, value, series: series.has(path) }));
}

export interface ScreenResult extends Screening {
  scenario: { name: string; file: string; hash: string; overrides: string[] };
  unit: string;
  seed: number;
  notVaried: NotVaried[];
}

export function screenResult(scenario: Scenario, s: Screening, notVaried: NotVaried[], seed: number): ScreenResult {
  return {
    ...s,
    scenario: { name: scenario.name, file: scenario.file, hash: scenario.hash, overrides: scenario.overrides.slice() },
    unit: unitOf(s.metric),
    seed,
    notVaried,
  };
}

/** Rows in the table. */
export const SCREEN_TABLE_ROWS = 20;

const padL = padStartW;
const padR = padEndW;
/**
Shorten a dotted path to `w` characters, keeping its end (the item and field):
whole leading segments go first ("…telecom.phases.p2.capex"), then the word
"phases" ("…telecom.p2.capex"), then characters.
*/
export function clipPath(s: string, w: number): string {
  if (s.length <= w) return s;
  const segs = s.split('.');
  for (let k = 1; k < segs.length - 1; k++) {
    const rest = segs.slice(k);
    const t = '…' + rest.join('.');
    if (t.length <= w) return t;
    const u = '…' + rest.filter((x, i) => !(x === 'phases' && i < rest.length - 2)).join('.');
    if (u.length <= w) return u;
  }
  return '…' + s.slice(s.length - (w - 1));
}
const pct = (d: number): string => `${Math.round(d * 100)} %`;

/** "+0.85", "−0.12", "–" */
export function signed(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return '–';
  const r = v.toFixed(digits);
  if (Number(r) === 0) return (0).toFixed(digits);
  return v > 0 ? `+${r}` : `${MINUS}${r.slice(1)}`;
}

/** The input as written: a number, or a per-year series as its constant value or first → last. */
export function inputText(v: number | number[]): string {
  if (typeof v === 'number') return compact(v);
  if (v.length > 0 && v.every((x) => x === v[0])) return compact(v[0]!);
  return `${compact(v[0] ?? NaN)} → ${compact(v[v.length - 1] ?? NaN)}`;
}

/** A signed metric change for a cell. */
function change(v: number, unit: string): string {
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return '0';
  const body = cellValue(Math.abs(v), unit);
  return `${v > 0 ? '+' : MINUS}${body}`;
}

/** The engine's reasons for not varying an input (src/engine/screen.ts), for the table in Chinese; CSV and JSON keep the engine's words. */
const REASONS: Record<string, MessageKey> = {
  'Monte Carlo only: phase risks are drawn in sampled runs': 'table.screen.reason.mcOnly',
  "already applied as each phase's capex": 'table.screen.reason.capex',
  "already applied as each site's serversPerRack": 'table.screen.reason.serversPerRack',
  'a date, not a quantity': 'table.screen.reason.date',
  '°C, not a ratio scale': 'table.screen.reason.temperature',
  'shares of demand that sum to 1': 'table.screen.reason.shares',
  'a list of values, not a quantity': 'table.screen.reason.list',
  'not finite: unbounded': 'table.screen.reason.unbounded',
  '0, which a scale cannot move': 'table.screen.reason.zero',
};

const reasonText = (reason: string): string => (REASONS[reason] !== undefined ? t(REASONS[reason]) : reason);

function notVariedLines(nv: readonly NotVaried[], width: number): string[] {
  const byReason = new Map<string, string[]>();
  for (const x of nv) {
    const g = byReason.get(x.reason);
    if (g) g.push(x.path);
    else byReason.set(x.reason, [x.path]);
  }
  const lines: string[] = [];
  for (const [reason, paths] of byReason) {
    lines.push(t('table.screen.notVaried', { reason: reasonText(reason), inputs: countOf(paths.length, 'input') }));
    // as many example paths as fit on one indented line
    let shown = paths.length;
    const text = (n: number): string => `  ${paths.slice(0, n).join(', ')}${n < paths.length ? t('table.screen.andMore', { n: paths.length - n }) : ''}`;
    while (shown > 1 && text(shown).length > width) shown--;
    lines.push(text(shown).length > width ? text(shown).slice(0, width - 1) + '…' : text(shown));
  }
  return lines;
}

/** The screening as a table in the session's language; `name` is the scenario's name in it (default: `r`'s). */
export function screenTable(r: ScreenResult, width = 80, name = r.scenario.name): string {
  const u = r.unit && r.unit !== 'share' ? ` ${unitSuffix(r.unit)}` : '';
  const d = pct(r.delta);
  const lines = [
    `${name}  (${r.scenario.file})${r.scenario.overrides.length > 0 ? `  ${overridesText(r.scenario.overrides, getLang())}` : ''}`,
    t('table.screen.title', { label: labelOf(r.metric), year: r.year, base: `${cellValue(r.base, r.unit)}${u}` }),
    t('table.screen.each', { inputs: countOf(r.rows.length, 'input'), d }),
    t('table.screen.change', { d }),
    r.morris > 0 ? t('table.screen.morris', { trajectories: countOf(r.morris, 'trajectory'), seed: r.seed }) : t('table.screen.elasticity'),
    '',
  ];
  const top = r.rows.slice(0, SCREEN_TABLE_ROWS);
  // with Morris columns, the changes at each end give way (the swing stays)
  const ends = r.morris === 0;
  const head = ['#', t('table.screen.input'), t('table.screen.asWritten'), ...(ends ? [`−${d}`, `+${d}`] : []), t('table.screen.swing'), t('table.screen.elast'), ...(ends ? [] : ['μ*', 'σ'])];
  const plain = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '–');
  const cells = top.map((x: ScreenRow, i) => [
    String(i + 1),
    x.path,
    inputText(x.value),
    ...(ends ? [change(x.low - r.base, r.unit), change(x.high - r.base, r.unit)] : []),
    change(x.swing, r.unit),
    x.error ? t('table.screen.error') : signed(x.elasticity),
    ...(ends ? [] : [plain(x.morris?.muStar ?? NaN), plain(x.morris?.sigma ?? NaN)]),
  ]);
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...cells.map((c) => displayWidth(c[i]!))));
  const others = widths.reduce((s, w, i) => (i === 1 ? s : s + w), 0) + 2 * (head.length - 1);
  widths[1] = Math.max(12, Math.min(widths[1]!, width - others));
  const line = (c: string[]): string =>
    c.map((x, i) => (i === 1 ? padR(clipPath(x, widths[1]!), widths[1]!) : i === 2 ? padR(x, widths[i]!) : padL(x, widths[i]!))).join('  ').trimEnd();
  lines.push(line(head), ...cells.map(line));
  if (r.rows.length > top.length) lines.push(t('table.screen.more', { inputs: countOf(r.rows.length - top.length, 'moreInput') }));
  const still = r.rows.filter((x) => x.swing === 0).length;
  if (still > 0) lines.push(t(still === 1 ? 'table.screen.stillOne' : 'table.screen.still', { inputs: countOf(still, 'input') }));
  const nv = notVariedLines(r.notVaried, width);
  if (nv.length > 0) lines.push('', ...nv);
  return lines.join('\n') + '\n';
}

const num = (v: number | null | undefined): string => {
  if (v === null || v === undefined) return '';
  const x = roundForOutput(v);
  return x === null ? '' : String(x);
};
const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The input as written for CSV: a number, or a series' values joined by spaces (one per year). */
function csvValue(v: number | number[]): string {
  if (typeof v === 'number') return num(v);
  if (v.every((x) => x === v[0])) return num(v[0]);
  return v.map((x) => num(x)).join(' ');
}

/** One row per input: the varied ones ranked, then the ones not varied (with the reason in `note`). */
export function screenCsv(r: ScreenResult): string {
  const lines = ['rank,input,series,value,lowFactor,highFactor,low,high,swing,elasticity,muStar,mu,sigma,note'];
  r.rows.forEach((x, i) => {
    lines.push([
      i + 1, q(x.path), x.series, q(csvValue(x.value)), num(x.lowFactor), num(x.highFactor), num(x.low), num(x.high), num(x.swing), num(x.elasticity),
      num(x.morris?.muStar), num(x.morris?.mu), num(x.morris?.sigma), x.error ? q(`error: ${x.error}`) : '',
    ].join(','));
  });
  for (const x of r.notVaried) lines.push(['', q(x.path), '', '', '', '', '', '', '', '', '', '', '', q(`not varied: ${x.reason}`)].join(','));
  return lines.join('\n') + '\n';
}

export function screenJson(r: ScreenResult): string {
  const n = (v: number): number | null => roundForOutput(v);
  const doc = {
    scenario: r.scenario,
    metric: r.metric,
    label: labelOf(r.metric, undefined, 'en'),
    unit: r.unit,
    year: r.year,
    delta: r.delta,
    base: n(r.base),
    morris: r.morris,
    seed: r.seed,
    simulations: r.simulations,
    inputs: r.rows.map((x, i) => ({
      rank: i + 1,
      input: x.path,
      series: x.series,
      value: typeof x.value === 'number' ? n(x.value) : x.value.map(n),
      lowFactor: n(x.lowFactor),
      highFactor: n(x.highFactor),
      low: n(x.low),
      high: n(x.high),
      swing: n(x.swing),
      elasticity: n(x.elasticity),
      ...(x.morris ? { muStar: n(x.morris.muStar), mu: n(x.morris.mu), sigma: n(x.morris.sigma) } : {}),
      ...(x.error ? { error: x.error } : {}),
    })),
    notVaried: r.notVaried.map((x) => ({ input: x.path, reason: x.reason })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

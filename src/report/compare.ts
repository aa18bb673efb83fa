/**
Comparing scenarios (`dcplan compare`): what differs in their resolved inputs,
and the key metrics side by side per year with the difference from the first
scenario (A).

Under Monte Carlo every scenario is run with the same seed and run indices, so
run i of A and run i of B draw the same values for every uncertain parameter
they share (common random numbers). The runs are then paired, and for each
metric and year the comparison gives the share of runs in which B does better
than A — not only the difference of the medians, which can hide a B that is
better on average but worse in most runs. "Better" follows the metric's
direction (`better` in src/scenario/metric-names.ts, the one table every face reads): more servers, racks, revenue or savings is better; more
carbon, water or PUE is worse. For metrics without a direction (energy and
spending, which grow with the work done; demand, budget, traffic) the share of
runs in which B is higher is given.
*/
import type { MonteCarloResult } from '../engine/montecarlo.js';
import type { Scenario } from '../scenario/types.js';
import type { Better, MetricName } from '../scenario/metric-names.js';
import { overridesText } from './caption.js';
import { goodDirection, labelOf, unitOf, unitSuffix } from './display.js';
import { grouped, magnitude, MINUS, roundForOutput } from './format.js';
import { t } from './i18n/catalogue.js';
import { getLang, type Lang } from './i18n/lang.js';
import { displayWidth, padEndW, padStartW } from './width.js';

/** Metrics `compare` shows when none are named. */
export const DEFAULT_COMPARE_METRICS: MetricName[] = [
  'dcOperational', 'rackCapacity', 'serverCapacity', 'serversInstalled', 'rackUtilization', 'transferredRacks',
  'energyGWh', 'carbonKt', 'capexCumCNY', 'npvCNY', 'costSavedCNY',
];

export function directionOf(metric: string): Better {
  return goodDirection(metric);
}

export { unitOf };

const SCALES: [number, string][] = [
  [1e12, 'tn'],
  [1e9, 'bn'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
A number in a few characters: below 1,000 to 4 significant digits, below 10,000
whole with a thousands separator, above that to 3 significant digits with
k / M / bn / tn.

@example
compact(3_520_000); // => "3.52 M"
compact(61_000);    // => "61.0 k"
compact(1234.5);    // => "1,235"
compact(0.38712);   // => "0.3871"

In Chinese (the session's language, or `lang`) 10,000 and above in 万 / 亿,
3 significant digits: 3_520_000 → "352万".
*/
export function compact(v: number, lang: Lang = getLang()): string {
  if (!Number.isFinite(v)) return grouped(v);
  const a = Math.abs(v);
  if (a < 1000) return `${v < 0 ? MINUS : ''}${Number.isInteger(a) ? String(a) : String(Number(a.toPrecision(4)))}`;
  if (a < 10_000) return grouped(v);
  if (lang === 'zh') return magnitude(v, 1, 'zh');
  for (const [s, name] of SCALES) if (a >= s) return `${v < 0 ? MINUS : ''}${(a / s).toPrecision(3)} ${name}`;
  return grouped(v);
}

/** A number for a table cell: shares as %, plain ratios to 3 decimals, the rest `compact`. */
export function cellValue(v: number, unit: string, lang: Lang = getLang()): string {
  if (!Number.isFinite(v)) return grouped(v);
  if (unit === 'share') return `${(v * 100).toFixed(1)} %`;
  if (unit === '' && Math.abs(v) < 1000) return v.toFixed(3);
  return compact(v, lang);
}

const pct = (p: number | null): string => (p === null || Number.isNaN(p) ? '–' : `${Math.round(p * 100)} %`);

// ---------------------------------------------------------------- inputs

export interface InputDiff {
  path: string;
  /** One value per scenario (undefined where the scenario has no such input); a per-year series as an array. */
  values: unknown[];
  /** The path with list items as `*` (datacenters.*.phases.*.capex): diffs that share it are shown together. */
  pattern: string;
  /** The values are per-year series (index 0 = the horizon's first year). */
  series: boolean;
}

/** Scenario fields that are not model inputs, or that compare overrides (seed, runs). */
const NOT_INPUTS = new Set(['name', 'nameZh', 'description', 'descriptionZh', 'file', 'hash', 'overrides', 'seed', 'runs', 'formulas']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/** Flatten a resolved scenario into leaf values by dotted path (list items by `id` where they have one). */
export function flattenInputs(s: Scenario, series = new Set<string>(), patterns = new Map<string, string>()): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const join = (a: string, b: string): string => (a === '' ? b : `${a}.${b}`);
  const walk = (v: unknown, path: string, pattern: string): void => {
    if (typeof v === 'function' || v === undefined) return;
    if (v instanceof Float64Array) {
      out.set(path, Array.from(v));
      series.add(path);
      patterns.set(path, pattern);
    } else if (Array.isArray(v)) {
      const allIds = v.length > 0 && v.every((x) => isRecord(x) && typeof x.id === 'string');
      if (allIds) for (const x of v as Record<string, unknown>[]) walk(x, join(path, String(x.id)), join(pattern, '*'));
      else if (v.every((x) => typeof x === 'number' || typeof x === 'string')) {
        out.set(path, v);
        patterns.set(path, pattern);
      } else v.forEach((x, i) => walk(x, join(path, String(i)), join(pattern, '*')));
    } else if (isRecord(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (path === '' && NOT_INPUTS.has(k)) continue;
        if (k === 'id') continue;
        walk(x, join(path, k), join(pattern, k));
      }
    } else {
      out.set(path, v);
      patterns.set(path, pattern);
    }
  };
  walk(s, '', '');
  return out;
}

/** Resolved inputs that differ between the scenarios, in path order of the first scenario that has them. */
export function inputDiffs(scenarios: readonly Scenario[]): InputDiff[] {
  const series = new Set<string>();
  const patterns = new Map<string, string>();
  const flat = scenarios.map((s) => flattenInputs(s, series, patterns));
  const paths: string[] = [];
  const seen = new Set<string>();
  for (const f of flat) {
    for (const p of f.keys()) {
      if (seen.has(p)) continue;
      seen.add(p);
      paths.push(p);
    }
  }
  const diffs: InputDiff[] = [];
  for (const path of paths) {
    const values = flat.map((f) => f.get(path));
    const key = (v: unknown): string => JSON.stringify(v) ?? 'undefined';
    if (values.every((v) => key(v) === key(values[0]))) continue;
    diffs.push({ path, pattern: patterns.get(path) ?? path, values, series: series.has(path) });
  }
  return diffs;
}

const shortNumber = (v: number): string => compact(v);

/**
One input value for the table. A per-year series shows as its constant value,
or where it varies as first → last (with the first year in which the scenarios
differ, when that is not the first year).
*/
export function showInput(v: unknown, startYear: number, series = false, firstDiff = 0): string {
  if (v === undefined) return '—';
  if (typeof v === 'number') return shortNumber(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) {
    const xs = v;
    if (!series) return xs.map(shortNumber).join(' ');
    if (xs.length > 0 && xs.every((x) => x === xs[0])) return shortNumber(xs[0]!);
    const last = xs.length - 1;
    const mid = firstDiff > 0 && firstDiff < last ? ` … ${shortNumber(xs[firstDiff]!)} (${startYear + firstDiff})` : '';
    return `${shortNumber(xs[0] ?? NaN)} (${startYear})${mid} → ${shortNumber(xs[last] ?? NaN)} (${startYear + last})`;
  }
  if (Array.isArray(v)) return v.join(', ');
  // an object (a table of the scenario) reads as its JSON, never "[object Object]"
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return typeof v === 'string' ? v : `${v as boolean | bigint | null}`;
}

/** More diffs than this under one pattern are shown as one row. */
const GROUP_MIN = 3;

/** Diffs grouped by pattern, in order of first appearance. */
function groupDiffs(diffs: readonly InputDiff[]): InputDiff[][] {
  const groups = new Map<string, InputDiff[]>();
  for (const d of diffs) {
    const g = groups.get(d.pattern);
    if (g) g.push(d);
    else groups.set(d.pattern, [d]);
  }
  return [...groups.values()];
}

/** "488 M – 3.66 bn" over the numbers (and the ends of number series) among `values`. */
function range(values: readonly unknown[]): string {
  const xs: number[] = [];
  for (const v of values) {
    if (typeof v === 'number') xs.push(v);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === 'number') xs.push(x);
  }
  if (xs.length === 0) return values.every((v) => v === undefined) ? '—' : '…';
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo === hi ? compact(lo) : `${compact(lo)} – ${compact(hi)}`;
}

/** First index at which the series of a diff differ (0 when not series). */
export function firstDifference(d: InputDiff): number {
  if (!d.series) return 0;
  const arrays = d.values.filter(Array.isArray) as number[][];
  const n = Math.max(0, ...arrays.map((a) => a.length));
  for (let i = 0; i < n; i++) if (arrays.some((a) => a[i] !== arrays[0]![i])) return i;
  return 0;
}

// ---------------------------------------------------------------- metrics

export interface CompareCell {
  /** Median across runs (or the central value). */
  value: number | null;
  p5: number | null;
  p95: number | null;
  /** Difference from A's value, and as a share of A's value. */
  delta: number | null;
  deltaPct: number | null;
  /** Share of paired runs in which this scenario is higher / lower than A (Monte Carlo only). */
  pHigher: number | null;
  pLower: number | null;
  /** pHigher or pLower, by the metric's direction; null without a direction or without Monte Carlo. */
  pBetter: number | null;
}

export interface CompareRow {
  metric: string;
  year: number;
  /** One cell per scenario; the first (A) has no deltas. */
  cells: CompareCell[];
}

export interface Comparison {
  scenarios: { label: string; name: string; file: string; hash: string }[];
  /** `--set` overrides applied to every scenario, as "path=value". */
  overrides: string[];
  seed: number;
  runs: number;
  startYear: number;
  inputs: InputDiff[];
  metrics: string[];
  years: number[];
  rows: CompareRow[];
}

const LABELS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const scenarioLabel = (i: number): string => LABELS[i] ?? `S${i + 1}`;

/** Compare Monte Carlo results run with the same seed and runs (A = the first). */
export function compareResults(mcs: readonly MonteCarloResult[], metrics: readonly string[], years: readonly number[]): Comparison {
  const a = mcs[0]!;
  const runs = a.runs;
  const rows: CompareRow[] = [];
  for (const metric of metrics) {
    const dir = directionOf(metric);
    for (const year of years) {
      const at = mcs.map((mc) => {
        const Y = mc.central.years.length;
        const k = mc.central.metrics.indexOf(metric);
        const y = year - mc.central.years[0]!;
        if (k < 0 || y < 0 || y >= Y) return undefined;
        return { mc, col: k * Y + y, width: mc.central.metrics.length * Y };
      });
      const value = (i: number): number | null => {
        const x = at[i];
        if (!x) return null;
        return x.mc.bands ? x.mc.bands[x.col]!.p50 : x.mc.central.values[x.col]!;
      };
      const base = value(0);
      const cells = mcs.map((mc, i): CompareCell => {
        const x = at[i];
        const v = value(i);
        const b = x && mc.bands ? mc.bands[x.col]! : undefined;
        const cell: CompareCell = {
          value: v, p5: b ? b.p5 : null, p95: b ? b.p95 : null,
          delta: null, deltaPct: null, pHigher: null, pLower: null, pBetter: null,
        };
        if (i === 0 || v === null || base === null) return cell;
        cell.delta = v - base;
        cell.deltaPct = base !== 0 ? (v - base) / Math.abs(base) : null;
        const xa = at[0]!;
        if (runs > 1 && x && mc.perRun.length >= runs * x.width && a.perRun.length >= runs * xa.width) {
          let hi = 0;
          let lo = 0;
          for (let r = 0; r < runs; r++) {
            const va = a.perRun[r * xa.width + xa.col]!;
            const vb = mc.perRun[r * x.width + x.col]!;
            if (vb > va) hi++;
            else if (vb < va) lo++;
          }
          cell.pHigher = hi / runs;
          cell.pLower = lo / runs;
          cell.pBetter = dir === 1 ? cell.pHigher : dir === -1 ? cell.pLower : null;
        }
        return cell;
      });
      rows.push({ metric, year, cells });
    }
  }
  return {
    scenarios: mcs.map((mc, i) => ({ label: scenarioLabel(i), name: mc.scenario.name, file: mc.scenario.file, hash: mc.scenario.hash })),
    overrides: a.scenario.overrides,
    seed: a.seed,
    runs,
    startYear: a.scenario.horizon.start,
    inputs: inputDiffs(mcs.map((mc) => mc.scenario)),
    metrics: [...metrics],
    years: [...years],
    rows,
  };
}

// ---------------------------------------------------------------- writers

const padL = padStartW;
const padR = padEndW;

/** A signed difference with its unit's words; shares in percentage points ("+23.9 pp"), never "%". */
function signed(v: number | null, unit: string): string {
  if (v === null) return '–';
  if (v === 0) return '0';
  if (unit === 'share') return `${v > 0 ? '+' : MINUS}${(Math.abs(v) * 100).toFixed(1)} pp`;
  return (v > 0 ? '+' : '') + cellValue(v, unit);
}

/** Relative change; not given for shares, whose difference is already in percentage points. */
function signedPct(v: number | null, unit: string): string {
  if (v === null || !Number.isFinite(v) || unit === 'share') return '–';
  return `${v > 0 ? '+' : v < 0 ? MINUS : ''}${(Math.abs(v) * 100).toFixed(1)} %`;
}

/** Lay out rows of cells with right-aligned columns (the first left-aligned), by terminal width. */
function layout(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  return rows.map((r) => r.map((c, i) => (i === 0 ? padR(c, widths[i]!) : padL(c, widths[i]!))).join('  ').trimEnd());
}

/** "Facility energy (GWh)": the label, with the unit the cells leave out. */
function labelWithUnit(metric: string): string {
  const unit = unitOf(metric);
  return unit && unit !== 'share' && unit !== 'count' ? t('table.compare.labelUnit', { label: labelOf(metric), unit: unitSuffix(unit) }) : labelOf(metric);
}

/** The comparison as text, in the session's language; `names` are the scenarios' names in it (default: `c`'s). */
export function compareTable(c: Comparison, names: readonly string[] = c.scenarios.map((s) => s.name)): string {
  const lang = getLang();
  const lines: string[] = [];
  const mc = c.runs > 1;
  c.scenarios.forEach((s, i) => lines.push(`${s.label} = ${names[i] ?? s.name}  (${s.file})`));
  lines.push(mc ? t('table.compare.paired', { seed: c.seed, runs: grouped(c.runs) }) : t('table.compare.central'));
  if (c.overrides.length > 0) lines.push(t('table.compare.every', { overrides: overridesText(c.overrides, lang) }));

  lines.push('', t('table.compare.inputs'));
  if (c.inputs.length === 0) lines.push(`  ${t('table.compare.none')}`);
  else {
    const rows = [[`  ${t('table.compare.path')}`, ...c.scenarios.map((s) => s.label)]];
    for (const g of groupDiffs(c.inputs)) {
      if (g.length <= GROUP_MIN) {
        for (const d of g) {
          const first = firstDifference(d);
          rows.push([`  ${d.path}`, ...d.values.map((v) => showInput(v, c.startYear, d.series, first))]);
        }
        continue;
      }
      rows.push([`  ${t('table.compare.grouped', { pattern: g[0]!.pattern, n: g.length })}`, ...c.scenarios.map((_, i) => range(g.map((d) => d.values[i])))]);
    }
    lines.push(...layout(rows));
    if (groupDiffs(c.inputs).some((g) => g.length > GROUP_MIN)) lines.push(`  ${t('table.compare.groupedNote')}`);
  }

  const others = c.scenarios.slice(1);
  const head = (first: string): string[] => {
    const h = [first, c.scenarios[0]!.label];
    for (const s of others) h.push(s.label, `Δ ${s.label}`, `Δ% ${s.label}`, ...(mc ? [t('table.compare.pBetter', { label: s.label })] : []));
    return h;
  };
  const cellsOf = (row: CompareRow, unit: string): string[] => {
    const out = [row.cells[0]!.value === null ? '–' : cellValue(row.cells[0]!.value, unit)];
    row.cells.slice(1).forEach((cell) => {
      out.push(cell.value === null ? '–' : cellValue(cell.value, unit), signed(cell.delta, unit), signedPct(cell.deltaPct, unit));
      if (mc) out.push(cell.pBetter !== null ? pct(cell.pBetter) : cell.pHigher !== null ? `${pct(cell.pHigher)} ↑` : '–');
    });
    return out;
  };
  const noDirection = c.metrics.filter((m) => directionOf(m) === 0);

  if (c.years.length === 1) {
    lines.push('', t(mc ? 'table.compare.yearMedians' : 'table.compare.year', { year: c.years[0]! }));
    const rows = [head(t('table.compare.metric'))];
    for (const row of c.rows) rows.push([labelWithUnit(row.metric), ...cellsOf(row, unitOf(row.metric))]);
    lines.push(...layout(rows));
  } else {
    for (const metric of c.metrics) {
      const unit = unitOf(metric);
      const dir = directionOf(metric);
      const what = t(dir === 1 ? 'table.compare.more' : dir === -1 ? 'table.compare.less' : 'table.compare.neither');
      lines.push('', t(mc ? 'table.compare.metricMedians' : 'table.compare.metricHead', { label: labelWithUnit(metric), what }));
      const rows = [head(t('table.compare.yearCol'))];
      for (const row of c.rows.filter((r) => r.metric === metric)) rows.push([String(row.year), ...cellsOf(row, unit)]);
      lines.push(...layout(rows));
    }
  }
  if (mc) {
    lines.push('', t('table.compare.pNote'));
    if (noDirection.length > 0) lines.push(t('table.compare.upNote'));
  }
  return lines.join('\n') + '\n';
}

const num = (v: number | null): string => {
  if (v === null) return '';
  const x = roundForOutput(v);
  return x === null ? '' : String(x);
};

/** Long format: one row per metric, year and scenario. */
export function compareCsv(c: Comparison): string {
  const what = c.runs > 1 ? `${grouped(c.runs)} Monte Carlo runs each, seed ${c.seed}, medians` : 'central case of each';
  const caption = `# compare ${c.scenarios.map((s) => `${s.label} = ${s.file}`).join(', ')} · ${what}${c.overrides.length > 0 ? ` · ${overridesText(c.overrides)}` : ''}`;
  const lines = [caption.replace(/[\r\n]+/g, ' '), 'metric,year,scenario,name,value,p5,p95,delta,deltaPct,pHigher,pLower,pBetter'];
  const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  for (const row of c.rows) {
    row.cells.forEach((cell, i) => {
      const s = c.scenarios[i]!;
      lines.push([row.metric, String(row.year), s.label, q(s.name), num(cell.value), num(cell.p5), num(cell.p95), num(cell.delta), num(cell.deltaPct),
        num(cell.pHigher), num(cell.pLower), num(cell.pBetter)].join(','));
    });
  }
  return lines.join('\n') + '\n';
}

const roundDeep = (v: unknown): unknown => {
  if (typeof v === 'number') return roundForOutput(v);
  if (Array.isArray(v)) return v.map(roundDeep);
  return v ?? null;
};

export function compareJson(c: Comparison): string {
  const r = (v: number | null): number | null => (v === null ? null : roundForOutput(v));
  const doc = {
    scenarios: c.scenarios,
    overrides: c.overrides,
    seed: c.seed,
    runs: c.runs,
    commonRandomNumbers: true,
    inputs: c.inputs.map((d) => ({ path: d.path, values: d.values.map(roundDeep) })),
    metrics: c.metrics.map((metric) => {
      const dir = directionOf(metric);
      return {
        metric,
        unit: unitOf(metric),
        better: dir === 1 ? 'higher' : dir === -1 ? 'lower' : null,
        years: c.rows.filter((row) => row.metric === metric).map((row) => ({
          year: row.year,
          values: row.cells.map((x) => r(x.value)),
          p5: row.cells.map((x) => r(x.p5)),
          p95: row.cells.map((x) => r(x.p95)),
          delta: row.cells.map((x) => r(x.delta)),
          deltaPct: row.cells.map((x) => r(x.deltaPct)),
          pHigher: row.cells.map((x) => r(x.pHigher)),
          pLower: row.cells.map((x) => r(x.pLower)),
          pBetter: row.cells.map((x) => r(x.pBetter)),
        })),
      };
    }),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

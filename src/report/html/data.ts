/**
The data model of the HTML report (`dcplan report`, docs/report.md): everything
the page shows, built either from Monte Carlo results (scenario files given) or
from the `result.json` documents of a finished `batch` directory.

Both paths go through the same document: the JSON of `dcplan run --format json`
(`resultObject`, src/report/json.ts). The page's numbers are read from it, so a
number on the page is the number in the JSON, and a report built from a batch
directory shows the same values as one built from the same scenarios, runs and
seed. What needs the runs themselves — P(B better than A) over paired runs, the
rank correlations of the tornado — exists only when the Monte Carlo results are
at hand (`comparison.perRun`, `sensitivity`); the page says so where it is
missing.

What the scenario file says — its question (`description`), the assumptions
that matter (levers and `uncertainty:` entries, each with the comment written
on its line), the central run's events — comes from the scenario itself: the
file given, or for a batch the file the batch ran when it is still there with
the same content hash.

Nothing here reads a clock or the disk: lines of files come through a callback.
*/
import { readFileSync } from 'node:fs';
import type { MonteCarloResult, TargetOutcome } from '../../engine/montecarlo.js';
import type { ObservationCheck } from '../../engine/observe.js';
import { checkObservations, valueAtObservation } from '../../engine/observe.js';
import type { RunDetail, RunResult } from '../../engine/results.js';
import { eventText } from '../events.js';
import type { SensitivityResult } from '../sensitivity.js';
import { monthLabel } from '../../engine/simulate.js';
import type { LMap, LNode } from '../../scenario/document.js';
import type { ScenarioSource } from '../../scenario/index.js';
import { nodeAt, splitPath } from '../../scenario/paths.js';
import type { Observation, ObservationSet, Scenario } from '../../scenario/types.js';
import { compareResults, DEFAULT_COMPARE_METRICS, inputDiffs, scenarioLabel, type InputDiff } from '../compare.js';
import { goodDirection } from '../display.js';
import { resultObject } from '../json.js';
import { observationsJson } from '../observations.js';
import { describeDistribution } from '../sensitivity.js';

// ---------------------------------------------------------------- the result document

export interface BandDoc {
  p5: number | null;
  p25?: number | null;
  p50: number | null;
  p75?: number | null;
  p95: number | null;
  mean?: number | null;
  sd?: number | null;
}

export interface YearDoc {
  year: number;
  bands?: Record<string, BandDoc>;
  [metric: string]: unknown;
}

/** A target as the JSON result writes it (`TargetOutcome`, its value null where it is not a number). */
export type TargetDoc = Omit<TargetOutcome, 'value'> & { value: number | null };

export interface DatacenterDoc {
  id: string;
  name: string;
  assumed?: boolean;
  plannedRacks: number | null;
  liveRacks: (number | null)[];
}

export interface CheckDoc {
  id: string;
  metric: string;
  date: string;
  kind: string;
  definition?: string;
  lo: number | null;
  hi: number | null;
  value: number | null;
  p5?: number | null;
  p95?: number | null;
  inside: boolean;
  overlaps: boolean;
  source?: string;
  quality?: string;
}

export interface ObservationsDoc {
  file: string;
  hash: string;
  checks: CheckDoc[];
}

/** The part of a central run the report reads (at the top level of a central-case document, under `central` of a Monte Carlo one). */
export interface CentralDoc {
  years: YearDoc[];
  targets: TargetDoc[];
  paybackYear: number | null;
  datacenters: DatacenterDoc[];
  bindingLimit: string[];
}

/** `dcplan run --format json` (= batch's result.json), as far as the report reads it. */
export interface ResultDoc extends Partial<CentralDoc> {
  scenario: { name: string; file: string; hash: string };
  overrides: string[];
  seed: number;
  runs: number;
  statistic: 'median' | 'central case';
  years: YearDoc[];
  targets: TargetDoc[];
  central?: CentralDoc;
  observations?: ObservationsDoc;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why `v` is not a result document, or undefined when it is one (checked as far as the report reads it). */
export function resultDocProblem(v: unknown): string | undefined {
  if (!isObject(v)) return 'not a JSON object';
  const s = v.scenario;
  if (!isObject(s) || typeof s.name !== 'string' || typeof s.file !== 'string' || typeof s.hash !== 'string') return 'no "scenario" with name, file and hash';
  if (typeof v.runs !== 'number' || typeof v.seed !== 'number') return 'no "runs" and "seed"';
  if (v.statistic !== 'median' && v.statistic !== 'central case') return '"statistic" is neither "median" nor "central case"';
  if (!Array.isArray(v.years) || v.years.length === 0 || !v.years.every((y) => isObject(y) && typeof y.year === 'number')) return 'no "years"';
  if (!Array.isArray(v.targets)) return 'no "targets"';
  if (v.statistic === 'median' && !isObject(v.central)) return 'a Monte Carlo result without "central"';
  return undefined;
}

/** The central run's part of a document. */
export function centralOf(doc: ResultDoc): CentralDoc {
  if (doc.central) return doc.central;
  return {
    years: doc.years,
    targets: doc.targets,
    paybackYear: doc.paybackYear ?? null,
    datacenters: doc.datacenters ?? [],
    bindingLimit: doc.bindingLimit ?? [],
  };
}

// ---------------------------------------------------------------- the model

/** One metric over the years: the median (or the central case) and, under Monte Carlo, its P5–P95 band. */
export interface SeriesData {
  p50: (number | null)[];
  p5?: (number | null)[];
  p95?: (number | null)[];
}

/** A dated event of the central run. */
export interface EventData {
  /** "YYYY-MM". */
  date: string;
  /** Years as a number for the timeline: the middle of the month. */
  at: number;
  kind: string;
  text: string;
  /** The same line in Chinese (src/report/events.ts), for the Chinese page. */
  textZh?: string;
  dcName?: string;
  phaseId?: string;
  racks?: number;
}

/** A lever or an uncertainty entry, with what the scenario file says about it. */
export interface Assumption {
  kind: 'lever' | 'uncertainty';
  /** The lever's id, or the uncertainty entry's stream name (its path, `#n` when a path repeats). */
  id: string;
  /** The lever's label, or the entry's path. */
  label: string;
  /** The dotted path it acts on. */
  path: string;
  /** The value as written in the file (with its unit), the `--set` value, or '' when the path has no single value. */
  value: string;
  /** Uncertainty: the distribution with its unit ("pert(0.9, 1, 1.6)", "× uniform(0.86, 1.28)"). */
  distribution?: string;
  /** Uncertainty: `scale` multiplies the value as written by the draw. */
  mode?: 'set' | 'scale';
  /** Lever: its range and step, in its unit. */
  range?: { min: number; max: number; step: number; unit: string };
  /** file:line of the line the note is written on ("--set" for an override). */
  where?: string;
  /** The comment written on that line of the scenario file (without '#'). */
  note?: string;
}

/** What a calibrated scenario (`dcplan calibrate --out`) says about its fit. */
export interface CalibrationInfo {
  /** The header block the calibration wrote, without the '#'. */
  header: string[];
  /** The observations it was fitted to, and their SHA-256, as the header gives them. */
  observedFile?: string;
  observedHash?: string;
  /** Fitted inputs: each set to its best fit, with the comment on its line. */
  fitted: { path: string; value: string; where: string; note: string }[];
  /** The observations file at hand differs from the one fitted to (its SHA-256). */
  observedChanged?: boolean;
  /** The observations file is not at hand: no table of the fit. */
  observedMissing?: boolean;
}

export interface ScenarioData {
  /** A, B, C… */
  label: string;
  name: string;
  file: string;
  hash: string;
  /** The scenario's question; undefined when the scenario file is not at hand (batch). */
  description?: string;
  /** The name and question in Chinese, where the scenario file gives them (`name: {en, zh}`). */
  nameZh?: string;
  descriptionZh?: string;
  statistic: 'median' | 'central case';
  runs: number;
  seed: number;
  overrides: string[];
  /** The scenario has no uncertainty entries (a central case is then the only case); undefined when unknown. */
  noUncertainty?: boolean;
  years: number[];
  /** Every metric of the document, by name. */
  series: Record<string, SeriesData>;
  /** The targets: the median's verdict with P (Monte Carlo), or the central case's. */
  targets: TargetDoc[];
  /** The central run's own verdicts (the same as `targets` for a central case). */
  centralTargets: TargetDoc[];
  paybackYear: number | null;
  /** The central run's data centers (the document's `datacenters`). */
  datacenters: DatacenterDoc[];
  /** The central run's binding limit, per year. */
  bindingLimit: string[];
  /** The central run's events; undefined when not at hand. */
  events?: EventData[];
  /** Levers and uncertainty entries; undefined when the scenario file is not at hand. */
  assumptions?: Assumption[];
  /** Reported figures against this result (`--observed`, or the observations a calibrated scenario names). */
  observations?: ObservationsDoc;
  calibration?: CalibrationInfo;
  /** Why the scenario file is not at hand (batch): 'missing' or 'changed'. */
  scenarioFile?: 'missing' | 'changed';
}

/** One metric in one year across the scenarios (A first), as `dcplan compare` gives it. */
export interface DeltaCell {
  value: number | null;
  p5: number | null;
  p95: number | null;
  delta: number | null;
  deltaPct: number | null;
  /** Share of paired runs in which this scenario beats A (by the metric's direction); null without runs or direction. */
  pBetter: number | null;
  /** Share of paired runs in which it is higher than A (metrics without a direction). */
  pHigher: number | null;
}

export interface DeltaRow {
  metric: string;
  year: number;
  cells: DeltaCell[];
}

export interface ComparisonData {
  metrics: string[];
  years: number[];
  rows: DeltaRow[];
  /** P(B better than A) over paired runs was computed (Monte Carlo results at hand, same seed and runs). */
  perRun: boolean;
  /** Why not, when not: 'batch' (only summaries at hand), 'central' (one run), 'seeds' (the results do not share seed and runs). */
  noPerRun?: 'batch' | 'central' | 'seeds';
  /** Resolved inputs that differ; undefined when a scenario file is not at hand. */
  inputs?: InputDiff[];
  startYear: number;
}

export interface SensitivityData {
  metric: string;
  year: number;
  /** One per scenario, in order: the result, or why there is none. */
  items: { label: string; name: string; result?: SensitivityResult; absent?: 'noUncertainty' | 'outsideHorizon' }[];
  /** The whole section is missing (a batch directory holds no runs). */
  absent?: 'batch';
}

export interface ReportModel {
  /** Where the results came from. */
  origin: 'scenarios' | 'batch';
  /** The batch directory, when the origin is a batch. */
  batchDir?: string;
  /** Scenarios of the batch that have no result (failed or interrupted), as `file (status)`. */
  skipped: { file: string; status: string }[];
  scenarios: ScenarioData[];
  /** The year the KPI table reads key metrics in: the first target's year, else the horizon's last. */
  kpiYear: number;
  /** Metrics of the KPI table (besides the targets) and of the comparison. */
  kpiMetrics: string[];
  /** Metrics with a chart, in order. */
  chartMetrics: string[];
  comparison?: ComparisonData;
  sensitivity?: SensitivityData;
  /** The reported figures given with --observed. */
  observedFile?: string;
  /** dcplan's version, and the command that reproduces the report (without --out). */
  version: string;
  command: string;
  /** The dcplan version that wrote the batch, when it differs from this one. */
  batchVersion?: string;
}

/** Key metrics: `compare`'s key set, and PUE. */
export const KPI_METRICS: readonly string[] = [...DEFAULT_COMPARE_METRICS.slice(0, 6), 'pue', ...DEFAULT_COMPARE_METRICS.slice(6)];

/** Metrics with a chart besides the targets' and the observations' metrics. */
export const CHART_METRICS: readonly string[] = [
  'serverCapacity', 'rackCapacity', 'rackUtilization', 'transferredRacks', 'capexCumCNY', 'costSavedCNY', 'energyGWh', 'carbonKt',
];

// ---------------------------------------------------------------- from a document

function seriesOf(doc: ResultDoc): Record<string, SeriesData> {
  const out: Record<string, SeriesData> = {};
  const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
  const metrics = new Set<string>();
  for (const y of doc.years) for (const k of Object.keys(y)) if (k !== 'year' && k !== 'bands') metrics.add(k);
  for (const m of metrics) {
    const s: SeriesData = { p50: doc.years.map((y) => num(y[m])) };
    if (doc.statistic === 'median') {
      s.p5 = doc.years.map((y) => num(y.bands?.[m]?.p5));
      s.p95 = doc.years.map((y) => num(y.bands?.[m]?.p95));
    }
    out[m] = s;
  }
  return out;
}

/** The events of a central run, dated. */
export function eventsOf(detail: RunDetail | undefined, startYear: number): EventData[] | undefined {
  if (!detail) return undefined;
  return detail.events.map((e) => {
    const ev: EventData = { date: monthLabel(startYear, e.month), at: startYear + (e.month + 0.5) / 12, kind: e.kind, text: e.text, textZh: eventText(e, 'zh') };
    if (e.dcName !== undefined) ev.dcName = e.dcName;
    if (e.phaseId !== undefined) ev.phaseId = e.phaseId;
    if (e.racks !== undefined) ev.racks = e.racks;
    return ev;
  });
}

/** What the scenario file says, when it is at hand. */
export interface ScenarioContext {
  scenario: Scenario;
  source: ScenarioSource;
  /** The central run with its detail (events); the Monte Carlo's own, or the central case rerun. */
  central?: RunResult;
}

/** A scenario's data from its result document (and the scenario, when at hand). */
export function scenarioData(index: number, doc: ResultDoc, ctx: ScenarioContext | undefined, lines: LineReader): ScenarioData {
  const c = centralOf(doc);
  const out: ScenarioData = {
    label: scenarioLabel(index),
    name: doc.scenario.name,
    file: doc.scenario.file,
    hash: doc.scenario.hash,
    statistic: doc.statistic,
    runs: doc.runs,
    seed: doc.seed,
    overrides: doc.overrides ?? [],
    years: doc.years.map((y) => y.year),
    series: seriesOf(doc),
    targets: doc.targets,
    centralTargets: c.targets,
    paybackYear: c.paybackYear,
    datacenters: c.datacenters,
    bindingLimit: c.bindingLimit,
  };
  if (doc.observations) out.observations = doc.observations;
  if (ctx) {
    out.description = ctx.scenario.description;
    if (ctx.scenario.nameZh) out.nameZh = ctx.scenario.nameZh;
    if (ctx.scenario.descriptionZh) out.descriptionZh = ctx.scenario.descriptionZh;
    out.noUncertainty = ctx.scenario.uncertainty.length === 0;
    const events = eventsOf(ctx.central?.detail, ctx.scenario.horizon.start);
    if (events) out.events = events;
    out.assumptions = assumptionsOf(ctx.source, ctx.scenario, lines);
    const cal = calibrationOf(ctx.source, lines);
    if (cal) out.calibration = cal;
  }
  return out;
}

// ---------------------------------------------------------------- assumptions

/** Reads line `line` (1-based) of a file, as the scenario loader names it; undefined when it cannot. */
export type LineReader = (file: string, line: number) => string | undefined;

/**
The comment on a line of YAML: the text after a `#` that starts a comment (at
the start of the line, or after white space, outside quotes), trimmed; undefined
when there is none.
*/
export function lineComment(line: string): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === "'" && quote === "'" && line[i + 1] === "'") i++; // '' inside '…' is a quote
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") {
      // a quote opens a string only where a YAML scalar can start
      const prev = line.slice(0, i).trimEnd().slice(-1);
      if (prev === '' || prev === ':' || prev === ',' || prev === '[' || prev === '{' || prev === '-') quote = ch;
      continue;
    }
    if (ch === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) {
      const text = line.slice(i + 1).trim();
      return text === '' ? undefined : text;
    }
  }
  return undefined;
}

/** A node as written: a scalar's text; a map or list in YAML's flow style ("{ price: 2700 CNY/rack/month, rackPower: 5 kW }"). */
function written(n: LNode): string {
  if (n.kind === 'scalar') return n.value === null ? '' : String(n.value);
  if (n.kind === 'seq') return `[${n.items.map(written).join(', ')}]`;
  return `{ ${[...n.entries.values()].map((e) => `${e.key}: ${written(e.node)}`).join(', ')} }`;
}

/** The node a path's value is written in (a parameter declared with a range: its `value`). */
function valueNode(tree: LMap, path: string): LNode | undefined {
  const segs = splitPath(path);
  if (segs.includes('*')) return undefined;
  const n = nodeAt(tree, segs);
  if (segs.length === 2 && segs[0] === 'parameters' && n?.kind === 'map') return n.entries.get('value')?.node ?? n;
  return n;
}

/** The `--set` value for a path (or a lever naming it), if any; the last one wins. */
function overrideFor(scenario: Scenario, path: string): string | undefined {
  const names = new Set([path, ...scenario.levers.filter((l) => l.path === path).map((l) => l.id)]);
  let value: string | undefined;
  for (const o of scenario.overrides) {
    const i = o.indexOf('=');
    if (i > 0 && names.has(o.slice(0, i))) value = o.slice(i + 1);
  }
  return value;
}

/**
The assumptions that matter: the scenario's levers (each with its value as
written, its range, and the comment on the line that sets its value) and its
`uncertainty:` entries (each with its distribution and unit, and the comment on
its line — or, when that line has none, on the line that sets the value).
*/
export function assumptionsOf(source: ScenarioSource, scenario: Scenario, lines: LineReader): Assumption[] {
  const tree = source.tree;
  const at = (n: LNode | undefined): { where?: string; note?: string } => {
    if (!n) return {};
    const text = lines(n.loc.file, n.loc.line);
    const note = text === undefined ? undefined : lineComment(text);
    return { where: `${n.loc.file}:${n.loc.line}`, ...(note !== undefined ? { note } : {}) };
  };
  const out: Assumption[] = [];
  for (const l of scenario.levers) {
    const node = valueNode(tree, l.path);
    const set = overrideFor(scenario, l.path);
    const a: Assumption = {
      kind: 'lever', id: l.id, label: l.label, path: l.path,
      value: set ?? (node ? written(node) : ''),
      range: { min: l.min, max: l.max, step: l.step, unit: l.unit },
    };
    Object.assign(a, set !== undefined ? { where: '--set' } : at(node));
    out.push(a);
  }
  // the uncertainty entries as written, in order (correlate entries are not draws)
  const items = ((): LNode[] => {
    const u = tree.entries.get('uncertainty')?.node;
    if (u?.kind !== 'seq') return [];
    return u.items.filter((it) => it.kind === 'map' && it.entries.has('path'));
  })();
  const seen = new Map<string, number>();
  scenario.uncertainty.forEach((u, i) => {
    const k = seen.get(u.path) ?? 0;
    seen.set(u.path, k + 1);
    const id = k === 0 ? u.path : `${u.path}#${k}`;
    const item = items[i];
    const node = valueNode(tree, u.path);
    const set = overrideFor(scenario, u.path);
    const own = at(item);
    const where = own.note !== undefined ? own : (() => {
      const v = at(node);
      return v.note !== undefined ? v : own;
    })();
    out.push({
      kind: 'uncertainty', id, label: id, path: u.path,
      value: set ?? (node ? written(node) : ''),
      distribution: `${u.mode === 'scale' ? '× ' : ''}${describeDistribution(u.dist)}`,
      mode: u.mode,
      ...where,
    });
  });
  return out;
}

// ---------------------------------------------------------------- calibration

const CALIBRATED = /^#\s*Calibrated by dcplan calibrate:/;

/** Every leaf of a located tree with its dotted path (list items by id, else by index). */
function leaves(n: LNode, path: string, out: { path: string; node: LNode }[]): void {
  if (n.kind === 'scalar') out.push({ path, node: n });
  else if (n.kind === 'map') for (const e of n.entries.values()) leaves(e.node, path ? `${path}.${e.key}` : e.key, out);
  else {
    const allScalar = n.items.every((x) => x.kind === 'scalar');
    if (allScalar) out.push({ path, node: n });
    else n.items.forEach((x, i) => leaves(x, `${path}.${i}`, out));
  }
}

/** What a calibrated scenario's own file says about the fit: its header and the inputs set to their best fit. Undefined for other scenarios. */
export function calibrationOf(source: ScenarioSource, lines: LineReader): CalibrationInfo | undefined {
  const top = source.chain[0];
  if (!top) return undefined;
  const header: string[] = [];
  let inBlock = false;
  for (let i = 1; i <= 200; i++) {
    const text = lines(top.file, i);
    if (text === undefined) break;
    if (!inBlock) {
      if (CALIBRATED.test(text)) {
        inBlock = true;
        header.push(text.replace(/^#\s?/, '').trim());
      } else if (!text.startsWith('#') && text.trim() !== '') break;
      continue;
    }
    if (!/^#\s{2,}\S/.test(text)) break;
    header.push(text.replace(/^#\s*/, '').trim());
  }
  if (header.length === 0) return undefined;
  const info: CalibrationInfo = { header, fitted: [] };
  for (const h of header) {
    const m = /^(observations|SHA-256):\s*(\S+)/.exec(h);
    if (m?.[1] === 'observations') info.observedFile = m[2];
    if (m?.[1] === 'SHA-256') info.observedHash = m[2];
  }
  const found: { path: string; node: LNode }[] = [];
  for (const e of top.tree.entries.values()) if (e.key !== 'uncertainty' && e.key !== 'extends') leaves(e.node, e.key, found);
  for (const { path, node } of found) {
    const text = lines(node.loc.file, node.loc.line);
    const note = text === undefined ? undefined : lineComment(text);
    if (note === undefined || !/^best fit\b/.test(note)) continue;
    info.fitted.push({ path, value: written(node), where: `${node.loc.file}:${node.loc.line}`, note });
  }
  return info;
}

// ---------------------------------------------------------------- observations

/**
Observations against a result document: the same arithmetic as
`checkObservations` (engine/observe.ts) on the document's median and band
columns, in the `observations` block `dcplan run --observed` writes.
*/
export function observationsFromDoc(doc: ResultDoc, set: ObservationSet): ObservationsDoc {
  const years = doc.years.map((y) => y.year);
  const mc = doc.statistic === 'median';
  const column = (metric: string, pick: 'p5' | 'p50' | 'p95'): Float64Array => {
    const col = new Float64Array(years.length);
    doc.years.forEach((y, i) => {
      const v = pick === 'p50' ? y[metric] : y.bands?.[metric]?.[pick];
      col[i] = typeof v === 'number' ? v : NaN;
    });
    return col;
  };
  const checks: ObservationCheck[] = set.observations.map((o: Observation) => {
    const read = (pick: 'p5' | 'p50' | 'p95'): number => valueAtObservation(column(o.metric, pick), [o.metric], years, o);
    const value = read('p50');
    const inside = value >= o.lo && value <= o.hi;
    const out: ObservationCheck = { observation: o, value, inside, overlaps: inside };
    if (mc) {
      out.p5 = read('p5');
      out.p95 = read('p95');
      out.overlaps = out.p95 >= o.lo && out.p5 <= o.hi;
    }
    return out;
  });
  return observationsJson(set, checks) as unknown as ObservationsDoc;
}

/** "2024-07" → 2023.5 (a stock read mid-2024 sits between the year ends 2023 and 2024); "2024" → 2024. */
export function observationAt(date: string): number {
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(date);
  if (!m) return NaN;
  const year = Number(m[1]);
  return m[2] === undefined ? year : year - 1 + Number(m[2]) / 12;
}

// ---------------------------------------------------------------- comparison

/** Deltas from A's document values (no runs: no P(better)). */
export function comparisonFromDocs(scenarios: readonly ScenarioData[], metrics: readonly string[], years: readonly number[]): DeltaRow[] {
  const rows: DeltaRow[] = [];
  for (const metric of metrics) {
    for (const year of years) {
      const at = (s: ScenarioData, pick: 'p50' | 'p5' | 'p95'): number | null => {
        const y = s.years.indexOf(year);
        const v = y < 0 ? undefined : s.series[metric]?.[pick]?.[y];
        return v === undefined ? null : v;
      };
      const base = at(scenarios[0]!, 'p50');
      const cells = scenarios.map((s, i): DeltaCell => {
        const value = at(s, 'p50');
        const cell: DeltaCell = { value, p5: at(s, 'p5'), p95: at(s, 'p95'), delta: null, deltaPct: null, pBetter: null, pHigher: null };
        if (i === 0 || value === null || base === null) return cell;
        cell.delta = value - base;
        cell.deltaPct = base !== 0 ? (value - base) / Math.abs(base) : null;
        return cell;
      });
      rows.push({ metric, year, cells });
    }
  }
  return rows;
}

// ---------------------------------------------------------------- building the model

export interface ModelOptions {
  origin: 'scenarios' | 'batch';
  batchDir?: string;
  skipped?: { file: string; status: string }[];
  observedFile?: string;
  sensitivity?: SensitivityData;
  version: string;
  command: string;
  batchVersion?: string;
}

/** Metrics the charts show: the targets' metrics, the key set, and any metric reported figures are checked on. */
function chartMetricsOf(scenarios: readonly ScenarioData[]): string[] {
  const out: string[] = [];
  const add = (m: string): void => {
    if (!out.includes(m) && scenarios.some((s) => s.series[m]?.p50.some((v) => v !== null))) out.push(m);
  };
  for (const s of scenarios) for (const t of s.targets) add(t.metric);
  for (const m of CHART_METRICS) add(m);
  for (const s of scenarios) for (const c of s.observations?.checks ?? []) add(c.metric);
  return out;
}

/** The model from the scenarios' data (comparison rows given by the caller: from paired runs, or from the documents). */
export function buildModel(scenarios: ScenarioData[], comparison: ComparisonData | undefined, opts: ModelOptions): ReportModel {
  const a = scenarios[0]!;
  const kpiYear = kpiYearOf(a.years, a.targets);
  const kpiMetrics = [...KPI_METRICS];
  const model: ReportModel = {
    origin: opts.origin,
    skipped: opts.skipped ?? [],
    scenarios,
    kpiYear,
    kpiMetrics,
    chartMetrics: chartMetricsOf(scenarios),
    version: opts.version,
    command: opts.command,
  };
  if (opts.batchDir !== undefined) model.batchDir = opts.batchDir;
  if (opts.batchVersion !== undefined) model.batchVersion = opts.batchVersion;
  if (comparison) model.comparison = comparison;
  if (opts.sensitivity) model.sensitivity = opts.sensitivity;
  if (opts.observedFile !== undefined) model.observedFile = opts.observedFile;
  return model;
}

/** The years the comparison reads: the KPI year and the horizon's last. */
export function comparisonYears(kpiYear: number, lastYear: number): number[] {
  return kpiYear === lastYear ? [kpiYear] : [kpiYear, lastYear];
}

/** The year the KPI table reads key metrics in: the first target's year, else the horizon's last. */
export function kpiYearOf(years: readonly number[], targets: readonly { year: number }[]): number {
  const t = targets[0];
  return t && years.includes(t.year) ? t.year : years[years.length - 1]!;
}

/** Input for one scenario given as a file: its Monte Carlo result and what it was loaded from. */
export interface RunInput {
  mc: MonteCarloResult;
  source: ScenarioSource;
  /** Reported figures to check it against. */
  observed?: ObservationSet;
  /** The observations a calibrated scenario names, when at hand (used when `observed` is not given). */
  calibrationObserved?: ObservationSet;
}

/** Scenario data from a Monte Carlo result: its JSON document, the scenario file, the central run's events. */
export function scenarioFromRun(index: number, input: RunInput, lines: LineReader): ScenarioData {
  const { mc, source } = input;
  const set = input.observed ?? input.calibrationObserved;
  const doc = resultObject(mc, set ? { observed: { set, checks: checkObservations(mc, set.observations) } } : {}) as unknown as ResultDoc;
  const data = scenarioData(index, doc, { scenario: mc.scenario, source, central: mc.central }, lines);
  if (data.calibration && !input.observed) markCalibrationObserved(data.calibration, input.calibrationObserved);
  return data;
}

/** Note on a calibration whether the observations it names are at hand, and unchanged. */
export function markCalibrationObserved(cal: CalibrationInfo, set: ObservationSet | undefined): void {
  if (!set) cal.observedMissing = true;
  else if (cal.observedHash !== undefined && set.hash !== cal.observedHash) cal.observedChanged = true;
}

/** The comparison of Monte Carlo results run with the same seed and runs: `compareResults` over paired runs. */
export function comparisonFromRuns(mcs: readonly MonteCarloResult[], metrics: readonly string[], years: readonly number[]): ComparisonData {
  const c = compareResults(mcs, metrics, years);
  const runs = mcs[0]!.runs;
  const out: ComparisonData = {
    metrics: [...metrics],
    years: [...years],
    rows: c.rows.map((r) => ({
      metric: r.metric,
      year: r.year,
      cells: r.cells.map((x) => ({ value: x.value, p5: x.p5, p95: x.p95, delta: x.delta, deltaPct: x.deltaPct, pBetter: x.pBetter, pHigher: x.pHigher })),
    })),
    perRun: runs > 1,
    inputs: c.inputs,
    startYear: c.startYear,
  };
  if (runs === 1) out.noPerRun = 'central';
  return out;
}

/** The comparison from documents only (a batch): deltas of the medians; inputs when every scenario file is at hand. */
export function comparisonFromDocsData(scenarios: readonly ScenarioData[], metrics: readonly string[], years: readonly number[], resolved: (Scenario | undefined)[]): ComparisonData {
  const out: ComparisonData = {
    metrics: [...metrics],
    years: [...years],
    rows: comparisonFromDocs(scenarios, metrics, years),
    perRun: false,
    noPerRun: 'batch',
    startYear: scenarios[0]!.years[0]!,
  };
  if (resolved.every((s): s is Scenario => s !== undefined)) out.inputs = inputDiffs(resolved);
  return out;
}

/** +1 / −1 / 0: which way is better for a metric (for the page's wording). */
export const directionOf = goodDirection;

/** Lines of the files the scenarios were read from, read once each (a missing file reads as no lines). */
export function lineReader(): LineReader {
  const cache = new Map<string, string[] | null>();
  return (file, line) => {
    let lines = cache.get(file);
    if (lines === undefined) {
      try {
        lines = readFileSync(file, 'utf8').split(/\r?\n/);
      } catch {
        lines = null;
      }
      cache.set(file, lines);
    }
    return lines?.[line - 1];
  };
}

export interface RunsModelOptions {
  observedFile?: string;
  /** The tornado, from the scenarios' data (computed by the caller, which has the runs). */
  sensitivity?: ((scenarios: readonly ScenarioData[]) => SensitivityData) | undefined;
  version: string;
  command: string;
}

/**
The report of Monte Carlo results run with the same seed and runs (the CLI's
scenarios, the TUI's runs on screen): each scenario's data, and with several
the comparison over paired runs.
*/
export function modelFromRuns(inputs: readonly RunInput[], lines: LineReader, opts: RunsModelOptions): ReportModel {
  const scenarios = inputs.map((input, i) => scenarioFromRun(i, input, lines));
  const mcs = inputs.map((x) => x.mc);
  const a = mcs[0]!.scenario;
  const kpiYear = kpiYearOf(scenarios[0]!.years, scenarios[0]!.targets);
  const comparison = mcs.length > 1 ? comparisonFromRuns(mcs, KPI_METRICS, comparisonYears(kpiYear, a.horizon.end)) : undefined;
  const sensitivity = opts.sensitivity?.(scenarios);
  return buildModel(scenarios, comparison, {
    origin: 'scenarios',
    ...(opts.observedFile !== undefined ? { observedFile: opts.observedFile } : {}),
    ...(sensitivity ? { sensitivity } : {}),
    version: opts.version,
    command: opts.command,
  });
}

/**
The TUI's state model. Components only read a `TuiState`; every change goes
through the pure `reduce` (cursor, views, selection, panels) or through the
store (src/tui/store.ts), which also runs the engine for lever changes and
fills Monte Carlo bands in the background.

It also says what every number on screen is, in one place: `valueAt`,
`seriesOf`, `bandOf` and `targetOutcome` give the median (with its P5–P95 band
and the probability of each target) once a run's bands are complete, else the
central case; `basisLabel` names which for the title line, `narrationOf` tells
the year on the same basis. The views read numbers only through these.
*/
import type { Schedule } from '../engine/fork.js';
import type { Band } from '../engine/stats.js';
import { valueAtObservation } from '../engine/observe.js';
import { meetsTarget, type RunResult } from '../engine/results.js';
import type { TargetOutcome } from '../engine/montecarlo.js';
import { fmt, idWords, labelOf, shortLabelOf, unitOf } from '../report/display.js';
import { grouped } from '../report/format.js';
import { narrate, narrationSentences } from '../report/narration.js';
import { t } from '../report/i18n/catalogue.js';
import { getLang } from '../report/i18n/lang.js';
import { METRICS, STOCK_METRICS } from '../scenario/metric-names.js';
import { spaced } from './text.js';
import type { Lever, Observation, ObservationSet, Scenario, Target } from '../scenario/types.js';

export const VIEWS = ['overview', 'datacenters', 'flows', 'energy', 'money', 'compare', 'national'] as const;
export type ViewId = (typeof VIEWS)[number];

/** A view's title in the session's language ("Data centers", "数据中心"). */
export function viewTitle(view: ViewId): string {
  return t(`tui.view.${view}`);
}

/** A view's title where the tabs are narrow ("DCs", "Energy"). */
export function viewShortTitle(view: ViewId): string {
  return t(`tui.viewShort.${view}`);
}

/** A loaded scenario file: what the levers start from. */
export interface SourceInfo {
  /** File name without directory and extension, e.g. "guian-plan". */
  id: string;
  file: string;
  name: string;
  levers: Lever[];
  /** Each lever's value in the scenario as written, in the lever's unit. */
  leverBase: Record<string, number>;
}

/** Monte Carlo bands of a run, filled in the background. */
export interface McState {
  /** Runs planned (0: the scenario has no uncertainty, or bands are off). */
  total: number;
  done: number;
  /** Bands over the runs done so far (`k * years + y`), once there are at least two. */
  bands?: Band[];
  /** Targets with the share of runs done so far that met them. */
  targets?: TargetOutcome[];
}

export interface Run {
  /** Stable id for React keys and background jobs. */
  key: number;
  /** Index into `sources`. */
  source: number;
  /** Lever values that differ from the source's (lever id → value in the lever's unit). */
  levers: Record<string, number>;
  /** "guian-plan", or what changed: "investment 60 bn". */
  label: string;
  /** A kept variant: the next lever turn starts a new run instead of changing this one. */
  kept: boolean;
  /**
  Fork year (key f): the lever turns apply from January of this calendar year; the
  run follows its source's own run until then. Undefined: from the start. On a
  file's own run it is where the next lever turn's run forks.
  */
  from?: number | undefined;
  /** The engine schedule of a forked run with lever changes (the scenario is then the forked one). */
  schedule?: Schedule | undefined;
  scenario: Scenario;
  central: RunResult;
  /** Targets of the central run. */
  targets: TargetOutcome[];
  mc: McState;
  /** Time the last recompute took (resolve + simulate), ms. */
  computeMs: number;
}

export interface Message {
  text: string;
  kind: 'info' | 'error';
}

/** "What would it take?" (key w on a target row): the search on one lever for one target of one run, and its answer (src/tui/goal.ts). */
export interface GoalPanel {
  /** The run asked about. */
  runKey: number;
  targetId: string;
  leverId: string;
  /** "4 M server capacity by 2025 with investment". */
  question: string;
  status: 'running' | 'done' | 'error';
  /** Monte Carlo runs per lever value (1: the central case). */
  runsPerStep: number;
  /** Runs simulated so far. */
  simulated: number;
  /** The answer in one sentence (done), or what went wrong (error). */
  answer?: string;
  /** What binds (done), with what the limit means and without. */
  binding?: string;
  bindingShort?: string;
}

export interface TuiState {
  sources: SourceInfo[];
  runs: Run[];
  /** Index of the run the views show. */
  focus: number;
  /** Calendar years of the horizon (the union over runs). */
  years: number[];
  /** Cursor: index into `years`. */
  year: number;
  view: ViewId;
  /** Selected row in each view (a KPI, a site, a hub, a metric). */
  selection: Record<ViewId, number>;
  playing: boolean;
  /**
  The levers panel: open, the chosen lever, and what a lesson step sets
  (src/tui/lesson): `locked` lever ids cannot be turned or reset, `owners` names
  the role that holds each lever (lever id → role name in the session language).
  */
  levers: { open: boolean; index: number; locked?: readonly string[]; owners?: Readonly<Record<string, string>> };
  help: boolean;
  /** The glossary overlay (key g): open, and the first line shown (↑/↓ scroll it). */
  glossary: boolean;
  glossaryTop: number;
  /** Play speed: index into `PLAY_SPEEDS` (1× is the App's `playMs` per year). */
  speed: number;
  /** Play stops after each year until space is pressed again (key p). */
  pauseEachYear: boolean;
  message?: Message;
  /** Exports written so far (numbers the files). */
  exports: number;
  /** Reported figures (`--observed FILE`), drawn on the charts; read-only, the same for every run. */
  observed?: ObservationSet;
  /** The last "what would it take?" (key w), shown on Overview under the targets. */
  goal?: GoalPanel;
}

export type Action =
  | { type: 'year'; delta: number }
  | { type: 'yearTo'; index: number }
  | { type: 'view'; view: ViewId }
  | { type: 'viewStep'; delta: number }
  | { type: 'select'; delta: number; count: number }
  | { type: 'play' }
  | { type: 'tick' }
  | { type: 'levers'; open?: boolean }
  | { type: 'leverSelect'; delta: number }
  | { type: 'help'; open?: boolean }
  | { type: 'glossary'; open?: boolean }
  | { type: 'glossaryScroll'; delta: number; max: number }
  | { type: 'speed'; delta: number }
  | { type: 'pauseEachYear' }
  | { type: 'focus'; delta: number }
  | { type: 'message'; message?: Message };

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/** Play speeds, as multiples of the base pace (the App's `playMs` per year); `+`/`-` step through them. */
export const PLAY_SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
const NORMAL_SPEED = PLAY_SPEEDS.indexOf(1);

/** Milliseconds per year at the state's speed, from the base pace. */
export function playInterval(s: Pick<TuiState, 'speed'>, baseMs: number): number {
  return Math.round(baseMs / (PLAY_SPEEDS[s.speed] ?? 1));
}

export function initialState(sources: SourceInfo[], runs: Run[], observed?: ObservationSet): TuiState {
  const years = [...new Set(runs.flatMap((r) => r.central.years))].sort((a, b) => a - b);
  return {
    ...(observed ? { observed } : {}),
    sources,
    runs,
    focus: 0,
    years,
    year: 0,
    view: 'overview',
    selection: { overview: 0, datacenters: 0, flows: 0, energy: 0, money: 0, compare: 0, national: 0 },
    playing: false,
    levers: { open: false, index: 0 },
    help: false,
    glossary: false,
    glossaryTop: 0,
    speed: NORMAL_SPEED,
    pauseEachYear: false,
    exports: 0,
  };
}

/** The state after a UI action (no engine work). */
export function reduce(s: TuiState, a: Action): TuiState {
  const last = s.years.length - 1;
  switch (a.type) {
    case 'year':
      return { ...s, year: clamp(s.year + a.delta, 0, last), playing: false };
    case 'yearTo':
      return { ...s, year: clamp(a.index, 0, last), playing: false };
    case 'view':
      return { ...s, view: a.view, help: false, glossary: false };
    case 'viewStep': {
      const i = VIEWS.indexOf(s.view);
      return { ...s, view: VIEWS[(i + a.delta + VIEWS.length) % VIEWS.length]!, help: false, glossary: false };
    }
    case 'select': {
      if (a.count <= 0) return s;
      const cur = s.selection[s.view];
      return { ...s, selection: { ...s.selection, [s.view]: (((cur + a.delta) % a.count) + a.count) % a.count } };
    }
    case 'play':
      if (s.playing) return { ...s, playing: false };
      return { ...s, playing: true, year: s.year >= last ? 0 : s.year };
    case 'tick':
      if (!s.playing) return s;
      if (s.year >= last) return { ...s, playing: false };
      // stopping at each year: one year on, then wait for space
      return { ...s, year: s.year + 1, playing: s.year + 1 < last && !s.pauseEachYear };
    case 'speed':
      return { ...s, speed: clamp(s.speed + a.delta, 0, PLAY_SPEEDS.length - 1) };
    case 'pauseEachYear':
      return { ...s, pauseEachYear: !s.pauseEachYear };
    case 'levers': {
      const open = a.open ?? !s.levers.open;
      return { ...s, levers: { ...s.levers, open }, help: false, glossary: false };
    }
    case 'leverSelect': {
      const n = s.sources[s.runs[s.focus]?.source ?? 0]?.levers.length ?? 0;
      if (n === 0) return s;
      return { ...s, levers: { ...s.levers, index: (((s.levers.index + a.delta) % n) + n) % n } };
    }
    case 'help': {
      const help = a.open ?? !s.help;
      return { ...s, help, glossary: help ? false : s.glossary };
    }
    case 'glossary': {
      const glossary = a.open ?? !s.glossary;
      return { ...s, glossary, glossaryTop: 0, help: glossary ? false : s.help };
    }
    case 'glossaryScroll':
      return { ...s, glossaryTop: clamp(s.glossaryTop + a.delta, 0, Math.max(0, a.max)) };
    case 'focus': {
      const n = s.runs.length;
      return { ...s, focus: (((s.focus + a.delta) % n) + n) % n };
    }
    case 'message':
      return a.message ? { ...s, message: a.message } : { ...s, message: undefined };
  }
}

// ---- What the numbers are: one story on every screen ----
//
// A run with more than one Monte Carlo run shows, once its bands are complete,
// the median of its runs as every value, the P5–P95 band, and each target's
// verdict on the median with its probability. While the bands fill, or when the
// scenario has no uncertainty, it shows the central case (every uncertain input
// at its mode), labelled so. Runs shown together share one basis: while any of
// them is still filling they all show their central case. Every view reads its
// numbers through these functions, so none mixes the two.

/** The run's Monte Carlo bands are complete (more than one run): its numbers are medians. */
export function bandsComplete(run: Run): boolean {
  return run.mc.total > 1 && run.mc.done >= run.mc.total && run.mc.bands !== undefined;
}

/** Nothing left to wait for: the bands are complete, or there are none to fill (the central case is all there is). */
export function settled(run: Run): boolean {
  return run.mc.total <= 1 || bandsComplete(run);
}

/**
What runs shown together read: 'median' — each run's final numbers (the median
and band of its Monte Carlo runs; the central case for a run without
uncertainty) — once every run is settled; 'central' — every run's central case
while any run's bands are still filling.
*/
export type Basis = 'median' | 'central';

export function basisFor(runs: readonly Run[]): Basis {
  return runs.every(settled) ? 'median' : 'central';
}

/** The runs whose numbers the current view shows: every run in Compare; elsewhere the focused run and, for a lever-changed run, the run it is compared against. */
export function viewRuns(s: TuiState): Run[] {
  if (s.view === 'compare') return s.runs;
  const run = s.runs[s.focus];
  if (!run) return [];
  const base = Object.keys(run.levers).length > 0 ? baseRunOf(s, run) : undefined;
  return base ? [run, base] : [run];
}

export function viewBasis(s: TuiState): Basis {
  return basisFor(viewRuns(s));
}

/** Whether `run`'s numbers under `basis` are medians (else its central case). */
export function isMedian(run: Run, basis: Basis = basisFor([run])): boolean {
  return basis === 'median' && bandsComplete(run);
}

/** Value of `metric` in calendar `year` of a run's central case (NaN when absent). */
export function centralAt(run: Run, metric: string, year: number): number {
  const r = run.central;
  const k = r.metrics.indexOf(metric);
  const y = year - (r.years[0] ?? 0);
  if (k < 0 || y < 0 || y >= r.years.length) return NaN;
  return r.values[k * r.years.length + y]!;
}

/** The Monte Carlo band of `metric` in `year` (over the runs done so far), if any. */
function rawBand(run: Run, metric: string, year: number): Band | undefined {
  const b = run.mc.bands;
  if (!b) return undefined;
  const r = run.central;
  const k = r.metrics.indexOf(metric);
  const y = year - (r.years[0] ?? 0);
  if (k < 0 || y < 0 || y >= r.years.length) return undefined;
  return b[k * r.years.length + y];
}

/** The number every view shows for `metric` in calendar `year`: the median when the run's bands are complete (and `basis` allows), else the central case; NaN when absent. */
export function valueAt(run: Run, metric: string, year: number, basis: Basis = basisFor([run])): number {
  if (!isMedian(run, basis)) return centralAt(run, metric, year);
  return rawBand(run, metric, year)?.p50 ?? NaN;
}

/** Yearly values of `metric` over `years` as the views show them (NaN where the run has no such year). */
export function seriesOf(run: Run, metric: string, years: number[], basis: Basis = basisFor([run])): number[] {
  return years.map((y) => valueAt(run, metric, y, basis));
}

/** P5 and P95 of `metric` per year, only when the numbers are medians (complete bands). */
export function bandOf(run: Run, metric: string, years: number[], basis: Basis = basisFor([run])): { p5: number[]; p95: number[] } | undefined {
  if (!isMedian(run, basis) || run.central.metrics.indexOf(metric) < 0) return undefined;
  const at = years.map((y) => rawBand(run, metric, y));
  return { p5: at.map((b) => b?.p5 ?? NaN), p95: at.map((b) => b?.p95 ?? NaN) };
}

/** The same goal: the same metric, year and direction (at least / at most / a range), whatever its id. */
export function sameTargetKey(a: Target, b: Target): boolean {
  const dir = (t: Target): string => (t.atLeast !== undefined ? 'l' : '') + (t.atMost !== undefined ? 'm' : '');
  return a.metric === b.metric && a.year === b.year && dir(a) === dir(b);
}

/** A run's own target with the same metric, year and direction as `t` (scenarios may set different goals). */
export function ownTarget(run: Run, t: Target): Target | undefined {
  return run.scenario.targets.find((x) => sameTargetKey(x, t));
}

/**
The outcome of a run's target as the views show it: on the median with the
share of runs that met it when the numbers are medians, else on the central
case (no probability).
*/
export function targetOutcome(run: Run, t: Target, basis: Basis = basisFor([run])): TargetOutcome | undefined {
  const list = isMedian(run, basis) ? run.mc.targets : run.targets;
  return list?.find((o) => o.id === t.id && o.metric === t.metric && o.year === t.year);
}

/** A probability for people: "4 %", "< 1 %" and "> 99 %" rather than a rounded 0 or 100 that is not. */
export function probabilityText(p: number): string {
  if (p > 0 && p < 0.005) return '< 1 %';
  if (p < 1 && p > 0.995) return '> 99 %';
  return `${Math.round(p * 100)} %`;
}

/** "1,000 runs" ("1,000 次运行"). */
export function runsText(n: number): string {
  return t(n === 1 ? 'tui.runs.one' : 'tui.runs.many', { n: grouped(n) });
}

/**
Where a run's central case and its median disagree on a target, one line each:
"Central case meets 4 M server capacity by 2025; the median of 1,000 runs does not (P 4 %)".
*/
export function verdictSplits(run: Run): string[] {
  if (!bandsComplete(run)) return [];
  const out: string[] = [];
  for (const tg of run.scenario.targets) {
    const c = targetOutcome(run, tg, 'central');
    const m = targetOutcome(run, tg, 'median');
    if (!c || !m || c.met === m.met) continue;
    const p = m.probability !== undefined ? t('tui.verdict.p', { p: probabilityText(m.probability) }) : '';
    const params = { target: targetLabel(tg), runs: runsText(run.mc.total), p };
    out.push(c.met ? t('tui.verdict.centralMeets', params) : t('tui.verdict.centralMisses', params));
  }
  return out;
}

/** What the numbers of runs shown together are: "median of 1,000 runs", "central case · Monte Carlo 300/1,000…", "central case". */
export function basisLabel(runs: readonly Run[], basis: Basis = basisFor(runs)): string {
  if (basis === 'central') {
    const filling = runs.filter((r) => !settled(r));
    if (filling.length === 0) return t('tui.basis.central');
    const done = filling.reduce((a, r) => a + r.mc.done, 0);
    const total = filling.reduce((a, r) => a + r.mc.total, 0);
    return t('tui.basis.filling', { done: grouped(done), total: grouped(total) });
  }
  const totals = [...new Set(runs.filter(bandsComplete).map((r) => r.mc.total))].sort((a, b) => a - b);
  if (totals.length === 0) return t('tui.basis.central');
  const n = totals.length === 1 ? grouped(totals[0]!) : `${grouped(totals[0]!)}–${grouped(totals[totals.length - 1]!)}`;
  const without = runs.some((r) => !bandsComplete(r));
  return t(without ? 'tui.basis.medianWithout' : 'tui.basis.median', { n });
}

/** A metric's name for people: the report's label (short or full), a scenario metric's own label, or its id in words — never the raw id. */
export function metricLabel(scenario: Scenario | undefined, metric: string, short = true): string {
  if (metric in METRICS) return short ? shortLabelOf(metric) : labelOf(metric);
  const own = scenario?.metrics.find((m) => m.id === metric);
  return (getLang() === 'zh' ? (own?.labelZh ?? own?.label) : own?.label) ?? idWords(metric);
}

/** A lever's label in the session's language (the file's Chinese label where it gives one). */
export function leverLabel(lever: Lever): string {
  return getLang() === 'zh' && lever.labelZh ? lever.labelZh : lever.label;
}

/** "a, b and c" ("a、b和c"). */
export function andList(items: string[]): string {
  return items.length <= 1 ? items.join('') : t('tui.list.and', { items: items.slice(0, -1).join(t('tui.list.sep')), last: items[items.length - 1]! });
}

/** A target as people name it, in the session's language: the file's label ("4 M server capacity by 2025"), or in Chinese built from the metric, goal and year. */
export function targetLabel(tg: Target): string {
  if (getLang() !== 'zh') return tg.label;
  if (tg.labelZh) return tg.labelZh;
  const unit = unitOf(tg.metric);
  const metric = METRICS[tg.metric as keyof typeof METRICS] ? labelOf(tg.metric) : idWords(tg.metric);
  const goal =
    tg.atLeast !== undefined && tg.atMost !== undefined
      ? `${fmt(tg.atLeast, unit)}–${fmt(tg.atMost, unit)}`
      : tg.atLeast !== undefined ? `≥ ${fmt(tg.atLeast, unit)}` : `≤ ${fmt(tg.atMost ?? NaN, unit)}`;
  return t('tui.target.label', { year: tg.year, metric, goal });
}

/**
The narration for the cursor year. On the central case it is the report's
narration of the central run. On medians, what it quotes follows the medians —
targets reached or missed by the median (with P), the eastern work Gui'an
serves — and the events that only the central run has (phases going live, the
budget, full racks or network) follow "Central case:".
*/
export function narrationOf(run: Run, year: number, basis: Basis = basisFor([run])): string {
  const say = (parts: string[]): string =>
    `${t('tui.narration.year', { year })}${parts.length ? parts.map(unstop).join(t('tui.narration.sentenceSep')) : t('tui.narration.nothing')}${t('tui.narration.stop')}`;
  if (!isMedian(run, basis)) return say(narrate(run.central, year));
  // the central run's sentences as written (proper names keep their capital when they follow "Central case:"),
  // tagged with what each tells: the median restates targets, served work and racks being built
  const sentences = narrationSentences(run.central, year);
  const reached: string[] = [];
  const missed: string[] = [];
  for (const tg of run.scenario.targets) {
    const o = targetOutcome(run, tg, 'median');
    if (!o) continue;
    let when = tg.year;
    if (o.met && tg.atLeast !== undefined) {
      const first = run.central.years.find((y) => y <= tg.year && meetsTarget(tg, valueAt(run, tg.metric, y, 'median')));
      if (first !== undefined) when = first;
    }
    if (when !== year) continue;
    const p = o.probability !== undefined ? probabilityText(o.probability) : undefined;
    const label = targetLabel(tg);
    if (o.met) reached.push(p ? t('tui.narration.reachedP', { target: label, p }) : label);
    else missed.push(t(p ? 'tui.narration.missedP' : 'tui.narration.missed', { target: label, value: fmt(o.value, unitOf(tg.metric)), p: p ?? '' }));
  }
  const median: string[] = [];
  if (reached.length || missed.length) {
    const parts = [reached.length ? t('tui.narration.reaches', { list: andList(reached) }) : '', missed.length ? t('tui.narration.misses', { list: andList(missed) }) : ''].filter(Boolean);
    median.push(t('tui.narration.median', { what: parts.join(t('tui.narration.medianSep')) }));
  }
  const served = valueAt(run, 'transferredRacks', year, 'median');
  if (Number.isFinite(served)) median.push(served > 0.5 ? t('tui.narration.serves', { racks: fmt(served, 'racks') }) : t('tui.narration.noEastern'));
  if (sentences.some((x) => x.kind === 'building')) {
    const b = valueAt(run, 'racksUnderConstruction', year, 'median');
    if (Number.isFinite(b) && b > 0.5) median.push(t('tui.narration.building', { racks: fmt(b, 'racks') }));
  }
  const central = sentences.filter((x) => x.kind !== 'target' && x.kind !== 'served' && x.kind !== 'building').map((x) => unstop(x.text));
  if (central.length) median.push(t('tui.narration.central', { what: central.join(t('tui.narration.partSep')) }));
  return say(median);
}

/** A sentence without its full stop (the narration joins sentences itself). */
function unstop(s: string): string {
  return s.replace(/[.。]\s*$/u, '');
}

/**
What a run changes against its scenario file, for the title line: its name
(which names its lever values, "investment 55 bn") and any other override the
scenario records that no lever of the run covers, as "path=value".
*/
export function runOverrides(s: TuiState, run: Run): string {
  const paths = new Set((s.sources[run.source]?.levers ?? []).filter((l) => run.levers[l.id] !== undefined).map((l) => l.path));
  // a fork's overrides read "from 2024: path=value": the label already says from when
  const other = run.scenario.overrides.map((o) => o.replace(/^from \d+(?:-\d\d)?: /, '')).filter((o) => !paths.has(o.slice(0, Math.max(0, o.indexOf('=')))));
  const changed = Object.keys(run.levers).length > 0;
  const pending = !changed && run.from !== undefined ? t('tui.run.pendingFork', { year: run.from }) : '';
  return [changed || s.runs.length > 1 ? run.label : '', pending, ...other].filter(Boolean).join(', ');
}

/** `label`, or "label (2)", "label (3)", … so that no other run has the same name (runs are told apart by name in Compare, the title and exports). */
export function uniqueLabel(label: string, others: readonly Pick<Run, 'label'>[]): string {
  const taken = new Set(others.map((r) => r.label));
  if (!taken.has(label)) return label;
  let n = 2;
  while (taken.has(`${label} (${n})`)) n++;
  return `${label} (${n})`;
}

/** The run a lever-changed run compares against: its source's unchanged run. */
export function baseRunOf(s: TuiState, run: Run): Run | undefined {
  return s.runs.find((r) => r.source === run.source && Object.keys(r.levers).length === 0);
}

/** Index in `s.years` of the focused run's fork year (key f), for the charts' marker; undefined without a fork. */
export function forkIndex(s: TuiState, run: Run | undefined = s.runs[s.focus]): number | undefined {
  if (run?.from === undefined) return undefined;
  const i = s.years.indexOf(run.from);
  return i < 0 ? undefined : i;
}

export function currentYear(s: TuiState): number {
  return s.years[s.year] ?? s.years[0] ?? 0;
}

// ---- Reported figures (`--observed FILE`) ----
//
// Observations are data beside the model: the charts draw each one of their
// metric, the tables mark the metrics reported in the cursor year, and a line
// says how many of a metric's figures the run holds — on the same basis as
// every other number (the P5–P95 band once the numbers are medians, else the
// central case).

/** The reported figures of `metric` dated within the years on screen, in file order. */
export function observationsOf(s: TuiState, metric: string): Observation[] {
  const list = s.observed?.observations ?? [];
  const first = s.years[0];
  const last = s.years[s.years.length - 1];
  if (first === undefined || last === undefined) return [];
  return list.filter((o) => o.metric === metric && o.year >= first && o.year <= last);
}

/** Whether `metric` has a reported figure dated in calendar `year`. */
export function reportedIn(s: TuiState, metric: string, year: number): boolean {
  return (s.observed?.observations ?? []).some((o) => o.metric === metric && o.year === year);
}

/**
Where an observation sits on the charts' year axis, on which a year's column
holds that year's value (a stock's at year end): at its year; a stock dated by
month between the two year ends it is read between, `year − 1 + month/12` (July
2024 seven twelfths of the way from the 2023 column to 2024's), as
src/engine/observe.ts reads the model for it — so each marker sits beside the
value it is held against. Flows and rates, and any figure in the first year
(`first`, which has no year end before it), sit at their year.
*/
export function observationX(o: Pick<Observation, 'metric' | 'year' | 'month'>, first: number): number {
  if (o.month === undefined || o.year <= first || !STOCK_METRICS.has(o.metric)) return o.year;
  return o.year - 1 + o.month / 12;
}

export interface ObservationHold {
  observation: Observation;
  /** The run's value at the observation's date under the basis (NaN outside its horizon). */
  value: number;
  /** P5–P95 at the date, when the numbers are medians. */
  p5?: number;
  p95?: number;
  /** The value lies in the reported interval for Gui'an. */
  inside: boolean;
  /** The band reaches the interval (medians), or the value lies in it (central case). */
  holds: boolean;
}

/** Each observation against a run, read at its date as `checkObservations` reads a result (src/engine/observe.ts), on the view's basis. */
export function holdObservations(run: Run, observations: readonly Observation[], basis: Basis = basisFor([run])): ObservationHold[] {
  const years = run.central.years;
  const median = isMedian(run, basis);
  const column = (metric: string, pick: 'p5' | 'p50' | 'p95'): number[] =>
    years.map((y) => (median ? (rawBand(run, metric, y)?.[pick] ?? NaN) : centralAt(run, metric, y)));
  const at = (o: Observation, pick: 'p5' | 'p50' | 'p95'): number => valueAtObservation(column(o.metric, pick), [o.metric], years, o);
  return observations.map((o) => {
    const value = at(o, 'p50');
    const inside = value >= o.lo && value <= o.hi;
    const out: ObservationHold = { observation: o, value, inside, holds: inside };
    if (median) {
      out.p5 = at(o, 'p5');
      out.p95 = at(o, 'p95');
      out.holds = out.p95 >= o.lo && out.p5 <= o.hi;
    }
    return out;
  });
}

/**
The line under a chart: "Reported: 3 figures for AI compute; the P5–P95 band
holds 2" (medians) or "…; the central case holds 1"; undefined when no
figures are loaded at all.
*/
export function reportedText(s: TuiState, run: Run, metric: string, label: string, basis: Basis = viewBasis(s)): string | undefined {
  if (!s.observed) return undefined;
  const obs = observationsOf(s, metric);
  if (obs.length === 0) return `${spaced(t('tui.reported.lead'))}${t('tui.reported.none', { label })}`;
  const held = holdObservations(run, obs, basis).filter((h) => h.holds).length;
  const who = t(isMedian(run, basis) ? 'tui.reported.band' : 'tui.reported.central');
  const n = held === obs.length && held > 1 ? t('tui.reported.all', { n: held }) : String(held);
  return `${spaced(t('tui.reported.lead'))}${t(obs.length === 1 ? 'tui.reported.one' : 'tui.reported.many', { n: obs.length, label, who, held: n })}`;
}

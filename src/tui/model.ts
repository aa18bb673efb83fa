/**
The TUI's state model. Components only read a `TuiState`; every change goes
through the pure `reduce` (cursor, views, selection, panels) or through the
store (src/tui/store.ts), which also runs the engine for lever changes and
fills Monte Carlo bands in the background.
*/
import type { Band } from '../engine/stats.js';
import type { RunResult } from '../engine/results.js';
import type { TargetOutcome } from '../engine/montecarlo.js';
import type { Lever, Scenario } from '../scenario/types.js';

export const VIEWS = ['overview', 'datacenters', 'flows', 'energy', 'money', 'compare'] as const;
export type ViewId = (typeof VIEWS)[number];

export const VIEW_TITLES: Record<ViewId, string> = {
  overview: 'Overview',
  datacenters: 'Data centers',
  flows: 'Flows',
  energy: 'Energy & carbon',
  money: 'Money',
  compare: 'Compare',
};

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
  levers: { open: boolean; index: number };
  help: boolean;
  message?: Message;
  /** Exports written so far (numbers the files). */
  exports: number;
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
  | { type: 'focus'; delta: number }
  | { type: 'message'; message?: Message };

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

export function initialState(sources: SourceInfo[], runs: Run[]): TuiState {
  const years = [...new Set(runs.flatMap((r) => r.central.years))].sort((a, b) => a - b);
  return {
    sources,
    runs,
    focus: 0,
    years,
    year: 0,
    view: 'overview',
    selection: { overview: 0, datacenters: 0, flows: 0, energy: 0, money: 0, compare: 0 },
    playing: false,
    levers: { open: false, index: 0 },
    help: false,
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
      return { ...s, view: a.view, help: false };
    case 'viewStep': {
      const i = VIEWS.indexOf(s.view);
      return { ...s, view: VIEWS[(i + a.delta + VIEWS.length) % VIEWS.length]!, help: false };
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
      return { ...s, year: s.year + 1, playing: s.year + 1 < last };
    case 'levers': {
      const open = a.open ?? !s.levers.open;
      return { ...s, levers: { ...s.levers, open }, help: false };
    }
    case 'leverSelect': {
      const n = s.sources[s.runs[s.focus]?.source ?? 0]?.levers.length ?? 0;
      if (n === 0) return s;
      return { ...s, levers: { ...s.levers, index: (((s.levers.index + a.delta) % n) + n) % n } };
    }
    case 'help':
      return { ...s, help: a.open ?? !s.help };
    case 'focus': {
      const n = s.runs.length;
      return { ...s, focus: (((s.focus + a.delta) % n) + n) % n };
    }
    case 'message':
      return a.message ? { ...s, message: a.message } : { ...s, message: undefined };
  }
}

/** Value of `metric` in calendar `year` of a run's central case (NaN when absent). */
export function centralAt(run: Run, metric: string, year: number): number {
  const r = run.central;
  const k = r.metrics.indexOf(metric);
  const y = year - (r.years[0] ?? 0);
  if (k < 0 || y < 0 || y >= r.years.length) return NaN;
  return r.values[k * r.years.length + y]!;
}

/** Yearly values of `metric` over the state's years (NaN where the run has no such year). */
export function seriesOf(run: Run, metric: string, years: number[]): number[] {
  return years.map((y) => centralAt(run, metric, y));
}

/** P5 and P95 of `metric` per year, when the run has bands. */
export function bandOf(run: Run, metric: string, years: number[]): { p5: number[]; p95: number[] } | undefined {
  const b = run.mc.bands;
  if (!b) return undefined;
  const r = run.central;
  const k = r.metrics.indexOf(metric);
  if (k < 0) return undefined;
  const Y = r.years.length;
  const at = (year: number): Band | undefined => {
    const y = year - (r.years[0] ?? 0);
    return y >= 0 && y < Y ? b[k * Y + y] : undefined;
  };
  return { p5: years.map((y) => at(y)?.p5 ?? NaN), p95: years.map((y) => at(y)?.p95 ?? NaN) };
}

/** The run a lever-changed run compares against: its source's unchanged run. */
export function baseRunOf(s: TuiState, run: Run): Run | undefined {
  return s.runs.find((r) => r.source === run.source && Object.keys(r.levers).length === 0);
}

export function currentYear(s: TuiState): number {
  return s.years[s.year] ?? s.years[0] ?? 0;
}

/**
Pieces the views share: their props, the row window that keeps the selection
in sight, proportional bars, target goals and outcomes, and the metric table
with a chart of the chosen metric under it (Overview, Energy & carbon, Money).
Every number comes from the model's valueAt / bandOf / targetOutcome under the
view's basis (src/tui/model.ts): medians with their band once the Monte Carlo
bands are complete, else the central case, labelled as such.
*/
import type { Observation, Target } from '../../scenario/types.js';
import { chartLines, type ChartMarker } from '../components/chart.js';
import { cell, fit, seg, type Color, type Line, type Seg } from '../components/lines.js';
import { t } from '../../report/i18n/catalogue.js';
import { G, isAscii } from '../glyphs.js';
import { fmt, fmtDelta, goalText as reportGoalText, judge, unitOf, unitSuffix } from '../../report/display.js';
import {
  bandOf, basisLabel, baseRunOf, currentYear, forkIndex, isMedian, metricLabel, observationsOf, observationX, probabilityText, reportedIn, reportedText, runsText,
  seriesOf, targetOutcome, valueAt, viewBasis, viewRuns,
  type Basis, type Run, type TuiState,
} from '../model.js';
import { padStart, truncate, width as textWidth } from '../text.js';

export interface ViewProps {
  state: TuiState;
  width: number;
  height: number;
  color: boolean;
}

export const JUDGE_COLOR: Record<string, Color | undefined> = { better: 'green', worse: 'red', same: undefined, neutral: undefined };

/** First row index to show so that `selected` stays visible in `visible` rows of `count`. */
export function windowStart(selected: number, visible: number, count: number): number {
  if (count <= visible) return 0;
  return Math.max(0, Math.min(count - visible, selected - Math.floor(visible / 2)));
}

export interface BarPart {
  value: number;
  char: string;
  color?: Color;
  dim?: boolean;
}

/** A bar of exactly `width` cells split in proportion to the parts (largest remainder). */
export function bar(parts: BarPart[], total: number, width: number): Seg[] {
  const sum = total > 0 ? total : parts.reduce((a, p) => a + Math.max(0, p.value), 0);
  if (sum <= 0 || width <= 0) return [seg(G.dot.repeat(Math.max(0, width)), { dim: true })];
  const exact = parts.map((p) => (Math.max(0, p.value) / sum) * width);
  const cells = exact.map(Math.floor);
  let left = Math.min(width, Math.round(exact.reduce((a, b) => a + b, 0))) - cells.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r);
  for (const { i } of order) {
    if (left <= 0) break;
    cells[i]!++;
    left--;
  }
  const out: Seg[] = parts.map((p, i) => seg(p.char.repeat(cells[i]!), { color: p.color, dim: p.dim }));
  const used = cells.reduce((a, b) => a + b, 0);
  if (used < width) out.push(seg(G.dot.repeat(width - used), { dim: true }));
  return out;
}

/** The goal of a target in a cell: "≥ 12", "≤ 1.20", "≥ 4.0 M" (the report's wording, without the unit). */
export function goalText(tg: Target): string {
  const text = reportGoalText(tg, false);
  // in ASCII "≥" would fold to ">": say "at least" as ">="
  return isAscii() ? text.replace(/≥/g, '>=').replace(/≤/g, '<=') : text;
}

/**
Outcome of a target in a run under `basis`: "✓ met · 87 %" / "✗ 3.5 M · 4 %" on
the median (with the share of runs that met it), "✓ met" / "✗ 3.5 M" on the
central case; `compact` drops "met" for narrow cells.
*/
export function outcomeSegs(run: Run, tg: Target, basis: Basis, compact = false): Seg[] {
  const o = targetOutcome(run, tg, basis);
  if (!o) return [seg('–', { dim: true })];
  const unit = unitOf(tg.metric);
  const out: Seg[] = o.met ? [seg(compact ? G.ok : `${G.ok} ${t('common.met')}`, { color: 'green' })] : [seg(`${G.no} ${fmt(o.value, unit, false)}`, { color: 'red' })];
  if (o.probability !== undefined) out.push(seg(`${compact ? ' ' : ' · '}${probabilityText(o.probability)}`, { dim: true }));
  return out;
}

/** Labels of a chart's value axis. */
export function axisFormat(unit: string): (v: number) => string {
  if (unit === 'share') return (v) => `${Math.round(v * 100)} %`;
  if (unit === '') return (v) => v.toFixed(2);
  if (unit === 'count') return (v) => (Math.abs(v - Math.round(v)) < 0.05 ? String(Math.round(v)) : v.toFixed(1));
  return (v) => fmt(v, unit, false);
}

/** A P5–P95 range in few cells: "3.2 – 3.9 M", "−6.8 – −4.0 bn", "75 – 80 %", "1.18 – 1.22". */
export function rangeText(lo: number, hi: number, unit: string): string {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return '';
  const a = fmt(lo, unit, false);
  const b = fmt(hi, unit, false);
  const tail = (x: string): string => / (k|M|bn|tn|%)$/.exec(x)?.[1] ?? '';
  const ta = tail(a);
  if (ta && ta === tail(b)) return `${a.slice(0, -ta.length - 1)} – ${b}`;
  return `${a} – ${b}`;
}

/** A change with its unit when it fits ("+120 k racks", "+3.1 pp", "−0.02"), else without. */
export function deltaText(d: number, unit: string, w: number): string {
  if (!Number.isFinite(d)) return '';
  const withUnit = fmtDelta(d, unit, true);
  return withUnit.length <= w ? withUnit : fmtDelta(d, unit);
}

export interface PanelRow {
  metric: string;
  label?: string;
  target?: Target;
}

/** The column "vs …": the run's unchanged run when levers changed it, else the year before; on the same basis as the run. */
export function changeRef(state: TuiState, run: Run, basis: Basis = viewBasis(state)): { title: string; at: (metric: string) => number } {
  const year = currentYear(state);
  const base = Object.keys(run.levers).length > 0 ? baseRunOf(state, run) : undefined;
  if (base) return { title: truncate(t('tui.table.vs', { what: base.label }), 12), at: (m) => valueAt(base, m, year, basis) };
  return { title: t('tui.table.vs', { what: year - 1 }), at: (m) => valueAt(run, m, year - 1, basis) };
}

/**
The metric table (selected row marked ▸ and highlighted) and, when there is
room, a chart of the selected metric over the years with its P5–P95 band and
target. The value column is the median once the bands are complete (with the
P5–P95 column; a narrow terminal gives up the change column for it), else the
central case, and its header says which. `notes` go between table and chart.
*/
export function metricPanel(p: ViewProps, rows: PanelRow[], selected: number, head: Line[] = [], notes: Line[] = []): Line[] {
  const { state, width, height, color } = p;
  const run = state.runs[state.focus]!;
  const year = currentYear(state);
  const basis = viewBasis(state);
  const median = isMedian(run, basis);
  const ref = changeRef(state, run, basis);
  const hasTargets = rows.some((r) => r.target);

  // columns
  const valueW = 13;
  let changeW = 15;
  let goalW = hasTargets ? 15 : 0;
  const outcomeW = hasTargets ? 15 : 0;
  let bandW = median ? 16 : 0;
  const labelFor = (): number => width - 2 - valueW - changeW - goalW - outcomeW - bandW;
  let labelW = labelFor();
  if (labelW < 18 && changeW > 0 && median) {
    changeW = 0;
    labelW = labelFor();
  }
  if (labelW < 16 && bandW > 0) {
    bandW = 0;
    labelW = labelFor();
  }
  labelW = Math.max(8, Math.min(labelW, 34));
  // with reported figures loaded a cell after the value holds ◆ (reported in the cursor year), taken from the
  // label's slack, else from a right-aligned column after it (or the label after all): the values keep their width
  const markW = state.observed ? 1 : 0;
  if (markW) {
    const longest = Math.max(0, ...rows.map((r) => textWidth(r.label ?? metricLabel(run.scenario, r.metric))));
    if (labelW >= longest + 1 + markW + 1) labelW -= markW;
    else if (changeW > 0) changeW -= markW;
    else if (goalW > 0) goalW -= markW;
    else if (bandW > 0) bandW -= markW;
    else labelW = Math.max(8, labelW - markW);
  }

  const avail = height - head.length - notes.length;
  const tableFull = rows.length + 1;
  // with reported figures loaded the chart keeps a line under it for them
  const reported = state.observed ? 1 : 0;
  let chartH = avail - tableFull;
  if (chartH < 5 + reported) chartH = avail >= 12 + reported ? 5 + reported : 0;
  const visible = Math.max(1, avail - chartH - 1);
  const start = windowStart(selected, visible, rows.length);
  const scroll = rows.length > visible ? `  ${start > 0 ? G.arrowUp : ' '}${start + visible < rows.length ? G.arrowDown : ' '} ${t('tui.table.rows', { n: rows.length })}` : '';

  const headLine: Line = [
    seg(`  ${year}`, { bold: true }),
    cell(scroll, labelW - 4, { dim: true }),
    seg(padStart(t(median ? 'tui.table.median' : 'tui.table.central'), valueW) + ' '.repeat(markW), { dim: true }),
  ];
  if (changeW) headLine.push(seg(padStart(ref.title, changeW), { dim: true }));
  if (hasTargets) headLine.push(seg(padStart(t('tui.table.planTarget'), goalW), { dim: true }), seg('  '), cell(t(median ? 'tui.table.metP' : 'tui.table.met'), outcomeW - 2, { dim: true }));
  if (bandW) headLine.push(seg(padStart('P5 – P95', bandW), { dim: true }));

  const lines: Line[] = [...head, headLine];
  rows.slice(start, start + visible).forEach((r, i) => {
    const idx = start + i;
    const sel = idx === selected;
    const unit = unitOf(r.metric);
    const v = valueAt(run, r.metric, year, basis);
    const line: Line = [
      seg(sel ? `${G.pointer} ` : '  ', { color: 'cyan', bold: true }),
      cell(r.label ?? metricLabel(run.scenario, r.metric), labelW, { bold: sel, inverse: sel && !color }),
      ...valueSegs(fmt(v, unit), valueW, state.observed ? reportedIn(state, r.metric, year) : undefined),
    ];
    if (changeW) {
      const d = v - ref.at(r.metric);
      line.push(seg(padStart(deltaText(d, unit, changeW - 1), changeW), { color: JUDGE_COLOR[judge(r.metric, d, unit)] }));
    }
    if (hasTargets) {
      if (r.target) {
        line.push(seg(padStart(`${goalText(r.target)} (${r.target.year})`, goalW), { dim: true }), seg('  '));
        const o = outcomeSegs(run, r.target, basis);
        line.push(...o, seg(' '.repeat(Math.max(0, outcomeW - 2 - o.reduce((a, x) => a + textWidth(x.text), 0)))));
      } else line.push(seg(' '.repeat(goalW + outcomeW)));
    }
    if (bandW) {
      const b = bandOf(run, r.metric, [year], basis);
      line.push(seg(padStart(b ? rangeText(b.p5[0]!, b.p95[0]!, unit) : '', bandW), { dim: true }));
    }
    lines.push(line);
  });
  lines.push(...notes);

  if (chartH >= 5 + reported) {
    const r = rows[selected] ?? rows[0]!;
    lines.push(...metricChart(p, run, r.metric, r.label ?? metricLabel(run.scenario, r.metric), chartH, r.target));
  }
  return lines;
}

/** The value cell of a table row: right-aligned in `w`; with figures loaded (`reported` defined) one more cell after it, ◆ when the metric has one in the cursor year. */
export function valueSegs(text: string, w: number, reported?: boolean): Seg[] {
  const value = seg(padStart(text, w), { bold: true });
  if (reported === undefined) return [value];
  return [value, seg(reported ? G.diamond : ' ', { color: 'magenta', bold: true })];
}

/** Chart markers of reported figures: an at-least figure as a bound from below, an at-most one from above, the rest as their interval. */
export function chartMarkers(observations: readonly Observation[], first: number): ChartMarker[] {
  return observations.map((o) => ({
    x: observationX(o, first),
    lo: o.kind === 'atMost' ? -Infinity : o.lo,
    hi: o.kind === 'atLeast' ? Infinity : o.hi,
    ...(o.center !== undefined ? { center: o.center } : {}),
  }));
}

/** Legend entry of the markers: "◆ reported (3)". */
export function reportedLegend(n: number): Seg {
  return seg(`${G.diamond} ${t('tui.chart.reported', { n })}`, { color: 'magenta' });
}

/**
Title line plus a chart of one metric of a run over the years: the line the
view's values (median or central case), the band when they are medians, and —
with `--observed` — the reported figures of the metric as markers, with a line
under the chart saying how many of them the run holds.
*/
export function metricChart(p: ViewProps, run: Run, metric: string, label: string, height: number, target?: Target): Line[] {
  const { state, width, color } = p;
  const basis = viewBasis(state);
  const unit = unitOf(metric);
  const band = bandOf(run, metric, state.years, basis);
  const goal = target ? (target.atLeast ?? target.atMost) : undefined;
  const suffix = unitSuffix(unit);
  const observations = observationsOf(state, metric);
  const report = state.observed && height >= 6 ? reportedText(state, run, metric, label, basis) : undefined;
  const title = (sep: string, runs: boolean): Line => {
    const out: Line = [seg(`${label}`, { bold: true }), seg(suffix ? ` (${suffix})` : '', { dim: true })];
    if (band) {
      out.push(seg(`${sep}${G.h} ${t('tui.chart.median')}  `, { dim: true }), seg(`${G.band} P5–P95`, { color: 'gray' }));
      if (runs) out.push(seg(t('tui.chart.ofRuns', { runs: runsText(run.mc.total) }), { dim: true }));
    } else out.push(seg(`${sep}${G.h} ${basisLabel(viewRuns(state), basis)}`, { dim: true }));
    if (observations.length > 0) out.push(seg(sep), reportedLegend(observations.length));
    if (goal !== undefined) out.push(seg(`${sep}${G.targetLine} ${t('tui.chart.target', { goal: goalText(target!) })}`, { color: 'yellow' }));
    return out;
  };
  let head = title('   ', true);
  // the legend must not push the rest off a narrow line: closer spacing, then no run count
  const w = (l: Line): number => l.reduce((a, x) => a + textWidth(x.text), 0);
  if (w(head) > width) head = title('  ', true);
  if (w(head) > width) head = title('  ', false);
  const format = axisFormat(unit);
  const chart = chartLines({
    series: [{ values: seriesOf(run, metric, state.years, basis), color: 'cyan' }],
    years: state.years,
    cursor: state.year,
    width,
    height: height - 1 - (report !== undefined ? 1 : 0),
    band,
    target: goal,
    format,
    color,
    fork: forkIndex(state, run),
    ...(observations.length > 0 ? { markers: chartMarkers(observations, run.central.years[0] ?? state.years[0]!) } : {}),
  });
  const lines = [fit(head, width, null), ...chart];
  if (report !== undefined) {
    const lead = t('tui.reported.lead');
    const rest = report.startsWith(lead) ? report.slice(lead.length) : report;
    lines.push([seg('  '), seg(lead, { color: 'magenta', bold: true }), seg(truncate(rest, Math.max(0, width - 2 - textWidth(lead))), { dim: observations.length === 0 })]);
  }
  return lines;
}

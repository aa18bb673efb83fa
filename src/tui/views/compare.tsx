/**
Compare: every run side by side in the cursor year — the files given and the
runs made with the levers — each column with its change against the first
run, green when better and red when worse (marked + / − too, for NO_COLOR);
the plan's targets per run, matched by metric and year (each run against its
own goal); and a chart of the chosen metric for all runs, with the reported
figures (`--observed`) as markers. All runs are on one
basis (src/tui/model.ts): their medians once every run's bands are complete,
else every run's central case.
*/
import type { ReactElement } from 'react';
import { chartLines, type ChartSeries } from '../components/chart.js';
import { cell, fit, Lines, seg, type Color, type Line, type Seg } from '../components/lines.js';
import { t as tr } from '../../report/i18n/catalogue.js';
import { G } from '../glyphs.js';
import { fmt, fmtDelta, fmtPct, judge, unitOf, unitSuffix } from '../../report/display.js';
import type { Target } from '../../scenario/types.js';
import { basisLabel, currentYear, forkIndex, metricLabel, observationsOf, ownTarget, sameTargetKey, seriesOf, targetLabel, valueAt, viewBasis, type Basis, type Run } from '../model.js';
import { center, padStart, truncate, width as textWidth, wrap } from '../text.js';
import { axisFormat, chartMarkers, goalText, JUDGE_COLOR, outcomeSegs, reportedLegend, windowStart, type ViewProps } from './common.js';
import { COMPARE_METRICS } from './rows.js';

export const RUN_COLORS: Color[] = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red', 'white', 'gray'];
/** A run's glyph on the chart without colour (the first run draws the line itself); this session's table. */
const runGlyph = (i: number): string => G.runs[i % G.runs.length] ?? '';

/** The change of `v` against the reference, as the column shows it: shares in percentage points, counts and PUE as numbers, the rest in percent (with its unit when the reference is zero). */
function deltaText(metric: string, v: number, ref: number): string {
  const unit = unitOf(metric);
  if (unit === 'share' || unit === '' || unit === 'count') return fmtDelta(v - ref, unit);
  return fmtPct(v, ref) || fmtDelta(v - ref, unit, true);
}

export interface TargetRow {
  /** The first run's target with this metric, year and direction (its label when every run shares the goal). */
  target: Target;
  label: string;
  /** Runs set different goals: each cell names its own. */
  goalsDiffer: boolean;
}

/**
The target rows of Compare: one per metric, year and direction over all runs
(in the order the runs name them), so that each run's outcome sits on the row
of the same goal — not of the same id or position.
*/
export function compareTargetRows(runs: readonly Run[]): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const r of runs) {
    for (const t of r.scenario.targets) {
      if (rows.some((x) => sameTargetKey(x.target, t))) continue;
      const own = runs.map((x) => ownTarget(x, t)).filter((x): x is Target => x !== undefined);
      const goalsDiffer = own.some((x) => x.atLeast !== t.atLeast || x.atMost !== t.atMost);
      rows.push({ target: t, goalsDiffer, label: goalsDiffer ? tr('tui.compare.targetBy', { metric: metricLabel(r.scenario, t.metric), year: t.year }) : targetLabel(t) });
    }
  }
  return rows;
}

/** A run's cell on a target row: its outcome, with its own goal first when the runs' goals differ; shorter forms when narrow. */
function targetCell(run: Run, row: TargetRow, basis: Basis, w: number): Seg[] {
  const own = ownTarget(run, row.target);
  if (!own) return [seg('–', { dim: true })];
  const goal = row.goalsDiffer ? [seg(`${goalText(own)} `, { dim: true })] : [];
  const width = (x: Seg[]): number => x.reduce((a, s) => a + textWidth(s.text), 0);
  const full = [...goal, ...outcomeSegs(run, own, basis)];
  if (width(full) <= w) return full;
  const compact = [...goal, ...outcomeSegs(run, own, basis, true)];
  if (width(compact) <= w || !row.goalsDiffer) return clip(compact, w);
  return clip([seg(`${goalText(own).replace(/ /g, '')} `, { dim: true }), ...outcomeSegs(run, own, basis, true)], w);
}

/** Segments cut to `w` cells (the last one ends in "…"). */
function clip(segs: Seg[], w: number): Seg[] {
  const out: Seg[] = [];
  let used = 0;
  for (const s of segs) {
    const sw = textWidth(s.text);
    if (used + sw <= w) {
      out.push(s);
      used += sw;
      continue;
    }
    if (w - used > 0) out.push({ ...s, text: truncate(s.text, w - used) });
    break;
  }
  return out;
}

export function compareLines(p: ViewProps): Line[] {
  const { state, width, height, color } = p;
  const runs = state.runs;
  const year = currentYear(state);
  const ref = runs[0]!;
  const basis = viewBasis(state);
  const sel = Math.min(state.selection.compare, COMPARE_METRICS.length - 1);

  const labelW = Math.max(16, Math.min(30, Math.floor(width * 0.33)));
  const minCol = 17;
  const fitCols = Math.max(1, Math.floor((width - 2 - labelW) / minCol));
  const nCols = Math.min(runs.length, fitCols);
  const colStart = windowStart(state.focus, nCols, runs.length);
  const shown = runs.slice(colStart, colStart + nCols);
  const colW = Math.min(26, Math.floor((width - 2 - labelW) / nCols));

  const lines: Line[] = [];
  const hidden = runs.length - nCols;
  lines.push(fit([
    seg(`  ${tr('tui.compare.title', { year })}`, { bold: true }),
    seg(` · ${basisLabel(runs, basis)}`, { dim: true }),
    seg(` · ${runs.length > 1 ? tr('tui.compare.against', { run: ref.label }) : tr('tui.compare.addRun')}`, { dim: true }),
    seg(hidden > 0 ? ` · ${tr('tui.compare.more', { n: hidden })}` : '', { dim: true }),
  ], width, null));
  // run names over two lines
  const nameRows = height >= 30 ? 3 : 2;
  const names = shown.map((r) => wrap(r.label, colW - 1, nameRows));
  const used = Math.max(1, ...names.map((n) => n.length));
  for (let row = 0; row < Math.max(2, used); row++) {
    const line: Line = [seg('  '), cell(row === Math.max(2, used) - 1 ? tr('tui.compare.metric') : '', labelW, { dim: true })];
    shown.forEach((r, i) => {
      const idx = colStart + i;
      const focused = idx === state.focus;
      const txt = names[i]![row] ?? '';
      const shownTxt = truncate(txt, colW - 1);
      line.push(
        seg(' '.repeat(Math.max(0, colW - 1 - textWidth(shownTxt)))),
        seg(shownTxt, { bold: true, inverse: focused && txt !== '', color: RUN_COLORS[idx % RUN_COLORS.length] }),
        seg(' '),
      );
    });
    lines.push(line);
  }

  const targets = compareTargetRows(runs);
  const chartH = height >= 22 ? Math.min(12, height - 3 - COMPARE_METRICS.length - targets.length) : 0;
  const useChart = chartH >= 6;
  const tableRows = height - lines.length - (useChart ? chartH : 0);
  const targetRows = Math.min(targets.length, Math.max(0, tableRows - 6));
  const visible = Math.max(1, Math.min(COMPARE_METRICS.length, tableRows - targetRows));
  const start = windowStart(sel, visible, COMPARE_METRICS.length);

  COMPARE_METRICS.slice(start, start + visible).forEach((m, i) => {
    const isSel = start + i === sel;
    const unit = unitOf(m);
    const refV = valueAt(ref, m, year, basis);
    const suffix = unitSuffix(unit);
    const name = metricLabel(ref.scenario, m);
    const withUnit = suffix && !name.toLowerCase().includes(suffix.toLowerCase()) && textWidth(name) + textWidth(suffix) + 2 <= labelW;
    const shownName = truncate(name, labelW - 1);
    const line: Line = [
      seg(isSel ? `${G.pointer} ` : '  ', { color: 'cyan', bold: true }),
      seg(shownName, { bold: isSel, inverse: isSel && !color }),
      seg(withUnit ? ` ${suffix}` : '', { dim: true }),
      seg(' '.repeat(Math.max(0, labelW - textWidth(shownName) - (withUnit ? textWidth(suffix) + 1 : 0)))),
    ];
    shown.forEach((r, k) => {
      const idx = colStart + k;
      const v = valueAt(r, m, year, basis);
      const valTxt = fmt(v, unit, false);
      const dW = colW >= 24 ? 10 : 8;
      const valW = colW - 1 - dW;
      if (idx === 0 || !Number.isFinite(v)) {
        line.push(seg(padStart(valTxt, valW), { bold: true }), seg(' '.repeat(dW + 1)));
        return;
      }
      const d = deltaText(m, v, refV);
      const j = judge(m, v - refV, unit);
      const mark = !color && (j === 'better' || j === 'worse') ? (j === 'better' ? '+' : '−') : ' ';
      const dTxt = d === '±0' || d === '±0 %' ? '' : d;
      const marked = mark === ' ' ? dTxt : textWidth(dTxt) + 3 <= dW ? `${dTxt} ${mark}` : `${truncate(dTxt, dW - 2)}${mark}`;
      line.push(seg(padStart(valTxt, valW), { bold: true }), seg(padStart(truncate(marked, dW - 1), dW - 1) + ' ', { color: JUDGE_COLOR[j] }), seg(' '));
    });
    lines.push(line);
  });
  targets.slice(0, targetRows).forEach((row) => {
    const line: Line = [seg('  '), cell(row.label, labelW, { dim: true })];
    shown.forEach((r) => {
      const o: Seg[] = targetCell(r, row, basis, colW - 1);
      const w = o.reduce((a, s) => a + textWidth(s.text), 0);
      line.push(seg(' '.repeat(Math.max(0, colW - 1 - w))), ...o, seg(' '));
    });
    lines.push(line);
  });

  if (useChart) {
    const m = COMPARE_METRICS[sel]!;
    const unit = unitOf(m);
    const series: ChartSeries[] = runs.map((r: Run, i) => ({ values: seriesOf(r, m, state.years, basis), color: RUN_COLORS[i % RUN_COLORS.length], glyph: runGlyph(i) || undefined }));
    // the focused run first so its cursor value is marked
    const order = [state.focus, ...runs.map((_, i) => i).filter((i) => i !== state.focus)];
    const title: Line = [seg(tr('tui.compare.overYears', { metric: metricLabel(ref.scenario, m, false) }), { bold: true })];
    const observations = observationsOf(state, m);
    if (observations.length > 0) title.push(seg('  '), reportedLegend(observations.length));
    if (!color) title.push(seg('  ' + runs.map((r, i) => `${runGlyph(i) || G.h} ${truncate(r.label, 18)}`).join('  '), { dim: true }));
    lines.push(fit(title, width, null));
    lines.push(
      ...chartLines({
        series: order.map((i) => series[i]!),
        years: state.years,
        cursor: state.year,
        width,
        height: chartH - 1,
        format: axisFormat(unit),
        color,
        fork: forkIndex(state),
        ...(observations.length > 0 ? { markers: chartMarkers(observations, state.years[0]!) } : {}),
      }),
    );
  }
  if (runs.length === 1 && lines.length < height - 1) {
    lines.push([]);
    const hintLines = wrap(tr('tui.compare.hint', { ud: `${G.arrowUp}/${G.arrowDown}`, lr: `${G.arrowLeft}/${G.arrowRight}` }), width - 2, Math.max(1, height - lines.length));
    for (const h of hintLines) lines.push([seg(center(h, width), { dim: true })]);
  }
  return lines;
}

export function Compare(p: ViewProps): ReactElement {
  return <Lines lines={compareLines(p)} width={p.width} height={p.height} />;
}

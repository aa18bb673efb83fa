/**
Pieces the views share: their props, the row window that keeps the selection
in sight, proportional bars, and the metric table with a chart of the chosen
metric under it (Overview, Energy & carbon, Money).
*/
import type { TargetOutcome } from '../../engine/montecarlo.js';
import type { Target } from '../../scenario/types.js';
import { chartLines } from '../components/chart.js';
import { cell, seg, type Color, type Line, type Seg } from '../components/lines.js';
import { fmt, fmtDelta, judge, shortLabelOf, unitOf, unitSuffix } from '../../report/display.js';
import { bandOf, baseRunOf, centralAt, currentYear, seriesOf, type Run, type TuiState } from '../model.js';
import { padStart, truncate } from '../text.js';

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
  if (sum <= 0 || width <= 0) return [seg('·'.repeat(Math.max(0, width)), { dim: true })];
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
  if (used < width) out.push(seg('·'.repeat(width - used), { dim: true }));
  return out;
}

/** The goal of a target: "≥ 12", "≤ 1.20". */
export function goalText(t: Target): string {
  const unit = unitOf(t.metric);
  if (t.atLeast !== undefined && t.atMost !== undefined) return `${fmt(t.atLeast, unit, false)}–${fmt(t.atMost, unit, false)}`;
  if (unit === 'count') return t.atLeast !== undefined ? `≥ ${t.atLeast}` : `≤ ${t.atMost}`;
  return t.atLeast !== undefined ? `≥ ${fmt(t.atLeast, unit, false)}` : `≤ ${fmt(t.atMost ?? NaN, unit, false)}`;
}

/** Outcome of a target in a run: "✓ met", "✗ 3.5 M", with the Monte Carlo probability when there is one. */
export function outcomeSegs(run: Run, t: Target): Seg[] {
  const central = run.targets.find((o) => o.id === t.id);
  const mc: TargetOutcome | undefined = run.mc.targets?.find((o) => o.id === t.id);
  if (!central) return [seg('–', { dim: true })];
  const unit = unitOf(t.metric);
  const out: Seg[] = central.met
    ? [seg('✓ met', { color: 'green' })]
    : [seg(`✗ ${fmt(central.value, unit, false)}`, { color: 'red' })];
  if (mc?.probability !== undefined) out.push(seg(` · ${Math.round(mc.probability * 100)} %`, { dim: true }));
  return out;
}

/** Labels of a chart's value axis. */
export function axisFormat(unit: string): (v: number) => string {
  if (unit === 'share') return (v) => `${Math.round(v * 100)} %`;
  if (unit === '') return (v) => v.toFixed(2);
  if (unit === 'count') return (v) => (Math.abs(v - Math.round(v)) < 0.05 ? String(Math.round(v)) : v.toFixed(1));
  return (v) => fmt(v, unit, false);
}

export interface PanelRow {
  metric: string;
  label?: string;
  target?: Target;
}

/** The column "vs …": the run's unchanged run when levers changed it, else the year before. */
export function changeRef(state: TuiState, run: Run): { title: string; at: (metric: string) => number } {
  const year = currentYear(state);
  const base = Object.keys(run.levers).length > 0 ? baseRunOf(state, run) : undefined;
  if (base) return { title: truncate(`vs ${base.label}`, 9), at: (m) => centralAt(base, m, year) };
  return { title: `vs ${year - 1}`, at: (m) => centralAt(run, m, year - 1) };
}

/**
The metric table (selected row marked ▸ and highlighted) and, when there is
room, a chart of the selected metric over the years with its P5–P95 band and
target.
*/
export function metricPanel(p: ViewProps, rows: PanelRow[], selected: number, head: Line[] = []): Line[] {
  const { state, width, height, color } = p;
  const run = state.runs[state.focus]!;
  const year = currentYear(state);
  const ref = changeRef(state, run);
  const hasTargets = rows.some((r) => r.target);
  const hasBands = Boolean(run.mc.bands);

  // columns
  const valueW = 14;
  const changeW = 10;
  const goalW = hasTargets ? 15 : 0;
  const outcomeW = hasTargets ? 16 : 0;
  let bandW = hasBands ? 20 : 0;
  let labelW = width - 2 - valueW - changeW - goalW - outcomeW - bandW;
  if (labelW < 18 && bandW > 0) {
    labelW += bandW;
    bandW = 0;
  }
  labelW = Math.max(8, Math.min(labelW, 34));

  const avail = height - head.length;
  const tableFull = rows.length + 1;
  let chartH = avail - tableFull;
  if (chartH < 5) chartH = avail >= 12 ? 5 : 0;
  const visible = Math.max(1, avail - chartH - 1);
  const start = windowStart(selected, visible, rows.length);
  const scroll = rows.length > visible ? `  ${start > 0 ? '↑' : ' '}${start + visible < rows.length ? '↓' : ' '} ${rows.length} rows` : '';

  const headLine: Line = [
    seg(`  ${year}`, { bold: true }),
    cell(scroll, labelW - 4, { dim: true }),
    seg(padStart('value', valueW), { dim: true }),
    seg(padStart(ref.title, changeW), { dim: true }),
  ];
  if (hasTargets) headLine.push(seg(padStart('plan target', goalW), { dim: true }), seg('  '), cell(run.mc.targets ? 'met · P(met)' : 'outcome', outcomeW - 2, { dim: true }));
  if (bandW) headLine.push(seg(padStart('P5 – P95', bandW), { dim: true }));


  const lines: Line[] = [...head, headLine];
  rows.slice(start, start + visible).forEach((r, i) => {
    const idx = start + i;
    const sel = idx === selected;
    const unit = unitOf(r.metric);
    const v = centralAt(run, r.metric, year);
    const d = v - ref.at(r.metric);
    const j = judge(r.metric, d, unit);
    const line: Line = [
      seg(sel ? '▸ ' : '  ', { color: 'cyan', bold: true }),
      cell(r.label ?? shortLabelOf(r.metric), labelW, { bold: sel, inverse: sel && !color }),
      seg(padStart(fmt(v, unit), valueW), { bold: true }),
      seg(padStart(Number.isFinite(d) ? fmtDelta(d, unit) : '', changeW), { color: JUDGE_COLOR[j] }),
    ];
    if (hasTargets) {
      if (r.target) {
        line.push(seg(padStart(`${goalText(r.target)} (${r.target.year})`, goalW), { dim: true }), seg('  '));
        const o = outcomeSegs(run, r.target);
        line.push(...o.map((s) => ({ ...s, text: s.text })), seg(' '.repeat(Math.max(0, outcomeW - 2 - o.reduce((a, s) => a + s.text.length, 0)))));
      } else line.push(seg(' '.repeat(goalW + outcomeW)));
    }
    if (bandW) {
      const b = bandOf(run, r.metric, [year]);
      const lo = b?.p5[0];
      const hi = b?.p95[0];
      const txt = lo !== undefined && hi !== undefined && Number.isFinite(lo) ? `${fmt(lo, unit, false)} – ${fmt(hi!, unit, false)}` : '';
      line.push(seg(padStart(txt, bandW), { dim: true }));
    }
    lines.push(line);
  });

  if (chartH >= 5) {
    const r = rows[selected] ?? rows[0]!;
    lines.push(...metricChart(p, run, r.metric, r.label ?? shortLabelOf(r.metric), chartH, r.target));
  }
  return lines;
}

/** Title line plus a chart of one metric of a run over the years. */
export function metricChart(p: ViewProps, run: Run, metric: string, label: string, height: number, target?: Target): Line[] {
  const { state, width, color } = p;
  const unit = unitOf(metric);
  const band = bandOf(run, metric, state.years);
  const goal = target ? (target.atLeast ?? target.atMost) : undefined;
  const suffix = unitSuffix(unit);
  const title: Line = [seg(`${label}`, { bold: true }), seg(suffix ? ` (${suffix})` : '', { dim: true })];
  if (band) title.push(seg('   ░ P5–P95', { color: 'gray' }), seg(` of ${run.mc.done} runs${run.mc.done < run.mc.total ? ` (filling: ${run.mc.done}/${run.mc.total})` : ''}`, { dim: true }));
  else if (run.mc.total > 1) title.push(seg(`   bands: ${run.mc.done}/${run.mc.total} runs`, { dim: true }));
  if (goal !== undefined) title.push(seg(`   ╌ target ${goalText(target!)}`, { color: 'yellow' }));
  const format = axisFormat(unit);
  const chart = chartLines({
    series: [{ values: seriesOf(run, metric, state.years), color: 'cyan' }],
    years: state.years,
    cursor: state.year,
    width,
    height: height - 1,
    band,
    target: goal,
    format,
    color,
  });
  return [title, ...chart];
}


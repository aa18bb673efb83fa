/**
A line chart over the years drawn by asciichart, then dressed: the P5–P95 band
shaded between its edges, an optional target drawn dashed, the cursor year as a
dotted column with the value marked ●, reported figures as markers (an
interval as a ┆ span with ◆ at its centre, a bound as ▲ at least / ▼ at most;
one beyond the value range sits on the edge as an arrow pointing out), and a
year axis underneath. asciichart
tags each series' cells with a private marker "colour", so every cell is known
to belong to a series and can be styled (or left plain under NO_COLOR).
*/
import asciichart from 'asciichart';
import { t } from '../../report/i18n/catalogue.js';
import { chartGlyph, G } from '../glyphs.js';
import { padStart, width as textWidth } from '../text.js';
import { seg, type Color, type Line, type Seg } from './lines.js';

export interface ChartSeries {
  values: number[];
  color?: Color;
  /** Glyph replacing the line drawing when colour is off (tell series apart without colour). */
  glyph?: string;
}

/** A reported figure on the chart: the interval it implies at a point of the year axis. */
export interface ChartMarker {
  /** Position on the year axis: a year, or a fraction between two (2023.58). */
  x: number;
  /** lo ≤ truth ≤ hi; −Infinity / Infinity for a one-sided bound (▲ at least lo, ▼ at most hi). */
  lo: number;
  hi: number;
  /** Where ◆ sits in a two-sided interval (default: its middle). */
  center?: number;
}

/** Glyphs of the markers (this session's table: ◆ ┆ ▲ ▼, or * : ^ v with --ascii). */
export const MARKER = {
  get center(): string { return G.diamond; },
  get span(): string { return G.span; },
  get atLeast(): string { return G.up; },
  get atMost(): string { return G.down; },
};

export interface ChartInput {
  /** Main series first; the others (e.g. other runs) after it. */
  series: ChartSeries[];
  years: number[];
  cursor: number;
  width: number;
  /** Total lines including the year axis (at least 4). */
  height: number;
  band?: { p5: number[]; p95: number[] };
  target?: number;
  format: (v: number) => string;
  color: boolean;
  /** Reported figures, drawn over the lines (the cursor's ● stays on top); they do not widen the value range. */
  markers?: ChartMarker[];
  /** Index in `years` of a fork (key f): a dashed column ╎ and "⑂ 2024" on the year axis. */
  fork?: number | undefined;
}

/** Glyph of a fork on the year axis (⑂, or Y with --ascii). */
export const forkGlyph = (): string => G.fork;

const MARK = ['\u0001', '\u0002', '\u0003', '\u0004', '\u0005', '\u0006', '\u000e', '\u000f'];
const RESET = '\u001b[0m';

/** Values between the years: `step` columns per year, linear in between. */
function stretch(values: number[], step: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const a = values[i]!;
    out.push(a);
    if (i === values.length - 1) break;
    const b = values[i + 1]!;
    for (let j = 1; j < step; j++) out.push(a + ((b - a) * j) / step);
  }
  return out;
}

function finiteOr(values: number[], fallback: number): number[] {
  return values.map((v) => (Number.isFinite(v) ? v : fallback));
}

interface Cell {
  ch: string;
  series: number; // -1: empty or axis, -2: cursor column, -3: a reported figure
}

export function chartLines(input: ChartInput): Line[] {
  const { years, cursor, width, format, color } = input;
  const height = Math.max(4, input.height);
  const plotRows = height - 1;
  const main = input.series[0]?.values ?? [];
  const all: number[] = [];
  for (const s of input.series) all.push(...s.values.filter(Number.isFinite));
  if (input.band) all.push(...input.band.p5.filter(Number.isFinite), ...input.band.p95.filter(Number.isFinite));
  if (input.target !== undefined && Number.isFinite(input.target)) all.push(input.target);
  if (all.length === 0 || years.length === 0) return [[seg(t('tui.chart.noData'), { dim: true })]];
  let min = Math.min(...all);
  let max = Math.max(...all);
  if (min > 0 && min < max * 0.35) min = 0; // anchor at zero when that costs little room
  if (max - min < 1e-12) {
    const pad = Math.abs(max) > 0 ? Math.abs(max) * 0.1 : 1;
    min -= pad;
    max += pad;
  }

  // labels on up to seven evenly spaced rows (top and bottom always), as wide as the widest
  const labelled = (i: number, rows: number): boolean => {
    const n = Math.min(rows, 6);
    for (let k = 0; k <= n; k++) if (Math.round((k * rows) / Math.max(1, n)) === i) return true;
    return false;
  };
  const labelAt = (v: number, i: number, rows: number): string => (labelled(i, rows) ? format(v) : '');
  let labelW = 1;
  for (let i = 0; i < plotRows; i++) labelW = Math.max(labelW, textWidth(labelAt(max - (i * (max - min)) / Math.max(1, plotRows - 1), i, plotRows - 1)));
  labelW += 1;
  const room = Math.max(years.length, width - labelW - 2);
  const step = years.length > 1 ? Math.max(1, Math.floor((room - 1) / (years.length - 1))) : 1;

  const plotted: number[][] = [];
  const meta: { kind: 'band' | 'target' | 'series'; index: number }[] = [];
  if (input.band) {
    plotted.push(stretch(finiteOr(input.band.p5, min), step), stretch(finiteOr(input.band.p95, min), step));
    meta.push({ kind: 'band', index: 0 }, { kind: 'band', index: 1 });
  }
  if (input.target !== undefined && Number.isFinite(input.target)) {
    plotted.push(stretch(years.map(() => input.target!), step));
    meta.push({ kind: 'target', index: 0 });
  }
  for (let i = input.series.length - 1; i >= 0; i--) {
    plotted.push(stretch(finiteOr(input.series[i]!.values, min), step));
    meta.push({ kind: 'series', index: i });
  }

  // asciichart's row count is |round(max·r) − round(min·r)| + 1 with r = h / range: aim for plotRows and
  // plot once more one lower if rounding lands one over
  // each row's label as drawn: a Chinese magnitude ("400万") takes more cells than characters, so rows split by it, not by labelW
  let labels: string[] = [];
  const plotWith = (h: number): string[] => {
    labels = [];
    return asciichart
      .plot(plotted, {
        min, max, height: h, offset: 2,
        colors: meta.map((_, i) => MARK[i]),
        format: (x: number, i: number) => (labels[i] = padStart(labelAt(x, i, h), labelW)),
      })
      .split('\n');
  };
  let h = plotRows - 1;
  let rows = plotWith(h);
  if (rows.length > plotRows) rows = plotWith(--h);
  const ratio = h / (max - min);
  const rowOf = (v: number): number => Math.round(max * ratio) - Math.round(min * ratio) - (Math.round(v * ratio) - Math.round(min * ratio));

  // split rows into label + cells
  const grid: { label: string; cells: Cell[] }[] = rows.map((r, k) => {
    const label = labels[k] ?? padStart('', labelW);
    const rest = r.slice(label.length);
    const cells: Cell[] = [];
    for (let i = 0; i < rest.length; i++) {
      const m = MARK.indexOf(rest[i]!);
      if (m >= 0) {
        const end = rest.indexOf(RESET, i);
        cells.push({ ch: chartGlyph(rest.slice(i + 1, end)), series: m });
        i = end + RESET.length - 1;
      } else cells.push({ ch: chartGlyph(rest[i]!), series: -1 });
    }
    return { label, cells };
  });

  // the axis column: asciichart puts every series' first value there; keep only the main one
  const mainIdx = meta.findIndex((m) => m.kind === 'series' && m.index === 0);
  for (const g of grid) {
    const c0 = g.cells[0];
    if (c0 && !(c0.series === mainIdx && mainIdx >= 0)) g.cells[0] = { ch: G.axis, series: -1 };
  }

  // band shading between the p5 and p95 rows, per column
  const n = plotted[0]!.length;
  const col0 = 0; // point p sits in cells[p]; cells[0] is the axis column, where asciichart puts the first value
  if (input.band) {
    // from the values, not the glyphs: a line drawn on top may hide a band edge
    const lo = plotted[0]!;
    const hi = plotted[1]!;
    for (let c = 0; c < n; c++) {
      const top = Math.max(0, rowOf(Math.max(lo[c]!, hi[c]!)));
      const bottom = Math.min(grid.length - 1, rowOf(Math.min(lo[c]!, hi[c]!)));
      for (let r = top; r <= bottom; r++) {
        const cellAt = grid[r]!.cells[col0 + c];
        if (cellAt && cellAt.series < 0 && cellAt.ch === ' ') grid[r]!.cells[col0 + c] = { ch: G.band, series: 0 };
      }
    }
  }

  // reported figures: over the band and the lines; only the cursor's value (●) is drawn over them
  if (input.markers?.length) {
    const last = grid.length - 1;
    const first = years[0]!;
    const clampRow = (r: number): number => Math.max(0, Math.min(last, r));
    const put = (r: number, c: number, ch: string): void => {
      const row = grid[r];
      if (row && c < row.cells.length) row.cells[c] = { ch, series: -3 };
    };
    const centers: [number, number, string][] = [];
    for (const m of input.markers) {
      if (!Number.isFinite(m.x)) continue;
      const pos = (m.x - first) * step;
      if (pos < -step / 2 || pos > n - 1 + step) continue;
      const c = col0 + Math.max(0, Math.min(n - 1, Math.round(pos)));
      const lo = Number.isNaN(m.lo) ? -Infinity : m.lo;
      const hi = Number.isNaN(m.hi) ? Infinity : m.hi;
      if (!Number.isFinite(lo) && !Number.isFinite(hi)) continue;
      if (!Number.isFinite(hi)) {
        // at least lo: ▲ at the bound, on the edge when it lies beyond the range
        centers.push([clampRow(rowOf(lo)), c, MARKER.atLeast]);
        continue;
      }
      if (!Number.isFinite(lo)) {
        centers.push([clampRow(rowOf(hi)), c, MARKER.atMost]);
        continue;
      }
      const top = rowOf(Math.max(lo, hi));
      const bottom = rowOf(Math.min(lo, hi));
      for (let r = clampRow(top); r <= clampRow(bottom); r++) put(r, c, MARKER.span);
      const mid = rowOf(m.center !== undefined && Number.isFinite(m.center) ? m.center : (lo + hi) / 2);
      centers.push(mid < 0 ? [0, c, MARKER.atLeast] : mid > last ? [last, c, MARKER.atMost] : [mid, c, MARKER.center]);
    }
    for (const [r, c, ch] of centers) put(r, c, ch);
  }

  // the fork: a dashed column where the space is empty (the lines, the band and the cursor go over it)
  const fork = input.fork !== undefined && input.fork > 0 && input.fork < years.length ? input.fork : undefined;
  if (fork !== undefined) {
    const fx = col0 + fork * step;
    for (const g of grid) {
      const c = g.cells[fx];
      if (c && c.series === -1 && c.ch === ' ') g.cells[fx] = { ch: G.forkCol, series: -4 };
    }
  }

  // cursor column
  const cx = col0 + cursor * step;

  const mainSeries = mainIdx;
  const mainRow = (() => {
    const v = main[cursor];
    if (v === undefined || !Number.isFinite(v)) return -1;
    return Math.max(0, Math.min(grid.length - 1, rowOf(v)));
  })();
  grid.forEach((g, r) => {
    const c = g.cells[cx];
    if (!c) return;
    if (r === mainRow) g.cells[cx] = { ch: G.knob, series: mainSeries };
    else if ((c.series < 0 && (c.ch === ' ' || c.series === -4)) || (c.series >= 0 && meta[c.series]!.kind === 'band')) g.cells[cx] = { ch: G.cursorCol, series: -2 };
  });

  const out: Line[] = grid.map((g, r) => {
    const line: Line = [seg(g.label, { dim: true })];
    let run: Seg | undefined;
    const push = (s: Seg): void => {
      if (run && run.color === s.color && run.dim === s.dim && run.bold === s.bold) run.text += s.text;
      else {
        run = { ...s };
        line.push(run);
      }
    };
    g.cells.forEach((c, i) => {
      if (c.series === -2) return push({ text: c.ch, color: 'yellow', dim: !color });
      if (c.series === -3) return push({ text: c.ch, color: 'magenta', bold: c.ch !== MARKER.span });
      if (c.series === -4) return push({ text: c.ch, color: 'magenta', dim: !color });
      if (c.series < 0) return push({ text: c.ch, dim: true });
      const m = meta[c.series]!;
      if (m.kind === 'band') return push({ text: G.band, color: 'gray', dim: true });
      if (m.kind === 'target') return push({ text: c.ch === G.h ? G.targetLine : c.ch, color: 'yellow' });
      const s = input.series[m.index]!;
      const bold = i === cx && r === mainRow;
      const glyph = !color && s.glyph && c.ch !== G.knob ? s.glyph : c.ch;
      return push({ text: glyph, color: s.color, bold });
    });
    return line;
  });

  // year axis: first, last and the cursor year, plus as many others as fit
  const axisW = labelW + n;
  const chars: string[] = Array.from({ length: axisW }, () => ' ');
  const placed: [number, number][] = [];
  const place = (yi: number, force: boolean): void => {
    const label = yi === fork ? `${forkGlyph()} ${years[yi]}` : String(years[yi]);
    const center = labelW + yi * step;
    let start = Math.max(0, center - Math.floor(label.length / 2));
    start = Math.min(start, axisW - label.length);
    const end = start + label.length;
    if (!force && placed.some(([a, b]) => start < b + 1 && end > a - 1)) return;
    placed.push([start, end]);
    for (let i = 0; i < label.length; i++) chars[start + i] = label[i]!;
  };
  place(cursor, true);
  if (fork !== undefined && fork !== cursor) place(fork, false);
  place(0, false);
  place(years.length - 1, false);
  const everyYear = Math.max(1, Math.ceil(5 / step));
  for (let yi = 0; yi < years.length; yi += everyYear) place(yi, false);
  const axis = chars.join('');
  const cur = placed[0]!;
  // the fork's label (magenta) when it was placed apart from the cursor's
  const fk = fork !== undefined && fork !== cursor ? placed.find(([a, b]) => axis.slice(a, b).startsWith(forkGlyph())) : undefined;
  const spans: [number, number, Seg][] = [[cur[0], cur[1], seg('', { bold: true, color: 'yellow' })]];
  if (fk) spans.push([fk[0], fk[1], seg('', { bold: true, color: 'magenta' })]);
  spans.sort((a, b) => a[0] - b[0]);
  const axisLine: Line = [];
  let at = 0;
  for (const [a, b, style] of spans) {
    axisLine.push(seg(axis.slice(at, a), { dim: true }), { ...style, text: axis.slice(a, b) });
    at = b;
  }
  axisLine.push(seg(axis.slice(at), { dim: true }));
  out.push(axisLine);
  while (out.length < height) out.unshift([]);
  return out;
}

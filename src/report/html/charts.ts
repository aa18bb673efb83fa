/**
Charts for `dcplan report`: each function renders one chart at build time to a
self-contained inline `<svg>` string (no scripts, no network references, no web
fonts), drawn with Observable Plot against a linkedom document.

Design rules (the report is also printed as a black-and-white class handout):
- series differ by dash pattern and by a direct text label at each line's end;
  colour is only an extra cue (all line colours are dark, so they print as near-black);
- P5–P95 bands are translucent light grey under the lines;
- a target is a thin dashed rule with its label and a triangle at the target year
  (pointing up for "at least", down for "at most");
- reported figures are hollow black dots on interval whiskers; an open end
  (±Infinity) is an arrowhead at the edge of the plot instead of a cap.

Plot and linkedom are imported lazily on the first call (and cached), so importing
this module costs nothing at CLI start-up.

Determinism: the same input gives the same bytes. Plot's class name is fixed per
chart kind (`className`); Plot's only per-process counters (clip, pattern and
marker ids) are not used by these charts, and if any appears it is renamed after a
hash of the chart's own markup. All scales, ticks and label positions are computed
here from the input alone.
*/
import { grouped } from '../format.js';

// ---------------------------------------------------------------- public API

export interface BandPoint { year: number; p50: number; p5?: number; p95?: number }
/** One per scenario (1–6); a band is drawn where p5/p95 are present. */
export interface LineSeries { name: string; points: BandPoint[] }
export interface ChartInput {
  /** Shown as the SVG's <title> and aria-label (the page prints its own heading). */
  title: string;
  /** Y-axis label, e.g. "racks", "MW", "%". */
  unitLabel: string;
  series: LineSeries[];
  /** Horizontal rule + label + a marker at the target year. */
  target?: { value: number; year: number; label: string; kind: 'atLeast' | 'atMost' };
  /** Reported figures: a vertical interval (lo–hi, either may be ±Infinity = open) and a dot at value; year may be fractional. */
  observations?: { year: number; lo: number; hi: number; value?: number; label: string }[];
  /** Y tick format. */
  format?: (v: number) => string;
  /** For the few words the chart itself writes (legend labels). */
  lang?: 'en' | 'zh';
  /** Defaults 640 × 260 (the whole SVG, legend included). */
  width?: number;
  height?: number;
}
export interface TornadoInput {
  title: string;
  unitLabel: string;
  base: number;
  bars: { label: string; low: number; high: number }[];
  format?: (v: number) => string;
  lang?: 'en' | 'zh';
  width?: number;
}
export interface StackInput {
  title: string;
  unitLabel: string;
  years: number[];
  layers: { name: string; values: number[] }[];
  format?: (v: number) => string;
  lang?: 'en' | 'zh';
  width?: number;
  height?: number;
}
export interface TimelineInput {
  title: string;
  start: number;
  end: number;
  events: { date: number; label: string; kind: string }[];
  lang?: 'en' | 'zh';
  width?: number;
}

// ---------------------------------------------------------------- lazy libraries

type PlotModule = typeof import('@observablehq/plot');
type Markish = import('@observablehq/plot').Markish;
type PlotOptions = import('@observablehq/plot').PlotOptions;
/** A symbol as Plot (d3) draws it: a path for a given area (d3's SymbolType, whose types are not installed). */
interface SymbolImpl {
  draw(context: PathContext, size: number): void;
}
interface Lib { Plot: PlotModule; document: Document }

let libPromise: Promise<Lib> | undefined;

function lib(): Promise<Lib> {
  libPromise ??= (async () => {
    const [Plot, linkedom] = await Promise.all([import('@observablehq/plot'), import('linkedom')]);
    const { document } = linkedom.parseHTML('<!doctype html><html><head></head><body></body></html>');
    return { Plot, document: document };
  })().catch((e: unknown) => {
    libPromise = undefined; // let a later call retry
    throw e;
  });
  return libPromise;
}

// ---------------------------------------------------------------- shared constants

export const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT_SIZE = 10;
const LINE_H = 12;

const WORDS = {
  en: { band: 'P5–P95', target: 'target', reported: 'reported', noData: 'no data', base: 'base' },
  zh: { band: 'P5–P95', target: '目标', reported: '公布值', noData: '无数据', base: '基准' },
} as const;
type Words = (typeof WORDS)['en' | 'zh'];
const words = (lang: 'en' | 'zh' | undefined): Words => WORDS[lang === 'zh' ? 'zh' : 'en'];

/** Dash patterns, one per scenario: the primary cue in black and white. */
const DASHES = ['none', '8 3', '2 2.5', '10 3 2 3', '4 4', '1 2 6 2'];
/** Dark line colours (they print as near-black): an extra cue only. */
const LINE_COLORS = ['#111111', '#1f4e8c', '#a13a1e', '#2b6e3a', '#5b3a8e', '#7a5c00'];
const TARGET_DASH = '5 3';
const BAND_FILL = '#808080';
const BAND_OPACITY = 0.22;

// ---------------------------------------------------------------- small helpers

function dim(v: number | undefined, fallback: number, min: number): number {
  return v !== undefined && Number.isFinite(v) && v > 0 ? Math.max(min, Math.round(v)) : fallback;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function isWide(c: number): boolean {
  return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000;
}

/**
Estimated rendered width in px of `s` at `fs` px (there is no DOM to measure in):
CJK 1 em; Latin calibrated on DejaVu Sans, one of the widest fallback fonts, so the
estimate errs on the wide side for Segoe UI / San Francisco / Noto Sans.
*/
function textWidth(s: string, fs = FONT_SIZE, bold = false): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (isWide(c)) w += 1;
    else if (' il.,:;|!\'’`()[]'.includes(ch)) w += 0.32;
    else if ('mwMW@%'.includes(ch)) w += 0.9;
    else if (ch >= '0' && ch <= '9') w += 0.64;
    else if (ch >= 'A' && ch <= 'Z') w += 0.7;
    else w += 0.58;
  }
  return w * fs * (bold ? 1.14 : 1);
}

/** Greedy word wrap (CJK may break between any two characters); at most `maxLines`, the last ellipsised. */
function wrap(s: string, maxPx: number, maxLines = 3, bold = false): string[] {
  const tokens = s.trim().match(/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|\s+/g) ?? [];
  const lines: string[] = [];
  let cur = '';
  for (const t of tokens) {
    if (/^\s+$/.test(t)) {
      if (cur) cur += ' ';
      continue;
    }
    if (cur && textWidth(cur + t, FONT_SIZE, bold) > maxPx) {
      lines.push(cur.trimEnd());
      cur = t;
    } else cur += t;
  }
  if (cur.trim()) lines.push(cur.trimEnd());
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = truncate(`${kept[maxLines - 1] ?? ''} ${lines.slice(maxLines).join(' ')}`, maxPx, bold);
    return kept;
  }
  return lines.map((l) => truncate(l, maxPx, bold));
}

function truncate(s: string, maxPx: number, bold = false): string {
  if (textWidth(s, FONT_SIZE, bold) <= maxPx) return s;
  const chars = [...s];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, FONT_SIZE, bold) > maxPx) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** d3-style tick step: 1, 2 or 5 × 10^k. */
function tickStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const e = raw / p;
  return (e >= 7.07 ? 10 : e >= 3.16 ? 5 : e >= 1.41 ? 2 : 1) * p;
}

const clean = (v: number): number => Number(v.toPrecision(12));

/** A nice domain around [lo, hi] and its ticks. */
function niceScale(lo: number, hi: number, count: number): { domain: [number, number]; ticks: number[]; step: number } {
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  let step = tickStep(lo, hi, count);
  let a = Math.floor(lo / step) * step;
  let b = Math.ceil(hi / step) * step;
  step = tickStep(a, b, count);
  a = clean(Math.floor(lo / step) * step);
  b = clean(Math.ceil(hi / step) * step);
  const ticks: number[] = [];
  for (let i = 0; a + i * step <= b + step * 1e-9; i++) ticks.push(clean(a + i * step));
  return { domain: [a, b], ticks, step };
}

/** Ticks of step `step` (from tickStep) within [lo, hi]. */
function ticksWithin(lo: number, hi: number, count: number): { ticks: number[]; step: number } {
  const step = tickStep(lo, hi, count);
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(clean(v));
  return { ticks, step };
}

/**
Default number format for ticks `step` apart, the largest `maxAbs` away from 0: thousands
separators and as many decimals as the step needs ("0.25", "1,500"); from a million up, a
magnitude word ("15 bn", "2.5 M").
*/
function stepFormat(step: number, maxAbs: number): (v: number) => string {
  const decimalsFor = (st: number): number => (st > 0 && st < 1 ? Math.min(6, Math.ceil(-Math.log10(st) - 1e-9)) : 0);
  const scale = ([[1e12, 'tn'], [1e9, 'bn'], [1e6, 'M']] as const).find(([sc]) => maxAbs >= sc);
  if (!scale) {
    const d = decimalsFor(step);
    return (v) => grouped(v, d);
  }
  const [sc, name] = scale;
  const d = decimalsFor(step / sc);
  return (v) => (v === 0 ? '0' : `${grouped(v / sc, d)} ${name}`);
}

/** Integer year ticks in [lo, hi], thinned to fit `px` pixels. */
function yearTicks(lo: number, hi: number, px: number): number[] {
  const first = Math.ceil(lo - 1e-9);
  const last = Math.floor(hi + 1e-9);
  const n = last - first;
  if (n < 0) return [];
  const fit = Math.max(1, Math.floor(px / 34));
  const step = [1, 2, 5, 10, 20, 50, 100].find((s) => n / s <= fit) ?? Math.ceil(n / fit);
  const out: number[] = [];
  for (let y = Math.ceil(first / step) * step; y <= last; y += step) out.push(y);
  return out;
}

const yearFormat = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/** Hex colour of an HSL triple (so the markup never depends on a CSS colour parser). */
function hsl(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): string => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255).toString(16).padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

// ---------------------------------------------------------------- symbols

interface PathContext {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
  arc(x: number, y: number, r: number, a0: number, a1: number): void;
}

/** A Plot/d3 symbol implementation whose half-size is r = √(size / π) (Plot passes size = π r²). */
function symbol(draw: (c: PathContext, r: number) => void): SymbolImpl {
  return { draw: (c: PathContext, size: number) => draw(c, Math.sqrt(size / Math.PI)) };
}

const SYM = {
  circle: symbol((c, r) => {
    c.moveTo(r, 0);
    c.arc(0, 0, r, 0, 2 * Math.PI);
  }),
  square: symbol((c, r) => {
    const s = r * 0.9;
    c.moveTo(-s, -s);
    c.lineTo(s, -s);
    c.lineTo(s, s);
    c.lineTo(-s, s);
    c.closePath();
  }),
  diamond: symbol((c, r) => {
    const s = r * 1.25;
    c.moveTo(0, -s);
    c.lineTo(s * 0.8, 0);
    c.lineTo(0, s);
    c.lineTo(-s * 0.8, 0);
    c.closePath();
  }),
  up: symbol((c, r) => {
    const s = r * 1.2;
    c.moveTo(0, -s);
    c.lineTo(s, s * 0.75);
    c.lineTo(-s, s * 0.75);
    c.closePath();
  }),
  down: symbol((c, r) => {
    const s = r * 1.2;
    c.moveTo(0, s);
    c.lineTo(s, -s * 0.75);
    c.lineTo(-s, -s * 0.75);
    c.closePath();
  }),
  /** A horizontal whisker cap. */
  cap: symbol((c, r) => {
    c.moveTo(-r, 0);
    c.lineTo(r, 0);
  }),
};

/** Symbols for timeline kinds: shape and filled/hollow alternate, so kinds stay apart in black and white. */
const KIND_SYMBOLS: { sym: SymbolImpl; filled: boolean }[] = [
  { sym: SYM.circle, filled: true },
  { sym: SYM.square, filled: false },
  { sym: SYM.diamond, filled: true },
  { sym: SYM.up, filled: false },
  { sym: SYM.square, filled: true },
  { sym: SYM.circle, filled: false },
  { sym: SYM.up, filled: true },
  { sym: SYM.diamond, filled: false },
];

/** Renders a symbol to an SVG path string (for legends, drawn outside Plot). */
function symbolPath(sym: SymbolImpl, r: number, cx: number, cy: number): string {
  const parts: string[] = [];
  const n = (v: number): string => String(Math.round(v * 100) / 100);
  const ctx: PathContext = {
    moveTo: (x, y) => parts.push(`M${n(cx + x)},${n(cy + y)}`),
    lineTo: (x, y) => parts.push(`L${n(cx + x)},${n(cy + y)}`),
    closePath: () => parts.push('Z'),
    arc: (x, y, rr) => {
      parts.push(`M${n(cx + x + rr)},${n(cy + y)}A${n(rr)},${n(rr)},0,1,1,${n(cx + x - rr)},${n(cy + y)}A${n(rr)},${n(rr)},0,1,1,${n(cx + x + rr)},${n(cy + y)}`);
    },
  };
  sym.draw(ctx, Math.PI * r * r);
  // the circle's moveTo before arc is redundant but harmless
  return parts.join('');
}

// ---------------------------------------------------------------- legend (raw SVG built with the document)

type LegendSwatch =
  | { kind: 'line'; dash: string; color: string; width?: number }
  | { kind: 'band' }
  | { kind: 'rect'; fill: string }
  | { kind: 'observation' }
  | { kind: 'symbol'; sym: SymbolImpl; filled: boolean };
interface LegendItem { swatch: LegendSwatch; label: string }

const SWATCH_W = 22;

function legendLayout(items: LegendItem[], width: number): { rows: { item: LegendItem; x: number }[][]; height: number } {
  const rows: { item: LegendItem; x: number }[][] = [];
  let row: { item: LegendItem; x: number }[] = [];
  let x = 0;
  const maxLabel = Math.max(60, width - 2 * 8 - SWATCH_W - 6);
  for (const item0 of items) {
    const item = { ...item0, label: truncate(item0.label, maxLabel) };
    const w = SWATCH_W + 5 + textWidth(item.label) + 16;
    if (row.length > 0 && x + w > width - 16) {
      rows.push(row);
      row = [];
      x = 0;
    }
    row.push({ item, x });
    x += w;
  }
  if (row.length) rows.push(row);
  return { rows, height: rows.length === 0 ? 0 : rows.length * 15 + 4 };
}

function appendLegend(doc: Document, svg: Element, items: LegendItem[], width: number, top: number): void {
  const { rows } = legendLayout(items, width);
  if (rows.length === 0) return;
  const mk = (name: string, attrs: Record<string, string | number>): Element => {
    const e = doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    return e;
  };
  const g = mk('g', { 'aria-label': 'legend', 'font-size': FONT_SIZE, 'text-anchor': 'start' });
  rows.forEach((row, ri) => {
    const cy = top + ri * 15 + 7.5;
    for (const { item, x: x0 } of row) {
      const x = 8 + x0;
      const s = item.swatch;
      if (s.kind === 'line') {
        g.appendChild(mk('line', { x1: x, x2: x + SWATCH_W, y1: cy, y2: cy, stroke: s.color, 'stroke-width': s.width ?? 2, 'stroke-dasharray': s.dash }));
      } else if (s.kind === 'band') {
        g.appendChild(mk('rect', { x, y: cy - 5, width: SWATCH_W, height: 10, fill: BAND_FILL, 'fill-opacity': BAND_OPACITY * 1.6 }));
      } else if (s.kind === 'rect') {
        g.appendChild(mk('rect', { x: x + 4, y: cy - 5, width: 14, height: 10, fill: s.fill, stroke: '#333', 'stroke-width': 0.5 }));
      } else if (s.kind === 'observation') {
        const cx = x + SWATCH_W / 2;
        g.appendChild(mk('line', { x1: cx, x2: cx, y1: cy - 6, y2: cy + 6, stroke: '#000', 'stroke-width': 1.25 }));
        g.appendChild(mk('path', { d: `M${cx - 3},${cy - 6}L${cx + 3},${cy - 6}M${cx - 3},${cy + 6}L${cx + 3},${cy + 6}`, stroke: '#000', 'stroke-width': 1.25, fill: 'none' }));
        g.appendChild(mk('circle', { cx, cy, r: 3.5, fill: '#fff', stroke: '#000', 'stroke-width': 1.5 }));
      } else {
        g.appendChild(mk('path', { d: symbolPath(s.sym, 4, x + SWATCH_W / 2, cy), fill: s.filled ? '#000' : '#fff', stroke: '#000', 'stroke-width': 1.25 }));
      }
      const t = mk('text', { x: x + SWATCH_W + 5, y: cy, dy: '0.32em', fill: 'currentColor' });
      t.textContent = item.label;
      g.appendChild(t);
    }
  });
  svg.appendChild(g);
}

// ---------------------------------------------------------------- rendering

interface Extra { legend?: { items: LegendItem[]; top: number }; post?: (svg: Element) => void }

async function render(kind: string, title: string, options: PlotOptions, extra: Extra = {}): Promise<string> {
  const { Plot, document } = await lib();
  const className = `dcplan-${kind}`;
  const node = Plot.plot({ ...options, document, className });
  const svg = node as unknown as Element;
  if (svg.tagName.toLowerCase() !== 'svg') throw new Error(`chart ${kind}: Plot returned <${svg.tagName}>, not <svg>`);
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  svg.setAttribute('font-family', FONT_STACK);
  svg.setAttribute('font-size', String(FONT_SIZE));
  const t = document.createElementNS(SVG_NS, 'title');
  t.textContent = title;
  svg.insertBefore(t, svg.firstChild);
  extra.post?.(svg);
  if (extra.legend) appendLegend(document, svg, extra.legend.items, Number(options.width), extra.legend.top);
  return stableIds(svg.outerHTML, className);
}

/** Renames Plot's process-wide counter ids (clip, pattern, marker) after a hash of the markup itself. */
function stableIds(markup: string, className: string): string {
  const re = /plot-(?:clip|pattern|marker)-\d+/g;
  if (!re.test(markup)) return markup;
  const hash = fnv1a(markup.replace(re, 'ID'));
  const seen = new Map<string, string>();
  return markup.replace(re, (id) => {
    let v = seen.get(id);
    if (v === undefined) seen.set(id, (v = `${className}-${hash}-${seen.size + 1}`));
    return v;
  });
}

function noData(title: string, lang: 'en' | 'zh' | undefined, width: number): string {
  const h = 48;
  const t = escapeXml(title);
  return `<svg xmlns="${SVG_NS}" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}" role="img" aria-label="${t}" ` +
    `font-family="${escapeXml(FONT_STACK)}" font-size="12" class="dcplan-nodata"><title>${t}</title>` +
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${h - 1}" fill="none" stroke="#bbb" stroke-dasharray="4 3" />` +
    `<text x="${width / 2}" y="${h / 2}" dy="0.32em" text-anchor="middle" fill="#555">${escapeXml(words(lang).noData)}</text></svg>`;
}

/** Halo behind labels so they stay legible over lines and grid. */
const HALO = { stroke: '#fff', strokeWidth: 3.5, paintOrder: 'stroke', strokeLinejoin: 'round' } as const;

/** Pushes label centres apart (each needs `h` px) within [top, bottom]; input order preserved in the result. */
function spread(items: { y: number; h: number }[], top: number, bottom: number): number[] {
  const order = items.map((_, i) => i).sort((a, b) => (items[a]?.y ?? 0) - (items[b]?.y ?? 0) || a - b);
  const pos = items.map((it) => it.y);
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const it = items[i] as { y: number; h: number };
    let y = Math.max(pos[i] as number, top + it.h / 2);
    if (k > 0) {
      const p = order[k - 1] as number;
      y = Math.max(y, (pos[p] as number) + ((items[p] as { h: number }).h + it.h) / 2 + 1);
    }
    pos[i] = y;
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k] as number;
    const it = items[i] as { y: number; h: number };
    let y = Math.min(pos[i] as number, bottom - it.h / 2);
    if (k < order.length - 1) {
      const nx = order[k + 1] as number;
      y = Math.min(y, (pos[nx] as number) - ((items[nx] as { h: number }).h + it.h) / 2 - 1);
    }
    pos[i] = y;
  }
  return pos;
}

// ---------------------------------------------------------------- line + band chart

interface XY { x: number; y: number }
interface Band { x: number; y1: number; y2: number }

export async function lineBandChart(input: ChartInput): Promise<string> {
  const width = dim(input.width, 640, 240);
  const height = dim(input.height, 260, 140);
  const w = words(input.lang);

  const series = input.series
    .map((s, i) => {
      const pts = s.points.filter((p) => isNum(p.year)).slice().sort((a, b) => a.year - b.year);
      const line: XY[] = pts.filter((p) => isNum(p.p50)).map((p) => ({ x: p.year, y: p.p50 }));
      const band: Band[] = pts.filter((p) => isNum(p.p5) && isNum(p.p95)).map((p) => ({ x: p.year, y1: p.p5 as number, y2: p.p95 as number }));
      return { name: s.name, dash: DASHES[i % DASHES.length] as string, color: LINE_COLORS[i % LINE_COLORS.length] as string, line, band };
    })
    .filter((s) => s.line.length + s.band.length > 0);
  if (series.length === 0) return noData(input.title, input.lang, width);

  const target = input.target && isNum(input.target.value) ? input.target : undefined;

  // observations: clamp open ends to the y domain later; skip what has nothing finite to show
  const obs = (input.observations ?? [])
    .filter((o) => isNum(o.year))
    .map((o) => {
      const lo = isNum(o.lo) ? o.lo : o.lo === -Infinity ? -Infinity : NaN;
      const hi = isNum(o.hi) ? o.hi : o.hi === Infinity ? Infinity : NaN;
      const value = isNum(o.value) ? o.value : undefined;
      return { year: o.year, lo, hi, value, label: o.label };
    })
    .filter((o) => o.value !== undefined || isNum(o.lo) || isNum(o.hi));

  // domains
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of series) {
    for (const p of s.line) { xs.push(p.x); ys.push(p.y); }
    for (const b of s.band) { xs.push(b.x); ys.push(b.y1, b.y2); }
  }
  if (target) {
    ys.push(target.value);
    if (isNum(target.year)) xs.push(target.year);
  }
  for (const o of obs) {
    xs.push(o.year);
    for (const v of [o.lo, o.hi, o.value]) if (isNum(v)) ys.push(v);
  }
  let x0 = Math.min(...xs);
  let x1 = Math.max(...xs);
  if (x1 === x0) { x0 -= 1; x1 += 1; }
  let y0 = Math.min(...ys);
  let y1 = Math.max(...ys);
  if (y0 >= 0 && y0 <= 0.5 * y1) y0 = 0;
  if (y1 <= 0 && y1 >= 0.5 * y0) y1 = 0;

  // legend first: it takes its rows from the bottom of the height
  const legendItems: LegendItem[] = series.map((s) => ({ swatch: { kind: 'line', dash: s.dash, color: s.color }, label: s.name }));
  if (series.some((s) => s.band.length > 0)) legendItems.push({ swatch: { kind: 'band' }, label: w.band });
  if (target) legendItems.push({ swatch: { kind: 'line', dash: TARGET_DASH, color: '#444', width: 1.25 }, label: w.target });
  if (obs.length > 0) legendItems.push({ swatch: { kind: 'observation' }, label: w.reported });
  const legend = legendLayout(legendItems, width);

  const marginTop = 22;
  const marginBottom = 28 + legend.height;
  const plotH = Math.max(40, height - marginTop - marginBottom);
  const ny = niceScale(y0, y1, Math.max(2, Math.round(plotH / 38)));
  const [d0, d1] = ny.domain;
  const fmt = input.format ?? stepFormat(ny.step, Math.max(Math.abs(d0), Math.abs(d1)));
  const marginLeft = Math.ceil(Math.max(28, ...ny.ticks.map((t) => textWidth(fmt(t)))) + 12);

  // end labels: wrapped, pushed apart vertically
  const labelMax = Math.min(150, Math.round(width * 0.25));
  const ends = series.map((s) => {
    const last = s.line.at(-1);
    const lastBand = s.band.at(-1);
    const x = last && (!lastBand || last.x >= lastBand.x) ? last.x : (lastBand as Band).x;
    const y = last && last.x === x ? last.y : lastBand ? (lastBand.y1 + lastBand.y2) / 2 : 0;
    const lines = wrap(s.name, labelMax, 2, true);
    return { s, x, y, lines };
  });
  const marginRight = Math.ceil(Math.max(12, ...ends.map((e) => Math.max(...e.lines.map((l) => textWidth(l, FONT_SIZE, true))) + 10)));
  const bottomPx = height - marginBottom;
  const py = (v: number): number => bottomPx - ((v - d0) / (d1 - d0)) * (bottomPx - marginTop);
  const vy = (p: number): number => d0 + ((bottomPx - p) / (bottomPx - marginTop)) * (d1 - d0);
  const placed = spread(ends.map((e) => ({ y: py(e.y), h: e.lines.length * LINE_H })), marginTop - 8, bottomPx + 8);

  const { Plot } = await lib();
  const marks: Markish[] = [];
  for (const s of series) {
    if (s.band.length > 0) marks.push(Plot.areaY(s.band, { x: 'x', y1: 'y1', y2: 'y2', fill: BAND_FILL, fillOpacity: BAND_OPACITY, curve: 'linear' }));
  }
  if (target) {
    marks.push(Plot.ruleY([target.value], { stroke: '#444', strokeWidth: 1.25, strokeDasharray: TARGET_DASH }));
  }
  for (const s of series) {
    if (s.line.length > 1) {
      marks.push(Plot.lineY(s.line, { x: 'x', y: 'y', stroke: s.color, strokeWidth: 2, strokeDasharray: s.dash, curve: 'linear' }));
    } else if (s.line.length === 1) {
      marks.push(Plot.dot(s.line, { x: 'x', y: 'y', r: 3, fill: s.color, stroke: s.color }));
    }
  }
  if (obs.length > 0) {
    const clampLo = (v: number): number => (v === -Infinity ? d0 : v);
    const clampHi = (v: number): number => (v === Infinity ? d1 : v);
    const whiskers = obs
      .map((o) => {
        const lo = isNum(o.lo) || o.lo === -Infinity ? clampLo(o.lo) : (o.value ?? o.hi);
        const hi = isNum(o.hi) || o.hi === Infinity ? clampHi(o.hi) : (o.value ?? o.lo);
        return { x: o.year, y1: lo, y2: hi, title: o.label };
      })
      .filter((r) => isNum(r.y1) && isNum(r.y2) && r.y1 !== r.y2);
    marks.push(Plot.ruleX(whiskers, { x: 'x', y1: 'y1', y2: 'y2', stroke: '#000', strokeWidth: 1.25, title: 'title' }));
    const caps = obs.flatMap((o) => [o.lo, o.hi].filter(isNum).map((y) => ({ x: o.year, y })));
    marks.push(Plot.dot(caps, { x: 'x', y: 'y', symbol: SYM.cap, r: 4, stroke: '#000', strokeWidth: 1.25, fill: 'none' }));
    const upArrows = obs.filter((o) => o.hi === Infinity).map((o) => ({ x: o.year, y: d1 }));
    const downArrows = obs.filter((o) => o.lo === -Infinity).map((o) => ({ x: o.year, y: d0 }));
    marks.push(Plot.dot(upArrows, { x: 'x', y: 'y', symbol: SYM.up, r: 3.5, fill: '#000', stroke: 'none' }));
    marks.push(Plot.dot(downArrows, { x: 'x', y: 'y', symbol: SYM.down, r: 3.5, fill: '#000', stroke: 'none' }));
    const values = obs.filter((o) => o.value !== undefined).map((o) => ({ x: o.year, y: o.value as number, title: o.label }));
    marks.push(Plot.dot(values, { x: 'x', y: 'y', r: 3.5, fill: '#fff', stroke: '#000', strokeWidth: 1.5, title: 'title' }));
    // a few observations are labelled in place (a handout has no tooltips); more would clutter
    if (obs.length <= 4) {
      const labels = obs.map((o) => {
        const finite = [o.lo, o.hi].filter(isNum);
        const y = o.value ?? (finite.length === 2 ? ((finite[0] as number) + (finite[1] as number)) / 2 : (finite[0]));
        const right = (o.year - x0) / (x1 - x0) > 0.6;
        return { x: o.year, y, t: truncate(o.label, Math.round(width * 0.3)), right };
      });
      for (const right of [false, true]) {
        marks.push(Plot.text(labels.filter((l) => l.right === right), {
          x: 'x', y: 'y', text: 't', dx: right ? -7 : 7, textAnchor: right ? 'end' : 'start', fontSize: 9, fill: '#000', ...HALO,
        }));
      }
    }
  }
  if (target) {
    if (isNum(target.year)) {
      marks.push(Plot.dot([{ x: target.year, y: target.value }], { x: 'x', y: 'y', symbol: target.kind === 'atMost' ? SYM.down : SYM.up, r: 4.5, fill: '#000', stroke: '#fff', strokeWidth: 1 }));
    }
    const tx = isNum(target.year) ? target.year : x0;
    const right = (tx - x0) / (x1 - x0) > 0.5;
    marks.push(Plot.text([{ x: tx, y: target.value, t: wrap(target.label, Math.round(width * 0.45), 2).join('\n') }], {
      x: 'x', y: 'y', text: 't', dx: right ? -8 : 8, dy: -5, textAnchor: right ? 'end' : 'start', lineAnchor: 'bottom',
      fill: '#222', fontStyle: 'italic', ...HALO,
    }));
  }
  marks.push(Plot.text(ends.map((e, i) => ({ x: e.x, y: vy(placed[i] as number), t: e.lines.join('\n'), c: e.s.color })), {
    x: 'x', y: 'y', text: 't', fill: 'c', dx: 6, textAnchor: 'start', lineAnchor: 'middle', fontWeight: 600, ...HALO,
  }));

  return render('line', input.title, {
    width,
    height,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight,
    x: { type: 'linear', domain: [x0, x1], ticks: yearTicks(x0, x1, width - marginLeft - marginRight), tickFormat: yearFormat, label: null },
    y: { type: 'linear', domain: [d0, d1], ticks: ny.ticks, tickFormat: fmt, label: input.unitLabel || null, grid: true },
    color: { type: 'identity' },
    marks,
  }, {
    legend: { items: legendItems, top: height - legend.height },
    // Plot leaves out stroke-dasharray="none" (its default); say "solid" explicitly so every
    // series line carries its dash pattern in the markup
    post: (svg) => {
      for (const g of svg.querySelectorAll('g[aria-label="line"]')) if (!g.hasAttribute('stroke-dasharray')) g.setAttribute('stroke-dasharray', 'none');
    },
  });
}

// ---------------------------------------------------------------- tornado

export async function tornadoChart(input: TornadoInput): Promise<string> {
  const width = dim(input.width, 640, 240);
  const w = words(input.lang);
  const bars = input.bars
    .filter((b) => isNum(b.low) && isNum(b.high))
    .map((b, i) => ({ i, label: b.label, lo: Math.min(b.low, b.high), hi: Math.max(b.low, b.high) }));
  if (bars.length === 0) return noData(input.title, input.lang, width);
  const base = isNum(input.base) ? input.base : undefined;

  const labelMax = Math.min(200, Math.round(width * 0.32));
  const labels = bars.map((b) => wrap(b.label, labelMax, 2));
  const marginLeft = Math.ceil(Math.max(30, ...labels.flatMap((ls) => ls.map((l) => textWidth(l)))) + 14);
  const marginRight = 14;
  const marginTop = base !== undefined ? 24 : 10;
  const marginBottom = 34;
  const rowH = Math.max(22, ...labels.map((ls) => ls.length * LINE_H + 8));
  const height = marginTop + marginBottom + rowH * bars.length;

  let lo = Math.min(...bars.map((b) => b.lo), base ?? Infinity);
  let hi = Math.max(...bars.map((b) => b.hi), base ?? -Infinity);
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const plotW = width - marginLeft - marginRight;
  const maxAbs = Math.max(Math.abs(lo), Math.abs(hi));
  // bar ends and the base are labelled one digit finer than the ticks
  const valueFmt = input.format ?? stepFormat(tickStep(lo, hi, 5) / 10, maxAbs);
  const valueW = Math.max(...bars.flatMap((b) => [textWidth(valueFmt(b.lo)), textWidth(valueFmt(b.hi))])) + 8;
  const padPx = Math.min(valueW, plotW * 0.3);
  const pad = (padPx * (hi - lo)) / Math.max(1, plotW - 2 * padPx);
  const xd: [number, number] = [lo - pad, hi + pad];
  const { ticks, step } = ticksWithin(xd[0], xd[1], Math.max(2, Math.round(plotW / 90)));
  const fmt = input.format ?? stepFormat(step, maxAbs);

  const { Plot } = await lib();
  const marks: Markish[] = [
    Plot.barX(bars, { x1: 'lo', x2: 'hi', y: 'i', fill: '#c9c9c9', stroke: '#222', strokeWidth: 0.75, title: 'label' }),
    Plot.text(bars, { x: 'lo', y: 'i', text: (b: { lo: number }) => valueFmt(b.lo), dx: -4, textAnchor: 'end', fill: '#222' }),
    Plot.text(bars, { x: 'hi', y: 'i', text: (b: { hi: number }) => valueFmt(b.hi), dx: 4, textAnchor: 'start', fill: '#222' }),
  ];
  if (base !== undefined) {
    marks.push(Plot.ruleX([base], { stroke: '#000', strokeWidth: 1.5 }));
    marks.push(Plot.text([base], { x: (d: number) => d, frameAnchor: 'top', dy: -6, lineAnchor: 'bottom', text: (d: number) => `${w.base} ${valueFmt(d)}`, fontWeight: 600 }));
  }
  return render('tornado', input.title, {
    width,
    height,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight,
    x: { type: 'linear', domain: xd, ticks, tickFormat: fmt, label: input.unitLabel, labelArrow: 'none', labelAnchor: 'right', grid: true },
    y: { type: 'band', domain: bars.map((b) => b.i), padding: 0.28, tickFormat: (i: number) => (labels[i] ?? []).join('\n'), tickSize: 0, label: null },
    marks,
  });
}

// ---------------------------------------------------------------- stacked bars

/** Layer fills: blue-greys from dark to light, spaced in lightness so they stay apart in black and white. */
function layerFills(n: number): string[] {
  return Array.from({ length: n }, (_, k) => hsl(212, 0.32, n === 1 ? 0.45 : 0.22 + (0.66 * k) / (n - 1)));
}

export async function stackedBarChart(input: StackInput): Promise<string> {
  const width = dim(input.width, 640, 240);
  const height = dim(input.height, 260, 140);
  const cols = input.years.map((y, j) => ({ y, j })).filter((c) => isNum(c.y));
  const data = cols.flatMap(({ y, j }) =>
    input.layers.map((l, k) => ({ year: y, k, v: l.values[j] as number })).filter((d) => isNum(d.v)),
  );
  if (data.length === 0) return noData(input.title, input.lang, width);
  const fills = layerFills(input.layers.length);
  const years = [...new Set(data.map((d) => d.year))].sort((a, b) => a - b);
  const pos = new Map<number, number>();
  const neg = new Map<number, number>();
  for (const d of data) {
    const m = d.v >= 0 ? pos : neg;
    m.set(d.year, (m.get(d.year) ?? 0) + d.v);
  }

  const legendItems: LegendItem[] = input.layers.map((l, k) => ({ swatch: { kind: 'rect', fill: fills[k] as string }, label: l.name }));
  const legend = legendLayout(legendItems, width);
  const marginTop = 22;
  const marginBottom = 28 + legend.height;
  const plotH = Math.max(40, height - marginTop - marginBottom);
  const top = Math.max(0, ...pos.values());
  const bottom = Math.min(0, ...neg.values());
  const ny = niceScale(bottom, top + (top - bottom) * 0.06, Math.max(2, Math.round(plotH / 38)));
  const fmt = input.format ?? stepFormat(ny.step, Math.max(Math.abs(ny.domain[0]), Math.abs(ny.domain[1])));
  const marginLeft = Math.ceil(Math.max(28, ...ny.ticks.map((t) => textWidth(fmt(t)))) + 12);
  const marginRight = 10;
  const plotW = width - marginLeft - marginRight;
  const bandW = (plotW / years.length) * 0.7;
  const every = Math.max(1, Math.ceil((years.length * 32) / plotW));
  const totals = years.map((y) => ({ year: y, t: (pos.get(y) ?? 0) + (neg.get(y) ?? 0), top: pos.get(y) ?? 0 }));
  const showTotals = input.layers.length > 1 && totals.every((t) => textWidth(fmt(t.t)) <= bandW + 12);

  const { Plot } = await lib();
  const marks: Markish[] = [
    Plot.barY(data, { x: 'year', y: 'v', fill: 'k', stroke: '#fff', strokeWidth: 0.75, order: null }),
    Plot.ruleY([0], { stroke: '#000' }),
  ];
  if (showTotals) marks.push(Plot.text(totals, { x: 'year', y: 'top', text: (d: { t: number }) => fmt(d.t), dy: -4, lineAnchor: 'bottom', fill: '#222' }));
  return render('stack', input.title, {
    width,
    height,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight,
    x: { type: 'band', domain: years, padding: 0.3, ticks: years.filter((_, i) => i % every === 0), tickFormat: yearFormat, label: null },
    y: { type: 'linear', domain: ny.domain, ticks: ny.ticks, tickFormat: fmt, label: input.unitLabel || null, grid: true },
    color: { type: 'ordinal', domain: input.layers.map((_, k) => k), range: fills },
    marks,
  }, { legend: { items: legendItems, top: height - legend.height } });
}

// ---------------------------------------------------------------- timeline

export async function timelineChart(input: TimelineInput): Promise<string> {
  const width = dim(input.width, 640, 240);
  const { start, end } = input;
  if (!isNum(start) || !isNum(end) || !(end > start)) return noData(input.title, input.lang, width);
  const eps = (end - start) * 1e-9;
  const events = input.events
    .map((e, i) => ({ ...e, i }))
    .filter((e) => isNum(e.date) && e.date >= start - eps && e.date <= end + eps)
    .sort((a, b) => a.date - b.date || a.i - b.i);
  if (events.length === 0) return noData(input.title, input.lang, width);

  const kinds = [...new Set(events.map((e) => e.kind))];
  const kindSym = (k: string): { sym: SymbolImpl; filled: boolean } => KIND_SYMBOLS[kinds.indexOf(k) % KIND_SYMBOLS.length] as { sym: SymbolImpl; filled: boolean };
  const legendItems: LegendItem[] = kinds.map((k) => ({ swatch: { kind: 'symbol', ...kindSym(k) }, label: k }));
  const legend = legendLayout(kinds.length > 1 ? legendItems : [], width);

  const marginLeft = 18;
  const marginRight = 18;
  const plotW = width - marginLeft - marginRight;
  const px = (d: number): number => marginLeft + ((d - start) / (end - start)) * plotW;
  const labelMax = Math.min(190, Math.round(plotW * 0.45));

  // Rows, placed right to left: a label never overlaps another label in its row, never
  // covers the leader of an event placed higher, and (where possible) its own leader
  // crosses no label below it. Each label extends right of its event, or left when that
  // puts it lower (or when it would not fit on the right).
  interface Placed { x: number; a: number; b: number; row: number }
  const placed: Placed[] = [];
  const gap = 6;
  const maxRow = events.length + 1;
  const layout = [...events].reverse().map((e) => {
    const x = px(e.date);
    const roomRight = width - 4 - x - 3;
    const roomLeft = x - 3 - 4;
    const text = truncate(e.label, Math.min(labelMax, Math.max(roomRight, roomLeft)));
    const tw = textWidth(text);
    const fits = (a: number, b: number, row: number, strict: boolean): boolean =>
      placed.every((p) => {
        if (p.row === row && a < p.b + gap && p.a < b + gap) return false;
        if (p.row > row && p.x >= a - 2 && p.x <= b + 2) return false;
        if (strict && p.row < row && x >= p.a - 2 && x <= p.b + 2) return false;
        return true;
      });
    const options = [
      { anchorEnd: false, a: x, b: x + 3 + tw, ok: tw <= roomRight },
      { anchorEnd: true, a: x - 3 - tw, b: x, ok: tw <= roomLeft },
    ].filter((o) => o.ok);
    let best: { anchorEnd: boolean; a: number; b: number; row: number } | undefined;
    for (const strict of [true, false]) {
      for (const o of options) {
        for (let r = 1; r <= maxRow && (!best || r < best.row); r++) {
          if (fits(o.a, o.b, r, strict)) {
            best = { ...o, row: r };
            break;
          }
        }
      }
      if (best) break;
    }
    best ??= { anchorEnd: roomLeft > roomRight, a: x, b: x, row: maxRow };
    placed.push({ x, a: best.a, b: best.b, row: best.row });
    return { date: e.date, kind: e.kind, label: e.label, text, row: best.row, anchorEnd: best.anchorEnd };
  }).reverse();
  const rows = Math.max(...layout.map((l) => l.row));
  const rowH = 16;
  const marginTop = 6;
  const marginBottom = 26 + legend.height;
  const height = marginTop + marginBottom + Math.round((rows + 0.7) * rowH);

  const { Plot } = await lib();
  const marks: Markish[] = [
    Plot.ruleY([0], { stroke: '#000', strokeWidth: 1.25 }),
    Plot.ruleX(layout, { x: 'date', y1: 0, y2: 'row', stroke: '#999', strokeWidth: 0.75 }),
  ];
  for (const k of kinds) {
    const { sym, filled } = kindSym(k);
    marks.push(Plot.dot(layout.filter((l) => l.kind === k), { x: 'date', y: 0, symbol: sym, r: 4, fill: filled ? '#000' : '#fff', stroke: '#000', strokeWidth: 1.25, title: 'label' }));
  }
  for (const anchorEnd of [false, true]) {
    marks.push(Plot.text(layout.filter((l) => l.anchorEnd === anchorEnd), {
      x: 'date', y: 'row', text: 'text', title: 'label', dx: anchorEnd ? -3 : 3, textAnchor: anchorEnd ? 'end' : 'start', lineAnchor: 'middle', fill: '#111', ...HALO,
    }));
  }
  return render('timeline', input.title, {
    width,
    height,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight,
    x: { type: 'linear', domain: [start, end], ticks: yearTicks(start, end, plotW), tickFormat: yearFormat, label: null },
    y: { type: 'linear', domain: [0, rows + 0.7], axis: null },
    marks,
  }, legend.height ? { legend: { items: legendItems, top: height - legend.height } } : {});
}

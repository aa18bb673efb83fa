/**
Every box, block, arrow and mark glyph the TUI draws, in one table, and its
ASCII twin for `dcplan tui --ascii` — for terminals (and fonts) that draw box
and block characters two cells wide, as some CJK set-ups do, or none at all.

The table is session state, like the language (src/report/i18n/lang.ts): set
once at start-up (`setAscii`) and read by every drawing function through `G`,
so no view takes one more parameter that never changes within a run. Tests
set it and put it back (`withAscii`).

Text the TUI does not build itself (numbers with a minus sign or an en dash,
"≥ 4 M", the narration's "·") is folded to ASCII cell for cell by `asciiFold`
as the line is drawn (src/tui/components/lines.tsx), so a fitted line keeps its
width; Chinese text stays as it is. No emoji anywhere: terminals draw them at
inconsistent widths.
*/

export interface Glyphs {
  /** Horizontal rule, the slider's track, a chart line. */
  h: string;
  /** Vertical rule; the file's value on a lever's slider. */
  v: string;
  /** Box corners and the chart's axis. */
  tl: string;
  tr: string;
  bl: string;
  br: string;
  axis: string;
  cross: string;
  /** Bars: live/spent, building/released, to come; Gui'an's share and the other clusters'. */
  full: string;
  medium: string;
  light: string;
  dark: string;
  quadA: string;
  quadB: string;
  /** Filler of a bar (planned, to come, stays east). */
  dot: string;
  /** The chosen row; the chosen lever's turn arrows. */
  pointer: string;
  pointerLeft: string;
  /** A value on a slider, the cursor's value on a chart. */
  knob: string;
  /** A reported figure: its centre, the span of its interval, a bound from below / above. */
  diamond: string;
  span: string;
  up: string;
  down: string;
  /** The cursor's column on a chart, a fork's column, a target's line, the P5–P95 band. */
  cursorCol: string;
  forkCol: string;
  targetLine: string;
  band: string;
  /** Met / missed. */
  ok: string;
  no: string;
  /** A fork (key f). */
  fork: string;
  /** Gui'an in the National view. */
  star: string;
  /** The timeline: the cursor year's brackets, more years either side, playing. */
  yearOpen: string;
  yearClose: string;
  moreLeft: string;
  moreRight: string;
  play: string;
  /** Arrows in key hints. */
  arrowLeft: string;
  arrowRight: string;
  arrowUp: string;
  arrowDown: string;
  shift: string;
  /** Run glyphs in Compare without colour (the first run draws the line itself). */
  runs: readonly string[];
  /** Cluster glyphs on the National chart without colour. */
  clusters: readonly string[];
}

const UNICODE: Glyphs = {
  h: '─', v: '│', tl: '┌', tr: '┐', bl: '└', br: '┘', axis: '┤', cross: '┼',
  full: '█', medium: '▒', light: '░', dark: '▓', quadA: '▚', quadB: '▞', dot: '·',
  pointer: '▸', pointerLeft: '◂', knob: '●',
  diamond: '◆', span: '┆', up: '▲', down: '▼',
  cursorCol: '┊', forkCol: '╎', targetLine: '╌', band: '░',
  ok: '✓', no: '✗', fork: '⑂', star: '★',
  yearOpen: '▕', yearClose: '▏', moreLeft: '‹', moreRight: '›', play: '▶',
  arrowLeft: '←', arrowRight: '→', arrowUp: '↑', arrowDown: '↓', shift: '⇧',
  runs: ['', '•', '×', '+', 'o', '#', '=', '%'],
  clusters: ['•', '×', '+', 'o', '#', '='],
};

const ASCII: Glyphs = {
  h: '-', v: '|', tl: '+', tr: '+', bl: '+', br: '+', axis: '|', cross: '+',
  full: '#', medium: '=', light: '~', dark: '%', quadA: '&', quadB: '@', dot: '.',
  pointer: '>', pointerLeft: '<', knob: 'O',
  diamond: '*', span: ':', up: '^', down: 'v',
  cursorCol: ':', forkCol: '!', targetLine: '=', band: '.',
  ok: 'Y', no: 'N', fork: 'f', star: '*',
  yearOpen: '[', yearClose: ']', moreLeft: '<', moreRight: '>', play: '>',
  arrowLeft: '<', arrowRight: '>', arrowUp: '^', arrowDown: 'v', shift: 'Shift-',
  runs: ['', '@', 'x', '+', 'o', '#', '=', '%'],
  clusters: ['@', 'x', '+', 'o', '#', '='],
};

let ascii = false;

/** The glyphs of this session (a live view: it follows `setAscii`). */
export const G: Glyphs = { ...UNICODE };

export function setAscii(on: boolean): void {
  ascii = on;
  Object.assign(G, on ? ASCII : UNICODE);
}

export function isAscii(): boolean {
  return ascii;
}

/** Run `f` with ASCII glyphs on or off, then put the previous table back (tests). */
export function withAscii<T>(on: boolean, f: () => T): T {
  const before = ascii;
  setAscii(on);
  try {
    return f();
  } finally {
    setAscii(before);
  }
}

/** Box-drawing characters asciichart draws, to their ASCII twins. */
const CHART_ASCII: Record<string, string> = { '─': '-', '│': '|', '┤': '|', '┼': '+', '╭': '+', '╮': '+', '╰': '+', '╯': '+', '┬': '+', '┴': '+' };

/** A chart cell's glyph in this session's table. */
export function chartGlyph(ch: string): string {
  return ascii ? (CHART_ASCII[ch] ?? ch) : ch;
}

/** One cell for one cell: what text from elsewhere (numbers, report words) becomes in ASCII. */
const FOLD: Record<string, string> = {
  '–': '-', '—': '-', '−': '-', '‐': '-', '‒': '-', '…': '.', '·': '.', '•': 'o', '×': 'x', '±': '~', '≥': '>', '≤': '<', '≈': '~',
  '“': '"', '”': '"', '‘': "'", '’': "'", '‹': '<', '›': '>', '«': '<', '»': '>', '³': '3', '²': '2', '°': 'o', '№': '#',
  '─': '-', '━': '-', '│': '|', '┃': '|', '┌': '+', '┐': '+', '└': '+', '┘': '+', '├': '+', '┤': '|', '┬': '+', '┴': '+', '┼': '+',
  '╭': '+', '╮': '+', '╰': '+', '╯': '+', '╌': '=', '╎': '!', '┆': ':', '┊': ':',
  '█': '#', '▓': '%', '▒': '=', '░': '.', '▚': '&', '▞': '@', '▕': '[', '▏': ']',
  '▸': '>', '◂': '<', '▶': '>', '◀': '<', '●': 'O', '○': 'o', '◆': '*', '◇': '*', '★': '*', '☆': '*',
  '▲': '^', '▼': 'v', '←': '<', '→': '>', '↑': '^', '↓': 'v', '⇧': '^', '✓': 'Y', '✗': 'N', '⑂': 'f',
  '\u00a0': ' ',
};

/** Han, kana, Hangul, CJK punctuation and fullwidth forms: Chinese text, kept in ASCII mode. */
const CJK = /[\u1100-\u115f\u2e80-\u303f\u3040-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3fffd}]/u;

/**
Text as it is drawn in ASCII mode: every character outside ASCII and outside
Chinese text replaced by an ASCII one of the same width ("−4.0 M" → "-4.0 M",
"P5–P95" → "P5-P95", "≥ 12" → "> 12"); anything unknown becomes "?". Unchanged
when ASCII mode is off.
*/
export function asciiFold(s: string): string {
  if (!ascii) return s;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 || CJK.test(ch)) out += ch;
    else if (ch in FOLD) out += FOLD[ch];
    else if (cp >= 0x300 && cp <= 0x36f) continue;
    else out += '?';
  }
  return out;
}

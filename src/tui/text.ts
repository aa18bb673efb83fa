/**
Terminal text helpers: display width, truncation with an ellipsis, padding and
word wrap. Every line the TUI draws is built to an exact width with these, so
nothing wraps or spills past the edge — Ink's own truncation and wrapping
(cli-truncate, wrap-ansi) are never asked to cut a line, because they count
some wide characters differently from the terminal.

Width is `string-width`'s (the same package Ink measures with): East Asian Wide
and Fullwidth characters take two cells, ambiguous ones (box drawing, ░▒█, ●)
one — what glibc's wcwidth, and so tmux and most terminals, give them — and
combining marks none. Cutting works on grapheme clusters, so a character and
its marks stay together. Wrapping breaks between words (`Intl.Segmenter`, with
the Chinese dictionary for Chinese text): at spaces, and inside Chinese text
between words, never inside a Latin word, never before closing punctuation
(，。）) nor after opening punctuation (（“).
*/
import { displayWidth } from '../report/width.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** Cells a string takes on the terminal (ANSI sequences take none): the tables' measure (src/report/width.ts). */
export const width = displayWidth;

const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

function graphemes(s: string): string[] {
  return Array.from(GRAPHEMES.segment(s), (g) => g.segment);
}

/** Cut to at most `w` cells, ending in "…" when something was cut. */
export function truncate(s: string, w: number): string {
  if (w <= 0) return '';
  if (width(s) <= w) return s;
  let out = '';
  let used = 0;
  for (const g of graphemes(s)) {
    const cw = width(g);
    if (used + cw > w - 1) break;
    out += g;
    used += cw;
  }
  return out + '…';
}

/** Left-aligned in exactly `w` cells (truncated if longer). */
export function padEnd(s: string, w: number): string {
  const t = truncate(s, w);
  return t + ' '.repeat(Math.max(0, w - width(t)));
}

/** Right-aligned in exactly `w` cells (truncated if longer). */
export function padStart(s: string, w: number): string {
  const t = truncate(s, w);
  return ' '.repeat(Math.max(0, w - width(t))) + t;
}

/** Centred in exactly `w` cells. */
export function center(s: string, w: number): string {
  const t = truncate(s, w);
  const left = Math.floor((w - width(t)) / 2);
  return ' '.repeat(Math.max(0, left)) + t + ' '.repeat(Math.max(0, w - left - width(t)));
}

/** Han, kana, Hangul, CJK punctuation and fullwidth forms: text that breaks between words without spaces. */
const CJK = /[\u1100-\u115f\u2e80-\u303f\u3040-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3fffd}]/u;

/** Contains Chinese (or other CJK) text. */
export function hasCjk(s: string): boolean {
  return CJK.test(s);
}

/** No line starts with these (closing punctuation, and the ellipsis and dashes that end a phrase). */
const NO_BREAK_BEFORE = /^[，。、；：？！）》」』】〕〉”’%,.;:?!)\]}…·]/u;
/** No line ends with these (opening punctuation). */
const NO_BREAK_AFTER = /[（《「『【〔〈“‘([{]$/u;

const SEGMENTERS = { zh: new Intl.Segmenter('zh', { granularity: 'word' }), en: new Intl.Segmenter('en', { granularity: 'word' }) };

interface Token {
  text: string;
  /** Whitespace came before it (a space is drawn between it and the token before on the same line). */
  space: boolean;
}

/**
The text as tokens that are never broken inside: a token ends at whitespace,
and at a word boundary that touches CJK text — unless punctuation forbids the
break there. A Latin word, a number with its decimals, "Gui'an", "P5–P95" and
"4.0 M" stay whole; "数据中心" (one word to the dictionary) stays whole too.
*/
function tokens(s: string): Token[] {
  const seg = hasCjk(s) ? SEGMENTERS.zh : SEGMENTERS.en;
  const out: Token[] = [];
  let cur = '';
  let space = false;
  let pendingSpace = false;
  for (const { segment } of seg.segment(s)) {
    if (/^\s+$/u.test(segment)) {
      if (cur) out.push({ text: cur, space });
      cur = '';
      pendingSpace = true;
      continue;
    }
    if (!cur) {
      cur = segment;
      space = pendingSpace && out.length > 0;
      pendingSpace = false;
      continue;
    }
    const last = [...cur].at(-1)!;
    const first = [...segment][0]!;
    // a number keeps its magnitude word: "21.6万", "405亿"
    const magnitude = /\d$/.test(cur) && /^[万亿]/u.test(segment);
    const breakable = (CJK.test(last) || CJK.test(first)) && !magnitude && !NO_BREAK_BEFORE.test(segment) && !NO_BREAK_AFTER.test(cur);
    if (breakable) {
      out.push({ text: cur, space });
      cur = segment;
      space = false;
    } else cur += segment;
  }
  if (cur) out.push({ text: cur, space });
  return out;
}

/** A token wider than a line, cut into line-wide pieces (grapheme by grapheme). */
function split(text: string, w: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const g of graphemes(text)) {
    if (width(line + g) > w && line) {
      out.push(line);
      line = '';
    }
    line += g;
  }
  if (line) out.push(line);
  return out;
}

/**
Greedy word wrap into lines of at most `w` cells; at most `maxLines`: when the
text is longer, the last line keeps the whole words that fit and ends in " …"
("…" after Chinese). A word is cut only when it alone is wider than a line.
*/
export function wrap(s: string, w: number, maxLines = Infinity): string[] {
  if (w <= 0) return [];
  const toks = tokens(s);
  const lines: { text: string; from: number }[] = [];
  let line = '';
  let from = 0;
  toks.forEach((tok, i) => {
    const next = line ? `${line}${tok.space ? ' ' : ''}${tok.text}` : tok.text;
    if (width(next) <= w) {
      if (!line) from = i;
      line = next;
      return;
    }
    if (line) lines.push({ text: line, from });
    if (width(tok.text) > w) {
      const parts = split(tok.text, w);
      for (const p of parts.slice(0, -1)) lines.push({ text: p, from: i });
      line = parts.at(-1) ?? '';
    } else line = tok.text;
    from = i;
  });
  if (line) lines.push({ text: line, from });
  if (lines.length <= maxLines) return lines.map((l) => l.text);
  if (maxLines <= 0) return [];
  const kept = lines.slice(0, maxLines - 1).map((l) => l.text);
  const rest = toks.slice(lines[maxLines - 1]!.from);
  let last = '';
  for (const tok of rest) {
    const next = last ? `${last}${tok.space ? ' ' : ''}${tok.text}` : tok.text;
    if (width(next) + 2 > w) break;
    last = next;
  }
  const ellipsis = last && hasCjk([...last].at(-1)!) ? '…' : ' …';
  kept.push(last ? `${last}${ellipsis}` : truncate(rest.map((t) => t.text).join(' '), w));
  return kept;
}

/** `s` followed by a space, unless it ends in full-width punctuation (which carries its own space): "Limit: " but "限制因素：". */
export function spaced(s: string): string {
  return /[：，。；、）]$/u.test(s) ? s : `${s} `;
}

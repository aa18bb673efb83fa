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
  /** The pieces it was glued from (punctuation to its word): where to cut it first when it is wider than a line. */
  parts: string[];
  /** Whitespace came before it (a space is drawn between it and the token before on the same line). */
  space: boolean;
}

/**
The segmenter's words, each cut again where CJK and other text meet: ICU keeps
"1,000，4.0" as one word (a full-width comma between digits reads as a number
separator), which would leave the line breaker no place but inside "4.0".
*/
function* pieces(seg: Intl.Segmenter, s: string): Generator<string> {
  for (const { segment } of seg.segment(s)) {
    let cur = '';
    let cjk: boolean | undefined;
    for (const ch of segment) {
      const c = CJK.test(ch);
      if (cur && c !== cjk) {
        yield cur;
        cur = '';
      }
      cur += ch;
      cjk = c;
    }
    if (cur) yield cur;
  }
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
  let parts: string[] = [];
  let space = false;
  let pendingSpace = false;
  const flush = (): void => {
    if (parts.length > 0) out.push({ text: parts.join(''), parts, space });
    parts = [];
  };
  for (const segment of pieces(seg, s)) {
    if (/^\s+$/u.test(segment)) {
      flush();
      pendingSpace = true;
      continue;
    }
    if (parts.length === 0) {
      parts = [segment];
      space = pendingSpace && out.length > 0;
      pendingSpace = false;
      continue;
    }
    const cur = parts[parts.length - 1]!;
    const last = [...cur].at(-1)!;
    const first = [...segment][0]!;
    // a number keeps its magnitude word: "21.6万", "405亿"
    const magnitude = /\d$/.test(cur) && /^[万亿]/u.test(segment);
    const breakable = (CJK.test(last) || CJK.test(first)) && !magnitude && !NO_BREAK_BEFORE.test(segment) && !NO_BREAK_AFTER.test(cur);
    if (breakable) {
      flush();
      parts = [segment];
      space = false;
    } else parts.push(segment);
  }
  flush();
  return out;
}

/**
A token wider than a line, cut into line-wide pieces: between the pieces it was
glued from where they fit ("（（" and "Gui'an": the punctuation rule gives way
before a word is cut), grapheme by grapheme inside a piece wider than a line.
*/
function split(tok: Token, w: number): string[] {
  const out: string[] = [];
  let line = '';
  const add = (g: string): void => {
    if (width(line + g) > w && line) {
      out.push(line);
      line = '';
    }
    line += g;
  };
  for (const part of tok.parts) {
    if (width(part) <= w) add(part);
    else for (const g of graphemes(part)) add(g);
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
      const parts = split(tok, w);
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

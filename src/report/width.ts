/**
Text laid out in terminal cells: a Chinese character takes two columns, an
ASCII letter one. Every text table pads, clips and wraps with these, so a
Chinese header lines up over its numbers. (`String.length` counts UTF-16 code
units, which is right for ASCII and wrong for 中文.) Ambiguous-width symbols
(–, ≥, …, →) count as one cell, as terminals outside CJK locales draw them.

The measure is string-width's (the one Ink uses). It is loaded only for text
that needs its grapheme clusters (emoji, combining marks, ANSI colours): its
module builds an `Intl.Segmenter` and Unicode-property regexes when it loads,
~10 ms that every start (`dcplan --help` too) paid, while tables and help are
ASCII and CJK. (scripts/build.mjs keeps those regexes out of compile time.)
*/
import { createRequire } from 'node:module';
import { eastAsianWidth } from 'get-east-asian-width';

/**
Text whose every code point is a grapheme cluster of its own, visible, and
neither an emoji nor a Hangul jamo: Latin, Greek, Cyrillic, punctuation,
arrows, box drawing, CJK, kana, Hangul syllables, full-width forms. For such
text string-width adds up each code point's East Asian Width, so that sum is
its answer without the segmenter. (Ranges leave out the combining marks inside
them, e.g. U+302A–302F and U+3099–309A; test/report/width.test.ts checks every
code point here against string-width and Intl.Segmenter.)
*/
export const SIMPLE_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], [0xa0, 0xac], [0xae, 0x2ff], [0x370, 0x482], [0x48a, 0x52f], [0x1d00, 0x1dbf], [0x1e00, 0x1fff],
  [0x2010, 0x2027], [0x2030, 0x205e], [0x2070, 0x20cf], [0x2100, 0x2bff],
  [0x2e80, 0x3029], [0x3030, 0x3096], [0x309b, 0x30ff], [0x3105, 0x312f], [0x3190, 0x4dbf], [0x4e00, 0x9fff],
  [0xa000, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f],
  [0xff01, 0xff60], [0xffe0, 0xffe6], [0x20000, 0x3fffd],
];
const hex = (n: number): string => `\\u{${n.toString(16)}}`;
const SIMPLE = new RegExp(`^[${SIMPLE_RANGES.map(([a, b]) => `${hex(a)}-${hex(b)}`).join('')}]*$`, 'u');

let clusterWidth: typeof import('string-width').default | undefined;

/**
string-width, loaded at the first text that needs it, synchronously (the
tables are not async). In the bundle this `require` is esbuild's: it runs the
bundled module then (the same one Ink imports). Unbundled (vitest, tsx) it is
Node's, which loads an ES module since Node 20.19.
*/
function loadStringWidth(): typeof import('string-width').default {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = (typeof require === 'function' ? require('string-width') : createRequire(import.meta.url)('string-width')) as typeof import('string-width');
  return mod.default;
}

/** Columns `s` takes on a terminal. */
export function displayWidth(s: string): number {
  // ASCII (the English tables): no need to ask the Unicode tables
  if (/^[\x20-\x7e]*$/.test(s)) return s.length;
  if (SIMPLE.test(s)) {
    let n = 0;
    for (const ch of s) n += eastAsianWidth(ch.codePointAt(0)!);
    return n;
  }
  clusterWidth ??= loadStringWidth();
  return clusterWidth(s);
}

/** Right-aligned in `w` columns (longer text as it is). */
export function padStartW(s: string, w: number): string {
  const n = displayWidth(s);
  return n >= w ? s : ' '.repeat(w - n) + s;
}

/** Left-aligned in `w` columns (longer text as it is). */
export function padEndW(s: string, w: number): string {
  const n = displayWidth(s);
  return n >= w ? s : s + ' '.repeat(w - n);
}

/** At most `w` columns, cut with "…" (which takes one). */
export function clipW(s: string, w: number): string {
  if (displayWidth(s) <= w) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const cw = displayWidth(ch);
    if (used + cw > w - 1) break;
    out += ch;
    used += cw;
  }
  return out + '…';
}

/** Characters a terminal draws two columns wide (Han, kana, full-width punctuation). */
const WIDE_RANGES = '\\u1100-\\u115f\\u2e80-\\u303e\\u3041-\\u33ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\ua000-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6';
const WIDE = new RegExp(`[${WIDE_RANGES}]`);
const PIECE = new RegExp(`[${WIDE_RANGES}]|[^${WIDE_RANGES}]+`, 'g');

/** Punctuation a line may not start with (it stays with the character before it). */
const NO_START = /^[，。、；：！？）》」』”’％…,.;:!?)\]%]/;
/** Punctuation a line may not end with (it goes with the character after it). */
const NO_END = /[（《「『“‘([]$/;

/**
Pieces of a word that a line may break between: each wide character on its
own, runs of narrow ones whole, closing punctuation kept with what precedes
it and opening punctuation with what follows.
*/
function pieces(word: string): string[] {
  const raw = word.match(PIECE) ?? [word];
  const out: string[] = [];
  for (const p of raw) {
    const last = out.length - 1;
    if (last >= 0 && (NO_START.test(p) || NO_END.test(out[last]!))) out[last] += p;
    else out.push(p);
  }
  return out;
}

/**
Words wrapped at `width` columns, continuation lines starting with `indent`;
the text's own leading spaces stay on its first line. English breaks at spaces
only (exactly as before Chinese came in); a word with Chinese in it may also
break between its characters, never before closing punctuation such as "，".
*/
export function wrapWidth(text: string, width = 80, indent = '  '): string[] {
  const out: string[] = [];
  const lead = /^ */.exec(text)![0];
  let line = lead;
  let used = lead.length;
  const filled = (): boolean => line.trim() !== '';
  const put = (word: string, sep: string): void => {
    line = filled() ? `${line}${sep}${word}` : line + word;
    used = displayWidth(line);
  };
  const newLine = (): void => {
    out.push(line);
    line = indent;
    used = indent.length;
  };
  for (const word of text.slice(lead.length).split(' ')) {
    const w = displayWidth(word);
    const wide = WIDE.test(word);
    if (filled() ? used + 1 + w <= width : !wide || used + w <= width) {
      put(word, ' ');
      continue;
    }
    if (!wide) {
      newLine();
      put(word, ' ');
      continue;
    }
    // fill the line with as much of the word as fits, then go on below
    let sep = ' ';
    for (const piece of pieces(word)) {
      const pw = displayWidth(piece);
      if (filled() && used + (sep ? 1 : 0) + pw > width) {
        newLine();
        sep = '';
      }
      put(piece, sep);
      sep = '';
    }
  }
  if (line) out.push(line);
  return out;
}

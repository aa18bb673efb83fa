/**
Text laid out in terminal cells: a Chinese character takes two columns, an
ASCII letter one. Every text table pads, clips and wraps with these, so a
Chinese header lines up over its numbers. (`String.length` counts UTF-16 code
units, which is right for ASCII and wrong for 中文.) Ambiguous-width symbols
(–, ≥, …, →) count as one cell, as terminals outside CJK locales draw them.
*/
import stringWidth from 'string-width';

/** Columns `s` takes on a terminal. */
export function displayWidth(s: string): number {
  // ASCII (the English tables): no need to ask the Unicode tables
  return /^[\x20-\x7e]*$/.test(s) ? s.length : stringWidth(s);
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

/**
Terminal text helpers: display width (CJK counts two cells, combining marks
none), truncation with an ellipsis, and padding. Every line the TUI draws is
built to an exact width with these, so nothing wraps or spills past the edge.
*/

const WIDE: [number, number][] = [
  [0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff],
  [0xa000, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff60],
  [0xffe0, 0xffe6], [0x1f300, 0x1f64f], [0x1f900, 0x1f9ff], [0x20000, 0x3fffd],
];

function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfe0f) return 0;
  for (const [a, b] of WIDE) if (cp >= a && cp <= b) return 2;
  return 1;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** Cells a string takes on the terminal (ANSI sequences take none). */
export function width(s: string): number {
  let w = 0;
  for (const ch of stripAnsi(s)) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** Cut to at most `w` cells, ending in "…" when something was cut. */
export function truncate(s: string, w: number): string {
  if (w <= 0) return '';
  if (width(s) <= w) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (used + cw > w - 1) break;
    out += ch;
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

/**
Greedy word wrap into lines of at most `w` cells; at most `maxLines`: when the
text is longer, the last line keeps the whole words that fit and ends in " …"
(a word is cut only when it alone is wider than a line).
*/
export function wrap(s: string, w: number, maxLines = Infinity): string[] {
  const words = s.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (width(next) <= w) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    line = width(word) > w ? truncate(word, w) : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines - 1);
    const rest = lines.slice(maxLines - 1).join(' ');
    let last = '';
    for (const word of rest.split(' ')) {
      const next = last ? `${last} ${word}` : word;
      if (width(next) + 2 > w) break;
      last = next;
    }
    kept.push(last ? `${last} …` : truncate(rest, w));
    return kept;
  }
  return lines;
}

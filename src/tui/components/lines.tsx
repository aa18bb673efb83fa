/**
The drawing primitive of every view: a line is a list of styled segments whose
widths the view has already fitted to the space it was given. Colour is
applied only when the theme allows it (NO_COLOR turns it off); bold, dim and
inverse still mark the cursor and headings without colour.
*/
import { Box, Text } from 'ink';
import { createContext, useContext, type ReactElement } from 'react';
import { asciiFold } from '../glyphs.js';
import { padEnd, truncate, width as textWidth } from '../text.js';

export type Color = 'green' | 'red' | 'yellow' | 'cyan' | 'magenta' | 'blue' | 'gray' | 'white';

export interface Seg {
  text: string;
  color?: Color;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

export type Line = Seg[];

export interface Theme {
  color: boolean;
}

export const ThemeContext = createContext<Theme>({ color: true });

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/**
Colour is off when NO_COLOR is set to anything non-empty (https://no-color.org),
when FORCE_COLOR is 0, or when the terminal says it has none; on otherwise.
*/
export function themeFromEnv(env: NodeJS.ProcessEnv = process.env, stdout?: { hasColors?: () => boolean }): Theme {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return { color: false };
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return { color: false };
  if (env.FORCE_COLOR !== undefined) return { color: true };
  return { color: typeof stdout?.hasColors === 'function' ? stdout.hasColors() : true };
}

export const seg = (text: string, style: Omit<Seg, 'text'> = {}): Seg => ({ text, ...style });

export function lineWidth(line: Line): number {
  let w = 0;
  for (const s of line) w += textWidth(s.text);
  return w;
}

/** Cut a line to `w` cells (the last kept segment ends in "…") and pad it to exactly `w`. */
export function fit(line: Line, w: number, padStyle: Omit<Seg, 'text'> | null = {}): Line {
  const out: Line = [];
  let used = 0;
  for (const s of line) {
    const sw = textWidth(s.text);
    if (used + sw <= w) {
      out.push(s);
      used += sw;
      continue;
    }
    const room = w - used;
    if (room > 0) out.push({ ...s, text: truncate(s.text, room) });
    used = w;
    break;
  }
  if (used < w && padStyle) out.push({ text: ' '.repeat(w - used), ...padStyle });
  return out;
}

/** A text cell of exactly `w` cells. */
export const cell = (text: string, w: number, style: Omit<Seg, 'text'> = {}): Seg => ({ text: padEnd(text, w), ...style });

const FG: Record<Color, number> = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, gray: 90 };

/** A line as one string with SGR styles (colour only when `color`), adjacent equal styles merged; with `--ascii`, folded to ASCII cell for cell (src/tui/glyphs.ts). */
export function lineToAnsi(line: Line, color: boolean): string {
  let out = '';
  let open = '';
  for (const s of line) {
    const codes: number[] = [];
    if (s.bold) codes.push(1);
    if (s.dim) codes.push(2);
    if (s.underline) codes.push(4);
    if (s.inverse) codes.push(7);
    if (color && s.color) codes.push(FG[s.color]);
    const sgr = codes.length ? `\u001b[${codes.join(';')}m` : '';
    if (sgr !== open) {
      if (open) out += '\u001b[0m';
      out += sgr;
      open = sgr;
    }
    out += asciiFold(s.text);
  }
  if (open) out += '\u001b[0m';
  return out;
}

/**
One line of the screen. It is drawn as a single Ink Text holding the styled
string: one node per line instead of one per segment keeps Ink's layout work
(and so the time from a key press to the new frame) small.
*/
export function LineView({ line, width }: { line: Line; width: number }): ReactElement {
  const theme = useTheme();
  const text = lineToAnsi(fit(line, width, null), theme.color);
  return <Text wrap="truncate-end">{text || ' '}</Text>;
}

/** Exactly `height` lines (blank ones added, extra ones dropped), each `width` wide. */
export function Lines({ lines, width, height }: { lines: Line[]; width: number; height?: number }): ReactElement {
  const h = height ?? lines.length;
  const shown = lines.slice(0, h);
  while (shown.length < h) shown.push([]);
  return (
    <Box flexDirection="column" width={width} height={h}>
      {shown.map((l, i) => (
        <LineView key={i} line={l} width={width} />
      ))}
    </Box>
  );
}

/**
The drawing primitive of every view: a line is a list of styled segments whose
widths the view has already fitted to the space it was given. Colour is
applied only when the theme allows it (NO_COLOR turns it off); bold, dim and
inverse still mark the cursor and headings without colour.
*/
import { Box, Text } from 'ink';
import { createContext, useContext, type ReactElement } from 'react';
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

/** Colour is off when NO_COLOR is set to anything non-empty (https://no-color.org). */
export function themeFromEnv(env: NodeJS.ProcessEnv = process.env): Theme {
  return { color: !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') };
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

export function LineView({ line, width }: { line: Line; width: number }): ReactElement {
  const theme = useTheme();
  const fitted = fit(line, width, null);
  return (
    <Text wrap="truncate-end">
      {fitted.length === 0 ? ' ' : null}
      {fitted.map((s, i) => (
        <Text
          key={i}
          color={theme.color ? s.color : undefined}
          bold={s.bold}
          dimColor={s.dim}
          inverse={s.inverse}
          underline={s.underline}
        >
          {s.text}
        </Text>
      ))}
    </Text>
  );
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

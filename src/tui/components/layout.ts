/**
How the screen's rows are shared out: header, timeline and tabs on top, the
view (or an overlay: help, glossary) in the middle with the levers panel under
it when open, then a rule, the narration and the footer. The last terminal row
stays free so Ink redraws in place instead of clearing the screen.
*/
import type { TuiState } from '../model.js';
import { leverPanelHeight } from './levers.js';

export interface Layout {
  width: number;
  /** Lines drawn (one less than the terminal's rows). */
  height: number;
  content: number;
  levers: number;
  narration: number;
}

export function layout(s: TuiState, columns: number, rows: number): Layout {
  const width = Math.max(20, columns);
  const height = Math.max(8, rows - 1);
  const narration = height >= 33 ? 3 : 2;
  const levers = s.levers.open && !s.help && !s.glossary ? leverPanelHeight(s) : 0;
  // header, timeline, tabs, rule, narration, footer
  const content = Math.max(1, height - 3 - 1 - narration - 1 - levers);
  return { width, height, content, levers, narration };
}

/** Rows an overlay (help, glossary) gets: the view's and the levers panel's. */
export function overlayHeight(s: TuiState, columns: number, rows: number): number {
  const L = layout(s, columns, rows);
  return L.content + L.levers;
}

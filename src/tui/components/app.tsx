/**
The whole screen, top to bottom: header, year timeline, view tabs, the view
(or the help overlay), the levers panel when open, the narration for the
cursor year, and the footer of keys. Heights follow the terminal: the view
gets whatever the fixed parts leave, and the last terminal row stays free so
Ink redraws in place instead of clearing the screen.
*/
import { Box } from 'ink';
import type { ReactElement } from 'react';
import { useKeys } from '../hooks/use-keys.js';
import { useTuiState } from '../hooks/use-store.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useYearPlayback } from '../hooks/use-year-cursor.js';
import type { TuiState } from '../model.js';
import type { TuiStore } from '../store.js';
import { center } from '../text.js';
import { Compare } from '../views/compare.js';
import { DataCenters } from '../views/datacenters.js';
import { Energy } from '../views/energy.js';
import { Flows } from '../views/flows.js';
import { Money } from '../views/money.js';
import { National } from '../views/national.js';
import { Overview } from '../views/overview.js';
import type { ViewProps } from '../views/common.js';
import { footerLine, headerLine, narrationLines, tabsLine, timelineLine } from './chrome.js';
import { helpLines } from './help.js';
import { leverLines, leverPanelHeight } from './levers.js';
import { LineView, Lines, seg, useTheme, type Line } from './lines.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;

export interface AppProps {
  store: TuiStore;
  /** Milliseconds per year while playing. */
  playMs?: number;
}

function View(p: ViewProps): ReactElement {
  switch (p.state.view) {
    case 'overview':
      return <Overview {...p} />;
    case 'datacenters':
      return <DataCenters {...p} />;
    case 'flows':
      return <Flows {...p} />;
    case 'energy':
      return <Energy {...p} />;
    case 'money':
      return <Money {...p} />;
    case 'compare':
      return <Compare {...p} />;
    case 'national':
      return <National {...p} />;
  }
}

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
  const levers = s.levers.open && !s.help ? leverPanelHeight(s) : 0;
  // header, timeline, tabs, rule, narration, footer
  const content = Math.max(1, height - 3 - 1 - narration - 1 - levers);
  return { width, height, content, levers, narration };
}

export function App({ store, playMs = 800 }: AppProps): ReactElement {
  const state = useTuiState(store);
  const { columns, rows } = useTerminalSize();
  const theme = useTheme();
  useKeys(store);
  useYearPlayback(store, state.playing, playMs);

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    const w = Math.max(10, columns);
    return (
      <Box flexDirection="column" width={w}>
        <LineView width={w} line={[seg(center(`dcplan needs at least ${MIN_COLUMNS}×${MIN_ROWS}`, w), { bold: true })]} />
        <LineView width={w} line={[seg(center(`this terminal is ${columns}×${rows}; q quits`, w), { dim: true })]} />
      </Box>
    );
  }

  const L = layout(state, columns, rows);
  const w = L.width;
  const rule: Line = [seg('─'.repeat(w), { dim: true })];
  const viewProps: ViewProps = { state, width: w, height: L.content, color: theme.color };
  return (
    <Box flexDirection="column" width={w} height={L.height}>
      <LineView width={w} line={headerLine(state, w)} />
      <LineView width={w} line={timelineLine(state, w)} />
      <LineView width={w} line={tabsLine(state, w)} />
      {state.help ? (
        <Lines lines={helpLines(w, L.content + L.levers, state.observed !== undefined)} width={w} height={L.content + L.levers} />
      ) : (
        <>
          <View {...viewProps} />
          {L.levers > 0 ? <Lines lines={leverLines(state, w, theme.color)} width={w} height={L.levers} /> : null}
        </>
      )}
      <LineView width={w} line={rule} />
      <Lines lines={narrationLines(state, w, L.narration)} width={w} height={L.narration} />
      <LineView width={w} line={footerLine(state, w)} />
    </Box>
  );
}

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
import { t } from '../../report/i18n/catalogue.js';
import { G } from '../glyphs.js';
import { playInterval } from '../model.js';
import { footerLine, headerLine, narrationLines, tabsLine, timelineLine } from './chrome.js';
import { glossaryLines } from './glossary.js';
import { helpLines } from './help.js';
import { layout } from './layout.js';
import { leverLines } from './levers.js';
import { LineView, Lines, seg, useTheme, type Line } from './lines.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;

export interface AppProps {
  store: TuiStore;
  /** Milliseconds per year while playing at 1× (`+`/`-` change the speed). */
  playMs?: number;
}

/** The chosen view (the lesson player shows the same). */
export function View(p: ViewProps): ReactElement {
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

export { layout, type Layout } from './layout.js';

export function App({ store, playMs = 800 }: AppProps): ReactElement {
  const state = useTuiState(store);
  const { columns, rows } = useTerminalSize();
  const theme = useTheme();
  useKeys(store, { columns, rows });
  useYearPlayback(store, state.playing, playInterval(state, playMs));

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    const w = Math.max(10, columns);
    return (
      <Box flexDirection="column" width={w}>
        <LineView width={w} line={[seg(center(t('tui.app.tooSmall', { columns: MIN_COLUMNS, rows: MIN_ROWS }), w), { bold: true })]} />
        <LineView width={w} line={[seg(center(t('tui.app.terminalIs', { columns, rows }), w), { dim: true })]} />
      </Box>
    );
  }

  const L = layout(state, columns, rows);
  const w = L.width;
  const rule: Line = [seg(G.h.repeat(w), { dim: true })];
  const viewProps: ViewProps = { state, width: w, height: L.content, color: theme.color };
  return (
    <Box flexDirection="column" width={w} height={L.height}>
      <LineView width={w} line={headerLine(state, w)} />
      <LineView width={w} line={timelineLine(state, w)} />
      <LineView width={w} line={tabsLine(state, w)} />
      {state.help ? (
        <Lines lines={helpLines(w, L.content + L.levers, state.observed !== undefined)} width={w} height={L.content + L.levers} />
      ) : state.glossary ? (
        <Lines lines={glossaryLines(state, w, L.content + L.levers)} width={w} height={L.content + L.levers} />
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

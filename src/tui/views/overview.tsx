/**
Overview: the cursor year's KPIs against the plan's targets (value, change,
goal, the verdict at the target year with its Monte Carlo probability, the
P5–P95 band), a line for each target on which the central case and the median
disagree, the answer to "what would it take?" (w, src/tui/goal.ts), and a
chart over the years of the chosen KPI with the cursor, band and target.
*/
import type { ReactElement } from 'react';
import { Lines, seg, type Line } from '../components/lines.js';
import { goalLines } from '../goal.js';
import { isMedian, verdictSplits, viewBasis } from '../model.js';
import { t } from '../../report/i18n/catalogue.js';
import { wrap } from '../text.js';
import { metricPanel, type ViewProps } from './common.js';
import { overviewRows } from './rows.js';

export function overviewLines(p: ViewProps): Line[] {
  const run = p.state.runs[p.state.focus]!;
  const splits = isMedian(run, viewBasis(p.state)) ? verdictSplits(run) : [];
  // "what would it take?" (w) first, up to three lines; the splits at most two; none when the table would have no room
  const goal = goalLines(p.state, p.width, p.height >= 20 ? 3 : p.height >= 10 ? 2 : 0);
  const room = Math.max(0, (p.height >= 14 ? 2 : p.height >= 10 ? 1 : 0) - (goal.length > 0 ? 1 : 0));
  const text = room > 0 && splits.length > 0 ? wrap(splits.join(t('tui.narration.sentenceSep')) + t('tui.narration.stop'), p.width - 2, room) : [];
  const notes: Line[] = [...goal, ...text.map((t): Line => [seg('  '), seg(t, { color: 'yellow' })])];
  return metricPanel(p, overviewRows(run.scenario.targets), p.state.selection.overview, [], notes);
}

export function Overview(p: ViewProps): ReactElement {
  return <Lines lines={overviewLines(p)} width={p.width} height={p.height} />;
}

/**
Overview: the cursor year's KPIs against the plan's targets (value, change,
goal, outcome at the target year with its Monte Carlo probability), and a
chart over the years of the chosen KPI with the cursor, band and target.
*/
import type { ReactElement } from 'react';
import { Lines, type Line } from '../components/lines.js';
import { metricPanel, type ViewProps } from './common.js';
import { overviewRows } from './rows.js';

export function overviewLines(p: ViewProps): Line[] {
  const run = p.state.runs[p.state.focus]!;
  return metricPanel(p, overviewRows(run.scenario.targets), p.state.selection.overview);
}

export function Overview(p: ViewProps): ReactElement {
  return <Lines lines={overviewLines(p)} width={p.width} height={p.height} />;
}

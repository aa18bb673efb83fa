/**
Money: construction capex spent against the budget released (a bar), server
capex, opex, revenue, NPV to date, the payback year (of the central case: only
the central run has one) and jobs in the cursor year; a chart of the chosen
metric.
*/
import type { ReactElement } from 'react';
import { Lines, seg, type Line } from '../components/lines.js';
import { fmt } from '../../report/display.js';
import { currentYear, isMedian, valueAt, viewBasis } from '../model.js';
import { bar, metricPanel, type ViewProps } from './common.js';
import { MONEY_METRICS } from './rows.js';

export function moneyLines(p: ViewProps): Line[] {
  const { state, width, height } = p;
  const run = state.runs[state.focus]!;
  const year = currentYear(state);
  const basis = viewBasis(state);
  const capex = valueAt(run, 'capexCumCNY', year, basis);
  const budget = valueAt(run, 'budgetCumCNY', year, basis);
  const total = run.scenario.investment.total;
  const head: Line[] = [];
  if (height >= 11) {
    const text = ` Capex spent ${fmt(capex, 'CNY')} · budget released ${fmt(budget, 'CNY')} of ${fmt(total, 'CNY')} `;
    const barW = Math.max(6, width - text.length - 2);
    const scale = Math.max(total, budget, capex);
    head.push([
      seg(text),
      ...bar(
        [
          { value: Math.min(capex, budget), char: '█', color: 'cyan' },
          { value: Math.max(0, budget - capex), char: '▒', color: 'gray' },
          { value: Math.max(0, capex - budget), char: '█', color: 'red' },
        ],
        scale,
        barW,
      ),
    ]);
    const pb = run.central.detail?.paybackYear ?? null;
    head.push([
      seg(isMedian(run, basis) ? ' Payback (central case): ' : ' Payback: ', { dim: true }),
      seg(pb === null ? 'not within the horizon' : String(pb), { bold: true, color: pb === null ? 'red' : 'green' }),
      seg(`   █ spent  ▒ released  · to come${capex > budget ? '  ' : ''}`, { dim: true }),
      seg(capex > budget ? `█ spent ahead of release` : '', { color: 'red' }),
    ]);
  }
  const rows = MONEY_METRICS.map((metric) => ({ metric }));
  return metricPanel(p, rows, state.selection.money, head);
}

export function Money(p: ViewProps): ReactElement {
  return <Lines lines={moneyLines(p)} width={p.width} height={p.height} />;
}

/**
Money: construction capex spent against the budget released (a bar), server
capex, opex, revenue, NPV to date, the payback year (of the central case: only
the central run has one) and jobs in the cursor year; a chart of the chosen
metric.
*/
import type { ReactElement } from 'react';
import { fit, Lines, seg, type Line } from '../components/lines.js';
import { t } from '../../report/i18n/catalogue.js';
import { G } from '../glyphs.js';
import { spaced, width as textWidth } from '../text.js';
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
    const text = ` ${t('tui.money.spent', { capex: fmt(capex, 'CNY'), budget: fmt(budget, 'CNY'), total: fmt(total, 'CNY') })} `;
    const barW = Math.max(6, width - textWidth(text) - 2);
    const scale = Math.max(total, budget, capex);
    head.push([
      seg(text),
      ...bar(
        [
          { value: Math.min(capex, budget), char: G.full, color: 'cyan' },
          { value: Math.max(0, budget - capex), char: G.medium, color: 'gray' },
          { value: Math.max(0, capex - budget), char: G.full, color: 'red' },
        ],
        scale,
        barW,
      ),
    ]);
    const pb = run.central.detail?.paybackYear ?? null;
    head.push(fit([
      seg(` ${spaced(t(isMedian(run, basis) ? 'tui.money.paybackCentral' : 'tui.money.payback'))}`, { dim: true }),
      seg(pb === null ? t('tui.money.noPayback') : String(pb), { bold: true, color: pb === null ? 'red' : 'green' }),
      seg(`   ${G.full} ${t('tui.money.legendSpent')}  ${G.medium} ${t('tui.money.legendReleased')}  ${G.dot} ${t('tui.money.legendToCome')}${capex > budget ? '  ' : ''}`, { dim: true }),
      seg(capex > budget ? `${G.full} ${t('tui.money.ahead')}` : '', { color: 'red' }),
    ], width, null));
  }
  const rows = MONEY_METRICS.map((metric) => ({ metric }));
  return metricPanel(p, rows, state.selection.money, head);
}

export function Money(p: ViewProps): ReactElement {
  return <Lines lines={moneyLines(p)} width={p.width} height={p.height} />;
}

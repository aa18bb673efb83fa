/**
Energy & carbon: IT load, PUE, facility energy, CO2, water and compute in the
cursor year, and what running the transferred work in the east would have
cost in energy money and carbon; a chart of the chosen metric.
*/
import type { ReactElement } from 'react';
import { Lines, seg, type Line } from '../components/lines.js';
import { fmt } from '../../report/display.js';
import { currentYear, valueAt, viewBasis } from '../model.js';
import { t } from '../../report/i18n/catalogue.js';
import { wrap } from '../text.js';
import { metricPanel, type ViewProps } from './common.js';
import { ENERGY_METRICS } from './rows.js';

export function energyLines(p: ViewProps): Line[] {
  const { state, width, height } = p;
  const run = state.runs[state.focus]!;
  const year = currentYear(state);
  const basis = viewBasis(state);
  const moved = valueAt(run, 'transferredRacks', year, basis);
  const co2 = valueAt(run, 'carbonSavedKt', year, basis);
  const cost = valueAt(run, 'costSavedCNY', year, basis);
  const head: Line[] = [];
  if (height >= 12) {
    const text =
      moved > 0.5
        ? t('tui.energy.saved', {
          racks: fmt(moved, 'racks'),
          co2: fmt(Math.abs(co2), 'kt'),
          co2Way: t(co2 >= 0 ? 'tui.energy.more' : 'tui.energy.less'),
          cost: fmt(Math.abs(cost), 'CNY'),
          costWay: t(cost >= 0 ? 'tui.energy.more' : 'tui.energy.less'),
          year,
        })
        : t('tui.energy.none', { year });
    for (const l of wrap(text, width - 2, height >= 16 ? 2 : 1)) head.push([seg(' '), seg(l, { color: 'green' })]);
  }
  const rows = ENERGY_METRICS.map((metric) => ({ metric }));
  return metricPanel(p, rows, state.selection.energy, head);
}

export function Energy(p: ViewProps): ReactElement {
  return <Lines lines={energyLines(p)} width={p.width} height={p.height} />;
}

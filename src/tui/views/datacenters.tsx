/**
Data centers: each mega DC in the cursor year — a build bar (live, building,
planned racks), phases live, live racks, servers they hold, utilization and
design PUE — with totals, a legend and the chosen site's full name. Sites exist
only in the central run, so their rows are labelled central case; the totals
row is the view's basis (the median once the bands are complete).
*/
import type { ReactElement } from 'react';
import { cell, Lines, seg, type Line } from '../components/lines.js';
import { fmt, shortName } from '../../report/display.js';
import { currentYear, isMedian, valueAt, viewBasis } from '../model.js';
import { t } from '../../report/i18n/catalogue.js';
import { getLang } from '../../report/i18n/lang.js';
import { localName } from '../../report/names.js';
import { G } from '../glyphs.js';
import { padStart, truncate, width as textWidth } from '../text.js';
import { bar, metricChart, windowStart, type ViewProps } from './common.js';

export function dataCenterLines(p: ViewProps): Line[] {
  const { state, width, height, color } = p;
  const run = state.runs[state.focus]!;
  const dcs = run.central.detail?.datacenters ?? [];
  const year = currentYear(state);
  const y = year - run.central.years[0]!;
  const sel = Math.min(state.selection.datacenters, Math.max(0, dcs.length - 1));
  const wide = width >= 110;

  const phasesW = 7;
  const racksW = 10;
  const serversW = 10;
  const usedW = Math.max(6, textWidth(t('tui.dc.used')) + 1);
  const pueW = 6;
  const barW = wide ? 26 : width >= 90 ? 18 : 14;
  const nameW = Math.max(10, Math.min(44, width - 2 - barW - 1 - phasesW - racksW - serversW - usedW - pueW));

  const basis = viewBasis(state);
  const median = isMedian(run, basis);
  // the sites are the central run's: say so over them (into the build column's room when the name column is short)
  const title = t('tui.dc.title', { year });
  const note = ` · ${t('tui.basis.central')}`;
  const titleW = textWidth(title) + textWidth(note);
  const lead = titleW < nameW + 1 ? nameW + 1 - titleW : 1;
  const buildTxt = truncate(t('tui.dc.build'), Math.max(0, nameW + 1 + barW - titleW - lead));
  const head: Line = [
    seg('  '),
    seg(title, { bold: true }),
    seg(note, { dim: true }),
    seg(' '.repeat(lead)),
    cell(buildTxt, nameW + 1 + barW - titleW - lead, { dim: true }),
    seg(padStart(t('tui.dc.phases'), phasesW), { dim: true }),
    seg(padStart(t('tui.dc.racks'), racksW), { dim: true }),
    seg(padStart(t('tui.dc.servers'), serversW), { dim: true }),
    seg(padStart(t('tui.dc.used'), usedW), { dim: true }),
    seg(padStart('PUE', pueW), { dim: true }),
  ];

  const legend: Line = [
    seg(`  ${G.full} ${t('tui.dc.live')}`, { color: 'green' }),
    seg(`  ${G.medium} ${t('tui.dc.building')}`, { color: 'yellow' }),
    seg(`  ${G.dot} ${t('tui.dc.planned')}`, { dim: true }),
    seg(dcs.some((d) => d.assumed) ? `   * ${t('tui.dc.assumed')}` : '', { dim: true }),
  ];
  const detail = (): Line => {
    const d = dcs[sel];
    if (!d) return [];
    const building = d.buildingRacks[y] ?? 0;
    const text = t(building > 0 ? 'tui.dc.detailBuilding' : 'tui.dc.detail', {
      name: localName(d), live: d.phasesLive[y] ?? 0, phases: d.phases, building: fmt(building, 'racks'), planned: fmt(d.plannedRacks, 'racks'), pue: d.pue.toFixed(2),
    });
    return [seg('  '), seg(truncate(text, width - 2), { dim: true })];
  };

  // rows: header, sites, total; legend and detail when there is room
  const extra = (height >= dcs.length + 3 ? 1 : 0) + (height >= dcs.length + 4 ? 1 : 0);
  const visible = Math.max(1, Math.min(dcs.length, height - 2 - extra));
  const start = windowStart(sel, visible, dcs.length);
  const lines: Line[] = [head];
  dcs.slice(start, start + visible).forEach((d, i) => {
    const idx = start + i;
    const isSel = idx === sel;
    const live = d.liveRacks[y] ?? 0;
    const building = d.buildingRacks[y] ?? 0;
    const occupied = d.occupiedRacks[y] ?? 0;
    const zhName = getLang() === 'zh' && d.nameZh ? d.nameZh : undefined;
    const name = `${zhName ?? shortName(d.name)}${d.assumed ? ' *' : ''}`;
    lines.push([
      seg(isSel ? `${G.pointer} ` : '  ', { color: 'cyan', bold: true }),
      cell(wide ? (zhName ?? d.name.replace(/\s*\(unnamed in the plan\)/i, '')) + (d.assumed ? ' *' : '') : name, nameW, { bold: isSel, inverse: isSel && !color }),
      seg(' '),
      ...bar(
        [
          { value: live, char: G.full, color: 'green' },
          { value: building, char: G.medium, color: 'yellow' },
        ],
        d.plannedRacks,
        barW,
      ),
      seg(padStart(`${d.phasesLive[y] ?? 0}/${d.phases}`, phasesW)),
      seg(padStart(live > 0 ? fmt(live, 'racks', false) : '–', racksW), { bold: live > 0 }),
      seg(padStart(live > 0 ? fmt(d.serverCapacity[y] ?? 0, 'servers', false) : '–', serversW)),
      seg(padStart(live > 0 ? `${Math.round((occupied / live) * 100)} %` : '–', usedW)),
      seg(padStart(d.pue.toFixed(2), pueW), { dim: true }),
    ]);
  });
  // totals: the view's numbers (the median once the bands are complete), not the sum of the central sites above
  const at = (m: string): number => valueAt(run, m, year, basis);
  const liveAll = at('rackCapacity');
  const buildAll = at('racksUnderConstruction');
  const planned = dcs.reduce((a, d) => a + d.plannedRacks, 0);
  const phasesLive = at('phasesLive');
  const phases = dcs.reduce((a, d) => a + d.phases, 0);
  const scrolls = start > 0 || start + visible < dcs.length;
  lines.push([
    seg('  '),
    cell(`${t(median ? 'tui.dc.allMedian' : 'tui.dc.all', { n: dcs.length })}${scrolls ? ` (${G.arrowUp}${G.arrowDown})` : ''}`, nameW, { bold: true }),
    seg(' '),
    ...bar(
      [
        { value: liveAll, char: G.full, color: 'green' },
        { value: buildAll, char: G.medium, color: 'yellow' },
      ],
      planned,
      barW,
    ),
    seg(padStart(`${Number.isFinite(phasesLive) ? Math.round(phasesLive) : '–'}/${phases}`, phasesW), { bold: true }),
    seg(padStart(fmt(liveAll, 'racks', false), racksW), { bold: true }),
    seg(padStart(fmt(at('serverCapacity'), 'servers', false), serversW), { bold: true }),
    seg(padStart(fmt(at('rackUtilization'), 'share'), usedW), { bold: true }),
    seg(padStart(fmt(at('pue'), ''), pueW), { bold: true }),
  ]);
  if (extra >= 1) lines.push(legend);
  if (extra >= 2) lines.push(detail());
  const room = height - lines.length - 1;
  if (room >= 7) lines.push([], ...metricChart(p, run, 'rackCapacity', t('tui.dc.chart'), Math.min(room, 16)));
  return lines;
}

export function DataCenters(p: ViewProps): ReactElement {
  return <Lines lines={dataCenterLines(p)} width={p.width} height={p.height} />;
}

/**
Data centers: each mega DC in the cursor year — a build bar (live, building,
planned racks), phases live, live racks, servers they hold, utilization and
design PUE — with totals, a legend and the chosen site's full name.
*/
import type { ReactElement } from 'react';
import { cell, Lines, seg, type Line } from '../components/lines.js';
import { fmt, shortName } from '../../report/display.js';
import { centralAt, currentYear } from '../model.js';
import { padStart, truncate } from '../text.js';
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
  const usedW = 6;
  const pueW = 6;
  const barW = wide ? 26 : width >= 90 ? 18 : 14;
  const nameW = Math.max(10, Math.min(44, width - 2 - barW - 1 - phasesW - racksW - serversW - usedW - pueW));

  const head: Line = [
    seg('  '),
    cell(`Sites in ${year}`, nameW, { bold: true }),
    seg(' '),
    cell('build', barW, { dim: true }),
    seg(padStart('phases', phasesW), { dim: true }),
    seg(padStart('racks', racksW), { dim: true }),
    seg(padStart('servers', serversW), { dim: true }),
    seg(padStart('used', usedW), { dim: true }),
    seg(padStart('PUE', pueW), { dim: true }),
  ];

  const legend: Line = [
    seg('  █ live', { color: 'green' }),
    seg('  ▒ building', { color: 'yellow' }),
    seg('  · planned', { dim: true }),
    seg(dcs.some((d) => d.assumed) ? '   * a site the plan does not name (assumption)' : '', { dim: true }),
  ];
  const detail = (): Line => {
    const d = dcs[sel];
    if (!d) return [];
    const building = d.buildingRacks[y] ?? 0;
    const text = `${d.name}: ${d.phasesLive[y] ?? 0} of ${d.phases} phases live${building > 0 ? `, ${fmt(building, 'racks')} building` : ''}; ${fmt(d.plannedRacks, 'racks')} planned; design PUE ${d.pue.toFixed(2)}`;
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
    const name = `${shortName(d.name)}${d.assumed ? ' *' : ''}`;
    lines.push([
      seg(isSel ? '▸ ' : '  ', { color: 'cyan', bold: true }),
      cell(wide ? d.name.replace(/\s*\(unnamed in the plan\)/i, '') + (d.assumed ? ' *' : '') : name, nameW, { bold: isSel, inverse: isSel && !color }),
      seg(' '),
      ...bar(
        [
          { value: live, char: '█', color: 'green' },
          { value: building, char: '▒', color: 'yellow' },
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
  const liveAll = centralAt(run, 'rackCapacity', year);
  const buildAll = centralAt(run, 'racksUnderConstruction', year);
  const planned = dcs.reduce((a, d) => a + d.plannedRacks, 0);
  const phasesLive = dcs.reduce((a, d) => a + (d.phasesLive[y] ?? 0), 0);
  const phases = dcs.reduce((a, d) => a + d.phases, 0);
  lines.push([
    seg('  '),
    cell(`All ${dcs.length} sites${start > 0 || start + visible < dcs.length ? ' (↑↓ scroll)' : ''}`, nameW, { bold: true }),
    seg(' '),
    ...bar(
      [
        { value: liveAll, char: '█', color: 'green' },
        { value: buildAll, char: '▒', color: 'yellow' },
      ],
      planned,
      barW,
    ),
    seg(padStart(`${phasesLive}/${phases}`, phasesW), { bold: true }),
    seg(padStart(fmt(liveAll, 'racks', false), racksW), { bold: true }),
    seg(padStart(fmt(centralAt(run, 'serverCapacity', year), 'servers', false), serversW), { bold: true }),
    seg(padStart(`${Math.round(centralAt(run, 'rackUtilization', year) * 100)} %`, usedW), { bold: true }),
    seg(padStart(centralAt(run, 'pue', year).toFixed(2), pueW), { bold: true }),
  ]);
  if (extra >= 1) lines.push(legend);
  if (extra >= 2) lines.push(detail());
  const room = height - lines.length - 1;
  if (room >= 7) lines.push([], ...metricChart(p, run, 'rackCapacity', 'Live standard racks, all sites', Math.min(room, 16)));
  return lines;
}

export function DataCenters(p: ViewProps): ReactElement {
  return <Lines lines={dataCenterLines(p)} width={p.width} height={p.height} />;
}

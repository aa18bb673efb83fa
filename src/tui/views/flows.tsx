/**
Flows: for each eastern hub in the cursor year, its demand, the work on the
move, and where that work goes — Gui'an, each other western cluster, or back
east — as numbers and a bar; then what limited Gui'an that year, in the
report's words (src/report/narration.ts: its grid connection, the network,
money, construction, or nothing — demand) and what that did to the flow, and
the latency that keeps work east. The hubs exist only in the
central run, so the table and its limit are labelled central case; the line
under it gives the all-hub totals on the view's basis (the median and band once
the bands are complete), and the chart follows that basis too.
*/
import type { ReactElement } from 'react';
import type { Scenario } from '../../scenario/types.js';
import { cell, fit, Lines, seg, type Color, type Line } from '../components/lines.js';
import { fmt } from '../../report/display.js';
import { limitWords as limitWordsIn } from '../../report/html/i18n.js';
import { t } from '../../report/i18n/catalogue.js';
import { getLang } from '../../report/i18n/lang.js';
import { localName } from '../../report/names.js';
import { G } from '../glyphs.js';
import type { BindingLimit, RunDetail } from '../../engine/results.js';
import { bandOf, centralAt, currentYear, isMedian, runsText, valueAt, viewBasis } from '../model.js';
import { padStart, spaced, truncate, width as textWidth, wrap } from '../text.js';
import { bar, metricChart, rangeText, windowStart, type ViewProps } from './common.js';

/** Glyphs of the other clusters' parts of a bar (this session's table). */
const compGlyphs = (): string[] => [G.dark, G.medium, G.light, G.quadA, G.quadB];
const COMP_COLORS: Color[] = ['magenta', 'blue', 'gray', 'magenta', 'blue'];

/** A competing cluster's short name: its Chinese name in Chinese where the file gives one, else without the province ("Horinger"). */
function compName(c: { name: string; nameZh?: string | undefined }): string {
  return getLang() === 'zh' && c.nameZh ? c.nameZh.split('（')[0]! : c.name.split(/ \(/)[0]!;
}

/** Why work stays east: classes whose latency tolerance the route to Gui'an misses. */
export function latencyNote(sc: Scenario): string {
  const parts: string[] = [];
  for (const w of sc.workloads) {
    if (w.movable <= 0 && w.latencyTolerance >= Math.min(...sc.hubs.map((h) => h.latency))) continue;
    const reach = sc.hubs.filter((h) => h.latency <= w.latencyTolerance);
    if (reach.length === sc.hubs.length) continue;
    const name = getLang() === 'zh' && w.nameZh ? w.nameZh : w.name.split(/ \(|,| and /)[0]!.toLowerCase();
    parts.push(
      reach.length === 0
        ? t('tui.flows.latencyNone', { name, ms: w.latencyTolerance })
        : t('tui.flows.latencyOnly', { name, ms: w.latencyTolerance, hubs: reach.map((h) => localName(h)).join(t('tui.list.sep')) }),
    );
  }
  return parts.length ? t('tui.flows.latency', { what: parts.join(t('tui.narration.partSep')) }) : t('tui.flows.latencyAll');
}

export function flowLines(p: ViewProps): Line[] {
  const { state, width, height, color } = p;
  const run = state.runs[state.focus]!;
  const sc = run.scenario;
  const hubs = run.central.detail?.hubs ?? [];
  const comps = sc.competitors;
  const year = currentYear(state);
  const y = year - run.central.years[0]!;
  const sel = Math.min(state.selection.flows, Math.max(0, hubs.length - 1));
  const perComp = width >= 110;
  const numW = 9;
  const latW = 7;
  const compCols = perComp ? comps.map(compName) : [t('tui.flows.otherWest')];
  const guianCol = t('tui.flows.guian');
  const cols = [t('tui.flows.demand'), t('tui.flows.moving'), guianCol, ...compCols, t(perComp ? 'tui.flows.stayEast' : 'tui.flows.stayEastShort')];
  const hubW = Math.max(10, Math.min(30, width - 2 - latW - cols.length * numW));

  const basis = viewBasis(state);
  const median = isMedian(run, basis);
  const at = (m: string): number => valueAt(run, m, year, basis);
  // the limit is the central run's (only it has one), and so are the capacities it quotes
  const { binding, head: limitHead, then: limitThen } = limitWords(run.central.detail, y, (m) => centralAt(run, m, year));
  const traffic = at('networkTrafficTbps');
  const capacity = at('networkCapacityTbps');
  const guian = at('transferredRacks');

  const lines: Line[] = [];
  lines.push([
    seg(`  ${t('tui.flows.title', { year })}`, { bold: true }),
    seg(` · ${t('tui.flows.racksCentral')}`, { dim: true }),
  ]);
  lines.push([
    seg('  '),
    cell(t('tui.flows.hub'), hubW, { dim: true }),
    seg(padStart(t('tui.flows.toGuian'), latW), { dim: true }),
    ...cols.map((c, k) => seg(padStart(truncate(c, numW - 1), numW), { dim: true, color: k === 2 ? 'cyan' : undefined })),
  ]);

  const barLines = height >= 4 + hubs.length * 2 + 3 + (median ? 1 : 0);
  const perHub = barLines ? 2 : 1;
  const reserved = 2 + 1 + 1 + 1 + (median ? 1 : 0); // title, header, total, legend, limit, the median line
  const visible = Math.max(1, Math.min(hubs.length, Math.floor((height - reserved) / perHub)));
  const start = windowStart(sel, visible, hubs.length);
  for (const [i, h] of hubs.slice(start, start + visible).entries()) {
    const isSel = start + i === sel;
    const others = comps.map((c) => h.competitors[c.id]?.[y] ?? 0);
    const otherSum = others.reduce((a, b) => a + b, 0);
    const vals = [h.demand[y] ?? 0, h.migrating[y] ?? 0, h.guian[y] ?? 0, ...(perComp ? others : [otherSum]), h.stayEast[y] ?? 0];
    lines.push([
      seg(isSel ? `${G.pointer} ` : '  ', { color: 'cyan', bold: true }),
      cell(localName(h), hubW, { bold: isSel, inverse: isSel && !color }),
      seg(padStart(`${h.latencyMs} ms`, latW), { dim: true }),
      ...vals.map((v, k) => seg(padStart(fmt(v, 'racks', false), numW), { bold: k === 2, color: k === 2 ? 'cyan' : undefined })),
    ]);
    if (barLines) {
      const share = pct(h.guian[y] ?? 0, h.migrating[y] ?? 0);
      const toGuian = ` ${padStart(share, 5)} ${t('tui.flows.toGuianShare')}`;
      lines.push([
        seg('    '),
        ...bar(
          [
            { value: h.guian[y] ?? 0, char: G.full, color: 'cyan' },
            ...others.map((v, k) => ({ value: v, char: compGlyphs()[k % 5]!, color: COMP_COLORS[k % COMP_COLORS.length] })),
            { value: h.stayEast[y] ?? 0, char: G.dot, color: 'gray' },
          ],
          h.migrating[y] ?? 0,
          Math.max(10, width - 4 - Math.max(17, textWidth(toGuian))),
        ),
        seg(toGuian, { color: 'cyan' }),
      ]);
    }
  }
  const tot = (k: 'demand' | 'migrating' | 'guian' | 'stayEast'): number => hubs.reduce((a, h) => a + (h[k][y] ?? 0), 0);
  const compTot = comps.map((c) => hubs.reduce((a, h) => a + (h.competitors[c.id]?.[y] ?? 0), 0));
  const totVals = [tot('demand'), tot('migrating'), tot('guian'), ...(perComp ? compTot : [compTot.reduce((a, b) => a + b, 0)]), tot('stayEast')];
  lines.push([
    seg('  '),
    cell(`${t('tui.flows.allHubs')}${start > 0 || start + visible < hubs.length ? ` (${G.arrowUp}${G.arrowDown})` : ''}`, hubW, { bold: true }),
    seg(' '.repeat(latW)),
    ...totVals.map((v, k) => seg(padStart(fmt(v, 'racks', false), numW), { bold: true, color: k === 2 ? 'cyan' : undefined })),
  ]);
  if (barLines) {
    lines.push(fit([
      seg(`    ${G.full} ${guianCol}`, { color: 'cyan' }),
      ...comps.map((c, k) => seg(`  ${compGlyphs()[k % 5]} ${compName(c)}`, { color: COMP_COLORS[k % COMP_COLORS.length] })),
      seg(`  ${G.dot} ${t('tui.flows.staysEast')}`, { color: 'gray' }),
    ], width, null));
  }
  if (median) {
    // the all-hub totals on the median, with Gui'an's band
    const b = bandOf(run, 'transferredRacks', [year], basis);
    const band = b ? rangeText(b.p5[0]!, b.p95[0]!, 'racks') : '';
    const lead = `  ${spaced(t('tui.flows.medianLead', { runs: runsText(run.mc.total) }))}`;
    const parts = [
      t(band ? 'tui.flows.medianGuianBand' : 'tui.flows.medianGuian', { racks: fmt(guian, 'racks'), band }),
      t('tui.flows.medianOther', { racks: fmt(at('elsewhereRacks'), 'racks', false) }),
      t('tui.flows.medianEast', { racks: fmt(at('stayEastRacks'), 'racks', false) }),
    ];
    while (parts.length > 1 && textWidth(lead) + textWidth(parts.join(' · ')) > width) parts.pop();
    lines.push([seg(lead, { bold: true }), seg(parts.join(' · '), { color: 'cyan' })]);
  }
  const used = capacity > 0 ? Math.round((traffic / capacity) * 100) : 0;
  const netText = t(median ? 'tui.flows.networkMedians' : 'tui.flows.network', { traffic: fmt(traffic, 'Tbps'), capacity: fmt(capacity, 'Tbps'), used });
  const limitLead = `  ${spaced(t(median ? 'tui.flows.limitCentral' : 'tui.flows.limit'))}`;
  // what it did to the flow when it fits on the line: never cut mid-word
  const limitText = limitThen && textWidth(limitLead) + textWidth(limitHead) + 3 + textWidth(limitThen) <= width ? `${limitHead} · ${limitThen}` : limitHead;
  lines.push(fit([seg(limitLead, { bold: true }), seg(limitText, { color: binding === 'demand' ? 'green' : 'yellow' })], width, null));
  const limitW = textWidth(limitLead) + textWidth(limitText);
  if (limitW + 3 + textWidth(netText) <= width) lines[lines.length - 1]!.push(seg(` · ${netText}`, { dim: true }));
  else if (lines.length < height) lines.push([seg('  '), seg(netText.charAt(0).toUpperCase() + netText.slice(1), { dim: true })]);
  const room = height - lines.length;
  if (room > 0) {
    const sh = hubs[sel];
    const notes: string[] = [];
    if (sh) {
      const lat = comps.map((c) => `${compName(c)} ${c.latency[sh.id] !== undefined ? `${c.latency[sh.id]} ms` : t('tui.flows.outOfReach')}`);
      notes.push(t('tui.flows.hubNote', {
        hub: localName(sh), ms: sh.latencyMs, others: lat.join(t('tui.list.sep')), racks: fmt(sh.guian[y] ?? 0, 'racks'), share: pct(sh.guian[y] ?? 0, sh.migrating[y] ?? 0),
      }));
    }
    notes.push(latencyNote(sc));
    if (guian <= 0.5) notes.push(t('tui.flows.noneThisYear'));
    const text = notes.flatMap((n) => wrap(n, width - 2));
    for (const t of text.slice(0, room)) lines.push([seg('  '), seg(t, { dim: true })]);
  }
  const left = height - lines.length - 1;
  if (left >= 7) lines.push([], ...metricChart(p, run, 'transferredRacks', t('tui.flows.chart'), Math.min(left, 16)));
  return lines;
}

/**
What limited Gui'an in year index `y`, in the report's words ("grid connection
full (630 MW)", "construction: racks full"), and what that did to the flow of
eastern work ("the rest stays east or goes elsewhere"). `central` reads a
metric of the central run (the capacities quoted).
*/
export function limitWords(detail: RunDetail | undefined, y: number, central: (metric: string) => number): { binding: BindingLimit; head: string; then: string } {
  const flow = detail?.transferLimit[y] ?? 'none';
  const binding: BindingLimit =
    detail?.bindingLimit[y] ?? (flow === 'none' ? 'demand' : flow === 'racks' ? 'construction' : flow);
  const grid = central('gridCapacityMW');
  const net = central('networkCapacityTbps');
  let head = limitWordsIn(binding, getLang());
  if (binding === 'grid' && Number.isFinite(grid)) head += t('tui.flows.paren', { what: fmt(grid, 'MW') });
  if (binding === 'network' && Number.isFinite(net)) head += t('tui.flows.paren', { what: fmt(net, 'Tbps') });
  const racksFull = flow === 'racks';
  let then: string;
  switch (binding) {
    case 'grid':
      then = t(racksFull ? 'tui.flows.thenGridFull' : 'tui.flows.thenGrid');
      break;
    case 'network':
      then = t(racksFull ? 'tui.flows.thenNetworkFull' : 'tui.flows.thenNetwork');
      break;
    case 'money':
      then = t('tui.flows.thenMoney');
      break;
    case 'construction':
    case 'capacity':
      then = t('tui.flows.thenConstruction');
      break;
    case 'demand':
      then = t('tui.flows.thenDemand');
      break;
  }
  return { binding, head, then };
}

function pct(a: number, b: number): string {
  return b > 0 ? `${Math.round((a / b) * 100)} %` : '0 %';
}

export function Flows(p: ViewProps): ReactElement {
  return <Lines lines={flowLines(p)} width={p.width} height={p.height} />;
}

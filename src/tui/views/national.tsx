/**
National: Gui'an beside the other national clusters of the scenario
(`competitors`) in the cursor year — one row per cluster, Gui'an first and
marked ★: its racks, how many are used, the eastern work it holds, its share of
all the eastern work placed in clusters, and what limited it (in the report's
words, src/report/narration.ts); a totals row, the chosen cluster in a
sentence, and a chart of the eastern work each cluster holds over the years.

The clusters exist only in the central run (`RunResult.detail.clusters`), so
the table and the chart are labelled central case, as Data centers and Flows
label their breakdowns; once the Monte Carlo bands are complete a line under
the table gives Gui'an's figures on the view's basis (the median, with its
P5–P95 band). Racks a scenario does not give show as "–".
*/
import type { ReactElement } from 'react';
import type { ClusterYears } from '../../engine/results.js';
import { chartLines, type ChartSeries } from '../components/chart.js';
import { cell, fit, Lines, seg, type Color, type Line, type Seg } from '../components/lines.js';
import { fmt } from '../../report/display.js';
import { clusterLimitWords, clusterName } from '../../report/narration.js';
import { bandOf, centralAt, currentYear, forkIndex, isMedian, runsText, valueAt, viewBasis, type Run } from '../model.js';
import { t } from '../../report/i18n/catalogue.js';
import { getLang } from '../../report/i18n/lang.js';
import { G } from '../glyphs.js';
import { padStart, spaced, truncate, width as textWidth, wrap } from '../text.js';
import { axisFormat, rangeText, windowStart, type ViewProps } from './common.js';

/** Gui'an's mark in the table and the legend (this session's glyph: ★, or * with --ascii). */
export const guianMark = (): string => G.star;

const OTHER_COLORS: Color[] = ['magenta', 'blue', 'yellow', 'green', 'red', 'white'];

/** A cluster's name as the table shows it: the Chinese one in Chinese where given; `full` with its province. */
function nameOfCluster(c: ClusterYears, full: boolean): string {
  if (getLang() === 'zh' && c.nameZh) return full ? c.nameZh : c.nameZh.split('（')[0]!;
  return full ? c.name : clusterName(c.name);
}

const isGuian = (c: ClusterYears, i: number): boolean => c.id === 'guian' || (i === 0 && !c.id);

/** `text` in at most `w` cells, cut after a whole word (" …") rather than inside one. */
function wordsIn(text: string, w: number): string {
  return wrap(text, w, 1)[0] ?? '';
}

/** A cluster's yearly value in calendar `year` (NaN outside the run's horizon). */
function at(run: Run, xs: readonly number[], year: number): number {
  const y = year - (run.central.years[0] ?? 0);
  return y >= 0 && y < xs.length ? xs[y]! : NaN;
}

/**
The chosen cluster in a sentence, with what the row does not say: racks
occupied and how many of them by eastern work, another cluster's room for
eastern work, and what limited it. Gui'an: "Gui'an, modelled site by site: 470 k
of 809 k racks occupied; holds 216 k racks of eastern work; limit: demand:
racks to spare."
*/
export function clusterSentence(run: Run, c: ClusterYears, i: number, year: number): string {
  const guian = isGuian(c, i);
  const racks = at(run, c.racks, year);
  const occupied = at(run, c.occupied, year);
  const eastern = at(run, c.eastern, year);
  const y = year - (run.central.years[0] ?? 0);
  const limit = c.limit[y];
  const comp = guian ? undefined : run.scenario.competitors.find((k) => k.id === c.id);
  const room = comp ? at(run, Array.from(comp.capacity), year) : NaN;
  // another cluster's room for eastern work (the scenario's), when it has a bound
  const roomText = !Number.isFinite(room) ? '' : limit === 'racks' ? t('tui.national.allRoom') : t('tui.national.ofRoom', { room: fmt(room, 'racks', false) });
  const held = eastern > 0.5
    ? t('tui.national.holds', { racks: fmt(eastern, 'racks'), room: roomText })
    : roomText ? t('tui.national.holdsNoneRoom', { room: fmt(room, 'racks') }) : t('tui.national.holdsNone');
  const parts: string[] = [
    Number.isFinite(racks)
      ? t('tui.national.occupied', { occupied: fmt(occupied, 'racks', false), racks: fmt(racks, 'racks'), held })
      : t('tui.national.notGiven', { held }),
    t('tui.national.limitIs', { limit: clusterLimitWords(limit, guian) }),
  ];
  return t('tui.national.sentence', { name: guian ? t('tui.national.guianModelled') : getLang() === 'zh' && c.nameZh ? c.nameZh : c.name, parts: parts.join(t('tui.narration.partSep')) });
}

export function nationalLines(p: ViewProps): Line[] {
  const { state, width, height, color } = p;
  const run = state.runs[state.focus]!;
  const clusters = run.central.detail?.clusters ?? [];
  const year = currentYear(state);
  const basis = viewBasis(state);
  const median = isMedian(run, basis);
  const sel = Math.min(state.selection.national, Math.max(0, clusters.length - 1));

  const lines: Line[] = [];
  lines.push([seg(`  ${t('tui.national.title', { year })}`, { bold: true }), seg(` · ${t('tui.flows.racksCentral')}`, { dim: true })]);
  if (clusters.length === 0) {
    lines.push([seg(`  ${t('tui.national.none')}`, { dim: true })]);
    return lines;
  }

  // columns: the names as long as they fit beside the longest limit in words, else shorter names, then shorter words
  const racksW = Math.max(9, textWidth(t('tui.dc.racks')) + 1);
  const usedW = Math.max(6, textWidth(t('tui.dc.used')) + 1);
  const eastW = 10;
  const shareW = 7;
  const fixed = 2 + racksW + usedW + eastW + shareW + 2;
  const y = year - (run.central.years[0] ?? 0);
  const nameOf = (c: ClusterYears, i: number, full: boolean): string => `${nameOfCluster(c, full)}${isGuian(c, i) ? ` ${guianMark()}` : ''}`;
  const allClusters = t('tui.national.all');
  const longest = (xs: string[]): number => Math.max(0, ...xs.map(textWidth));
  const limitsLong = clusters.map((c, i) => clusterLimitWords(c.limit[y], isGuian(c, i)));
  const limitsShort = clusters.map((c, i) => clusterLimitWords(c.limit[y], isGuian(c, i), true));
  const layoutFor = (full: boolean, long: boolean, roomy: boolean): { nameW: number; limitW: number; full: boolean; long: boolean; ok: boolean } => {
    const nameW = Math.max(roomy ? textWidth(allClusters) + 1 : 10, longest(clusters.map((c, i) => nameOf(c, i, full))) + 1);
    const limitW = width - fixed - nameW;
    return { nameW, limitW, full, long, ok: limitW >= longest(long ? limitsLong : limitsShort) };
  };
  // full names, then short names, then a tighter name column, then long names cut to whole words ("YRD Eco-Green …"),
  // then the limits in a word or two
  const tries: [boolean, boolean, boolean][] = [[true, true, true], [false, true, true], [false, true, false]];
  let L = tries.map(([f, l, r]) => layoutFor(f, l, r)).find((x) => x.ok);
  let capped = false;
  if (!L) {
    const nameW = width - fixed - longest(limitsLong);
    if (nameW >= 12) {
      L = { nameW, limitW: width - fixed - nameW, full: false, long: true, ok: true };
      capped = true;
    }
  }
  L ??= [layoutFor(false, false, true), layoutFor(false, false, false)].find((x) => x.ok) ?? layoutFor(false, false, false);
  const { full, long } = L;
  const { nameW, limitW } = L;

  lines.push([
    seg('  '),
    cell(t('tui.national.cluster'), nameW, { dim: true }),
    seg(padStart(t('tui.dc.racks'), racksW), { dim: true }),
    seg(padStart(t('tui.dc.used'), usedW), { dim: true }),
    seg(padStart(t('tui.national.eastWork'), eastW), { dim: true }),
    seg(padStart(t('tui.national.share'), shareW), { dim: true }),
    seg('  '),
    cell(t('tui.national.limit'), Math.max(0, limitW), { dim: true }),
  ]);

  // fixed lines: title, header, totals, legend, and the median line once the numbers are medians
  const fixedLines = 2 + 1 + 1 + (median ? 1 : 0);
  const visible = Math.max(1, Math.min(clusters.length, height - fixedLines - 1));
  const start = windowStart(sel, visible, clusters.length);
  clusters.slice(start, start + visible).forEach((c, k) => {
    const i = start + k;
    const chosen = i === sel;
    const guian = isGuian(c, i);
    const limit = c.limit[y];
    const words = long ? limitsLong[i]! : limitsShort[i]!;
    const tint: Color | undefined = guian ? 'cyan' : undefined;
    lines.push([
      seg(chosen ? `${G.pointer} ` : '  ', { color: 'cyan', bold: true }),
      cell(capped ? wordsIn(nameOf(c, i, full), nameW - 1) : nameOf(c, i, full), nameW, { bold: chosen || guian, inverse: chosen && !color, color: tint }),
      seg(padStart(fmt(at(run, c.racks, year), 'racks', false), racksW), { bold: guian, color: tint }),
      seg(padStart(fmt(at(run, c.utilization, year), 'share'), usedW), { color: tint }),
      seg(padStart(fmt(at(run, c.eastern, year), 'racks', false), eastW), { bold: true, color: tint }),
      seg(padStart(fmt(at(run, c.eastShare, year), 'share'), shareW), { color: tint }),
      seg('  '),
      seg(truncate(words, Math.max(0, limitW)), { color: limit === 'demand' || limit === 'none' ? 'green' : limit === undefined ? undefined : 'yellow' }),
    ]);
  });

  // totals: the sums of the rows above (the central case), as the metrics of the central run give them; racks and
  // their use only when every cluster's racks are given (the metrics then count all of them)
  const scrolls = start > 0 || start + visible < clusters.length;
  const notGiven = clusters.some((c) => !Number.isFinite(at(run, c.racks, year)));
  const eastAll = centralAt(run, 'transferredRacks', year) + centralAt(run, 'elsewhereRacks', year);
  const ud = ` (${G.arrowUp}${G.arrowDown})`;
  const all = t('tui.national.allShort');
  const totalName = [...(scrolls ? [`${allClusters}${ud}`, `${all}${ud}`] : []), allClusters, all].find((x) => textWidth(x) < nameW) ?? all;
  lines.push([
    seg('  '),
    cell(totalName, nameW, { bold: true }),
    seg(padStart(notGiven ? '–' : fmt(centralAt(run, 'clusterRacks', year), 'racks', false), racksW), { bold: true }),
    seg(padStart(notGiven ? '–' : fmt(centralAt(run, 'clusterUtilization', year), 'share'), usedW), { bold: true }),
    seg(padStart(fmt(eastAll, 'racks', false), eastW), { bold: true }),
  ]);

  if (median) {
    // Gui'an on the view's basis: the median of the runs, with its band
    const v = (m: string): number => valueAt(run, m, year, basis);
    const b = bandOf(run, 'transferredRacks', [year], basis);
    const band = b ? rangeText(b.p5[0]!, b.p95[0]!, 'racks') : '';
    const lead = `  ${spaced(t('tui.national.medianLead', { runs: runsText(run.mc.total) }))}`;
    const parts = [
      t(band ? 'tui.national.medianEasternBand' : 'tui.national.medianEastern', { racks: fmt(v('transferredRacks'), 'racks'), band }),
      t('tui.national.medianShare', { share: fmt(v('guianWestShare'), 'share') }),
      t('tui.national.medianUsed', { share: fmt(v('rackUtilization'), 'share') }),
    ];
    while (parts.length > 1 && textWidth(lead) + textWidth(parts.join(' · ')) > width) parts.pop();
    lines.push([seg(lead, { bold: true }), seg(parts.join(' · '), { color: 'cyan' })]);
  }

  // the legend: what the share is of, what "–" means and Gui'an's mark — as much as fits, whole phrases only, in that order
  const notes = [
    { text: `${guianMark()} ${t('tui.flows.guian')}`, at: 0 },
    { text: t('tui.national.shareNote'), at: 1 },
    ...(notGiven ? [{ text: `– ${t('tui.national.notGivenNote')}`, at: 2 }] : []),
  ];
  const kept: typeof notes = [];
  for (const n of [notes[1]!, ...notes.slice(2), notes[0]!]) {
    const next = [...kept, n];
    if (2 + next.reduce((a, x) => a + textWidth(x.text), 0) + 3 * (next.length - 1) <= width) kept.push(n);
  }
  kept.sort((a, b) => a.at - b.at);
  lines.push([seg('  '), ...kept.map((n, k) => seg(`${k > 0 ? ' · ' : ''}${n.text}`, { dim: n.at !== 0, color: n.at === 0 ? 'cyan' : undefined }))]);

  // the chosen cluster in a sentence, as many whole lines as there is room for (the chart keeps what it needs)
  const room = height - lines.length;
  const about = wrap(clusterSentence(run, clusters[sel]!, sel, year), width - 2);
  const chartWanted = room - about.length;
  const aboutLines = chartWanted >= 6 ? about.length : Math.min(about.length, room);
  for (const t of about.slice(0, aboutLines)) lines.push([seg('  '), seg(t, { dim: true })]);

  // the chart when at least three rows of it fit (it gives up its blank line above first)
  const left = height - lines.length;
  if (left >= 5) lines.push(...clusterChart(p, run, clusters, Math.min(left - (left >= 8 ? 1 : 0), 16), left >= 8));
  return lines;
}

/** Most clusters a chart draws: Gui'an and three others. */
const CHART_CLUSTERS = 4;

/**
The clusters the chart draws, Gui'an first: all of them when few; else Gui'an,
the chosen cluster, and those holding the most eastern work in `year`.
*/
export function chartClusters(run: Run, clusters: ClusterYears[], selected: number, year: number): ClusterYears[] {
  if (clusters.length <= CHART_CLUSTERS) return clusters;
  const [guian, ...others] = clusters;
  const chosen = clusters[selected];
  const byWork = [...others].sort((a, b) => (at(run, b.eastern, year) || 0) - (at(run, a.eastern, year) || 0));
  const picked = [...(chosen && chosen !== guian ? [chosen] : []), ...byWork.filter((c) => c !== chosen)].slice(0, CHART_CLUSTERS - 1);
  // in the table's order
  return [guian!, ...others.filter((c) => picked.includes(c))];
}

/** Title (with a legend of the series) and a chart of the eastern work each cluster holds over the years (central case). */
function clusterChart(p: ViewProps, run: Run, all: ClusterYears[], height: number, blank: boolean): Line[] {
  const { state, width, color } = p;
  const clusters = chartClusters(run, all, state.selection.national, currentYear(state));
  const series: ChartSeries[] = clusters.map((c, i) => ({
    values: state.years.map((year) => at(run, c.eastern, year)),
    color: isGuian(c, i) ? 'cyan' : OTHER_COLORS[(i - 1 + OTHER_COLORS.length) % OTHER_COLORS.length],
    ...(isGuian(c, i) ? {} : { glyph: G.clusters[(i - 1 + G.clusters.length) % G.clusters.length] }),
  }));
  let title: Seg[] = [seg(t('tui.national.chart'), { bold: true }), seg(` ${t('tui.national.chartNote')}`, { dim: true })];
  const legend: Seg[] = [];
  clusters.forEach((c, i) => {
    const mark = isGuian(c, i) ? G.h : color ? G.h : series[i]!.glyph!;
    legend.push(seg(`  ${mark} ${nameOfCluster(c, false)}`, { color: series[i]!.color }));
  });
  const w = (l: Seg[]): number => l.reduce((a, s) => a + textWidth(s.text), 0);
  const out: Line[] = blank ? [[]] : [];
  let chartH = height - 1;
  // the view's title already says central case: a narrow chart title gives it up for the legend
  if (w(title) + w(legend) > width) title = [title[0]!, seg(` ${t('tui.national.chartNoteShort')}`, { dim: true })];
  if (w(title) + w(legend) <= width) out.push([...title, ...legend]);
  else {
    out.push(fit(title, width, null));
    // the legend on a line of its own, whole entries only
    const own: Seg[] = [];
    for (const s of legend) if (w(own) + textWidth(s.text) <= width) own.push(s);
    out.push(own);
    chartH -= 1;
  }
  if (chartH < 4) return [];
  out.push(
    ...chartLines({
      series,
      years: state.years,
      cursor: state.year,
      width,
      height: chartH,
      format: axisFormat('racks'),
      color,
      fork: forkIndex(state),
    }),
  );
  return out;
}

export function National(p: ViewProps): ReactElement {
  return <Lines lines={nationalLines(p)} width={p.width} height={p.height} />;
}

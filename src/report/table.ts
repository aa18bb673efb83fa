/**
The planner's first read (`dcplan run`, table format): key metrics per year with
units and thousands separators, the targets met or missed (with probability
under Monte Carlo), the widest uncertainty bands, and optionally the events.
Fits 80 columns.
*/
import type { MonteCarloResult, TargetOutcome } from '../engine/montecarlo.js';
import { monthLabel } from '../engine/simulate.js';
import type { MetricName } from '../scenario/metric-names.js';
import { fmt, fmtRange, goalText, shortLabelOf, unitOf } from './display.js';
import { grouped, magnitude } from './format.js';
import { countOf } from './i18n/count.js';
import { narrationText } from './narration.js';
import { resultCaption } from './caption.js';
import type { ObservationCheck } from '../engine/observe.js';
import type { ObservationSet } from '../scenario/types.js';
import { observationLines } from './observations.js';
import { eventText } from './events.js';
import { t } from './i18n/catalogue.js';
import { getLang, type Lang } from './i18n/lang.js';
import { localName } from './names.js';
import { displayWidth, padEndW, padStartW, wrapWidth } from './width.js';

export interface Column {
  metric: MetricName;
  head: [string, string];
  width: number;
  fmt: (v: number) => string;
}

const k = (v: number): string => grouped(v / 1e3);
const bn = (v: number): string => grouped(v / 1e9, 1);
/** Chinese counts in 万 (10⁴) and money in 亿 (10⁸), as Chinese reports give them. */
const wan = (digits: number) => (v: number): string => grouped(v / 1e4, digits);
const yi = (digits: number) => (v: number): string => grouped(v / 1e8, digits);

/** The yearly table's columns: the metric, its two header lines, the width and the cell format. */
export const COLUMNS: Column[] = [
  { metric: 'dcOperational', head: ['DCs', 'live'], width: 4, fmt: (v) => grouped(v) },
  { metric: 'rackCapacity', head: ['racks', 'k'], width: 6, fmt: k },
  { metric: 'serverCapacity', head: ['servers', 'M'], width: 7, fmt: (v) => grouped(v / 1e6, 2) },
  { metric: 'rackUtilization', head: ['used', '%'], width: 4, fmt: (v) => grouped(v * 100) },
  { metric: 'itPowerMW', head: ['IT', 'MW'], width: 6, fmt: (v) => grouped(v) },
  { metric: 'pue', head: ['PUE', ''], width: 5, fmt: (v) => v.toFixed(2) },
  { metric: 'energyGWh', head: ['energy', 'GWh'], width: 7, fmt: (v) => grouped(v) },
  { metric: 'capexCumCNY', head: ['capex', 'bn CNY'], width: 6, fmt: bn },
  { metric: 'transferredRacks', head: ['east→GA', 'k racks'], width: 7, fmt: k },
  { metric: 'costSavedCNY', head: ['saved', 'bn CNY'], width: 6, fmt: bn },
];

/**
The same columns in Chinese: racks and servers in 万, money in 亿元 (widths in
terminal cells: a Chinese character takes two). Still within 80 columns.
*/
export const COLUMNS_ZH: Column[] = [
  { metric: 'dcOperational', head: ['运营DC', '个'], width: 6, fmt: (v) => grouped(v) },
  { metric: 'rackCapacity', head: ['机架', '万'], width: 6, fmt: wan(1) },
  { metric: 'serverCapacity', head: ['服务器', '万台'], width: 7, fmt: wan(0) },
  { metric: 'rackUtilization', head: ['上架率', '%'], width: 6, fmt: (v) => grouped(v * 100) },
  { metric: 'itPowerMW', head: ['IT', 'MW'], width: 6, fmt: (v) => grouped(v) },
  { metric: 'pue', head: ['PUE', ''], width: 5, fmt: (v) => v.toFixed(2) },
  { metric: 'energyGWh', head: ['能耗', 'GWh'], width: 7, fmt: (v) => grouped(v) },
  { metric: 'capexCumCNY', head: ['资本支出', '亿元'], width: 8, fmt: yi(0) },
  { metric: 'transferredRacks', head: ['贵安承接', '万机架'], width: 8, fmt: wan(1) },
  { metric: 'costSavedCNY', head: ['节省', '亿元'], width: 6, fmt: yi(1) },
];

/** The yearly table's columns in a language. */
export function columnsFor(lang: Lang = getLang()): Column[] {
  return lang === 'zh' ? COLUMNS_ZH : COLUMNS;
}

const pad = padStartW;

export interface TableOptions {
  events?: boolean;
  /** A plain-language paragraph per year (the TUI's narration line), for a class or a report. */
  narrate?: boolean;
  /** Reported figures beside the model (`--observed FILE`). */
  observed?: { set: ObservationSet; checks: readonly ObservationCheck[] };
}

export function resultTable(mc: MonteCarloResult, opts: TableOptions = {}): string {
  const lang = getLang();
  const { scenario, central } = mc;
  const Y = central.years.length;
  const value = (metric: string, y: number): number => {
    const kk = central.metrics.indexOf(metric);
    return mc.bands ? mc.bands[kk * Y + y]!.p50 : central.values[kk * Y + y]!;
  };
  const columns = columnsFor(lang);
  const yearHead = t('table.run.year');
  const yearW = Math.max(4, displayWidth(yearHead));
  // a header wider than its column widens it: Chinese headers count two cells a character
  const widths = columns.map((c) => Math.max(c.width, displayWidth(c.head[0]), displayWidth(c.head[1])));
  const lines: string[] = [];
  lines.push(localName(scenario));
  lines.push(...wrap(`${scenario.file} · ${resultCaption(mc, lang)}`));
  lines.push('');
  const head1 = [pad(yearHead, yearW), ...columns.map((c, i) => pad(c.head[0], widths[i]!))].join(' ');
  const head2 = [pad('', yearW), ...columns.map((c, i) => pad(c.head[1], widths[i]!))].join(' ');
  lines.push(head1, head2);
  central.years.forEach((year, y) => {
    lines.push([pad(String(year), yearW), ...columns.map((c, i) => pad(c.fmt(value(c.metric, y)), widths[i]!))].join(' '));
  });
  lines.push('');
  lines.push(...wrap(t('table.run.legend')));

  if (mc.targets.length > 0) {
    lines.push('', t(mc.bands ? 'table.run.targets' : 'table.run.targetsCentral'));
    const markW = Math.max(displayWidth(t('common.met')), displayWidth(t('common.missed')));
    const indent = ' '.repeat(4 + markW + 2);
    mc.targets.forEach((o, i) => {
      const unit = unitOf(o.metric);
      const mark = padEndW(t(o.met ? 'common.met' : 'common.missed'), markW);
      const prob = o.probability !== undefined ? `P ${pad((o.probability * 100).toFixed(0), 3)} %  ` : '';
      const line = t('table.run.target', { label: targetLabel(mc, o, lang), value: fmt(o.value, unit), year: o.year, goal: goalText(o) });
      lines.push(...wrap(`  ${mark}  ${prob}${line}`, 80, indent));
      const c = mc.centralTargets[i];
      if (mc.bands && c && c.met !== o.met) lines.push(...wrap(`${' '.repeat(4 + markW)}${verdictDiffers(c, o, mc.runs)}`, 80, indent));
    });
  }

  if (mc.bands) {
    // the year the targets look at, or the last year
    const y = mc.targets.length > 0 ? Math.min(Y - 1, Math.max(0, mc.targets[0]!.year - central.years[0]!)) : Y - 1;
    const rows = central.metrics
      .map((m, kk) => ({ m, b: mc.bands![kk * Y + y]! }))
      // a band that straddles zero has no meaningful relative width
      .filter(({ b }) => Number.isFinite(b.p50) && Math.abs(b.p50) > 1e-9 && b.p95 > b.p5 && !(b.p5 < 0 && b.p95 > 0))
      .map((x) => ({ ...x, rel: (x.b.p95 - x.b.p5) / Math.abs(x.b.p50) }))
      .sort((a, b) => b.rel - a.rel || a.m.localeCompare(b.m))
      .slice(0, 6);
    if (rows.length > 0) {
      lines.push('', t('table.run.widest', { year: central.years[y]! }));
      const labelW = Math.max(...rows.map(({ m }) => displayWidth(shortLabelOf(m))));
      for (const { m, b, rel } of rows) {
        const unit = unitOf(m);
        const band = t('table.run.band', { value: fmt(b.p50, unit), range: fmtRange(b.p5, b.p95, unit), pct: ((rel / 2) * 100).toFixed(0) });
        lines.push(`  ${padEndW(shortLabelOf(m), labelW)}  ${band}`);
      }
    }
  }

  // the plan's tension in one line: what all planned phases cost against the budget
  let planned = 0;
  let plannedRacks = 0;
  let sunk = 0;
  for (const dc of scenario.datacenters) {
    for (const ph of dc.phases) {
      if (ph.cancelled) continue;
      plannedRacks += ph.size;
      if (!ph.preexisting) planned += ph.capex * scenario.construction.overrunFactor;
      else sunk++;
    }
  }
  const endY = Y - 1;
  // English counts racks in k and money in bn CNY; Chinese in 万 and 亿 (src/report/format.ts `magnitude`)
  const racks = (v: number): string => (lang === 'zh' ? magnitude(v) : grouped(v / 1e3));
  const money = (v: number): string => (lang === 'zh' ? magnitude(v) : grouped(v / 1e9, 1));
  const sunkText = sunk > 0 ? t('table.run.sunk', { phases: countOf(sunk, 'phase'), start: scenario.horizon.start }) : '';
  lines.push('', ...wrap(t('table.run.construction', {
    racks: racks(plannedRacks), cost: money(planned), sunk: sunkText, budget: money(scenario.investment.total),
    year: central.years[endY]!, live: racks(value('rackCapacity', endY)), spent: money(value('capexCumCNY', endY)),
  })));
  const d = central.detail;
  if (d) {
    const year = d.paybackYear === null ? t('table.run.paybackNone') : String(d.paybackYear);
    lines.push(...wrap(t(mc.bands ? 'table.run.paybackCentral' : 'table.run.payback', { year })));
  }
  if (opts.observed) lines.push(...observationLines(opts.observed.set, opts.observed.checks, Boolean(mc.bands)));
  if (opts.narrate && d) {
    lines.push('', t('table.run.narrate'));
    for (const year of central.years) lines.push(...wrap(`  ${narrationText(central, year)}`, 80, '        '));
  }
  if (opts.events && d) {
    lines.push('', t('table.run.events'));
    for (const e of d.events) lines.push(`  ${monthLabel(scenario.horizon.start, e.month)}  ${eventText(e)}`);
  }
  return lines.join('\n') + '\n';
}

/** A target's label in the reader's language: the file's Chinese label where it gives one. */
function targetLabel(mc: MonteCarloResult, o: TargetOutcome, lang: Lang): string {
  if (lang !== 'zh') return o.label;
  return mc.scenario.targets.find((x) => x.id === o.id)?.labelZh ?? o.label;
}

/** One line where the central run and the median disagree on a target. */
export function verdictDiffers(central: TargetOutcome, median: TargetOutcome, runs: number): string {
  const unit = unitOf(central.metric);
  // no-break spaces: the wrap never splits "P 17 %"
  const p = median.probability !== undefined ? t('table.run.differsP', { p: Math.round(median.probability * 100) }) : '';
  return t(central.met ? 'table.run.centralMeets' : 'table.run.centralMisses', { value: fmt(central.value, unit), runs: grouped(runs), p });
}

/** Word-wrap to 80 columns (Chinese counts two a character), continuation lines indented. */
const wrap = wrapWidth;

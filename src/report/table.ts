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
import { counted, grouped } from './format.js';
import { narrationText } from './narration.js';
import { resultCaption } from './caption.js';
import type { ObservationCheck } from '../engine/observe.js';
import type { ObservationSet } from '../scenario/types.js';
import { observationLines } from './observations.js';

export interface Column {
  metric: MetricName;
  head: [string, string];
  width: number;
  fmt: (v: number) => string;
}

const k = (v: number): string => grouped(v / 1e3);
const bn = (v: number): string => grouped(v / 1e9, 1);

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

const pad = (s: string, w: number): string => (s.length >= w ? s : ' '.repeat(w - s.length) + s);

export interface TableOptions {
  events?: boolean;
  /** A plain-language paragraph per year (the TUI's narration line), for a class or a report. */
  narrate?: boolean;
  /** Reported figures beside the model (`--observed FILE`). */
  observed?: { set: ObservationSet; checks: readonly ObservationCheck[] };
}

export function resultTable(mc: MonteCarloResult, opts: TableOptions = {}): string {
  const { scenario, central } = mc;
  const Y = central.years.length;
  const value = (metric: string, y: number): number => {
    const kk = central.metrics.indexOf(metric);
    return mc.bands ? mc.bands[kk * Y + y]!.p50 : central.values[kk * Y + y]!;
  };
  const lines: string[] = [];
  lines.push(`${scenario.name}`);
  lines.push(...wrap(`${scenario.file} · ${resultCaption(mc)}`));
  lines.push('');
  const head1 = [pad('year', 4), ...COLUMNS.map((c) => pad(c.head[0], c.width))].join(' ');
  const head2 = [pad('', 4), ...COLUMNS.map((c) => pad(c.head[1], c.width))].join(' ');
  lines.push(head1, head2);
  central.years.forEach((year, y) => {
    lines.push([pad(String(year), 4), ...COLUMNS.map((c) => pad(c.fmt(value(c.metric, y)), c.width))].join(' '));
  });
  lines.push('');
  lines.push(...wrap("racks = 2.5 kW standard racks; east→GA = eastern work served in Gui'an; saved = vs running that work in the east"));

  if (mc.targets.length > 0) {
    lines.push('', mc.bands ? 'Targets (met = the median meets it; P = share of runs that meet it)' : 'Targets (central case)');
    mc.targets.forEach((t, i) => {
      const unit = unitOf(t.metric);
      const mark = t.met ? 'met   ' : 'missed';
      const prob = t.probability !== undefined ? `P ${pad((t.probability * 100).toFixed(0), 3)} %  ` : '';
      lines.push(...wrap(`  ${mark}  ${prob}${t.label}: ${fmt(t.value, unit)} in ${t.year} (goal ${goalText(t)})`, 80, '            '));
      const c = mc.centralTargets[i];
      if (mc.bands && c && c.met !== t.met) lines.push(...wrap(`          ${verdictDiffers(c, t, mc.runs)}`, 80, '            '));
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
      lines.push('', `Widest uncertainty bands in ${central.years[y]} (median, P5–P95)`);
      const labelW = Math.max(...rows.map(({ m }) => shortLabelOf(m).length));
      for (const { m, b, rel } of rows) {
        const unit = unitOf(m);
        lines.push(`  ${shortLabelOf(m).padEnd(labelW)}  ${fmt(b.p50, unit)} (${fmtRange(b.p5, b.p95, unit)}, ±${((rel / 2) * 100).toFixed(0)} %)`);
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
  const sunkText = sunk > 0 ? ` (besides ${counted(sunk, 'phase')} live before ${scenario.horizon.start}, whose cost is sunk)` : '';
  const endY = Y - 1;
  lines.push(
    '',
    ...wrap(
      `Construction: the ${grouped(plannedRacks / 1e3)} k planned racks cost ${grouped(planned / 1e9, 1)} bn CNY` +
        `${sunkText} against a budget of ${grouped(scenario.investment.total / 1e9, 1)} bn CNY; ` +
        `by ${central.years[endY]}, ${grouped(value('rackCapacity', endY) / 1e3)} k racks are live for ${grouped(value('capexCumCNY', endY) / 1e9, 1)} bn CNY.`,
    ),
  );
  const d = central.detail;
  if (d) {
    const which = mc.bands ? ', central case' : '';
    lines.push(...wrap(`Payback (rent against opex and construction capex${which}): ${d.paybackYear === null ? 'not within the horizon' : d.paybackYear}.`));
  }
  if (opts.observed) lines.push(...observationLines(opts.observed.set, opts.observed.checks, Boolean(mc.bands)));
  if (opts.narrate && d) {
    lines.push('', 'What happens, year by year (central case)');
    for (const year of central.years) lines.push(...wrap(`  ${narrationText(central, year)}`, 80, '        '));
  }
  if (opts.events && d) {
    lines.push('', 'Events (central case)');
    for (const e of d.events) lines.push(`  ${monthLabel(scenario.horizon.start, e.month)}  ${e.text}`);
  }
  return lines.join('\n') + '\n';
}

/** One line where the central run and the median disagree on a target. */
export function verdictDiffers(central: TargetOutcome, median: TargetOutcome, runs: number): string {
  const unit = unitOf(central.metric);
  // no-break spaces: the wrap never splits "P 17 %"
  const p = median.probability !== undefined ? ` (P\u00a0${Math.round(median.probability * 100)}\u00a0%)` : '';
  return central.met
    ? `the central case meets it (${fmt(central.value, unit)}); the median of ${grouped(runs)} runs does not${p}`
    : `the central case misses it (${fmt(central.value, unit)}); the median of ${grouped(runs)} runs meets it${p}`;
}

/** Word-wrap to 80 columns, continuation lines indented. */
function wrap(text: string, width = 80, indent = '  '): string[] {
  const out: string[] = [];
  const lead = /^ */.exec(text)![0];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    if (line.trim() && line.length + 1 + word.length > width) {
      out.push(line);
      line = indent + word;
    } else line = line.trim() ? `${line} ${word}` : line + word;
  }
  if (line) out.push(line);
  return out;
}


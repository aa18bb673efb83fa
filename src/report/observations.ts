/**
Observations beside the model (`dcplan run --observed FILE`): each reported
figure — as the interval it implies for Gui'an — against what the result shows
at its date (the median and P5–P95 band under Monte Carlo, else the central
case), in the table and the JSON.
*/
import type { ObservationCheck } from '../engine/observe.js';
import type { ObservationSet } from '../scenario/types.js';
import { fmt, fmtRange, shortLabelOf, unitOf } from './display.js';
import { roundForOutput as r } from './format.js';
import { t } from './i18n/catalogue.js';
import { displayWidth, padEndW } from './width.js';

/** "2024-07" or "2024". */
export function observationDate(o: { year: number; month?: number }): string {
  return o.month === undefined ? String(o.year) : `${o.year}-${String(o.month).padStart(2, '0')}`;
}

/** The interval for Gui'an in words: "≥ 14.0 k racks", "≤ 630 MW", "40.0 – 61.0 EFLOPS". */
export function intervalText(lo: number, hi: number, unit: string): string {
  if (!Number.isFinite(hi)) return `≥ ${fmt(lo, unit)}`;
  if (!Number.isFinite(lo) || lo <= 0) return `≤ ${fmt(hi, unit)}`;
  return fmtRange(lo, hi, unit);
}

/** Table lines: a heading, one line per observation, a count of those inside. */
export function observationLines(set: ObservationSet, checks: readonly ObservationCheck[], monteCarlo: boolean): string[] {
  const lines = ['', t('table.obs.heading', { file: set.file })];
  const head = t(monteCarlo ? 'table.obs.modelMedian' : 'table.obs.modelCentral');
  // cells padded and clipped by terminal width: Chinese labels take two cells a character
  const cell = (s: string, w: number): string => padEndW(clipText(s, w), w);
  lines.push(`  ${cell(t('table.obs.date'), 7)} ${cell(t('table.obs.metric'), 22)} ${cell(t('table.obs.reported'), 24)} ${head}`);
  const marks = { in: t('table.obs.in'), band: t('table.obs.band'), out: t('table.obs.out') };
  for (const c of checks) {
    const o = c.observation;
    const unit = unitOf(o.metric);
    const model = c.p5 !== undefined && c.p95 !== undefined ? `${fmt(c.value, unit, false)} (${fmtRange(c.p5, c.p95, unit)})` : fmt(c.value, unit);
    const mark = c.inside ? marks.in : c.overlaps ? marks.band : marks.out;
    lines.push(`  ${cell(observationDate(o), 7)} ${cell(shortLabelOf(o.metric), 22)} ${cell(intervalText(o.lo, o.hi, unit), 24)} ${padEndW(mark, 4)} ${model}`);
  }
  const inside = checks.filter((c) => c.inside).length;
  const band = checks.filter((c) => !c.inside && c.overlaps).length;
  lines.push(`  ${t(monteCarlo ? 'table.obs.summary' : 'table.obs.summaryCentral', { inside, total: checks.length, band })}`);
  return lines;
}

/** The first `w` columns of `s`, cut without a mark (the table's cells are cut, as they always were). */
function clipText(s: string, w: number): string {
  let out = '';
  let used = 0;
  for (const ch of s) {
    const cw = displayWidth(ch);
    if (used + cw > w) break;
    out += ch;
    used += cw;
  }
  return out;
}

export function observationsJson(set: ObservationSet, checks: readonly ObservationCheck[]): Record<string, unknown> {
  return {
    file: set.file,
    hash: set.hash,
    checks: checks.map((c) => {
      const o = c.observation;
      const row: Record<string, unknown> = {
        id: o.id, metric: o.metric, date: observationDate(o), kind: o.kind, scope: o.scope, definition: o.definition,
        lo: Number.isFinite(o.lo) ? r(o.lo) : null, hi: Number.isFinite(o.hi) ? r(o.hi) : null, value: r(c.value),
      };
      if (c.p5 !== undefined) row.p5 = r(c.p5);
      if (c.p95 !== undefined) row.p95 = r(c.p95);
      row.inside = c.inside;
      row.overlaps = c.overlaps;
      row.source = o.source;
      row.quality = o.quality;
      return row;
    }),
  };
}

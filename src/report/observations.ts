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
  const lines = ['', `Against what was reported (${set.file}; reported figures as intervals for Gui'an)`];
  const head = monteCarlo ? 'model: median (P5–P95)' : 'model: central case';
  lines.push(`  ${'date'.padEnd(7)} ${'metric'.padEnd(22)} ${'reported'.padEnd(24)} ${head}`);
  for (const c of checks) {
    const o = c.observation;
    const unit = unitOf(o.metric);
    const model = c.p5 !== undefined && c.p95 !== undefined ? `${fmt(c.value, unit, false)} (${fmtRange(c.p5, c.p95, unit)})` : fmt(c.value, unit);
    const mark = c.inside ? 'in ' : c.overlaps ? 'band' : 'OUT';
    lines.push(`  ${observationDate(o).padEnd(7)} ${shortLabelOf(o.metric).slice(0, 22).padEnd(22)} ${intervalText(o.lo, o.hi, unit).slice(0, 24).padEnd(24)} ${mark.padEnd(4)} ${model}`);
  }
  const inside = checks.filter((c) => c.inside).length;
  const band = checks.filter((c) => !c.inside && c.overlaps).length;
  lines.push(
    `  ${inside} of ${checks.length} inside${monteCarlo ? `; ${band} more within the P5–P95 band ("band")` : ''}; OUT = the model misses the reported interval.`,
  );
  return lines;
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

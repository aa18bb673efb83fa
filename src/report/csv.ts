/**
CSV output (docs/results.md). The first line is a comment naming the scenario,
what the numbers are and the overrides (`# … · median of 1,000 Monte Carlo
runs, seed 7 · --set investment=60`); most CSV readers take `comment='#'`.

`yearlyCsv`: one row per year, a column per metric (the median when runs > 1,
else the central case) plus `<metric>_p5` and `<metric>_p95` band columns.
`perRunCsv`: every run (`run,year,<draws>,<metrics>`), where each uncertain
input's draw in that run sits in a `draw:<path>` column (the value set, or the
factor applied for `scale` entries), so a sensitivity analysis can be redone
from the file alone.
*/
import type { MonteCarloResult } from '../engine/montecarlo.js';
import { drawsFor, streamNames } from '../engine/sample.js';
import { roundForOutput } from './format.js';
import { resultCaption } from './caption.js';

const cell = (v: number): string => {
  const x = roundForOutput(v);
  return x === null ? '' : String(x);
};

/** The comment line every CSV starts with (no line breaks, no commas that matter: it is a comment). */
export function csvCaption(mc: MonteCarloResult): string {
  return `# ${mc.scenario.name} · ${mc.scenario.file} · ${resultCaption(mc)}`.replace(/[\r\n]+/g, ' ');
}

export function yearlyCsv(mc: MonteCarloResult): string {
  const { central } = mc;
  const Y = central.years.length;
  const header = ['year', ...central.metrics];
  if (mc.bands) for (const m of central.metrics) header.push(`${m}_p5`, `${m}_p95`);
  const lines = [csvCaption(mc), header.join(',')];
  central.years.forEach((year, y) => {
    const row = [String(year)];
    central.metrics.forEach((_, k) => row.push(cell(mc.bands ? mc.bands[k * Y + y]!.p50 : central.values[k * Y + y]!)));
    if (mc.bands) central.metrics.forEach((_, k) => row.push(cell(mc.bands![k * Y + y]!.p5), cell(mc.bands![k * Y + y]!.p95)));
    lines.push(row.join(','));
  });
  return lines.join('\n') + '\n';
}

export function perRunCsv(mc: MonteCarloResult): string {
  const { central, scenario } = mc;
  const Y = central.years.length;
  const width = central.metrics.length * Y;
  const names = streamNames(scenario.uncertainty);
  const lines = [csvCaption(mc), ['run', 'year', ...names.map((n) => `draw:${n}`), ...central.metrics].join(',')];
  for (let r = 0; r < mc.runs; r++) {
    // runs = 1 is the central case: no draws
    const draws = mc.runs > 1 ? drawsFor(scenario, mc.seed, r, names).map(cell) : names.map(() => '');
    central.years.forEach((year, y) => {
      const row = [String(r), String(year), ...draws];
      for (let k = 0; k < central.metrics.length; k++) row.push(cell(mc.perRun[r * width + k * Y + y]!));
      lines.push(row.join(','));
    });
  }
  return lines.join('\n') + '\n';
}

/**
CSV output (DESIGN §5): one row per year, a column per metric (the median when
runs > 1) plus `<metric>_p5` and `<metric>_p95` band columns; `perRunCsv` writes
every run (`run,year,<metrics>`).
*/
import type { MonteCarloResult } from '../engine/montecarlo.js';
import { roundForOutput } from './format.js';

const cell = (v: number): string => {
  const x = roundForOutput(v);
  return x === null ? '' : String(x);
};

export function yearlyCsv(mc: MonteCarloResult): string {
  const { central } = mc;
  const Y = central.years.length;
  const header = ['year', ...central.metrics];
  if (mc.bands) for (const m of central.metrics) header.push(`${m}_p5`, `${m}_p95`);
  const lines = [header.join(',')];
  central.years.forEach((year, y) => {
    const row = [String(year)];
    central.metrics.forEach((_, k) => row.push(cell(mc.bands ? mc.bands[k * Y + y]!.p50 : central.values[k * Y + y]!)));
    if (mc.bands) central.metrics.forEach((_, k) => row.push(cell(mc.bands![k * Y + y]!.p5), cell(mc.bands![k * Y + y]!.p95)));
    lines.push(row.join(','));
  });
  return lines.join('\n') + '\n';
}

export function perRunCsv(mc: MonteCarloResult): string {
  const { central } = mc;
  const Y = central.years.length;
  const width = central.metrics.length * Y;
  const lines = [['run', 'year', ...central.metrics].join(',')];
  for (let r = 0; r < mc.runs; r++) {
    central.years.forEach((year, y) => {
      const row = [String(r), String(year)];
      for (let k = 0; k < central.metrics.length; k++) row.push(cell(mc.perRun[r * width + k * Y + y]!));
      lines.push(row.join(','));
    });
  }
  return lines.join('\n') + '\n';
}

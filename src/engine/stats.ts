/**
Percentile bands across Monte Carlo runs (docs/results.md): p5, p25, p50, p75, p95
(quantiles of type R-7, as simple-statistics computes them), mean and sample sd.
Runs are always summarised in run-index order, so the bytes do not depend on
which worker computed which run.
*/
import { quantile, quantileSorted } from 'simple-statistics';

const PS = [0.05, 0.25, 0.5, 0.75, 0.95];

export interface Band {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  mean: number;
  sd: number;
}

/** Band of one column of `perRun` (runs × width, row-major) at offset `col`. */
export function band(perRun: Float64Array, runs: number, width: number, col: number, scratch = new Float64Array(runs)): Band {
  let sum = 0;
  // NaN and −0 have no place in quickselect's order: such a column is sorted in full
  let unordered = false;
  const first = perRun[col]!;
  let constant = true;
  for (let r = 0; r < runs; r++) {
    const v = perRun[r * width + col]!;
    scratch[r] = v;
    sum += v;
    if (v !== v || (v === 0 && 1 / v < 0)) unordered = true;
    if (v !== first) constant = false;
  }
  const mean = sum / runs;
  let ss = 0;
  for (let r = 0; r < runs; r++) ss += (scratch[r]! - mean) ** 2;
  const sd = runs > 1 ? Math.sqrt(ss / (runs - 1)) : 0;
  const values = scratch.subarray(0, runs);
  if (!unordered) {
    // a column the same in every run (a fifth of them: counts, inputs no draw touches): each percentile, an
    // interpolation between two equal finite values, is that value
    if (constant && Number.isFinite(first)) return { p5: first, p25: first, p50: first, p75: first, p95: first, mean, sd };
    // selection instead of a full sort (10,000 runs: ~5× faster): the same order statistics, so the same bits
    const [p5, p25, p50, p75, p95] = quantile(values as unknown as number[], PS);
    return { p5: p5!, p25: p25!, p50: p50!, p75: p75!, p95: p95!, mean, sd };
  }
  const sorted = values.sort();
  const q = (p: number): number => quantileSorted(sorted as unknown as number[], p);
  return { p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95), mean, sd };
}

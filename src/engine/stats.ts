/**
Percentile bands across Monte Carlo runs (docs/results.md): p5, p25, p50, p75, p95
(quantiles of type R-7, as simple-statistics computes them), mean and sample sd.
Runs are always summarised in run-index order, so the bytes do not depend on
which worker computed which run.
*/
import { quantileSorted } from 'simple-statistics';

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
  for (let r = 0; r < runs; r++) {
    const v = perRun[r * width + col]!;
    scratch[r] = v;
    sum += v;
  }
  const mean = sum / runs;
  let ss = 0;
  for (let r = 0; r < runs; r++) ss += (scratch[r]! - mean) ** 2;
  const sorted = scratch.subarray(0, runs).sort();
  const q = (p: number): number => quantileSorted(sorted as unknown as number[], p);
  return { p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95), mean, sd: runs > 1 ? Math.sqrt(ss / (runs - 1)) : 0 };
}

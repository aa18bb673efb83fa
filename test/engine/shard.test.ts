/**
Shard slicing (src/engine/shard.ts) and the column-wise summary merge uses: the
shards of a batch cover every run exactly once whatever N is, and summarizing
column-major shard pieces gives the same numbers, bit for bit, as summarizing
the runs in one array.
*/
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monteCarlo, runWidth, simulateRuns, summarize, summarizeColumns } from '../../src/engine/montecarlo.js';
import { coverageProblems, shardPieces, toColumns } from '../../src/engine/shard.js';
import { simulate } from '../../src/engine/simulate.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario } from './builder.js';

function uncertain(): Scenario {
  const s = baseScenario();
  s.uncertainty = [
    { path: 'construction.delayFactor', mode: 'set', dist: { type: 'pert', min: 0.9, mode: 1, max: 1.6 } },
    { path: 'construction.overrunFactor', mode: 'set', dist: { type: 'triangular', min: 0.95, mode: 1.05, max: 1.4 } },
    { path: 'energy.electricityPrice', mode: 'scale', dist: { type: 'uniform', min: 0.8, max: 1.3 } },
  ];
  return s;
}

describe('shardPieces', () => {
  it('gives each shard a contiguous stretch of the runs laid end to end', () => {
    expect(shardPieces([10, 0, 5], 0, 3)).toEqual([{ item: 0, from: 0, to: 5 }]);
    expect(shardPieces([10, 0, 5], 1, 3)).toEqual([{ item: 0, from: 5, to: 10 }]);
    expect(shardPieces([10, 0, 5], 2, 3)).toEqual([{ item: 2, from: 0, to: 5 }]);
    expect(shardPieces([7], 0, 1)).toEqual([{ item: 0, from: 0, to: 7 }]);
    expect(shardPieces([2], 3, 4)).toEqual([{ item: 0, from: 1, to: 2 }]);
    expect(shardPieces([0, 0], 1, 2)).toEqual([]);
  });

  it('rejects an index outside 0..N-1', () => {
    expect(() => shardPieces([10], 3, 3)).toThrow(RangeError);
    expect(() => shardPieces([10], -1, 3)).toThrow(RangeError);
    expect(() => shardPieces([10], 0, 0)).toThrow(RangeError);
  });

  it('covers every run of every scenario exactly once, in near-equal shares, for any N', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 40 }), (runs, n) => {
        const all = Array.from({ length: n }, (_, i) => shardPieces(runs, i, n));
        runs.forEach((r, item) => {
          const mine = all.flat().filter((p) => p.item === item);
          expect(coverageProblems(mine, r)).toEqual([]);
        });
        const sizes = all.map((ps) => ps.reduce((s, p) => s + p.to - p.from, 0));
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it('works with run totals past 2^32 (exact integer cuts)', () => {
    const huge = [3_000_000_000, 2_000_000_001];
    const pieces = Array.from({ length: 7 }, (_, i) => shardPieces(huge, i, 7)).flat();
    expect(coverageProblems(pieces.filter((p) => p.item === 0), huge[0]!)).toEqual([]);
    expect(coverageProblems(pieces.filter((p) => p.item === 1), huge[1]!)).toEqual([]);
  });
});

describe('coverageProblems', () => {
  it('names gaps, overlaps and runs beyond the end', () => {
    expect(coverageProblems([{ from: 0, to: 5 }, { from: 5, to: 10 }], 10)).toEqual([]);
    expect(coverageProblems([{ from: 0, to: 4 }, { from: 6, to: 10 }], 10)).toEqual(['runs 4–5 missing']);
    expect(coverageProblems([{ from: 0, to: 6 }, { from: 4, to: 10 }], 10)).toEqual(['runs 4–5 present twice']);
    expect(coverageProblems([{ from: 0, to: 8 }], 10)).toEqual(['runs 8–9 missing']);
    expect(coverageProblems([{ from: 0, to: 12 }], 10)).toEqual(['runs 10–11 beyond the 10 runs expected']);
  });
});

describe('toColumns', () => {
  it('transposes run-major rows into contiguous columns', () => {
    const rows = Float64Array.from([1, 2, 3, 4, 5, 6]); // 2 runs × 3 columns
    expect(Array.from(toColumns(rows, 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
  });
});

describe('summarizeColumns (what merge computes)', () => {
  it('equals summarize bit for bit when the runs come from column-major shard pieces', () => {
    const s = uncertain();
    const runs = 203;
    const seed = 42;
    const width = runWidth(s);
    const whole = monteCarlo(s, { runs, seed });

    // three shards, each writing its piece column-major, as `batch --shard` does
    const pieces = [0, 1, 2].flatMap((i) => shardPieces([runs], i, 3));
    const files = pieces.map((p) => {
      const rows = new Float64Array((p.to - p.from) * width);
      simulateRuns(s, seed, p.from, p.to, rows);
      return { ...p, cols: toColumns(rows, p.to - p.from, width) };
    });
    const central = simulate(s, { detail: true });
    const merged = summarizeColumns(s, seed, runs, central, (col, out) => {
      for (const f of files) {
        const n = f.to - f.from;
        out.set(f.cols.subarray(col * n, (col + 1) * n), f.from);
      }
    });
    expect(JSON.stringify(merged.bands)).toBe(JSON.stringify(whole.bands));
    expect(merged.targets).toEqual(whole.targets);
    expect(merged.targets[0]!.probability).toBeGreaterThan(0);
    expect(merged.perRun.length).toBe(0);
  });

  it('summarize with one run is the central case, without bands or probabilities', () => {
    const s = uncertain();
    const central = simulate(s, { detail: true });
    const mc = summarize(s, 1, 1, central, central.values);
    expect(mc.bands).toBeUndefined();
    expect(mc.targets[0]!.probability).toBeUndefined();
    expect(mc.perRun).toBe(central.values);
  });
});

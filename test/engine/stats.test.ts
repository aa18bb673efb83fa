import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { band } from '../../src/engine/stats.js';

/** The band's percentiles as a full sort gives them. */
function bySort(values: number[]): number[] {
  const s = Float64Array.from(values).sort();
  return [0.05, 0.25, 0.5, 0.75, 0.95].map((p) => quantileSorted(s as unknown as number[], p));
}

describe('band', () => {
  it('gives the same bits as sorting the column, ties, −0 and NaN included', () => {
    const value = fc.oneof(fc.double(), fc.integer({ min: -3, max: 3 }), fc.constantFrom(0, -0, NaN, Infinity));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 200 }), (values) => {
        const b = band(Float64Array.from(values), values.length, 1, 0);
        const ref = bySort(values);
        [b.p5, b.p25, b.p50, b.p75, b.p95].forEach((v, i) => expect(Object.is(v, ref[i])).toBe(true));
      }),
      { numRuns: 500 },
    );
  });

  it('a column the same in every run: the same bits as sorting it, and its mean and sd as summed', () => {
    const value = fc.oneof(fc.double(), fc.integer({ min: -3, max: 3 }), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, Number.MAX_VALUE, 5e-324));
    fc.assert(
      fc.property(value, fc.integer({ min: 1, max: 300 }), (v, n) => {
        const values = new Array<number>(n).fill(v);
        const b = band(Float64Array.from(values), n, 1, 0);
        const ref = bySort(values);
        [b.p5, b.p25, b.p50, b.p75, b.p95].forEach((x, i) => expect(Object.is(x, ref[i])).toBe(true));
        let sum = 0;
        for (const x of values) sum += x;
        expect(Object.is(b.mean, sum / n)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('reads one column of a run-major table, with mean and sample sd', () => {
    // 4 runs × 2 columns: column 1 is 10, 20, 30, 40
    const table = Float64Array.from([1, 10, 2, 20, 3, 30, 4, 40]);
    const b = band(table, 4, 2, 1);
    expect(b.p50).toBe(25);
    expect(b.mean).toBe(25);
    expect(b.sd).toBeCloseTo(Math.sqrt(500 / 3), 12);
    expect(b.p5).toBeCloseTo(11.5, 12);
    expect(b.p95).toBeCloseTo(38.5, 12);
  });
});

/** Reference values worked by hand (in the comments). */
import { describe, expect, it } from 'vitest';
import { buildMonths, canFund, cumulativeRelease, inHorizonCapex } from '../../src/model/construction.js';

describe('construction', () => {
  it('releases the budget evenly over each year of its profile, flat afterwards', () => {
    // 1.2 bn × 0.5 in year 0 = 50 M a month; year 1 × 0.25 = 25 M a month; then nothing
    const out = new Float64Array(36);
    cumulativeRelease(1.2e9, Float64Array.from([0.5, 0.25, 0]), 36, out);
    expect(out[0]).toBeCloseTo(50e6, 6);
    expect(out[11]).toBeCloseTo(600e6, 6);
    expect(out[23]).toBeCloseTo(900e6, 6);
    expect(out[35]).toBeCloseTo(900e6, 6);
  });

  it('stretches builds by the delay factor, in whole months, at least one', () => {
    expect(buildMonths(24, 1.4)).toBe(34); // 33.6 → 34
    expect(buildMonths(24, 1)).toBe(24);
    expect(buildMonths(1, 0.1)).toBe(1);
  });

  it('counts only the in-horizon months of a phase begun before the horizon', () => {
    // begun 6 months before, 24-month build: 18 of 24 months remain → 3/4 of 1 bn
    expect(inHorizonCapex(1e9, -6, 24)).toBe(0.75e9);
    expect(inHorizonCapex(1e9, 3, 24)).toBe(1e9);
    expect(inHorizonCapex(1e9, -30, 24)).toBe(0); // finished before the horizon
  });

  it('funds a phase when the money released by its completion covers everything committed (C1)', () => {
    const release = Float64Array.from([100, 200, 300]);
    expect(canFund(100, 200, release, 2)).toBe(true); // 300 ≤ 300
    expect(canFund(100, 201, release, 2)).toBe(false);
    expect(canFund(0, 300, release, 9)).toBe(true); // beyond the array: the last value
  });
});

import { describe, expect, it } from 'vitest';
import { expiringShare, yearlyTurnover } from '../../src/model/contracts.js';

describe('contracts', () => {
  it('a share 1/(12 L) of placed work expires each month', () => {
    expect(expiringShare(5)).toBeCloseTo(1 / 60, 15);
    expect(expiringShare(1)).toBeCloseTo(1 / 12, 15);
    expect(expiringShare(0)).toBe(1);
  });

  it('so at most 1 − (1 − 1/(12 L))^12 ≤ 1/L of a stock can leave in a year', () => {
    // L = 5: 1 − (59/60)^12 = 0.18265…
    expect(yearlyTurnover(5)).toBeCloseTo(0.182648, 5);
    for (const L of [1, 2, 3, 5, 10]) expect(yearlyTurnover(L)).toBeLessThanOrEqual(1 / L);
  });
});

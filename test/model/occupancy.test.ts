import { describe, expect, it } from 'vitest';
import { rentableRacks } from '../../src/model/occupancy.js';

describe('fill ramp', () => {
  it('opens a new hall linearly over fillMonths', () => {
    expect(rentableRacks(10_000, 0, 36, 0)).toBe(0);
    expect(rentableRacks(10_000, 18, 36, 0)).toBe(5000); // half way: half the racks
    expect(rentableRacks(10_000, 36, 36, 0)).toBe(10_000);
    expect(rentableRacks(10_000, 60, 36, 0)).toBe(10_000); // never more than the hall
  });

  it('starts a hall live before the horizon at its starting fill', () => {
    // 10,000 × (0.4 + 12/36) = 7,333.3
    expect(rentableRacks(10_000, 12, 36, 0.4)).toBeCloseTo(7333.333, 3);
    expect(rentableRacks(10_000, -1, 36, 0.4)).toBe(0); // not live yet
    expect(rentableRacks(10_000, 0, 0, 0)).toBe(10_000); // no ramp
  });
});

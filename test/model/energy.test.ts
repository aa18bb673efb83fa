import { describe, expect, it } from 'vitest';
import { carbonLocationKg, carbonMarketKg, facilityEnergy, monthlyPue, partLoadPue } from '../../src/model/energy.js';

describe('PUE', () => {
  it('is the design value at full load and worse at part load', () => {
    expect(partLoadPue(1.2, 1, 0.35)).toBeCloseTo(1.2, 12);
    // 1 + 0.2 × (0.35/0.5 + 0.65) = 1.27
    expect(partLoadPue(1.2, 0.5, 0.35)).toBeCloseTo(1.27, 12);
    // 1 + 0.2 × (0.35/0.3 + 0.65) = 1.36333…
    expect(partLoadPue(1.2, 0.3, 0.35)).toBeCloseTo(1.363333, 6);
    // an empty hall is evaluated at 5 %: 1 + 0.2 × (7 + 0.65) = 2.53
    expect(partLoadPue(1.2, 0, 0.35)).toBeCloseTo(2.53, 12);
    // no fixed part: load does not matter
    expect(partLoadPue(1.3, 0.2, 0)).toBeCloseTo(1.3, 12);
  });

  it('falls monotonically as the hall fills', () => {
    let prev = Infinity;
    for (let u = 0.05; u <= 1; u += 0.05) {
      const p = partLoadPue(1.25, u, 0.4);
      expect(p).toBeLessThan(prev);
      prev = p;
    }
  });

  it("scales the overhead with the month's temperature, then caps", () => {
    // 1 + 0.2 × (1 + 0.03 × (24 − 15)) = 1.254
    expect(monthlyPue(1.2, 0.03, 24, 15, 0)).toBeCloseTo(1.254, 12);
    expect(monthlyPue(1.2, 0.03, 24, 15, 1.22)).toBe(1.22);
    expect(facilityEnergy(100, 1.25, 730)).toBeCloseTo(91_250, 9);
  });
});

describe('carbon', () => {
  it('location-based is energy × grid average; market-based prices green power at zero', () => {
    expect(carbonLocationKg(1000, 0.5)).toBe(500);
    // 1,000 kWh × (1 − 0.25) × 0.6 = 450 kg
    expect(carbonMarketKg(1000, 0.6, 0.25)).toBeCloseTo(450, 12);
    expect(carbonMarketKg(1000, 0.6, 1)).toBe(0);
    // no green power, residual ≥ average ⇒ market ≥ location
    expect(carbonMarketKg(1000, 0.55, 0)).toBeGreaterThanOrEqual(carbonLocationKg(1000, 0.5));
  });
});

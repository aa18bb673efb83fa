import { describe, expect, it } from 'vitest';
import { adoption, awayCost, logitWeight } from '../../src/model/transfer.js';

describe('transfer', () => {
  it('adopts along a first-order curve from the initial share', () => {
    expect(adoption(0, 0.01, 60)).toBeCloseTo(0.01, 12);
    // one time constant: 1 − 0.99 × 0.367879 = 0.635799…
    expect(adoption(60, 0.01, 60)).toBeCloseTo(0.635799, 6);
    expect(adoption(5, 0.2, 0)).toBe(1); // no time constant: at once
  });

  it('adds transit and latency to the tenant cost away from home, less the incentive', () => {
    // 1,887 + 400 + 40 × 20 − 500 = 2,587
    expect(awayCost(1887, 400, 40, 20, 500)).toBe(2587);
  });

  it('weighs an option by exp(−β (cost − reference))', () => {
    // 500 CNY cheaper at β = 0.001: e^0.5 = 1.64872…
    expect(logitWeight(3000, 3500, 0.001)).toBeCloseTo(Math.exp(0.5), 12);
    expect(logitWeight(3500, 3500, 0.001)).toBe(1);
  });
});

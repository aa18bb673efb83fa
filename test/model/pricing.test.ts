/** Reference values worked by hand (in the comments), in the style of simple-statistics' tests. */
import { describe, expect, it } from 'vitest';
import { operatorRevenuePerRackMonth, powerBillPerRackMonth, rentPerStandardRack, tenantCostPerRackMonth } from '../../src/model/pricing.js';

describe('pricing', () => {
  it('converts a rent quoted per physical rack to a standard (2.5 kW) rack', () => {
    // 7,500 CNY for a 5-kW rack = two standard racks → 3,750 each
    expect(rentPerStandardRack(7500, 5)).toBe(3750);
    // 6,000 CNY for a 4-kW rack → 6,000 × 2.5 / 4 = 3,750
    expect(rentPerStandardRack(6000, 4)).toBe(3750);
    expect(rentPerStandardRack(3000, 2.5)).toBe(3000);
  });

  it('bills power as IT kW × PUE × 730 h × price', () => {
    // 0.35 CNY/kWh × 1.2 × 1.75 kW × 730 h = 536.55 CNY
    expect(powerBillPerRackMonth(0.35, 1.2, 1.75)).toBeCloseTo(536.55, 9);
  });

  it('adds the power bill only where the rent excludes power, and the operator earns what the tenant pays', () => {
    expect(tenantCostPerRackMonth(3000, false, 536.55)).toBeCloseTo(3536.55, 9);
    expect(tenantCostPerRackMonth(3000, true, 536.55)).toBe(3000);
    for (const incl of [true, false]) expect(operatorRevenuePerRackMonth(3000, incl, 500)).toBe(tenantCostPerRackMonth(3000, incl, 500));
  });
});

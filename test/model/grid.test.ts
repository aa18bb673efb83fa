/**
The grid connection and the power bill's parts (docs/model.md §11): connection
capacity with substations, the capacity charge of a two-part tariff, and the
share of the bill paid by subsidies.
*/
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capacityChargeCNY, gridCapacityKw, subsidyShare } from '../../src/model/grid.js';
import type { Subsidy, Substation } from '../../src/scenario/types.js';

const sub = (id: string, month: number, capacity: number): Substation => ({ id, month, capacity });
const subsidy = (month: number, share: number, domesticOnly = false, until = Infinity): Subsidy => ({ id: `s${month}`, month, until, share, domesticOnly });

describe('connection capacity', () => {
  it("is the year's capacity plus every substation energised by the month", () => {
    const subs = [sub('a', 50, 220_000), sub('b', 70, 100_000)];
    // before any substation: the year's 400 MW
    expect(gridCapacityKw(400_000, subs, 49)).toBe(400_000);
    // energised in month 50 (2024-03 for a 2020 start): counts from that month on, 400 + 220 = 620 MW
    expect(gridCapacityKw(400_000, subs, 50)).toBe(620_000);
    expect(gridCapacityKw(400_000, subs, 51)).toBe(620_000);
    // both: 400 + 220 + 100 = 720 MW
    expect(gridCapacityKw(400_000, subs, 70)).toBe(720_000);
    // no substations: the year's figure
    expect(gridCapacityKw(300_000, [], 10)).toBe(300_000);
  });

  it('counts a substation energised before the horizon from month 0', () => {
    expect(gridCapacityKw(100_000, [sub('old', -12, 50_000)], 0)).toBe(150_000);
  });

  it('an unlimited connection stays unlimited', () => {
    expect(gridCapacityKw(Infinity, [], 0)).toBe(Infinity);
    expect(gridCapacityKw(Infinity, [sub('a', 0, 220_000)], 5)).toBe(Infinity);
  });

  it('never falls as months pass for a fixed yearly capacity, and never falls below it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2e6, noNaN: true }),
        fc.array(fc.record({ month: fc.integer({ min: -24, max: 131 }), capacity: fc.double({ min: 0, max: 5e5, noNaN: true }) }), { maxLength: 6 }),
        (base, raw) => {
          const subs = raw.map((r, i) => sub(`s${i}`, r.month, r.capacity));
          let prev = -Infinity;
          for (let m = 0; m < 132; m++) {
            const g = gridCapacityKw(base, subs, m);
            // plain comparisons first: an expect() per month of every case costs more than the property
            if (!(g >= prev && g >= base)) {
              expect(g, `month ${m}`).toBeGreaterThanOrEqual(prev);
              expect(g, `month ${m}`).toBeGreaterThanOrEqual(base);
            }
            prev = g;
          }
        },
      ),
      { numRuns: 100, seed: 3 },
    );
  });
});

describe('capacity charge (two-part tariff)', () => {
  it('is the peak kW in kVA at the power factor, times the charge per kVA-month', () => {
    // 100 MW peak at pf 0.95: 105,263.16 kVA × 32 CNY/kVA/month = 3,368,421.05 CNY
    expect(capacityChargeCNY(100_000, 0.95, 32)).toBeCloseTo(3_368_421.0526, 3);
    // pf 1: kW = kVA
    expect(capacityChargeCNY(1000, 1, 30)).toBe(30_000);
    // no capacity charge: an energy-only tariff
    expect(capacityChargeCNY(100_000, 0.95, 0)).toBe(0);
    // no peak, no charge
    expect(capacityChargeCNY(0, 0.95, 32)).toBe(0);
  });

  it('grows in proportion to the peak, and falls as the power factor rises', () => {
    const one = capacityChargeCNY(1000, 0.9, 32);
    expect(capacityChargeCNY(2000, 0.9, 32)).toBeCloseTo(2 * one, 9);
    expect(capacityChargeCNY(1000, 0.8, 32)).toBeGreaterThan(capacityChargeCNY(1000, 0.95, 32));
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0.5, max: 1, noNaN: true }), (a, b, pf) => {
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        expect(capacityChargeCNY(lo, pf, 32)).toBeLessThanOrEqual(capacityChargeCNY(hi, pf, 32));
        expect(capacityChargeCNY(hi, pf, 32)).toBeGreaterThanOrEqual(hi * 32 * (1 - 1e-12));
      }),
      { numRuns: 100, seed: 4 },
    );
  });
});

describe('subsidy share', () => {
  it('a subsidy for domestic chips pays only on the domestic cards\u2019 share of the load', () => {
    // 0.5 of the bill × 0.8 of the load on domestic cards = 0.4
    expect(subsidyShare([subsidy(70, 0.5, true)], 71, 0.8)).toBeCloseTo(0.4, 12);
    // no domestic load: nothing
    expect(subsidyShare([subsidy(70, 0.5, true)], 71, 0)).toBe(0);
    // a general subsidy ignores the load's origin
    expect(subsidyShare([subsidy(70, 0.5)], 71, 0)).toBe(0.5);
  });

  it('applies from its first month to its last, both included', () => {
    const s = [subsidy(70, 0.3, false, 81)];
    expect(subsidyShare(s, 69, 1)).toBe(0);
    expect(subsidyShare(s, 70, 1)).toBe(0.3);
    expect(subsidyShare(s, 81, 1)).toBe(0.3);
    expect(subsidyShare(s, 82, 1)).toBe(0);
    expect(subsidyShare([], 100, 1)).toBe(0);
  });

  it('adds the subsidies in force, and never pays more than the bill', () => {
    // 0.5 × 0.8 + 0.3 = 0.7
    expect(subsidyShare([subsidy(70, 0.5, true), subsidy(60, 0.3)], 75, 0.8)).toBeCloseTo(0.7, 12);
    // 0.7 + 0.6 = 1.3, capped at the whole bill
    expect(subsidyShare([subsidy(0, 0.7), subsidy(0, 0.6)], 5, 0.5)).toBe(1);
  });

  it('lies in 0–1, and never falls as the domestic share of the load rises', () => {
    const subsidies = fc.array(
      fc.record({
        month: fc.integer({ min: 0, max: 131 }),
        span: fc.integer({ min: 0, max: 131 }),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
        domesticOnly: fc.boolean(),
      }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(subsidies, fc.integer({ min: 0, max: 131 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (raw, month, d1, d2) => {
        const list = raw.map((r, i): Subsidy => ({ id: `s${i}`, month: r.month, until: r.month + r.span, share: r.share, domesticOnly: r.domesticOnly }));
        const lo = subsidyShare(list, month, Math.min(d1, d2));
        const hi = subsidyShare(list, month, Math.max(d1, d2));
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(hi).toBeLessThanOrEqual(1);
        expect(hi).toBeGreaterThanOrEqual(lo);
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});

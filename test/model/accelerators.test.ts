/**
Accelerator cards by vintage (docs/model.md §12): export controls on imported
cards (availability and price, compounding), how busy the AI fleet is given the
work sent to it, and what an AI server then draws.
*/
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aiServerDraw, aiUtilization, importAvailability, importPriceFactor } from '../../src/model/accelerators.js';
import type { ExportControl } from '../../src/scenario/types.js';

const control = (id: string, month: number, availability: number, priceFactor: number): ExportControl => ({ id, month, availability, priceFactor });
// October 2022 and October 2023 for a 2020 start
const CONTROLS = [control('oct22', 33, 0.5, 1.2), control('oct23', 45, 0.4, 1.5)];

/** Controls sorted by month, as the loader gives them. */
const controlsArb = fc
  .array(
    fc.record({ month: fc.integer({ min: -12, max: 131 }), availability: fc.double({ min: 0, max: 1, noNaN: true }), priceFactor: fc.double({ min: 1, max: 3, noNaN: true }) }),
    { maxLength: 5 },
  )
  .map((xs) => xs.map((x, i) => control(`c${i}`, x.month, x.availability, x.priceFactor)).sort((a, b) => a.month - b.month));

describe('export controls', () => {
  it('compound from their months on: availability multiplies, price factor multiplies', () => {
    // before any control: imported cards as available as domestic ones, at list price
    expect(importAvailability(CONTROLS, 32)).toBe(1);
    expect(importPriceFactor(CONTROLS, 32)).toBe(1);
    // from month 33: 0.5, × 1.2
    expect(importAvailability(CONTROLS, 33)).toBe(0.5);
    expect(importPriceFactor(CONTROLS, 33)).toBe(1.2);
    // from month 45 both: 0.5 × 0.4 = 0.2, 1.2 × 1.5 = 1.8
    expect(importAvailability(CONTROLS, 45)).toBeCloseTo(0.2, 12);
    expect(importAvailability(CONTROLS, 50)).toBeCloseTo(0.2, 12);
    expect(importPriceFactor(CONTROLS, 50)).toBeCloseTo(1.8, 12);
    // none at all
    expect(importAvailability([], 100)).toBe(1);
    expect(importPriceFactor([], 100)).toBe(1);
  });

  it('a ban (availability 0) stays a ban whatever follows', () => {
    const ban = [control('ban', 10, 0, 1), control('later', 20, 0.8, 1.1)];
    expect(importAvailability(ban, 9)).toBe(1);
    expect(importAvailability(ban, 10)).toBe(0);
    expect(importAvailability(ban, 30)).toBe(0);
  });

  it('availability lies in 0–1 and never rises as months pass; the price factor is ≥ 1 and never falls', () => {
    fc.assert(
      fc.property(controlsArb, (controls) => {
        let prevA = Infinity;
        let prevP = 0;
        for (let m = 0; m < 132; m++) {
          const a = importAvailability(controls, m);
          const p = importPriceFactor(controls, m);
          // plain comparisons first: expect() costs ~10 µs, and this runs 132 months × 200 cases
          if (!(a >= 0 && a <= 1 && a <= prevA && p >= 1 && p >= prevP)) {
            expect(a, `month ${m}`).toBeGreaterThanOrEqual(0);
            expect(a, `month ${m}`).toBeLessThanOrEqual(1);
            expect(a, `month ${m}`).toBeLessThanOrEqual(prevA);
            expect(p, `month ${m}`).toBeGreaterThanOrEqual(1);
            expect(p, `month ${m}`).toBeGreaterThanOrEqual(prevP);
          }
          prevA = a;
          prevP = p;
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('AI utilisation', () => {
  it('is the work sent over the effective capacity, at most 1', () => {
    // 20 EFLOPS of work on 80 EFLOPS of cards
    expect(aiUtilization(20, 80)).toBe(0.25);
    // effective capacity with domestic cards at penalty 1.4: 40 + 28 / 1.4 = 60 EFLOPS; 20 / 60 = 1/3
    expect(aiUtilization(20, 40 + 28 / 1.4)).toBeCloseTo(1 / 3, 12);
    // more work than cards: fully busy, the rest is not served
    expect(aiUtilization(100, 80)).toBe(1);
    // no work in a year of a given path: idle
    expect(aiUtilization(0, 80)).toBe(0);
    // no cards: nothing to be busy
    expect(aiUtilization(20, 0)).toBe(0);
  });

  it('is 1 when the scenario gives no AI demand path (the draw is the nominal one)', () => {
    expect(aiUtilization(0, 80, false)).toBe(1);
    expect(aiUtilization(20, 80, false)).toBe(1);
  });

  it('lies in 0–1, rises with the work and falls with the capacity', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e8, noNaN: true }),
        fc.double({ min: 0, max: 1e8, noNaN: true }),
        fc.double({ min: 0, max: 1e8, noNaN: true }),
        (w1, w2, cap) => {
          const lo = aiUtilization(Math.min(w1, w2), cap);
          const hi = aiUtilization(Math.max(w1, w2), cap);
          expect(lo).toBeGreaterThanOrEqual(0);
          expect(hi).toBeLessThanOrEqual(1);
          expect(hi).toBeGreaterThanOrEqual(lo);
          // more cards for the same work: never busier
          expect(aiUtilization(w1, cap * 2 + 1)).toBeLessThanOrEqual(aiUtilization(w1, cap + 1));
        },
      ),
      { numRuns: 200, seed: 8 },
    );
  });
});

describe('AI server draw', () => {
  it('is the idle share of the nominal power plus the rest in proportion to the load', () => {
    // 10 × (0.3 + 0.7 × 0.25) = 4.75 kW
    expect(aiServerDraw(10, 0.3, 0.25)).toBeCloseTo(4.75, 12);
    // 8 cards × 0.8 kW = 6.4 kW at u = 1/3, idle 0.3: 6.4 × (0.3 + 0.7 / 3) = 3.4133 kW
    expect(aiServerDraw(6.4, 0.3, 1 / 3)).toBeCloseTo(3.413333, 6);
    // fully busy: nominal; idle: the idle share
    expect(aiServerDraw(10, 0.3, 1)).toBeCloseTo(10, 12);
    expect(aiServerDraw(10, 0.3, 0)).toBeCloseTo(3, 12);
    // idlePower 1 (the default): the draw does not depend on the load
    expect(aiServerDraw(7.5, 1, 0)).toBe(7.5);
    expect(aiServerDraw(7.5, 1, 0.4)).toBe(7.5);
  });

  it('lies between the idle and the nominal draw, and rises with utilisation', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (kw, idle, u1, u2) => {
          const lo = aiServerDraw(kw, idle, Math.min(u1, u2));
          const hi = aiServerDraw(kw, idle, Math.max(u1, u2));
          const eps = 1e-9 * (kw + 1);
          expect(lo).toBeGreaterThanOrEqual(kw * idle - eps);
          expect(hi).toBeLessThanOrEqual(kw + eps);
          expect(hi).toBeGreaterThanOrEqual(lo - eps);
        },
      ),
      { numRuns: 200, seed: 9 },
    );
  });
});

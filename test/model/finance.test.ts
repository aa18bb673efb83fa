import { describe, expect, it } from 'vitest';
import { constructionJobs, discountFactor, operationsJobs } from '../../src/model/finance.js';

describe('finance', () => {
  it('discounts end-of-month cash flows at a yearly rate', () => {
    // month 11 is the end of year 1: 1 / 1.06
    expect(discountFactor(11, 0.06)).toBeCloseTo(1 / 1.06, 12);
    // month 0: 1.06^(−1/12) = e^(−0.0582689/12) = 0.995156…
    expect(discountFactor(0, 0.06)).toBeCloseTo(0.995156, 6);
  });

  it('counts jobs per MW under construction and per 1,000 live racks', () => {
    // 40,000 racks × 2.5 kW = 100 MW × 8 jobs/MW = 800
    expect(constructionJobs(40_000, 8)).toBe(800);
    // 50,000 racks / 1,000 × 6 = 300
    expect(operationsJobs(50_000, 6)).toBe(300);
  });
});

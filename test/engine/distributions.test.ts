import { mean, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { sample, triangular } from '../../src/engine/distributions.js';
import { stream } from '../../src/engine/rng.js';
import type { DistributionSpec } from '../../src/scenario/types.js';

function draws(dist: DistributionSpec, n = 20000): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(sample(dist, stream(42, 'x', i)));
  return out;
}

describe('distributions', () => {
  it('streams are reproducible and distinct per run and per name', () => {
    expect(stream(1, 'a', 0).next()).toBe(stream(1, 'a', 0).next());
    expect(stream(1, 'a', 0).next()).not.toBe(stream(1, 'a', 1).next());
    expect(stream(1, 'a', 0).next()).not.toBe(stream(1, 'b', 0).next());
  });

  it.each<[DistributionSpec, number, number]>([
    [{ type: 'uniform', min: 2, max: 4 }, 3, Math.sqrt(4 / 12)],
    [{ type: 'normal', mean: 10, sd: 2 }, 10, 2],
    [{ type: 'lognormal', mu: 0, sigma: 0.3 }, Math.exp(0.045), Math.sqrt((Math.exp(0.09) - 1) * Math.exp(0.09))],
    [{ type: 'triangular', min: 0, mode: 1, max: 4 }, 5 / 3, Math.sqrt((0 + 1 + 16 - 0 - 0 - 4) / 18)],
    // PERT mean (min + 4 mode + max) / 6, sd from the Beta(α, β)
    [{ type: 'pert', min: 0.9, mode: 1, max: 1.6 }, (0.9 + 4 + 1.6) / 6, 0.7 * Math.sqrt(((1 + 4 / 7) * (1 + 24 / 7)) / (36 * 7))],
  ])('%o has the right mean and sd', (dist, mu, sd) => {
    const x = draws(dist);
    expect(mean(x)).toBeCloseTo(mu, 1);
    expect(Math.abs(sampleStandardDeviation(x) - sd) / sd).toBeLessThan(0.05);
  });

  it('discrete draws follow the weights', () => {
    const x = draws({ type: 'discrete', values: [1, 2, 3], weights: [1, 1, 2] });
    expect(x.filter((v) => v === 3).length / x.length).toBeCloseTo(0.5, 1);
  });

  it('triangular inverse CDF hits the ends', () => {
    expect(triangular(1, 2, 5, 0)).toBe(1);
    expect(triangular(1, 2, 5, 1)).toBe(5);
  });
});

/**
Sensitivity analysis (src/engine/sensitivity.ts): exact percentiles of every
distribution kind, one-at-a-time swings (including sampled `parameters.*`,
which must re-evaluate the formulas that read them), and Spearman ranking.
*/
import { describe, expect, it } from 'vitest';
import { sample } from '../../src/engine/distributions.js';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { stream } from '../../src/engine/rng.js';
import { applyDraws, sampleScenario } from '../../src/engine/sample.js';
import { betaQuantile, incompleteBeta, oneAtATime, quantileOf, rankBy, rankCorrelations } from '../../src/engine/sensitivity.js';
import type { DistributionSpec, Scenario } from '../../src/scenario/types.js';
import { baseScenario, START } from './builder.js';

/** The builder scenario with three uncertain parameters; hub east1's demand is a formula over `growth`. */
function uncertain(): Scenario {
  const s = baseScenario();
  const demand = (p: Record<string, number>, y: number): number => 300_000 * (1 + p.growth!) ** (y - START);
  s.hubs[0]!.demand = new Float64Array(11).map((_, i) => demand(s.parameters, START + i));
  s.formulas = [{ path: 'hubs.0.demand', formula: '300000 * (1 + growth) ^ (year - 2020)', params: ['growth'], evaluate: (y, p) => demand(p, y) }];
  s.uncertainty = [
    { path: 'energy.electricityPrice', mode: 'scale', dist: { type: 'uniform', min: 0.8, max: 1.3 } },
    { path: 'construction.delayFactor', mode: 'set', dist: { type: 'pert', min: 0.9, mode: 1, max: 1.8 } },
    { path: 'parameters.growth', mode: 'set', dist: { type: 'triangular', min: 0.1, mode: 0.2, max: 0.35 } },
  ];
  return s;
}

describe('quantileOf', () => {
  it('inverts the closed-form CDFs', () => {
    expect(quantileOf({ type: 'uniform', min: 10, max: 20 }, 0.9)).toBeCloseTo(19, 12);
    expect(quantileOf({ type: 'normal', mean: 5, sd: 2 }, 0.5)).toBeCloseTo(5, 3);
    // z(0.9) = 1.2815515655 (standard normal table); simple-statistics' probit is accurate to ~1e-3 here
    expect(quantileOf({ type: 'normal', mean: 0, sd: 1 }, 0.9)).toBeCloseTo(1.28155, 2);
    expect(quantileOf({ type: 'lognormal', mu: 0, sigma: 0.3 }, 0.5)).toBeCloseTo(1, 3);
    // triangular(0, 0, 1): F(x) = 1 - (1 - x)^2, so the 0.75 quantile is 0.5
    expect(quantileOf({ type: 'triangular', min: 0, mode: 0, max: 1 }, 0.75)).toBeCloseTo(0.5, 12);
  });

  it('computes the regularized incomplete beta and its inverse', () => {
    // I_0.3(2, 5) = P(Binomial(6, 0.3) ≥ 2) = 1 - 0.7^6 - 6·0.3·0.7^5 = 0.579825
    expect(incompleteBeta(0.3, 2, 5)).toBeCloseTo(0.579825, 12);
    expect(incompleteBeta(0.5, 3, 3)).toBeCloseTo(0.5, 12);
    // I_x(3, 3) = P(Binomial(5, x) ≥ 3) = 10x³(1-x)² + 5x⁴(1-x) + x⁵
    const cdf = (x: number): number => 10 * x ** 3 * (1 - x) ** 2 + 5 * x ** 4 * (1 - x) + x ** 5;
    const q = betaQuantile(0.1, 3, 3);
    expect(cdf(q)).toBeCloseTo(0.1, 12);
    expect(q).toBeCloseTo(0.24664, 5);
    expect(betaQuantile(0.9, 3, 3)).toBeCloseTo(1 - q, 12);
  });

  it('takes the weighted quantile of discrete values (in value order)', () => {
    const d: DistributionSpec = { type: 'discrete', values: [3, 1, 2], weights: [2, 1, 1] };
    expect([0.1, 0.25, 0.5, 0.9].map((p) => quantileOf(d, p))).toEqual([1, 1, 2, 3]);
  });

  it('agrees with the sampler for every kind (20,000 draws)', () => {
    const dists: DistributionSpec[] = [
      { type: 'uniform', min: 0.86, max: 1.28 },
      { type: 'normal', mean: 1, sd: 0.1 },
      { type: 'lognormal', mu: 0, sigma: 0.3 },
      { type: 'triangular', min: 0.95, mode: 1.05, max: 1.4 },
      { type: 'pert', min: 0.9, mode: 1, max: 1.6 },
    ];
    for (const d of dists) {
      const rng = stream(3, 'q', 0);
      const xs = Array.from({ length: 20_000 }, () => sample(d, rng)).sort((a, b) => a - b);
      for (const p of [0.1, 0.9]) {
        const spread = xs[19_899]! - xs[100]!;
        expect(Math.abs(quantileOf(d, p) - xs[Math.round(p * 20_000)]!), `${d.type} P${p * 100}`).toBeLessThan(0.02 * spread);
      }
    }
  });
});

describe('applyDraws', () => {
  it('is what sampleScenario applies, and leaves undefined entries as written', () => {
    const s = uncertain();
    const sampled = sampleScenario(s, 9, 4);
    expect(sampled.construction.delayFactor).not.toBe(1);
    const onlyDelay = applyDraws(s, [undefined, 1.5, undefined]);
    expect(onlyDelay.construction.delayFactor).toBe(1.5);
    expect(onlyDelay.energy.electricityPrice).toBe(s.energy.electricityPrice);
    expect(onlyDelay.hubs[0]!.demand).toBe(s.hubs[0]!.demand);
  });

  it('re-evaluates the formulas that read a sampled parameter', () => {
    const s = uncertain();
    const faster = applyDraws(s, [undefined, undefined, 0.3]);
    expect(faster.parameters.growth).toBe(0.3);
    expect(faster.hubs[0]!.demand[10]).toBeCloseTo(300_000 * 1.3 ** 10, 6);
    expect(faster.hubs[1]!.demand).toBe(s.hubs[1]!.demand);
  });
});

describe('oneAtATime', () => {
  it('swings a metric between the P10 and P90 of each entry, largest first', () => {
    const s = uncertain();
    const { base, swings } = oneAtATime(s, 'rackCapacity', 2021);
    expect(swings.map((x) => x.name)).toEqual(['construction.delayFactor', 'energy.electricityPrice', 'parameters.growth']);
    const delay = swings[0]!;
    expect(delay.lowInput).toBeCloseTo(quantileOf(s.uncertainty[1]!.dist, 0.1), 12);
    expect(delay.high).toBeLessThan(delay.low); // longer builds: fewer racks live in 2021
    expect(delay.swing).toBe(Math.abs(delay.high - delay.low));
    expect(base).toBeGreaterThan(0);
    // power price does not change what is built
    expect(swings[1]!.swing).toBe(0);
  });

  it('moves formula-driven series through their parameters', () => {
    const { swings } = oneAtATime(uncertain(), 'eastDemandRacks', 2030);
    expect(swings[0]!.name).toBe('parameters.growth');
    expect(swings[0]!.high).toBeGreaterThan(swings[0]!.low);
  });
});

describe('rankCorrelations', () => {
  it('finds the parameter that drives the metric across a Monte Carlo sample', () => {
    const s = uncertain();
    const runs = 300;
    const mc = monteCarlo(s, { runs, seed: 11 });
    const Y = mc.central.years.length;
    const col = mc.central.metrics.indexOf('rackCapacity') * Y + (2021 - START);
    const width = mc.central.metrics.length * Y;
    const values = Float64Array.from({ length: runs }, (_, r) => mc.perRun[r * width + col]!);
    const rho = rankCorrelations(s, 11, values);
    expect(rho[1]).toBeLessThan(-0.5); // delay
    expect(Math.abs(rho[0]!)).toBeLessThan(0.2); // power price: noise only
    expect(rankBy([0, 1, 2], (i) => rho[i]!)[0]).toBe(1);
  });

  it('is NaN when the metric does not vary', () => {
    const rho = rankCorrelations(uncertain(), 1, new Float64Array(50).fill(7));
    expect(rho.every(Number.isNaN)).toBe(true);
  });
});

describe('rankBy', () => {
  it('sorts by magnitude, keeps ties in order, puts NaN last', () => {
    expect(rankBy([0.1, NaN, -0.9, 0.5, -0.5], (x) => x)).toEqual([-0.9, 0.5, -0.5, 0.1, NaN]);
  });
});

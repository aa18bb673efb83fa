import { describe, expect, it } from 'vitest';
import { monteCarlo, runWidth, simulateRuns } from '../../src/engine/montecarlo.js';
import { sampleScenario } from '../../src/engine/sample.js';
import { simulate } from '../../src/engine/simulate.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario } from './builder.js';

function uncertain(): Scenario {
  const sc = baseScenario();
  sc.uncertainty = [
    { path: 'construction.delayFactor', mode: 'set', dist: { type: 'pert', min: 0.9, mode: 1, max: 1.6 } },
    { path: 'construction.overrunFactor', mode: 'set', dist: { type: 'triangular', min: 0.95, mode: 1.05, max: 1.4 } },
    { path: 'energy.electricityPrice', mode: 'scale', dist: { type: 'uniform', min: 0.8, max: 1.2 } },
    { path: 'datacenters.*.pue', mode: 'set', dist: { type: 'normal', mean: 1.2, sd: 0.02 } },
    { path: 'transfer.costSensitivity', mode: 'scale', dist: { type: 'lognormal', mu: 0, sigma: 0.3 } },
  ];
  return sc;
}

const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('Monte Carlo', () => {
  it('runs: 1 is the central case, without sampling', () => {
    const sc = uncertain();
    const mc = monteCarlo(sc, { runs: 1 });
    expect(bytes(mc.perRun).equals(bytes(simulate(sc).values))).toBe(true);
    expect(mc.bands).toBeUndefined();
  });

  it('the same seed gives identical bytes; another seed differs', () => {
    const a = monteCarlo(uncertain(), { runs: 50, seed: 7 });
    const b = monteCarlo(uncertain(), { runs: 50, seed: 7 });
    const c = monteCarlo(uncertain(), { runs: 50, seed: 8 });
    expect(bytes(a.perRun).equals(bytes(b.perRun))).toBe(true);
    expect(bytes(a.perRun).equals(bytes(c.perRun))).toBe(false);
  });

  it('a run depends only on (seed, run index): any slice, in any order, gives the same values', () => {
    const sc = uncertain();
    const w = runWidth(sc);
    const all = new Float64Array(40 * w);
    simulateRuns(sc, 3, 0, 40, all);
    const part = new Float64Array(10 * w);
    simulateRuns(sc, 3, 25, 35, part);
    expect(bytes(part).equals(bytes(all.subarray(25 * w, 35 * w)))).toBe(true);
  });

  it('zero-width distributions reproduce the central run exactly', () => {
    const sc = baseScenario();
    sc.uncertainty = [
      { path: 'construction.delayFactor', mode: 'set', dist: { type: 'pert', min: 1, mode: 1, max: 1 } },
      { path: 'construction.overrunFactor', mode: 'set', dist: { type: 'triangular', min: 1, mode: 1, max: 1 } },
      { path: 'energy.electricityPrice', mode: 'scale', dist: { type: 'uniform', min: 1, max: 1 } },
      { path: 'datacenters.a.pue', mode: 'set', dist: { type: 'normal', mean: 1.2, sd: 0 } },
      { path: 'transfer.costSensitivity', mode: 'scale', dist: { type: 'lognormal', mu: 0, sigma: 0 } },
      { path: 'economics.rent', mode: 'set', dist: { type: 'discrete', values: [3500], weights: [1] } },
    ];
    const central = simulate(sc).values;
    const mc = monteCarlo(sc, { runs: 20, seed: 99 });
    const w = runWidth(sc);
    for (let r = 0; r < 20; r++) expect(bytes(mc.perRun.subarray(r * w, (r + 1) * w)).equals(bytes(central))).toBe(true);
    // metrics the scenario does not model (no grid limit, no AI demand path) are NaN in every run
    for (const b of mc.bands!) if (!Number.isNaN(b.p50)) expect(b.p95 - b.p5).toBe(0);
  });

  it('sampling copies on write: the input scenario is untouched', () => {
    const sc = uncertain();
    const before = sc.energy.electricityPrice.slice();
    const s1 = sampleScenario(sc, 1, 0);
    expect(s1.energy.electricityPrice).not.toBe(sc.energy.electricityPrice);
    expect(Array.from(sc.energy.electricityPrice)).toEqual(Array.from(before));
    expect(s1.datacenters[0]!.pue).toBe(s1.datacenters[1]!.pue); // `*`: one draw for every item
    expect(s1.hubs).toBe(sc.hubs); // untouched branches are shared
  });

  it('sampling a parameter re-evaluates the formula series that read it', () => {
    const sc = baseScenario();
    sc.formulas = [{ path: 'hubs.0.demand', formula: '300000 * (1 + growth) ^ (year - 2020)', params: ['growth'], evaluate: (y, p) => 300000 * (1 + p.growth!) ** (y - 2020) }];
    sc.uncertainty = [{ path: 'parameters.growth', mode: 'set', dist: { type: 'uniform', min: 0.5, max: 0.5 } }];
    const s1 = sampleScenario(sc, 1, 0);
    expect(s1.parameters.growth).toBe(0.5);
    expect(s1.hubs[0]!.demand[2]).toBeCloseTo(300000 * 1.5 ** 2, 6);
    expect(s1.hubs[1]!.demand).toBe(sc.hubs[1]!.demand);
  });

  it('bands are ordered and target probabilities lie in [0, 1]', () => {
    const sc = uncertain();
    sc.targets = [{ id: 'racks', metric: 'rackCapacity', year: 2024, atLeast: 90_000, label: '90 k racks by 2024' }];
    const mc = monteCarlo(sc, { runs: 200, seed: 5 });
    for (const b of mc.bands!) {
      if (Number.isNaN(b.p50)) {
        // not modelled: NaN in every run, so in every statistic
        expect([b.p5, b.p95, b.mean].every(Number.isNaN)).toBe(true);
        continue;
      }
      expect(b.p5).toBeLessThanOrEqual(b.p25);
      expect(b.p25).toBeLessThanOrEqual(b.p50);
      expect(b.p50).toBeLessThanOrEqual(b.p75);
      expect(b.p75).toBeLessThanOrEqual(b.p95);
    }
    const p = mc.targets[0]!.probability!;
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
    // delays push some runs past the 2024 racks target, but not all
    expect(p).toBeLessThan(1);
    expect(p).toBeGreaterThan(0);
  });
});

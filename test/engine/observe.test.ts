import { describe, expect, it } from 'vitest';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { checkObservations, valueAtObservation } from '../../src/engine/observe.js';
import type { Observation } from '../../src/scenario/types.js';
import { baseScenario } from './builder.js';

const obs = (o: Partial<Observation>): Observation => ({
  id: 'x', metric: 'rackCapacity', year: 2022, kind: 'point', scope: 'guian', share: [1, 1], definition: 'd', source: 'https://example.org',
  quality: 'sourced', uncertainty: 0.1, lo: 0, hi: Infinity, file: 'f', line: 1, col: 1, ...o,
});

describe('model values at an observation date', () => {
  const years = [2020, 2021, 2022];
  // metric-major: rackCapacity 10, 20, 40; energyGWh 100, 200, 300
  const values = [10, 20, 40, 100, 200, 300];
  const metrics = ['rackCapacity', 'energyGWh'];

  it('reads a stock between year ends for a year-month, and the year-end for a whole year', () => {
    expect(valueAtObservation(values, metrics, years, { metric: 'rackCapacity', year: 2022 })).toBe(40);
    // July 2022: 20 + 7/12 × (40 − 20) = 31.67
    expect(valueAtObservation(values, metrics, years, { metric: 'rackCapacity', year: 2022, month: 7 })).toBeCloseTo(31.6667, 4);
    // the first horizon year has no previous year end: the year's value
    expect(valueAtObservation(values, metrics, years, { metric: 'rackCapacity', year: 2020, month: 3 })).toBe(10);
  });

  it('uses the whole year for flows, and NaN outside the horizon or for an unknown metric', () => {
    expect(valueAtObservation(values, metrics, years, { metric: 'energyGWh', year: 2021, month: 3 })).toBe(200);
    expect(valueAtObservation(values, metrics, years, { metric: 'energyGWh', year: 2025 })).toBeNaN();
    expect(valueAtObservation(values, metrics, years, { metric: 'nope', year: 2021 })).toBeNaN();
  });
});

describe('checking observations against a result', () => {
  it('says which intervals hold the shown value, and which the band reaches', () => {
    const sc = baseScenario();
    sc.uncertainty = [{ path: 'construction.delayFactor', mode: 'set', dist: { type: 'uniform', min: 0.8, max: 1.6 } }];
    const mc = monteCarlo(sc, { runs: 50, seed: 2 });
    const [c] = checkObservations(mc, [obs({ lo: 1, hi: 1e9 })]);
    expect(c!.inside).toBe(true);
    expect(c!.p5!).toBeLessThanOrEqual(c!.value);
    expect(c!.p95!).toBeGreaterThanOrEqual(c!.value);
    const [far] = checkObservations(mc, [obs({ lo: 1e9, hi: 2e9 })]);
    expect(far!.inside).toBe(false);
    expect(far!.overlaps).toBe(false);
    const central = checkObservations(monteCarlo(sc, { runs: 1 }), [obs({ lo: 1, hi: 1e9 })]);
    expect(central[0]!.p5).toBeUndefined();
  });
});

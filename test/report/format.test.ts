import { describe, expect, it } from 'vitest';
import { grouped, magnitude, roundForOutput } from '../../src/report/format.js';
import { yearlyCsv } from '../../src/report/csv.js';
import { resultObject } from '../../src/report/json.js';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { baseScenario } from '../engine/builder.js';

describe('number formatting', () => {
  it('groups thousands, locale-independently', () => {
    expect(grouped(1234567.8)).toBe('1,234,568');
    expect(grouped(-1234.5, 1)).toBe('\u22121,234.5');
    expect(grouped(-0.0001)).toBe('0');
    expect(grouped(NaN)).toBe('–');
  });

  it('reads magnitudes as words', () => {
    expect(magnitude(38.2e9)).toBe('38.2 bn');
    expect(magnitude(4.045e6)).toBe('4.0 M');
    expect(magnitude(54_000)).toBe('54.0 k');
    expect(magnitude(1240)).toBe('1,240');
    expect(magnitude(-10.5e9)).toBe('\u221210.5 bn');
  });

  it('rounds machine output to 12 significant digits, and drops non-finite values', () => {
    expect(roundForOutput(0.1 + 0.2)).toBe(0.3);
    expect(roundForOutput(1e9 + 1e-7)).toBe(1e9);
    expect(roundForOutput(Infinity)).toBeNull();
  });
});

describe('writers', () => {
  it('CSV: a row per year; band columns only under Monte Carlo', () => {
    const sc = baseScenario();
    sc.uncertainty = [{ path: 'construction.delayFactor', mode: 'set', dist: { type: 'uniform', min: 1, max: 1.5 } }];
    const one = yearlyCsv(monteCarlo(sc, { runs: 1 })).trim().split('\n');
    const many = yearlyCsv(monteCarlo(sc, { runs: 30, seed: 2 })).trim().split('\n');
    expect(one).toHaveLength(13);
    expect(one[0]).toBe('# test · <test> · central case (inputs as written, no sampling)');
    expect(one[1]).not.toContain('_p5');
    expect(many[0]).toBe('# test · <test> · median of 30 Monte Carlo runs, seed 2');
    expect(many[1]!.split(',')).toContain('rackCapacity_p95');
    expect(many[2]!.split(',')).toHaveLength(many[1]!.split(',').length);
  });

  it('JSON: medians with bands under Monte Carlo; the central run under `central`', () => {
    const sc = baseScenario();
    sc.uncertainty = [{ path: 'construction.delayFactor', mode: 'set', dist: { type: 'uniform', min: 1, max: 1.5 } }];
    const o = resultObject(monteCarlo(sc, { runs: 30, seed: 2 })) as {
      scenario: { name: string; file: string; hash: string };
      seed: number;
      runs: number;
      statistic: string;
      years: { year: number; rackCapacity: number; bands: { rackCapacity: { p5: number; p50: number; p95: number } } }[];
      targets: { probability: number }[];
      central: { years: { rackCapacity: number }[]; datacenters: unknown[]; hubs: unknown[]; targets: { probability?: number }[]; paybackYear: number | null };
    };
    expect(Object.keys(o)).toEqual(['scenario', 'overrides', 'seed', 'runs', 'statistic', 'years', 'targets', 'central']);
    expect(o.statistic).toBe('median');
    expect(Object.keys(o.central)).toEqual(['years', 'targets', 'paybackYear', 'datacenters', 'hubs', 'bindingLimit', 'clusters']);
    expect(o.central.targets[0]!.probability).toBeUndefined();
    expect(o.central.years[4]).not.toHaveProperty('bands');
    expect(o.runs).toBe(30);
    const y = o.years[4]!;
    expect(y.rackCapacity).toBe(y.bands.rackCapacity.p50);
    expect(y.bands.rackCapacity.p5).toBeLessThanOrEqual(y.bands.rackCapacity.p95);
    expect(o.targets[0]!.probability).toBeGreaterThanOrEqual(0);
  });

  it('JSON of a central run: the run itself at the top level, no `central` block', () => {
    const o = resultObject(monteCarlo(baseScenario(), { runs: 1 }));
    expect(Object.keys(o)).toEqual(['scenario', 'overrides', 'seed', 'runs', 'statistic', 'years', 'targets', 'paybackYear', 'datacenters', 'hubs', 'bindingLimit', 'clusters']);
    expect(o.statistic).toBe('central case');
  });
});

/**
The monthly profile (src/engine/monthly.ts, src/report/monthly.ts): one row per
month in order, the months adding up to the yearly results of the same run, the
grid connection never exceeded, and under Monte Carlo per-month bands drawn
from the same runs as the yearly ones.
*/
import { describe, expect, it } from 'vitest';
import { monthlyProfile } from '../../src/engine/monthly.js';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { MONTHLY_FIELDS, simulate } from '../../src/engine/simulate.js';
import { monthlyCsv, monthlyObject } from '../../src/report/monthly.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario, flat, N, START } from '../engine/builder.js';

const F = MONTHLY_FIELDS.length;
const col = (f: (typeof MONTHLY_FIELDS)[number]): number => MONTHLY_FIELDS.indexOf(f);

/** The base scenario with a connection that binds (kW), a peak factor and AI work, so every field is modelled. */
function gridBound(): Scenario {
  const sc = baseScenario();
  sc.grid = { capacity: flat(60_000), substations: [{ id: 's1', month: 40, capacity: 30_000 }], peakFactor: 1.15 };
  sc.ai = { ...sc.ai, training: flat(2e5), inference: flat(1e5) };
  return sc;
}

function yearly(sc: Scenario): (metric: string, y: number) => number {
  const run = simulate(sc);
  const Y = run.years.length;
  return (metric, y) => run.values[run.metrics.indexOf(metric) * Y + y]!;
}

const close = (a: number, b: number, rel = 1e-6): void => {
  expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));
};

describe('monthly profile', () => {
  it('central run: 12 × years rows, months "YYYY-MM" in order, in CSV and JSON', () => {
    const sc = baseScenario();
    const p = monthlyProfile(sc, { runs: 1, seed: 1 });
    expect(p.months).toBe(12 * N);
    expect(p.value).toHaveLength(12 * N * F);
    expect(p.bands).toBeUndefined();

    const lines = monthlyCsv(sc, p).trimEnd().split('\n');
    expect(lines[0]).toBe('# test · <test> · monthly profile · central case (no uncertainty in the scenario)');
    expect(lines[1]).toBe(['month', ...MONTHLY_FIELDS].join(','));
    const rows = lines.slice(2);
    expect(rows).toHaveLength(12 * N);
    const expected = Array.from({ length: 12 * N }, (_, i) => `${START + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    expect(rows.map((l) => l.split(',')[0])).toEqual(expected);
    for (const l of rows) expect(l.split(',')).toHaveLength(1 + F);

    const o = monthlyObject(sc, p) as { statistic: string; runs: number; fields: string[]; months: Record<string, unknown>[] };
    expect(Object.keys(o)).toEqual(['scenario', 'overrides', 'seed', 'runs', 'statistic', 'fields', 'months']);
    expect(o.statistic).toBe('central case');
    expect(o.runs).toBe(1);
    expect(o.fields).toEqual([...MONTHLY_FIELDS]);
    expect(o.months.map((m) => m.month)).toEqual(expected);
    expect(Object.keys(o.months[0]!)).toEqual(['month', ...MONTHLY_FIELDS]);
    // not modelled here: no grid limit, no AI work path → null, and an empty CSV cell
    expect(o.months[30]!.gridCapacityMW).toBeNull();
    expect(o.months[30]!.aiUtilization).toBeNull();
    expect(rows[30]!.split(',')[1 + col('gridCapacityMW')]).toBe('');
  });

  it('the months of a year add up to the yearly results of the same run (central case)', () => {
    for (const sc of [baseScenario(), gridBound()]) {
      const p = monthlyProfile(sc, { runs: 1, seed: 1 });
      const yv = yearly(sc);
      let checkedAi = false;
      for (let y = 0; y < N; y++) {
        let energy = 0, carbon = 0, carbonMkt = 0, it = 0, peak = 0, ai = 0;
        for (let mo = 0; mo < 12; mo++) {
          const o = (y * 12 + mo) * F;
          energy += p.value[o + col('energyMWh')]!;
          carbon += p.value[o + col('carbonT')]!;
          carbonMkt += p.value[o + col('carbonMarketT')]!;
          it += p.value[o + col('itMW')]! / 12;
          peak = Math.max(peak, p.value[o + col('peakMW')]!);
          ai += p.value[o + col('aiUtilization')]! / 12;
        }
        expect(energy).toBeGreaterThan(0);
        close(energy, yv('energyGWh', y) * 1000);
        close(carbon, yv('carbonKt', y) * 1000);
        close(carbonMkt, yv('carbonMarketKt', y) * 1000);
        close(it, yv('itPowerMW', y));
        close(peak, yv('peakMW', y));
        const dec = (y * 12 + 11) * F;
        const grid = p.value[dec + col('gridCapacityMW')]!;
        if (Number.isNaN(yv('gridCapacityMW', y))) expect(grid).toBeNaN();
        else close(grid, yv('gridCapacityMW', y));
        if (!Number.isNaN(yv('aiUtilization', y))) {
          close(ai, yv('aiUtilization', y));
          checkedAi = true;
        }
      }
      expect(checkedAi).toBe(sc.ai.training[0]! > 0);
    }
  });

  it('peak load never exceeds the grid connection where the scenario gives one, and the connection binds', () => {
    const sc = gridBound();
    const p = monthlyProfile(sc, { runs: 1, seed: 1 });
    let given = 0;
    let tight = 0;
    for (let i = 0; i < p.months; i++) {
      const peak = p.value[i * F + col('peakMW')]!;
      const grid = p.value[i * F + col('gridCapacityMW')]!;
      const facility = p.value[i * F + col('facilityMW')]!;
      expect(Number.isFinite(grid), `month ${i}`).toBe(true);
      given++;
      expect(peak, `month ${i}`).toBeLessThanOrEqual(grid * (1 + 1e-9));
      close(peak, facility * sc.grid.peakFactor);
      if (peak > grid * 0.999) tight++;
    }
    expect(given).toBe(12 * N);
    expect(tight).toBeGreaterThan(0); // the test means something only if the cap is reached
    // the substation adds its 30 MW from month 40
    close(p.value[40 * F + col('gridCapacityMW')]! - p.value[39 * F + col('gridCapacityMW')]!, 30);
  });

  it('Monte Carlo with degenerate uncertainty: every month\'s median and band are the central case', () => {
    const sc = gridBound();
    sc.uncertainty = [
      { path: 'construction.delayFactor', mode: 'scale', dist: { type: 'uniform', min: 1, max: 1 } },
      { path: 'energy.electricityPrice', mode: 'scale', dist: { type: 'normal', mean: 1, sd: 0 } },
      { path: 'transfer.adoption', mode: 'set', dist: { type: 'triangular', min: 36, mode: 36, max: 36 } },
    ];
    const central = monthlyProfile(sc, { runs: 1, seed: 3 });
    const mc = monthlyProfile(sc, { runs: 25, seed: 3 });
    expect(mc.bands).toBeDefined();
    expect(mc.runs).toBe(25);
    for (let k = 0; k < central.value.length; k++) {
      const c = central.value[k]!;
      if (Number.isNaN(c)) {
        expect(mc.value[k]).toBeNaN();
        continue;
      }
      expect(mc.value[k], `cell ${k}`).toBe(c);
      expect(mc.bands!.p5[k]).toBe(c);
      expect(mc.bands!.p95[k]).toBe(c);
    }
    expect(mc.bands!.p50).toBe(mc.value);
  });

  it('Monte Carlo: the months come from the yearly runs — December\'s grid band is the yearly gridCapacityMW band', () => {
    const sc = gridBound();
    sc.uncertainty = [
      { path: 'grid.capacity', mode: 'scale', dist: { type: 'uniform', min: 0.6, max: 1.6 } },
      { path: 'construction.delayFactor', mode: 'set', dist: { type: 'uniform', min: 0.9, max: 1.4 } },
    ];
    const runs = 40;
    const seed = 9;
    const p = monthlyProfile(sc, { runs, seed });
    const mc = monteCarlo(sc, { runs, seed });
    const Y = mc.central.years.length;
    const k = mc.central.metrics.indexOf('gridCapacityMW');
    for (let y = 0; y < Y; y++) {
      const b = mc.bands![k * Y + y]!;
      const o = (y * 12 + 11) * F + col('gridCapacityMW');
      expect(p.bands!.p5[o]).toBe(b.p5);
      expect(p.bands!.p50[o]).toBe(b.p50);
      expect(p.bands!.p95[o]).toBe(b.p95);
      expect(b.p5).toBeLessThan(b.p95); // the draws differ, so this is not trivially true
    }
    // the bands are ordered month by month
    for (let i = 0; i < p.value.length; i++) {
      if (Number.isNaN(p.value[i]!)) continue;
      expect(p.bands!.p5[i]).toBeLessThanOrEqual(p.value[i]!);
      expect(p.value[i]).toBeLessThanOrEqual(p.bands!.p95[i]!);
    }
  });

  it('Monte Carlo CSV and JSON: labelled median with the seed and --sets, p5/p95 columns, bands with p50 = the value', () => {
    const sc = baseScenario();
    sc.overrides = ['investment=60'];
    sc.uncertainty = [{ path: 'construction.delayFactor', mode: 'set', dist: { type: 'uniform', min: 1, max: 1.5 } }];
    const p = monthlyProfile(sc, { runs: 30, seed: 2 });
    const lines = monthlyCsv(sc, p).trimEnd().split('\n');
    expect(lines[0]).toBe('# test · <test> · monthly profile · median of 30 Monte Carlo runs, seed 2 · --set investment=60');
    const header = lines[1]!.split(',');
    expect(header.slice(0, 1 + F)).toEqual(['month', ...MONTHLY_FIELDS]);
    expect(header).toContain('energyMWh_p5');
    expect(header).toContain('energyMWh_p95');
    expect(lines).toHaveLength(2 + 12 * N);
    for (const l of lines.slice(2)) expect(l.split(',')).toHaveLength(header.length);

    const o = monthlyObject(sc, p) as {
      statistic: string; runs: number; seed: number; overrides: string[];
      months: ({ month: string; bands: Record<string, { p5: number | null; p50: number | null; p95: number | null }> } & Record<string, unknown>)[];
    };
    expect(o.statistic).toBe('median');
    expect(o.runs).toBe(30);
    expect(o.seed).toBe(2);
    expect(o.overrides).toEqual(['investment=60']);
    expect(o.months).toHaveLength(12 * N);
    for (const m of o.months) {
      for (const f of MONTHLY_FIELDS) expect(m[f]).toBe(m.bands[f]!.p50);
      expect(Object.keys(m.bands[MONTHLY_FIELDS[0]]!)).toEqual(['p5', 'p50', 'p95']);
    }
  });
});

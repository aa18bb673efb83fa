/**
Model v2's corrections, each as a check that the v1 model failed: power counted
once, FP64 and FP16 never added, halls that fill, responsive supply, and the
shipped plan's early years.
*/
import { describe, expect, it } from 'vitest';
import { series, valueAt } from '../../src/engine/results.js';
import { simulate } from '../../src/engine/simulate.js';
import { loadScenario } from '../../src/scenario/index.js';
import { baseScenario, flat } from './builder.js';

describe('model v2', () => {
  it('counts power once: where both rents include power, the saving is the rent gap less transit, whatever the power prices', () => {
    const sc = baseScenario();
    for (const h of sc.hubs) Object.assign(h, { rent: 3500, rentIncludesPower: true, electricityPrice: flat(2) });
    sc.economics.rent = 3500;
    sc.economics.rentIncludesPower = true;
    const r = simulate(sc);
    const t = series(r, 'transferredRacks');
    const saved = series(r, 'costSavedCNY');
    // each month T × (3,500 − 3,500 − 400): with power added on top (v1) the dear eastern power would show as a saving
    t.forEach((x, y) => {
      if (x > 0) expect(saved[y]!).toBeLessThan(0);
    });
    // and a dearer eastern power price changes nothing when rents include power
    const cheap = baseScenario();
    for (const h of cheap.hubs) Object.assign(h, { rent: 3500, rentIncludesPower: true, electricityPrice: flat(0.1) });
    cheap.economics.rent = 3500;
    cheap.economics.rentIncludesPower = true;
    expect(series(simulate(cheap), 'transferredRacks')).toEqual(t);
  });

  it('a space-only rent adds the power bill, so cheaper power draws work west', () => {
    const run = (price: number): number => {
      const sc = baseScenario();
      for (const h of sc.hubs) Object.assign(h, { rentIncludesPower: false, demand: flat(40_000) }); // little enough that Gui'an never fills
      sc.economics.rentIncludesPower = false;
      sc.energy.electricityPrice = flat(price);
      sc.network.capacity = flat(1e9);
      return valueAt(simulate(sc), 'transferredRacks', 2026);
    };
    expect(run(0.2)).toBeGreaterThan(run(0.6));
  });

  it('keeps FP64 and FP16 compute apart', () => {
    const sc = baseScenario();
    sc.servers.aiShare = flat(0);
    const r = simulate(sc);
    expect(series(r, 'aiEflops').every((v) => v === 0)).toBe(true);
    expect(valueAt(r, 'fp64Eflops', 2025)).toBeGreaterThan(0);
    expect(r.metrics).not.toContain('computeEflops');
  });

  it('a new hall fills over years: utilisation right after a large go-live stays well below 1', () => {
    const sc = baseScenario();
    sc.construction.fillMonths = 36;
    sc.network.capacity = flat(1e9);
    const fast = baseScenario();
    fast.construction.fillMonths = 0;
    fast.network.capacity = flat(1e9);
    // site A's 30 k-rack phase 2 goes live in 2022
    expect(valueAt(simulate(sc), 'occupiedRacks', 2022)).toBeLessThan(valueAt(simulate(fast), 'occupiedRacks', 2022));
  });

  it('responsive supply: a phase waiting for its site to fill does not start while the site is empty', () => {
    const sc = baseScenario();
    const waits = sc.datacenters[1]!.phases[1]!; // site B phase 2, planned 2022
    waits.startWhenOccupancy = 0.999;
    for (const h of sc.hubs) h.demand = flat(1000); // almost no demand: site B never fills
    sc.localDemand = flat(0);
    const r = simulate(sc, { detail: true });
    expect(r.detail!.events.some((e) => e.kind === 'phase-live' && e.dcId === 'b' && e.phaseId === 'p2')).toBe(false);
    waits.startWhenOccupancy = 0;
    const r0 = simulate(sc, { detail: true });
    expect(r0.detail!.events.some((e) => e.kind === 'phase-live' && e.dcId === 'b' && e.phaseId === 'p2')).toBe(true);
  });

  it('a cancelled phase never goes live, and its site counts complete without it', () => {
    const sc = baseScenario();
    sc.datacenters[1]!.phases[1]!.cancelled = true;
    const r = simulate(sc, { detail: true });
    expect(r.detail!.events.some((e) => e.phaseId === 'p2' && e.dcId === 'b')).toBe(false);
    expect(valueAt(r, 'dcComplete', 2030)).toBe(2);
  });

  it("the shipped plan's early years: not full in 2020-21, and a cluster PUE near the reported < 1.4", () => {
    const r = simulate(loadScenario('scenarios/guian-plan.yaml'));
    expect(valueAt(r, 'rackUtilization', 2021)).toBeLessThan(0.7);
    expect(valueAt(r, 'pue', 2021)).toBeGreaterThan(1.25);
    expect(valueAt(r, 'pue', 2021)).toBeLessThan(1.4);
    // the eastern hubs start near 60 % of the national stock (2.66 M racks at end-2019), not the whole of it
    expect(valueAt(r, 'eastDemandRacks', 2020)).toBeLessThan(0.7 * 2.66e6);
    expect(valueAt(r, 'eastDemandRacks', 2020)).toBeGreaterThan(0.5 * 2.66e6);
  });
});

describe('PUE in the engine', () => {
  it('is, month by month, the documented part-load curve of the site it runs in', async () => {
    const { partLoadPue } = await import('../../src/model/energy.js');
    const sc = baseScenario();
    sc.datacenters = [sc.datacenters[0]!]; // one site, one design PUE (1.2)
    sc.energy.pueTempSensitivity = 0;
    let checked = 0;
    simulate(sc, {
      probe: (s) => {
        if (s.itKw <= 0 || s.liveRacks <= 0) return;
        const u = s.occupied / s.liveRacks;
        if (u < 0.05) return;
        expect(s.pueMonth).toBeCloseTo(partLoadPue(1.2, u, sc.energy.pueFixedShare), 9);
        checked++;
      },
    });
    expect(checked).toBeGreaterThan(100);
  });
});

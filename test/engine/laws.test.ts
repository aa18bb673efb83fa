/**
The model's laws (issue 3), on a small programmatic scenario and random variations of it.
*/
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import { series, type RunResult } from '../../src/engine/results.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario, flat } from './builder.js';

const s = (r: RunResult, m: string): number[] => series(r, m);

/** Random but valid variations: investment, growth, incentive, prices, network. */
const variation = fc.record({
  total: fc.double({ min: 0, max: 2e10, noNaN: true }),
  incentive: fc.double({ min: 0, max: 4000, noNaN: true }),
  price: fc.double({ min: 0.1, max: 1, noNaN: true }),
  network: fc.double({ min: 0, max: 50_000, noNaN: true }),
  delay: fc.double({ min: 0.5, max: 2, noNaN: true }),
  sensitivity: fc.double({ min: 0, max: 0.01, noNaN: true }),
});

function vary(v: { total: number; incentive: number; price: number; network: number; delay: number; sensitivity: number }): Scenario {
  const sc = baseScenario();
  sc.investment.total = v.total;
  sc.transfer.incentive = flat(v.incentive);
  sc.transfer.costSensitivity = v.sensitivity;
  sc.energy.electricityPrice = flat(v.price);
  sc.network.capacity = flat(v.network);
  sc.construction.delayFactor = v.delay;
  return sc;
}

const close = (a: number, b: number, rel = 1e-9): boolean => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

describe('model laws', () => {
  it('occupied racks never exceed live racks, and servers fit in them', () => {
    fc.assert(
      fc.property(variation, (v) => {
        const r = simulate(vary(v));
        const live = s(r, 'rackCapacity');
        const occ = s(r, 'occupiedRacks');
        return occ.every((o, i) => o <= live[i]! * (1 + 1e-12) + 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it("Gui'an + elsewhere + stay-east = the migrating (transferable) demand, every year", () => {
    fc.assert(
      fc.property(variation, (v) => {
        const r = simulate(vary(v));
        const pool = s(r, 'transferableRacks');
        const g = s(r, 'transferredRacks');
        const e = s(r, 'elsewhereRacks');
        const st = s(r, 'stayEastRacks');
        return pool.every((p, i) => close(p, g[i]! + e[i]! + st[i]!, 1e-9));
      }),
      { numRuns: 200 },
    );
  });

  it('per hub, the split also adds up, and the work classes add up to the hub (detail breakdown)', () => {
    const r = simulate(baseScenario(), { detail: true });
    for (const h of r.detail!.hubs) {
      h.migrating.forEach((p, i) => expect(h.guian[i]! + h.elsewhere[i]! + h.stayEast[i]!).toBeCloseTo(p, 3));
      h.guian.forEach((g, i) => expect(Object.values(h.classes).reduce((a, c) => a + c.guian[i]!, 0)).toBeCloseTo(g, 3));
      h.demand.forEach((d, i) => expect(Object.values(h.classes).reduce((a, c) => a + c.demand[i]!, 0)).toBeCloseTo(d, 3));
      // the real-time class (5 ms) never reaches Gui'an
      expect(h.classes.rt!.guian.every((v) => v === 0)).toBe(true);
    }
  });

  it('no transfer to Gui\'an beyond a class\'s latency tolerance', () => {
    const sc = baseScenario();
    // every class tolerates less than either hub's latency to Gui'an (20 and 8 ms)
    sc.workloads = sc.workloads.map((w) => ({ ...w, latencyTolerance: 7 }));
    const r = simulate(sc, { detail: true });
    expect(s(r, 'transferredRacks').every((v) => v === 0)).toBe(true);
    // east1 can still reach the competitor at 6 ms
    expect(s(r, 'elsewhereRacks').some((v) => v > 0)).toBe(true);
  });

  it("a hub beyond every class's tolerance sends nothing to Gui'an", () => {
    const sc = baseScenario();
    sc.hubs[0]!.latency = 500;
    const r = simulate(sc, { detail: true });
    expect(r.detail!.hubs[0]!.guian.every((v) => v === 0)).toBe(true);
    expect(r.detail!.hubs[1]!.guian.some((v) => v > 0)).toBe(true);
  });

  it('transfer never exceeds the usable network capacity', () => {
    fc.assert(
      fc.property(variation, (v) => {
        const sc = vary(v);
        const r = simulate(sc);
        const traffic = s(r, 'networkTrafficTbps');
        const cap = s(r, 'networkCapacityTbps');
        return traffic.every((t, i) => t <= cap[i]! * sc.network.maxUtilization * (1 + 1e-9) + 1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it('energy = IT load × PUE × hours', () => {
    fc.assert(
      fc.property(variation, (v) => {
        const r = simulate(vary(v));
        const it = s(r, 'itPowerMW');
        const pue = s(r, 'pue');
        const e = s(r, 'energyGWh');
        return e.every((x, i) => close(x, (it[i]! * 8760 * pue[i]!) / 1000, 1e-9));
      }),
      { numRuns: 100 },
    );
  });

  it('more investment never yields fewer live racks in any year', () => {
    fc.assert(
      fc.property(variation, fc.double({ min: 0, max: 1e10, noNaN: true }), (v, extra) => {
        const a = s(simulate(vary(v)), 'rackCapacity');
        const b = s(simulate(vary({ ...v, total: v.total + extra })), 'rackCapacity');
        return b.every((x, i) => x >= a[i]!);
      }),
      { numRuns: 200 },
    );
  });

  it('a higher transfer incentive never yields less transfer', () => {
    fc.assert(
      fc.property(variation, fc.double({ min: 0, max: 3000, noNaN: true }), (v, extra) => {
        const a = s(simulate(vary(v)), 'transferredRacks');
        const b = s(simulate(vary({ ...v, incentive: v.incentive + extra })), 'transferredRacks');
        return b.every((x, i) => x >= a[i]! * (1 - 1e-12) - 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('no movable work means zero transfer and zero savings', () => {
    const sc = baseScenario();
    sc.workloads = sc.workloads.map((w) => ({ ...w, movable: 0 }));
    const r = simulate(sc);
    for (const m of ['transferredRacks', 'elsewhereRacks', 'costSavedCNY', 'carbonSavedKt', 'networkTrafficTbps']) {
      expect(s(r, m).every((v) => v === 0)).toBe(true);
    }
  });

  it('capex to date never exceeds the budget released (pre-started phases aside) and matches the phases built', () => {
    const sc = baseScenario();
    sc.investment.total = 1e12; // everything funded on time
    const r = simulate(sc);
    const capex = s(r, 'capexCumCNY');
    // in-horizon capex: a.p2 1.8e9 + b.p1 (18 of 24 months) 1.35e9 + b.p2 1.2e9
    expect(capex[capex.length - 1]).toBeCloseTo(1.8e9 + 1.35e9 + 1.2e9, 0);
    expect(s(r, 'rackCapacity')[5]).toBe(90_000);
  });

  it('a delay factor shifts go-live later, never earlier', () => {
    const on = simulate(baseScenario(), { detail: true });
    const sc = baseScenario();
    sc.construction.delayFactor = 1.5;
    const late = simulate(sc, { detail: true });
    const firstLive = (r: RunResult, dc: string): number =>
      r.detail!.events.find((e) => e.kind === 'phase-live' && e.text.startsWith(dc))!.month;
    expect(firstLive(late, 'Site B')).toBeGreaterThan(firstLive(on, 'Site B'));
  });

  it('the PUE cap bounds the yearly PUE', () => {
    const sc = baseScenario();
    sc.energy.pueCap = 1.16;
    const r = simulate(sc);
    expect(s(r, 'pue').every((p) => p <= 1.16 + 1e-12)).toBe(true);
  });

  it('is deterministic: the same scenario gives identical values', () => {
    const a = simulate(baseScenario(), { detail: true });
    const b = simulate(baseScenario(), { detail: true });
    expect(Buffer.from(a.values.buffer).equals(Buffer.from(b.values.buffer))).toBe(true);
    expect(a.detail).toEqual(b.detail);
  });
});

/**
The laws of model v2 (docs/model.md), as properties over generated scenarios:
servers follow occupancy, placed work has memory, carbon on both bases, every
destination has a capacity.
*/
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KW_PER_STANDARD_RACK } from '../../src/model/constants.js';
import { yearlyTurnover } from '../../src/model/contracts.js';
import { series } from '../../src/engine/results.js';
import { simulate } from '../../src/engine/simulate.js';
import type { SimState } from '../../src/engine/state.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario, flat, N } from './builder.js';

/** A scenario where occupancy can fall: the network is cut, the incentive ends, demand shrinks. */
const shocks = fc.record({
  netBefore: fc.double({ min: 2_000, max: 30_000, noNaN: true }),
  netAfter: fc.double({ min: 0, max: 30_000, noNaN: true }),
  cutYear: fc.integer({ min: 1, max: N - 1 }),
  incentive: fc.double({ min: 0, max: 4000, noNaN: true }),
  growth: fc.double({ min: -0.3, max: 0.4, noNaN: true }),
  aiShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
  contractYears: fc.double({ min: 0, max: 10, noNaN: true }),
  fillMonths: fc.integer({ min: 0, max: 60 }),
  startOccupancy: fc.double({ min: 0, max: 1, noNaN: true }),
  compCap: fc.double({ min: 0, max: 200_000, noNaN: true }),
});
type Shock = typeof shocks extends fc.Arbitrary<infer T> ? T : never;

function shocked(v: Shock): Scenario {
  const sc = baseScenario();
  sc.network.capacity = new Float64Array(N).map((_, i) => (i < v.cutYear ? v.netBefore : v.netAfter));
  sc.transfer.incentive = new Float64Array(N).map((_, i) => (i < v.cutYear ? v.incentive : 0));
  for (const h of sc.hubs) h.demand = new Float64Array(N).map((_, i) => h.demand[0]! * Math.max(0.01, 1 + v.growth) ** i);
  sc.servers.aiShare = flat(v.aiShare);
  sc.transfer.contractYears = v.contractYears;
  sc.construction.fillMonths = v.fillMonths;
  sc.construction.startOccupancy = v.startOccupancy;
  sc.competitors[0]!.capacity = flat(v.compCap);
  return sc;
}

const TOL = 1e-9;

describe('model v2 laws', () => {
  it('servers follow occupancy: every month the installed rack budget fits in the occupied racks, so IT load per occupied rack ≤ 2.5 kW', () => {
    fc.assert(
      fc.property(shocks, (v) => {
        const sc = shocked(v);
        const { general: g, ai } = sc.servers.classes;
        let ok = true;
        simulate(sc, {
          probe: (s: Readonly<SimState>) => {
            const budget = s.nGen * g.rackShare + s.nAi * ai.rackShare;
            if (budget > s.occupied * (1 + 1e-9) + TOL) ok = false;
            if (s.occupied > 0 && s.itKw / s.occupied > KW_PER_STANDARD_RACK * (1 + 1e-9)) ok = false;
            if (s.nGen < 0 || s.nAi < 0) ok = false;
          },
        });
        return ok;
      }),
      { numRuns: 150 },
    );
  });

  it('placed work has memory: after an incentive ends, Gui\'an loses at most the contracts expiring that year', () => {
    fc.assert(
      fc.property(fc.double({ min: 500, max: 4000, noNaN: true }), fc.integer({ min: 2, max: N - 2 }), fc.double({ min: 1, max: 10, noNaN: true }), (incentive, endYear, L) => {
        const sc = baseScenario();
        sc.transfer.contractYears = L;
        sc.transfer.incentive = new Float64Array(N).map((_, i) => (i < endYear ? incentive : 0));
        sc.network.capacity = flat(1e9); // nothing else limits or evicts
        const monthly: number[] = [];
        simulate(sc, { probe: (s) => monthly.push(s.transferred) });
        // over the 12 months after the incentive ends, no more than the expiring share leaves
        const before = monthly[endYear * 12 - 1]!;
        const after = Math.min(...monthly.slice(endYear * 12, endYear * 12 + 12));
        return after >= before * (1 - yearlyTurnover(L)) * (1 - 1e-9) - TOL;
      }),
      { numRuns: 100 },
    );
  });

  it('without contracts (L = 0) the same change moves work at once: the memory is what holds it', () => {
    const run = (L: number): number[] => {
      const sc = baseScenario();
      sc.transfer.contractYears = L;
      sc.transfer.incentive = new Float64Array(N).map((_, i) => (i < 5 ? 3000 : 0));
      sc.network.capacity = flat(1e9);
      return series(simulate(sc), 'transferredRacks');
    };
    const memory = run(5);
    const none = run(0);
    expect(memory[5]! / memory[4]!).toBeGreaterThan(none[5]! / none[4]!);
  });

  it('carbon: with a green share of 1 the market-based carbon is 0; with 0 it is at least the location-based', () => {
    fc.assert(
      fc.property(shocks, fc.double({ min: 0, max: 0.3, noNaN: true }), (v, extra) => {
        const all = shocked(v);
        all.energy.greenShare = flat(1);
        const none = shocked(v);
        none.energy.greenShare = flat(0);
        none.energy.residualFactor = none.energy.gridFactor.map((g) => g + extra);
        const a = simulate(all);
        const b = simulate(none);
        const mA = series(a, 'carbonMarketKt');
        const mB = series(b, 'carbonMarketKt');
        const lB = series(b, 'carbonKt');
        return mA.every((x) => x === 0) && mB.every((x, i) => x >= lB[i]! * (1 - 1e-12));
      }),
      { numRuns: 60 },
    );
  });

  it('every destination has room: other western clusters never hold more than their capacity', () => {
    fc.assert(
      fc.property(shocks, (v) => {
        const r = simulate(shocked(v), { detail: true });
        const cap = series(r, 'elsewhereCapacityRacks');
        const held = series(r, 'elsewhereRacks');
        return held.every((x, i) => x <= cap[i]! * (1 + 1e-9) + TOL);
      }),
      { numRuns: 150 },
    );
  });

  it("Gui'an + elsewhere + stay-east = the migrating pool, under every shock", () => {
    fc.assert(
      fc.property(shocks, (v) => {
        const r = simulate(shocked(v));
        const pool = series(r, 'transferableRacks');
        const g = series(r, 'transferredRacks');
        const e = series(r, 'elsewhereRacks');
        const st = series(r, 'stayEastRacks');
        return pool.every((p, i) => Math.abs(p - g[i]! - e[i]! - st[i]!) <= 1e-7 * Math.max(1, p));
      }),
      { numRuns: 150 },
    );
  });

  it('own-use sites hold only their owner: no eastern or local work lands there', () => {
    const sc = baseScenario();
    const own = sc.datacenters[1]!;
    own.ownUse = true;
    own.ownerDemand = flat(12_000);
    const r = simulate(sc, { detail: true });
    const site = r.detail!.datacenters[1]!;
    site.occupiedRacks.forEach((o, y) => expect(o).toBeLessThanOrEqual(Math.min(12_000, site.liveRacks[y]!) + TOL));
    // everyone else fits in the other site's racks
    const other = r.detail!.datacenters[0]!;
    const tenants = series(r, 'occupiedRacks').map((o, y) => o - site.occupiedRacks[y]!);
    tenants.forEach((t, y) => expect(t).toBeLessThanOrEqual(other.liveRacks[y]! + 1e-6));
  });

  it('a new hall fills over fillMonths: occupancy of rentable racks never exceeds the ramp', () => {
    const sc = baseScenario();
    sc.construction.fillMonths = 36;
    sc.network.capacity = flat(1e9);
    let ok = true;
    simulate(sc, {
      probe: (s) => {
        if (s.localServed + s.transferred > s.rentableRacks * (1 + 1e-9) + TOL) ok = false;
        if (s.rentableRacks > s.liveRacks + TOL) ok = false;
      },
    });
    expect(ok).toBe(true);
  });
});

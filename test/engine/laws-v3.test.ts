/**
The laws of model v3 (docs/model.md §11–§13), as properties over generated
scenarios: the grid connection is never exceeded, no cluster holds more than
its room, every rack of eastern demand is accounted for per hub and nationally,
and the card fleet, export controls, AI demand and subsidies move results the
way they must.
*/
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KW_PER_STANDARD_RACK } from '../../src/model/constants.js';
import { series } from '../../src/engine/results.js';
import { simulate } from '../../src/engine/simulate.js';
import type { SimState } from '../../src/engine/state.js';
import type { Card, Scenario } from '../../src/scenario/types.js';
import { baseScenario, flat, N } from './builder.js';

const A100: Card = { id: 'a100', name: 'A100', origin: 'imported', fp16: 312, power: 0.8, price: 120_000, perServer: 8, from: 2020, until: 2030, weight: 1 };
const ASCEND: Card = { id: 'ascend', name: 'Ascend', origin: 'domestic', fp16: 280, power: 0.9, price: 100_000, perServer: 8, from: 2021, until: 2030, weight: 1 };

const worlds = fc.record({
  gridMW: fc.double({ min: 0, max: 400, noNaN: true }),
  substationMW: fc.double({ min: 0, max: 300, noNaN: true }),
  substationMonth: fc.integer({ min: 0, max: N * 12 - 1 }),
  peakFactor: fc.double({ min: 1, max: 1.3, noNaN: true }),
  shrinkYear: fc.integer({ min: 1, max: N }),
  shrink: fc.double({ min: 0.3, max: 1, noNaN: true }),
  aiShare: fc.double({ min: 0, max: 0.4, noNaN: true }),
  cards: fc.boolean(),
  availability: fc.double({ min: 0, max: 1, noNaN: true }),
  controlMonth: fc.integer({ min: 0, max: N * 12 - 1 }),
  idle: fc.double({ min: 0, max: 1, noNaN: true }),
  aiPue: fc.constantFrom(0, 1.1, 1.3),
  workEflops: fc.double({ min: 0, max: 50, noNaN: true }),
  pueCap: fc.constantFrom(0, 1.3),
  compCap: fc.double({ min: 0, max: 200_000, noNaN: true }),
  compGridMW: fc.double({ min: 0, max: 600, noNaN: true }),
  compLocal: fc.double({ min: 0, max: 100_000, noNaN: true }),
  contractYears: fc.double({ min: 0, max: 8, noNaN: true }),
});
type World = typeof worlds extends fc.Arbitrary<infer T> ? T : never;

function world(v: World): Scenario {
  const sc = baseScenario();
  // a connection that may shrink from some year on (a line taken out of service)
  sc.grid = {
    capacity: new Float64Array(N).map((_, i) => v.gridMW * 1000 * (i >= v.shrinkYear ? v.shrink : 1)),
    substations: [{ id: 's', month: v.substationMonth, capacity: v.substationMW * 1000 }],
    peakFactor: v.peakFactor,
  };
  sc.servers.aiShare = flat(v.aiShare);
  if (v.cards) {
    sc.ai.cards = [A100, ASCEND];
    sc.ai.exportControls = [{ id: 'c', month: v.controlMonth, availability: v.availability, priceFactor: 1.5 }];
    sc.ai.domesticPenalty = 1.4;
  }
  sc.ai.idlePower = v.idle;
  sc.ai.pue = v.aiPue;
  sc.ai.training = flat((v.workEflops * 1e6) / 2);
  sc.ai.inference = flat((v.workEflops * 1e6) / 2);
  sc.energy.pueCap = v.pueCap;
  const comp = sc.competitors[0]!;
  comp.capacity = flat(v.compCap);
  comp.gridCapacity = flat(v.compGridMW * 1000);
  comp.localLoad = flat(v.compLocal);
  sc.transfer.contractYears = v.contractYears;
  return sc;
}

const REL = 1e-9;

describe('model v3 laws', () => {
  it("the month's peak load never exceeds the grid connection, and the IT load per occupied rack stays ≤ 2.5 kW", () => {
    fc.assert(
      fc.property(worlds, (v) => {
        let worst = 0;
        let over = false;
        simulate(world(v), {
          probe: (s: Readonly<SimState>, m) => {
            const cap = s.gridKw[m]!;
            if (s.peakKw > cap * (1 + REL) + 1e-6) worst = Math.max(worst, s.peakKw - cap);
            if (s.occupied > 0 && s.itKw / s.occupied > KW_PER_STANDARD_RACK * (1 + REL)) over = true;
          },
        });
        expect(worst).toBe(0);
        expect(over).toBe(false);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('no competitor cluster holds more eastern work than its room: its racks for eastern work and what its grid powers', () => {
    fc.assert(
      fc.property(worlds, (v) => {
        const sc = world(v);
        const comp = sc.competitors[0]!;
        let excess = 0;
        simulate(sc, {
          probe: (s: Readonly<SimState>, m) => {
            const y = (m / 12) | 0;
            const gridRoom = Math.max(0, comp.gridCapacity[y]! / (comp.pue * s.kwRackNew) - comp.localLoad[y]!);
            const room = Math.min(comp.capacity[y]!, gridRoom);
            let held = 0;
            for (let j = 0; j < s.H * s.C; j++) held += s.stockK[j * s.K]!;
            excess = Math.max(excess, held - room * (1 + REL) - 1e-6);
          },
        });
        expect(excess).toBeLessThanOrEqual(0);
      }),
      { numRuns: 60, seed: 12 },
    );
  });

  it("every rack of eastern demand is accounted for, per hub and nationally: Gui'an, a cluster, or staying east (turned-away work a part of it)", () => {
    fc.assert(
      fc.property(worlds, (v) => {
        const sc = world(v);
        let worst = 0;
        let tooMuchTurnedAway = false;
        simulate(sc, {
          probe: (s: Readonly<SimState>, m) => {
            const y = (m / 12) | 0;
            let nationalPool = 0;
            let nationalPlaced = 0;
            for (let h = 0; h < s.H; h++) {
              let pool = 0;
              let placed = 0;
              for (let c = 0; c < s.C; c++) {
                const j = h * s.C + c;
                pool += s.pool[j]!;
                placed += s.stockG[j]! + s.stockE[j]!;
                for (let k = 0; k < s.K; k++) placed += s.stockK[j * s.K + k]!;
                if (s.stockT[j]! > s.stockE[j]! * (1 + REL) + 1e-6 || s.stockT[j]! < -1e-9) tooMuchTurnedAway = true;
              }
              // what does not migrate stays in the hub by definition: demand = pool + the rest
              expect(pool).toBeLessThanOrEqual(sc.hubs[h]!.demand[y]! * (1 + REL));
              worst = Math.max(worst, Math.abs(placed - pool) / Math.max(1, pool));
              nationalPool += pool;
              nationalPlaced += placed;
            }
            worst = Math.max(worst, Math.abs(nationalPlaced - nationalPool) / Math.max(1, nationalPool));
          },
        });
        expect(worst).toBeLessThan(1e-9);
        expect(tooMuchTurnedAway).toBe(false);
      }),
      { numRuns: 60, seed: 13 },
    );
  });

  it('AI utilisation lies in [0, 1] and AI energy never exceeds the nominal draw', () => {
    fc.assert(
      fc.property(worlds, (v) => {
        const sc = world(v);
        const r = simulate(sc);
        for (const u of series(r, 'aiUtilization')) {
          if (v.workEflops > 0) {
            expect(u).toBeGreaterThanOrEqual(0);
            expect(u).toBeLessThanOrEqual(1);
          } else expect(Number.isNaN(u)).toBe(true);
        }
        let bad = false;
        simulate(sc, {
          probe: (s: Readonly<SimState>) => {
            let nominal = 0;
            for (let w = 0; w < s.V; w++) nominal += s.nAiV[w]! * s.aiKw[w]!;
            if (s.aiItKw > nominal * (1 + REL) + 1e-9) bad = true;
          },
        });
        expect(bad).toBe(false);
      }),
      { numRuns: 40, seed: 14 },
    );
  });

  it('a larger grid connection never leaves fewer servers installed, nor a lower peak', () => {
    fc.assert(
      fc.property(fc.double({ min: 5, max: 200, noNaN: true }), fc.double({ min: 1.05, max: 3, noNaN: true }), (mw, factor) => {
        const small = baseScenario();
        small.grid = { capacity: flat(mw * 1000), substations: [], peakFactor: 1 };
        const big = baseScenario();
        big.grid = { capacity: flat(mw * 1000 * factor), substations: [], peakFactor: 1 };
        const a = simulate(small);
        const b = simulate(big);
        const sa = series(a, 'serversInstalled');
        const sb = series(b, 'serversInstalled');
        for (let y = 0; y < N; y++) expect(sb[y]!).toBeGreaterThanOrEqual(sa[y]! * (1 - 1e-9));
        const pa = series(a, 'peakMW');
        for (let y = 0; y < N; y++) expect(pa[y]!).toBeLessThanOrEqual(mw * (1 + 1e-9));
      }),
      { numRuns: 25, seed: 15 },
    );
  });
});

describe('model v3: the card fleet, export controls, AI demand, tariffs', () => {
  function cardWorld(): Scenario {
    const sc = baseScenario();
    sc.servers.aiShare = flat(0.3);
    sc.ai.cards = [A100, ASCEND];
    sc.ai.domesticPenalty = 1.4;
    return sc;
  }

  it('a tighter export control never lowers the domestic share of the cards, nor cheapens the fleet', () => {
    const loose = cardWorld();
    loose.ai.exportControls = [{ id: 'c', month: 30, availability: 0.8, priceFactor: 1.2 }];
    const tight = cardWorld();
    tight.ai.exportControls = [{ id: 'c', month: 30, availability: 0.1, priceFactor: 1.2 }];
    const dl = series(simulate(loose), 'domesticCardShare');
    const dt = series(simulate(tight), 'domesticCardShare');
    for (let y = 0; y < N; y++) expect(dt[y]!).toBeGreaterThanOrEqual(dl[y]! - 1e-12);
    expect(dt[N - 1]!).toBeGreaterThan(dl[N - 1]! + 0.05);
    // before the control takes effect (month 30 = mid-2022) the fleets are the same
    expect(dt[1]).toBe(dl[1]);
  });

  it('AI servers in dense racks count fewer physical racks than in ordinary ones, for the same standard racks', () => {
    const ordinary = cardWorld();
    const dense = cardWorld();
    dense.ai.rackPower = 40;
    const a = simulate(ordinary);
    const b = simulate(dense);
    expect(series(b, 'rackCapacity')).toEqual(series(a, 'rackCapacity'));
    const pa = series(a, 'physicalRacks');
    const pb = series(b, 'physicalRacks');
    for (let y = 1; y < N; y++) expect(pb[y]!).toBeLessThan(pa[y]!);
  });

  it('an imported card that is no longer offered is not bought; with no card offered the AI part of the mix waits', () => {
    const sc = cardWorld();
    sc.ai.cards = [{ ...A100, until: 2022 }];
    const r = simulate(sc);
    const ai = series(r, 'aiServersInstalled');
    // lifetime 60 months: the fleet bought by 2022 only retires after 2025; nothing new is added after 2022
    for (let y = 3; y < N; y++) expect(ai[y]!).toBeLessThanOrEqual(ai[2]! * (1 + 1e-9));
  });

  it('more AI work means higher utilisation and, below full idle draw, more energy', () => {
    const run = (eflops: number) => {
      const sc = cardWorld();
      sc.ai.idlePower = 0.3;
      sc.ai.training = flat(eflops * 1e6);
      return simulate(sc);
    };
    const lo = run(0.5);
    const hi = run(5);
    const ul = series(lo, 'aiUtilization');
    const uh = series(hi, 'aiUtilization');
    const el = series(lo, 'energyGWh');
    const eh = series(hi, 'energyGWh');
    for (let y = 0; y < N; y++) {
      expect(uh[y]!).toBeGreaterThanOrEqual(ul[y]!);
      expect(eh[y]!).toBeGreaterThanOrEqual(el[y]! * (1 - 1e-12));
    }
    expect(eh[N - 1]!).toBeGreaterThan(el[N - 1]!);
  });

  it('a subsidy lowers opex from its month on and is reported; before it nothing changes', () => {
    const base = baseScenario();
    const sub = baseScenario();
    sub.energy.subsidies = [{ id: 's', month: 60, until: Infinity, share: 0.5, domesticOnly: false }];
    const a = simulate(base);
    const b = simulate(sub);
    const oa = series(a, 'opexCNY');
    const ob = series(b, 'opexCNY');
    const ps = series(b, 'powerSubsidyCNY');
    for (let y = 0; y < 5; y++) {
      expect(ob[y]).toBe(oa[y]);
      expect(ps[y]).toBe(0);
    }
    for (let y = 5; y < N; y++) {
      expect(ps[y]!).toBeGreaterThan(0);
      // the opex falls by exactly the subsidy (the rent includes power: the tenant's bill does not move)
      expect(oa[y]! - ob[y]!).toBeCloseTo(ps[y]!, 0);
    }
  });

  it('a subsidy for domestic chips only pays nothing while no domestic card is installed', () => {
    const sc = baseScenario();
    sc.servers.aiShare = flat(0.3);
    sc.energy.subsidies = [{ id: 's', month: 0, until: Infinity, share: 0.5, domesticOnly: true }];
    for (const v of series(simulate(sc), 'powerSubsidyCNY')) expect(v).toBe(0);
  });

  it('the capacity charge adds peak kVA × charge to opex every month', () => {
    const base = baseScenario();
    const two = baseScenario();
    two.energy.capacityCharge = 30;
    two.energy.powerFactor = 0.9;
    let charge = 0;
    const yearly: number[] = [];
    simulate(two, {
      probe: (s: Readonly<SimState>, m) => {
        charge += (s.peakKw / 0.9) * 30;
        if (m % 12 === 11) {
          yearly.push(charge);
          charge = 0;
        }
      },
    });
    const oa = series(simulate(base), 'opexCNY');
    const ob = series(simulate(two), 'opexCNY');
    for (let y = 0; y < N; y++) expect(ob[y]! - oa[y]!).toBeCloseTo(yearly[y]!, 0);
  });

  it("the generation mix shapes the month's factor and leaves a flat load's yearly carbon unchanged", () => {
    const flatMix = baseScenario();
    const shaped = baseScenario();
    shaped.energy.gridMonthly = [1.3, 1.3, 1.2, 1.1, 0.9, 0.7, 0.7, 0.7, 0.8, 1.0, 1.1, 1.2];
    const mean = shaped.energy.gridMonthly.reduce((a, b) => a + b, 0) / 12;
    expect(mean).toBeCloseTo(1, 12);
    const months: number[] = [];
    simulate(shaped, { probe: (s: Readonly<SimState>) => months.push(s.gridFactorMonth) });
    expect(months[0]).toBeCloseTo(0.5 * 1.3, 12);
    expect(months[6]).toBeCloseTo(0.5 * 0.7, 12);
    // carbon differs (load is not flat over the year) but by less than the swing of the factor
    const ca = series(simulate(flatMix), 'carbonKt');
    const cb = series(simulate(shaped), 'carbonKt');
    for (let y = 1; y < N; y++) expect(Math.abs(cb[y]! / ca[y]! - 1)).toBeLessThan(0.1);
  });

  it('with the grid binding, the central run says so: a grid-full event and grid as the binding limit', () => {
    const sc = baseScenario();
    sc.grid = { capacity: flat(40_000), substations: [], peakFactor: 1 };
    const r = simulate(sc, { detail: true });
    const ev = r.detail!.events.find((e) => e.kind === 'grid-full');
    expect(ev?.text).toMatch(/grid connection full \(40 MW\): new load waits/);
    expect(r.detail!.bindingLimit).toContain('grid');
    expect(r.detail!.transferLimit).toContain('grid');
    const free = simulate(baseScenario(), { detail: true });
    expect(free.detail!.events.some((e) => e.kind === 'grid-full')).toBe(false);
    expect(free.detail!.bindingLimit).not.toContain('grid');
  });

  it("the scenario's dated events are said in the month they happen", () => {
    const sc = cardWorld();
    sc.ai.exportControls = [{ id: 'oct22', month: 33, availability: 0.5, priceFactor: 1.3 }];
    sc.grid = { capacity: flat(400_000), substations: [{ id: 'north', month: 50, capacity: 220_000 }], peakFactor: 1 };
    sc.energy.subsidies = [{ id: 'nov25', month: 70, until: Infinity, share: 0.5, domesticOnly: true }];
    const ev = simulate(sc, { detail: true }).detail!.events;
    const at = (kind: string) => ev.filter((e) => e.kind === kind).map((e) => [e.month, e.text]);
    expect(at('export-control')).toEqual([[33, 'export control oct22: imported cards 50 % as available, 30 % dearer']]);
    expect(at('substation')).toEqual([[50, 'substation north energised: grid connection +220 MW']]);
    expect(at('subsidy')).toEqual([[70, 'subsidy nov25: 50 % of the power bill on domestic chips']]);
  });

  it('with a generation mix, the market-based carbon with no green power is still at least the location-based', () => {
    const sc = baseScenario();
    sc.energy.greenShare = flat(0);
    sc.energy.residualFactor = sc.energy.gridFactor.slice();
    sc.energy.gridMonthly = [0.7, 0.7, 0.8, 0.9, 1.1, 1.3, 1.4, 1.3, 1.1, 0.9, 0.8, 1.0];
    const r = simulate(sc);
    const loc = series(r, 'carbonKt');
    const mkt = series(r, 'carbonMarketKt');
    for (let y = 0; y < N; y++) expect(mkt[y]!).toBeGreaterThanOrEqual(loc[y]! * (1 - 1e-12));
  });

  it('the quotes of the year use the card mix: kW per occupied rack of new card servers is their power over their racks', () => {
    const sc = cardWorld();
    sc.servers.aiShare = flat(1);
    let kw = 0;
    simulate(sc, { probe: (s: Readonly<SimState>, m) => { if (m === 24) kw = s.kwRackNew; } });
    // a card server's rack budget is its power in standard racks: 2.5 kW per rack
    expect(kw).toBeCloseTo(KW_PER_STANDARD_RACK, 12);
  });

  it('work under contract keeps its place when the grid binds: it leaves Gui\'an no faster than its contracts end', () => {
    const sc = baseScenario();
    sc.network.capacity = flat(1e9);
    sc.grid = { capacity: flat(30_000), substations: [], peakFactor: 1 };
    const keep = (1 - 1 / (12 * sc.transfer.contractYears)) ** 12;
    const r = simulate(sc, { detail: true });
    expect(r.detail!.bindingLimit.slice(2)).toContain('grid');
    const t = series(r, 'transferredRacks');
    for (let y = 1; y < N; y++) expect(t[y]!).toBeGreaterThanOrEqual(t[y - 1]! * keep * (1 - 1e-9));
  });
});

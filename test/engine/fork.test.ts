/**
Changing course mid-run (src/engine/fork.ts, docs/fork.md): a fork equals the
base run byte for byte before its month, differs after it only through the
change, carries the state over (phases under way, money, servers), takes a
policy schedule, keeps the model's laws across the switch, pairs Monte Carlo
runs with the base's, and refuses changes a run cannot take mid-way.
*/
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSchedule, forkedScenario, forkProblem, type Schedule } from '../../src/engine/fork.js';
import { monteCarlo, runWidth } from '../../src/engine/montecarlo.js';
import { createPool, monteCarloParallel } from '../../src/engine/parallel.js';
import { series, type RunResult } from '../../src/engine/results.js';
import { simulate } from '../../src/engine/simulate.js';
import { PHASE_LIVE, type SimState } from '../../src/engine/state.js';
import { overridesText, resultCaption } from '../../src/report/caption.js';
import { readScenarioSource, resolveScenario, type Override } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario, flat, N } from './builder.js';

const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Year y of every metric (metric-major values), as bytes. */
function yearBytes(r: RunResult, y: number): Buffer {
  const Y = r.years.length;
  const col = new Float64Array(r.metrics.length);
  for (let k = 0; k < r.metrics.length; k++) col[k] = r.values[k * Y + y]!;
  return bytes(col);
}

/** Years [0, until) identical byte for byte. */
function expectSameBefore(a: RunResult, b: RunResult, until: number): void {
  for (let y = 0; y < until; y++) expect(yearBytes(b, y).equals(yearBytes(a, y)), `year ${a.years[y]}`).toBe(true);
}

const at = (sc: Scenario, month: number): Schedule => [{ month, scenario: sc }];

/** A copy of the builder scenario changed by `fn` (a fresh object: nothing shared with the base). */
function changed(fn: (s: Scenario) => void): Scenario {
  const s = baseScenario();
  fn(s);
  return s;
}

function uncertain(): Scenario {
  const sc = baseScenario();
  sc.construction = { ...sc.construction, cancelProbability: 0.2, deferProbability: 0.3, deferMonths: 18 };
  sc.uncertainty = [
    { path: 'construction.delayFactor', mode: 'set', dist: { type: 'pert', min: 0.9, mode: 1, max: 1.6 } },
    { path: 'construction.overrunFactor', mode: 'set', dist: { type: 'triangular', min: 0.95, mode: 1.05, max: 1.4 } },
    { path: 'energy.electricityPrice', mode: 'scale', dist: { type: 'uniform', min: 0.8, max: 1.2 } },
    { path: 'investment.total', mode: 'scale', dist: { type: 'uniform', min: 0.7, max: 1.3 } },
    { path: 'transfer.costSensitivity', mode: 'scale', dist: { type: 'lognormal', mu: 0, sigma: 0.3 } },
  ];
  return sc;
}

const PLAN = 'scenarios/guian-plan.yaml';
const source = readScenarioSource(PLAN);
const plan = (overrides: Override[] = []): Scenario => resolveScenario(source, overrides);

describe('a fork equals the base before its month', () => {
  it('a no-op change gives identical bytes throughout, at any month (builder and the shipped plan)', () => {
    const a = simulate(baseScenario());
    for (const m of [1, 12, 30, 60, N * 12 - 1]) {
      const b = simulate(baseScenario(), { schedule: at(baseScenario(), m) });
      expect(bytes(b.values).equals(bytes(a.values)), `month ${m}`).toBe(true);
    }
    const p = simulate(plan(), { detail: true });
    const q = simulate(plan(), { detail: true, schedule: at(plan(), 48) });
    expect(bytes(q.values).equals(bytes(p.values))).toBe(true);
    expect(q.detail).toEqual(p.detail);
  });

  it('a change from year Y leaves every earlier year byte-identical, and changes year Y on', () => {
    const base = plan();
    const a = simulate(base);
    for (const year of [2021, 2024, 2028]) {
      const y = year - base.horizon.start;
      const b = simulate(base, { schedule: at(plan([{ path: 'electricityPrice', value: '0.6' }]), y * 12) });
      expectSameBefore(a, b, y);
      expect(yearBytes(b, y).equals(yearBytes(a, y))).toBe(false);
    }
  });

  it('a fork at the horizon start is the changed scenario run from the start', () => {
    const set: Override[] = [{ path: 'investment', value: '25 billion CNY' }];
    const a = simulate(plan(set));
    const b = simulate(plan(), { schedule: at(plan(set), 0) });
    expect(bytes(b.values).equals(bytes(a.values))).toBe(true);
  });
});

describe('after the fork only the change acts', () => {
  it('a dearer electricity price changes money, not racks', () => {
    const a = simulate(baseScenario());
    const b = simulate(baseScenario(), { schedule: at(changed((s) => (s.energy.electricityPrice = flat(0.7))), 48) });
    for (const m of ['rackCapacity', 'dcOperational', 'capexCumCNY', 'budgetCumCNY', 'occupiedRacks', 'transferredRacks', 'serversInstalled', 'energyGWh']) {
      expect(series(b, m), m).toEqual(series(a, m));
    }
    const oa = series(a, 'opexCNY');
    const ob = series(b, 'opexCNY');
    for (let y = 0; y < 4; y++) expect(ob[y]).toBe(oa[y]);
    for (let y = 4; y < N; y++) expect(ob[y]!).toBeGreaterThan(oa[y]!);
    const na = series(a, 'npvCNY');
    const nb = series(b, 'npvCNY');
    expect(nb[3]).toBe(na[3]);
    expect(nb[N - 1]!).toBeLessThan(na[N - 1]!);
  });

  it('money carries over: NPV and cumulative capex continue from the state at the switch', () => {
    let before: { npv: number; capex: number; discount: number } | undefined;
    let after: { npv: number; capex: number; discount: number } | undefined;
    simulate(baseScenario(), {
      schedule: at(changed((s) => (s.economics.discountRate = 0.12)), 36),
      probe: (s: Readonly<SimState>, m) => {
        if (m === 35) before = { npv: s.npv, capex: s.capexCum, discount: s.discount };
        if (m === 36) after = { npv: s.npv, capex: s.capexCum, discount: s.discount };
      },
    });
    // month 36 discounts one more month at the new rate, from where the running factor stood
    expect(after!.discount).toBeCloseTo(before!.discount * (1.12 ** (-1 / 12)), 15);
    expect(after!.capex).toBeGreaterThanOrEqual(before!.capex);
  });

  it('the budget follows the new plan from the switch, never below what was released; released money stays', () => {
    const base = baseScenario();
    const a = simulate(base);
    const more = simulate(base, { schedule: at(changed((s) => (s.investment.total = 9e9)), 24) });
    const less = simulate(base, { schedule: at(changed((s) => (s.investment.total = 2e9)), 24) });
    const ba = series(a, 'budgetCumCNY');
    const bm = series(more, 'budgetCumCNY');
    const bl = series(less, 'budgetCumCNY');
    expect(bm.slice(0, 2)).toEqual(ba.slice(0, 2));
    expect(bl.slice(0, 2)).toEqual(ba.slice(0, 2));
    // a raise: the new plan's cumulative release from 2022 on (9 bn × 0.6 by end-2022), and its total by the end
    expect(bm[2]!).toBeCloseTo(9e9 * 0.6, 0);
    expect(bm[N - 1]!).toBeCloseTo(9e9, 0);
    // a cut below what was released: nothing more is released, nothing is taken back
    for (let y = 2; y < N; y++) expect(bl[y]).toBe(ba[1]);
    // more money never builds less
    const ra = series(a, 'rackCapacity');
    const rm = series(more, 'rackCapacity');
    const rl = series(less, 'rackCapacity');
    for (let y = 0; y < N; y++) {
      expect(rm[y]!).toBeGreaterThanOrEqual(ra[y]!);
      expect(rl[y]!).toBeLessThanOrEqual(ra[y]!);
    }
  });

  it('phases under way keep their plan; phases not yet begun take the new delay, capex and cancellation', () => {
    // builder: a.p2 starts at month 0 (live at 24), b.p2 is planned for month 24
    const liveAt = (sc: Scenario, schedule?: Schedule): Map<string, number> => {
      const out = new Map<string, number>();
      simulate(sc, {
        ...(schedule ? { schedule } : {}),
        probe: (s: Readonly<SimState>, m) => {
          for (let i = 0; i < s.P; i++) {
            const key = `${s.phDc[i]}.${s.phIdx[i]}`;
            if (s.phState[i] === PHASE_LIVE && !out.has(key)) out.set(key, m);
          }
        },
      });
      return out;
    };
    const a = liveAt(baseScenario());
    const slow = liveAt(baseScenario(), at(changed((s) => (s.construction.delayFactor = 2)), 12));
    expect(slow.get('0.1')).toBe(a.get('0.1')); // under way at the switch
    expect(slow.get('1.1')! - a.get('1.1')!).toBe(24); // not begun: 24 → 48 months of build
    const cancelled = liveAt(baseScenario(), at(changed((s) => (s.datacenters[1]!.phases[1]!.cancelled = true)), 12));
    expect(cancelled.has('1.1')).toBe(false);
    expect(cancelled.get('0.1')).toBe(a.get('0.1'));
    const r = simulate(baseScenario(), { schedule: at(changed((s) => (s.datacenters[1]!.phases[1]!.cancelled = true)), 12) });
    const planned = series(r, 'plannedRacks');
    expect(planned[0]! - planned[1]!).toBe(20_000);
    // the site whose last phase is cancelled is complete once its others are live
    expect(series(r, 'dcComplete')[N - 1]).toBe(2);
  });

  it('moving a phase not yet begun re-queues it in funding order', () => {
    const sc = baseScenario();
    sc.datacenters[0]!.phases.push({ id: 'p3', size: 10_000, capex: 6e8, start: 30, build: 12, preexisting: false, pue: 1.2, startWhenOccupancy: 0, cancelled: false, deferMonths: 0 });
    const next = structuredCloneScenario(sc);
    next.datacenters[0]!.phases[2]!.start = 60; // after b.p2? b.p2 is at 24: now also after nothing else, but later than planned
    next.datacenters[1]!.phases[1]!.start = 48; // b.p2 moves behind... still before a.p3
    let order: string[] = [];
    simulate(sc, {
      schedule: at(next, 12),
      probe: (s: Readonly<SimState>, m) => {
        if (m === 12) order = Array.from(s.phDc, (d, i) => `${d}.${s.phIdx[i]}:${s.phStart[i]}`);
      },
    });
    expect(order).toEqual(['0.0:-40', '1.0:-6', '0.1:0', '1.1:48', '0.2:60']);
    next.datacenters[1]!.phases[1]!.start = 72; // now after a.p3: the queue is re-sorted
    simulate(sc, {
      schedule: at(next, 12),
      probe: (s: Readonly<SimState>, m) => {
        if (m === 12) order = Array.from(s.phDc, (d, i) => `${d}.${s.phIdx[i]}:${s.phStart[i]}`);
      },
    });
    expect(order).toEqual(['0.0:-40', '1.0:-6', '0.1:0', '0.2:60', '1.1:72']);
  });

  it('servers carry over with their retirement schedule: a fork that changes only the AI share keeps the fleet until new servers come', () => {
    const ai = changed((s) => (s.servers.aiShare = flat(0.5)));
    let atSwitch = { gen: 0, ai: 0 };
    let baseAt = { gen: 0, ai: 0 };
    simulate(baseScenario(), { probe: (s, m) => { if (m === 47) baseAt = { gen: s.nGen, ai: s.nAi }; } });
    simulate(baseScenario(), { schedule: at(ai, 48), probe: (s, m) => { if (m === 47) atSwitch = { gen: s.nGen, ai: s.nAi }; } });
    expect(atSwitch).toEqual(baseAt);
    const r = simulate(baseScenario(), { schedule: at(ai, 48) });
    const a = simulate(baseScenario());
    expect(series(r, 'aiServersInstalled')[N - 1]!).toBeGreaterThan(series(a, 'aiServersInstalled')[N - 1]!);
  });

  it('a policy schedule: each switch acts from its month, on top of the earlier ones', () => {
    const base = plan();
    const s24 = plan([{ path: 'investment', value: '60 billion CNY' }]);
    const s26 = plan([{ path: 'investment', value: '60 billion CNY' }, { path: 'transferIncentive', value: '500' }]);
    const a = simulate(base);
    const one = simulate(base, { schedule: at(s24, 48) });
    const two = simulate(base, { schedule: [{ month: 48, scenario: s24 }, { month: 72, scenario: s26 }] });
    expectSameBefore(a, two, 4);
    expectSameBefore(one, two, 6);
    expect(series(two, 'transferredRacks')[6]!).toBeGreaterThan(series(one, 'transferredRacks')[6]!);
  });
});

describe('the laws hold across the switch', () => {
  const worlds = fc.record({
    month: fc.integer({ min: 1, max: N * 12 - 1 }),
    gridMW: fc.double({ min: 20, max: 400, noNaN: true }),
    gridAfterMW: fc.double({ min: 0, max: 400, noNaN: true }),
    peakFactor: fc.double({ min: 1, max: 1.3, noNaN: true }),
    netAfter: fc.double({ min: 0, max: 20_000, noNaN: true }),
    compCapAfter: fc.double({ min: 0, max: 200_000, noNaN: true }),
    compGridAfterMW: fc.double({ min: 0, max: 600, noNaN: true }),
    demandAfter: fc.double({ min: 0.3, max: 2, noNaN: true }),
    priceAfter: fc.double({ min: 0.1, max: 1, noNaN: true }),
    incentiveAfter: fc.double({ min: 0, max: 3000, noNaN: true }),
    aiShareAfter: fc.double({ min: 0, max: 0.6, noNaN: true }),
    contractYearsAfter: fc.double({ min: 0, max: 8, noNaN: true }),
    investAfter: fc.double({ min: 0, max: 2e10, noNaN: true }),
    delayAfter: fc.double({ min: 0.5, max: 2.5, noNaN: true }),
    movableAfter: fc.double({ min: 0, max: 1, noNaN: true }),
  });
  type World = typeof worlds extends fc.Arbitrary<infer T> ? T : never;

  function world(v: World): { base: Scenario; next: Scenario } {
    const base = baseScenario();
    base.grid = { capacity: flat(v.gridMW * 1000), substations: [], peakFactor: v.peakFactor };
    const next = baseScenario();
    next.grid = { capacity: flat(v.gridAfterMW * 1000), substations: [{ id: 's', month: v.month + 6, capacity: 50_000 }], peakFactor: v.peakFactor };
    next.network.capacity = flat(v.netAfter);
    const comp = next.competitors[0]!;
    comp.capacity = flat(v.compCapAfter);
    comp.gridCapacity = flat(v.compGridAfterMW * 1000);
    for (const h of next.hubs) h.demand = h.demand.map((d) => d * v.demandAfter);
    next.energy.electricityPrice = flat(v.priceAfter);
    next.transfer.incentive = flat(v.incentiveAfter);
    next.servers.aiShare = flat(v.aiShareAfter);
    next.transfer.contractYears = v.contractYearsAfter;
    next.investment.total = v.investAfter;
    next.construction.delayFactor = v.delayAfter;
    next.workloads[1]!.movable = v.movableAfter;
    return { base, next };
  }

  it('the grid connection is never exceeded, every rack of demand is accounted for, no cluster holds more than its room, stocks move as they must', () => {
    fc.assert(
      fc.property(worlds, (v) => {
        const { base, next } = world(v);
        let gridOver = 0;
        let unaccounted = 0;
        let compOver = 0;
        let backwards = false;
        let last = { capex: 0, release: 0, live: 0 };
        simulate(base, {
          schedule: at(next, v.month),
          probe: (s: Readonly<SimState>, m) => {
            const y = (m / 12) | 0;
            const sc = s.scenario;
            const cap = s.gridKw[m]!;
            if (s.peakKw > cap * (1 + 1e-9) + 1e-6) gridOver = Math.max(gridOver, s.peakKw - cap);
            let pool = 0;
            let placed = 0;
            let held = 0;
            for (let j = 0; j < s.H * s.C; j++) {
              pool += s.pool[j]!;
              placed += s.stockG[j]! + s.stockE[j]!;
              for (let k = 0; k < s.K; k++) placed += s.stockK[j * s.K + k]!;
              held += s.stockK[j * s.K]!;
            }
            unaccounted = Math.max(unaccounted, Math.abs(placed - pool) / Math.max(1, pool));
            const comp = sc.competitors[0]!;
            const room = Math.min(comp.capacity[y]!, Math.max(0, comp.gridCapacity[y]! / (comp.pue * s.kwRackNew) - comp.localLoad[y]!));
            compOver = Math.max(compOver, held - room * (1 + 1e-9) - 1e-6);
            const release = s.release[m]!;
            if (s.capexCum < last.capex || release < last.release || s.liveRacks < last.live) backwards = true;
            // committed money never exceeds the budget released by the last phase's completion
            last = { capex: s.capexCum, release, live: s.liveRacks };
          },
        });
        expect(gridOver).toBe(0);
        expect(unaccounted).toBeLessThan(1e-9);
        expect(compOver).toBeLessThanOrEqual(0);
        expect(backwards).toBe(false);
      }),
      { numRuns: 60, seed: 21 },
    );
  });

  it('a fork with no change equals the base in every world', () => {
    fc.assert(
      fc.property(worlds, (v) => {
        const { base } = world(v);
        const same = world(v).base;
        const a = simulate(base);
        const b = simulate(base, { schedule: at(same, v.month) });
        expect(bytes(b.values).equals(bytes(a.values))).toBe(true);
      }),
      { numRuns: 30, seed: 22 },
    );
  });
});

describe('Monte Carlo forks are paired with the base, run by run', () => {
  it('every run equals its base run before the fork year, byte for byte; a no-op fork changes no run', () => {
    const runs = 60;
    const base = uncertain();
    const a = monteCarlo(base, { runs, seed: 5 });
    const noop = monteCarlo(base, { runs, seed: 5, schedule: at(uncertain(), 36) });
    expect(bytes(noop.perRun).equals(bytes(a.perRun))).toBe(true);
    const next = uncertain();
    next.energy.electricityPrice = flat(0.7);
    next.investment.total = 8e9;
    const b = monteCarlo(base, { runs, seed: 5, schedule: at(next, 36) });
    const w = runWidth(base);
    const Y = N;
    const metrics = a.central.metrics.length;
    let differAfter = 0;
    for (let r = 0; r < runs; r++) {
      for (let k = 0; k < metrics; k++) {
        for (let y = 0; y < 3; y++) expect(Object.is(b.perRun[r * w + k * Y + y], a.perRun[r * w + k * Y + y])).toBe(true);
      }
      const opex = a.central.metrics.indexOf('opexCNY');
      if (b.perRun[r * w + opex * Y + 5] !== a.perRun[r * w + opex * Y + 5]) differAfter++;
    }
    expect(differAfter).toBe(runs);
  });

  it('the draws apply to the changed scenario as to the base: a fork at month 0 is the changed scenario\'s Monte Carlo', () => {
    const next = uncertain();
    next.investment.total = 8e9;
    const a = monteCarlo(next, { runs: 40, seed: 9 });
    const b = monteCarlo(uncertain(), { runs: 40, seed: 9, schedule: at(next, 0) });
    expect(bytes(b.perRun).equals(bytes(a.perRun))).toBe(true);
  });

  it('worker threads (dist/worker.js) rebuild the schedule from the source and overrides: the same bytes', async () => {
    const base = plan();
    const set: Override[] = [{ path: 'investment', value: '60 billion CNY' }, { path: 'electricityPrice', value: '0.5' }];
    const schedule = [{ month: 36, scenario: plan(set), overrides: set }];
    const a = monteCarlo(base, { runs: 48, seed: 4, schedule });
    const workerUrl = new URL('../../dist/worker.js', import.meta.url);
    const pool = await createPool(workerUrl, 2);
    try {
      const b = await monteCarloParallel(base, { runs: 48, seed: 4, workerUrl, source, overrides: [], schedule, pool });
      expect(bytes(b.perRun).equals(bytes(a.perRun))).toBe(true);
      // and the base through the same pool is the base
      const c = await monteCarloParallel(base, { runs: 48, seed: 4, workerUrl, source, overrides: [], pool });
      expect(bytes(c.perRun).equals(bytes(monteCarlo(base, { runs: 48, seed: 4 }).perRun))).toBe(true);
    } finally {
      await pool.destroy();
    }
  });

  it('the in-thread parallel path gives the same bytes, and the result says what changed and from when', async () => {
    const base = plan();
    const s24 = plan([{ path: 'investment', value: '60 billion CNY' }]);
    const schedule = [{ month: 48, scenario: s24, overrides: [{ path: 'investment', value: '60 billion CNY' }] }];
    const a = monteCarlo(base, { runs: 30, seed: 3, schedule });
    const b = await monteCarloParallel(base, { runs: 30, seed: 3, workers: 1, workerUrl: new URL('file:///nonexistent'), source, overrides: [], schedule });
    expect(bytes(b.perRun).equals(bytes(a.perRun))).toBe(true);
    expect(b.scenario.overrides).toEqual(['from 2024: investment=60 billion CNY']);
    expect(b.scenario.investment.total).toBe(60e9);
    expect(b.scenario.hash).not.toBe(base.hash);
    expect(b.scenario.hash).not.toBe(s24.hash);
    expect(resultCaption(b)).toBe('median of 30 Monte Carlo runs, seed 3 · from 2024: --set investment=60 billion CNY');
  });
});

describe('what a fork refuses', () => {
  const refused: [string, (s: Scenario) => void][] = [
    ['horizon.end', (s) => (s.horizon = { ...s.horizon, end: s.horizon.end + 1 })],
    ['datacenters', (s) => s.datacenters.pop()],
    ['datacenters.a.phases', (s) => s.datacenters[0]!.phases.pop()],
    ['datacenters.a.ownUse', (s) => (s.datacenters[0]!.ownUse = true)],
    ['datacenters.a.phases.p1.preexisting', (s) => (s.datacenters[0]!.phases[0]!.preexisting = false)],
    ['hubs', (s) => s.hubs.reverse()],
    ['workloads', (s) => s.workloads.pop()],
    ['competitors', (s) => (s.competitors = [])],
    ['ai.cards', (s) => (s.ai.cards = [{ id: 'x', name: 'X', origin: 'domestic', fp16: 100, power: 0.5, price: 1e5, perServer: 8, from: 2020, until: 2030, weight: 1 }])],
    ['uncertainty.0', (s) => (s.uncertainty = [{ path: 'economics.rent', mode: 'scale', dist: { type: 'uniform', min: 0.9, max: 1.1 } }])],
    ['construction.cancelProbability', (s) => (s.construction.cancelProbability = 0.1)],
    ['targets', (s) => (s.targets = [])],
    ['seed', (s) => (s.seed = 2)],
  ];
  for (const [path, fn] of refused) {
    it(`${path}: named, and simulate throws`, () => {
      const next = changed(fn);
      expect(forkProblem(baseScenario(), next)?.path).toBe(path);
      expect(() => simulate(baseScenario(), { schedule: at(next, 24) })).toThrow(path);
    });
  }

  it('series, scalars, dated lists and parameters may change', () => {
    const next = changed((s) => {
      s.energy.electricityPrice = flat(1);
      s.economics.rent = 1;
      s.grid.substations = [{ id: 'new', month: 70, capacity: 1 }];
      s.energy.subsidies = [{ id: 'sub', month: 60, until: Infinity, share: 0.2, domesticOnly: false }];
      s.parameters = { growth: 0.5 };
      s.datacenters[1]!.phases[1]!.size = 1;
      s.datacenters[1]!.phases[1]!.start = 80;
      s.competitors[0]!.latency = { east1: 6, east2: 9 };
    });
    expect(forkProblem(baseScenario(), next)).toBeUndefined();
  });

  it('schedule months must be ascending whole months inside the horizon', () => {
    expect(() => checkSchedule(baseScenario(), at(baseScenario(), N * 12))).toThrow(/whole months/);
    expect(() => checkSchedule(baseScenario(), [{ month: 24, scenario: baseScenario() }, { month: 12, scenario: baseScenario() }])).toThrow(/ascending/);
    expect(() => checkSchedule(baseScenario(), at(baseScenario(), 1.5))).toThrow(/whole months/);
  });
});

describe('labels', () => {
  it('the forked scenario lists each switch\'s own overrides with its year, grouped in the caption', () => {
    const base = plan([{ path: 'economics.om', value: '300 CNY/rack/month' }]);
    const s24 = plan([{ path: 'economics.om', value: '300 CNY/rack/month' }, { path: 'investment', value: '60 billion CNY' }]);
    const s26 = plan([
      { path: 'economics.om', value: '300 CNY/rack/month' }, { path: 'investment', value: '60 billion CNY' },
      { path: 'transferIncentive', value: '500' }, { path: 'electricityPrice', value: '0.3' },
    ]);
    const f = forkedScenario(base, [{ month: 48, scenario: s24 }, { month: 72, scenario: s26 }]);
    expect(f.overrides).toEqual([
      'economics.om=300 CNY/rack/month', 'from 2024: investment=60 billion CNY', 'from 2026: transferIncentive=500', 'from 2026: electricityPrice=0.3',
    ]);
    expect(overridesText(f.overrides)).toBe(
      '--set economics.om=300 CNY/rack/month · from 2024: --set investment=60 billion CNY · from 2026: --set transferIncentive=500 --set electricityPrice=0.3',
    );
    expect(overridesText(['investment=60'])).toBe('--set investment=60');
    expect(forkedScenario(base, [])).toBe(base);
  });
});

/** A deep copy of a builder scenario (Float64Arrays included). */
function structuredCloneScenario(sc: Scenario): Scenario {
  return structuredClone(sc);
}

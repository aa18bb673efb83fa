import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';

const FILE = 'scenarios/guian-plan.yaml';

describe('guian-plan.yaml resolves to base units', () => {
  const sc = loadScenario(FILE);
  const dc = (id: string) => sc.datacenters.find((d) => d.id === id)!;

  it('reads the top-level settings', () => {
    expect(sc.name).toBe("Gui'an plan as announced (2020)");
    expect(sc.file).toBe(FILE);
    expect(sc.horizon).toEqual({ start: 2020, end: 2030 });
    expect(sc.seed).toBe(20200528);
    expect(sc.runs).toBe(1000); // Monte Carlo by default (guian-plan.yaml runs: 1000)
    expect(sc.usdRate).toBe(7.1);
    expect(sc.parameters).toEqual({ demandGrowth: 0.2, aiShare2030: 0.06 });
    expect(sc.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('converts money, racks, power and durations', () => {
    expect(sc.investment.total).toBe(4.2e10);
    expect(sc.construction.costPerRack).toBe(61000);
    expect(dc('apple').phases[0]!.size).toBe(60000); // 150 MW / 2.5 kW
    expect(dc('apple').phases[0]!.capex).toBe(60000 * 61000);
    expect(dc('telecom').phases[0]).toMatchObject({ id: 'p1', size: 20000, start: -75, build: 14, preexisting: true });
    expect(dc('mobile').phases[1]!.start).toBe(3); // 2020-04
    expect(dc('site-9').assumed).toBe(true);
    expect(dc('telecom').serversPerRack).toBe(5);
    expect(sc.servers.classes.general).toEqual({ power: 0.35, rackShare: 0.2, compute: 2, price: 50000, lifetime: 60, cards: 0 });
    expect(sc.servers.classes.ai.cards).toBe(8);
    expect(sc.servers.classes.ai.compute).toBe(1760);
    expect(sc.hubs[0]!.rent).toBe(2600); // 5,200 CNY per 5-kW rack, space only
    expect(sc.hubs[0]!.rentIncludesPower).toBe(false);
    expect(sc.transfer.contractYears).toBe(5);
    expect(sc.construction.fillMonths).toBe(36);
    expect(sc.hubs[0]!.latency).toBe(20);
    expect(sc.economics.wage).toBe(120000);
    expect(sc.transfer.adoption).toBe(60);
    expect(sc.network.perRack).toBe(0.05);
    expect(sc.energy.wue).toBe(0.5);
    expect(sc.competitors[0]!.latency).toEqual({ bth: 5, yrd: 18, gba: 25, cc: 20 });
  });

  it('evaluates series for every horizon year', () => {
    expect(sc.network.capacity).toHaveLength(11);
    expect(sc.network.capacity[0]).toBeCloseTo(17000, 6);
    expect(sc.network.capacity[5]).toBeCloseTo(45000, 6);
    expect(sc.network.capacity[10]).toBeCloseTo(45000, 6);
    expect(sc.hubs[0]!.demand[0]).toBeCloseTo(550000, 6);
    expect(sc.hubs[0]!.demand[5]).toBeCloseTo(550000 * 1.2 ** 5, 3);
    expect(Array.from(sc.investment.profile)).toEqual([0.16, 0.2, 0.22, 0.2, 0.13, 0.09, 0, 0, 0, 0, 0]);
    expect(sc.energy.electricityPrice[3]).toBe(0.35);
    expect(sc.energy.gridFactor[2]).toBeCloseTo(0.5, 12);
    expect(sc.energy.residualFactor[2]).toBeCloseTo(0.54, 12);
    expect(sc.servers.aiShare[10]).toBeCloseTo(0.06, 12);
  });

  it('records formula series that re-evaluate with sampled parameters', () => {
    const demand = sc.formulas.find((f) => f.path === 'hubs.0.demand')!;
    expect(demand.params).toEqual(['demandGrowth']);
    expect(demand.evaluate(2021, { demandGrowth: 0.3 })).toBeCloseTo(715000, 6);
    expect(demand.evaluate(2020, {})).toBeCloseTo(550000, 6);
    const cap = sc.formulas.find((f) => f.path === 'network.capacity')!;
    expect(cap.params).toEqual([]);
    expect(cap.evaluate(2023, {})).toBeCloseTo(33800, 6);
  });

  it('resolves uncertainty, targets, levers and derived metrics', () => {
    expect(sc.uncertainty).toHaveLength(10);
    expect(sc.uncertainty[3]).toEqual({ path: 'energy.electricityPrice', mode: 'scale', dist: { type: 'uniform', min: 0.86, max: 1.28 } });
    expect(sc.targets.map((t) => t.id)).toEqual(['dcs', 'servers', 'pue']); // 45 Tbps is an input, not a target
    expect(sc.levers[0]).toMatchObject({ id: 'investment', path: 'investment.total', unit: 'billion CNY' });
    expect(sc.metrics[0]!.inputs).toEqual(['serversInstalled', 'itPowerMW']);
    expect(sc.metrics[0]!.evaluate({ serversInstalled: 1000, itPowerMW: 4 })).toBe(250);
  });

  it('hashes the merged document stably', () => {
    expect(loadScenario(FILE).hash).toBe(sc.hash);
    expect(loadScenario(FILE, [{ path: 'investment', value: '50' }]).hash).not.toBe(sc.hash);
  });
});

/**
Model v2 fields in the loader: defaults, conversions (a rent quoted per
physical rack, contract length in years, durations in months), located errors,
the JSON Schema, and levers / uncertainty / overrides on the new paths.
*/
import { describe, expect, it } from 'vitest';
import { explainPath, formatProblem, leverValueOverride, loadScenario, loadScenarioText, readScenarioText, resolveScenario, scenarioJsonSchema } from '../../src/scenario/index.js';
import { MINIMAL, problemsFrom, problemsOf } from '../helpers/scenario.js';

const DIR = 'test/fixtures/scenario';
const msgs = (text: string) => problemsOf(text, undefined, 'test.yaml').map(formatProblem);
const all = (s: Float64Array) => Array.from(s);

describe('defaults keep the old behaviour', () => {
  const sc = loadScenarioText(
    MINIMAL + 'hubs:\n  - { id: east, demand: 1000, latency: 20 ms, gridFactor: { 2020: 0.6 kg/kWh, 2024: 0.5 kg/kWh } }\ncompetitors:\n  - { id: c, electricityPrice: 0.3 CNY/kWh }\n',
  );

  it('phases: the site PUE, start on the planned date, built, not deferred', () => {
    expect(sc.datacenters[0]!.phases[0]).toMatchObject({ pue: 1.3, startWhenOccupancy: 0, cancelled: false, deferMonths: 0 });
  });

  it('data centers serve the rental market', () => {
    expect(sc.datacenters[0]!.ownUse).toBe(false);
    expect(all(sc.datacenters[0]!.ownerDemand)).toEqual([0, 0, 0, 0, 0]);
  });

  it('hubs: residual mix = grid factor, no green power, rent per standard rack including power', () => {
    const h = sc.hubs[0]!;
    expect(all(h.residualFactor)).toEqual(all(h.gridFactor));
    expect(h.residualFactor).not.toBe(h.gridFactor); // a copy, not the same array
    expect(all(h.greenShare)).toEqual([0, 0, 0, 0, 0]);
    expect(h.rent).toBe(6000);
    expect(h.rentIncludesPower).toBe(true);
  });

  it('competitors: unbounded capacity, rent including power', () => {
    expect(all(sc.competitors[0]!.capacity)).toEqual([Infinity, Infinity, Infinity, Infinity, Infinity]);
    expect(sc.competitors[0]!.rent).toBe(3000);
    expect(sc.competitors[0]!.rentIncludesPower).toBe(true);
  });

  it('transfer, energy, economics, construction, correlations', () => {
    expect(sc.transfer.contractYears).toBe(0);
    expect(all(sc.energy.residualFactor)).toEqual(all(sc.energy.gridFactor));
    expect(sc.energy.pueFixedShare).toBe(0);
    expect(sc.economics.rent).toBe(3500);
    expect(sc.economics.rentIncludesPower).toBe(true);
    expect(sc.construction).toEqual({
      costPerRack: 120000, delayFactor: 1, overrunFactor: 1, fillMonths: 0, startOccupancy: 1, cancelProbability: 0, deferProbability: 0, deferMonths: 0, physicalRackPower: 5,
    });
    expect(sc.correlations).toEqual([]);
  });

  it('every shipped scenario still loads', () => {
    for (const f of ['ai-boom', 'green-cap', 'guian-delayed', 'guian-plan', 'guian-realistic-cost', 'national-push', 'no-transfer']) {
      expect(() => loadScenario(`scenarios/${f}.yaml`)).not.toThrow();
    }
  });
});

describe('conversions', () => {
  const sc = loadScenario(`${DIR}/v2-fields.yaml`);
  const apple = sc.datacenters.find((d) => d.id === 'apple')!;

  it('a rent quoted per physical rack becomes a rent per standard 2.5-kW rack', () => {
    expect(sc.economics.rent).toBe(3750); // 7500 per 5-kW rack
    expect(sc.hubs[0]!.rent).toBe(3750); // 9000 per 6-kW rack
    expect(sc.competitors[0]!.rent).toBe(3000); // 6000 per 5-kW rack
  });

  it('includesPower of a quote, or the rentIncludesPower field, sets whether the rent includes power', () => {
    expect(sc.hubs[0]!.rentIncludesPower).toBe(false); // from the quote
    expect(sc.hubs[1]!.rentIncludesPower).toBe(false); // from the field
    expect(sc.hubs[1]!.rent).toBe(5000);
    expect(sc.competitors[0]!.rentIncludesPower).toBe(true); // default
    expect(sc.economics.rentIncludesPower).toBe(false);
  });

  it('contractYears is stored in years; fillMonths and deferMonths in months', () => {
    expect(sc.transfer.contractYears).toBe(5); // 60 months
    expect(loadScenarioText(MINIMAL + 'transfer: { contractYears: 5 years }\n').transfer.contractYears).toBe(5);
    expect(loadScenarioText(MINIMAL + 'transfer: { contractYears: 0 }\n').transfer.contractYears).toBe(0);
    expect(sc.construction.fillMonths).toBe(36); // 3 years
    expect(sc.construction.deferMonths).toBe(12); // 1 year
    expect(apple.phases[0]!.deferMonths).toBe(6);
    expect(loadScenarioText(MINIMAL.replace('build: 12 months }', 'build: 12 months, deferMonths: 0 }')).datacenters[0]!.phases[0]!.deferMonths).toBe(0);
  });

  it('shares, probabilities and PUEs', () => {
    expect(sc.construction).toMatchObject({ startOccupancy: 0.6, cancelProbability: 0.05, deferProbability: 0.2 });
    expect(sc.energy.pueFixedShare).toBe(0.3);
    expect(apple.phases[0]).toMatchObject({ pue: 1.25, startWhenOccupancy: 0.8, cancelled: false });
    expect(apple.phases[1]).toMatchObject({ pue: 1.3, cancelled: true }); // the site's PUE
    expect(all(sc.hubs[0]!.greenShare)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
  });

  it('own use, owner demand, capacity and residual factors are series', () => {
    expect(apple.ownUse).toBe(true);
    expect(all(apple.ownerDemand)).toEqual([1000, 2000, 3000, 4000, 5000]);
    expect(sc.datacenters[1]!.ownUse).toBe(false);
    expect(all(sc.competitors[0]!.capacity)).toEqual([20000, 25000, 30000, 35000, 40000]);
    expect(all(sc.hubs[0]!.residualFactor)).toEqual([0.62, 0.62, 0.62, 0.62, 0.62]);
    expect(all(sc.energy.residualFactor)).toEqual([0.45, 0.45, 0.45, 0.45, 0.45]);
    expect(all(sc.hubs[1]!.residualFactor)).toEqual(all(sc.hubs[1]!.gridFactor));
  });

  it('a default residual factor follows a grid-factor formula in Monte Carlo', () => {
    const s = loadScenarioText(MINIMAL + 'parameters: { clean: 0.1 }\nhubs:\n  - { id: east, demand: 1000, latency: 20 ms, gridFactor: "0.5 kg/kWh * (1 - clean) ^ (year - 2020)" }\n');
    const f = s.formulas.find((x) => x.path === 'hubs.0.residualFactor');
    expect(f?.params).toEqual(['clean']);
    expect(f!.evaluate(2021, { clean: 0.2 })).toBeCloseTo(0.4, 12);
  });

  it('the AI class may draw exactly 2.5 kW per standard rack of budget', () => {
    expect(sc.servers.classes.ai).toMatchObject({ power: 7.5, rackShare: 3 });
  });
});

describe('errors are located and say what to do', () => {
  it('own use needs owner demand, and owner demand needs own use', () => {
    const site = (extra: string) => MINIMAL.replace('pue: 1.3\n', `pue: 1.3\n${extra}`);
    expect(msgs(site('    ownUse: true\n'))).toEqual(['test.yaml:6:13  datacenters.a.ownUse  an own-use site needs ownerDemand (racks per year)']);
    expect(msgs(site('    ownerDemand: 500\n'))).toEqual(['test.yaml:6:5  datacenters.a.ownerDemand  ownerDemand is only for an own-use site: set ownUse: true, or remove ownerDemand']);
    expect(msgs(site('    ownUse: true\n    ownerDemand: -5\n'))).toEqual(['test.yaml:7:18  datacenters.a.ownerDemand  must be at least 0 racks (not negative), got -5 racks']);
  });

  it('phase fields: PUE range, shares, durations with units, a preexisting phase that is cancelled', () => {
    const phase = (extra: string) => MINIMAL.replace('build: 12 months }', `build: 12 months, ${extra} }`);
    expect(msgs(phase('pue: 0.9'))).toEqual(['test.yaml:7:76  datacenters.a.phases.p1.pue  a PUE must be between 1 and 3, got 0.9']);
    expect(msgs(phase('startWhenOccupancy: 1.2'))).toEqual(['test.yaml:7:91  datacenters.a.phases.p1.startWhenOccupancy  a share must be between 0 and 1, got 1.2']);
    expect(msgs(phase('deferMonths: 6'))).toEqual(['test.yaml:7:84  datacenters.a.phases.p1.deferMonths  6 is a plain number: give a unit, e.g. "6 months"']);
    expect(msgs(phase('cancelled: maybe'))).toEqual(['test.yaml:7:82  datacenters.a.phases.p1.cancelled  expected true or false, got "maybe"']);
    expect(msgs(phase('preexisting: true, cancelled: true'))).toEqual([
      'test.yaml:7:101  datacenters.a.phases.p1.cancelled  a preexisting phase cannot be cancelled: it is live from the start of the horizon',
    ]);
  });

  it('a rent quote: missing, misspelt and unitless keys, each at its place', () => {
    expect(msgs(MINIMAL + 'economics: { rent: { price: 7500 CNY/rack/month } }\n')).toEqual(['test.yaml:8:20  economics.rent.rackPower  missing required key "rackPower"']);
    expect(msgs(MINIMAL + 'economics: { rent: { price: 7500 CNY/rack/month, rackPowr: 5 kW } }\n')).toEqual([
      'test.yaml:8:20  economics.rent.rackPower  missing required key "rackPower"',
      'test.yaml:8:50  economics.rent.rackPowr  unknown key "rackPowr" (did you mean "rackPower"?)',
    ]);
    expect(msgs(MINIMAL + 'economics: { rent: { price: 7500, rackPower: 5 } }\n')).toEqual([
      'test.yaml:8:29  economics.rent.price  7500 is a plain number: give a unit, e.g. "7500 CNY/rack/month"',
      'test.yaml:8:46  economics.rent.rackPower  5 is a plain number: give a unit, e.g. "5 kW"',
    ]);
    expect(msgs(MINIMAL + 'economics: { rent: { price: 7500 CNY/rack/month, rackPower: 0 kW } }\n')).toEqual([
      'test.yaml:8:61  economics.rent.rackPower  must be greater than 0 kW, got 0 kW',
    ]);
    expect(msgs(MINIMAL + 'economics: { rent: { price: 7500 CNY/rack/month, rackPower: 5 kW, includesPower: yes } }\n')).toEqual([
      'test.yaml:8:82  economics.rent.includesPower  expected true or false, got "yes"',
    ]);
    expect(msgs(MINIMAL + 'economics: { rent: [1] }\n')).toEqual([
      'test.yaml:8:20  economics.rent  expected a rent: a quantity per standard rack like "3500 CNY/rack/month", or {price: 7500 CNY/rack/month, rackPower: 5 kW}, got a list',
    ]);
    expect(msgs(MINIMAL + 'hubs:\n  - { id: east, demand: 1000, latency: 20 ms, rent: 6000 }\n')).toEqual([
      'test.yaml:9:53  hubs.east.rent  6000 is a plain number: give a unit, e.g. "6000 CNY/rack/month"',
    ]);
  });

  it("a quote's includesPower must agree with rentIncludesPower, also across files", () => {
    expect(msgs(MINIMAL + 'economics: { rent: { price: 7500 CNY/rack/month, rackPower: 5 kW, includesPower: false }, rentIncludesPower: true }\n')).toEqual([
      'test.yaml:8:82  economics.rent.includesPower  includesPower: false contradicts economics.rentIncludesPower: true (test.yaml:8:110); give one of them, or make them agree',
    ]);
    expect(problemsFrom(() => loadScenario(`${DIR}/v2-rent-conflict.yaml`)).map(formatProblem)).toEqual([
      `${DIR}/v2-rent-conflict.yaml:3:71  economics.rent.includesPower  includesPower: true contradicts economics.rentIncludesPower: false (${DIR}/v2-rent-base.yaml:6:22); give one of them, or make them agree`,
    ]);
    // agreeing values are fine
    expect(loadScenarioText(MINIMAL + 'economics: { rent: { price: 7500 CNY/rack/month, rackPower: 5 kW, includesPower: false }, rentIncludesPower: false }\n').economics.rentIncludesPower).toBe(false);
    expect(msgs(MINIMAL + 'competitors:\n  - { id: c, electricityPrice: 0.3 CNY/kWh, rentIncludesPower: 1 }\n')).toEqual([
      'test.yaml:9:64  competitors.c.rentIncludesPower  expected true or false, got 1',
    ]);
  });

  it('the residual mix cannot be cleaner than the grid average, naming the year', () => {
    expect(msgs(MINIMAL + 'hubs:\n  - { id: east, demand: 1000, latency: 20 ms, gridFactor: 0.58 kg/kWh, residualFactor: { 2020: 0.6 kg/kWh, 2023: 0.5 kg/kWh } }\n')).toEqual([
      'test.yaml:9:88  hubs.east.residualFactor  the residual mix cannot be cleaner than the grid average: in 2021 residualFactor is 0.5666666667 kg/kWh, below gridFactor 0.58 kg/kWh (test.yaml:9:59)',
    ]);
    expect(msgs(MINIMAL + 'energy: { residualFactor: 0.3 kg/kWh }\n')).toEqual([
      'test.yaml:8:27  energy.residualFactor  the residual mix cannot be cleaner than the grid average: in 2020 residualFactor is 0.3 kg/kWh, below gridFactor 0.387 kg/kWh (the default)',
    ]);
    expect(msgs(MINIMAL + 'energy: { residualFactor: 0.5 }\n')).toEqual(['test.yaml:8:27  energy.residualFactor  0.5 is a plain number: give a unit, e.g. "0.5 kg/kWh"']);
  });

  it('green share, capacity, contract length, energy and construction fields are range- and unit-checked', () => {
    expect(msgs(MINIMAL + 'hubs:\n  - { id: east, demand: 1000, latency: 20 ms, greenShare: "0.3 * (year - 2020)" }\n')).toEqual([
      'test.yaml:9:59  hubs.east.greenShare  formula "0.3 * (year - 2020)" in 2024: a share must be between 0 and 1, got 1.2',
    ]);
    expect(msgs(MINIMAL + 'competitors:\n  - { id: c, electricityPrice: 0.3 CNY/kWh, capacity: -5 }\n')).toEqual([
      'test.yaml:9:55  competitors.c.capacity  must be at least 0 racks (not negative), got -5 racks',
    ]);
    expect(msgs(MINIMAL + 'transfer: { contractYears: 5 }\n')).toEqual(['test.yaml:8:28  transfer.contractYears  5 is a plain number: give a unit, e.g. "5 years"']);
    expect(msgs(MINIMAL + 'transfer: { contractYears: -1 years }\n')).toEqual(['test.yaml:8:28  transfer.contractYears  must be at least 0 years (not negative), got -1 years']);
    expect(msgs(MINIMAL + 'transfer: { contractYears: 5 MW }\n')).toEqual(['test.yaml:8:28  transfer.contractYears  expected a duration (e.g. "5 years"), got "5 MW" (power)']);
    expect(msgs(MINIMAL + 'energy: { pueFixedShare: 1.5 }\n')).toEqual(['test.yaml:8:26  energy.pueFixedShare  a share must be between 0 and 1, got 1.5']);
    expect(msgs(MINIMAL + 'construction: { fillMonths: 3, startOccupancy: 1.5, cancelProbability: -0.1, deferProbability: 2, deferMonths: 6 }\n')).toEqual([
      'test.yaml:8:29  construction.fillMonths  3 is a plain number: give a unit, e.g. "3 months"',
      'test.yaml:8:48  construction.startOccupancy  a share must be between 0 and 1, got 1.5',
      'test.yaml:8:72  construction.cancelProbability  a probability must be between 0 and 1, got -0.1',
      'test.yaml:8:96  construction.deferProbability  a probability must be between 0 and 1, got 2',
      'test.yaml:8:112  construction.deferMonths  6 is a plain number: give a unit, e.g. "6 months"',
    ]);
    expect(msgs(MINIMAL + 'construction: { fillMonth: 3 months }\n')).toEqual(['test.yaml:8:17  construction.fillMonth  unknown key "fillMonth" (did you mean "fillMonths"?)']);
  });

  it('a server class may draw at most 2.5 kW per standard rack of budget', () => {
    expect(msgs(MINIMAL + 'servers: { classes: { ai: { rackShare: 2 } } }\n')).toEqual([
      'test.yaml:8:40  servers.classes.ai.rackShare  an AI server of 7.5 kW needs at least 3 standard racks of budget (rackShare ≥ 3), got rackShare 2: a server draws at most 2.5 kW per standard rack of budget',
    ]);
    expect(msgs(MINIMAL + 'servers: { classes: { ai: { power: 12 kW } } }\n')).toEqual([
      'test.yaml:8:36  servers.classes.ai.power  an AI server of 12 kW needs at least 4.8 standard racks of budget (rackShare ≥ 4.8), got rackShare 4: a server draws at most 2.5 kW per standard rack of budget',
    ]);
    expect(msgs(MINIMAL + 'servers: { classes: { general: { power: 3 kW, rackShare: 1 } } }\n')).toEqual([
      'test.yaml:8:58  servers.classes.general.rackShare  a general server of 3 kW needs at least 1.2 standard racks of budget (rackShare ≥ 1.2), got rackShare 1: a server draws at most 2.5 kW per standard rack of budget',
    ]);
  });
});

describe('the JSON Schema lists the new fields', () => {
  type Obj = { properties: Record<string, Obj>; items: Obj; anyOf: Obj[]; required?: string[]; default?: unknown };
  const s = scenarioJsonSchema() as Obj;
  const keys = (o: Obj) => Object.keys(o.properties);

  it('data centers and phases', () => {
    expect(keys(s.properties.datacenters!.items)).toEqual(expect.arrayContaining(['ownUse', 'ownerDemand']));
    expect(keys(s.properties.datacenters!.items.properties.phases!.items)).toEqual(expect.arrayContaining(['pue', 'startWhenOccupancy', 'cancelled', 'deferMonths']));
  });

  it('hubs, competitors, transfer, energy, economics, construction', () => {
    expect(keys(s.properties.hubs!.items)).toEqual(expect.arrayContaining(['residualFactor', 'greenShare', 'rent', 'rentIncludesPower']));
    expect(keys(s.properties.competitors!.items)).toEqual(expect.arrayContaining(['rentIncludesPower', 'capacity']));
    expect(keys(s.properties.transfer!)).toContain('contractYears');
    expect(keys(s.properties.energy!)).toEqual(expect.arrayContaining(['residualFactor', 'pueFixedShare']));
    expect(keys(s.properties.economics!)).toEqual(expect.arrayContaining(['rent', 'rentIncludesPower']));
    expect(keys(s.properties.construction!)).toEqual(expect.arrayContaining(['fillMonths', 'startOccupancy', 'cancelProbability', 'deferProbability', 'deferMonths']));
    expect(s.properties.economics!.properties.rentIncludesPower!.default).toBe(true);
  });

  it('a rent is a quantity or a quote {price, rackPower, includesPower}', () => {
    for (const rent of [s.properties.economics!.properties.rent!, s.properties.hubs!.items.properties.rent!, s.properties.competitors!.items.properties.rent!]) {
      const quote = rent.anyOf.find((o) => o.properties !== undefined)!;
      expect(keys(quote)).toEqual(['price', 'rackPower', 'includesPower']);
      expect(quote.required).toEqual(['price', 'rackPower']);
    }
  });
});

describe('levers, uncertainty, overrides and explain on the new fields', () => {
  const TEXT =
    MINIMAL +
    `economics:
  rent: { price: 7500 CNY/rack/month, rackPower: 5 kW, includesPower: false }
competitors:
  - { id: c, electricityPrice: 0.3 CNY/kWh, capacity: 5000 racks }
  - { id: d, electricityPrice: 0.3 CNY/kWh }
levers:
  - { id: rent, path: economics.rent, unit: CNY/rack/month, min: 1000, max: 9000, step: 100 }
  - { id: contract, path: transfer.contractYears, unit: years, min: 0, max: 10, step: 1 }
  - { id: fill, path: construction.fillMonths, unit: months, min: 0, max: 24, step: 1 }
  - { id: cap, path: competitors.c.capacity, unit: racks, min: 0, max: 100000, step: 1000 }
uncertainty:
  - { path: transfer.contractYears, dist: { type: uniform, min: 2 years, max: 72 months } }
  - { path: construction.fillMonths, dist: { type: uniform, min: 0, max: 1 year } }
  - { path: economics.rent, dist: { type: uniform, min: 3000 CNY/rack/month, max: 4000 CNY/rack/month } }
  - { path: competitors.*.capacity, mode: scale, dist: { type: uniform, min: 0.5, max: 1 } }
  - { path: datacenters.*.phases.*.pue, dist: { type: uniform, min: 1.1, max: 1.3 } }
  - { path: energy.residualFactor, mode: scale, dist: { type: uniform, min: 1, max: 1.2 } }
  - { path: construction.cancelProbability, dist: { type: uniform, min: 0, max: 0.1 } }
`;
  const src = readScenarioText(TEXT, 'levers.yaml');
  const sc = resolveScenario(src);

  it('uncertainty values are read in the field units: contractYears in years, fillMonths in months, rent per standard rack', () => {
    expect(sc.uncertainty.map((u) => [u.path, u.dist])).toEqual([
      ['transfer.contractYears', { type: 'uniform', min: 2, max: 6 }],
      ['construction.fillMonths', { type: 'uniform', min: 0, max: 12 }],
      ['economics.rent', { type: 'uniform', min: 3000, max: 4000 }],
      ['competitors.*.capacity', { type: 'uniform', min: 0.5, max: 1 }],
      ['datacenters.*.phases.*.pue', { type: 'uniform', min: 1.1, max: 1.3 }],
      ['energy.residualFactor', { type: 'uniform', min: 1, max: 1.2 }],
      ['construction.cancelProbability', { type: 'uniform', min: 0, max: 0.1 }],
    ]);
    expect(sc.levers.map((l) => l.id)).toEqual(['rent', 'contract', 'fill', 'cap']);
  });

  it('a lever on a quoted rent sets the rent per standard rack and keeps includesPower', () => {
    const s = resolveScenario(src, ['rent', 'contract', 'fill', 'cap'].map((id, i) => leverValueOverride(src, id, [4000, 3, 6, 20000][i]!)));
    expect(s.economics.rent).toBe(4000);
    expect(s.economics.rentIncludesPower).toBe(false);
    expect(s.transfer.contractYears).toBe(3);
    expect(s.construction.fillMonths).toBe(6);
    expect(all(s.competitors[0]!.capacity)).toEqual([20000, 20000, 20000, 20000, 20000]);
  });

  it('dotted-path overrides: a quote key, base units, units required', () => {
    const s = resolveScenario(src, [
      { path: 'economics.rent.price', value: '10000 CNY/rack/month' },
      { path: 'transfer.contractYears', value: '4', baseUnit: true },
      { path: 'construction.fillMonths', value: '3 years' },
    ]);
    expect(s.economics.rent).toBe(5000);
    expect(s.transfer.contractYears).toBe(4);
    expect(s.construction.fillMonths).toBe(36);
    // a path a lever turns in the field's base unit (years here) reads a plain number in that unit: unambiguous
    expect(resolveScenario(src, [{ path: 'transfer.contractYears', value: '3' }]).transfer.contractYears).toBe(3);
    // a path no lever turns still needs the unit
    expect(problemsFrom(() => resolveScenario(src, [{ path: 'construction.deferMonths', value: '3' }])).map(formatProblem)).toEqual([
      '--set:1:1  construction.deferMonths  3 is a plain number: give a unit, e.g. "3 months"',
    ]);
    expect(problemsFrom(() => resolveScenario(src, [{ path: 'economics.rent.rackPowr', value: '3 kW' }])).map(formatProblem)).toEqual([
      '--set:1:1  economics.rent.rackPowr  unknown override path: "rackPowr" is not a key of economics.rent (did you mean "rackPower"?)',
    ]);
  });

  it('explain shows the quote as written and the rent per standard rack', () => {
    const e = explainPath(src, 'economics.rent');
    expect(e).toMatchObject({ base: 3750, unit: 'CNY/rack/month', file: 'levers.yaml' });
    expect(e.value).toContain('rackPower');
    expect(explainPath(src, 'transfer.contractYears')).toMatchObject({ value: '0 years', base: 0, unit: 'years', file: '(default)' });
    expect(explainPath(src, 'competitors.d.capacity')).toMatchObject({ value: 'Infinity racks', unit: 'racks' });
  });

  it('a lever unit must fit the field', () => {
    expect(msgs(MINIMAL + 'levers:\n  - { id: x, path: transfer.contractYears, unit: MW, min: 0, max: 1, step: 1 }\n')).toEqual([
      'test.yaml:9:50  levers.x.unit  unit "MW" does not fit transfer.contractYears, which expects a duration (e.g. "years")',
    ]);
    expect(msgs(MINIMAL + 'levers:\n  - { id: x, path: economics.rentIncludesPower, min: 0, max: 1, step: 1 }\n')).toEqual([
      'test.yaml:9:20  levers.x.path  economics.rentIncludesPower is not a number or a per-year value',
    ]);
  });
});

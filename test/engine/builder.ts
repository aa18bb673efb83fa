/**
A small programmatic Scenario for engine tests: two data centers, two hubs, one
competitor, plain numbers in base units. Tests override what they probe.
*/
import type { Scenario, Series } from '../../src/scenario/types.js';

export const START = 2020;
export const END = 2030;
export const N = END - START + 1;

export const flat = (v: number): Series => new Float64Array(N).fill(v);
export const grow = (v: number, rate: number): Series => new Float64Array(N).map((_, i) => v * (1 + rate) ** i);

/** Phase fields the tests do not vary: the site's PUE is filled in below. */
const PHASE = { pue: 0, startWhenOccupancy: 0, cancelled: false, deferMonths: 0 };

export function baseScenario(): Scenario {
  const profile = new Float64Array(N);
  profile.set([0.2, 0.2, 0.2, 0.2, 0.2]);
  const sc: Scenario = {
    name: 'test', description: '', file: '<test>', hash: 'test', overrides: [], horizon: { start: START, end: END }, seed: 1, runs: 1, usdRate: 7.1,
    parameters: { growth: 0.2 },
    construction: { costPerRack: 60_000, delayFactor: 1, overrunFactor: 1, fillMonths: 24, startOccupancy: 0.5, cancelProbability: 0, deferProbability: 0, deferMonths: 0, physicalRackPower: 5 },
    investment: { total: 6e9, profile },
    servers: {
      perRack: 5,
      aiShare: flat(0.05),
      classes: {
        general: { power: 0.35, rackShare: 0.2, compute: 2, price: 50_000, lifetime: 60, cards: 0 },
        ai: { power: 7.5, rackShare: 4, compute: 1760, price: 1.5e6, lifetime: 60, cards: 8 },
      },
    },
    datacenters: [
      {
        id: 'a', name: 'Site A', pue: 1.2, serversPerRack: 5, assumed: false, ownUse: false, ownerDemand: flat(0),
        phases: [
          { id: 'p1', size: 10_000, capex: 6e8, start: -40, build: 24, preexisting: true, ...PHASE },
          { id: 'p2', size: 30_000, capex: 1.8e9, start: 0, build: 24, preexisting: false, ...PHASE },
        ],
      },
      {
        id: 'b', name: 'Site B', pue: 1.15, serversPerRack: 5, assumed: true, ownUse: false, ownerDemand: flat(0),
        phases: [
          { id: 'p1', size: 30_000, capex: 1.8e9, start: -6, build: 24, preexisting: false, ...PHASE },
          { id: 'p2', size: 20_000, capex: 1.2e9, start: 24, build: 24, preexisting: false, ...PHASE },
        ],
      },
    ],
    hubs: [
      { id: 'east1', name: 'East One', demand: grow(300_000, 0.2), latency: 20, electricityPrice: flat(0.65), pue: 1.4, gridFactor: flat(0.6), residualFactor: flat(0.65), greenShare: flat(0.1), rent: 6000, rentIncludesPower: true },
      { id: 'east2', name: 'East Two', demand: grow(200_000, 0.2), latency: 8, electricityPrice: flat(0.65), pue: 1.4, gridFactor: flat(0.4), residualFactor: flat(0.45), greenShare: flat(0.1), rent: 6000, rentIncludesPower: true },
    ],
    workloads: [
      { id: 'rt', name: 'Real-time', share: 0.3, latencyTolerance: 5, movable: 0 },
      { id: 'web', name: 'Web', share: 0.3, latencyTolerance: 10, movable: 0.3 },
      { id: 'batch', name: 'Batch', share: 0.4, latencyTolerance: 50, movable: 0.7 },
    ],
    localDemand: grow(5_000, 0.1),
    competitors: [
      { id: 'north', name: 'North', electricityPrice: flat(0.3), pue: 1.2, rent: 3000, rentIncludesPower: true, capacity: flat(50_000), latency: { east1: 6 }, incentive: flat(0),
        racks: flat(80_000), localLoad: flat(20_000), greenShare: flat(0.4), gridCapacity: flat(Infinity) },
    ],
    transfer: { adoption: 36, initialAdoption: 0.05, incentive: flat(0), costSensitivity: 0.001, latencyCost: 40, transit: 400, contractYears: 5 },
    energy: {
      electricityPrice: flat(0.35), gridFactor: flat(0.5), residualFactor: flat(0.55), greenShare: flat(0.3), wue: 0.5,
      monthlyTemp: [5, 7, 11, 16, 20, 22, 24, 23, 20, 16, 11, 7], pueTempSensitivity: 0.03, pueCap: 0, pueFixedShare: 0.35,
      gridMonthly: new Array<number>(12).fill(1), capacityCharge: 0, powerFactor: 0.95, subsidies: [],
    },
    grid: { capacity: flat(Infinity), substations: [], peakFactor: 1 },
    ai: { cards: [], domesticPenalty: 1, exportControls: [], training: flat(0), inference: flat(0), idlePower: 1, rackPower: 0, pue: 0 },
    network: { capacity: flat(10_000), perRack: 0.05, maxUtilization: 0.8 },
    economics: { rent: 3500, rentIncludesPower: true, om: 400, discountRate: 0.06, constructionJobsPerMW: 8, opsJobsPer1000Racks: 6, wage: 120_000 },
    uncertainty: [],
    correlations: [],
    targets: [{ id: 'racks', metric: 'rackCapacity', year: 2025, atLeast: 80_000, label: '80 k racks by 2025' }],
    levers: [],
    metrics: [],
    formulas: [],
  };
  for (const dc of sc.datacenters) for (const ph of dc.phases) ph.pue = dc.pue;
  return sc;
}

/**
The v3 keys (grid, ai, energy's generation mix, tariff and subsidies, the
clusters' figures) load into base units, and a mistake in any of them is one
located problem naming the field.
*/
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';
import { formatProblem } from '../../src/scenario/errors.js';
import { MINIMAL, problemsOf } from '../helpers/scenario.js';

const msgs = (text: string): string[] => problemsOf(text).map(formatProblem);

const V3 = `${MINIMAL}hubs:
  - { id: bth, demand: 100000 racks, latency: 20 ms }
competitors:
  - id: qingyang
    electricityPrice: 0.3 CNY/kWh
    capacity: 50000 racks
    racks: { 2020: 10000 racks, 2024: 31000 racks }
    localLoad: 5000 racks
    greenShare: 0.5
    gridCapacity: 1 GW
    latency: { bth: 15 ms }
grid:
  capacity: 200 MW
  substations:
    - { id: s1, date: 2022-07, capacity: 220 MW }
  peakFactor: 1.1
ai:
  cards:
    - { id: h20, origin: imported, fp16: 148 TFLOPS, power: 0.55 kW, price: 110 thousand CNY, from: 2024 }
    - { id: ascend, origin: domestic, fp16: 320 TFLOPS, power: 0.5 kW, price: 90 thousand CNY, perServer: 8, from: 2021, weight: 2 }
  exportControls:
    - { id: oct23, date: 2023-10, availability: 0.3, priceFactor: 1.5 }
  domesticPenalty: 1.4
  training: 2 EFLOPS
  inference: { 2020: 0 EFLOPS, 2024: 3 EFLOPS }
  idlePower: 0.3
  rackPower: 40 kW
  pue: 1.15
energy:
  capacityCharge: 32 CNY/kVA/month
  powerFactor: 0.9
  subsidies:
    - { id: domestic25, from: 2024-11, share: 0.5, domesticOnly: true }
  generationMix:
    - { id: hydro, factor: 0 kg/kWh, shares: [0.2, 0.2, 0.2, 0.3, 0.5, 0.6, 0.6, 0.6, 0.5, 0.4, 0.3, 0.2] }
    - { id: coal, factor: 0.9 kg/kWh, shares: [0.8, 0.8, 0.8, 0.7, 0.5, 0.4, 0.4, 0.4, 0.5, 0.6, 0.7, 0.8] }
`;

describe('v3 keys', () => {
  it('load into base units', () => {
    const sc = loadScenarioText(V3, 'v3.yaml');
    expect(sc.grid.capacity[0]).toBe(200_000);
    expect(sc.grid.substations[0]).toEqual({ id: 's1', month: 30, capacity: 220_000 });
    expect(sc.grid.peakFactor).toBe(1.1);
    const [h20, ascend] = sc.ai.cards;
    expect(h20).toMatchObject({ origin: 'imported', fp16: 148, power: 0.55, price: 110_000, perServer: 8, from: 2024, until: 2024, weight: 1 });
    expect(ascend).toMatchObject({ origin: 'domestic', weight: 2, from: 2021 });
    expect(sc.ai.exportControls[0]).toEqual({ id: 'oct23', month: 45, availability: 0.3, priceFactor: 1.5 });
    expect(sc.ai.training[0]).toBe(2e6);
    expect(sc.ai.inference[4]).toBe(3e6);
    expect(sc.ai.rackPower).toBe(40);
    expect(sc.energy.capacityCharge).toBe(32);
    expect(sc.energy.subsidies[0]).toMatchObject({ month: 58, until: Infinity, share: 0.5, domesticOnly: true });
    // the mix factor is 0.9 × coal share; the multipliers average 1
    const m = sc.energy.gridMonthly;
    expect(m.reduce((a, b) => a + b, 0) / 12).toBeCloseTo(1, 12);
    expect(m[0]! / m[6]!).toBeCloseTo(0.8 / 0.4, 12);
    const q = sc.competitors[0]!;
    expect(q.racks[4]).toBe(31_000);
    expect(q.gridCapacity[0]).toBe(1e6);
    expect(q.localLoad[0]).toBe(5000);
  });

  it('defaults leave the model as before: no grid limit, no cards, a flat month factor, no subsidy', () => {
    const sc = loadScenarioText(MINIMAL, 'min.yaml');
    expect(sc.grid.capacity[0]).toBe(Infinity);
    expect(sc.ai.cards).toEqual([]);
    expect(sc.ai.idlePower).toBe(1);
    expect(sc.energy.gridMonthly).toEqual(new Array(12).fill(1));
    expect(sc.energy.subsidies).toEqual([]);
    expect(sc.energy.capacityCharge).toBe(0);
  });

  it('a mistake is one located problem naming the field', () => {
    expect(msgs(V3.replace('capacity: 200 MW', 'capacity: 200 kg'))).toEqual([expect.stringMatching(/^test\.yaml:20:13 /)]);
    expect(msgs(V3.replace('capacity: 200 MW', 'capacity: 200 kg'))[0]).toMatch(/grid\.capacity.*expected a power/);
    expect(msgs(V3.replace('origin: imported', 'origin: smuggled'))[0]).toMatch(/ai\.cards\.h20\.origin.*domestic or imported/);
    expect(msgs(V3.replace('from: 2024 }', 'from: 2024, until: 2022 }'))[0]).toMatch(/ai\.cards\.h20\.until.*before from/);
    expect(msgs(V3.replace('availability: 0.3', 'availability: 1.3'))[0]).toMatch(/ai\.exportControls\.oct23\.availability/);
    expect(msgs(V3.replace('date: 2023-10', 'date: 2023-13'))[0]).toMatch(/ai\.exportControls\.oct23\.date.*month must be 01–12/);
    expect(msgs(V3.replace('share: 0.5,', 'share: 50,'))[0]).toMatch(/energy\.subsidies\.domestic25\.share/);
    expect(msgs(V3.replace('0.6, 0.6, 0.6, 0.5, 0.4', '0.6, 0.9, 0.6, 0.5, 0.4'))[0]).toMatch(/energy\.generationMix.*month 7 sum to 1\.3/);
    expect(msgs(V3.replace('capacityCharge: 32 CNY/kVA/month', 'capacityCharge: 32 CNY/rack/month'))[0]).toMatch(/capacityCharge.*price per kVA-month/);
    expect(msgs(V3.replace('capacityCharge: 32 CNY/kVA/month', 'capacityCharge: 0.04 CNY/kWh')).join('\n')).toMatch(/capacityCharge.*not per kWh/);
    expect(msgs(V3.replace('peakFactor: 1.1', 'peakFactor: 0.8'))[0]).toMatch(/grid\.peakFactor/);
    expect(msgs(V3.replace('gridCapacity: 1 GW', 'gridCapacity: 1 Tbps'))[0]).toMatch(/competitors\.qingyang\.gridCapacity.*expected a power/);
  });

  it('substations without a base capacity, and export controls without cards, are refused with the reason', () => {
    const noBase = V3.replace('  capacity: 200 MW\n', '');
    expect(msgs(noBase).join('\n')).toMatch(/grid\.substations.*give grid\.capacity/);
    const noCards = V3.replace(/ {2}cards:\n( {4}- .*\n)+/, '');
    expect(msgs(noCards).join('\n')).toMatch(/ai\.exportControls.*list the card types/);
  });
});

/**
Screening every numeric input (src/engine/screen.ts, src/report/screen.ts):
which leaves are varied, one-at-a-time swings and elasticities with the right
signs and ranking, parameters re-evaluating their formulas, bounds, Morris
elementary effects, and the CSV / JSON / table faces.
*/
import { describe, expect, it } from 'vitest';
import { valueAt } from '../../src/engine/results.js';
import { scaleInput, screen, screeningInputs, type ScreenInput } from '../../src/engine/screen.js';
import { simulate } from '../../src/engine/simulate.js';
import { clipPath, screenCsv, screenJson, screenLeaves, screenResult, screenTable } from '../../src/report/screen.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario, START } from './builder.js';

/** The builder scenario with a budget too small for every phase (so money decides what is built), and hub east1's demand a formula over `growth`. */
function tight(): Scenario {
  const s = baseScenario();
  s.investment.total = 3e9;
  const demand = (p: Record<string, number>, y: number): number => 300_000 * (1 + p.growth!) ** (y - START);
  s.hubs[0]!.demand = new Float64Array(11).map((_, i) => demand(s.parameters, START + i));
  s.formulas = [{ path: 'hubs.0.demand', formula: '300000 * (1 + growth) ^ (year - 2020)', params: ['growth'], evaluate: (y, p) => demand(p, y) }];
  return s;
}

function run(s: Scenario, metric: string, year: number, opts = {}) {
  const { inputs, notVaried } = screeningInputs(screenLeaves(s));
  return { inputs, notVaried, result: screenResult(s, screen(s, inputs, metric, year, opts), notVaried, 1) };
}

/** The screen of rackCapacity in 2030 on `tight()` with the defaults: four tests read it (none changes it), computed once. */
let tightRacks: ReturnType<typeof run> | undefined;
const tightRacks2030 = (): ReturnType<typeof run> => (tightRacks ??= run(tight(), 'rackCapacity', 2030));

const row = (r: ReturnType<typeof run>['result'], path: string) => {
  const x = r.rows.find((y) => y.path === path);
  if (!x) throw new Error(`no row ${path}`);
  return x;
};

describe('screeningInputs', () => {
  it('varies every numeric model input, reports the ones a scale cannot move, skips what is not an input', () => {
    const { inputs, notVaried } = screeningInputs(screenLeaves(tight()));
    const varied = inputs.map((i) => i.path);
    for (const p of ['investment.total', 'investment.profile', 'parameters.growth', 'construction.overrunFactor', 'datacenters.a.phases.p2.size', 'hubs.east1.demand', 'competitors.north.latency.east1', 'economics.wage', 'energy.wue']) {
      expect(varied).toContain(p);
    }
    const skipped = new Map(notVaried.map((n) => [n.path, n.reason]));
    expect(skipped.get('transfer.incentive')).toBe('0, which a scale cannot move');
    expect(skipped.get('energy.monthlyTemp')).toBe('°C, not a ratio scale');
    expect(skipped.get('datacenters.b.phases.p2.start')).toBe('a date, not a quantity');
    expect(skipped.get('construction.costPerRack')).toMatch(/already applied/);
    expect(skipped.get('construction.cancelProbability')).toMatch(/Monte Carlo only/);
    const everywhere = [...varied, ...skipped.keys()];
    for (const p of ['seed', 'runs', 'horizon.start', 'usdRate', 'datacenters.a.assumed', 'datacenters.a.name', 'datacenters.a.phases.p1.preexisting', 'targets.racks.year']) {
      expect(everywhere.some((x) => x === p || x.startsWith(p + '.'))).toBe(false);
    }
    // a series is one input
    expect(inputs.find((i) => i.path === 'hubs.east1.demand')!.series).toBe(true);
  });

  it('scales an input copy-on-write, a series as a whole, and keeps shares within 0–1 and PUEs at 1 or more', () => {
    const s = tight();
    const { inputs } = screeningInputs(screenLeaves(s));
    const get = (p: string): ScreenInput => inputs.find((i) => i.path === p)!;
    const up = scaleInput(s, get('hubs.east2.demand'), 1.1);
    expect(up.hubs[1]!.demand[3]).toBeCloseTo(s.hubs[1]!.demand[3]! * 1.1, 6);
    expect(up.hubs[0]).toBe(s.hubs[0]);
    expect(s.hubs[1]!.demand[3]).toBe(200_000 * 1.2 ** 3);
    expect(scaleInput(s, get('network.maxUtilization'), 1.5).network.maxUtilization).toBe(1);
    expect(scaleInput(s, get('datacenters.b.pue'), 0.5).datacenters[1]!.pue).toBe(1);
    // parameters re-evaluate the formulas that read them
    const fast = scaleInput(s, get('parameters.growth'), 1.5);
    expect(fast.parameters.growth).toBeCloseTo(0.3, 12);
    expect(fast.hubs[0]!.demand[10]).toBeCloseTo(300_000 * 1.3 ** 10, 4);
  });
});

describe('screen (one at a time)', () => {
  it('ranks the investment total above an input that does not matter, by |swing|', () => {
    const { result } = tightRacks2030();
    const rank = (p: string): number => result.rows.findIndex((x) => x.path === p);
    expect(rank('investment.total')).toBeLessThan(rank('economics.wage'));
    expect(rank('investment.total')).toBeLessThan(rank('energy.wue'));
    expect(row(result, 'economics.wage').swing).toBe(0);
    expect(row(result, 'investment.total').swing).toBeGreaterThan(0);
    const swings = result.rows.map((x) => Math.abs(x.swing));
    expect([...swings].sort((a, b) => b - a)).toEqual(swings);
    expect(result.base).toBe(valueAt(simulate(tight()), 'rackCapacity', 2030));
  });

  it('gives elasticities with the right signs', () => {
    const racks = tightRacks2030().result;
    expect(row(racks, 'investment.total').elasticity).toBeGreaterThan(0); // more money, more racks
    expect(row(racks, 'construction.overrunFactor').elasticity).toBeLessThan(0); // dearer racks, fewer
    expect(row(racks, 'datacenters.b.phases.p1.size').elasticity).toBeGreaterThan(0);
    const early = run(baseScenario(), 'rackCapacity', 2023).result;
    expect(row(early, 'construction.delayFactor').elasticity).toBeLessThan(0); // slower builds, fewer racks live
    const demand = run(tight(), 'eastDemandRacks', 2030).result;
    expect(row(demand, 'parameters.growth').elasticity).toBeGreaterThan(0); // through the formula of hubs.east1.demand
    expect(row(demand, 'hubs.east2.demand').elasticity).toBeGreaterThan(0);
    // elasticity = (swing / central) / (2δ)
    const x = row(racks, 'datacenters.b.phases.p1.size');
    expect(x.elasticity).toBeCloseTo(x.swing / racks.base / 0.2, 12);
    expect(x.lowFactor).toBeCloseTo(0.9, 12);
    expect(x.highFactor).toBeCloseTo(1.1, 12);
  });

  it('takes δ, and uses the actual change of an input its bound stopped', () => {
    const s = tight();
    s.construction.startOccupancy = 1;
    const r = run(s, 'rackCapacity', 2030, { delta: 0.2 }).result;
    expect(r.delta).toBe(0.2);
    expect(row(r, 'investment.total').lowFactor).toBeCloseTo(0.8, 12);
    const occ = row(r, 'construction.startOccupancy');
    expect(occ.highFactor).toBe(1);
    expect(occ.lowFactor).toBeCloseTo(0.8, 12);
    expect(() => screen(s, [], 'rackCapacity', 2030, { delta: 1 })).toThrow(/delta/);
  });

  it('adds Morris elementary effects, deterministic in the seed', () => {
    const s = tight();
    const a = run(s, 'rackCapacity', 2030, { morris: 4, seed: 3 }).result;
    const b = run(s, 'rackCapacity', 2030, { morris: 4, seed: 3 }).result;
    expect(a.morris).toBe(4);
    expect(a.rows.map((x) => x.morris)).toEqual(b.rows.map((x) => x.morris));
    expect(row(a, 'investment.total').morris!.muStar).toBeGreaterThan(0);
    expect(row(a, 'economics.wage').morris!.muStar).toBe(0);
    expect(row(a, 'economics.wage').morris!.effects).toBe(4);
    expect(a.simulations).toBe(1 + 2 * a.rows.length + 4 * (a.rows.length + 1));
  });
});

describe('the screening report', () => {
  it('CSV has a row per input: the varied ones ranked, then the ones not varied with the reason', () => {
    const { inputs, notVaried, result } = tightRacks2030();
    const lines = screenCsv(result).trim().split('\n');
    expect(lines[0]).toBe('rank,input,series,value,lowFactor,highFactor,low,high,swing,elasticity,muStar,mu,sigma,note');
    expect(lines).toHaveLength(1 + inputs.length + notVaried.length);
    expect(lines[1]).toMatch(/^1,construction\.overrunFactor,false,1,0\.9,1\.1,/);
    expect(lines.some((l) => /^,transfer\.incentive,(,){11}"not varied: 0, which a scale cannot move"$/.test(l))).toBe(true);
    const paths = lines.slice(1).map((l) => l.split(',')[1]);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('JSON lists every input with its numbers; the table shows the top 20 with the metric label, in 80 columns', () => {
    const { result } = tightRacks2030();
    const doc = JSON.parse(screenJson(result)) as { label: string; inputs: { rank: number; input: string; elasticity: number | null }[]; notVaried: unknown[] };
    expect(doc.label).toBe('Live standard racks');
    expect(doc.inputs).toHaveLength(result.rows.length);
    expect(doc.inputs[1]!.input).toBe('investment.total');
    const table = screenTable(result);
    expect(table).toContain('Screening of Live standard racks in 2030');
    expect(table).toMatch(/^ 2 {2}investment\.total +3\.00 bn +0 +\+30\.0 k +\+30\.0 k +\+3\.75$/m);
    expect(table).toContain(`… and ${result.rows.length - 20} more inputs`);
    for (const line of table.split('\n').slice(1)) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('clips long paths from the left, keeping the item and the field', () => {
    expect(clipPath('datacenters.huawei-qixinghu.phases.bc.capex', 32)).toBe('…huawei-qixinghu.phases.bc.capex');
    expect(clipPath('datacenters.huawei-qixinghu.phases.bc.capex', 26)).toBe('…huawei-qixinghu.bc.capex');
    expect(clipPath('investment.total', 32)).toBe('investment.total');
  });
});

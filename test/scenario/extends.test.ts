import { describe, expect, it } from 'vitest';
import { explainPath, formatProblem, leverValueOverride, loadScenario, loadScenarioText, readScenarioSource, resolveScenario } from '../../src/scenario/index.js';
import { resolve as resolvePath } from 'node:path';
import { problemsFrom } from '../helpers/scenario.js';

const DIR = 'test/fixtures/scenario';

describe('extends', () => {
  it('reads an absolute path as written', () => {
    const base = resolvePath(`${DIR}/child.yaml`);
    const sc = loadScenarioText(`extends: ${JSON.stringify(base)}\nname: Abs\n`, '/tmp/elsewhere/abs.yaml');
    expect(sc.name).toBe('Abs');
    expect(sc.datacenters.map((d) => d.id)).toEqual(['a', 'b', 'c']);
  });

  it('deep-merges mappings and merges lists of objects by id', () => {
    const sc = loadScenario(`${DIR}/child.yaml`);
    expect(sc.name).toBe('Child');
    expect(sc.horizon).toEqual({ start: 2020, end: 2025 }); // inherited
    expect(sc.construction).toMatchObject({ costPerRack: 100000, delayFactor: 1.5 }); // merged key by key
    expect(sc.datacenters.map((d) => d.id)).toEqual(['a', 'b', 'c']); // base order, new ids appended
    const a = sc.datacenters[0]!;
    expect(a.name).toBe('Site A'); // kept from base
    expect(a.pue).toBe(1.25); // overridden
    expect(a.phases.map((p) => [p.id, p.size])).toEqual([
      ['p1', 1000],
      ['p2', 3000],
      ['p3', 800],
    ]);
    expect(a.phases[1]!.start).toBe(17); // p2's start inherited: 2021-06
    expect(sc.hubs[0]!.demand[1]).toBeCloseTo(1100, 9); // formula and parameter from the base
  });

  it('follows a chain of several files', () => {
    const sc = loadScenario(`${DIR}/grandchild.yaml`);
    expect(sc.name).toBe('Grandchild');
    expect(sc.energy.electricityPrice[0]).toBe(0.3);
    expect(sc.construction.delayFactor).toBe(1.5);
  });

  it('reports a cycle naming the files', () => {
    const p = problemsFrom(() => loadScenario(`${DIR}/cycle-a.yaml`));
    expect(p).toHaveLength(1);
    expect(formatProblem(p[0]!)).toBe(
      `${DIR}/cycle-b.yaml:1:10  extends  extends cycle: ${DIR}/cycle-a.yaml → ${DIR}/cycle-b.yaml → ${DIR}/cycle-a.yaml`,
    );
  });

  it('reports a missing base file at the extends line', () => {
    const p = problemsFrom(() => loadScenario(`${DIR}/missing-base.yaml`));
    expect(formatProblem(p[0]!)).toBe(`${DIR}/missing-base.yaml:2:10    file not found: ${DIR}/does-not-exist.yaml`.replace('    ', '  (top)  '));
  });

  it('locates problems in an inherited file in that file', () => {
    const p = problemsFrom(() => loadScenario(`${DIR}/bad-child.yaml`));
    expect(p.map(formatProblem)).toEqual([
      `${DIR}/bad-base.yaml:2:3  energy.electricityPric  unknown key "electricityPric" (did you mean "electricityPrice"?)`,
      `${DIR}/bad-base.yaml:3:8  energy.wue  expected a water factor (e.g. "0.5 L/kWh"), got "20 ms" (time)`,
    ]);
  });
});

describe('overrides', () => {
  const src = readScenarioSource(`${DIR}/base.yaml`);

  it('applies a lever id with a plain number in the lever unit', () => {
    expect(resolveScenario(src, [{ path: 'budget', value: '60' }]).investment.total).toBe(60e9);
    expect(resolveScenario(src, [{ path: 'price', value: '0.5' }]).energy.electricityPrice[0]).toBe(0.5);
  });

  it('applies dotted paths with list items by id, values parsed like YAML', () => {
    const sc = resolveScenario(src, [
      { path: 'energy.electricityPrice', value: '300 CNY/MWh' },
      { path: 'datacenters.a.phases.p1.size', value: '5 MW' },
      { path: 'parameters.growth', value: '0.2' },
      { path: 'localDemand', value: '"100 * (year - 2019)"' },
      { path: 'investment.profile', value: '{2020: 0.5, 2021: 0.5}' },
    ]);
    expect(sc.energy.electricityPrice[0]).toBe(0.3);
    expect(sc.datacenters[0]!.phases[0]!.size).toBe(2000);
    expect(sc.hubs[0]!.demand[1]).toBeCloseTo(1200, 9);
    expect(sc.localDemand[2]).toBe(300);
    expect(Array.from(sc.investment.profile)).toEqual([0.5, 0.5, 0, 0, 0, 0]);
    expect(resolveScenario(src).energy.electricityPrice[0]).toBe(0.4); // source untouched
  });

  it('reports bad overrides at --set:1:1', () => {
    const p = problemsFrom(() => resolveScenario(src, [{ path: 'energy.electricityPrice', value: '20 ms' }]));
    expect(formatProblem(p[0]!)).toBe('--set:1:1  energy.electricityPrice  expected a price of energy (e.g. "0.35 CNY/kWh"), got "20 ms" (time)');
    const unknown = problemsFrom(() => resolveScenario(src, [{ path: 'energy.electricityPrise', value: '1' }]));
    expect(formatProblem(unknown[0]!)).toBe('--set:1:1  energy.electricityPrise  unknown override path: "electricityPrise" is not a key of energy (did you mean "electricityPrice"?)');
    const lever = problemsFrom(() => resolveScenario(src, [{ path: 'budgit', value: '1' }]));
    expect(lever[0]!.message).toMatch(/did you mean "budget"/);
    const item = problemsFrom(() => resolveScenario(src, [{ path: 'datacenters.z.pue', value: '1.2' }]));
    expect(item[0]!.message).toBe('no item "z" in datacenters');
  });

  it('makes lever overrides', () => {
    expect(leverValueOverride(src, 'budget', 60)).toEqual({ path: 'investment.total', value: '60 billion CNY' });
    expect(leverValueOverride(resolveScenario(src), 'price', 0.5)).toEqual({ path: 'energy.electricityPrice', value: '0.5 CNY/kWh' });
    expect(() => leverValueOverride(src, 'nope', 1)).toThrow(/unknown lever/);
  });
});

describe('explain', () => {
  it('says which file of the chain set a value', () => {
    const src = readScenarioSource(`${DIR}/grandchild.yaml`);
    const price = explainPath(src, 'energy.electricityPrice');
    expect(price).toMatchObject({ value: '0.3 CNY/kWh', unit: 'CNY/kWh', file: `${DIR}/grandchild.yaml`, line: 4, col: 21, inherited: false });
    expect(price.setIn.map((s) => s.file)).toEqual([`${DIR}/grandchild.yaml`, `${DIR}/base.yaml`]);
    const delay = explainPath(src, 'construction.delayFactor');
    expect(delay).toMatchObject({ value: '1.5', base: 1.5, file: `${DIR}/child.yaml`, inherited: true });
    expect(delay.chain).toEqual([`${DIR}/grandchild.yaml`, `${DIR}/child.yaml`, `${DIR}/base.yaml`]);
    const size = explainPath(src, 'datacenters.a.phases.p2.size');
    expect(size).toMatchObject({ value: '3000 racks', base: 3000, unit: 'racks', file: `${DIR}/child.yaml`, inherited: true });
    expect(explainPath(src, 'economics.rent')).toMatchObject({ file: '(default)', base: 3500, unit: 'CNY/rack/month', inherited: false });
  });

  it('rejects unknown paths with did-you-mean', () => {
    const src = readScenarioSource(`${DIR}/base.yaml`);
    const p = problemsFrom(() => explainPath(src, 'datacenters.a.pu'));
    expect(p[0]!.message).toBe('unknown path: "pu" is not a key of datacenters.a (did you mean "pue"?)');
  });
});

describe('reading resolves once', () => {
  it("the first resolve without overrides is reading's own, an equal scenario; every call still gets its own object", () => {
    const src = readScenarioSource('scenarios/guian-plan.yaml');
    const first = resolveScenario(src);
    const second = resolveScenario(src, []);
    const withSet = resolveScenario(src, [{ path: 'investment', value: '60 billion CNY' }]);
    expect(second).not.toBe(first);
    expect(withSet).not.toBe(first);
    // equal in every field, functions aside (formulas are rebuilt per resolve)
    const plain = (s: object): string => JSON.stringify(s, (_k, v: unknown) => (typeof v === 'function' ? 'fn' : v instanceof Float64Array ? [...v] : v));
    expect(plain(second)).toBe(plain(first));
    expect(first.hash).toBe(second.hash);
    expect(withSet.hash).not.toBe(first.hash);
  });
});

/**
Regression tests for the scenario-validation issue: values blamed on the file
that set them, units required on dimensioned fields, parameter and lever
ranges, phases after the horizon, and strict JSON.
*/
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainPath, formatProblem, leverValueOverride, loadScenario, loadScenarioText, readScenarioSource, readScenarioText, resolveScenario } from '../../src/scenario/index.js';
import { formulaWithUnit } from '../../src/scenario/resolve.js';
import { suggestUnit } from '../../src/scenario/units.js';
import { MINIMAL, problemsFrom, problemsOf } from '../helpers/scenario.js';
import { tempDir } from '../helpers/tmp.js';

const DIR = 'test/fixtures/scenario';
const PLAN = 'scenarios/guian-plan.yaml';
const msgs = (text: string, file = 'test.yaml') => problemsOf(text, undefined, file).map(formatProblem);

describe('a bad value is blamed on the file that set it (bug 1)', () => {
  const blameDir = tempDir('blame');

  it('a child value outside the range its base declares is reported at the child line', () => {
    const p = problemsFrom(() => loadScenario(`${DIR}/plan-negative-growth.yaml`));
    expect(p.map(formatProblem)).toEqual([
      `${DIR}/plan-negative-growth.yaml:4:17  parameters.demandGrowth  demandGrowth must be between -0.1 and 1 (the range set in ${PLAN}:22:37), got -1.5`,
    ]);
  });

  it('a formula made invalid by a parameter from another file names the parameter line first, then the formula', () => {
    const p = problemsFrom(() => loadScenario(`${DIR}/negative-growth.yaml`));
    expect(p.map(formatProblem)).toEqual([
      `${DIR}/negative-growth.yaml:4:11  parameters.growth  growth = -1.5 set here makes the formula of hubs.east.demand (${DIR}/base.yaml:19:25) invalid in 2021`,
      `${DIR}/base.yaml:19:25  hubs.east.demand  formula "1000 * (1 + growth) ^ (year - 2020)" in 2021: must be at least 0 racks (not negative), got -500 racks`,
    ]);
  });

  it('lists every formula the parameter breaks, and blames a --set value at --set', () => {
    const dir = blameDir;
    writeFileSync(join(dir, 'base.yaml'), MINIMAL + 'parameters: { growth: 0.1 }\nlocalDemand: "10 * (1 + growth) ^ (year - 2020)"\nhubs:\n  - { id: east, demand: "1000 * (1 + growth) ^ (year - 2020)", latency: 20 ms }\n');
    writeFileSync(join(dir, 'child.yaml'), 'extends: base.yaml\nparameters:\n  growth: -3\n');
    const p = problemsFrom(() => loadScenario(join(dir, 'child.yaml')));
    expect(p.map((x) => `${x.file === join(dir, 'child.yaml') ? 'child' : 'base'}:${x.line}  ${x.path}  ${x.message}`)).toEqual([
      `child:3  parameters.growth  growth = -3 set here makes the formula of hubs.east.demand (${join(dir, 'base.yaml')}:11:25) invalid in 2021; also localDemand`,
      'base:9  localDemand  formula "10 * (1 + growth) ^ (year - 2020)" in 2021: must be at least 0 racks (not negative), got -20 racks',
      'base:11  hubs.east.demand  formula "1000 * (1 + growth) ^ (year - 2020)" in 2021: must be at least 0 racks (not negative), got -2000 racks',
    ]);
    const set = problemsFrom(() => resolveScenario(readScenarioSource(`${DIR}/base.yaml`), [{ path: 'parameters.growth', value: '-3' }]));
    expect(set.map(formatProblem)[0]).toBe(`--set:1:1  parameters.growth  growth = -3 set here makes the formula of hubs.east.demand (${DIR}/base.yaml:19:25) invalid in 2021`);
  });

  it('does not blame a parameter set in the same file as the formula', () => {
    const p = problemsOf(MINIMAL + 'parameters: { rate: -3 }\nlocalDemand: "10 * (1 + rate) ^ (year - 2020)"\n');
    expect(p.map((x) => x.path)).toEqual(['localDemand']);
  });
});

describe('plain numbers need a unit where the field has one (bug 2)', () => {
  it('investment.total: 55 is an error suggesting billion CNY', () => {
    expect(problemsFrom(() => loadScenario(`${DIR}/plain-money.yaml`)).map(formatProblem)).toEqual([
      `${DIR}/plain-money.yaml:2:21  investment.total  55 is a plain number: give a unit, e.g. "55 billion CNY"`,
    ]);
  });

  it('suggests a magnitude that is plausible for the field', () => {
    const one = (yaml: string) => problemsOf(MINIMAL + yaml)[0]!.message;
    expect(one('construction: { costPerRack: 61 }\n')).toBe('61 is a plain number: give a unit, e.g. "61 thousand CNY"');
    expect(one('construction: { costPerRack: 120000 }\n')).toBe('120000 is a plain number: give a unit, e.g. "120000 CNY"');
    expect(one('servers: { classes: { ai: { price: 1.5 } } }\n')).toBe('1.5 is a plain number: give a unit, e.g. "1.5 million CNY"');
    expect(one('servers: { classes: { general: { price: 50 } } }\n')).toBe('50 is a plain number: give a unit, e.g. "50 thousand CNY"');
    expect(one('servers: { classes: { general: { power: 0.35 } } }\n')).toBe('0.35 is a plain number: give a unit, e.g. "0.35 kW"');
    expect(one('servers: { classes: { general: { power: 350 } } }\n')).toBe('350 is a plain number: give a unit, e.g. "350 W"');
    expect(one('servers: { classes: { general: { lifetime: 5 } } }\n')).toBe('5 is a plain number: give a unit, e.g. "5 years"');
    expect(one('transfer: { adoption: 36 }\n')).toBe('36 is a plain number: give a unit, e.g. "36 months"');
    expect(one('network: { capacity: 17 }\n')).toBe('17 is a plain number: give a unit, e.g. "17 Tbps"');
    expect(one('energy: { electricityPrice: 0.35 }\n')).toBe('0.35 is a plain number: give a unit, e.g. "0.35 CNY/kWh"');
    expect(one('economics: { wage: 120 }\n')).toBe('120 is a plain number: give a unit, e.g. "120 thousand CNY"');
    expect(one('usdRate: 7.1\n')).toBe('7.1 is a plain number: give a unit, e.g. "7.1 CNY"');
    expect(suggestUnit(2, 'money', ['datacenters', '0', 'phases', '1', 'capex'])).toBe('billion CNY');
    expect(suggestUnit(800, 'money', ['datacenters', '0', 'phases', '1', 'capex'])).toBe('million CNY');
  });

  it('covers quoted numbers, map series, formulas and distributions; zero and unitless kinds stay allowed', () => {
    expect(msgs(MINIMAL + 'investment: { total: "55" }\n')).toEqual(['test.yaml:8:22  investment.total  "55" is a plain number: give a unit, e.g. "55 billion CNY"']);
    expect(problemsOf(MINIMAL + 'network: { capacity: { 2020: 17 Tbps, 2025: 45 } }\n').map((x) => [x.path, x.message])).toEqual([
      ['network.capacity.2025', '45 is a plain number: give a unit, e.g. "45 Tbps"'],
    ]);
    expect(problemsOf(MINIMAL + 'energy: { gridFactor: "0.387 * 0.98 ^ (year - 2022)" }\n')[0]!.message).toBe(
      'formula "0.387 * 0.98 ^ (year - 2022)" gives a plain number (0.4029571012 in 2020): give it a unit, e.g. "0.387 kg/kWh * 0.98 ^ (year - 2022)"',
    );
    expect(problemsOf(MINIMAL + 'uncertainty:\n  - { path: investment.total, dist: { type: uniform, min: 40, max: 60 billion CNY } }\n')[0]!.message).toBe(
      '40 is a plain number: give a unit, e.g. "40 billion CNY"',
    );
    const ok = loadScenarioText(
      MINIMAL +
        'investment: { total: 0 }\ntransfer: { incentive: 0, costSensitivity: 0.002 }\nservers: { perRack: 6, classes: { general: { rackShare: 0.25 } } }\n' +
        'localDemand: "100 * (year - 2019)"\nenergy: { gridFactor: "0.4 kg/kWh * 0.98 ^ (year - 2020)", pueCap: 1.2 }\n' +
        'uncertainty:\n  - { path: energy.electricityPrice, mode: scale, dist: { type: uniform, min: 0.9, max: 1.1 } }\n',
    );
    expect(ok.investment.total).toBe(0);
    expect(ok.transfer.costSensitivity).toBe(0.002);
    expect(ok.localDemand[2]).toBe(300);
    expect(ok.energy.gridFactor[0]).toBeCloseTo(0.4, 12);
  });

  it('--set path=number is an error; a lever id takes its own unit; base-unit overrides are explicit', () => {
    const src = readScenarioSource(PLAN);
    expect(problemsFrom(() => resolveScenario(src, [{ path: 'investment.total', value: '60' }])).map(formatProblem)).toEqual([
      '--set:1:1  investment.total  60 is a plain number: give a unit, e.g. "60 billion CNY"',
    ]);
    expect(resolveScenario(src, [{ path: 'investment', value: '60' }]).investment.total).toBe(60e9);
    expect(resolveScenario(src, [{ path: 'investment.total', value: '60 billion CNY' }]).investment.total).toBe(60e9);
    expect(resolveScenario(src, [{ path: 'investment.total', value: '0' }]).investment.total).toBe(0);
    expect(resolveScenario(src, [{ path: 'construction.costPerRack', value: '60000', baseUnit: true }]).construction.costPerRack).toBe(60000);
  });

  it('a lever with unit "" gives values in the base unit', () => {
    const text = MINIMAL + 'levers:\n  - { id: inc, path: transfer.incentive, unit: "", min: 0, max: 1000, step: 100 }\n';
    const src = readScenarioText(text, 'test.yaml');
    expect(resolveScenario(src, [{ path: 'inc', value: '500' }]).transfer.incentive[0]).toBe(500);
    expect(leverValueOverride(src, 'inc', 500)).toEqual({ path: 'transfer.incentive', value: '500', baseUnit: true });
    expect(resolveScenario(src, [leverValueOverride(src, 'inc', 500)]).transfer.incentive[0]).toBe(500);
  });
});

describe('parameter ranges (bug 3)', () => {
  it('accepts {value, min, max} beside the plain form', () => {
    const sc = loadScenarioText(MINIMAL + 'parameters: { rate: { value: 0.2, min: -0.1, max: 1 }, other: 0.5, third: { value: 3, min: 0 } }\nlocalDemand: "100 * (1 + rate) ^ (year - 2020)"\n');
    expect(sc.parameters).toEqual({ rate: 0.2, other: 0.5, third: 3 });
    expect(sc.localDemand[1]).toBeCloseTo(120, 9);
    expect(loadScenario(PLAN).parameters).toEqual({ demandGrowth: 0.2, aiShare2030: 0.06 });
  });

  it('a value outside the range is an error naming the range', () => {
    expect(msgs(MINIMAL + 'parameters: { rate: { value: 5, min: -0.1, max: 1 } }\n')).toEqual(['test.yaml:8:30  parameters.rate  rate must be between -0.1 and 1, got 5']);
    expect(problemsOf(MINIMAL + 'parameters: { rate: { value: -1, min: 0 } }\n')[0]!.message).toBe('rate must be at least 0, got -1');
    expect(problemsOf(MINIMAL + 'parameters: { rate: { value: 2, max: 1 } }\n')[0]!.message).toBe('rate must be at most 1, got 2');
    expect(problemsOf(MINIMAL + 'parameters: { rate: { value: 0.5, min: 1, max: 0 } }\n').map((x) => [x.path, x.message])).toEqual([['parameters.rate.max', 'max (0) must be at least min (1)']]);
    expect(problemsOf(MINIMAL + 'parameters: { rate: { value: 0.5, mx: 1 } }\n').map((x) => x.message)).toEqual(['unknown key "mx" (did you mean "max"?)']);
    expect(problemsOf(MINIMAL + 'parameters: { rate: { min: 0, max: 1 } }\n')[0]!.message).toMatch(/needs a value/);
    expect(problemsOf(MINIMAL + 'parameters: { rate: "1 MW" }\n')[0]!.message).toBe('a parameter must be a plain number or {value, min, max}, got "1 MW"');
  });

  it('--set checks the range and keeps it; a child plain number keeps the base range', () => {
    const src = readScenarioSource(PLAN);
    expect(problemsFrom(() => resolveScenario(src, [{ path: 'parameters.demandGrowth', value: '5' }])).map(formatProblem)).toEqual([
      `--set:1:1  parameters.demandGrowth  demandGrowth must be between -0.1 and 1 (the range set in ${PLAN}:22:48), got 5`,
    ]);
    expect(resolveScenario(src, [{ path: 'parameters.demandGrowth', value: '0.9' }]).parameters.demandGrowth).toBe(0.9);
    expect(resolveScenario(src, [{ path: 'parameters.demandGrowth.max', value: '2' }, { path: 'parameters.demandGrowth', value: '1.5' }]).parameters.demandGrowth).toBe(1.5);
    expect(loadScenario('scenarios/ai-boom.yaml').parameters.demandGrowth).toBe(0.3); // inherits the range, sets the value
    expect(explainPath(src, 'parameters.demandGrowth')).toMatchObject({ value: '0.2', base: 0.2, file: PLAN, line: 22 });
  });

  it('lever ids are checked against the lever range, in the lever unit', () => {
    const src = readScenarioSource(PLAN);
    const one = (path: string, value: string) => problemsFrom(() => resolveScenario(src, [{ path, value }])).map(formatProblem);
    expect(one('demandGrowth', '5')).toEqual(["--set:1:1  demandGrowth  5 is outside the lever's range 0 to 0.5"]);
    expect(one('investment', '200')).toEqual(["--set:1:1  investment  200 billion CNY is outside the lever's range 10 to 150 billion CNY"]);
    expect(one('investment', '200 billion CNY')).toEqual(["--set:1:1  investment  200 billion CNY is outside the lever's range 10 to 150 billion CNY"]);
    expect(one('investment', '5000 million CNY')).toEqual(["--set:1:1  investment  5 billion CNY is outside the lever's range 10 to 150 billion CNY"]);
    expect(resolveScenario(src, [{ path: 'investment', value: '150' }]).investment.total).toBe(150e9);
  });

  it('lever ranges and uncertainty draws must lie inside a parameter range', () => {
    const base = MINIMAL + 'parameters: { rate: { value: 0.2, min: 0, max: 1 } }\nlocalDemand: "100 * (1 + rate) ^ (year - 2020)"\n';
    expect(problemsOf(base + 'levers:\n  - { id: gl, path: parameters.rate, min: -0.5, max: 0.5, step: 0.1 }\n').map((x) => [x.path, x.message])).toEqual([
      ['levers.gl.min', "min (-0.5) is outside rate's range: it must be between 0 and 1"],
    ]);
    expect(problemsOf(base + 'uncertainty:\n  - { path: parameters.rate, dist: { type: triangular, min: 0.1, mode: 0.2, max: 1.5 } }\n').map((x) => [x.path, x.message])).toEqual([
      ['uncertainty.0.dist.max', "can draw 1.5, outside rate's range: it must be between 0 and 1"],
    ]);
  });
});

describe('phases after the horizon and strict JSON (bug 5)', () => {
  it('a phase that starts after the horizon ends is reported at its start', () => {
    expect(msgs(MINIMAL.replace('2020-03', '2032-01').replace('end: 2024', 'end: 2030'))).toEqual([
      'test.yaml:7:44  datacenters.a.phases.p1.start  starts 2032-01, after the horizon ends (2030)',
    ]);
    expect(loadScenarioText(MINIMAL.replace('2020-03', '2024-12')).datacenters[0]!.phases[0]!.start).toBe(59);
  });

  const dir = tempDir('json');
  const write = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  it('a .json file is strict JSON: a trailing comma is a located error', () => {
    const f = write('comma.json', '{\n  "name": "x",\n  "horizon": { "start": 2020, "end": 2024, },\n}\n');
    expect(problemsFrom(() => loadScenario(f)).map(formatProblem)).toEqual([`${f}:3:42  (top)  JSON syntax: trailing comma before "}" (not allowed in JSON)`]);
    // the same text is fine YAML
    expect(loadScenario(write('comma.yaml', '{\n  "name": "x",\n  "horizon": { "start": 2020, "end": 2024, },\n}\n')).name).toBe('x');
  });

  it('reports comments, single quotes, bare words and bad numbers in .json files', () => {
    const one = (text: string) => problemsFrom(() => loadScenario(write('x.json', text)))[0]!;
    expect(one('{"name": "x" // c\n}')).toMatchObject({ line: 1, col: 14, message: 'JSON syntax: comments are not allowed in JSON' });
    expect(one("{\n  'name': 'x'\n}")).toMatchObject({ line: 2, col: 3, message: 'JSON syntax: property names must be in double quotes ("), not single quotes' });
    expect(one('{"name": x}')).toMatchObject({ line: 1, col: 10 });
    expect(one('{"seed": .5}').message).toMatch(/invalid number/);
    expect(one('{"seed": 1 "runs": 2}').message).toBe('JSON syntax: expected "," or "}" after a value, got a string (is a "," missing?)');
    expect(one('{"seed": 1').message).toMatch(/end of file/);
    expect(one('{"seed": 1, "seed": 2}').message).toMatch(/duplicate|unique/i);
    const ok = loadScenario(write('ok.json', JSON.stringify({ name: 'J', horizon: { start: 2020, end: 2022 }, investment: { total: '1 billion CNY' } }, null, 2)));
    expect(ok.investment.total).toBe(1e9);
    const f = write('ok2.json', '{"name": "\\u00e9t\\u00e9", "parameters": {"rate": {"value": -1e-2, "min": -1, "max": 1}}}');
    expect(loadScenario(f)).toMatchObject({ name: 'été', parameters: { rate: -0.01 } });
  });

  it('JSON nesting is bounded without a crash', () => {
    const p = problemsFrom(() => loadScenario(write('deep.json', '{"a": ' + '['.repeat(100000) + ']'.repeat(100000) + '}')));
    expect(p[0]!.message).toMatch(/nesting deeper than 64/);
  });
});

describe('formula unit suggestions', () => {
  it('puts the unit after a leading factor, else multiplies', () => {
    expect(formulaWithUnit('900000 * (1 + g) ^ (year - 2020)', 'racks')).toBe('900000 racks * (1 + g) ^ (year - 2020)');
    expect(formulaWithUnit('0.2 + 0.01 * (year - 2020)', 'CNY/kWh')).toBe('(0.2 + 0.01 * (year - 2020)) * 1 CNY/kWh');
    expect(formulaWithUnit('2 ^ (year - 2020)', 'MW')).toBe('(2 ^ (year - 2020)) * 1 MW');
  });
});

import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenario, loadScenarioText, ScenarioError } from '../../src/scenario/index.js';
import { MAX_PROBLEMS, moreProblems } from '../../src/scenario/errors.js';
import { MINIMAL, problemsOf } from '../helpers/scenario.js';

const msgs = (text: string) => problemsOf(text).map(formatProblem);

describe('located errors', () => {
  it('loads a minimal file with defaults', () => {
    const sc = loadScenarioText(MINIMAL, 'min.yaml');
    expect(sc.datacenters[0]!.phases[0]).toMatchObject({ size: 1000, start: 2, build: 12, capex: 1000 * 120000, preexisting: false });
    expect(sc.usdRate).toBe(7.1);
    expect(sc.network.capacity[0]).toBe(17000);
    expect(sc.energy.monthlyTemp).toHaveLength(12);
    expect(loadScenarioText('horizon: {start: 2020, end: 2021}', 'x/small-one.yaml').name).toBe('small-one');
  });

  it('reports YAML syntax errors with their position', () => {
    const p = problemsOf('name: x\nhorizon: { start: 2020, end: 2030\nseed: 1\n');
    expect(p[0]!.file).toBe('test.yaml');
    expect(p[0]!.line).toBeGreaterThanOrEqual(2);
    expect(p[0]!.message).toMatch(/YAML syntax/);
    const dup = problemsOf('name: a\nname: b\n');
    expect(dup[0]).toMatchObject({ line: 2, col: 1 });
  });

  it('points unknown keys at the key, with did-you-mean', () => {
    const p = problemsOf(MINIMAL + 'energy:\n  electricityPrise: 0.3\n');
    expect(p).toHaveLength(1);
    expect(formatProblem(p[0]!)).toBe('test.yaml:9:3  energy.electricityPrise  unknown key "electricityPrise" (did you mean "electricityPrice"?)');
    const top = problemsOf(MINIMAL + 'hubz: []\n');
    expect(top[0]!.message).toBe('unknown key "hubz" (did you mean "hubs"?)');
  });

  it('says what unit was expected and what it got', () => {
    const p = problemsOf(MINIMAL.replace('1000 racks', '150 ms'));
    expect(formatProblem(p[0]!)).toBe('test.yaml:7:25  datacenters.a.phases.p1.size  expected a number of standard racks or a power (e.g. "20000 racks"), got "150 ms" (time)');
    const price = problemsOf(MINIMAL + 'energy: { electricityPrice: 0.35 CNY/MW }\n');
    expect(price[0]!.message).toMatch(/expected a price of energy \(e.g. "0.35 CNY\/kWh"\), got "0.35 CNY\/MW"/);
  });

  it('checks ranges with expected vs got', () => {
    expect(msgs(MINIMAL.replace('pue: 1.3', 'pue: 0.9'))[0]).toBe('test.yaml:5:10  datacenters.a.pue  a PUE must be between 1 and 3, got 0.9');
    expect(problemsOf(MINIMAL + 'network: { maxUtilization: 1.5 }\n')[0]!.message).toBe('a share must be between 0 and 1, got 1.5');
    expect(problemsOf(MINIMAL.replace('1000 racks', '-5 racks'))[0]!.message).toBe('must be greater than 0 racks, got -5 racks');
  });

  it('rejects forbidden functions and constructs in formulas', () => {
    for (const f of ['import({})', 'createUnit("x")', 'evaluate("1")', 'parse("1")', 'simplify("x")', 'f(x) = x', 'a = 1', '[1, 2]', '{a: 1}', '"text"', 'sin(1)', 'x.y', 'cos']) {
      const p = problemsOf(MINIMAL + `localDemand: ${JSON.stringify(f)}\n`);
      expect(p, f).toHaveLength(1);
      expect(p[0]!.path).toBe('localDemand');
      expect(p[0]!.line).toBe(8);
    }
    expect(problemsOf(MINIMAL + 'localDemand: "import({})"\n')[0]!.message).toMatch(/function "import" is not allowed/);
    expect(problemsOf(MINIMAL + `localDemand: "${'1+'.repeat(300)}1"\n`)[0]!.message).toMatch(/longer than 500/);
  });

  it('names unknown symbols with did-you-mean', () => {
    const p = problemsOf(MINIMAL + 'parameters: { growth: 0.1 }\nlocalDemand: "1000 * (1 + grwth) ^ (year - 2020)"\n');
    expect(p[0]!.message).toBe('unknown name "grwth" in "1000 * (1 + grwth) ^ (year - 2020)" (did you mean "growth"?)');
  });

  it('reports NaN, Infinity and negative values in the year they occur', () => {
    expect(problemsOf(MINIMAL + 'localDemand: "1 / (year - 2022) ^ 2"\n')[0]!.message).toBe('formula "1 / (year - 2022) ^ 2" gives Infinity in 2022');
    expect(problemsOf(MINIMAL + 'localDemand: "sqrt(2021 - year) * 0 / 0"\n')[0]!.message).toMatch(/NaN in 2020|not a real number/);
    expect(problemsOf(MINIMAL + 'localDemand: "1000 - 400 * (year - 2020)"\n')[0]!.message).toBe(
      'formula "1000 - 400 * (year - 2020)" in 2023: must be at least 0 racks (not negative), got -200 racks',
    );
    expect(problemsOf(MINIMAL + 'energy: { greenShare: "0.5 + 0.2 * (year - 2020)" }\n')[0]!.message).toMatch(/in 2023: a share must be between 0 and 1, got 1.1/);
    expect(problemsOf(MINIMAL + 'network: { capacity: "17 ms * (year - 2019)" }\n')[0]!.message).toMatch(/in 2020: expected a data rate .* \(time\)/);
  });

  it('reports duplicate ids at the second one', () => {
    const p = problemsOf(MINIMAL + '      - { id: p1, size: 10 racks, start: 2021-01, build: 6 months }\n');
    expect(formatProblem(p[0]!)).toBe('test.yaml:8:15  datacenters.a.phases.p1  duplicate id "p1" (first used at line 7)');
  });

  it('reports missing required keys at the mapping that lacks them', () => {
    const p = problemsOf(MINIMAL.replace(', build: 12 months', ''));
    expect(formatProblem(p[0]!)).toBe('test.yaml:7:9  datacenters.a.phases.p1.build  missing required key "build"');
  });

  it('checks workload shares, monthly temperatures, hub ids, targets and levers', () => {
    const wl = problemsOf(MINIMAL + 'workloads:\n  - { id: a, share: 0.5, latencyTolerance: 5 ms }\n  - { id: b, share: 0.4, latencyTolerance: 50 ms }\n');
    expect(wl[0]!.message).toBe('workload shares must sum to 1 (±0.001), got 0.9');
    expect(problemsOf(MINIMAL + 'energy: { monthlyTemp: [1, 2, 3] }\n')[0]!.message).toMatch(/exactly 12/);
    const comp = problemsOf(MINIMAL + 'hubs: [{ id: bth, demand: 1000, latency: 20 ms }]\ncompetitors: [{ id: h, electricityPrice: 0.3 CNY/kWh, latency: { btx: 5 ms } }]\n');
    expect(comp[0]!.message).toMatch(/unknown hub "btx" \(did you mean "bth"\?\)/);
    const tg = problemsOf(MINIMAL + 'targets:\n  - { id: t, metric: rackCapacityy, year: 2035 }\n');
    expect(tg.map((p) => p.message)).toEqual([
      'a target needs atLeast or atMost (or both)',
      'unknown metric "rackCapacityy" (did you mean "rackCapacity"?)',
      'year must be within the horizon 2020–2024, got 2035',
    ]);
    const lv = problemsOf(MINIMAL + 'levers:\n  - { id: l, path: investment.total, unit: MW, min: 0, max: 1, step: 0 }\n');
    expect(lv.map((p) => p.message)).toEqual([
      'unit "MW" does not fit investment.total, which expects an amount of money (e.g. "CNY")',
      'step must be greater than 0, got 0',
    ]);
    const lp = problemsOf(MINIMAL + 'levers:\n  - { id: l, path: energy.electricityPrise, unit: CNY/kWh, min: 0, max: 1, step: 0.1 }\n');
    expect(lp[0]!.message).toMatch(/did you mean "electricityPrice"/);
  });

  it('validates uncertainty paths and distributions', () => {
    const ok = loadScenarioText(MINIMAL + 'uncertainty:\n  - { path: datacenters.*.pue, dist: { type: uniform, min: 1.1, max: 1.4 } }\n  - { path: energy.electricityPrice, dist: { type: normal, mean: 350 CNY/MWh, sd: 0.02 CNY/kWh } }\n');
    expect(ok.uncertainty[1]!.dist).toEqual({ type: 'normal', mean: 0.35, sd: 0.02 });
    const bad = problemsOf(
      MINIMAL +
        'uncertainty:\n  - { path: datacenters.*.pu, dist: { type: uniform, min: 0, max: 1 } }\n  - { path: construction.delayFactor, dist: { type: pert, min: 1, mode: 2, max: 1.5 } }\n  - { path: construction.delayFactor, dist: { type: gamma, k: 1 } }\n  - { path: construction.delayFactor, dist: { type: discrete, values: [1, 2], weights: [0, 0] } }\n',
    );
    expect(bad.map((p) => p.message)).toEqual([
      'unknown path: "pu" is not a key of datacenters.* (did you mean "pue"?)',
      'need min ≤ mode ≤ max, got min 1, mode 2, max 1.5',
      'dist.type must be one of uniform, normal, lognormal, triangular, pert, discrete, got "gamma"',
      'weights must sum to more than 0',
    ]);
  });

  it('rejects parameter names that collide with units, year or functions', () => {
    const p = problemsOf(MINIMAL + 'parameters: { h: 1, year: 2, max: 3, "bad name": 4, ok_name: 5 }\n');
    expect(p.map((x) => x.message)).toEqual([
      '"h" is a unit name; choose another parameter name',
      '"year" is reserved: it is the calendar year in formulas',
      '"max" is a built-in function or constant; choose another parameter name',
      'parameter names must be identifiers (letters, digits, _), got "bad name"',
    ]);
  });

  it('reports all problems together, sorted by position', () => {
    let err: ScenarioError | undefined;
    try {
      loadScenario('test/fixtures/scenario/many-errors.yaml');
    } catch (e) {
      err = e as ScenarioError;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    const lines = err!.message.split('\n');
    expect(lines).toEqual([
      'test/fixtures/scenario/many-errors.yaml:2:1  horizn  unknown key "horizn" (did you mean "horizon"?)',
      'test/fixtures/scenario/many-errors.yaml:5:10  datacenters.a.pue  a PUE must be between 1 and 3, got 5',
      'test/fixtures/scenario/many-errors.yaml:7:25  datacenters.a.phases.p1.size  expected a number of standard racks or a power (e.g. "20000 racks"), got "150 ms" (time)',
      'test/fixtures/scenario/many-errors.yaml:8:15  datacenters.a.phases.p1  duplicate id "p1" (first used at line 7)',
      'test/fixtures/scenario/many-errors.yaml:8:42  datacenters.a.phases.p1.start  month must be 01–12, got "2020-13"',
      'test/fixtures/scenario/many-errors.yaml:10:25  hubs.east.demand  unknown name "grwth" in "1000 * (1 + grwth) ^ (year - 2020)"',
      'test/fixtures/scenario/many-errors.yaml:12:13  network.capacity  function "import" is not allowed (allowed: min, max, abs, round, floor, ceil, exp, log, sqrt, pow) in formula "import({})"',
    ]);
  });

  it('accepts USD at the scenario rate, magnitude words and map series', () => {
    const sc = loadScenarioText(MINIMAL + 'usdRate: 7 CNY\ninvestment:\n  total: 2 billion USD\n  profile: { 2021: 0.5, 2023: 0.5 }\nlocalDemand: { 2020: 100, 2022: 300 }\n');
    expect(sc.investment.total).toBe(14e9);
    expect(Array.from(sc.investment.profile)).toEqual([0, 0.5, 0, 0.5, 0]);
    expect(Array.from(sc.localDemand)).toEqual([100, 200, 300, 300, 300]);
  });
  it('a bad parameter is one problem, not one per formula, lever or uncertainty naming it', () => {
    const text =
      MINIMAL +
      'parameters: { growth: 1 MW, other: 0.1 }\n' +
      'hubs:\n  - { id: east, demand: "1000 * (1 + growth) ^ (year - 2020)", latency: 10 ms }\n' +
      'localDemand: "100 * (1 + other) ^ (year - 2020)"\n' +
      'levers:\n  - { id: g, label: G, path: parameters.growth, unit: "", min: 0, max: 1, step: 0.1 }\n' +
      'uncertainty:\n  - { path: parameters.growth, dist: { type: uniform, min: 0, max: 1 } }\n';
    const p = problemsOf(text);
    expect(p.map((x) => x.path)).toEqual(['parameters.growth']);
    expect(p[0]!.message).toMatch(/plain number/);
  });

  it('shows at most MAX_PROBLEMS problems and counts the rest, for the message and for callers that format their own lines', () => {
    const many = Array.from({ length: MAX_PROBLEMS + 7 }, (_, i) => ({ file: 'x.yaml', line: i + 1, col: 1, path: `k${i}`, message: 'unknown key "k"' }));
    const err = new ScenarioError(many);
    expect(err.problems).toHaveLength(MAX_PROBLEMS);
    expect(err.more).toBe(7);
    expect(err.message.split('\n').at(-1)).toBe(moreProblems(7));
    expect(moreProblems(7)).toBe('… and 7 more problems');
    const few = new ScenarioError(many.slice(0, 3));
    expect(few.more).toBe(0);
    expect(few.message.split('\n')).toHaveLength(3);
  });
});

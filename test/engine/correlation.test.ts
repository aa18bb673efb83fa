/**
Correlated draws: `{correlate: [a, b], rho}` entries of `uncertainty:` (the
loader turns them into `scenario.correlations`, with located errors), and the
Gaussian copula in `drawsFor` (rank correlation as asked, marginals unchanged,
uncorrelated entries drawing exactly what they drew before, deterministic).
*/
import { sampleRankCorrelation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { cholesky, normalCdf, normalQuantile, quantileOf, sample, spearmanToPearson } from '../../src/engine/distributions.js';
import { monteCarlo, runWidth, simulateRuns } from '../../src/engine/montecarlo.js';
import { stream } from '../../src/engine/rng.js';
import { drawsFor, streamNames } from '../../src/engine/sample.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import type { DistributionSpec, Scenario } from '../../src/scenario/types.js';
import { MINIMAL, problemsOf } from '../helpers/scenario.js';
import { baseScenario } from './builder.js';

const RUNS = 2000;
const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Three entries of different kinds; the first two correlated with `rho`. */
function correlated(rho: number): Scenario {
  const s = baseScenario();
  s.uncertainty = [
    { path: 'construction.delayFactor', mode: 'set', dist: { type: 'pert', min: 0.9, mode: 1, max: 1.6 } },
    { path: 'construction.overrunFactor', mode: 'set', dist: { type: 'triangular', min: 0.95, mode: 1.05, max: 1.4 } },
    { path: 'energy.electricityPrice', mode: 'scale', dist: { type: 'uniform', min: 0.86, max: 1.28 } },
  ];
  s.correlations = [{ a: 0, b: 1, rho }];
  return s;
}

/** Draws of runs 0..n−1, one array per entry. */
function columns(s: Scenario, seed: number, n = RUNS): number[][] {
  const cols = s.uncertainty.map(() => new Array<number>(n));
  const names = streamNames(s.uncertainty);
  for (let r = 0; r < n; r++) drawsFor(s, seed, r, names).forEach((v, i) => (cols[i]![r] = v));
  return cols;
}

/** Largest gap between the empirical CDF of `xs` and p at the distribution's p-quantiles (a KS-like distance). */
function ksAtQuantiles(xs: number[], dist: DistributionSpec): number {
  let worst = 0;
  for (let k = 1; k < 40; k++) {
    const p = k / 40;
    const q = quantileOf(dist, p);
    const below = xs.filter((x) => x <= q).length / xs.length;
    worst = Math.max(worst, Math.abs(below - p));
  }
  return worst;
}

describe('uncertainty: {correlate, rho} in files', () => {
  const U = `parameters: { x: 0.5 }
uncertainty:
  - { path: construction.delayFactor, dist: { type: pert, min: 0.9, mode: 1, max: 1.6 } }
  - { correlate: [construction.delayFactor, construction.overrunFactor], rho: 0.6 }
  - { path: construction.overrunFactor, dist: { type: triangular, min: 0.95, mode: 1.05, max: 1.4 } }
  - { path: parameters.x, dist: { type: uniform, min: 0, max: 1 } }
`;

  it('become scenario.correlations, by index into the uncertainty list, and stay out of it', () => {
    const s = loadScenarioText(MINIMAL + U, 'test.yaml');
    expect(s.uncertainty.map((u) => u.path)).toEqual(['construction.delayFactor', 'construction.overrunFactor', 'parameters.x']);
    expect(s.correlations).toEqual([{ a: 0, b: 1, rho: 0.6 }]);
    expect(loadScenarioText(MINIMAL, 'test.yaml').correlations).toEqual([]);
  });

  it('name entries of the same list: a typo is located, with a did-you-mean', () => {
    const p = problemsOf(MINIMAL + U.replace('construction.overrunFactor]', 'construction.overunFactor]'));
    expect(p.map((x) => [`${x.line}:${x.col}`, x.path, x.message])).toEqual([
      ['11:45', 'uncertainty.1.correlate.1', '"construction.overunFactor" is not an entry of this uncertainty list (did you mean "construction.overrunFactor"?)'],
    ]);
    // a field that exists but has no distribution in the list is not an entry either
    const q = problemsOf(MINIMAL + U + '  - { correlate: [parameters.x, energy.wue], rho: 0.2 }\n');
    expect(q[0]!.path).toBe('uncertainty.4.correlate.1');
    expect(q[0]!.message).toMatch(/^"energy\.wue" is not an entry of this uncertainty list/);
  });

  it('need rho strictly inside (−1, 1), two different entries, one shape per entry', () => {
    const msgs = (extra: string): string[] => problemsOf(MINIMAL + U + extra).map((x) => `${x.path}  ${x.message}`);
    expect(msgs('  - { correlate: [parameters.x, construction.delayFactor], rho: 1 }\n')).toEqual(['uncertainty.4.rho  rho must be strictly between -1 and 1, got 1']);
    expect(msgs('  - { correlate: [parameters.x, parameters.x], rho: 0.2 }\n')).toEqual(['uncertainty.4.correlate.1  correlates parameters.x with itself: name two different entries']);
    expect(msgs('  - { correlate: [parameters.x], rho: 0.2 }\n')[0]).toMatch(/^uncertainty\.4\.correlate {2}correlate names exactly two entries/);
    expect(msgs('  - { correlate: [parameters.x, construction.delayFactor] }\n')[0]).toMatch(/^uncertainty\.4\.rho {2}missing required key "rho"/);
    expect(msgs('  - { correlate: [parameters.x, construction.delayFactor], path: parameters.x, rho: 0.2 }\n')[0]).toMatch(/^uncertainty\.4\.path {2}an entry either binds a distribution/);
    expect(msgs('  - { correlate: [construction.overrunFactor, construction.delayFactor], rho: 0.2 }\n')[0]).toMatch(/are already correlated \(line 11\)$/);
  });

  it('must be consistent together: a matrix that is not positive definite is an error naming the entries', () => {
    const p = problemsOf(MINIMAL + U + '  - { correlate: [construction.delayFactor, parameters.x], rho: 0.9 }\n');
    expect(p).toHaveLength(1);
    expect(`${p[0]!.line} ${p[0]!.path}`).toBe('14 uncertainty.4.rho');
    expect(p[0]!.message).toBe(
      'rho 0.9 between construction.delayFactor and parameters.x contradicts the other correlations among construction.delayFactor, construction.overrunFactor, parameters.x: no joint distribution has them all (their correlation matrix is not positive definite); weaken one of them',
    );
    // the same pair at a weaker rho is fine
    expect(loadScenarioText(MINIMAL + U + '  - { correlate: [construction.delayFactor, parameters.x], rho: 0.5 }\n', 't.yaml').correlations).toHaveLength(2);
  });
});

describe('the Gaussian copula', () => {
  it('normalQuantile and normalCdf are accurate and inverse to each other', () => {
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(normalCdf(-1.96)).toBeCloseTo(0.024997895148220435, 15);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    for (const p of [1e-9, 0.001, 0.1, 0.3, 0.5, 0.77, 0.999]) expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 8);
    expect(spearmanToPearson(0.6)).toBeCloseTo(2 * Math.sin(0.1 * Math.PI), 15);
    expect(cholesky([1, 0.99, 0.99, 1], 2)).toBeDefined();
    expect(cholesky([1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1], 3)).toBeUndefined();
  });

  it('rho 0.6 over 2,000 runs gives a sample Spearman correlation within 0.05 of 0.6', () => {
    const [a, b, c] = columns(correlated(0.6), 7);
    expect(Math.abs(sampleRankCorrelation(a!, b!) - 0.6)).toBeLessThan(0.05);
    expect(Math.abs(sampleRankCorrelation(a!, c!))).toBeLessThan(0.06);
    const [n1, n2] = columns(correlated(-0.4), 7);
    expect(Math.abs(sampleRankCorrelation(n1!, n2!) + 0.4)).toBeLessThan(0.05);
  });

  it('leaves each marginal as it was (empirical CDF at the exact quantiles)', () => {
    const s = correlated(0.6);
    const cols = columns(s, 3);
    s.uncertainty.forEach((u, i) => expect(ksAtQuantiles(cols[i]!, u.dist), u.path).toBeLessThan(0.036)); // KS 1 % critical value, n = 2,000
    // and the same distribution as the uncorrelated sampler gives
    const free = columns({ ...s, correlations: [] }, 3);
    for (const i of [0, 1]) {
      const x = [...cols[i]!].sort((p, q) => p - q);
      const y = [...free[i]!].sort((p, q) => p - q);
      for (const p of [0.1, 0.5, 0.9]) expect(Math.abs(x[p * RUNS]! - y[p * RUNS]!)).toBeLessThan(0.03);
    }
  });

  it('entries correlated with nothing draw exactly the values they drew before', () => {
    const s = correlated(0.6);
    const names = streamNames(s.uncertainty);
    for (let r = 0; r < 200; r++) {
      const d = drawsFor(s, 11, r, names);
      expect(d[2]).toBe(sample(s.uncertainty[2]!.dist, stream(11, names[2]!, r)));
    }
    // no correlations, or only zero ones: every draw as before, and the same Monte Carlo bytes
    const none = { ...s, correlations: [] };
    const zero = { ...s, correlations: [{ a: 0, b: 1, rho: 0 }] };
    for (let r = 0; r < 50; r++) {
      const before = s.uncertainty.map((u, i) => sample(u.dist, stream(11, names[i]!, r)));
      expect(drawsFor(none, 11, r)).toEqual(before);
      expect(drawsFor(zero, 11, r)).toEqual(before);
    }
    expect(bytes(monteCarlo(zero, { runs: 30, seed: 4 }).perRun).equals(bytes(monteCarlo(none, { runs: 30, seed: 4 }).perRun))).toBe(true);
  });

  it('depends only on (seed, run): any slice in any order gives the same bytes, another seed differs', () => {
    const s = correlated(0.6);
    const w = runWidth(s);
    const all = new Float64Array(30 * w);
    simulateRuns(s, 5, 0, 30, all);
    const part = new Float64Array(8 * w);
    simulateRuns(s, 5, 17, 25, part);
    expect(bytes(part).equals(bytes(all.subarray(17 * w, 25 * w)))).toBe(true);
    expect(drawsFor(s, 5, 3)).toEqual(drawsFor(correlated(0.6), 5, 3));
    expect(drawsFor(s, 6, 3)).not.toEqual(drawsFor(s, 5, 3));
    // correlation changes the sampled runs, not the central one
    const mc = monteCarlo(s, { runs: 30, seed: 5 });
    expect(bytes(mc.perRun).equals(bytes(monteCarlo({ ...s, correlations: [] }, { runs: 30, seed: 5 }).perRun))).toBe(false);
    expect(bytes(mc.central.values).equals(bytes(monteCarlo({ ...s, correlations: [] }, { runs: 30, seed: 5 }).central.values))).toBe(true);
  });

  it('correlates three entries at once', () => {
    const s = correlated(0.5);
    s.correlations = [
      { a: 0, b: 1, rho: 0.5 },
      { a: 1, b: 2, rho: -0.5 },
    ];
    const [a, b, c] = columns(s, 9);
    expect(Math.abs(sampleRankCorrelation(a!, b!) - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(sampleRankCorrelation(b!, c!) + 0.5)).toBeLessThan(0.05);
    // a pair not listed is uncorrelated in the copula's matrix
    expect(Math.abs(sampleRankCorrelation(a!, c!))).toBeLessThan(0.06);
  });
});

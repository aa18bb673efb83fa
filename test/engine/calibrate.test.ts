/**
Calibration (src/engine/calibrate.ts) and its optimiser (src/engine/optimize.ts):
Nelder–Mead on Rosenbrock and inside bounds; residuals and the likelihood
weights; ESS; weighted quantiles; stocks read between year ends for a dated
observation; interval scores; and the planted-parameter test — observations
made (with seeded noise) from a run with known inputs give those inputs back,
inside their posterior 90 % intervals and close to the best fit.
*/
import { describe, expect, it } from 'vitest';
import {
  calibrate, CalibrationInputError, effectiveSampleSize, fittedEntries, intervalScore, isStock, logLikelihood, normaliseLogWeights,
  observedModelValue, residualOf, sidesOf, triangularFromQuantiles, weightedQuantile, weightedQuantiles, weightedRankCorrelation,
} from '../../src/engine/calibrate.js';
import { quantileOf, triangular } from '../../src/engine/distributions.js';
import { fromUnbounded, minimizeBounded, nelderMead, toUnbounded } from '../../src/engine/optimize.js';
import { valueAt } from '../../src/engine/results.js';
import { normalQuantile } from '../../src/engine/distributions.js';
import { stream } from '../../src/engine/rng.js';
import { applyDraws } from '../../src/engine/sample.js';
import { simulate } from '../../src/engine/simulate.js';
import type { Observation, ObservationSet, Scenario } from '../../src/scenario/types.js';
import { baseScenario, START } from './builder.js';

/** An observation as the loader resolves it: a point value ± u, the interval [v(1−u), v(1+u)], centre √(lo·hi). */
function point(id: string, metric: string, year: number, value: number, opts: Partial<Observation> = {}): Observation {
  const u = opts.uncertainty ?? 0.1;
  const lo = value * (1 - u);
  const hi = value * (1 + u);
  return {
    id, metric, year, kind: 'point', value, scope: 'guian', share: [1, 1], definition: 'test', source: 'https://example.org', quality: 'sourced',
    uncertainty: u, lo, hi, center: Math.sqrt(lo * hi), file: 'obs.yaml', line: 1, col: 1, ...opts,
  };
}

function atLeast(id: string, metric: string, year: number, value: number, u = 0.1): Observation {
  const { center: _c, ...o } = point(id, metric, year, value, { uncertainty: u });
  return { ...o, kind: 'atLeast', lo: value * (1 - u), hi: Infinity };
}

const set = (observations: Observation[]): ObservationSet => ({ file: 'obs.yaml', hash: 'test', observations });

describe('Nelder–Mead', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const rosen = (x: readonly number[]): number => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
    const r = nelderMead(rosen, [-1.2, 1], { tolF: 1e-12, tolX: 1e-8, maxEvals: 5000 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
    expect(r.f).toBeLessThan(1e-8);
  });

  it('finds the minimum of a 4-dimensional Rosenbrock and of a tilted quadratic in 8 dimensions', () => {
    const rosen4 = (x: readonly number[]): number => {
      let s = 0;
      for (let i = 0; i < 3; i++) s += 100 * (x[i + 1]! - x[i]! ** 2) ** 2 + (1 - x[i]!) ** 2;
      return s;
    };
    const r = nelderMead(rosen4, [-1, 1, -1, 1], { tolF: 1e-14, tolX: 1e-9, maxEvals: 20000 });
    for (const v of r.x) expect(v).toBeCloseTo(1, 3);
    const quad = (x: readonly number[]): number => x.reduce((s, v, i) => s + (i + 1) * (v - i) ** 2 + (i > 0 ? 0.5 * (v - i) * (x[i - 1]! - (i - 1)) : 0), 0);
    const q = nelderMead(quad, new Array<number>(8).fill(0), { tolF: 1e-14, tolX: 1e-9, maxEvals: 40000 });
    q.x.forEach((v, i) => expect(v).toBeCloseTo(i, 3));
  });

  it('stays inside bounds and settles on a bound when the minimum lies beyond it', () => {
    const seen: number[][] = [];
    const f = (x: readonly number[]): number => {
      seen.push(x.slice());
      return (x[0]! - 3) ** 2 + (x[1]! - 0.5) ** 2;
    };
    const r = minimizeBounded(f, [1, 1], [0, 0], [2, 2], { tolF: 1e-12, tolX: 1e-7 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(2, 5);
    expect(r.x[1]).toBeCloseTo(0.5, 5);
    for (const x of seen) for (const v of x) expect(v >= 0 && v <= 2).toBe(true);
    expect(fromUnbounded(toUnbounded(0.3, 0, 2), 0, 2)).toBeCloseTo(0.3, 12);
  });

  it('is deterministic and treats NaN as +Infinity', () => {
    const f = (x: readonly number[]): number => (x[0]! < 0 ? NaN : (x[0]! - 1) ** 2 + x[1]! ** 2);
    const a = nelderMead(f, [2, 1]);
    const b = nelderMead(f, [2, 1]);
    expect(a).toEqual(b);
    expect(a.x[0]).toBeCloseTo(1, 4);
  });
});

describe('weighted statistics', () => {
  it('weighted quantiles interpolate between mid-weight positions and ignore zero weights', () => {
    expect(weightedQuantile([5, 1, 4, 2, 3], undefined, 0.5)).toBe(3);
    // positions 0.1 … 0.9 with equal weights (Hazen)
    expect(weightedQuantile([1, 2, 3, 4, 5], undefined, 0.2)).toBeCloseTo(1.5, 12);
    expect(weightedQuantile([1, 2, 3, 4, 5], undefined, 0.01)).toBe(1);
    expect(weightedQuantile([1, 2, 3, 4, 5], undefined, 0.99)).toBe(5);
    // weights 1 and 3 on 0 and 10: positions 0.125 and 0.625
    expect(weightedQuantile([0, 10], [1, 3], 0.5)).toBeCloseTo(7.5, 12);
    // all the mass on one point: every quantile is that point, whatever lies beside it
    expect(weightedQuantiles([1, 2, 3, 4, 5], [0, 0, 1, 0, 0], [0.05, 0.5, 0.95])).toEqual([3, 3, 3]);
    // scaling the weights changes nothing
    const v = [3.2, 1.1, 8.5, 4.4, 0.3, 6.6];
    const w = [0.5, 2, 1, 0.1, 3, 0.7];
    expect(weightedQuantiles(v, w, [0.05, 0.5, 0.95])).toEqual(weightedQuantiles(v, w.map((x) => x * 8), [0.05, 0.5, 0.95]));
  });

  it('ESS is n for equal weights, 1 for one run, and between for uneven weights', () => {
    expect(effectiveSampleSize(new Float64Array(200).fill(1 / 200))).toBeCloseTo(200, 9);
    expect(effectiveSampleSize([0, 0, 1, 0])).toBe(1);
    expect(effectiveSampleSize([0.5, 0.25, 0.25])).toBeCloseTo(1 / (0.25 + 0.0625 + 0.0625), 12);
  });

  it('normalises log-weights without underflow', () => {
    const w = normaliseLogWeights([-2000, -2001, -3000]);
    expect(w[0]! + w[1]! + w[2]!).toBeCloseTo(1, 12);
    expect(w[0]! / w[1]!).toBeCloseTo(Math.E, 9);
    expect(w[2]).toBe(0);
  });

  it('weighted rank correlation: ±1 for monotone pairs, and weights select the runs that count', () => {
    const x = [1, 2, 3, 4, 5, 6];
    expect(weightedRankCorrelation(x, [2, 4, 6, 8, 10, 12], [1, 1, 1, 1, 1, 1])).toBeCloseTo(1, 12);
    expect(weightedRankCorrelation(x, [6, 5, 4, 3, 2, 1], [1, 1, 1, 1, 1, 1])).toBeCloseTo(-1, 12);
    // the runs that carry weight rise together; the ones that do not would say otherwise
    expect(weightedRankCorrelation(x, [1, 2, 3, 0, -1, -2], [1, 1, 1, 0, 0, 0])).toBeCloseTo(1, 12);
  });

  it('a triangular distribution matched to P5/P50/P95 gives them back, and its ends stay within the support', () => {
    const t = { min: 1, mode: 1.5, max: 3 };
    const q = { p5: triangular(1, 1.5, 3, 0.05), p50: triangular(1, 1.5, 3, 0.5), p95: triangular(1, 1.5, 3, 0.95) };
    const m = triangularFromQuantiles(q);
    expect(m.min).toBeCloseTo(t.min, 4);
    expect(m.mode).toBeCloseTo(t.mode, 4);
    expect(m.max).toBeCloseTo(t.max, 4);
    const c = triangularFromQuantiles(q, 1.2, 2.5);
    expect([c.min, c.max]).toEqual([1.2, 2.5]);
    expect(c.mode).toBeCloseTo(1.5, 4);
    expect(triangularFromQuantiles({ p5: 2, p50: 2, p95: 2 })).toEqual({ min: 2, mode: 2, max: 2 });
  });
});

describe('observations against runs', () => {
  it('residuals: 0 at the centre, ±1 at the ends of a two-sided interval, a hinge beyond a one-sided bound', () => {
    const o = point('a', 'rackCapacity', 2022, 100_000, { uncertainty: 0.2 });
    const r = residualOf(o);
    expect(r(o.center!)).toBeCloseTo(0, 12);
    expect(r(o.lo)).toBeCloseTo(-1, 12);
    expect(r(o.hi)).toBeCloseTo(1, 12);
    expect(r(NaN)).toBe(100);
    const f = atLeast('b', 'rackCapacity', 2022, 100_000);
    expect(sidesOf(f)).toBe('floor');
    const h = residualOf(f);
    expect(h(f.lo)).toBe(0);
    expect(h(10 * f.lo)).toBe(0);
    expect(h(f.lo / 1.1)).toBeCloseTo(-1, 12); // one hinge scale, ln(1.1), below the floor
    // an atMost interval starts at the metric's floor (0 or 1): only the ceiling counts
    const ceil: Observation = { ...point('c', 'pue', 2022, 1.3), kind: 'atMost', lo: 1, hi: 1.3 * 1.1 };
    delete ceil.center;
    expect(sidesOf(ceil)).toBe('ceiling');
    expect(residualOf(ceil)(1.0)).toBe(0);
    expect(residualOf(ceil)(1.6)).toBeGreaterThan(0);
  });

  it('a run inside every interval outweighs one outside any of them', () => {
    const obs = [point('a', 'rackCapacity', 2022, 100_000), point('b', 'serversInstalled', 2023, 300_000), atLeast('c', 'occupiedRacks', 2024, 50_000)];
    const q = [1, 1, 1];
    const inside = obs.map((o, i) => residualOf(o)([100_000, 310_000, 80_000][i]!));
    const oneOut = obs.map((o, i) => residualOf(o)([100_000, 310_000, 30_000][i]!));
    const farOut = obs.map((o, i) => residualOf(o)([150_000, 200_000, 30_000][i]!));
    const w = normaliseLogWeights([logLikelihood(inside, q), logLikelihood(oneOut, q), logLikelihood(farOut, q)]);
    expect(w[0]).toBeGreaterThan(w[1]!);
    expect(w[1]).toBeGreaterThan(w[2]!);
    // at an interval's end a run weighs exp(−1.645²/2) ≈ 0.26 of one at its centre: a 90 % interval
    const r = residualOf(obs[0]!);
    const ends = normaliseLogWeights([logLikelihood([r(obs[0]!.center!)], [1]), logLikelihood([r(obs[0]!.hi)], [1])]);
    expect(ends[1]! / ends[0]!).toBeCloseTo(Math.exp(-(1.6448536269514722 ** 2) / 2), 9);
    // a low-quality observation counts half as much in the log
    expect(logLikelihood([2], [0.5])).toBeCloseTo(logLikelihood([2], [1]) / 2, 12);
  });

  it('reads a stock between year ends for a dated observation, a flow in its year, the first year as it is', () => {
    const sc = baseScenario();
    const run = simulate(sc);
    const racks = (y: number): number => valueAt(run, 'rackCapacity', y);
    expect(isStock('rackCapacity')).toBe(true);
    expect(isStock('energyGWh')).toBe(false);
    const jul = point('r', 'rackCapacity', 2023, 1, { month: 6 });
    expect(observedModelValue(sc, run.values, jul)).toBeCloseTo(racks(2022) + 0.5 * (racks(2023) - racks(2022)), 9);
    expect(observedModelValue(sc, run.values, { ...jul, month: 12 })).toBe(racks(2023));
    expect(observedModelValue(sc, run.values, { ...jul, year: START, month: 3 })).toBe(racks(START));
    const energy = point('e', 'energyGWh', 2023, 1, { month: 6 });
    expect(observedModelValue(sc, run.values, energy)).toBe(valueAt(run, 'energyGWh', 2023));
    expect(observedModelValue(sc, run.values, point('n', 'rackCapacity', 2024, 1))).toBe(racks(2024));
  });

  it('interval score: the width inside, plus 2/α times the miss outside; one-sided bounds penalise the wrong side only', () => {
    const o = point('a', 'rackCapacity', 2022, 100, { uncertainty: 0 });
    expect(intervalScore(o, 90, 110)).toBeCloseTo(20, 9);
    expect(intervalScore(o, 120, 130)).toBeCloseTo(10 + 20 * 20, 9);
    expect(intervalScore(o, 70, 80)).toBeCloseTo(10 + 20 * 20, 9);
    const f = atLeast('b', 'rackCapacity', 2022, 100, 0);
    expect(intervalScore(f, 150, 300)).toBe(150);
    expect(intervalScore(f, 50, 90)).toBeCloseTo(40 + 20 * 10, 9);
  });
});

// ---------------------------------------------------------------- the planted-parameter test

/** The builder's scenario with uncertainty on three inputs the observations below can see. */
function uncertainScenario(): Scenario {
  const sc = baseScenario();
  sc.seed = 7;
  sc.uncertainty = [
    { path: 'construction.overrunFactor', mode: 'set', dist: { type: 'triangular', min: 0.8, mode: 1.1, max: 1.6 } },
    { path: 'energy.electricityPrice', mode: 'scale', dist: { type: 'uniform', min: 0.6, max: 1.6 } },
    { path: 'economics.rent', mode: 'scale', dist: { type: 'uniform', min: 0.6, max: 1.5 } },
  ];
  return sc;
}

const PLANTED = [1.32, 1.3, 0.8];

/** Observations of several metrics and years from the planted run, each off by seeded noise of ~3 %, reported ± 20 %. */
function plantedObservations(sc: Scenario, planted: number[]): Observation[] {
  const run = simulate(applyDraws(sc, planted));
  const picks: [string, number][] = [
    ['capexCumCNY', 2022], ['capexCumCNY', 2024], ['rackCapacity', 2022], ['opexCNY', 2023], ['opexCNY', 2025], ['opexCNY', 2027],
    ['revenueCNY', 2023], ['revenueCNY', 2025], ['revenueCNY', 2027], ['occupiedRacks', 2024], ['energyGWh', 2024],
  ];
  return picks.map(([metric, year], i) => {
    const noise = Math.exp(0.03 * normalQuantile(stream(99, 'noise', i).next()));
    return point(`${metric}-${year}`, metric, year, valueAt(run, metric, year) * noise, { uncertainty: 0.2 });
  });
}

describe('calibrate', () => {
  it('gives planted inputs back: each inside its posterior 90 % interval, the best fit close', () => {
    const sc = uncertainScenario();
    const obs = plantedObservations(sc, PLANTED);
    const r = calibrate(sc, set(obs), { runs: 4000 });
    expect(r.entries.map((e) => e.fitted)).toEqual([true, true, true]);
    r.entries.forEach((e, i) => {
      const planted = PLANTED[i]!;
      expect(planted, `${e.name} posterior`).toBeGreaterThanOrEqual(e.posterior!.p5);
      expect(planted, `${e.name} posterior`).toBeLessThanOrEqual(e.posterior!.p95);
      // the posterior is narrower than the prior: the observations say something
      expect(e.posterior!.p95 - e.posterior!.p5).toBeLessThan(0.8 * (e.prior.p95 - e.prior.p5));
      // the best fit is within 10 % of the prior's range of the planted value
      expect(Math.abs(e.best! - planted), `${e.name} best ${e.best}`).toBeLessThan(0.1 * (e.hi - e.lo));
    });
    expect(r.ess).toBeGreaterThan(50);
    expect(r.warnings.filter((w) => w.startsWith('ESS'))).toEqual([]);
    expect(r.coverage.share).toBeGreaterThanOrEqual(0.8);
    for (const o of r.observations) {
      expect(o.role).toBe('fit');
      expect(Math.abs(o.residual)).toBeLessThan(1);
    }
  });

  it('is deterministic: the same inputs give the same numbers', () => {
    const sc = uncertainScenario();
    const obs = plantedObservations(sc, PLANTED);
    const a = calibrate(sc, set(obs), { runs: 200, fit: ['economics.rent'], fitRuns: 4 });
    const b = calibrate(sc, set(obs), { runs: 200, fit: ['economics.rent'], fitRuns: 4 });
    expect(JSON.stringify({ ...a, weights: Array.from(a.weights) })).toBe(JSON.stringify({ ...b, weights: Array.from(b.weights) }));
    expect(a.fitRuns).toBe(4);
    expect(a.entries.map((e) => e.fitted)).toEqual([false, false, true]);
    expect(a.entries[0]!.best).toBeUndefined();
  });

  it('holds out the later observations: they do not move the weights, and are scored', () => {
    const sc = uncertainScenario();
    const obs = plantedObservations(sc, PLANTED);
    const held = calibrate(sc, set(obs), { runs: 300, holdoutAfter: 2024 });
    const early = calibrate(sc, set(obs.filter((o) => o.year <= 2024)), { runs: 300 });
    expect(Array.from(held.weights)).toEqual(Array.from(early.weights));
    const later = held.observations.filter((o) => o.role === 'holdout');
    expect(later.map((o) => o.obs.id)).toEqual(obs.filter((o) => o.year > 2024).map((o) => o.id));
    expect(held.holdout!.of).toBe(later.length);
    expect(held.holdout!.inside).toBe(later.filter((o) => o.inside).length);
    for (const o of later) expect(o.score).toBeGreaterThan(0);
    expect(() => calibrate(sc, set(obs), { runs: 10, holdoutAfter: 2020 })).toThrow(/nothing to fit/);
  });

  it('warns when the observations leave few effective runs', () => {
    const sc = uncertainScenario();
    const obs = plantedObservations(sc, PLANTED).map((o) => point(o.id, o.metric, o.year, o.value!, { uncertainty: 0.01 }));
    const r = calibrate(sc, set(obs), { runs: 100 });
    expect(r.ess).toBeLessThan(50);
    expect(r.warnings.some((w) => /^ESS .* the observations pin the runs down to a few; widen the prior or add runs$/.test(w))).toBe(true);
  });

  it('with one run: the best fit of the central case, no posterior', () => {
    const sc = uncertainScenario();
    const obs = plantedObservations(sc, PLANTED);
    const r = calibrate(sc, set(obs), { runs: 1 });
    expect(r.entries.every((e) => e.posterior === undefined)).toBe(true);
    expect(r.entries[0]!.prior.p50).toBeCloseTo(quantileOf(sc.uncertainty[0]!.dist, 0.5), 12);
    r.entries.forEach((e, i) => expect(Math.abs(e.best! - PLANTED[i]!)).toBeLessThan(0.1 * (e.hi - e.lo)));
    expect(r.observations.every((o) => o.inside === undefined)).toBe(true);
  });

  it('names unknown entries and bad observations', () => {
    const sc = uncertainScenario();
    expect(() => fittedEntries(sc, ['economics.rnt'])).toThrow(CalibrationInputError);
    expect(() => fittedEntries(sc, ['economics.rnt'])).toThrow(/economics\.rent/);
    expect(fittedEntries(sc, ['economics.rent', 'economics.rent'])).toEqual([2]);
    expect(() => calibrate(sc, set([point('x', 'rackCapacity', 2040, 1)]), { runs: 2 })).toThrow(/x: year 2040 is outside/);
  });
});

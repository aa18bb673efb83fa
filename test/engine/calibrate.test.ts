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
  applyPhaseOutcomes, calibrate, CalibrationInputError, cdfOf, DEFENSIVE_SHARE, drawProposal, effectiveSampleSize, fitProposal, fittedEntries, fromLatent,
  intervalScore, isStock, latentSpace, logLikelihood, normaliseLogWeights, observedModelValue, priorLatent, priorLogDensity, proposalLogDensity, residualOf,
  sidesOf, temperFor, triangularFromQuantiles, weightedQuantile, weightedQuantiles, weightedRankCorrelation, widenFor, type EntryResult,
} from '../../src/engine/calibrate.js';
import { quantileOf, sample, triangular } from '../../src/engine/distributions.js';
import { fromUnbounded, minimizeBounded, nelderMead, toUnbounded } from '../../src/engine/optimize.js';
import { valueAt } from '../../src/engine/results.js';
import { normalQuantile } from '../../src/engine/distributions.js';
import { stream } from '../../src/engine/rng.js';
import { applyDraws, applyPhaseRisks, drawsFor, streamNames } from '../../src/engine/sample.js';
import { simulate } from '../../src/engine/simulate.js';
import { COLLAPSED_WIDTH, posteriorDist } from '../../src/report/calibration.js';
import type { DistributionSpec, Observation, ObservationSet, Scenario } from '../../src/scenario/types.js';
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
    // the prior runs alone (no adaptive rounds)
    const r = calibrate(sc, set(obs), { runs: 100, rounds: 0 });
    expect(r.rounds).toBe(0);
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

// ---------------------------------------------------------------- adaptive importance sampling

/** The builder's scenario with a prior of every type, two copula groups (with a PERT and a discrete entry in them), an entry of zero width, and phase risks. */
function everyKindScenario(): Scenario {
  const sc = baseScenario();
  sc.seed = 11;
  sc.construction = { ...sc.construction, cancelProbability: 0.2, deferProbability: 0.4, deferMonths: 12 };
  sc.uncertainty = [
    { path: 'economics.rent', mode: 'scale', dist: { type: 'uniform', min: 0.6, max: 1.5 } },
    { path: 'transfer.adoption', mode: 'set', dist: { type: 'normal', mean: 36, sd: 6 } },
    { path: 'network.capacity', mode: 'scale', dist: { type: 'lognormal', mu: 0, sigma: 0.2 } },
    { path: 'construction.overrunFactor', mode: 'set', dist: { type: 'triangular', min: 0.8, mode: 1.1, max: 1.6 } },
    { path: 'construction.delayFactor', mode: 'set', dist: { type: 'pert', min: 0.9, mode: 1, max: 1.6 } },
    // values not in order: the sampler takes them as listed
    { path: 'construction.fillMonths', mode: 'set', dist: { type: 'discrete', values: [30, 12, 24], weights: [0.2, 0.5, 0.3] } },
    { path: 'construction.startOccupancy', mode: 'set', dist: { type: 'discrete', values: [0.6, 0.3, 0.45], weights: [1, 1, 2] } },
    { path: 'energy.electricityPrice', mode: 'scale', dist: { type: 'pert', min: 0.7, mode: 1, max: 1.5 } },
    { path: 'economics.om', mode: 'set', dist: { type: 'normal', mean: 400, sd: 0 } },
  ];
  sc.correlations = [
    { a: 3, b: 7, rho: 0.5 },
    { a: 6, b: 7, rho: -0.4 },
    { a: 0, b: 3, rho: 0.3 },
  ];
  return sc;
}

/** Whether a prior can draw v: within min–max, one of the values, positive for a lognormal. */
function inSupport(d: DistributionSpec, v: number): boolean {
  switch (d.type) {
    case 'uniform':
    case 'triangular':
    case 'pert':
      return v >= d.min && v <= d.max;
    case 'discrete':
      return d.values.includes(v);
    case 'lognormal':
      return v > 0;
    case 'normal':
      return Number.isFinite(v);
  }
}

const phaseState = (s: Scenario): string => JSON.stringify(s.datacenters.map((dc) => dc.phases.map((p) => [p.cancelled, p.deferMonths])));

/** Observations of four metrics in eight years each from the planted run, off by seeded noise of ~1 %, reported ± u (10 %). */
function tightObservations(sc: Scenario, planted: number[], u = 0.1): Observation[] {
  const run = simulate(applyDraws(sc, planted));
  const out: Observation[] = [];
  let i = 0;
  for (const metric of ['capexCumCNY', 'opexCNY', 'revenueCNY', 'energyGWh']) {
    for (let year = 2021; year <= 2028; year++) {
      const noise = Math.exp(0.01 * normalQuantile(stream(99, 'noise', i++).next()));
      out.push(point(`${metric}-${year}`, metric, year, valueAt(run, metric, year) * noise, { uncertainty: u }));
    }
  }
  return out;
}

describe('adaptive importance sampling', () => {
  it('its latent map gives back every prior draw: each distribution type, the copula, and the phase risks', () => {
    const sc = everyKindScenario();
    const names = streamNames(sc.uncertainty);
    const space = latentSpace(sc);
    expect(space.idx).toEqual([0, 1, 2, 3, 4, 5, 6, 7]); // the zero-width entry is not in it
    expect(space.phases.map((p) => p.name)).toEqual(['phase:a.p2', 'phase:b.p2']); // the phases not started at the horizon's start
    let cancelled = 0;
    let deferred = 0;
    for (let r = 0; r < 300; r++) {
      const x = drawsFor(sc, sc.seed, r, names);
      const pt = priorLatent(sc, space, sc.seed, r, x, names);
      const back = fromLatent(sc, space, pt.z);
      back.forEach((v, i) => {
        if (sc.uncertainty[i]!.dist.type === 'discrete') expect(v, `run ${r} entry ${i}`).toBe(x[i]);
        else expect(Math.abs(v - x[i]!), `run ${r} entry ${i}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(x[i]!)));
      });
      const drawn = applyDraws(sc, x);
      expect(phaseState(applyPhaseOutcomes(drawn, space, pt))).toBe(phaseState(applyPhaseRisks(drawn, sc.seed, r)));
      cancelled += pt.flags[0]!;
      deferred += pt.flags[1]!;
    }
    // the flags are the prior's Bernoulli draws
    expect(cancelled / 300).toBeCloseTo(0.2, 1);
    expect(deferred / 300).toBeCloseTo(0.4, 1);
  });

  it('the CDFs invert the quantile functions and agree with the samplers', () => {
    const dists: DistributionSpec[] = [
      { type: 'uniform', min: 0.6, max: 1.5 },
      { type: 'normal', mean: 36, sd: 6 },
      { type: 'lognormal', mu: 0.1, sigma: 0.3 },
      { type: 'triangular', min: 0.8, mode: 1.1, max: 1.6 },
      { type: 'pert', min: 0.9, mode: 1, max: 1.6 },
      { type: 'discrete', values: [30, 12, 24], weights: [0.2, 0.5, 0.3] },
    ];
    dists.forEach((d, k) => {
      for (const p of [0.05, 0.25, 0.5, 0.75, 0.95]) {
        const x = quantileOf(d, p);
        // the normal and lognormal quantiles go through the samplers' probit (within 2e-4 of Φ⁻¹)
        if (d.type === 'discrete') expect(cdfOf(d, x)).toBeGreaterThanOrEqual(p - 1e-12);
        else expect(Math.abs(cdfOf(d, x) - p), `${d.type} at ${p}`).toBeLessThan(d.type === 'normal' || d.type === 'lognormal' ? 3e-4 : 1e-9);
      }
      const rng = stream(5, `cdf${k}`, 0);
      const xs = Array.from({ length: 20_000 }, () => sample(d, rng));
      for (const p of [0.2, 0.5, 0.8]) {
        const x = quantileOf(d, p);
        const share = xs.filter((v) => v <= x).length / xs.length;
        expect(Math.abs(share - cdfOf(d, x)), `${d.type} share below its ${p}-quantile`).toBeLessThan(0.015);
      }
    });
  });

  it('its densities agree with its samplers: a proposal integrates to 1 and the mean of prior/proposal over its draws is 1', () => {
    // one entry, no phases: ∫ q(z) dz = 1 and ∫ π(z) dz = 1 by the trapezoid rule
    const one = baseScenario();
    one.uncertainty = [{ path: 'economics.rent', mode: 'scale', dist: { type: 'uniform', min: 0.6, max: 1.5 } }];
    const s1 = latentSpace(one);
    const pts1 = Array.from({ length: 400 }, (_, r) => priorLatent(one, s1, 1, r, drawsFor(one, 1, r)));
    const w1 = normaliseLogWeights(pts1.map((p) => -0.5 * ((p.z[0]! - 1.2) / 0.3) ** 2));
    const q1 = fitProposal(s1, pts1, w1, widenFor(1), DEFENSIVE_SHARE, 1);
    let iq = 0;
    let ip = 0;
    const h = 0.001;
    for (let z = -12; z <= 12; z += h) {
      iq += Math.exp(proposalLogDensity(s1, q1, { z: Float64Array.of(z), flags: new Uint8Array(0) })) * h;
      ip += Math.exp(priorLogDensity(s1, { z: Float64Array.of(z), flags: new Uint8Array(0) })) * h;
    }
    expect(iq).toBeCloseTo(1, 6);
    expect(ip).toBeCloseTo(1, 6);

    // eight correlated entries and four phase flags: E_q[π/q] = 1 over the proposal's own draws
    const sc = everyKindScenario();
    const names = streamNames(sc.uncertainty);
    const space = latentSpace(sc);
    const pts = Array.from({ length: 2000 }, (_, r) => priorLatent(sc, space, sc.seed, r, drawsFor(sc, sc.seed, r, names), names));
    // a made-up likelihood that prefers high normal scores, few cancellations and some deferrals
    const logL = pts.map((p) => -0.5 * p.z.reduce((s, z) => s + ((z - 0.7) / 0.6) ** 2, 0) - 2 * (p.flags[0]! + p.flags[2]!) + (p.flags[1]! - p.flags[3]!));
    const beta = temperFor(logL, new Float64Array(pts.length), 200);
    expect(beta).toBeGreaterThan(0);
    expect(beta).toBeLessThan(1);
    const w = normaliseLogWeights(logL.map((l) => beta * l));
    expect(effectiveSampleSize(w)).toBeGreaterThanOrEqual(199);
    const q = fitProposal(space, pts, w, widenFor(space.idx.length), DEFENSIVE_SHARE, beta);
    expect(q.flags[0]).toBeLessThan(0.2); // cancellations made rarer, never ruled out
    expect(q.flags[0]).toBeGreaterThan(0);
    const M = 20_000;
    let mean = 0;
    let outside = 0;
    for (let r = 0; r < M; r++) {
      const pt = drawProposal(space, q, 3, 1, r, names);
      const logRatio = priorLogDensity(space, pt) - proposalLogDensity(space, q, pt);
      mean += Math.exp(logRatio) / M;
      // the ratio never exceeds 1/ε: the prior is part of every proposal
      if (logRatio > -Math.log(DEFENSIVE_SHARE) + 1e-9) expect(logRatio, `draw ${r}`).toBeLessThanOrEqual(-Math.log(DEFENSIVE_SHARE) + 1e-9);
      // mapping a draw back to the inputs (~65 µs: the PERT and discrete quantiles) for every fourth draw
      if (r % 4 === 0 && !fromLatent(sc, space, pt.z).every((v, i) => inSupport(sc.uncertainty[i]!.dist, v))) outside++;
    }
    expect(outside).toBe(0); // every draw looked at (5,000) within its prior's support
    expect(mean).toBeGreaterThan(0.95);
    expect(mean).toBeLessThan(1.05);
  });

  it('widens one entry by 1.5, many by less (the ESS the widening costs stays bounded)', () => {
    expect(widenFor(1)).toBe(1.5);
    expect(widenFor(4)).toBe(1.25);
    expect(widenFor(9)).toBeCloseTo(1 + 0.5 / 3, 12);
    const cost = (d: number): number => (widenFor(d) / Math.sqrt(2 - 1 / widenFor(d) ** 2)) ** d;
    for (const d of [1, 2, 5, 9, 20, 100]) expect(cost(d)).toBeLessThan(1.66);
  });

  it('many tight observations: the prior runs collapse onto one, the adaptive rounds keep an ESS ten times as large that covers the planted inputs', () => {
    const sc = uncertainScenario();
    const obs = tightObservations(sc, PLANTED);
    const opts = { runs: 300, maxEvals: 60, fitRuns: 1 };
    const prior = calibrate(sc, set(obs), { ...opts, rounds: 0 });
    const adaptive = calibrate(sc, set(obs), opts);
    expect(prior.ess).toBeLessThan(3);
    expect(prior.essByRound).toHaveLength(1);
    expect(prior.warnings.some((w) => w.startsWith('ESS'))).toBe(true);
    expect(adaptive.rounds).toBeGreaterThanOrEqual(1);
    expect(adaptive.rounds).toBeLessThanOrEqual(3);
    expect(adaptive.essByRound).toHaveLength(adaptive.rounds + 1);
    expect(adaptive.essByRound[0]).toBe(prior.ess); // round 0 is the prior runs, weighted as before
    expect(adaptive.ess).toBe(adaptive.essByRound[adaptive.rounds]);
    expect(adaptive.ess).toBeGreaterThanOrEqual(10 * prior.ess);
    expect(adaptive.ess).toBeGreaterThan(50);
    expect(adaptive.runsWeighted).toBe(300 * (adaptive.rounds + 1));
    expect(adaptive.weights).toHaveLength(adaptive.runsWeighted);
    expect(adaptive.weights.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
    adaptive.entries.forEach((e, i) => {
      expect(PLANTED[i], `${e.name} posterior`).toBeGreaterThanOrEqual(e.posterior!.p5);
      expect(PLANTED[i], `${e.name} posterior`).toBeLessThanOrEqual(e.posterior!.p95);
      // still far narrower than the prior
      expect(e.posterior!.p95 - e.posterior!.p5).toBeLessThan(0.3 * (e.prior.p95 - e.prior.p5));
    });
    // the same prior runs: the same prior bands and best fit
    expect(adaptive.entries.map((e) => [e.prior, e.best])).toEqual(prior.entries.map((e) => [e.prior, e.best]));
    expect(adaptive.coverage.share).toBeGreaterThanOrEqual(0.9);
    // deterministic across calls
    const again = calibrate(sc, set(obs), opts);
    expect(Array.from(again.weights)).toEqual(Array.from(adaptive.weights));
    expect(again.entries).toEqual(adaptive.entries);
  });

  it('stops once the ESS reaches N/4: broad observations need no round', () => {
    const sc = uncertainScenario();
    const broad = plantedObservations(sc, PLANTED).slice(0, 3).map((o) => point(o.id, o.metric, o.year, o.value!, { uncertainty: 0.5 }));
    const r = calibrate(sc, set(broad), { runs: 400, maxEvals: 60, fitRuns: 1 });
    expect(r.essByRound[0]).toBeGreaterThanOrEqual(100);
    expect(r.rounds).toBe(0);
    expect(r.runsWeighted).toBe(400);
    expect(r.weights).toHaveLength(400);
  });

  it('adapts the phase risks and correlated priors too', () => {
    const sc = everyKindScenario();
    const planted = drawsFor(sc, 77, 0);
    const obs = tightObservations(sc, planted, 0.3);
    const adaptive = calibrate(sc, set(obs), { runs: 300, maxEvals: 30, fitRuns: 1, fit: ['economics.rent'] });
    // round 0 is the prior runs weighted alone, as a calibration with rounds: 0 weights them (the test above checks so)
    const priorEss = adaptive.essByRound[0]!;
    expect(priorEss).toBeLessThan(20);
    expect(adaptive.rounds).toBe(3);
    expect(adaptive.ess).toBeGreaterThan(3 * priorEss);
    expect(adaptive.ess).toBeGreaterThan(40);
    for (const e of adaptive.entries) {
      expect(e.posterior!.p5).toBeGreaterThanOrEqual(e.lo);
      expect(e.posterior!.p95).toBeLessThanOrEqual(e.hi);
    }
    // a discrete entry's posterior weights still sum to 1
    expect(adaptive.entries[5]!.posteriorMass!.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
  });
});

describe("the calibrated scenario's posterior distributions", () => {
  const entry = (posterior: { p5: number; p50: number; p95: number }, dist: DistributionSpec = { type: 'uniform', min: 0.6, max: 1.6 }): EntryResult => {
    const [lo, hi] = dist.type === 'uniform' ? [dist.min, dist.max] : [0, 0];
    return { index: 0, name: 'economics.rent', path: 'economics.rent', mode: 'scale', dist, fitted: true, lo, hi, prior: { p5: 0.65, p50: 1.1, p95: 1.55 }, posterior };
  };

  it('keeps a triangular matched to P5/P50/P95 valid: min < max, the mode within them', () => {
    const warnings: string[] = [];
    for (const q of [{ p5: 0.9, p50: 1, p95: 1.3 }, { p5: 0.6, p50: 0.6, p95: 0.7 }, { p5: 1.5, p50: 1.6, p95: 1.6 }]) {
      const d = posteriorDist(entry(q), (w) => warnings.push(w));
      expect(d.type).toBe('triangular');
      if (d.type !== 'triangular') continue;
      expect(d.min).toBeLessThan(d.max);
      expect(d.mode).toBeGreaterThanOrEqual(d.min);
      expect(d.mode).toBeLessThanOrEqual(d.max);
      expect(d.min).toBeGreaterThanOrEqual(0.6);
      expect(d.max).toBeLessThanOrEqual(1.6);
    }
    expect(warnings).toEqual([]);
  });

  it('widens a posterior collapsed to a point, within the support, and says so', () => {
    const warnings: string[] = [];
    const mid = posteriorDist(entry({ p5: 1.2, p50: 1.2, p95: 1.2 }), (w) => warnings.push(w));
    expect(mid).toEqual({ type: 'triangular', min: 1.195, mode: 1.2, max: 1.205 });
    const edge = posteriorDist(entry({ p5: 1.6, p50: 1.6, p95: 1.6 }), (w) => warnings.push(w));
    expect(edge).toEqual({ type: 'triangular', min: 1.59, mode: 1.6, max: 1.6 });
    // less apart than the file's 6 digits tell
    const tiny = posteriorDist(entry({ p5: 1.0000001, p50: 1.0000002, p95: 1.0000003 }), (w) => warnings.push(w));
    expect(tiny.type === 'triangular' && tiny.max - tiny.min).toBeCloseTo(COLLAPSED_WIDTH * 1, 9);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^economics\.rent: the posterior P5–P95 is a single value \(1\.2\); the calibrated file widens it to a triangular 1\.2–1\.21 \(1 % of the prior's range\)/);
    // a prior of zero width stays as it is
    const point0: DistributionSpec = { type: 'normal', mean: 400, sd: 0 };
    expect(posteriorDist(entry({ p5: 400, p50: 400, p95: 400 }, point0), (w) => warnings.push(w))).toEqual(point0);
    expect(warnings).toHaveLength(3);
  });
});

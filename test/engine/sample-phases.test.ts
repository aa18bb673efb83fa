/**
Phase cancellation and deferral in sampled runs (src/engine/sample.ts,
`applyPhaseRisks`): which phases are eligible, the shares drawn, whole months,
each phase's own stream, copy-on-write, and nothing at all when both
probabilities are 0.
*/
import { describe, expect, it } from 'vitest';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { valueAt } from '../../src/engine/results.js';
import { applyDraws, applyPhaseRisks, drawsFor, sampleScenario } from '../../src/engine/sample.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario } from './builder.js';

const RUNS = 2000;

/** The builder scenario: a.p1 preexisting, b.p1 started before the horizon (−6), a.p2 (0) and b.p2 (24) not yet started. */
function risky(cancel: number, defer: number, months = 12): Scenario {
  const s = baseScenario();
  s.construction = { ...s.construction, cancelProbability: cancel, deferProbability: defer, deferMonths: months };
  s.uncertainty = [{ path: 'construction.delayFactor', mode: 'set', dist: { type: 'uniform', min: 0.9, max: 1.5 } }];
  return s;
}

const phase = (s: Scenario, dc: number, ph: number) => s.datacenters[dc]!.phases[ph]!;

describe('phase risks in sampled runs', () => {
  it('change nothing when both probabilities are 0: the same objects, the same bytes', () => {
    const s = risky(0, 0, 12);
    for (let r = 0; r < 20; r++) {
      const sampled = sampleScenario(s, 3, r);
      expect(sampled.datacenters).toBe(s.datacenters);
      expect(sampled).toEqual(applyDraws(s, drawsFor(s, 3, r)));
    }
    expect(applyPhaseRisks(s, 3, 0)).toBe(s);
  });

  it('cancel only phases not yet started: not preexisting, planned start ≥ month 0', () => {
    const s = risky(1, 0);
    const sampled = sampleScenario(s, 1, 0);
    expect(phase(sampled, 0, 0).cancelled).toBe(false); // preexisting
    expect(phase(sampled, 0, 1).cancelled).toBe(true); // starts at month 0
    expect(phase(sampled, 1, 0).cancelled).toBe(false); // started at −6
    expect(phase(sampled, 1, 1).cancelled).toBe(true); // starts at month 24
    // copy-on-write: the scenario is untouched, untouched branches shared
    expect(s.datacenters.every((d) => d.phases.every((p) => !p.cancelled))).toBe(true);
    expect(sampled.hubs).toBe(s.hubs);
    expect(phase(sampled, 0, 0)).toBe(phase(s, 0, 0));
  });

  it('draw cancellations and deferrals at their probabilities, deferrals in whole months up to deferMonths', () => {
    const s = risky(0.3, 0.5, 12);
    let cancelled = 0;
    let deferred = 0;
    let monthsSum = 0;
    for (let r = 0; r < RUNS; r++) {
      const p = phase(sampleScenario(s, 8, r), 1, 1);
      if (p.cancelled) {
        cancelled++;
        expect(p.deferMonths).toBe(0);
        continue;
      }
      expect(Number.isInteger(p.deferMonths)).toBe(true);
      expect(p.deferMonths).toBeGreaterThanOrEqual(0);
      expect(p.deferMonths).toBeLessThanOrEqual(12);
      if (p.deferMonths > 0) {
        deferred++;
        monthsSum += p.deferMonths;
      }
    }
    expect(Math.abs(cancelled / RUNS - 0.3)).toBeLessThan(0.03);
    // deferred with probability 0.5, of which 1/24 round to 0 months
    expect(Math.abs(deferred / (RUNS - cancelled) - 0.5 * (23 / 24))).toBeLessThan(0.04);
    expect(Math.abs(monthsSum / deferred - 6.25)).toBeLessThan(0.5);
  });

  it('each phase draws from its own stream: the probabilities do not move each other or the uncertainty draws', () => {
    const low = risky(0, 0.5);
    const high = risky(0.4, 0.5);
    for (let r = 0; r < 300; r++) {
      const a = sampleScenario(low, 2, r);
      const b = sampleScenario(high, 2, r);
      expect(b.construction.delayFactor).toBe(a.construction.delayFactor);
      for (const [dc, ph] of [[0, 1], [1, 1]] as const) {
        if (!phase(b, dc, ph).cancelled) expect(phase(b, dc, ph).deferMonths).toBe(phase(a, dc, ph).deferMonths);
      }
    }
    // phases differ from one another within a run
    const runs = Array.from({ length: 100 }, (_, r) => sampleScenario(risky(0.5, 0), 4, r));
    expect(runs.some((x) => phase(x, 0, 1).cancelled !== phase(x, 1, 1).cancelled)).toBe(true);
  });

  it('adds to a deferral the file already gives, and leaves a phase the file cancels alone', () => {
    const s = risky(0, 1, 12);
    s.datacenters[1]!.phases[1] = { ...phase(s, 1, 1), deferMonths: 6 };
    s.datacenters[0]!.phases[1] = { ...phase(s, 0, 1), cancelled: true };
    for (let r = 0; r < 50; r++) {
      const x = sampleScenario(s, 5, r);
      expect(phase(x, 1, 1).deferMonths).toBeGreaterThanOrEqual(6);
      expect(phase(x, 0, 1)).toBe(phase(s, 0, 1));
    }
  });

  it('are deterministic, apply only to sampled runs, and the engine honours them', () => {
    const s = risky(1, 0);
    expect(sampleScenario(s, 9, 17)).toEqual(sampleScenario(s, 9, 17));
    const mc = monteCarlo(s, { runs: 20, seed: 9 });
    const central = valueAt(mc.central, 'rackCapacity', 2030);
    const Y = mc.central.years.length;
    const col = mc.central.metrics.indexOf('rackCapacity') * Y + (2030 - s.horizon.start);
    const width = mc.central.metrics.length * Y;
    // every run loses the two phases not yet started; the central case (inputs as written) keeps them
    for (let r = 0; r < 20; r++) expect(mc.perRun[r * width + col]!).toBeLessThan(central);
  });
});

/**
The run-draws cache of `drawsFor` (src/engine/sample.ts): keyed by content —
seed, stream names, distributions, correlations — so a scenario at another
lever value reuses its runs' draws, while any change to what the draws depend
on draws afresh; and the kept uniforms of the phase-risk streams. Checked
against draws made directly from the streams.
*/
import { describe, expect, it } from 'vitest';
import { sample } from '../../src/engine/distributions.js';
import { stream } from '../../src/engine/rng.js';
import { applyPhaseRisks, drawsFor, streamNames } from '../../src/engine/sample.js';
import type { Scenario, Uncertainty } from '../../src/scenario/types.js';
import { baseScenario } from './builder.js';

const ENTRIES: Uncertainty[] = [
  { path: 'construction.delayFactor', mode: 'set', dist: { type: 'pert', min: 0.9, mode: 1, max: 1.6 } },
  { path: 'energy.electricityPrice', mode: 'scale', dist: { type: 'uniform', min: 0.86, max: 1.28 } },
];

function withEntries(entries: Uncertainty[]): Scenario {
  const s = baseScenario();
  s.uncertainty = entries;
  return s;
}

/** Run r's draws as the streams give them (no copula: these entries are uncorrelated). */
function direct(s: Scenario, seed: number, r: number): number[] {
  const names = streamNames(s.uncertainty);
  return s.uncertainty.map((u, i) => sample(u.dist, stream(seed, names[i]!, r)));
}

describe('drawsFor: the draws cache', () => {
  it('gives the streams’ draws, the first time and from the cache, for any other scenario with the same entries', () => {
    const a = withEntries(ENTRIES.map((u) => ({ ...u })));
    for (let r = 0; r < 40; r++) expect(drawsFor(a, 11, r)).toEqual(direct(a, 11, r));
    // another scenario (a lever turned: other investment), equal entries in new objects
    const b = withEntries(ENTRIES.map((u) => ({ ...u, dist: { ...u.dist } })));
    b.investment.total *= 2;
    for (let r = 0; r < 40; r++) expect(drawsFor(b, 11, r)).toEqual(direct(a, 11, r));
  });

  it('hands out copies: changing one does not change the next', () => {
    const s = withEntries(ENTRIES);
    const first = drawsFor(s, 5, 3);
    const kept = first.slice();
    first[0] = -1;
    expect(drawsFor(s, 5, 3)).toEqual(kept);
  });

  it('draws afresh when a distribution, the seed, the stream names or the correlations change', () => {
    const s = withEntries(ENTRIES);
    const base = drawsFor(s, 5, 7);
    const wider = withEntries([{ ...ENTRIES[0]!, dist: { type: 'pert', min: 0.9, mode: 1, max: 1.7 } }, ENTRIES[1]!]);
    expect(drawsFor(wider, 5, 7)).toEqual(direct(wider, 5, 7));
    expect(drawsFor(wider, 5, 7)[0]).not.toBe(base[0]);
    expect(drawsFor(s, 6, 7)).toEqual(direct(s, 6, 7));
    // the same entries in the other order: each entry keeps its own stream, so its draw moves with it
    const swapped = withEntries([ENTRIES[1]!, ENTRIES[0]!]);
    expect(drawsFor(swapped, 5, 7)).toEqual([base[1], base[0]]);
    const correlated = withEntries(ENTRIES);
    correlated.correlations = [{ a: 0, b: 1, rho: 0.8 }];
    const c = drawsFor(correlated, 5, 7);
    expect(c).not.toEqual(base);
    // and back: the uncorrelated draws again, not the correlated ones
    expect(drawsFor(withEntries(ENTRIES), 5, 7)).toEqual(base);
  });

  it('keeps −0 and 0 apart in a distribution (the key is exact)', () => {
    // a normal of sd 0 draws its mean itself, sign and all
    const at = (mean: number): Scenario => withEntries([{ path: 'energy.electricityPrice', mode: 'set', dist: { type: 'normal', mean, sd: 0 } }]);
    expect(Object.is(drawsFor(at(-0), 1, 0)[0], -0)).toBe(true);
    expect(Object.is(drawsFor(at(0), 1, 0)[0], 0)).toBe(true);
  });

  it('phase risks: the kept uniforms are the streams', () => {
    const s = baseScenario();
    s.construction = { ...s.construction, cancelProbability: 0.3, deferProbability: 0.5, deferMonths: 12 };
    // what applyPhaseRisks decides for phase b.p2 (planned start 24) from its stream's three uniforms
    const expected = (seed: number, r: number): { cancelled: boolean; deferMonths: number } => {
      const rng = stream(seed, 'phase:b.p2', r);
      const [c, d, m] = [rng.next(), rng.next(), rng.next()];
      const p = s.datacenters[1]!.phases[1]!;
      if (c < 0.3) return { cancelled: true, deferMonths: p.deferMonths };
      const months = d < 0.5 ? Math.round(m * 12) : 0;
      return { cancelled: p.cancelled ?? false, deferMonths: p.deferMonths + months };
    };
    const got = (seed: number, r: number) => {
      const p = applyPhaseRisks(s, seed, r).datacenters[1]!.phases[1]!;
      return { cancelled: p.cancelled ?? false, deferMonths: p.deferMonths };
    };
    // the first time, from the kept uniforms, and beyond the runs kept
    for (const r of [0, 1, 2, 50, 4999, 5000, 7321]) {
      expect(got(9, r), `run ${r}`).toEqual(expected(9, r));
      expect(got(9, r), `run ${r} again`).toEqual(expected(9, r));
    }
    for (let r = 0; r < 200; r++) expect(got(4, r)).toEqual(expected(4, r));
    for (let r = 0; r < 200; r++) expect(got(4, r)).toEqual(expected(4, r));
  });
});

/**
Monte Carlo on worker threads (dist/worker.js, built by test/global-setup.ts):
a portable scenario travels resolved, one with no portable form (ai-boom: a
parameter read by a formula with units) travels as its source and the worker
resolves it — the same bytes as in this thread either way.
*/
import { afterAll, describe, expect, it } from 'vitest';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { createPool, monteCarloParallel } from '../../src/engine/parallel.js';
import { readScenarioSource, resolveScenario } from '../../src/scenario/index.js';
import { toPortable } from '../../src/scenario/portable.js';

const workerUrl = new URL('../../dist/worker.js', import.meta.url);
const pool = await createPool(workerUrl, 2);
afterAll(() => pool.destroy());
const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('Monte Carlo on worker threads', () => {
  for (const [file, portable] of [['scenarios/guian-plan.yaml', true], ['scenarios/ai-boom.yaml', false]] as const) {
    it(`${file}: ${portable ? 'sent resolved (portable)' : 'sent as its source'}, the same bytes as in this thread`, async () => {
      const source = readScenarioSource(file);
      const overrides = [{ path: 'investment', value: '50 billion CNY' }];
      const scenario = resolveScenario(source, overrides);
      expect(toPortable(scenario) !== undefined).toBe(portable);
      const a = monteCarlo(scenario, { runs: 64, seed: 11 });
      const b = await monteCarloParallel(scenario, { runs: 64, seed: 11, workerUrl, source, overrides, pool });
      expect(bytes(b.perRun).equals(bytes(a.perRun))).toBe(true);
      expect(b.bands).toEqual(a.bands);
    });
  }

  it('a scenario with no portable form and no source cannot go to workers, and says so', async () => {
    const scenario = resolveScenario(readScenarioSource('scenarios/ai-boom.yaml'));
    await expect(monteCarloParallel(scenario, { runs: 64, seed: 1, workerUrl, source: undefined, overrides: [], pool })).rejects.toThrow(/no portable form and no source/);
  });
});

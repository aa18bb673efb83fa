/**
Monte Carlo on worker threads (dist/worker.js, built by test/global-setup.ts):
a portable scenario travels resolved, one with no portable form (ai-boom: a
parameter read by a formula with units) travels as its source and the worker
resolves it — the same bytes as in this thread either way.
*/
import { afterAll, describe, expect, it } from 'vitest';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { createPool, monteCarloParallel, simulateRunsParallel } from '../../src/engine/parallel.js';
import { runWidth } from '../../src/engine/montecarlo.js';
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

  it('a cooperative stop ends the slices on their threads, which stay up and warm: the next call gets the same bytes', async () => {
    const scenario = resolveScenario(readScenarioSource('scenarios/guian-plan.yaml'));
    const opts = { seed: 5, pool, source: undefined, overrides: [] };
    const threads = [...pool.threads];
    const exits: number[] = [];
    for (const t of threads) t.once('exit', (code) => exits.push(code));
    const stop = new Int32Array(new SharedArrayBuffer(4));
    let stoppedAt = -1;
    const first = simulateRunsParallel(scenario, 0, 4000, new Float64Array(4000 * runWidth(scenario)), {
      ...opts,
      stop,
      onProgress: (done) => {
        if (stoppedAt < 0) {
          stoppedAt = done;
          Atomics.store(stop, 0, 1);
        }
      },
    });
    await expect(first).rejects.toThrow('stopped');
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(4000);
    // the same Worker objects, none exited (an AbortSignal would have stopped the busy ones)
    expect(pool.threads).toHaveLength(threads.length);
    expect(pool.threads.every((t, i) => t === threads[i])).toBe(true);
    expect(exits).toEqual([]);
    const out = new Float64Array(48 * runWidth(scenario));
    await simulateRunsParallel(scenario, 0, 48, out, opts);
    expect(bytes(out).equals(bytes(monteCarlo(scenario, { runs: 48, seed: 5 }).perRun))).toBe(true);
  });
});

import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import { loadScenario, readScenarioSource, resolveScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { BandScheduler, PoolBands, type BandUpdate } from '../../src/tui/background.js';

const workerUrl = pathToFileURL('dist/worker.js'); // built by test/global-setup.ts
const updates: BandUpdate[] = [];
const waiters = new Map<number, (u: BandUpdate) => void>();
const pool = new PoolBands(
  (u) => {
    updates.push(u);
    if (u.result) waiters.get(u.key)?.(u);
  },
  { workerUrl, workers: Math.min(2, availableParallelism()) },
);
afterAll(() => pool.stop());

const finished = (key: number): Promise<BandUpdate> => new Promise((resolve) => waiters.set(key, resolve));

/** The bands the TUI's own thread computes, for comparison. */
function inThread(scenario: Scenario, runs: number): BandUpdate {
  let last: BandUpdate | undefined;
  const s = new BandScheduler((u) => (last = u), { schedule: null });
  s.start(0, scenario, simulate(scenario, { detail: true }), runs);
  s.drain();
  return last!;
}

describe('bands on a warm worker pool (the TUI on a terminal)', () => {
  const plan = loadScenario('scenarios/guian-plan.yaml');

  it('are the same bytes as the bands computed in the TUI thread', async () => {
    const done = finished(1);
    pool.start(1, plan, simulate(plan, { detail: true }), 120);
    const u = await done;
    expect(u.done).toBe(120);
    const here = inThread(plan, 120).result!;
    expect(u.result!.perRun).toEqual(here.perRun);
    expect(u.result!.bands).toEqual(here.bands);
  });

  it('drop a job cancelled by a newer lever value: only the newer one reports', async () => {
    const other = loadScenario('scenarios/guian-plan.yaml', [{ path: 'investment', value: '60 billion CNY' }]);
    const done = finished(2);
    pool.start(2, plan, simulate(plan, { detail: true }), 400);
    pool.start(2, other, simulate(other, { detail: true }), 60); // same run key: the first job is cancelled
    const u = await done;
    expect(u.result!.scenario.hash).toBe(other.hash);
    expect(u.result!.perRun).toEqual(inThread(other, 60).result!.perRun);
    expect(updates.filter((x) => x.key === 2 && x.result)).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(pool.busy).toBe(false);
  });

  it('send a scenario with no portable form as its source and overrides (the workers resolve it), or without them compute it in the TUI thread: the same result', async () => {
    const source = readScenarioSource('scenarios/ai-boom.yaml');
    const overrides = [{ path: 'investment', value: '55 billion CNY' }];
    const boom = resolveScenario(source, overrides);
    const want = inThread(boom, 30).result!.perRun;
    const viaWorkers = finished(3);
    pool.start(3, boom, simulate(boom, { detail: true }), 30, false, undefined, { source, overrides });
    expect(pool.busy).toBe(true);
    expect((await viaWorkers).result!.perRun).toEqual(want);
    const here = finished(4);
    pool.start(4, boom, simulate(boom, { detail: true }), 30);
    expect((await here).result!.perRun).toEqual(want);
  });
});

describe('bands when the worker pool cannot work', () => {
  it('are computed in the TUI thread instead, the same bytes', async () => {
    const broken = new PoolBands((u) => u.result && waiters.get(u.key)?.(u), { workerUrl: new URL('file:///nonexistent/worker.js'), workers: 1 });
    const plan = loadScenario('scenarios/guian-plan.yaml');
    const done = finished(9);
    broken.start(9, plan, simulate(plan, { detail: true }), 40);
    const u = await done;
    broken.stop();
    expect(u.result!.perRun).toEqual(inThread(plan, 40).result!.perRun);
  });
});

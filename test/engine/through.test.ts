/**
A run stopped early (`simulate`'s `through`, used by calibration and goal
seeks): the loop is causal, so every year it simulates is the same bits as the
full run's; the years after it are NaN.
*/
import { describe, expect, it } from 'vitest';
import { runWidth, simulateRuns } from '../../src/engine/montecarlo.js';
import { createPool, simulateRunsParallel } from '../../src/engine/parallel.js';
import { simulate } from '../../src/engine/simulate.js';
import { readScenarioSource, resolveScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';

const load = (file: string): Scenario => resolveScenario(readScenarioSource(file), []);
// the plan; ai-boom (derived metrics, AI demand); a schedule-free scenario with grid limits
const FILES = ['scenarios/guian-plan.yaml', 'scenarios/ai-boom.yaml', 'scenarios/green-cap.yaml'];

/** Values of `a` and `b` agree bit for bit over years [0, through], and `b` is NaN after. */
function expectPrefix(a: Float64Array, b: Float64Array, Y: number, through: number): void {
  const bad: string[] = [];
  for (let i = 0; i < a.length; i++) {
    const y = i % Y;
    if (y <= through ? !Object.is(a[i], b[i]) : !Number.isNaN(b[i])) bad.push(`#${i} (year ${y}): ${a[i]} vs ${b[i]}`);
  }
  if (bad.length) expect.fail(`${bad.length} values differ, e.g. ${bad.slice(0, 3).join('; ')}`);
}

describe('simulate through a year', () => {
  for (const file of FILES) {
    it(`${file}: every year up to the stop is the full run's, the rest NaN`, () => {
      const sc = load(file);
      const full = simulate(sc).values;
      const Y = sc.horizon.end - sc.horizon.start + 1;
      for (const through of [0, 3, Math.floor(Y / 2), Y - 2]) expectPrefix(full, simulate(sc, { through }).values, Y, through);
      // through the last year (or beyond) is the full run
      expect(Buffer.from(simulate(sc, { through: Y + 5 }).values.buffer).equals(Buffer.from(full.buffer))).toBe(true);
    });
  }

  it('sampled runs stop alike, in this thread and on workers', async () => {
    const sc = load('scenarios/guian-plan.yaml');
    const Y = sc.horizon.end - sc.horizon.start + 1;
    const w = runWidth(sc);
    const full = new Float64Array(40 * w);
    simulateRuns(sc, 7, 0, 40, full);
    const part = new Float64Array(40 * w);
    simulateRuns(sc, 7, 0, 40, part, undefined, 4);
    expectPrefix(full, part, Y, 4);
    const pool = await createPool(new URL('../../dist/worker.js', import.meta.url), 2);
    try {
      const viaPool = new Float64Array(40 * w);
      await simulateRunsParallel(sc, 0, 40, viaPool, { seed: 7, pool, source: undefined, overrides: [], through: 4 });
      expect(Buffer.from(viaPool.buffer).equals(Buffer.from(part.buffer))).toBe(true);
    } finally {
      await pool.destroy();
    }
  });

  it('a stop before the horizon still simulates its first year; NaN stops nowhere', () => {
    const sc = load('scenarios/guian-plan.yaml');
    const full = simulate(sc).values;
    const Y = sc.horizon.end - sc.horizon.start + 1;
    expectPrefix(full, simulate(sc, { through: -3 }).values, Y, 0);
    expect(Buffer.from(simulate(sc, { through: NaN }).values.buffer).equals(Buffer.from(full.buffer))).toBe(true);
  });

  it('refuses to stop a run that records detail', () => {
    expect(() => simulate(load('scenarios/guian-plan.yaml'), { detail: true, through: 2 })).toThrow(/through/);
  });
});

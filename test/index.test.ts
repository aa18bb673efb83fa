import { describe, expect, it } from 'vitest';
import { compare, loadScenario, monteCarlo, simulate, valueAt } from '../src/index.js';

describe('library entry', () => {
  it('loads, simulates, runs Monte Carlo and compares', () => {
    const plan = loadScenario('scenarios/guian-plan.yaml');
    const cheap = loadScenario('scenarios/guian-plan.yaml', [{ path: 'investment', value: '20' }]);
    expect(valueAt(simulate(plan), 'dcOperational', 2025)).toBe(12);
    const a = monteCarlo(plan, { runs: 20, seed: 3 });
    const b = monteCarlo(cheap, { runs: 20, seed: 3 });
    const c = compare([a, b], ['rackCapacity'], [2024]);
    expect(c).toBeTruthy();
    expect(valueAt(b.central, 'rackCapacity', 2024)).toBeLessThan(valueAt(a.central, 'rackCapacity', 2024));
  });
});

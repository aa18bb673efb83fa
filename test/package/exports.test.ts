/**
The library entry the README documents: `import { loadScenario, simulate } from 'dcplan'`
resolves through package.json `exports` to the bundle (dist/index.js) and works in a
plain Node process — the package imported by its name, as a user's project would.
*/
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('package exports', () => {
  it('names dist/index.js and its types for "dcplan"', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { import?: string; types?: string }> };
    expect(pkg.exports['.']).toEqual({ types: './dist/types/index.d.ts', import: './dist/index.js' });
    expect(existsSync(join(ROOT, 'dist', 'index.js'))).toBe(true);
  });

  it('imports by name in a plain Node process and simulates the plan', () => {
    const script = `
      import { loadScenario, simulate, monteCarlo, valueAt, METRIC_NAMES } from 'dcplan';
      const plan = loadScenario('scenarios/guian-plan.yaml');
      const central = simulate(plan);
      const mc = monteCarlo(plan, { runs: 20, seed: 7 });
      console.log(JSON.stringify({ racks: valueAt(central, 'rackCapacity', 2025), runs: mc.runs, metrics: METRIC_NAMES.includes('serverCapacity') }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    const r = JSON.parse(out) as { racks: number; runs: number; metrics: boolean };
    expect(r.racks).toBeGreaterThan(100_000);
    expect(r.runs).toBe(20);
    expect(r.metrics).toBe(true);
  });
});

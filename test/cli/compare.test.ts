/**
`dcplan compare` end to end: the inputs that differ, metrics side by side with
deltas, and P(B better than A) over runs paired by common random numbers.
*/
import { describe, expect, it } from 'vitest';
import { dcplan } from '../helpers/cli.js';

const A = 'test/fixtures/batch/good/plan-a.yaml';
const B = 'test/fixtures/batch/good/plan-b.yaml';

interface Cmp {
  seed: number;
  runs: number;
  inputs: { path: string; values: unknown[] }[];
  metrics: { metric: string; better: string | null; years: { year: number; values: number[]; delta: (number | null)[]; pHigher: (number | null)[]; pLower: (number | null)[]; pBetter: (number | null)[] }[] }[];
}

describe('dcplan compare', () => {
  it('a scenario against itself: no differing inputs, zero deltas, no run better or worse (common random numbers)', async () => {
    const r = await dcplan('compare', A, A, '--runs', '30', '--workers', '1', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout) as Cmp;
    expect(c.inputs).toEqual([]);
    expect(c.runs).toBe(30);
    for (const m of c.metrics) {
      for (const y of m.years) {
        expect(y.delta[1]).toBe(0);
        expect([y.pHigher[1], y.pLower[1]]).toEqual([0, 0]);
      }
    }
  });

  it('two scenarios: their differing inputs, deltas, and P(B better) by each metric\'s direction', async () => {
    const r = await dcplan('compare', A, B, '--runs', '30', '--workers', '1', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout) as Cmp;
    // A's seed for both, though B's file says seed: 7
    expect(c.seed).toBe(20200528);
    const cost = c.inputs.find((d) => d.path === 'construction.costPerRack')!;
    expect(cost.values).toEqual([61000, 120000]);
    expect(c.inputs.some((d) => d.path === 'seed' || d.path === 'name')).toBe(false);

    const servers = c.metrics.find((m) => m.metric === 'serverCapacity')!;
    expect(servers.better).toBe('higher');
    const y2025 = servers.years.find((y) => y.year === 2025)!;
    expect(y2025.values[1]!).toBeLessThan(y2025.values[0]!); // twice the cost per rack buys fewer racks
    expect(y2025.delta[1]).toBe(y2025.values[1]! - y2025.values[0]!);
    expect(y2025.pBetter[1]).toBe(y2025.pHigher[1]);
    expect(y2025.pLower[1]!).toBeGreaterThan(0.5);

    const carbon = c.metrics.find((m) => m.metric === 'carbonKt')!;
    expect(carbon.better).toBe('lower');
    const c2025 = carbon.years.find((y) => y.year === 2025)!;
    expect(c2025.pBetter[1]).toBe(c2025.pLower[1]);
  });

  it('prints a table for one year, and CSV in long format', async () => {
    const t = await dcplan('compare', A, B, '--runs', '20', '--workers', '1', '--year', '2025');
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain('Inputs that differ');
    expect(t.stdout).toMatch(/construction\.costPerRack +61\.0 k +120 k/);
    expect(t.stdout).toContain('P(B better)');
    expect(t.stdout).toMatch(/^Server capacity /m);

    const csv = await dcplan('compare', A, B, '--workers', '1', '--metric', 'serverCapacity', '--format', 'csv');
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^# compare A = .*plan-a\.yaml, B = .*plan-b\.yaml · /);
    expect(lines[1]).toBe('metric,year,scenario,name,value,p5,p95,delta,deltaPct,pHigher,pLower,pBetter');
    expect(lines).toHaveLength(2 + 6 * 2); // the caption, the header, 2020–2025 for A and B
  });

  it('rejects bad usage with exit 2', async () => {
    expect((await dcplan('compare', A)).code).toBe(2);
    const typo = await dcplan('compare', A, B, '--metric', 'serverCapasity');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean "serverCapacity"');
    expect((await dcplan('compare', A, B, '--year', '2031')).code).toBe(2);
  });
});

/**
`dcplan sweep` end to end: the cartesian grid of --vary values (lever ids in
their unit, dotted paths in base units), one row per point, as JSON and CSV.
*/
import { describe, expect, it } from 'vitest';
import { dcplan } from '../helpers/cli.js';

const A = 'test/fixtures/batch/good/plan-a.yaml';

interface Sweep {
  runs: number;
  year: number;
  axes: { path: string; values: number[] }[];
  points: { values: Record<string, number>; metrics: Record<string, number>; targets: Record<string, number> }[];
}

describe('dcplan sweep', () => {
  it('runs every point of the grid, first --vary slowest', async () => {
    const r = await dcplan('sweep', A, '--vary', 'investment=20:60:3', '--vary', 'construction.costPerRack=60000:120000:2', '--year', '2025', '--runs', '1',
      '--metric', 'serverCapacity', '--metric', 'capexCumCNY', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as Sweep;
    expect(s.axes).toEqual([
      { path: 'investment', values: [20, 40, 60] },
      { path: 'construction.costPerRack', values: [60000, 120000] },
    ]);
    expect(s.points.map((p) => [p.values.investment, p.values['construction.costPerRack']])).toEqual([
      [20, 60000], [20, 120000], [40, 60000], [40, 120000], [60, 60000], [60, 120000],
    ]);
    // the lever's unit: investment 20 means 20 billion CNY, and capex cannot exceed it
    expect(s.points[0]!.metrics.capexCumCNY).toBeLessThanOrEqual(20e9);
    expect(s.points[0]!.metrics.capexCumCNY).toBeGreaterThan(15e9);
    // more money, more servers; dearer racks, fewer
    const servers = s.points.map((p) => p.metrics.serverCapacity!);
    expect(servers[2]!).toBeGreaterThan(servers[0]!);
    expect(servers[0]!).toBeGreaterThan(servers[1]!);
    expect(Object.keys(s.points[0]!.targets)).toEqual(['dcs', 'servers', 'pue']);
  });

  it('gives bands and target probabilities under Monte Carlo, in CSV', async () => {
    const r = await dcplan('sweep', A, '--vary', 'investment=30:50:2', '--runs', '20', '--workers', '1', '--metric', 'serverCapacity', '--format', 'csv');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^# sweep of .* · median of 20 Monte Carlo runs per point, seed \d+$/);
    expect(lines[1]).toBe('investment,year,serverCapacity,serverCapacity_p5,serverCapacity_p95,target_dcs,target_servers,target_pue');
    expect(lines).toHaveLength(4);
    expect(lines.slice(2).map((l) => l.split(',')[1])).toEqual(['2025', '2025']); // the targets' year
    const p = Number(lines[3]!.split(',')[6]);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
  });

  it('prints a table', async () => {
    const r = await dcplan('sweep', A, '--vary', 'electricityPrice=0.3:0.4:2', '--workers', '1');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('sweep of electricityPrice (2) = 2 points');
    expect(r.stdout.trim().split('\n').filter((l) => /^\s+0\.[34]\s/.test(l))).toHaveLength(2);
  });

  it('rejects a malformed --vary (exit 2) and an invalid grid value (exit 1, naming it)', async () => {
    expect((await dcplan('sweep', A)).code).toBe(2);
    expect((await dcplan('sweep', A, '--vary', 'investment=20:60')).code).toBe(2);
    expect((await dcplan('sweep', A, '--vary', 'investment=a:60:3')).code).toBe(2);
    expect((await dcplan('sweep', A, '--vary', 'investment=20:60:0')).code).toBe(2);
    const bad = await dcplan('sweep', A, '--vary', 'investment=-10:10:3');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('investment=-10');
    const unknown = await dcplan('sweep', A, '--vary', 'construction.costPerRak=1:2:2');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('costPerRack');
  });
});

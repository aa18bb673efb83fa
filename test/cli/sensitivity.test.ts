/**
`dcplan sensitivity` end to end: every uncertainty entry ranked by its P10/P90
swing, with Spearman ρ from a Monte Carlo sample, a tornado chart, CSV, JSON.
*/
import { describe, expect, it } from 'vitest';
import { dcplan } from '../helpers/cli.js';

const A = 'test/fixtures/batch/good/plan-a.yaml';

interface Sens {
  metric: string;
  year: number;
  runs: number;
  base: number;
  parameters: { rank: number; parameter: string; mode: string; lowInput: number; highInput: number; low: number; high: number; swing: number; spearman: number | null; spearmanRank: number | null }[];
}

describe('dcplan sensitivity', () => {
  it('ranks every uncertain parameter by swing, with Spearman ρ beside it', () => {
    const r = dcplan('sensitivity', A, '--metric', 'serverCapacity', '--year', '2025', '--runs', '200', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as Sens;
    expect(s.runs).toBe(200);
    expect(s.parameters.map((p) => p.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(s.parameters.map((p) => p.parameter).sort()).toEqual([
      'construction.delayFactor', 'construction.overrunFactor', 'energy.electricityPrice', 'parameters.demandGrowth', 'transfer.costSensitivity',
    ]);
    const swings = s.parameters.map((p) => p.swing);
    expect([...swings].sort((a, b) => b - a)).toEqual(swings);
    // the plan is budget-bound in 2025: cost overruns decide how many racks (so servers) exist
    const top = s.parameters[0]!;
    expect(top.parameter).toBe('construction.overrunFactor');
    expect(top.high).toBeLessThan(top.low);
    expect(top.spearman!).toBeLessThan(-0.5);
    expect(top.spearmanRank).toBe(1);
  });

  it('draws a tornado chart in the table, and writes CSV', () => {
    const t = dcplan('sensitivity', A, '--year', '2025', '--runs', '50', '--workers', '1');
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain('Sensitivity of Server capacity in 2025');
    expect(t.stdout).toMatch(/^construction\.overrunFactor +[░█ ]*█+[░█]*│/m);
    expect(t.stdout).toContain('░ at the P10 input');
    for (const line of t.stdout.split('\n').slice(1)) expect(line.length).toBeLessThanOrEqual(80);

    const csv = dcplan('sensitivity', A, '--year', '2025', '--runs', '50', '--workers', '1', '--format', 'csv');
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('rank,parameter,mode,distribution,lowInput,highInput,low,high,swing,spearman,spearmanRank');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/^1,construction\.overrunFactor,set,"triangular\(0\.95, 1\.05, 1\.4\)",/);
  });

  it('says so when there is nothing to rank (exit 1), and rejects an unknown metric (exit 2)', () => {
    const none = dcplan('sensitivity', 'test/fixtures/batch/certain.yaml');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no uncertainty');
    expect(dcplan('sensitivity', A, '--metric', 'servers').code).toBe(2);
  });
});

/**
`dcplan sensitivity` end to end: every uncertainty entry ranked by its P10/P90
swing, with Spearman ρ from a Monte Carlo sample, a tornado chart, CSV, JSON;
and `--screen`, every numeric input stepped by ±δ and ranked by swing.
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

/** The screen of serverCapacity in 2025 as JSON (both --screen tests read it; computed once). */
let screenJson: ReturnType<typeof dcplan> | undefined;
const screen2025 = (): ReturnType<typeof dcplan> => (screenJson ??= dcplan('sensitivity', A, '--screen', '--metric', 'serverCapacity', '--year', '2025', '--format', 'json'));

describe('dcplan sensitivity', () => {
  it('ranks every uncertain parameter by swing, with Spearman ρ beside it', async () => {
    const r = await dcplan('sensitivity', A, '--metric', 'serverCapacity', '--year', '2025', '--runs', '200', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as Sens;
    expect(s.runs).toBe(200);
    // one row per uncertainty: entry of the plan (the fixture extends it)
    expect(s.parameters.map((p) => p.rank)).toEqual(s.parameters.map((_, i) => i + 1));
    expect(s.parameters.map((p) => p.parameter)).toEqual(expect.arrayContaining([
      'construction.delayFactor', 'construction.overrunFactor', 'energy.electricityPrice', 'parameters.demandGrowth', 'transfer.costSensitivity',
    ]));
    const swings = s.parameters.map((p) => p.swing);
    expect([...swings].sort((a, b) => b - a)).toEqual(swings);
    // the plan is budget-bound in 2025: cost overruns decide how many racks (so servers) exist
    const top = s.parameters[0]!;
    expect(top.parameter).toBe('construction.overrunFactor');
    expect(top.high).toBeLessThan(top.low);
    expect(top.spearman!).toBeLessThan(-0.5);
    expect(top.spearmanRank).toBe(1);
  });

  it('draws a tornado chart in the table, and writes CSV', async () => {
    const t = await dcplan('sensitivity', A, '--year', '2025', '--runs', '50', '--workers', '1');
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain('Sensitivity of Server capacity in 2025');
    expect(t.stdout).toMatch(/^construction\.overrunFactor +[░█ ]*█+[░█]*│/m);
    expect(t.stdout).toContain('░ at the P10 input');
    for (const line of t.stdout.split('\n').slice(1)) expect(line.length).toBeLessThanOrEqual(80);

    const csv = await dcplan('sensitivity', A, '--year', '2025', '--runs', '50', '--workers', '1', '--format', 'csv');
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('rank,parameter,mode,distribution,lowInput,highInput,low,high,swing,spearman,spearmanRank');
    const entries = (JSON.parse((await dcplan('sensitivity', A, '--year', '2025', '--runs', '3', '--workers', '1', '--format', 'json')).stdout) as Sens).parameters.length;
    expect(lines).toHaveLength(1 + entries);
    expect(lines[1]).toMatch(/^1,construction\.overrunFactor,set,"triangular\(0\.95, 1\.05, 1\.4\)",/);
  });

  it('says so when there is nothing to rank (exit 1), and rejects an unknown metric (exit 2)', async () => {
    const none = await dcplan('sensitivity', 'test/fixtures/batch/certain.yaml');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no uncertainty');
    expect((await dcplan('sensitivity', A, '--metric', 'servers')).code).toBe(2);
  });

  it('--screen ranks every numeric input by its ±δ swing, with elasticities (JSON)', async () => {
    const r = await screen2025();
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as {
      metric: string; label: string; year: number; delta: number; base: number;
      inputs: { rank: number; input: string; swing: number | null; elasticity: number | null }[]; notVaried: { input: string; reason: string }[];
    };
    expect([s.metric, s.label, s.year, s.delta]).toEqual(['serverCapacity', 'Server capacity', 2025, 0.1]);
    // far more than the 5 uncertainty entries
    expect(s.inputs.length).toBeGreaterThan(100);
    const swings = s.inputs.map((x) => Math.abs(x.swing ?? 0));
    expect([...swings].sort((a, b) => b - a)).toEqual(swings);
    const at = (p: string) => s.inputs.find((x) => x.input === p)!;
    // the plan is budget-bound in 2025: money and cost overruns lead
    expect(s.inputs.slice(0, 3).map((x) => x.input).sort()).toEqual(['construction.overrunFactor', 'investment.profile', 'investment.total']);
    expect(at('investment.total').elasticity!).toBeGreaterThan(0);
    expect(at('construction.overrunFactor').elasticity!).toBeLessThan(0);
    expect(at('economics.wage').swing).toBe(0);
    expect(s.notVaried.some((x) => x.input === 'energy.monthlyTemp')).toBe(true);
    expect(s.inputs.some((x) => x.input.startsWith('horizon.') || x.input === 'seed' || x.input === 'usdRate')).toBe(false);
  });

  it('--screen: a table of the top 20 in 80 columns, CSV with a row per input, --delta and --morris', async () => {
    const t = await dcplan('sensitivity', A, '--screen', '--year', '2025', '--delta', '20%');
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain('Screening of Server capacity in 2025');
    expect(t.stdout).toContain('× (1 ∓ 20 %)');
    expect(t.stdout).toMatch(/^ 1 {2}\S+/m);
    expect(t.stdout).toMatch(/^20 {2}\S+/m);
    expect(t.stdout).not.toMatch(/^21 {2}\S+/m);
    for (const line of t.stdout.split('\n').slice(1)) expect(line.length).toBeLessThanOrEqual(80);

    const csv = await dcplan('sensitivity', A, '--screen', '--year', '2025', '--format', 'csv');
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    // the same screen as JSON (serverCapacity is the default metric)
    const json = JSON.parse((await screen2025()).stdout) as { inputs: unknown[]; notVaried: unknown[] };
    expect(lines).toHaveLength(1 + json.inputs.length + json.notVaried.length);

    const m = await dcplan('sensitivity', A, '--screen', '--year', '2025', '--morris', '2', '--format', 'json');
    expect(m.code, m.stderr).toBe(0);
    expect((JSON.parse(m.stdout) as { inputs: { muStar?: number }[] }).inputs[0]!.muStar).toBeTypeOf('number');
  });

  it('--screen rejects a bad --delta and flags that belong elsewhere (exit 2)', async () => {
    expect((await dcplan('sensitivity', A, '--screen', '--delta', '1.5')).code).toBe(2);
    expect((await dcplan('sensitivity', A, '--screen', '--delta', 'x')).stderr).toContain('--delta must be a relative step between 0 and 1');
    expect((await dcplan('sensitivity', A, '--screen', '--runs', '100')).code).toBe(2);
    expect((await dcplan('sensitivity', A, '--delta', '0.2')).code).toBe(2);
    expect((await dcplan('sensitivity', A, '--screen', '--metric', 'servers')).code).toBe(2);
    // a scenario without uncertainty: entries can still be screened
    expect((await dcplan('sensitivity', 'test/fixtures/batch/certain.yaml', '--screen')).code).toBe(0);
  });
});

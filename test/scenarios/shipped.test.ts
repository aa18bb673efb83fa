/**
The shipped scenarios: each validates, says what question it answers, and
moves the results the way its question implies, relative to the plan.
*/
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import { series, type RunResult } from '../../src/engine/results.js';
import { loadScenario } from '../../src/scenario/index.js';

const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();
const run = (f: string): RunResult => simulate(loadScenario(`scenarios/${f}`), { detail: true });
const plan = run('guian-plan.yaml');
const at = (r: RunResult, m: string, year: number): number => series(r, m)[year - r.years[0]!]!;

describe('shipped scenarios', () => {
  it('are the nine of the README\'s scenario table', () => {
    expect(files).toEqual([
      'ai-boom.yaml', 'green-cap.yaml', 'guian-actual.yaml', 'guian-delayed.yaml', 'guian-plan.yaml', 'guian-realistic-cost.yaml', 'national-push.yaml', 'national.yaml', 'no-transfer.yaml',
    ]);
    const readme = readFileSync('README.md', 'utf8');
    for (const f of files) expect(readme).toContain(`\`${f}\``);
  });

  it('what actually happened: far below the plan, the unnamed sites never built, the AI turn after 2022', () => {
    const r = run('guian-actual.yaml');
    expect(at(r, 'rackCapacity', 2025)).toBeLessThan(0.5 * at(plan, 'rackCapacity', 2025));
    expect(r.detail!.datacenters.filter((d) => d.id.startsWith('site-')).every((d) => d.liveRacks.every((v) => v === 0))).toBe(true);
    expect(at(r, 'aiEflops', 2025)).toBeGreaterThan(3 * at(r, 'aiEflops', 2022));
  });

  it.each(files)('%s validates, states its question, and its plan levers resolve', (f) => {
    const text = readFileSync(`scenarios/${f}`, 'utf8');
    expect(text.split('\n').slice(0, 12).join('\n')).toMatch(/# Question: /);
    const s = loadScenario(`scenarios/${f}`);
    for (const id of ['investment', 'transferIncentive', 'electricityPrice', 'demandGrowth', 'aiShare']) {
      if (f === 'guian-plan.yaml') expect(s.levers.map((l) => l.id)).toContain(id);
    }
  });

  it('realistic cost: the same budget builds far less', () => {
    const r = run('guian-realistic-cost.yaml');
    expect(at(r, 'rackCapacity', 2025)).toBeLessThan(0.7 * at(plan, 'rackCapacity', 2025));
    expect(at(r, 'dcOperational', 2025)).toBeLessThan(12);
  });

  it('delayed: fewer racks by 2025, 12 DCs no earlier than the plan, and the 4 M servers missed', () => {
    const r = run('guian-delayed.yaml');
    expect(at(r, 'rackCapacity', 2025)).toBeLessThan(at(plan, 'rackCapacity', 2025));
    const first12 = (x: RunResult): number => x.years.find((y) => at(x, 'dcOperational', y) >= 12) ?? Infinity;
    expect(first12(r)).toBeGreaterThanOrEqual(first12(plan));
    expect(r.detail!.events.some((e) => e.kind === 'target-missed' && e.text.includes('4 M server'))).toBe(true);
  });

  it('national push: more DCs, more transfer, more investment', () => {
    const r = run('national-push.yaml');
    expect(at(r, 'dcOperational', 2025)).toBe(14);
    expect(at(r, 'capexCumCNY', 2025)).toBeGreaterThan(at(plan, 'capexCumCNY', 2025));
    for (const y of r.years) expect(at(r, 'transferredRacks', y)).toBeGreaterThanOrEqual(at(plan, 'transferredRacks', y) * (1 - 1e-12));
  });

  it('no transfer: nothing moves and nothing is saved', () => {
    const r = run('no-transfer.yaml');
    for (const m of ['transferredRacks', 'elsewhereRacks', 'costSavedCNY', 'carbonSavedKt']) expect(series(r, m).every((v) => v === 0)).toBe(true);
    expect(at(r, 'rackUtilization', 2025)).toBeLessThan(at(plan, 'rackUtilization', 2025));
  });

  it('AI boom: more AI compute (FP16) and more power on the same racks', () => {
    const r = run('ai-boom.yaml');
    expect(at(r, 'rackCapacity', 2030)).toBe(at(plan, 'rackCapacity', 2030));
    expect(at(r, 'aiEflops', 2030)).toBeGreaterThan(1.5 * at(plan, 'aiEflops', 2030));
    expect(at(r, 'aiServersInstalled', 2030)).toBeGreaterThan(at(plan, 'aiServersInstalled', 2030));
  });

  it('green cap: PUE never above 1.2 and less carbon than the plan', () => {
    const r = run('green-cap.yaml');
    expect(series(r, 'pue').every((p) => p <= 1.2 + 1e-12)).toBe(true);
    for (const y of r.years) expect(at(r, 'carbonKt', y)).toBeLessThanOrEqual(at(plan, 'carbonKt', y));
  });
});

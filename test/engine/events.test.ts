import { describe, expect, it } from 'vitest';
import { monthLabel, simulate } from '../../src/engine/simulate.js';
import { baseScenario } from './builder.js';

describe('events', () => {
  it('phases go live at start + build, with structured fields, in date order', () => {
    const r = simulate(baseScenario(), { detail: true });
    const ev = r.detail!.events;
    const bp1 = ev.find((e) => e.kind === 'phase-live' && e.dcId === 'b' && e.phaseId === 'p1')!;
    // started 6 months before the horizon, 24-month build: live in month 18 = 2021-07
    expect(monthLabel(2020, bp1.month)).toBe('2021-07');
    expect(bp1.racks).toBe(30_000);
    expect(bp1.text).toBe('Site B phase p1 live: +30 k racks');
    expect(ev.map((e) => e.month)).toEqual([...ev.map((e) => e.month)].sort((a, b) => a - b));
  });

  it('a floor target is dated in the month it is met; a missed one at its year end', () => {
    const sc = baseScenario();
    sc.investment.total = 1e12;
    sc.targets = [
      { id: 'racks', metric: 'rackCapacity', year: 2025, atLeast: 80_000, label: '80 k racks' },
      { id: 'more', metric: 'rackCapacity', year: 2025, atLeast: 1e6, label: '1 M racks' },
    ];
    const ev = simulate(sc, { detail: true }).detail!.events;
    const met = ev.find((e) => e.kind === 'target-met')!;
    expect(met.text).toBe('target met: 80 k racks');
    expect(monthLabel(2020, met.month)).toBe('2024-01'); // site B phase 2: planned 2022-01 + 24 months
    const missed = ev.find((e) => e.kind === 'target-missed')!;
    expect(monthLabel(2020, missed.month)).toBe('2025-12');
    expect(missed.text).toContain('1 M racks');
  });

  it('a budget that cannot fund a phase says so, and says when funds come', () => {
    const ev = simulate(baseScenario(), { detail: true }).detail!.events;
    const wait = ev.find((e) => e.kind === 'budget-wait')!;
    const resume = ev.find((e) => e.kind === 'budget-resume')!;
    expect(wait.text).toMatch(/1 phase wait/);
    expect(resume.month).toBeGreaterThan(wait.month);
  });
});

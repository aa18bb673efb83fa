/** Narration and the table's sentences: true to the run, plurals and names right. */
import { describe, expect, it } from 'vitest';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { simulate } from '../../src/engine/simulate.js';
import { phaseName } from '../../src/report/display.js';
import { counted } from '../../src/report/format.js';
import { narrationText } from '../../src/report/narration.js';
import { resultTable } from '../../src/report/table.js';
import { baseScenario } from '../engine/builder.js';

describe('narration', () => {
  it('with no racks live, does not say the racks are full', () => {
    const sc = baseScenario();
    // nothing live before the horizon and nothing finished in the first year
    for (const dc of sc.datacenters) for (const ph of dc.phases) Object.assign(ph, { preexisting: false, start: 0, build: 20 });
    const r = simulate(sc, { detail: true });
    const first = narrationText(r, 2020);
    expect(first).not.toMatch(/full/);
    expect(first).toMatch(/no racks open to tenants yet/);
  });

  it('names phases in words, never by an internal id', () => {
    expect(phaseName('p2')).toBe('phase 2');
    expect(phaseName('phase-3')).toBe('phase 3');
    expect(phaseName('bc')).toBe('');
    const sc = baseScenario();
    sc.datacenters[0]!.phases[0]!.id = 'bc';
    const r = simulate(sc, { detail: true });
    for (const y of r.years) expect(narrationText(r, y)).not.toMatch(/phase bc|phase BC/i);
  });

  it('counts with the right plural', () => {
    expect(counted(1, 'DC')).toBe('1 DC');
    expect(counted(12, 'DC')).toBe('12 DCs');
    expect(counted(3333, 'run')).toBe('3,333 runs');
    expect(counted(1, 'scenario')).toBe('1 scenario');
  });
});

describe('the table construction line', () => {
  it('mentions sunk phases only when there are some, with the right plural', () => {
    const none = baseScenario();
    for (const dc of none.datacenters) for (const ph of dc.phases) ph.preexisting = false;
    expect(resultTable(monteCarlo(none, { runs: 1 }))).not.toMatch(/sunk/);
    const one = baseScenario();
    const sunk = one.datacenters.flatMap((d) => d.phases).filter((p) => p.preexisting).length;
    expect(sunk).toBe(1);
    expect(resultTable(monteCarlo(one, { runs: 1 })).replace(/\s+/g, ' ')).toContain('besides 1 phase live before 2020, whose cost is sunk');
  });
});

describe('narration words', () => {
  it('keeps acronyms in class names and prints small target values with decimals', () => {
    const sc = baseScenario();
    sc.workloads[2]!.name = 'AI training';
    sc.targets = [{ id: 'pue', metric: 'pue', year: 2025, atMost: 1.01, label: 'PUE at most 1.01' }];
    const r = simulate(sc, { detail: true });
    const all = r.years.map((y) => narrationText(r, y)).join(' ');
    expect(all).not.toMatch(/aI training/);
    expect(all).toMatch(/PUE at most 1\.01 \(1\.\d\d in 2025\)/);
  });
});

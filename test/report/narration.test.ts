/** Narration and the table's sentences: true to the run, plurals and names right. */
import { describe, expect, it } from 'vitest';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { simulate } from '../../src/engine/simulate.js';
import { fmt, phaseName } from '../../src/report/display.js';
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

describe('narration: what limits Gui\'an, and the other clusters', () => {
  const limitSentence = /limits Gui'an's growth this year/;
  const gridCapped = (): ReturnType<typeof baseScenario> => {
    const sc = baseScenario();
    sc.grid = { capacity: new Float64Array(11).fill(20_000), substations: [], peakFactor: 1 };
    return sc;
  };

  it('names the grid in every year it binds, and says when the connection fills up, with its capacity', () => {
    const r = simulate(gridCapped(), { detail: true });
    const d = r.detail!;
    expect(d.bindingLimit.every((l) => l === 'grid')).toBe(true);
    const full = d.events.filter((e) => e.kind === 'grid-full');
    expect(full.length).toBeGreaterThan(0);
    for (const e of full) expect(narrationText(r, e.year)).toContain('The grid connection fills up (20 MW) and new load waits');
    for (const y of r.years) {
      const t = narrationText(r, y);
      expect(t, String(y)).toMatch(/The grid connection limits Gui'an's growth this year/);
      // said once a year: the event's year does not repeat why
      expect(t.match(/new load waits/g), String(y)).toHaveLength(1);
    }
    // without the cap the grid is never named
    const free = simulate(baseScenario(), { detail: true });
    for (const y of free.years) expect(narrationText(free, y)).not.toMatch(/grid/);
  });

  it('names money, construction and the network in the years they bind, and nothing when demand does', () => {
    const r = simulate(baseScenario(), { detail: true });
    const words = { money: 'Money limits', construction: 'Construction limits', capacity: 'Capacity limits', network: 'The network east limits', grid: 'The grid connection limits' } as const;
    const seen = new Set<string>();
    r.years.forEach((year, y) => {
      const limit = r.detail!.bindingLimit[y]!;
      const t = narrationText(r, year);
      if (limit === 'demand') expect(t, String(year)).not.toMatch(limitSentence);
      else {
        seen.add(limit);
        expect(t, String(year)).toContain(`${words[limit]} Gui'an's growth this year`);
        for (const [other, w] of Object.entries(words)) if (other !== limit) expect(t, String(year)).not.toContain(w);
      }
    });
    expect([...seen].sort()).toEqual(['capacity', 'construction', 'money']);

    // a network too small for the work: the network binds
    const thin = baseScenario();
    thin.network.capacity = new Float64Array(11).fill(50);
    const n = simulate(thin, { detail: true });
    expect(n.detail!.bindingLimit[1]).toBe('network');
    expect(narrationText(n, 2021)).toContain("The network east limits Gui'an's growth this year: it is full and transfer is throttled");

    // little eastern demand: racks to spare, no limit named
    const small = baseScenario();
    for (const h of small.hubs) h.demand = new Float64Array(11).fill(2000);
    const s = simulate(small, { detail: true });
    expect(s.detail!.bindingLimit[3]).toBe('demand');
    expect(narrationText(s, 2023)).not.toMatch(limitSentence);
  });

  it('says when another western cluster takes more eastern work than Gui\'an, with both shares', () => {
    const r = simulate(baseScenario(), { detail: true });
    const [guian, north] = r.detail!.clusters;
    expect(guian!.id).toBe('guian');
    let ahead = 0;
    r.years.forEach((year, y) => {
      const t = narrationText(r, year);
      if (north!.eastShare[y]! > guian!.eastShare[y]!) {
        ahead++;
        expect(t, String(year)).toContain(
          `North takes more eastern work than Gui'an: ${fmt(north!.eastShare[y]!, 'share')} of the work placed in clusters against ${fmt(guian!.eastShare[y]!, 'share')}`,
        );
      } else expect(t, String(year)).not.toMatch(/takes? more eastern work than Gui'an/);
    });
    // North leads at first and Gui'an overtakes it: both cases are exercised
    expect(ahead).toBeGreaterThan(0);
    expect(ahead).toBeLessThan(r.years.length);

    // a cluster with no room for eastern work is never ahead
    const none = baseScenario();
    none.competitors[0]!.capacity = new Float64Array(11).fill(0);
    const n = simulate(none, { detail: true });
    for (const y of n.years) expect(narrationText(n, y)).not.toMatch(/more eastern work than Gui'an/);
  });
});

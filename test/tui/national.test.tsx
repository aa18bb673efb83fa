/**
The National view (key 7): every national cluster in the cursor year, one row
each — Gui'an first, marked ★ — with its racks, how many are used, the eastern
work it holds, its share of all eastern work placed in clusters and what limited
it, as the engine's central run gives them (`detail.clusters`); "–" for racks a
scenario does not give; readable at 80 × 24 and 120 × 40. And Flows naming what
limited Gui'an in the cursor year (`detail.bindingLimit`) in the same words.
*/
import { afterEach, describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import type { RunResult } from '../../src/engine/results.js';
import { fmt } from '../../src/report/display.js';
import { clusterLimitWords, clusterName, LIMIT_WORDS } from '../../src/report/narration.js';
import { METRIC_NAMES } from '../../src/scenario/metric-names.js';
import { centralAt } from '../../src/tui/model.js';
import { width } from '../../src/tui/text.js';
import { KEY, loaded, makeStore, PLAN, screen, type Screen } from './helpers.js';

const FIXTURE = 'test/tui/fixtures/clusters.yaml';
// every metric id that is not also a plain word
const IDS = new RegExp(`\\b(${METRIC_NAMES.filter((m) => /[A-Z]/.test(m)).join('|')})\\b`);
const esc = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let s: Screen | undefined;
afterEach(() => {
  s?.close();
  s = undefined;
});

const central = (file = PLAN): RunResult => simulate(loaded(file).scenario, { detail: true });

/** Put the cursor on `year` (the horizon starts in 2020). */
async function goTo(sc: Screen, year: number): Promise<void> {
  // on from the year shown when it is not past `year` (every key is a frame), else from the first (Home)
  const { years, year: at } = sc.store.getState();
  const from = years[at]! <= year ? years[at]! : 2020;
  await sc.press(...(from === 2020 && years[at] !== 2020 ? [KEY.home] : []), ...Array.from({ length: year - from }, () => '.'));
}

/** The table row of a cluster: the line whose name cell starts with `name`. */
function rowOf(lines: string[], name: string): string | undefined {
  return lines.find((l) => /^[▸ ] /.test(l) && l.slice(2).startsWith(`${name} `));
}

function expectReadable(sc: Screen, w: number, h: number, what: string): void {
  const lines = sc.lines();
  expect(lines.filter((l) => width(l) > w), `${what}: lines wider than ${w}`).toEqual([]);
  expect(lines.length, `${what}: frame height`).toBeLessThanOrEqual(h - 1);
  // an ellipsis only after a whole word (" …"), never inside one ("Horin…")
  expect(sc.frame(), `${what}: a word cut`).not.toMatch(/\S…/);
  expect(sc.frame(), `${what}: a raw metric id`).not.toMatch(IDS);
  expect(sc.frame(), what).not.toMatch(/NaN|undefined|Infinity/);
}

describe('National view', () => {
  it.each([
    [80, 24],
    [120, 40],
  ])('%i × %i: one row per cluster with the central run’s figures, Gui’an first and marked, "–" where racks are not given', async (w, h) => {
    const r = central();
    const clusters = r.detail!.clusters;
    expect(clusters.map((c) => c.id)).toEqual(['guian', 'horinger', 'qingyang', 'zhongwei']);
    s = screen(makeStore(), w, h);
    await s.press('7');
    expect(s.store.getState().view).toBe('national');
    for (const year of [2020, 2023, 2025, 2030]) {
      await goTo(s, year);
      const y = year - 2020;
      const lines = s.lines();
      expect(s.frame()).toContain(`National clusters in ${year} · standard racks · central case`);
      const rows = clusters.map((c, i) => {
        const name = i === 0 ? "Gui'an ★" : w >= 110 ? c.name : clusterName(c.name);
        const row = rowOf(lines, name);
        expect(row, `${year}: the row of ${c.name}`).toBeDefined();
        const cells = [fmt(c.racks[y]!, 'racks', false), fmt(c.utilization[y]!, 'share'), fmt(c.eastern[y]!, 'racks', false), fmt(c.eastShare[y]!, 'share')];
        expect(row, `${year} ${c.name}`).toMatch(new RegExp(`${cells.map(esc).join('\\s+')}\\s+${esc(clusterLimitWords(c.limit[y], i === 0))}\\s*$`));
        return lines.indexOf(row!);
      });
      // in the engine's order, one line each, Gui'an first; only Gui'an's row is marked
      expect(rows).toEqual([...rows].sort((a, b) => a - b));
      expect(new Set(rows).size).toBe(clusters.length);
      expect(rows.map((i) => lines[i]!.includes('★'))).toEqual(clusters.map((_, i) => i === 0));
      // the plan gives no racks for the other clusters: their racks and use are "–", and so are the totals of them
      for (const c of clusters.slice(1)) expect(rowOf(lines, w >= 110 ? c.name : clusterName(c.name))).toMatch(/^\S?\s+\S.*\s–\s+–\s/);
      const total = lines.find((l) => l.trimStart().startsWith('All clusters'))!;
      const east = centralAt(s.store.getState().runs[0]!, 'transferredRacks', year) + centralAt(s.store.getState().runs[0]!, 'elsewhereRacks', year);
      expect(total).toMatch(new RegExp(`–\\s+–\\s+${esc(fmt(east, 'racks', false))}\\s*$`));
      expect(east).toBeCloseTo(clusters.reduce((a, c) => a + c.eastern[y]!, 0), 6);
      expectReadable(s, w, h, `${w}×${h} ${year}`);
    }
  });

  it('↑/↓ choose a cluster: the sentence under the table names it in full, with what the row does not say', async () => {
    const r = central();
    const horinger = r.detail!.clusters[1]!;
    s = screen(makeStore(), 80, 24);
    await s.press('7');
    await goTo(s, 2025);
    expect(s.frame().replace(/\s+/g, ' ')).toMatch(/Gui'an, modelled site by site: [\d.]+ k of 809 k racks occupied; holds 216 k racks of eastern work; limit: demand: racks to spare\./);
    await s.press(KEY.down);
    expect(s.lines().find((l) => l.startsWith('▸'))).toMatch(/^▸ Horinger /);
    const text = s.frame().replace(/\s+/g, ' ');
    expect(text).toContain(`Horinger (Inner Mongolia): racks not given in the scenario; holds ${fmt(horinger.eastern[5]!, 'racks')} of eastern work, all its room for it; limit: room for eastern work full.`);
    expectReadable(s, 80, 24, 'Horinger chosen');
    // the selection wraps round
    await s.press(KEY.down, KEY.down, KEY.down);
    expect(s.lines().find((l) => l.startsWith('▸'))).toMatch(/^▸ Gui'an ★/);
    // the chart of eastern work held, with a legend of the clusters, fits under it at 80 × 24
    expect(s.frame()).toMatch(/Eastern work held \(racks[^)]*\) {2}─ Gui'an {2}. Horinger {2}. Qingyang {2}. Zhongwei/);
  });

  it('with every cluster\'s racks given: their racks, use and totals; the grid named as Gui\'an\'s limit', async () => {
    const r = central(FIXTURE);
    const clusters = r.detail!.clusters;
    const y = 5;
    expect(r.detail!.bindingLimit[y]).toBe('grid');
    s = screen(makeStore([FIXTURE]), 120, 40);
    await s.press('7');
    await goTo(s, 2025);
    const lines = s.lines();
    for (const c of clusters.slice(1)) {
      expect(Number.isFinite(c.racks[y]!)).toBe(true);
      expect(rowOf(lines, c.name)).toMatch(new RegExp(`${esc(fmt(c.racks[y]!, 'racks', false))}\\s+${esc(fmt(c.utilization[y]!, 'share'))}\\s`));
    }
    expect(rowOf(lines, "Gui'an ★")).toMatch(/grid connection full\s*$/);
    const run = s.store.getState().runs[0]!;
    const total = lines.find((l) => l.trimStart().startsWith('All clusters'))!;
    expect(total).toMatch(new RegExp(`${esc(fmt(centralAt(run, 'clusterRacks', 2025), 'racks', false))}\\s+${esc(fmt(centralAt(run, 'clusterUtilization', 2025), 'share'))}\\s`));
    expect(centralAt(run, 'clusterRacks', 2025)).toBeCloseTo(clusters.reduce((a, c) => a + c.racks[y]!, 0), 6);
    expect(s.frame()).not.toContain('not given in the scenario');
    expectReadable(s, 120, 40, 'fixture');
    // Flows names the same limit, with the connection's capacity
    await s.press('3');
    expect(s.frame()).toContain('Limit: grid connection full (300 MW) · new load waits');
  });
});

describe('Flows names what limited Gui\'an', () => {
  it('every year of the plan, in the words of the report, at 80 × 24', async () => {
    const r = central();
    s = screen(makeStore(), 80, 24);
    await s.press('3');
    const seen = new Set<string>();
    for (const [y, year] of r.years.entries()) {
      await goTo(s, year);
      const limit = r.detail!.bindingLimit[y]!;
      seen.add(limit);
      const line = s.lines().find((l) => l.startsWith('  Limit: '));
      expect(line, String(year)).toBeDefined();
      expect(line!.slice('  Limit: '.length), String(year)).toMatch(new RegExp(`^${esc(LIMIT_WORDS[limit])}( · |\\s*$)`));
      expectReadable(s, 80, 24, `flows ${year}`);
    }
    // the plan is bound by money, construction, capacity (every hall built and full) and (with racks to spare) demand in different years
    expect([...seen].sort()).toEqual(['capacity', 'construction', 'demand', 'money']);
  });
});

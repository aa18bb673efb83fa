/**
One story on every screen: once a run's Monte Carlo bands are complete every
view shows the median with its P5–P95 band and each target's verdict on the
median with its probability; while the bands fill (or without uncertainty) the
central case, labelled so — never the two mixed. Compare matches targets by
metric and year; labels are people's words; the export writes what the screen
shows.
*/
import { readFileSync, readdirSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { monteCarlo, type MonteCarloResult } from '../../src/engine/montecarlo.js';
import { fmt } from '../../src/report/display.js';
import { METRIC_NAMES } from '../../src/scenario/metric-names.js';
import { readingHelp } from '../../src/tui/hooks/use-keys.js';
import { bandsComplete, basisLabel, centralAt, narrationOf, probabilityText, valueAt, type Run } from '../../src/tui/model.js';
import { compareTargetRows } from '../../src/tui/views/compare.js';
import type { TuiStore } from '../../src/tui/store.js';
import { KEY, loaded, makeStore, PLAN, screen, type Screen } from './helpers.js';

const RUNS = 40;
const Y2025 = 5;

/** The plan's Monte Carlo of RUNS runs, its own seed: what the store's complete bands must equal (two describes read it; computed once). */
let planRuns: MonteCarloResult | undefined;
const planMc = (): MonteCarloResult => (planRuns ??= monteCarlo(loaded().scenario, { runs: RUNS }));

let s: Screen | undefined;
const dirs: string[] = [];
afterEach(() => {
  s?.close();
  s = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The median of `metric` in `year` from the engine's own Monte Carlo. */
function median(mc: MonteCarloResult, metric: string, year: number): number {
  const Y = mc.central.years.length;
  return mc.bands![mc.central.metrics.indexOf(metric) * Y + (year - mc.central.years[0]!)]!.p50;
}

/** A store whose bands are complete, at 2025. */
function complete(files = [PLAN], runs = RUNS): TuiStore {
  const store = makeStore(files, { mcRuns: runs, bands: { schedule: null } });
  store.drainBands();
  store.dispatch({ type: 'yearTo', index: Y2025 });
  return store;
}

/** A store with bands part-filled: `slices` slices of two runs each. */
function filling(slices: number): TuiStore {
  let next: (() => void) | undefined;
  const store = makeStore([PLAN], { mcRuns: RUNS, bands: { schedule: (fn) => (next = fn), sliceMs: 0, publishMs: 0 } });
  for (let i = 0; i < slices; i++) {
    const fn = next!;
    next = undefined;
    fn();
  }
  store.dispatch({ type: 'yearTo', index: Y2025 });
  return store;
}

const lineWith = (sc: Screen, text: string): string => sc.lines().find((l) => l.includes(text)) ?? '';

describe('complete bands: every view shows the median', () => {
  const mc = planMc();
  const m = (metric: string): number => median(mc, metric, 2025);

  it('the title names the runs; Overview: median value, band, the verdict on the median with P, and where the central case disagrees', async () => {
    const store = complete();
    s = screen(store, 100, 30);
    await s.press();
    expect(s.lines()[0]).toContain(`median of ${RUNS} runs`);
    const servers = mc.targets.find((t) => t.id === 'servers')!;
    const central = store.getState().runs[0]!.targets.find((t) => t.id === 'servers')!;
    // the case of the issue: the central case meets 4 M, the median does not
    expect(central.met).toBe(true);
    expect(servers.met).toBe(false);
    const line = lineWith(s, 'Server capacity');
    expect(line).toContain(fmt(m('serverCapacity'), 'servers'));
    expect(line).not.toContain(fmt(centralAt(store.getState().runs[0]!, 'serverCapacity', 2025), 'servers'));
    expect(line).toContain(`✗ ${fmt(servers.value, 'servers', false)} · ${probabilityText(servers.probability!)}`);
    expect(line).not.toContain('✓ met');
    expect(lineWith(s, '2025 ')).toContain('median');
    expect(lineWith(s, '2025 ')).toContain('P5 – P95');
    expect(s.frame().replace(/\s+/g, ' ')).toContain(
      `Central case meets 4 M server capacity by 2025; the median of ${RUNS} runs does not (P ${probabilityText(servers.probability!)})`,
    );
    expect(s.frame()).toMatch(/─ median {2}░ P5–P95 of 40 runs/);
    // the narration quotes the median
    expect(s.frame().replace(/\s+/g, ' ')).toContain(`misses 4 M server capacity by 2025 (${fmt(servers.value, 'servers')}`);
  });

  it('Data centers, Flows, Energy, Money, National, Compare and the narration read the median; breakdowns say central case', async () => {
    const store = complete();
    s = screen(store, 100, 30);
    await s.press('2');
    expect(s.frame()).toContain('Sites in 2025 · central case');
    expect(lineWith(s, 'All 12 sites, median')).toContain(fmt(m('rackCapacity'), 'racks', false));
    expect(lineWith(s, 'All 12 sites, median')).toContain(fmt(m('serverCapacity'), 'servers', false));
    await s.press('3');
    expect(s.frame()).toContain('standard racks · central case');
    expect(lineWith(s, 'All hubs, median')).toContain(`Gui'an ${fmt(m('transferredRacks'), 'racks')}`);
    expect(s.frame()).toContain('Limit (central case)');
    await s.press('4');
    expect(lineWith(s, 'IT load')).toContain(fmt(m('itPowerMW'), 'MW'));
    expect(s.frame()).toContain(`the ${fmt(m('transferredRacks'), 'racks')} of eastern work`);
    await s.press('5');
    expect(lineWith(s, 'Capex to date')).toContain(fmt(m('capexCumCNY'), 'CNY'));
    expect(s.frame()).toContain('Payback (central case)');
    await s.press('7');
    expect(s.frame()).toContain('National clusters in 2025 · standard racks · central case');
    expect(lineWith(s, `Gui'an, median of ${RUNS} runs`)).toContain(`${fmt(m('transferredRacks'), 'racks')} of eastern work`);
    await s.press('6');
    expect(lineWith(s, 'Runs in 2025')).toContain(`median of ${RUNS} runs`);
    expect(lineWith(s, 'Server capacity')).toContain(fmt(m('serverCapacity'), 'servers', false));
    expect(lineWith(s, '4 M server capacity by 2025')).toContain('✗');
    // the narration line quotes the median of the eastern work served
    await s.press(KEY.right);
    expect(s.frame().replace(/\s+/g, ' ')).toContain(`Gui'an serves ${fmt(median(mc, 'transferredRacks', 2026), 'racks')} of eastern work`);
  });

  it('on medians the narration quotes the central run after "Central case:", proper names with their capital', () => {
    const store = complete();
    const run = store.getState().runs[0]!;
    const text = narrationOf(run, 2021, 'median');
    expect(text).toMatch(/Central case: .*construction limits Gui'an's growth this year/);
    expect(text).toContain('; Horinger takes more eastern work than Gui\'an');
    expect(text).not.toMatch(/\bhoringer|\bgui'an/);
    store.close();
  });

  it('valueAt is the median once the bands are complete, the central case before', () => {
    const store = complete();
    const run = store.getState().runs[0]!;
    expect(bandsComplete(run)).toBe(true);
    expect(valueAt(run, 'rackCapacity', 2025)).toBe(m('rackCapacity'));
    expect(valueAt(run, 'rackCapacity', 2025, 'central')).toBe(centralAt(run, 'rackCapacity', 2025));
    const partial = filling(3).getState().runs[0]!;
    expect(partial.mc.done).toBe(6);
    expect(valueAt(partial, 'rackCapacity', 2025)).toBe(centralAt(partial, 'rackCapacity', 2025));
    expect(basisLabel([partial])).toBe(`central case · Monte Carlo 6/${RUNS}…`);
    store.close();
  });
});

describe('while the bands fill: the central case, labelled', () => {
  it('says "central case · Monte Carlo n/N…", shows no band and no probability', async () => {
    const store = filling(3);
    s = screen(store, 100, 30);
    await s.press();
    const run = store.getState().runs[0]!;
    expect(run.mc.bands).toBeUndefined(); // bands are summarised once, when all runs are done (src/tui/background.ts)
    expect(s.lines()[0]).toContain(`central case · Monte Carlo 6/${RUNS}…`);
    const line = lineWith(s, 'Server capacity');
    expect(line).toContain(fmt(centralAt(run, 'serverCapacity', 2025), 'servers'));
    expect(line).toContain('✓ met');
    expect(line).not.toMatch(/%/);
    expect(s.frame()).not.toContain('P5 – P95');
    expect(s.frame()).not.toContain('░');
    expect(lineWith(s, '2025 ')).toContain('central case');
  });

  it('without bands at all the title says central case', async () => {
    s = screen(makeStore(), 100, 30);
    await s.press();
    expect(s.lines()[0]).toMatch(/central case\s*$/);
  });
});

describe('export writes what the screen shows', () => {
  const tmp = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'dcplan-tui-story-'));
    dirs.push(d);
    return d;
  };
  type Json = { runs: number; statistic: string; years: Record<string, number>[]; scenario: { name: string } };
  const read = (dir: string, stem: string): Json => JSON.parse(readFileSync(join(dir, `${stem}.json`), 'utf8')) as Json;

  it('the complete Monte Carlo result (medians) once the bands are done', () => {
    const dir = tmp();
    const store = makeStore([PLAN], { mcRuns: RUNS, bands: { schedule: null }, exportDir: dir });
    store.drainBands();
    const [stem] = store.exportRuns();
    const json = read(dir, stem!);
    expect(json.runs).toBe(RUNS);
    expect(json.statistic).toBe('median');
    expect(json.years[Y2025]!.serverCapacity).toBeCloseTo(median(planMc(), 'serverCapacity', 2025), 3);
    expect(store.getState().message?.text).toContain(`(median of ${RUNS} runs)`);
    expect(readFileSync(join(dir, `${stem}.csv`), 'utf8').split('\n')[0]).toContain(`median of ${RUNS}`);
    store.close();
  });

  it('the central case, labelled, while the bands fill — never the medians of the runs done so far', () => {
    const dir = tmp();
    let next: (() => void) | undefined;
    const store = makeStore([PLAN], { mcRuns: RUNS, bands: { schedule: (fn) => (next = fn), sliceMs: 0, publishMs: 0 }, exportDir: dir });
    for (let i = 0; i < 4; i++) next!();
    expect(store.getState().runs[0]!.mc.done).toBe(8);
    const [stem] = store.exportRuns();
    const json = read(dir, stem!);
    expect(json.runs).toBe(1);
    expect(json.statistic).toBe('central case');
    expect(json.years[Y2025]!.serverCapacity).toBeCloseTo(centralAt(store.getState().runs[0]!, 'serverCapacity', 2025), 3);
    expect(readFileSync(join(dir, `${stem}.csv`), 'utf8').split('\n')[0]).toContain('central case');
    expect(store.getState().message?.text).toContain('(central case, Monte Carlo not done)');
    expect(readdirSync(dir)).toHaveLength(2);
    store.close();
  });

  it('a lever reset restarts the bands: the export does not keep the old complete result', () => {
    const dir = tmp();
    const store = makeStore([PLAN], { mcRuns: RUNS, bands: { schedule: null }, exportDir: dir });
    store.dispatch({ type: 'levers', open: true });
    store.turnLever(1);
    store.dispatch({ type: 'leverSelect', delta: 1 });
    store.turnLever(1); // investment 45 bn, transfer incentive 250
    store.drainBands();
    store.resetLever(); // back to investment 45 bn: new bands, not yet filled
    expect(store.getState().runs[1]!.mc.done).toBe(0);
    const stems = store.exportRuns();
    expect(read(dir, stems[0]!).runs).toBe(RUNS);
    expect(read(dir, stems[1]!).runs).toBe(1);
    store.close();
  });
});

describe('Compare: targets by metric and year, each run against its own goal', () => {
  const FILES = [PLAN, 'scenarios/guian-realistic-cost.yaml', 'scenarios/national-push.yaml'];

  it("national-push's 14 mega DCs sit on the mega-DC row with its own goal and probability, not under 12", async () => {
    const store = complete(FILES, 20);
    s = screen(store, 100, 30);
    await s.press('6');
    const push = monteCarlo(loaded('scenarios/national-push.yaml').scenario, { runs: 20 }).targets.find((t) => t.metric === 'dcOperational')!;
    expect(push.atLeast).toBe(14);
    const row = lineWith(s, 'Mega DCs operating by 2025');
    expect(row).toContain('≥ 12 ');
    const outcome = push.met ? `✓ met · ${probabilityText(push.probability!)}` : `✗ ${fmt(push.value, 'count', false)} · ${probabilityText(push.probability!)}`;
    expect(row).toMatch(new RegExp(`≥ 14 ${outcome.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`));
    // no row claims the plan's goal for every run
    expect(s.frame()).not.toContain('12 mega DCs operating by 2025');
    expect(lineWith(s, '4 M server capacity by 2025')).not.toContain('≥');
  });

  it('rows follow metric, year and direction, not ids or positions', () => {
    const store = makeStore(FILES);
    const runs = store.getState().runs;
    // the third scenario with its targets renamed and reversed
    const rename = <T extends { id: string }>(xs: T[]): T[] => xs.map((t) => ({ ...t, id: `other-${t.id}` })).reverse();
    const odd: Run = { ...runs[2]!, scenario: { ...runs[2]!.scenario, targets: rename(runs[2]!.scenario.targets) }, targets: rename(runs[2]!.targets) };
    const rows = compareTargetRows([runs[0]!, odd]);
    expect(rows.map((r) => `${r.target.metric} ${r.target.year}`)).toEqual(['dcOperational 2025', 'serverCapacity 2025', 'pue 2025']);
    expect(rows.map((r) => r.goalsDiffer)).toEqual([true, false, false]);
    expect(rows[0]!.label).toBe('Mega DCs operating by 2025');
    store.close();
  });
});

describe('labels for people', () => {
  // every metric id that is not also a plain word ("jobs")
  const IDS = new RegExp(`\\b(${[...METRIC_NAMES, 'serversPerMW'].filter((m) => /[A-Z]/.test(m)).join('|')})\\b`);

  it.each([[80, 24], [120, 40]])('no view shows a raw metric id (%i × %i), a derived metric goes by its label', async (w, h) => {
    const store = complete([PLAN, 'test/tui/fixtures/derived-target.yaml'], 12);
    s = screen(store, w, h);
    for (const keys of [['1'], ['2'], ['3'], ['4'], ['5'], ['6'], ['7'], [']', '1'], ['7'], [']', '6'], ['?']]) {
      await s.press(...keys);
      expect(s.frame(), keys.join(' ')).not.toMatch(IDS);
    }
    await s.press(KEY.escape, ']', '1', KEY.end); // the run with the derived target
    expect(s.store.getState().focus).toBe(1);
    for (let i = 0; i < 3; i++) await s.press(KEY.down); // its row: the fourth target
    expect(lineWith(s, '▸')).toContain('Servers per MW');
    expect(s.frame()).not.toMatch(IDS);
  });

  it('changes carry their units; shares change in percentage points', async () => {
    s = screen(makeStore(), 100, 30);
    await s.press(KEY.end, KEY.left, KEY.left, KEY.left, KEY.left, KEY.left); // 2025
    expect(lineWith(s, 'Live racks')).toMatch(/[+−][\d.,]+ k racks(\s|$)/);
    expect(lineWith(s, 'Capex to date')).toMatch(/[+−][\d.,]+ (M|bn) CNY/);
    expect(lineWith(s, 'Rack utilization')).toMatch(/[+−][\d.]+ pp/);
    await s.press('l', KEY.down, KEY.right, KEY.right, '6', 'l');
    expect(lineWith(s, 'Rack utilization')).toMatch(/pp|±0/);
  });

  it('the help says what the numbers are', async () => {
    expect(readingHelp().join(' ')).toMatch(/median/);
    expect(readingHelp().join(' ')).toMatch(/P5–P95/);
    expect(readingHelp().join(' ')).toMatch(/central case/);
    s = screen(makeStore(), 120, 40);
    await s.press('?');
    expect(s.frame()).toContain('Numbers are the median of the Monte Carlo runs');
  });
});

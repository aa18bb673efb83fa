/**
Forking at the cursor year (key f): the lever turns apply from January of that
year, the run follows its file's run until then (the engine's schedule); the
label says "from 2024", the charts mark the fork, Compare shows the branch
beside its base, f again (or F) removes the fork, and the help lists the keys.
*/
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { forkedScenario } from '../../src/engine/fork.js';
import { leverValueOverride, resolveScenario } from '../../src/scenario/index.js';
import { helpLines } from '../../src/tui/components/help.js';
import { runOverrides, type Run } from '../../src/tui/model.js';
import type { TuiStore } from '../../src/tui/store.js';
import { KEY, loaded, makeStore, PLAN, screen, type Screen } from './helpers.js';

let current: Screen | undefined;
let stores: TuiStore[] = [];

afterEach(() => {
  current?.close();
  current = undefined;
  for (const s of stores) s.close();
  stores = [];
});

beforeAll(() => {
  loaded(PLAN);
});

const FORK = 2024;

/** The yearly values of every metric of a run's central case for the years before / from `year`. */
function split(run: Run, year: number): { before: number[]; after: number[] } {
  const { years, metrics, values } = run.central;
  const before: number[] = [];
  const after: number[] = [];
  for (let k = 0; k < metrics.length; k++) {
    years.forEach((y, i) => (y < year ? before : after).push(values[k * years.length + i]!));
  }
  return { before, after };
}

/** f at 2024 on the file's run, then investment turned down `steps` times. */
async function forkAndCut(s: Screen, steps = 4): Promise<void> {
  await s.press(KEY.home, ...Array.from({ length: FORK - 2020 }, () => KEY.right));
  expect(s.store.getState().years[s.store.getState().year]).toBe(FORK);
  await s.press('f');
  await s.press('l', ...Array.from({ length: steps }, () => KEY.left));
}

describe('fork at the cursor year (f)', () => {
  it('after f at 2024 and a lever turn, the years before 2024 are the base run exactly and later ones differ', async () => {
    current = screen(makeStore(), 120, 40);
    await forkAndCut(current);
    const st = current.store.getState();
    expect(st.runs).toHaveLength(2);
    const [base, branch] = st.runs as [Run, Run];
    expect(branch.from).toBe(FORK);
    expect(branch.levers.investment).toBeLessThan(st.sources[0]!.leverBase.investment!);
    const a = split(base, FORK);
    const b = split(branch, FORK);
    expect(b.before).toEqual(a.before);
    expect(b.after).not.toEqual(a.after);
    // the same as the engine's schedule, and not the same as the cut from the start
    const l = loaded();
    const changed = resolveScenario(l.source, [leverValueOverride(l.source, 'investment', branch.levers.investment!)]);
    const fromStart = split({ ...branch, central: monteCarlo(changed, { runs: 1 }).central }, FORK);
    expect(fromStart.before).not.toEqual(a.before);
    expect(branch.scenario.overrides.some((o) => o.startsWith(`from ${FORK}: investment.total=`))).toBe(true);
    // by 2024 every phase is under way: a cut changes the budget released from then on
    const at = (r: Run, m: string, y: number): number => r.central.values[r.central.metrics.indexOf(m) * r.central.years.length + y - 2020]!;
    expect(at(branch, 'budgetCumCNY', 2023)).toBe(at(base, 'budgetCumCNY', 2023));
    expect(at(branch, 'budgetCumCNY', 2030)).toBeLessThan(at(base, 'budgetCumCNY', 2030));
  });

  it('a cheaper power price from 2024: servers and load follow the base until 2023 and change after', async () => {
    current = screen(makeStore(), 120, 40);
    await current.press(KEY.home, ...Array.from({ length: FORK - 2020 }, () => KEY.right), 'f', 'l', KEY.down, KEY.down, KEY.left, KEY.left, KEY.left);
    const [base, branch] = current.store.getState().runs as [Run, Run];
    expect(branch.levers).toEqual({ electricityPrice: 0.2 });
    expect(branch.label).toBe('electricity price 0.20 CNY/kWh from 2024');
    expect(split(branch, FORK).before).toEqual(split(base, FORK).before);
    const itMW = (r: Run): number[] => r.central.years.map((_, i) => r.central.values[r.central.metrics.indexOf('itPowerMW') * r.central.years.length + i]!);
    expect(itMW(branch).slice(0, FORK - 2020)).toEqual(itMW(base).slice(0, FORK - 2020));
    expect(itMW(branch).slice(FORK - 2020)).not.toEqual(itMW(base).slice(FORK - 2020));
  });

  it('the label says "from 2024", in Compare and the header, and the chart marks the fork', async () => {
    current = screen(makeStore(), 120, 40);
    await forkAndCut(current);
    const st = current.store.getState();
    const branch = st.runs[1]!;
    expect(branch.label).toMatch(/^investment \d+ bn from 2024$/);
    expect(runOverrides(st, branch)).toBe(branch.label);
    await current.press('l');
    expect(current.frame()).toContain('from 2024');
    expect(current.frame()).toContain('⑂');
    await current.press('6');
    const frame = current.frame();
    expect(frame).toContain('from 2024');
    // the base and the branch side by side; before the fork the branch's column shows no change
    expect(frame).toContain(st.runs[0]!.label);
    await current.press(KEY.home);
    const cols = current.lines().filter((x) => /^\s*▸/.test(x));
    expect(cols.length).toBe(1);
    expect(cols[0]).not.toMatch(/[+−-]\d/);
  });

  it('f again on the fork year, or F, removes the fork: the changes apply from the start', async () => {
    current = screen(makeStore(), 120, 40);
    await forkAndCut(current);
    const forked = current.store.getState().runs[1]!;
    await current.press('l', 'f');
    let st = current.store.getState();
    let run = st.runs[st.focus]!;
    expect(run.key).toBe(forked.key);
    expect(run.from).toBeUndefined();
    expect(run.schedule).toBeUndefined();
    expect(run.label).not.toContain('from');
    expect(split(run, FORK).before).not.toEqual(split(st.runs[0]!, FORK).before);
    // fork again, then F
    await current.press('f');
    expect(current.store.getState().runs[st.focus]!.from).toBe(FORK);
    expect(split(current.store.getState().runs[st.focus]!, FORK).before).toEqual(split(st.runs[0]!, FORK).before);
    await current.press('F');
    st = current.store.getState();
    run = st.runs[st.focus]!;
    expect(run.from).toBeUndefined();
    expect(run.label).not.toContain('from');
  });

  it("a forked run's Monte Carlo bands pair with the base's: the same draws, the same bands before the fork", () => {
    const store = makeStore([PLAN], { mcRuns: 6, bands: { schedule: null } });
    stores.push(store);
    store.dispatch({ type: 'yearTo', index: FORK - 2020 });
    store.fork();
    store.dispatch({ type: 'levers', open: true });
    for (let i = 0; i < 4; i++) store.turnLever(-1);
    store.drainBands();
    const [base, branch] = store.getState().runs as [Run, Run];
    expect(base.mc.done).toBe(6);
    expect(branch.mc.done).toBe(6);
    const years = base.central.years;
    const before = (r: Run): number[] => r.mc.bands!.flatMap((b, i) => (years[i % years.length]! < FORK ? [b.p5, b.p50, b.p95] : []));
    expect(before(branch)).toEqual(before(base));
    // what the engine gives for the same schedule and seed
    const l = loaded();
    const changed = resolveScenario(l.source, [leverValueOverride(l.source, 'investment', branch.levers.investment!)]);
    const schedule = [{ month: (FORK - 2020) * 12, scenario: changed }];
    const mc = monteCarlo(l.scenario, { runs: 6, schedule });
    expect(branch.mc.bands!.map((b) => b.p50)).toEqual(mc.bands!.map((b) => b.p50));
    expect(branch.scenario.hash).toBe(forkedScenario(l.scenario, schedule).hash);
  });

  it('help lists f and F', async () => {
    const text = helpLines(120, 60).map((l) => l.map((x) => x.text).join('')).join('\n');
    expect(text).toMatch(/\bf F\s+fork at the cursor year \/ remove it/);
    current = screen(makeStore(), 120, 40);
    await current.press('?');
    expect(current.frame()).toMatch(/\bf F\s+fork/);
  });
});

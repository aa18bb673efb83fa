/**
"What would it take?" (key w) in the TUI, in-process on an off-screen terminal:
on a target row of Overview it seeks the lever chosen in the levers panel (the
first when none was chosen) and shows the answer — the same as the engine's goal
seek of the same runs — in the message line and under the targets; on any other
row it says to pick a target. The search runs in slices the test steps itself
(keys go through between them) or drains; no waiting on the clock for it.
*/
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { goalSeek, scenarioEvaluator } from '../../src/engine/goal.js';
import { leverValueOverride, resolveScenario } from '../../src/scenario/index.js';
import type { Lever, Target } from '../../src/scenario/types.js';
import { goalAnswer, goalTargetOf } from '../../src/tui/goal.js';
import type { StoreOptions } from '../../src/tui/store.js';
import { KEY, loaded, makeStore, PLAN, screen, flush as settle, type Screen } from './helpers.js';

const RUNS = 40;

let s: Screen | undefined;
afterEach(() => {
  s?.close();
  s = undefined;
});

/** One turn of the event loop: the promises a slice left behind settle (not a wait on the clock). */
const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

const plan = () => loaded(PLAN);
const targetOf = (id: string): Target => plan().scenario.targets.find((t) => t.id === id)!;
const leverOf = (id: string): Lever => plan().scenario.levers.find((l) => l.id === id)!;

const answers = new Map<string, Promise<ReturnType<typeof goalAnswer>>>();
/** The answer the engine's goal seek gives for the file's run, `RUNS` runs per value, the file's seed (each question sought once per file). */
function expected(target: Target, lever: Lever, levers: Record<string, number> = {}): Promise<ReturnType<typeof goalAnswer>> {
  const key = JSON.stringify([target.id, lever.id, levers]);
  if (!answers.has(key)) answers.set(key, seekAnswer(target, lever, levers));
  return answers.get(key)!;
}
async function seekAnswer(target: Target, lever: Lever, levers: Record<string, number>): Promise<ReturnType<typeof goalAnswer>> {
  const { source, scenario } = plan();
  const held = Object.entries(levers).map(([id, v]) => leverValueOverride(source, id, v));
  const gt = goalTargetOf(target)!;
  const ev = scenarioEvaluator((v) => resolveScenario(source, [...held, leverValueOverride(source, lever.id, v)]), { seed: scenario.seed, metric: gt.metric, year: gt.year });
  const res = await goalSeek({ lever, target: gt, probability: 0.9, runs: RUNS, seed: scenario.seed }, ev);
  return goalAnswer(res, target, lever);
}

function open(opts: StoreOptions['goal'] = { schedule: null }, columns = 100, rows = 30): Screen {
  s = screen(makeStore([PLAN], { goal: { runs: RUNS, ...opts } }), columns, rows);
  return s;
}

/** The footer: the last line drawn. */
const footer = (sc: Screen): string => sc.lines().filter((l) => l.trim()).at(-1) ?? '';

beforeAll(() => {
  plan();
});

describe('w: what would it take?', () => {
  it('on a target row: the least lever value, or that none gets there, with what binds — in the message line and under the targets', async () => {
    const sc = open();
    await sc.press(KEY.down, 'w'); // row 2: 4 M server capacity by 2025; no lever chosen: the first, investment
    expect(sc.frame()).toContain('? 4 M server capacity by 2025 with investment: searching… 0 runs (40 runs per step)');
    expect(footer(sc)).toContain('what would it take? 4 M server capacity by 2025 with investment: searching (40 runs per step)…');

    await sc.store.drainGoal();
    await settle();
    const want = await expected(targetOf('servers'), leverOf('investment'));
    // 4 M servers by 2025 are out of reach whatever the investment (docs/goal.md)
    expect(want.answer).toMatch(/^4 M server capacity by 2025: not reachable with investment \(best P \d+ % from \d+ bn CNY\); \w+ binds$/);
    const g = sc.store.getState().goal!;
    expect(g).toMatchObject({ status: 'done', answer: want.answer, binding: want.binding, bindingShort: want.bindingShort, runsPerStep: RUNS, leverId: 'investment', targetId: 'servers' });
    expect(sc.store.getState().message).toEqual({ text: `${want.answer} · 40 runs per step`, kind: 'info' });
    // the message line holds what fits of it (the panel under the targets holds all of it)
    expect(footer(sc).trim().replace(/…$/, '')).toBe(`${want.answer} · 40 runs per step`.slice(0, footer(sc).trim().length - 1));
    const frame = sc.frame();
    // the answer, wrapped on the panel's lines, then what binds
    const panel = sc.lines().slice(sc.lines().findIndex((l) => l.startsWith('  ? ')));
    const words = (t: string): string => t.replace(/\s+/g, ' ').trim();
    expect(words(panel.slice(0, 3).join(' '))).toContain(want.answer);
    expect(words(panel.slice(0, 3).join(' '))).toMatch(/what binds in 2025 at 150 bn CNY: \w+ in \d+ % of the runs that miss · 40 runs per step/);
    // the table and the chart are still there
    expect(frame).toContain('Server capacity');
    expect(frame).toContain('plan target');

    // the answer stays under the targets after the message goes; Esc puts it away
    await sc.press(KEY.right);
    expect(footer(sc)).not.toContain(want.answer);
    expect(sc.frame()).toContain(`? ${want.answer.slice(0, 60)}`);
    await sc.press(KEY.escape);
    expect(sc.store.getState().goal).toBeUndefined();
    expect(sc.frame()).not.toContain(want.answer.slice(0, 60));
  });

  it('turns the lever chosen in the levers panel, the run\'s other lever values held', async () => {
    const sc = open();
    // a run with investment at 55 bn, then transfer incentive chosen in the panel
    await sc.press('l', KEY.right, KEY.right, KEY.right, KEY.down, 'l');
    const run = sc.store.getState().runs[sc.store.getState().focus]!;
    expect(run.levers).toEqual({ investment: 55 });
    await sc.press('w'); // row 1: 12 mega DCs operating by 2025
    expect(sc.frame()).toContain('12 mega DCs operating by 2025 with transfer incentive: searching…');
    await sc.store.drainGoal();
    await settle();
    const want = await expected(targetOf('dcs'), leverOf('transferIncentive'), { investment: 55 });
    expect(sc.store.getState().goal?.answer).toBe(want.answer);
    expect(want.answer).toMatch(/^12 mega DCs operating by 2025 /);
    expect(sc.frame()).toContain(`? ${want.answer.slice(0, 60)}`);

    // turning a lever of that run changes it in place: the answer no longer holds and goes
    await sc.press('l', KEY.up, KEY.right);
    expect(sc.store.getState().runs[sc.store.getState().focus]!.levers).toEqual({ investment: 60 });
    expect(sc.store.goalRunning).toBeUndefined();
    expect(sc.store.getState().goal).toBeUndefined();
  });

  it('on a row without a target, or another view, it says to pick a target', async () => {
    const sc = open();
    await sc.press(KEY.down, KEY.down, KEY.down); // Live racks: no plan target
    expect(sc.frame()).toMatch(/▸ Live racks/);
    await sc.press('w');
    expect(footer(sc)).toContain('pick a target first: ↑↓ to one of the plan targets, then w asks what it would take');
    expect(sc.store.getState().goal).toBeUndefined();
    expect(sc.store.goalRunning).toBeUndefined();
    await sc.press('4', 'w');
    expect(footer(sc)).toContain('pick a target first: on Overview (1), ↑↓ to one of the plan targets');
    expect(sc.store.goalRunning).toBeUndefined();
  });

  it('runs in slices: the screen shows its progress, keys go through between slices, and the answer is the same', async () => {
    let next: (() => void) | undefined;
    const sc = open({ schedule: (fn) => (next = fn), sliceMs: 0, publishMs: 0 });
    const step = async (): Promise<void> => {
      const fn = next;
      next = undefined;
      fn?.();
      await flush();
    };
    await sc.press(KEY.down, 'w');
    // nothing is simulated until the first slice: the key press returned at once
    expect(sc.store.getState().goal).toMatchObject({ status: 'running', simulated: 0 });
    for (let i = 0; i < 30; i++) await step();
    const part = sc.store.getState().goal!;
    expect(part.status).toBe('running');
    expect(part.simulated).toBeGreaterThan(0);
    expect(part.simulated).toBeLessThan(60); // two runs a slice
    await settle();
    expect(sc.frame()).toContain(`searching… ${part.simulated} runs (40 runs per step)`);
    // a key between slices: the year moves, the search goes on
    await sc.press(KEY.right);
    expect(sc.store.getState().year).toBe(1);
    // the rest of the search off screen: the progress is shown above, and a frame per slice (~20 ms
    // at 100 × 30) would cost far more than the two runs it draws; the store goes on slicing
    sc.instance.unmount();
    let slices = 30;
    while (sc.store.getState().goal?.status === 'running' && slices < 100_000) {
      await step();
      slices++;
    }
    expect(slices).toBeGreaterThan(100);
    const want = await expected(targetOf('servers'), leverOf('investment'));
    expect(sc.store.getState().goal).toMatchObject({ status: 'done', answer: want.answer });
    expect(sc.store.goalRunning).toBeUndefined();
  });

  it('is in the help and, on Overview, the footer', async () => {
    const sc = open();
    expect(footer(sc)).toContain('w goal');
    await sc.press('?');
    expect(sc.frame()).toMatch(/w\s+what would it take\? \(target row/);
    await sc.press(KEY.escape, '2');
    expect(footer(sc)).not.toContain('w goal');
  });
});

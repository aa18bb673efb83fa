/**
Driving the TUI with keys through ink-testing-library (as a user would):
years, views, levers, help and quitting.
*/
import { render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import { series, valueAt } from '../../src/engine/results.js';
import { leverValueOverride, resolveScenario } from '../../src/scenario/index.js';
import { App } from '../../src/tui/components/app.js';
import { ThemeContext } from '../../src/tui/components/lines.js';
import { fmt, fmtPct } from '../../src/report/display.js';
import { stripAnsi } from '../../src/tui/text.js';
import { NO_KEY, splitKeys } from '../../src/tui/hooks/use-keys.js';
import type { TuiStore } from '../../src/tui/store.js';
import { KEY, loaded, makeStore, PLAN, screen, flush } from './helpers.js';

type Rendered = ReturnType<typeof render>;
let current: { r: Rendered; store: TuiStore } | undefined;

function mount(store = makeStore()): { r: Rendered; store: TuiStore } {
  const rendered = render(
    <ThemeContext.Provider value={{ color: false }}>
      <App store={store} playMs={30} />
    </ThemeContext.Provider>,
  );
  // frames without styles, so that text checks read what a person reads
  const r: Rendered = { ...rendered, lastFrame: () => stripAnsi(rendered.lastFrame() ?? '') };
  current = { r, store };
  return current;
}

async function press(r: Rendered, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    r.stdin.write(k);
    await flush();
  }
  await flush();
}

/** The line of the last frame that mentions `label`. */
function lineOf(r: Rendered, label: string): string {
  return (r.lastFrame() ?? '').split('\n').find((l) => l.includes(label)) ?? '';
}

afterEach(() => {
  current?.r.unmount();
  current?.store.close();
  current = undefined;
});

beforeAll(() => {
  loaded(PLAN);
});

describe('year cursor', () => {
  it('→, ←, Home and End move the cursor and the KPIs show that year of the engine run', async () => {
    const { r, store } = mount();
    const engine = simulate(loaded().scenario, { detail: true });
    const kpi = (year: number): [string, string][] =>
      [
        ['Live racks', fmt(valueAt(engine, 'rackCapacity', year), 'racks')],
        ['Server capacity', fmt(valueAt(engine, 'serverCapacity', year), 'servers')],
        ["East work in Gui'an", fmt(valueAt(engine, 'transferredRacks', year), 'racks')],
        ['IT load', fmt(valueAt(engine, 'itPowerMW', year), 'MW')],
      ] as [string, string][];
    await flush();
    expect(r.lastFrame()).toContain('2020: ');
    for (const [label, v] of kpi(2020)) expect(lineOf(r, label)).toContain(v);

    await press(r, KEY.right, KEY.right, KEY.right);
    expect(store.getState().year).toBe(3);
    expect(r.lastFrame()).toContain('2023: ');
    for (const [label, v] of kpi(2023)) expect(lineOf(r, label)).toContain(v);
    // the values really change between the years
    expect(kpi(2023)[0]![1]).not.toBe(kpi(2020)[0]![1]);

    await press(r, KEY.left);
    for (const [label, v] of kpi(2022)) expect(lineOf(r, label)).toContain(v);
    await press(r, KEY.end);
    expect(r.lastFrame()).toContain('2030: ');
    for (const [label, v] of kpi(2030)) expect(lineOf(r, label)).toContain(v);
    await press(r, KEY.right); // stays at the last year
    expect(store.getState().year).toBe(10);
    await press(r, KEY.home);
    expect(store.getState().year).toBe(0);
  });

  it('space plays the years and pauses', async () => {
    // playback's clock is faked: the years step when the test moves time (30 ms a year here), not when the machine gets to it
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const { r, store } = mount();
      await press(r, ' ');
      expect(store.getState().playing).toBe(true);
      expect(r.lastFrame()).toContain('playing');
      vi.advanceTimersByTime(120);
      expect(store.getState().year).toBe(4);
      await press(r, ' ');
      expect(store.getState().playing).toBe(false);
      const paused = store.getState().year;
      vi.advanceTimersByTime(300);
      expect(store.getState().year).toBe(paused);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('views', () => {
  const expectations: [string, string[]][] = [
    ['1', ['Mega DCs operating', 'plan target', '12 (2025)']],
    ['2', ['Sites in 2020', 'China Telecom', 'All 12 sites', 'phases']],
    ['3', ['Eastern work on the move', 'Beijing-Tianjin-Hebei', 'Limit:', "Gui'an"]],
    ['4', ['Facility energy', 'CO2 saved vs east', 'PUE']],
    ['5', ['Capex spent', 'Payback', 'NPV to date', 'Revenue']],
    ['6', ['Runs in 2020', 'guian-plan', 'Mega DCs operating']],
    ['7', ['National clusters in 2020', "Gui'an ★", 'Horinger', 'east work', 'limit']],
  ];
  it.each(expectations)('view %s renders its content', async (key, texts) => {
    const { r } = mount();
    await press(r, key);
    for (const t of texts) expect(r.lastFrame()).toContain(t);
  });

  it('Tab and Shift-Tab cycle through the views', async () => {
    const { r, store } = mount();
    const seen: string[] = [store.getState().view];
    for (let i = 0; i < 7; i++) {
      await press(r, KEY.tab);
      seen.push(store.getState().view);
    }
    expect(seen).toEqual(['overview', 'datacenters', 'flows', 'energy', 'money', 'compare', 'national', 'overview']);
    await press(r, KEY.shiftTab);
    expect(store.getState().view).toBe('national');
    await press(r, KEY.shiftTab);
    expect(store.getState().view).toBe('compare');
  });

  it('↑/↓ choose the row the chart follows', async () => {
    const { r } = mount();
    expect(r.lastFrame()).toMatch(/\nMega DCs operating {3}─ central case {3}╌ target ≥ 12/);
    await press(r, KEY.down);
    expect(lineOf(r, '▸')).toContain('Server capacity');
    expect(r.lastFrame()).toContain('Server capacity (servers)');
  });
});

describe('levers', () => {
  it('turning a lever adds a run to Compare, named by what changed', async () => {
    const { r, store } = mount();
    await press(r, 'l');
    expect(r.lastFrame()).toContain('Investment through 2025');
    expect(r.lastFrame()).toContain('42 bn CNY');
    await press(r, KEY.right, KEY.right, KEY.right); // 42 → 45 → 50 → 55 (on the lever's step grid)
    const s = store.getState();
    expect(s.runs.map((x) => x.label)).toEqual(['guian-plan', 'investment 55 bn']);
    expect(s.focus).toBe(1);
    await press(r, '6');
    expect(r.lastFrame()).toContain('investment 55 bn');
    expect(r.lastFrame()).toContain('change against guian-plan');
  });

  it('the changed run in Compare shows the engine’s values and the right delta', async () => {
    const { r, store } = mount();
    await press(r, 'l', KEY.down, KEY.right, KEY.right); // transfer incentive 0 → 250 → 500
    await press(r, '.', '.', '.', '.', '6', 'l'); // 2024 (, and . step years while ← → turn levers); close the levers
    const s = store.getState();
    expect(s.runs[1]!.label).toBe('transfer incentive 500 CNY/rack/mo');
    expect(s.years[s.year]).toBe(2024);

    // the same change computed straight from the scenario and engine APIs
    const src = loaded().source;
    const base = simulate(resolveScenario(src), { detail: true });
    const changed = simulate(resolveScenario(src, [leverValueOverride(src, 'transferIncentive', 500)]), { detail: true });
    const b = valueAt(base, 'transferredRacks', 2024);
    const c = valueAt(changed, 'transferredRacks', 2024);
    expect(Math.abs(c - b) / b).toBeGreaterThan(0.01);
    const line = lineOf(r, "East work in Gui'an");
    expect(line).toContain(fmt(b, 'racks', false));
    expect(line).toContain(fmt(c, 'racks', false));
    expect(line).toContain(fmtPct(c, b));
    expect(series(store.getState().runs[1]!.central, 'transferredRacks')).toEqual(series(changed, 'transferredRacks'));
  });

  it('turning back to the file’s value removes the changed run; Enter keeps a run, x drops it', async () => {
    const { r, store } = mount();
    await press(r, 'l', KEY.right);
    expect(store.getState().runs).toHaveLength(2);
    await press(r, KEY.left); // 45 → 40 (the grid), not 42
    expect(store.getState().runs[1]!.label).toBe('investment 40 bn');
    await press(r, KEY.enter, KEY.right); // keep "40 bn", then a new run at 45
    expect(store.getState().runs.map((x) => x.label)).toEqual(['guian-plan', 'investment 40 bn', 'investment 45 bn']);
    await press(r, 'x');
    expect(store.getState().runs.map((x) => x.label)).toEqual(['guian-plan', 'investment 40 bn']);
    await press(r, KEY.down, KEY.right); // transfer incentive on top of the kept run → a new run
    expect(store.getState().runs.map((x) => x.label)).toEqual(['guian-plan', 'investment 40 bn', 'investment 40 bn, transfer incentive 250 CNY/rack/mo']);
    // back to the kept run's values: that run stays and is shown, no second "investment 40 bn"
    await press(r, 'r');
    expect(store.getState().runs.map((x) => x.label)).toEqual(['guian-plan', 'investment 40 bn']);
    expect(store.getState().focus).toBe(1);
  });
});

describe('keys that arrive in one chunk (paste, SSH, auto-repeat)', () => {
  it('"45" written at once goes to view 4 and then 5', async () => {
    const { r, store } = mount();
    const seen: string[] = [];
    store.subscribe(() => seen.push(store.getState().view));
    await press(r, '45'); // one write: Ink hands useInput the whole chunk as input "45"
    expect(store.getState().view).toBe('money');
    expect(seen).toContain('energy');
    expect(seen.indexOf('energy')).toBeLessThan(seen.indexOf('money'));
    expect(r.lastFrame()).toContain('Capex spent');
  });

  it('every character of a chunk counts, and escape sequences in a chunk still work', async () => {
    const { r, store } = mount();
    await press(r, '...'); // three years on
    expect(store.getState().year).toBe(3);
    await press(r, KEY.right + KEY.right + KEY.left); // arrows in one write
    expect(store.getState().year).toBe(4);
    await press(r, 'l' + KEY.right + KEY.right); // levers open, investment 42 → 45 → 50
    expect(store.getState().runs.map((x) => x.label)).toEqual(['guian-plan', 'investment 50 bn']);
    await press(r, '\r' + KEY.right); // Enter keeps it, the next turn starts a new run
    expect(store.getState().runs.map((x) => x.label)).toEqual(['guian-plan', 'investment 50 bn', 'investment 55 bn']);
  });

  it('splitKeys gives one key per plain character and leaves single keys and sequences alone', () => {
    expect(splitKeys('45', NO_KEY)).toEqual([['4', NO_KEY], ['5', NO_KEY]]);
    expect(splitKeys('\r\t', NO_KEY)).toEqual([['\r', { ...NO_KEY, return: true }], ['\t', { ...NO_KEY, tab: true }]]);
    expect(splitKeys('aQ', NO_KEY).map(([, k]) => k.shift)).toEqual([false, true]);
    expect(splitKeys('x\u0003', NO_KEY)[1]).toEqual(['c', { ...NO_KEY, ctrl: true }]);
    const right = { ...NO_KEY, rightArrow: true };
    expect(splitKeys('', right)).toEqual([['', right]]);
    expect(splitKeys('q', NO_KEY)).toEqual([['q', NO_KEY]]);
  });

  it('q in a chunk quits and the keys after it are not handled', async () => {
    const store = makeStore();
    const s = screen(store);
    await flush();
    const exited = s.instance.waitUntilExit();
    await s.press('q2');
    await expect(exited).resolves.toBeUndefined();
    expect(store.getState().view).toBe('overview');
    s.close();
  });
});

describe('help and quitting', () => {
  it('? opens the help with every key and Esc closes it', async () => {
    const { r, store } = mount();
    await press(r, '?');
    const frame = r.lastFrame() ?? '';
    expect(frame).toContain('Keys · dcplan');
    for (const k of ['Home End', 'space', 'Tab', 'Enter', 'export', 'quit', 'levers']) expect(frame).toContain(k);
    await press(r, KEY.escape);
    expect(store.getState().help).toBe(false);
    expect(r.lastFrame()).not.toContain('Keys · dcplan');
    await press(r, '?', '?');
    expect(store.getState().help).toBe(false);
  });

  it.each([['q'], [KEY.ctrlC]])('%j quits: the app unmounts and background work stops', async (key) => {
    // the band scheduler driven by hand: one slice done, the rest waiting in the queue
    const queue: (() => void)[] = [];
    const store = makeStore([PLAN], { mcRuns: 50, bands: { sliceMs: 0, schedule: (fn) => queue.push(fn) } });
    const s = screen(store);
    queue.shift()!();
    expect(store.bandsBusy).toBe(true);
    const exited = s.instance.waitUntilExit();
    await s.press(key);
    await expect(exited).resolves.toBeUndefined();
    expect(store.bandsBusy).toBe(false);
    for (const fn of queue.splice(0)) fn(); // what was queued does nothing after the quit
    expect(store.bandsBusy).toBe(false);
    expect(store.getState().runs[0]!.mc.done).toBeLessThan(50);
    s.close();
  });
});

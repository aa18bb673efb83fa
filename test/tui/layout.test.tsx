/**
Fitting the terminal: at 80×24 no line is wider than 80 columns and the frame
leaves the last row free, in every view and overlay, with one scenario or
three; a larger terminal gets more lines of content; a resize redraws.
*/
import { afterEach, describe, expect, it } from 'vitest';
import { width } from '../../src/tui/text.js';
import { KEY, makeStore, PLAN, screen, flush, type Screen } from './helpers.js';

let s: Screen | undefined;
afterEach(() => {
  s?.close();
  s = undefined;
});

function expectFits(sc: Screen, columns: number, rows: number, what: string): void {
  const lines = sc.lines();
  const wide = lines.filter((l) => width(l) > columns);
  expect(wide, `${what}: lines wider than ${columns}`).toEqual([]);
  expect(lines.length, `${what}: frame height`).toBeLessThanOrEqual(rows - 1);
}

const STATES: [string, string[]][] = [
  ['overview', []],
  ['data centers', ['2']],
  ['flows', ['3']],
  ['energy', ['4']],
  ['money', ['5']],
  ['compare', ['6']],
  ['national', ['7']],
  ['help', ['?']],
  ['levers on overview', ['l']],
  ['levers turned, compare', ['l', KEY.right, KEY.down, KEY.right, KEY.enter, KEY.down, KEY.right, '6']],
  ['levers turned, data centers', ['l', KEY.right, '2']],
  ['end year, flows', [KEY.end, '3']],
  ['end year, national, last cluster', [KEY.end, '7', KEY.up]],
  ['levers on national', ['7', 'l']],
];

describe('80 × 24', () => {
  it.each(STATES)('%s: no line wider than 80, last row free', async (what, keys) => {
    s = screen(makeStore(), 80, 24);
    await s.press(...keys);
    expectFits(s, 80, 24, what);
  });

  it('three scenarios side by side in Compare fit too', async () => {
    s = screen(makeStore([PLAN, 'scenarios/guian-realistic-cost.yaml', 'scenarios/guian-delayed.yaml']), 80, 24);
    await s.press('6', KEY.end);
    expectFits(s, 80, 24, 'compare ×3');
    const f = s.frame();
    expect(f).toContain('guian-plan');
    expect(f).toContain('guian-delayed');
    await s.press(']', '1');
    expect(s.frame()).toContain('run 2/3');
    expectFits(s, 80, 24, 'overview of run 2');
  });

  it.each(STATES)('with complete bands, %s: fits too', async (what, keys) => {
    const store = makeStore([PLAN], { mcRuns: 20, bands: { schedule: null } });
    store.drainBands();
    // five years before the end (End, then ← five times; set before the first frame: the keys are keys.test.tsx's)
    store.dispatch({ type: 'yearTo', index: store.getState().years.length - 6 });
    s = screen(store, 80, 24);
    await s.press(...keys);
    store.drainBands(); // lever turns restart their bands
    await s.press();
    expectFits(s, 80, 24, `${what} with bands`);
    expect(s.lines()[0]).toContain('median of 20 runs');
  });

  it('with bands the overview still fits, and the chart says how many runs', async () => {
    const store = makeStore([PLAN], { mcRuns: 20, bands: { schedule: null } });
    store.drainBands();
    s = screen(store, 80, 24);
    await s.press(KEY.right);
    expectFits(s, 80, 24, 'overview with bands');
    expect(s.frame()).toContain('P5–P95 of 20 runs');
    expect(s.frame()).toContain('░');
  });
});

describe('other sizes', () => {
  it('a larger terminal shows more: 120 × 40 fits and gets a taller view', async () => {
    s = screen(makeStore(), 120, 40);
    await flush();
    expectFits(s, 120, 40, '120×40');
    const big = s.lines().length;
    expect(big).toBeGreaterThan(30);
    for (const v of ['2', '3', '4', '5', '6', '7', '?']) {
      await s.press(v);
      expectFits(s, 120, 40, `120×40 view ${v}`);
    }
    // the wide data-center table shows full names, the flows one column per western cluster
    await s.press(KEY.escape, '2');
    expect(s.frame()).toContain('China Telecom Cloud Computing');
    await s.press('3');
    expect(s.frame()).toContain('Horinger');
  });

  it('redraws on resize: 120 × 40 → 80 × 24 → 100 × 30', async () => {
    s = screen(makeStore(), 120, 40);
    await flush();
    expect(s.lines().length).toBeGreaterThan(30);
    s.stdout.resize(80, 24);
    await flush();
    expectFits(s, 80, 24, 'after shrinking');
    s.stdout.resize(100, 30);
    await flush();
    expectFits(s, 100, 30, 'after growing');
    expect(s.lines().length).toBeGreaterThan(24);
  });

  it('says so when the terminal is too small', async () => {
    s = screen(makeStore(), 50, 12);
    await flush();
    expect(s.frame()).toContain('needs at least 60×16');
    expectFits(s, 50, 12, 'too small');
  });
});

describe('NO_COLOR', () => {
  it('better and worse changes are marked + and − when colour is off', async () => {
    s = screen(makeStore(), 100, 30, false);
    await s.press('l', KEY.down, KEY.right, KEY.right, '.', '.', '.', '.', '6', 'l');
    const line = s.lines().find((l) => l.includes("East work in Gui'an"))!;
    expect(line).toMatch(/\+\d+(\.\d)? % \+/);
    // more work in Gui'an means more CO2 there: worse, marked −
    const co2 = s.lines().find((l) => /^\s+CO2 /.test(l))!;
    expect(co2).toMatch(/% −\s*$/);
  });
});

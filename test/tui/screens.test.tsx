/**
Every screen fitted to the cell, in Chinese and English, with and without
--ascii, at 80 × 24 on the off-screen terminal: no line wider than the
terminal by string-width (what Ink and the terminal count), the last row free,
the rules that span the screen exactly as wide as it, every chart's axis in one
column; Chinese on screen in Chinese; only ASCII (and Chinese) with --ascii.
Also the glossary (g) and the play speed (+ - p) with fake timers.
*/
import stringWidth from 'string-width';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withLang } from '../../src/report/i18n/lang.js';
import { setLang, getLang, type Lang } from '../../src/report/i18n/lang.js';
import { glossaryBody, GLOSSARY_TERMS, termKey } from '../../src/tui/components/glossary.js';
import { setAscii } from '../../src/tui/glyphs.js';
import { initialState, reduce, VIEWS, type TuiState } from '../../src/tui/model.js';
import { t } from '../../src/report/i18n/catalogue.js';
import { KEY, makeStore, PLAN, screen, type Screen } from './helpers.js';

let sc: Screen | undefined;
afterEach(() => {
  sc?.close();
  sc = undefined;
  setLang('en');
  setAscii(false);
  vi.useRealTimers();
});

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/u;

/** What every frame must hold to: fitted to the cell, the last row free, the rules full width, each chart's axis in one column. */
function expectFitted(frame: string, what: string, columns = 80, rows = 24): void {
  const lines = frame.split('\n');
  expect(lines.length, `${what}: rows`).toBeLessThanOrEqual(rows - 1);
  // (one expect per frame, naming the lines that break the rule: an expect per line costs more than the frame)
  expect(lines.filter((l) => stringWidth(l) > columns), `${what}: lines wider than ${columns}`).toEqual([]);
  // the tabs line and the rule over the narration end exactly at the right edge
  const rules = lines.filter((l) => /[─-]{8}$/.test(l));
  expect(rules.length, `${what}: rules`).toBeGreaterThanOrEqual(2);
  expect(rules.filter((l) => stringWidth(l) !== columns), `${what}: rules not ${columns} wide`).toEqual([]);
  // a chart's value axis: the column of ┤ / ┼ is the same on every row that draws it
  // and its rows are as wide as each other (a label counted in characters instead of cells would shift its row)
  const axisRows = lines.filter((l) => /^ *\S*[┤┼]/.test(l));
  const axis = new Set(axisRows.map((l) => stringWidth(l.slice(0, l.search(/[┤┼]/)))));
  expect(axis.size, `${what}: chart axis columns ${[...axis].join(',')}`).toBeLessThanOrEqual(1);
  // one axis glyph per row: a label measured in characters takes the axis into itself and the chart draws it twice
  expect(axisRows.filter((l) => /[┤┼][┤┼]/.test(l)), `${what}: axis drawn twice`).toEqual([]);
  const yearAxis = lines.findIndex((l) => /^\s*(?:\S+ )?20\d\d(?:\s+(?:\S+ )?20\d\d)+\s*$/.test(l));
  if (yearAxis > 0) {
    const rows: string[] = [];
    // a chart row: its value label (a number, its magnitude, or nothing) and then the axis column
    const chartRow = /^ *(?:[-−\d.,]+(?: ?(?:k|M|bn|tn|%))?[万亿]*)?[┤┼●|+O╭╮╰╯─╌=]/;
    for (let i = yearAxis - 1; i >= 0 && chartRow.test(lines[i]!) && !/[─-]{8}$/.test(lines[i]!); i--) rows.push(lines[i]!);
    expect(rows.length, `${what}: chart rows over the year axis`).toBeGreaterThanOrEqual(2);
    const rowWidths = new Set(rows.map((l) => stringWidth(l)));
    expect(rowWidths.size, `${what}: chart row widths ${[...rowWidths].join(',')}\n${rows.join('\n')}`).toBeLessThanOrEqual(1);
  }
}

function expectAscii(frame: string, what: string, lang: Lang): void {
  const other = [...frame].filter((ch) => ch.codePointAt(0)! >= 0x80 && !(lang === 'zh' && CJK.test(ch)));
  expect(other.map((ch) => `"${ch}" (U+${ch.codePointAt(0)!.toString(16)})`), `${what}: not ASCII${lang === 'zh' ? ' or Chinese' : ''}`).toEqual([]);
}

/** Every screen: the seven views, a turned lever, the levers panel, help and glossary. */
async function tour(s: Screen, check: (what: string) => void): Promise<void> {
  for (let v = 1; v <= VIEWS.length; v++) {
    await s.press(String(v));
    check(`view ${v}`);
    await s.press(KEY.down, KEY.end);
    check(`view ${v}, last year, second row`);
  }
  await s.press('1', 'l', KEY.right);
  check('levers, a lever turned');
  await s.press(KEY.down, KEY.left, KEY.left);
  check('levers, another lever');
  await s.press('l', '6');
  check('compare with two runs');
  await s.press('?');
  check('help');
  await s.press('g');
  check('glossary');
  await s.press(KEY.end);
  check('glossary, the end');
  await s.press(KEY.escape, '+', '+', 'p', ' ');
  check('playing fast, stopping each year');
}

describe.each([
  ['zh', false],
  ['zh', true],
  ['en', false],
  ['en', true],
] as [Lang, boolean][])('%s, ascii %s: every screen fits 80 × 24', (lang, ascii) => {
  it.each([
    ['central case', 0],
    ['complete bands', 20],
  ])('%s', async (_, runs) => {
    setLang(lang);
    setAscii(ascii);
    const store = makeStore([PLAN], { mcRuns: runs, bands: { schedule: null } });
    store.drainBands();
    sc = screen(store, 80, 24);
    const s = sc;
    await tour(s, (what) => {
      const frame = s.frame();
      expectFitted(frame, what);
      if (ascii) expectAscii(frame, what, lang);
      if (lang === 'zh') {
        expect(frame, what).toContain('总览');
        // the view's own words are Chinese too (not only the tabs)
        const body = frame.split('\n').slice(3, -3).join('\n');
        expect(CJK.test(body), `${what}: Chinese in the view`).toBe(true);
      } else expect(CJK.test(frame), `${what}: no Chinese in English`).toBe(false);
    });
  });
});

describe('Chinese at 80 × 24 reads Chinese', () => {
  it('view titles, the table heads, the status, help and glossary', async () => {
    setLang('zh');
    sc = screen(makeStore([PLAN], { mcRuns: 20, bands: { schedule: null } }), 80, 24);
    sc.store.drainBands();
    await sc.press('1');
    const f = sc.frame();
    for (const w of ['总览', '数据中心', '流向', '资金', '对比', '全国', '中位数', '规划目标', '帮助', '术语']) expect(f).toContain(w);
    await sc.press('?');
    expect(sc.frame()).toContain('按键 · dcplan');
    expect(sc.frame()).toContain('每年暂停');
    await sc.press('g');
    expect(sc.frame()).toContain('屏幕上的术语');
    expect(sc.frame()).toContain('基准情形');
  });
});

describe('glossary (g)', () => {
  it('lists every term with a definition in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      withLang(lang, () => {
        for (const id of GLOSSARY_TERMS) {
          expect(t(termKey(id, 'term')).length).toBeGreaterThan(1);
          const text = t(termKey(id, 'text'));
          // one or two sentences
          const sentences = text.split(lang === 'zh' ? /。/ : /\.(?:\s|$)/).filter((x) => x.trim());
          expect(sentences.length, `${lang} ${id}`).toBeGreaterThanOrEqual(1);
          expect(sentences.length, `${lang} ${id}`).toBeLessThanOrEqual(2);
        }
      });
    }
    const terms = GLOSSARY_TERMS.map((id) => t(termKey(id, 'term'))).join(' | ');
    for (const w of ['PUE', 'Standard rack', 'Occupancy', 'P5–P95', 'Median', 'Central case', 'Monte Carlo run', 'P(met)', 'Eastern work', 'Latency', 'Binding limit', 'Grid connection', 'Capex', 'NPV', 'Payback', 'Carbon factor', 'EFLOPS', 'AI utilisation']) {
      expect(terms).toContain(w);
    }
  });

  it('opens on g, scrolls with ↑ ↓ End Home within the list, and closes on Esc or g; w asks the goal instead', async () => {
    sc = screen(makeStore(), 80, 24);
    await sc.press('g');
    expect(sc.store.getState().glossary).toBe(true);
    expect(sc.frame()).toContain('Terms on screen');
    expect(sc.frame()).toContain('Central case');
    await sc.press(KEY.down, KEY.down);
    expect(sc.store.getState().glossaryTop).toBe(2);
    await sc.press(KEY.end);
    const end = sc.store.getState().glossaryTop;
    expect(end).toBe(glossaryBody(80).length - 14);
    expect(sc.frame()).toContain(t(termKey('reported', 'term')));
    await sc.press(KEY.down);
    expect(sc.store.getState().glossaryTop).toBe(end); // not past the end
    await sc.press(KEY.home);
    expect(sc.store.getState().glossaryTop).toBe(0);
    // other keys do not reach the views while it is open
    await sc.press(KEY.right, '3');
    expect(sc.store.getState().year).toBe(0);
    expect(sc.store.getState().view).toBe('overview');
    await sc.press(KEY.escape);
    expect(sc.store.getState().glossary).toBe(false);
    await sc.press('g', 'g');
    expect(sc.store.getState().glossary).toBe(false);
    // w: what would it take (on a target row)
    await sc.press('w');
    expect(sc.store.getState().goal).toBeDefined();
  });
});

describe('play speed (+ - =) and stopping at each year (p)', () => {
  it('the reducer: speeds step within 0.25× … 4×; with p a tick moves one year and stops', () => {
    const s0 = makeStore().getState();
    let s: TuiState = s0;
    for (let i = 0; i < 6; i++) s = reduce(s, { type: 'speed', delta: 1 });
    expect(s.speed).toBe(4);
    for (let i = 0; i < 9; i++) s = reduce(s, { type: 'speed', delta: -1 });
    expect(s.speed).toBe(0);
    s = reduce(reduce(s0, { type: 'pauseEachYear' }), { type: 'play' });
    s = reduce(s, { type: 'tick' });
    expect([s.year, s.playing]).toEqual([1, false]);
    expect(reduce(s, { type: 'tick' }).year).toBe(1);
    expect(initialState(s0.sources, s0.runs).speed).toBe(2);
  });

  it('on screen: one year per 40 ms at 1×, faster and slower with + and -, status shows speed and mode', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    sc = screen(makeStore(), 100, 30); // playMs 40 at 1×
    const year = (): number => sc!.store.getState().year;
    await sc.press(' ');
    expect(sc.lines()[1]).toMatch(/▶ playing 1×/);
    vi.advanceTimersByTime(39);
    expect(year()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(year()).toBe(1);
    await sc.press('+', '=');
    expect(sc.lines()[1]).toMatch(/▶ playing 4×/);
    vi.advanceTimersByTime(30);
    expect(year()).toBe(4); // 10 ms a year
    await sc.press('-', '-', '-', '-');
    expect(sc.lines()[1]).toMatch(/0\.25×/);
    vi.advanceTimersByTime(159);
    expect(year()).toBe(4);
    vi.advanceTimersByTime(1);
    expect(year()).toBe(5);
    // stop at each year: one year on, then wait for space
    await sc.press('=', '=', 'p');
    expect(sc.lines()[1]).toMatch(/1× stop each year/);
    vi.advanceTimersByTime(40);
    expect(year()).toBe(6);
    expect(sc.store.getState().playing).toBe(false);
    vi.advanceTimersByTime(400);
    expect(year()).toBe(6);
    await sc.press(' ');
    vi.advanceTimersByTime(40);
    expect(year()).toBe(7);
    expect(sc.store.getState().playing).toBe(false);
    await sc.press('?');
    expect(sc.frame()).toMatch(/\+ -\s+play faster \/ slower/);
    expect(sc.frame()).toMatch(/p\s+stop at each year/);
  });
});

it('leaves the session language as it found it', () => {
  expect(getLang()).toBe('en');
});

/**
Reported figures in the TUI (`dcplan tui --observed FILE`): markers on the
charts at their dates, the legend's count, ◆ after a table value reported in the
cursor year, the line saying how many the run holds — and nothing of it
without figures. The figures are test/tui/fixtures/observed.yaml (through the
real loader) or built in code.
*/
import { afterEach, describe, expect, it } from 'vitest';
import { chartLines, MARKER, type ChartInput } from '../../src/tui/components/chart.js';
import { holdObservations, observationsOf, observationX, reportedText, type Run } from '../../src/tui/model.js';
import { width } from '../../src/tui/text.js';
import { loadObservations } from '../../src/scenario/index.js';
import type { Observation, ObservationSet } from '../../src/scenario/types.js';
import { KEY, makeStore, PLAN, screen, type Screen } from './helpers.js';

const FIXTURE = 'test/tui/fixtures/observed.yaml';
let fixture: ObservationSet | undefined;
const observed = (): ObservationSet => (fixture ??= loadObservations(FIXTURE, { horizon: { start: 2020, end: 2030 } }));

const obs = (o: Partial<Observation>): Observation => ({
  id: 'x', metric: 'serverCapacity', year: 2023, kind: 'range', scope: 'guian', share: [1, 1], definition: 'd', source: 'https://example.org',
  quality: 'sourced', uncertainty: 0, lo: 0, hi: Infinity, file: 'f', line: 1, col: 1, ...o,
});

let s: Screen | undefined;
afterEach(() => {
  s?.close();
  s = undefined;
});

const text = (line: { text: string }[]): string => line.map((x) => x.text).join('');

/** The chart under the title line containing `title`: its rows (without the year axis), the axis line, and the column of a point of the year axis. */
function chartOf(lines: string[], title: string): { rows: string[]; axis: string; col: (x: number) => number } {
  const t = lines.findIndex((l) => l.includes(title));
  expect(t, `a chart titled "${title}"`).toBeGreaterThanOrEqual(0);
  const a = lines.findIndex((l, i) => i > t && /^\s*2020\s.*2030\s*$/.test(l));
  expect(a, 'the year axis').toBeGreaterThan(t);
  const axis = lines[a]!;
  // a year label is centred on its column: "2020" starts two cells left of it
  const c0 = axis.indexOf('2020') + 2;
  const step = axis.indexOf('2021') + 2 - c0;
  return { rows: lines.slice(t + 1, a), axis, col: (x) => c0 + Math.round((x - 2020) * step) };
}

const at = (rows: string[], col: number): string => rows.map((r) => r[col] ?? ' ').join('');
/** The marker glyphs of a column, top to bottom. */
const marks = (column: string): string => column.replace(/[^◆┆▲▼]/g, '');

describe('chart markers', () => {
  const base: ChartInput = {
    series: [{ values: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100] }],
    years: [2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030],
    cursor: 10,
    width: 80,
    height: 12,
    format: (v) => String(Math.round(v)),
    color: false,
  };
  const grid = (input: ChartInput): { rows: string[]; col: (x: number) => number } => {
    const lines = chartLines(input).map(text);
    const axis = lines[lines.length - 1]!;
    const c0 = axis.indexOf('2020') + 2;
    const step = axis.indexOf('2021') + 2 - c0;
    return { rows: lines.slice(0, -1), col: (x) => c0 + Math.round((x - 2020) * step) };
  };

  it('draws an interval as a ┆ span with ◆ at its centre, at its year’s column', () => {
    const { rows, col } = grid({ ...base, markers: [{ x: 2023, lo: 50, hi: 90, center: 70 }] });
    const column = at(rows, col(2023));
    expect(marks(column)).toMatch(/^┆+◆┆+$/);
    // ◆ sits on the row of 70: the row where the line reaches 70 (2027)
    const diamond = column.indexOf('◆');
    expect(rows[diamond]![col(2027)]).not.toBe(' ');
    // nothing else is a marker
    expect(marks(rows.join(''))).toBe(marks(column));
  });

  it('draws a lower bound as ▲ and an upper bound as ▼ at the bound; a fraction of a year between the columns', () => {
    const { rows, col } = grid({ ...base, markers: [{ x: 2022, lo: 60, hi: Infinity }, { x: 2025.5, lo: -Infinity, hi: 20 }] });
    const up = at(rows, col(2022));
    const down = at(rows, col(2025.5));
    expect(marks(up)).toBe(MARKER.atLeast);
    expect(marks(down)).toBe(MARKER.atMost);
    expect(col(2025.5)).toBeGreaterThan(col(2025));
    expect(col(2025.5)).toBeLessThan(col(2026));
    // ▲ at 60 is higher up than ▼ at 20
    expect(up.indexOf('▲')).toBeLessThan(down.indexOf('▼'));
  });

  it('keeps markers beyond the value range on its edge, as arrows, without widening it', () => {
    const plain = grid(base);
    const { rows, col } = grid({ ...base, markers: [{ x: 2021, lo: 500, hi: 900 }, { x: 2024, lo: -900, hi: -500 }, { x: 2026, lo: 300, hi: Infinity }] });
    // the value axis is the same as without markers
    expect(rows.map((r) => r.slice(0, 4))).toEqual(plain.rows.map((r) => r.slice(0, 4)));
    const last = rows.length - 1;
    expect(rows[0]![col(2021)]).toBe('▲');
    expect(rows[last]![col(2024)]).toBe('▼');
    expect(rows[0]![col(2026)]).toBe('▲');
    // an interval wholly above: one arrow, no span
    expect(marks(at(rows, col(2021)))).toBe('▲');
  });

  it('colours markers magenta (◆ bold), and without colour leaves the glyphs alone', () => {
    const input: ChartInput = { ...base, markers: [{ x: 2023, lo: 50, hi: 90 }] };
    const coloured = chartLines({ ...input, color: true }).flat();
    const diamond = coloured.find((x) => x.text.includes('◆'))!;
    expect(diamond).toMatchObject({ color: 'magenta', bold: true });
    expect(coloured.find((x) => x.text.includes('┆'))).toMatchObject({ color: 'magenta' });
    expect(chartLines(input).map(text)).toEqual(chartLines({ ...input, color: true }).map(text));
  });

  it('draws the same chart as before with no markers', () => {
    expect(chartLines({ ...base, markers: [] })).toEqual(chartLines(base));
  });
});

describe('observations in the model', () => {
  it('places a stock dated by month between the year ends it is read between; flows and whole years at their year', () => {
    expect(observationX({ metric: 'serverCapacity', year: 2024 }, 2020)).toBe(2024);
    expect(observationX({ metric: 'serverCapacity', year: 2024, month: 7 }, 2020)).toBeCloseTo(2023 + 7 / 12);
    expect(observationX({ metric: 'serverCapacity', year: 2020, month: 7 }, 2020)).toBe(2020);
    expect(observationX({ metric: 'energyGWh', year: 2024, month: 7 }, 2020)).toBe(2024);
  });

  it('counts what the central case holds, and the band once the numbers are medians', () => {
    const central = makeStore([PLAN], { observed: observed() });
    const st = central.getState();
    expect(observationsOf(st, 'serverCapacity').map((o) => o.id)).toEqual(['servers-2023', 'servers-2021', 'servers-2027']);
    const run = st.runs[0]!;
    const held = holdObservations(run, observationsOf(st, 'serverCapacity'));
    expect(held.map((h) => h.holds)).toEqual([true, false, false]);
    expect(held[0]!.p5).toBeUndefined();
    expect(reportedText(st, run, 'serverCapacity', 'Server capacity')).toBe('Reported: 3 figures for Server capacity; the central case holds 1');
    expect(reportedText(st, run, 'pue', 'PUE')).toBe('Reported: no figures for PUE');
    central.close();

    const banded = makeStore([PLAN], { observed: observed(), mcRuns: 20, bands: { schedule: null } });
    banded.drainBands();
    const bs = banded.getState();
    const mrun: Run = bs.runs[0]!;
    const mheld = holdObservations(mrun, observationsOf(bs, 'serverCapacity'));
    expect(mheld[0]!.p5).toBeLessThanOrEqual(mheld[0]!.p95!);
    expect(reportedText(bs, mrun, 'serverCapacity', 'Server capacity')).toMatch(/^Reported: 3 figures for Server capacity; the P5–P95 band holds \d$/);
    banded.close();
  });

  it('leaves the state without figures when none are given', () => {
    const st = makeStore().getState();
    expect(st.observed).toBeUndefined();
    expect(reportedText(st, st.runs[0]!, 'serverCapacity', 'Server capacity')).toBeUndefined();
  });
});

describe('the overview with reported figures', () => {
  it('marks them on the chart of their metric at their years’ columns, and the legend counts them', async () => {
    s = screen(makeStore([PLAN], { observed: observed() }), 80, 24);
    // Server capacity, the cursor in 2029 (its ● away from the markers)
    await s.press(KEY.down, KEY.end, KEY.left);
    const lines = s.lines();
    expect(lines.find((l) => l.includes('◆ reported ('))).toContain('Server capacity');
    expect(s.frame()).toContain('◆ reported (3)');
    const { rows, col } = chartOf(lines, '◆ reported (3)');
    // the range 2–3 M in 2023: ◆ (the plan's 2.5 M is inside it)
    expect(at(rows, col(2023))).toContain(MARKER.center);
    // at least 9 M in June 2021 (a stock read between the 2020 and 2021 year ends): above the chart, ▲ on its top row
    expect(rows[0]![col(2020.5)]).toBe(MARKER.atLeast);
    // at most 1 M in 2027: ▼
    expect(at(rows, col(2027))).toContain(MARKER.atMost);
    expect(s.frame()).toContain('Reported: 3 figures for Server capacity; the central case holds 1');
  });

  it('marks a row ◆ after its value in a year with a reported figure of its metric', async () => {
    s = screen(makeStore([PLAN], { observed: observed() }), 80, 24);
    const row = (label: string): string => s!.lines().find((l) => l.includes(label) && !l.includes('reported'))!;
    await s.press(KEY.right, KEY.right, KEY.right); // 2023
    expect(row('Server capacity')).toMatch(/servers◆/);
    expect(row('Live racks')).not.toContain('◆');
    await s.press(KEY.right); // 2024
    expect(row('Server capacity')).not.toContain('◆');
    expect(row('Live racks')).toMatch(/racks◆/);
    // the value itself keeps its width: "2.5 M servers" is not cut
    await s.press(KEY.left);
    expect(row('Server capacity')).toContain('M servers◆');
  });

  it('says so for a metric without figures, and in other views’ charts too', async () => {
    s = screen(makeStore([PLAN], { observed: observed() }), 120, 40);
    expect(s.frame()).toContain('Reported: no figures for Mega DCs operating');
    expect(s.frame()).not.toContain('◆ reported (');
    await s.press('2'); // Data centers: the live-racks chart
    expect(s.frame()).toContain('◆ reported (1)');
    expect(s.frame()).toContain('Reported: 1 figure for Live standard racks, all sites; the central case holds');
    const { rows, col } = chartOf(s.lines(), '◆ reported (1)');
    expect(at(rows, col(2024))).toContain(MARKER.center);
    await s.press('6', KEY.down); // Compare: Server capacity for every run
    expect(s.frame()).toContain('◆ reported (3)');
    await s.press('?');
    expect(s.frame()).toContain('is a reported figure (--observed)');
  });

  it('shows a two-sided figure as a span on a tall chart', async () => {
    s = screen(makeStore([PLAN], { observed: observed() }), 120, 40);
    await s.press(KEY.down, KEY.end);
    const { rows, col } = chartOf(s.lines(), '◆ reported (3)');
    expect(marks(at(rows, col(2023)))).toMatch(/^┆+◆┆+$/);
  });

  it('colours the row mark and the markers, and keeps the glyphs under NO_COLOR', async () => {
    s = screen(makeStore([PLAN], { observed: observed() }), 80, 24, true);
    await s.press(KEY.down, KEY.right, KEY.right, KEY.right);
    const raw = s.stdout.lastFrame();
    expect(raw).toContain('\u001b[35m◆\u001b'); // after the value
    expect(raw).toContain('\u001b[35m◆ reported (3)');
    expect(raw).toContain('\u001b[35m▲');
    s.close();
    s = screen(makeStore([PLAN], { observed: observed() }), 80, 24, false);
    await s.press(KEY.down, KEY.right, KEY.right, KEY.right);
    expect(s.stdout.lastFrame()).not.toContain('\u001b[35m');
    expect(s.frame()).toContain('◆ reported (3)');
  });
});

const STATES: [string, string[]][] = [
  ['overview', []],
  ['overview, server capacity', [KEY.down, KEY.right, KEY.right, KEY.right]],
  ['data centers', ['2']],
  ['flows', ['3']],
  ['energy', ['4']],
  ['money', ['5']],
  ['compare', ['6', KEY.down]],
  ['help', ['?']],
  ['levers on overview', ['l']],
  ['levers turned, overview', ['l', KEY.right, '1']],
];

describe('fitting 80 × 24 with reported figures', () => {
  it.each(STATES)('%s: no line wider than 80, last row free', async (what, keys) => {
    s = screen(makeStore([PLAN], { observed: observed() }), 80, 24);
    await s.press(...keys);
    const lines = s.lines();
    expect(lines.filter((l) => width(l) > 80), what).toEqual([]);
    expect(lines.length).toBeLessThanOrEqual(23);
  });

  it.each(STATES)('with complete bands, %s: fits too', async (what, keys) => {
    const store = makeStore([PLAN], { observed: observed(), mcRuns: 20, bands: { schedule: null } });
    store.drainBands();
    s = screen(store, 80, 24);
    await s.press(...keys);
    store.drainBands();
    await s.press();
    const lines = s.lines();
    expect(lines.filter((l) => width(l) > 80), what).toEqual([]);
    expect(lines.length).toBeLessThanOrEqual(23);
  });
});

describe('without reported figures', () => {
  it.each(STATES)('%s: no marker, no legend, no line about them', async (_what, keys) => {
    s = screen(makeStore(), 80, 24);
    await s.press(...keys);
    const f = s.frame();
    for (const g of ['◆', '▲', '▼', '┆', 'reported', 'Reported']) expect(f).not.toContain(g);
  });

  it('an empty set of figures draws no marker either', async () => {
    const empty: ObservationSet = { file: 'empty.yaml', hash: '', observations: [obs({ metric: 'serverCapacity', year: 2040 })] };
    s = screen(makeStore([PLAN], { observed: empty }), 80, 24);
    await s.press(KEY.down);
    expect(s.frame()).not.toContain('◆ reported');
    expect(s.frame()).toContain('Reported: no figures for Server capacity');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  lineBandChart,
  stackedBarChart,
  timelineChart,
  tornadoChart,
  type ChartInput,
  type StackInput,
  type TimelineInput,
  type TornadoInput,
} from '../../../src/report/html/charts.js';

const years = Array.from({ length: 11 }, (_, i) => 2025 + i);
const grow = (start: number, g: number): { year: number; p50: number; p5: number; p95: number }[] =>
  years.map((year, i) => ({ year, p50: start * (1 + g) ** i, p5: start * (1 + 0.6 * g) ** i, p95: start * (1 + 1.4 * g) ** i }));

const lineInput = (): ChartInput => ({
  title: 'Racks in Gui’an',
  unitLabel: 'racks',
  series: [
    { name: 'Baseline', points: grow(120_000, 0.12) },
    { name: 'Slow grid build-out', points: grow(120_000, 0.07) },
  ],
  target: { value: 300_000, year: 2030, label: '2030 plan: 300,000 racks', kind: 'atLeast' },
  observations: [
    { year: 2024.5, lo: 100_000, hi: 140_000, value: 118_000, label: 'MIIT 2024' },
    { year: 2027.25, lo: 150_000, hi: Infinity, label: 'press: more than 150k' },
  ],
});

const tornadoInput = (): TornadoInput => ({
  title: 'What moves racks in 2035',
  unitLabel: 'racks in 2035',
  base: 350_000,
  bars: [
    { label: 'AI demand growth', low: 210_000, high: 520_000 },
    { label: 'Grid connection lead time', low: 280_000, high: 400_000 },
    { label: '东数西算补贴', low: 340_000, high: 358_000 },
  ],
});

const stackInput = (): StackInput => ({
  title: 'Where east demand goes',
  unitLabel: 'MW',
  years: [2025, 2030, 2035],
  layers: [
    { name: 'Gui’an', values: [200, 900, 1500] },
    { name: 'other clusters', values: [800, 1500, 2100] },
    { name: 'stays east', values: [3000, 2600, 2300] },
  ],
});

const timelineInput = (): TimelineInput => ({
  title: 'Milestones',
  start: 2020,
  end: 2036,
  events: [
    { date: 2021.4, label: 'East Data West Computing launched', kind: 'policy' },
    { date: 2022.1, label: 'Gui’an hub approved', kind: 'policy' },
    { date: 2022.5, label: 'First phase online', kind: 'build' },
    { date: 2023, label: 'Grid upgrade', kind: 'grid' },
    { date: 2030, label: 'Plan target year', kind: 'policy' },
    { date: 2035.9, label: 'Horizon', kind: 'model' },
  ],
});

/** The common contract: one <svg> with a non-zero viewBox, self-contained. */
function expectSelfContainedSvg(svg: string): void {
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg.endsWith('</svg>')).toBe(true);
  expect(svg.match(/<svg\b/g)).toHaveLength(1);
  const vb = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(svg);
  expect(vb).not.toBeNull();
  expect(Number(vb?.[1])).toBeGreaterThan(0);
  expect(Number(vb?.[2])).toBeGreaterThan(0);
  expect(svg).not.toMatch(/<script/i);
  expect(svg).not.toMatch(/\bon[a-z]+=/i); // no event handlers
  expect(svg).not.toMatch(/@import|@font-face|url\(\s*['"]?(?!#)/i); // no fonts or external resources
  expect(svg).not.toMatch(/href=/i);
  // "http" may appear only as the SVG namespace
  expect(svg.replace(/ xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, '')).not.toMatch(/https?:/i);
  expect(svg).toContain('"Noto Sans CJK SC"'.replace(/"/g, '&quot;'));
  expect(svg).toContain('<title>');
  expect(svg).not.toMatch(/\bNaN\b|undefined|Infinity/);
  // no process-wide counter ids from Plot (clip paths, patterns, markers)
  expect(svg).not.toMatch(/plot-(clip|pattern|marker)-\d/);
}

const count = (s: string, re: RegExp): number => s.match(re)?.length ?? 0;

describe('lineBandChart', () => {
  it('draws bands, lines, end labels, the target and the observations in one self-contained svg', async () => {
    const svg = await lineBandChart(lineInput());
    expectSelfContainedSvg(svg);
    expect(svg).toContain('viewBox="0 0 640 260"');
    expect(svg).toContain('aria-label="Racks in Gui’an"');
    expect(svg).toMatch(/<title>Racks in Gui’an<\/title>/);
    expect(svg).toMatch(/aria-label="area"/); // the P5–P95 bands
    expect(count(svg, /aria-label="line"/g)).toBe(2);
    // end labels for both series
    expect(svg).toMatch(/>Baseline<\/text>/);
    expect(svg).toMatch(/>Slow grid build-out<\/text>/);
    // the series differ by dash pattern
    const dashes = [...svg.matchAll(/<g [^>]*aria-label="line"[^>]*>/g)].map((m) => /stroke-dasharray="([^"]*)"/.exec(m[0])?.[1]);
    expect(dashes.every((d) => d !== undefined)).toBe(true);
    expect(new Set(dashes).size).toBe(2);
    expect(new Set([...svg.matchAll(/stroke-dasharray="([^"]*)"/g)].map((m) => m[1])).size).toBeGreaterThanOrEqual(2);
    // target: dashed rule and its label
    expect(svg).toContain('2030 plan: 300,000 racks');
    expect(svg).toMatch(/aria-label="rule"[^>]*>|<g [^>]*stroke-dasharray="5 3"[^>]*aria-label="rule"/);
    // observations: hollow dots, whiskers; an open end gets an arrowhead, not a cap
    expect(svg).toMatch(/<circle [^>]*\/>/);
    expect(svg).toMatch(/fill="#fff"[^>]*aria-label="dot"/);
    expect(svg).toContain('MIIT 2024');
    // the legend words
    expect(svg).toContain('P5–P95');
    expect(svg).toContain('>target<');
    expect(svg).toContain('>reported<');
    // years without thousands separators
    expect(svg).toContain('>2025<');
    expect(svg).toContain('>2035<');
    expect(svg).not.toContain('2,025');
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const a = await lineBandChart(lineInput());
    await tornadoChart(tornadoInput()); // interleaved charts must not shift anything
    const b = await lineBandChart(lineInput());
    expect(b).toBe(a);
  });

  it('writes its own words in Chinese when asked', async () => {
    const svg = await lineBandChart({ ...lineInput(), lang: 'zh', series: [{ name: '基准情景', points: grow(1, 0.1) }] });
    expectSelfContainedSvg(svg);
    expect(svg).toContain('>目标<');
    expect(svg).toContain('>公布值<');
    expect(svg).toContain('基准情景');
  });

  it('skips NaN points rather than drawing them as 0', async () => {
    const points = years.map((year, i) => ({ year, p50: i === 4 ? NaN : 1000 + 10 * i }));
    const svg = await lineBandChart({ title: 'gap', unitLabel: 'MW', series: [{ name: 'A', points }] });
    expectSelfContainedSvg(svg);
    // the y domain is not stretched down to 0 by the missing value
    expect(svg).not.toMatch(/>0<\/text>/);
    // the line has one vertex per finite point
    const d = /aria-label="line"[^>]*><path d="([^"]*)"/.exec(svg)?.[1] ?? '';
    expect(count(d, /[ML]/g)).toBe(years.length - 1);
  });

  it('draws a single-point series as a dot and a band-only series as an area', async () => {
    const svg = await lineBandChart({
      title: 'sparse',
      unitLabel: '%',
      series: [
        { name: 'one', points: [{ year: 2030, p50: 50 }] },
        { name: 'band only', points: [{ year: 2025, p50: NaN, p5: 10, p95: 20 }, { year: 2030, p50: NaN, p5: 12, p95: 30 }] },
      ],
    });
    expectSelfContainedSvg(svg);
    expect(svg).toMatch(/<circle /);
    expect(svg).toMatch(/aria-label="area"/);
  });

  it('gives a small "no data" svg for empty or all-NaN input instead of throwing', async () => {
    for (const series of [[], [{ name: 'A', points: [] }], [{ name: 'A', points: years.map((year) => ({ year, p50: NaN, p5: NaN, p95: NaN })) }]]) {
      const svg = await lineBandChart({ title: 'Empty', unitLabel: 'x', series });
      expectSelfContainedSvg(svg);
      expect(svg).toContain('no data');
    }
    expect(await lineBandChart({ title: 'Empty', unitLabel: 'x', series: [], lang: 'zh' })).toContain('无数据');
  });

  it('escapes markup in titles and labels', async () => {
    const svg = await lineBandChart({ title: 'a < b & "c"', unitLabel: 'x', series: [{ name: '<i>', points: grow(1, 0.1) }] });
    expect(svg).not.toContain('<i>');
    expect(svg).toContain('&lt;i&gt;');
    expect(svg).toContain('a &lt; b &amp;');
  });
});

describe('tornadoChart', () => {
  it('draws one bar per parameter around the base rule', async () => {
    const svg = await tornadoChart(tornadoInput());
    expectSelfContainedSvg(svg);
    expect(count(svg, /<rect /g)).toBe(3);
    expect(svg).toMatch(/aria-label="rule"/);
    expect(svg).toContain('AI demand growth');
    expect(svg).toContain('东数西算补贴');
    expect(svg).toContain('base 350,000');
    expect(svg).toContain('520,000');
    expect(await tornadoChart(tornadoInput())).toBe(svg);
  });

  it('keeps the given order (widest first) and skips NaN bars', async () => {
    const input = tornadoInput();
    input.bars.splice(1, 0, { label: 'broken', low: NaN, high: 1 });
    const svg = await tornadoChart(input);
    expect(count(svg, /<rect /g)).toBe(3);
    expect(svg).not.toContain('broken');
    expect(svg.indexOf('AI demand growth')).toBeLessThan(svg.indexOf('东数西算补贴'));
  });

  it('gives "no data" for no bars', async () => {
    const svg = await tornadoChart({ ...tornadoInput(), bars: [] });
    expectSelfContainedSvg(svg);
    expect(svg).toContain('no data');
  });
});

describe('stackedBarChart', () => {
  it('draws one stacked bar per year with a legend', async () => {
    const svg = await stackedBarChart(stackInput());
    expectSelfContainedSvg(svg);
    expect(count(svg, /<rect /g)).toBe(9 + 3); // 3 years × 3 layers, + 3 legend swatches
    expect(svg).toContain('other clusters');
    expect(svg).toContain('>2030<');
    expect(await stackedBarChart(stackInput())).toBe(svg);
  });

  it('skips NaN values and gives "no data" when nothing is left', async () => {
    const input = stackInput();
    (input.layers[0] as { values: number[] }).values[1] = NaN;
    expect(count(await stackedBarChart(input), /<rect /g)).toBe(8 + 3);
    const empty = await stackedBarChart({ ...stackInput(), layers: [{ name: 'x', values: [NaN, NaN, NaN] }] });
    expectSelfContainedSvg(empty);
    expect(empty).toContain('no data');
  });
});

describe('timelineChart', () => {
  it('places every event with its label, rows staggered', async () => {
    const svg = await timelineChart(timelineInput());
    expectSelfContainedSvg(svg);
    for (const e of timelineInput().events) expect(svg).toContain(e.label);
    expect(svg).toMatch(/<path |<circle /);
    expect(svg).toContain('>2020<');
    expect(svg).not.toContain('2,020');
    expect(await timelineChart(timelineInput())).toBe(svg);
  });

  it('keeps labels on one row apart and inside the chart', async () => {
    const events = Array.from({ length: 25 }, (_, i) => ({ date: 2020 + i * 0.6, label: `event number ${i + 1}`, kind: i % 3 === 0 ? 'a' : 'b' }));
    const svg = await timelineChart({ title: 't', start: 2020, end: 2035, events });
    expectSelfContainedSvg(svg);
    for (const e of events) expect(svg).toContain(`>${e.label}<`);
    // labels sit on several rows: their y positions differ
    const ys = new Set([...svg.matchAll(/<text [^>]*transform="translate\([\d.]+,([\d.]+)\)"[^>]*>event number/g)].map((m) => m[1]));
    expect(ys.size).toBeGreaterThan(1);
  });

  it('gives "no data" without events or with a bad range', async () => {
    expect(await timelineChart({ ...timelineInput(), events: [] })).toContain('no data');
    expect(await timelineChart({ ...timelineInput(), start: 2030, end: 2020 })).toContain('no data');
    expect(await timelineChart({ ...timelineInput(), events: [{ date: NaN, label: 'x', kind: 'k' }] })).toContain('no data');
  });
});

describe('charts module', () => {
  it('loads Plot and linkedom lazily (no static import)', () => {
    const src = readFileSync(new URL('../../../src/report/html/charts.ts', import.meta.url), 'utf8');
    expect(src).not.toMatch(/^import [^(]*from ['"](@observablehq\/plot|linkedom)['"]/m);
    expect(src).toContain("import('@observablehq/plot')");
    expect(src).toContain("import('linkedom')");
  });
});

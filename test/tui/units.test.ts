/**
The pure pieces of the TUI: number formats, text fitting, the chart, lever
values and steps, run names, and the narration.
*/
import { describe, expect, it } from 'vitest';
import { chartLines } from '../../src/tui/components/chart.js';
import { fmt, fmtDelta, fmtPct, judge, shortName } from '../../src/report/display.js';
import { narrate, narrationText } from '../../src/report/narration.js';
import { formatLever, runLabel, turnLever } from '../../src/tui/runs.js';
import { padEnd, truncate, width, wrap } from '../../src/tui/text.js';
import type { Lever } from '../../src/scenario/types.js';
import { loaded } from './helpers.js';

describe('numbers', () => {
  it('reads magnitudes with units', () => {
    expect(fmt(4_000_000, 'servers')).toBe('4.0 M servers');
    expect(fmt(38.2e9, 'CNY')).toBe('38.2 bn CNY');
    expect(fmt(1240, 'GWh')).toBe('1,240 GWh');
    expect(fmt(502_345, 'racks')).toBe('502 k racks');
    expect(fmt(0.774, 'share')).toBe('77 %');
    expect(fmt(1.183, '')).toBe('1.18');
    expect(fmt(12, 'count')).toBe('12');
    expect(fmt(NaN, 'racks')).toBe('–');
  });
  it('signs changes and ignores float noise', () => {
    expect(fmtDelta(120_000, 'racks')).toBe('+120 k');
    expect(fmtDelta(-0.02, '')).toBe('−0.02');
    expect(fmtDelta(0.031, 'share')).toBe('+3.1 pp');
    expect(fmtDelta(1e-7, 'racks')).toBe('±0');
    expect(fmtPct(112, 100)).toBe('+12 %');
    expect(fmtPct(95, 100)).toBe('−5.0 %');
  });
  it('knows which way is better', () => {
    expect(judge('serverCapacity', 10)).toBe('better');
    expect(judge('carbonKt', 10)).toBe('worse');
    expect(judge('energyGWh', 10)).toBe('neutral');
    expect(judge('pue', -0.0001)).toBe('same');
  });
  it('shortens site names', () => {
    expect(shortName('China Telecom Cloud Computing Guizhou Information Park')).toBe('China Telecom');
    expect(shortName('Huawei Cloud Gui\'an (Qixinghu)')).toBe('Huawei Cloud (Qixinghu)');
    expect(shortName('Planned mega DC 9 (unnamed in the plan)')).toBe('Planned site 9');
  });
});

describe('text', () => {
  it('measures CJK as two cells and fits exactly', () => {
    expect(width('东数西算')).toBe(8);
    expect(width('\u001b[31mred\u001b[0m')).toBe(3);
    expect(truncate('Beijing-Tianjin-Hebei', 10)).toBe('Beijing-T…');
    expect(width(padEnd('东数西算 plan', 7))).toBe(7);
    // a cut line keeps whole words: "three …", never "three fo…"
    expect(wrap('one two three four five', 9, 2)).toEqual(['one two', 'three …']);
    expect(wrap('one two three four five', 13, 1)).toEqual(['one two …']);
    expect(wrap('unbreakable', 6, 1)).toEqual(['unbre…']);
  });
});

describe('chart', () => {
  const years = [2020, 2021, 2022, 2023, 2024, 2025];
  const values = [1, 2, 4, 7, 9, 10].map((v) => v * 1e5);
  it('is exactly the height asked, never wider than asked, and marks the cursor', () => {
    for (const [w, h] of [[60, 6], [78, 9], [119, 20]] as const) {
      for (let cursor = 0; cursor < years.length; cursor++) {
        const lines = chartLines({ series: [{ values }], years, cursor, width: w, height: h, format: (v) => fmt(v, 'racks', false), color: false, target: 8e5 });
        const text = lines.map((l) => l.map((s) => s.text).join(''));
        expect(text).toHaveLength(h);
        for (const t of text) expect(width(t)).toBeLessThanOrEqual(w);
        expect(text.join('\n').match(/●/g)).toHaveLength(1);
        expect(text[text.length - 1]).toContain(String(years[cursor]));
        expect(text.join('\n')).toContain('╌');
      }
    }
  });
  it('shades the P5–P95 band', () => {
    const band = { p5: values.map((v) => v * 0.8), p95: values.map((v) => v * 1.2) };
    const lines = chartLines({ series: [{ values }], years, cursor: 2, width: 70, height: 12, band, format: String, color: true });
    expect(lines.map((l) => l.map((s) => s.text).join('')).join('\n')).toContain('░');
  });
});

describe('levers', () => {
  const lever: Lever = { id: 'investment', label: 'Investment', path: 'investment.total', unit: 'billion CNY', min: 10, max: 150, step: 5 };
  it('turn on the step grid within min and max', () => {
    expect(turnLever(lever, 42, 1)).toBe(45);
    expect(turnLever(lever, 42, -1)).toBe(40);
    expect(turnLever(lever, 45, 1)).toBe(50);
    expect(turnLever(lever, 150, 1)).toBe(150);
    expect(turnLever(lever, 10, -1)).toBe(10);
    const price: Lever = { ...lever, unit: 'CNY/kWh', min: 0.2, max: 0.8, step: 0.05 };
    expect(turnLever(price, 0.35, -1)).toBe(0.3);
    expect(formatLever(price, 0.3)).toBe('0.30 CNY/kWh');
  });
  it('read their values from the file in their own units', () => {
    expect(loaded().info.leverBase).toEqual({ investment: 42, transferIncentive: 0, electricityPrice: 0.35, demandGrowth: 0.2, aiShare: 0.06 });
  });
  it('name runs by what changed', () => {
    const info = loaded().info;
    expect(runLabel(info, { investment: 60 }, false)).toBe('investment 60 bn');
    expect(runLabel(info, { demandGrowth: 0.3, electricityPrice: 0.3 }, false)).toBe('electricity price 0.30 CNY/kWh, demand growth 30 %');
    expect(runLabel(info, { aiShare: 0.2 }, true)).toBe('guian-plan: AI share 20 %');
    expect(runLabel(info, {}, false)).toBe('guian-plan');
  });
});

describe('narration', () => {
  it('covers every year of the plan in plain words', async () => {
    const { simulate } = await import('../../src/engine/simulate.js');
    const r = simulate(loaded().scenario, { detail: true });
    for (const y of r.years) {
      const t = narrationText(r, y);
      expect(t.startsWith(`${y}: `)).toBe(true);
      expect(t).not.toMatch(/phase p\d|undefined|NaN/);
    }
    // the plan's 2023: phases go live, Gui'an serves eastern work
    const t2023 = narrationText(r, 2023);
    expect(t2023).toMatch(/phases go live \(\+150 k racks\)/);
    expect(t2023).toMatch(/Gui'an serves [\d.]+ k racks of eastern work/);
    expect(narrationText(r, 2025)).toMatch(/Target reached: 4 M server capacity by 2025/);
    expect(narrate(r, 1999)).toEqual([]);
  });
});

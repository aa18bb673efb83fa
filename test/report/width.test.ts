/**
Text laid out by terminal columns (src/report/width.ts): Chinese counts two
cells a character, English wraps exactly as the tables always did, and Chinese
wraps between characters without starting a line on closing punctuation.
*/
import { describe, expect, it } from 'vitest';
import { clipW, displayWidth, padEndW, padStartW, wrapWidth } from '../../src/report/width.js';

/** The English wrap the tables used before Chinese (src/report/table.ts, by `String.length`). */
function oldWrap(text: string, width = 80, indent = '  '): string[] {
  const out: string[] = [];
  const lead = /^ */.exec(text)![0];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    if (line.trim() && line.length + 1 + word.length > width) {
      out.push(line);
      line = indent + word;
    } else line = line.trim() ? `${line} ${word}` : line + word;
  }
  if (line) out.push(line);
  return out;
}

/** A small deterministic generator (tests must not use Math.random). */
function words(seed: number, n: number): string {
  let x = seed;
  const next = (): number => (x = (x * 1103515245 + 12345) % 2147483648);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push('abcdefghijklmnopqrstuvwxyz–≥→·'.slice(0, 1 + (next() % 14)).repeat(1 + (next() % 3)));
  return out.join(' ');
}

describe('terminal width', () => {
  it('counts Chinese characters and full-width punctuation as two cells, ASCII and – ≥ → as one', () => {
    expect(displayWidth('年份')).toBe(4);
    expect(displayWidth('机架（万）')).toBe(10);
    expect(displayWidth('P5–P95 ≥ →')).toBe(10);
    expect(displayWidth('400万 台')).toBe(8);
  });

  it('pads and clips by width, never by code units', () => {
    expect(padStartW('万台', 6)).toBe('  万台');
    expect(padEndW('年份', 6)).toBe('年份  ');
    expect(displayWidth(padStartW('服务器', 9))).toBe(9);
    expect(padStartW('toolong', 3)).toBe('toolong');
    expect(clipW('贵安承接的东部工作负载', 9)).toBe('贵安承接…');
    expect(displayWidth(clipW('贵安承接的东部工作负载', 10))).toBeLessThanOrEqual(10);
    expect(clipW('short', 10)).toBe('short');
  });
});

describe('wrapping', () => {
  it('wraps English exactly as before (law, over generated texts, widths and indents)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const text = (seed % 3 === 0 ? '  ' : '') + words(seed, 5 + (seed % 40));
      const width = 20 + (seed % 61);
      const indent = seed % 2 ? '  ' : '        ';
      expect(wrapWidth(text, width, indent), `seed ${seed}`).toEqual(oldWrap(text, width, indent));
    }
  });

  it('wraps Chinese between characters, within the width, never starting a line with closing punctuation', () => {
    const text = '建设：规划中的 80.9万 个标准机架造价 461亿 元（另有 4 个分期在 2020 年之前已投运，其成本为沉没成本），预算为 420亿 元；到 2030 年，已投用 70.4万 个机架，花费 410亿 元。';
    for (const width of [30, 41, 57, 80]) {
      const lines = wrapWidth(text, width, '  ');
      expect(lines.length).toBeGreaterThan(1);
      for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(width);
      for (const l of lines.slice(1)) expect(l.trimStart(), l).not.toMatch(/^[，。、；：）]/);
      // nothing lost: the characters, spaces aside, are the text's
      expect(lines.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
    }
  });

  it('breaks a leading Chinese word too (help descriptions have no spaces)', () => {
    const lines = wrapWidth('对不确定参数排序（龙卷风图），或筛选所有输入（--screen）', 40, '');
    expect(lines.length).toBe(2);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(40);
  });
});

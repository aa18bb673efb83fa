/**
Text laid out by terminal columns (src/report/width.ts): Chinese counts two
cells a character, English wraps exactly as the tables always did, and Chinese
wraps between characters without starting a line on closing punctuation.
*/
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { clipW, displayWidth, padEndW, padStartW, SIMPLE_RANGES, wrapWidth } from '../../src/report/width.js';

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

  it('measures as string-width (the measure Ink uses) does: emoji, combining marks, ANSI colours, jamo, flags', () => {
    const texts = [
      '👍', '👍🏽', '👨‍👩‍👧', '🇨🇳', '1️⃣', '#⃣', '❤️', '☀', '☀️', '⌚', 'é', 'é', 'é中', '中\u0301文', 'か\u3099', 'ｶﾞ',
      '\u1100\u1161\u11a8', '\u1100\u1100\u1161', '한국어', '\u001b[31m红色\u001b[0m', '\u001b[1mbold\u001b[22m', 'a\u200bb', 'a\u00adb',
      'tab\there', 'ﾊﾟｿｺﾝ', '𠀀𪜀', '〃々〆〇', '﹏︰', '⚡ 电力 ≥ 95%', 'P5–P95 ≥ →', '服务器（万台）', '', ' ',
    ];
    for (const s of texts) expect(displayWidth(s), JSON.stringify(s)).toBe(stringWidth(s));
  });

  it('measures every code point it adds up without the segmenter as string-width does, each a grapheme of its own', () => {
    // A code point that joins no neighbour ('a' before or after it, itself twice) and that string-width
    // measures by its East Asian Width alone makes any text of such code points the sum of them.
    // Every code point of the planes 0-1; of the ideograph planes 2-3, one in 31.
    const segmenter = new Intl.Segmenter();
    const clusters = (s: string): number => [...segmenter.segment(s)].length;
    for (const [from, to] of SIMPLE_RANGES) {
      const step = from >= 0x20000 ? 31 : 1;
      for (let block = from; block <= to; block += 256 * step) {
        const chars: string[] = [];
        for (let cp = block; cp <= Math.min(to, block + 256 * step - 1); cp += step) chars.push(String.fromCodePoint(cp));
        if (!chars.includes(String.fromCodePoint(to)) && to < block + 256 * step) chars.push(String.fromCodePoint(to));
        const where = `U+${block.toString(16)}…`;
        expect(clusters(`a${chars.join('a')}a`), where).toBe(2 * chars.length + 1);
        expect(clusters(chars.map((c) => c + c).join('')), where).toBe(2 * chars.length);
        const wrong = chars.filter((c) => displayWidth(c) !== stringWidth(c));
        expect(wrong.map((c) => `U+${c.codePointAt(0)!.toString(16)}`), where).toEqual([]);
        expect(displayWidth(chars.join('')), where).toBe(stringWidth(chars.join('')));
      }
    }
  });

  it('agrees with string-width on generated mixed text', () => {
    const alphabet = ['a', 'Z', ' ', '中', '文', '，', '（', '万', 'é', '\u0301', '👍', '\u{1f3fd}', '\u200d', '🇨', '🇳', '\ufe0f', '–', '≥', '█', '─', 'ｶ', 'ﾞ', '\u1100', '\u1161', '한', '\u001b[2m', '\t'];
    let x = 7;
    const next = (): number => (x = (x * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 500; i++) {
      let s = '';
      for (let n = next() % 12; n > 0; n--) s += alphabet[next() % alphabet.length]!;
      expect(displayWidth(s), JSON.stringify(s)).toBe(stringWidth(s));
    }
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

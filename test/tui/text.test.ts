/**
Terminal text in cells (src/tui/text.ts): widths as string-width gives them
(Chinese two cells, box drawing one), truncation on grapheme clusters, and word
wrap that never passes its width, never splits a Latin word that fits a line,
breaks Chinese between words, and keeps every character of the text.
*/
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { center, hasCjk, padEnd, padStart, spaced, truncate, width, wrap } from '../../src/tui/text.js';

const ZH = '2023年：贵安新区的数据中心有3个分期投运，贵安承接了21.6万个标准机架的东部工作负载（P5–P95 区间为18万–25万）。电网接入已满，新的负荷需要等待。';

/** The text without whitespace: what wrapping must keep. */
const ink = (s: string): string => s.replace(/\s+/g, '');

describe('width and cutting', () => {
  it('counts Chinese as two cells, box drawing and blocks as one, ANSI as none', () => {
    expect(width('贵安')).toBe(4);
    expect(width('─│█░●◆')).toBe(6);
    expect(width('\u001b[1m贵安\u001b[0m x')).toBe(6);
    expect(width('e\u0301')).toBe(1);
  });

  it('truncates and pads to exact cells, never halving a wide character', () => {
    expect(truncate('数据中心abc', 5)).toBe('数据…');
    expect(width(padEnd('数据中心', 7))).toBe(7);
    expect(padEnd('数据中心', 7)).toBe('数据中…');
    expect(padStart('中', 4)).toBe('  中');
    expect(width(center('总览', 9))).toBe(9);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '中', ' ', '█', '万', 'é') }), fc.integer({ min: 0, max: 30 }), (s, w) => {
        expect(width(truncate(s, w))).toBeLessThanOrEqual(w);
        expect(width(padEnd(s, w))).toBe(w);
        expect(width(padStart(s, w))).toBe(w);
      }),
    );
  });

  it('follows a full-width colon without a space', () => {
    expect(spaced('Limit:')).toBe('Limit: ');
    expect(spaced('限制因素：')).toBe('限制因素：');
  });
});

describe('wrap', () => {
  it('breaks Chinese between words, keeps numbers with their magnitude, and no line starts with closing punctuation', () => {
    for (const w of [12, 20, 33, 40, 79]) {
      const lines = wrap(ZH, w);
      for (const l of lines) {
        expect(stringWidth(l)).toBeLessThanOrEqual(w);
        expect(l).not.toMatch(/^[，。）：；]/);
        expect(l).not.toMatch(/（$/);
      }
      expect(ink(lines.join(''))).toBe(ink(ZH));
      expect(lines.join('\n')).toContain('21.6万');
    }
    // "数据中心" is one word: not split across lines
    expect(wrap(ZH, 20).some((l) => l.includes('数据中心'))).toBe(true);
  });

  it('never splits a Latin word in mixed text', () => {
    const mixed = '贵安的 PUE 为1.36，东部为1.25；Gui\'an serves 216 k racks of eastern work（P5–P95）。';
    for (let w = 8; w <= 40; w++) {
      const lines = wrap(mixed, w);
      for (const word of ['PUE', "Gui'an", 'serves', 'eastern', 'P5–P95']) expect(lines.some((l) => l.includes(word)), `${w}: ${word}`).toBe(true);
    }
  });

  it('laws: every line fits, nothing is lost, a word that fits a line is never split', () => {
    const word = fc.oneof(
      fc.constantFrom('Gui\'an', 'racks', 'PUE', '4.0', 'M', 'P5–P95', 'the', 'median', 'of', '1,000'),
      fc.constantFrom('贵安', '数据中心', '标准机架', '上架率', '中位数', '，', '。', '（', '）', '万', '的'),
    );
    const text = fc.array(fc.tuple(word, fc.constantFrom('', ' ')), { maxLength: 40 }).map((xs) => xs.map(([a, b]) => a + b).join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 6, max: 50 }), (s, w) => {
        const lines = wrap(s, w);
        for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(w);
        expect(ink(lines.join(''))).toBe(ink(s));
        for (const latin of s.match(/[A-Za-z0-9'.,–]+/g) ?? []) {
          if (stringWidth(latin) <= w - 2) expect(lines.some((l) => l.includes(latin)), latin).toBe(true);
        }
      }),
    );
  });

  it('cuts to at most maxLines, the last ending in an ellipsis, within the width', () => {
    const lines = wrap(ZH, 30, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/…$/);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(30);
    expect(hasCjk(lines[0]!)).toBe(true);
  });
});

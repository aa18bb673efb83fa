/**
The report's message catalogue: both languages have every key, with the same
placeholders, and every metric, event kind and binding limit has Chinese words.
*/
import { describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../../../src/scenario/metric-names.js';
import {
  catalogue, EN, EVENT_KINDS_ZH, LANGS, limitWords, LIMITS_ZH, metricLabel, METRIC_LABELS_ZH, placeholders, t, unitWord, ZH, type MessageKey,
} from '../../../src/report/html/i18n.js';
import { LIMIT_WORDS } from '../../../src/report/narration.js';
import { labelOf } from '../../../src/report/display.js';

const keys = Object.keys(EN).sort() as MessageKey[];

describe('report message catalogue', () => {
  it('both languages have every key, and nothing more', () => {
    for (const lang of LANGS) expect(Object.keys(catalogue(lang)).sort(), lang).toEqual(keys);
    expect(Object.keys(ZH).sort()).toEqual(keys);
  });

  it('no message is empty, and each has the same placeholders in both languages', () => {
    for (const k of keys) {
      expect(EN[k].trim(), k).not.toBe('');
      expect(ZH[k].trim(), k).not.toBe('');
      expect(placeholders(ZH[k]), k).toEqual(placeholders(EN[k]));
    }
  });

  it('the Chinese side is Chinese: every sentence-like message has CJK characters', () => {
    // headers that are symbols or codes on purpose (P5–P95, ρ, #, Δ X) are the same in both
    const same = keys.filter((k) => EN[k] === ZH[k]);
    for (const k of same) expect(/^[\p{P}\p{S}\p{N}\sA-Za-z{}5–9PΔρ%#]+$/u.test(EN[k]) && EN[k].length <= 12, `${k}: "${EN[k]}" is not translated`).toBe(true);
    const cjk = /[\u4e00-\u9fff]/;
    for (const k of keys) if (/[a-z]{3,} [a-z]{3,}/.test(EN[k].replace(/`[^`]*`|\{\w+\}|--\w+/g, ''))) expect(cjk.test(ZH[k]), k).toBe(true);
  });

  it('t fills placeholders and leaves unknown ones', () => {
    expect(t('en', 'captionMedian', { runs: '1,000', seed: 7 })).toBe('median of 1,000 Monte Carlo runs, seed 7');
    expect(t('zh', 'captionMedian', { runs: '1,000', seed: 7 })).toBe('1,000 次蒙特卡洛模拟的中位数，种子 7');
    expect(t('en', 'payback', {})).toContain('{year}');
  });

  it('every metric has a Chinese label; English labels are the metric table\'s', () => {
    for (const m of METRIC_NAMES) {
      expect(METRIC_LABELS_ZH[m], m).toMatch(/[\u4e00-\u9fff]|^PUE$/);
      expect(metricLabel(m, 'en')).toBe(labelOf(m));
      expect(metricLabel(m, 'zh')).toBe(METRIC_LABELS_ZH[m]);
    }
    expect(metricLabel('serversPerMW', 'zh')).toBe('serversPerMW');
  });

  it('event kinds, limits and unit words', () => {
    const kinds = ['phase-start', 'phase-live', 'dc-complete', 'budget-wait', 'budget-resume', 'network-full', 'grid-full', 'substation', 'export-control',
      'subsidy', 'racks-full', 'target-met', 'target-missed'];
    expect(Object.keys(EVENT_KINDS_ZH).sort()).toEqual([...kinds].sort());
    expect(Object.keys(LIMITS_ZH).sort()).toEqual(Object.keys(LIMIT_WORDS).sort());
    expect(limitWords('grid', 'en')).toBe(LIMIT_WORDS.grid);
    expect(limitWords('grid', 'zh')).toBe(LIMITS_ZH.grid);
    expect(unitWord('racks', 'en')).toBe('racks');
    expect(unitWord('racks', 'zh')).toBe('机架');
    expect(unitWord('share', 'zh')).toBe('%');
    expect(unitWord('GWh', 'zh')).toBe('GWh');
  });
});

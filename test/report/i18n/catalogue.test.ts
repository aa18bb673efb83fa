import { describe, expect, it } from 'vitest';
import { catalogue, placeholders, sections, t, type MessageKey } from '../../../src/report/i18n/catalogue.js';
import { getLang, langArg, langFromEnv, parseLang, setLang, withLang } from '../../../src/report/i18n/lang.js';
import { magnitude } from '../../../src/report/format.js';
import { fmt } from '../../../src/report/display.js';

const HAN = /\p{Script=Han}/u;

describe('the message catalogue', () => {
  it('has every key in both languages, with the same placeholders and no empty text', () => {
    const en = catalogue('en');
    const zh = catalogue('zh');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(zh[key].trim(), key).not.toBe('');
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('keeps each area to its own prefix, so no area can overwrite another', () => {
    for (const [area, s] of Object.entries(sections())) {
      expect(Object.keys(s.zh).sort(), area).toEqual(Object.keys(s.en).sort());
      for (const key of Object.keys(s.en)) expect(key.startsWith(`${area}.`), `${area}: ${key}`).toBe(true);
    }
  });

  it('writes Chinese on the Chinese side: a Chinese text differs from its English one unless it is a symbol or a name', () => {
    const zh = catalogue('zh');
    const en = catalogue('en');
    const untranslated = (Object.keys(en) as MessageKey[]).filter(
      (k) => zh[k] === en[k] && /[a-z]{4,}/i.test(en[k].replace(/\{\w+\}/g, '')) && !HAN.test(zh[k]),
    );
    // names of keys, commands and units may stay as they are; prose may not
    const prose = untranslated.filter((k) => en[k].split(/\s+/).length >= 3 && !/^(dcplan|--)/.test(en[k]));
    expect(prose).toEqual([]);
  });

  it('throws on a key no area has (a key made at run time, `glossary.${id}.term`), never printing the key', () => {
    expect(() => t('glossary.nope.term' as MessageKey)).toThrow('no message "glossary.nope.term" in the en catalogue');
    expect(() => t('nope.key' as MessageKey, {}, 'zh')).toThrow('no message "nope.key" in the zh catalogue');
    expect(() => t('constructor' as MessageKey)).toThrow('no message');
    expect(() => t('cli.toString' as MessageKey)).toThrow('no message');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('common.year', {}, 'zh')).toBe('年份');
    expect(withLang('zh', () => t('common.met'))).toBe('达成');
    expect(t('common.met')).toBe('met');
  });
});

describe('the session language', () => {
  it('reads --lang before anything else, in both spellings', () => {
    expect(langArg(['run', 'x.yaml', '--lang', 'zh'])).toBe('zh');
    expect(langArg(['--lang=en', 'run'])).toBe('en');
    expect(langArg(['run', '--', '--lang', 'zh'])).toBeUndefined();
    expect(langArg(['run'])).toBeUndefined();
  });

  it('follows LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(langFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(langFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_ALL: '', LC_MESSAGES: 'zh_TW', LANG: 'en_GB' })).toBe('zh');
    expect(langFromEnv({ LANG: 'C.UTF-8' })).toBe('en');
    expect(langFromEnv({ LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(langFromEnv({})).toBe('en');
  });

  it('parses the spellings people write', () => {
    expect(parseLang('zh-CN')).toBe('zh');
    expect(parseLang('ZH')).toBe('zh');
    expect(parseLang('zh-Hans')).toBe('zh');
    expect(parseLang('en_US.UTF-8')).toBe('en');
    expect(parseLang('fr')).toBeUndefined();
    expect(parseLang('zhx')).toBeUndefined();
  });

  it('withLang puts the language back even when the render throws', () => {
    setLang('en');
    expect(() => withLang('zh', () => { throw new Error('x'); })).toThrow('x');
    expect(getLang()).toBe('en');
  });
});

describe('numbers in Chinese', () => {
  it('count in 万 and 亿 with three significant figures, English keeps k / M / bn', () => {
    expect(withLang('zh', () => magnitude(4e6))).toBe('400万');
    expect(withLang('zh', () => magnitude(4.05e10))).toBe('405亿');
    expect(withLang('zh', () => magnitude(-2.5e9))).toBe('−25亿');
    expect(withLang('zh', () => magnitude(12_345))).toBe('1.23万');
    expect(withLang('zh', () => magnitude(9_999))).toBe('9,999');
    expect(magnitude(4e6)).toBe('4.0 M');
    expect(withLang('zh', () => fmt(0.42, 'share'))).toBe(fmt(0.42, 'share'));
  });
});

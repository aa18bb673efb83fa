/**
Text a file may write in one language or in both: a scenario's or a data
center's name, a lesson's narration. `"Apple iCloud"` is English only;
`{en: "Apple iCloud", zh: "苹果 iCloud"}` gives both. The languages dcplan
speaks are here, at the bottom of the layers, so files can be checked for
a missing translation where they are loaded.
*/

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** A name or a text in English, or in English and Chinese. */
export type LocalText = string | { readonly en: string; readonly zh: string };

/** The text in `lang`; English where the file gives only English. */
export function pickText(text: LocalText, lang: Lang): string {
  return typeof text === 'string' ? text : text[lang];
}

/** 'zh', 'zh-CN', 'zh_CN.UTF-8', 'zh-Hans' → 'zh'; 'en', 'en_US.UTF-8', 'C', 'POSIX' → 'en'; anything else undefined. */
export function parseLang(value: string): Lang | undefined {
  const v = value.trim().toLowerCase();
  if (/^zh([-_.@].*)?$/.test(v)) return 'zh';
  if (/^en([-_.@].*)?$/.test(v) || v === 'c' || v === 'posix' || /^c\.utf-?8$/.test(v)) return 'en';
  return undefined;
}

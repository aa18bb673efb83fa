/**
Names as the reader's language writes them. A scenario file may name a data
center, a hub, a cluster or the scenario itself in English only
(`name: Apple iCloud`) or in both (`name: {en: Apple iCloud, zh: 苹果 iCloud}`);
resolved, the English name stays `name` (ids, machine outputs) and the Chinese
one, when given, is `nameZh`.
*/
import { getLang, type Lang } from './i18n/lang.js';

export interface Named {
  readonly name: string;
  readonly nameZh?: string | undefined;
}

/** The name in the session's language (or `lang`): the Chinese one where the file gives it. */
export function localName(x: Named, lang: Lang = getLang()): string {
  return lang === 'zh' && x.nameZh ? x.nameZh : x.name;
}

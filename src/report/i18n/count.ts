/**
A count with its noun, in the session's language: "1 phase", "12 phases";
"12 个分期". English picks singular or plural; Chinese has a measure word and
no plural. The nouns are the catalogue's (`table.count.<noun>.one|other`).
*/
import { grouped } from '../format.js';
import { t, type MessageKey } from './catalogue.js';
import { getLang, type Lang } from './lang.js';

export type CountNoun = 'phase' | 'dc' | 'run' | 'scenario' | 'shard' | 'value' | 'pair' | 'point' | 'input' | 'moreInput' | 'trajectory' | 'piece';

export function countOf(n: number, noun: CountNoun, lang: Lang = getLang()): string {
  const key = `table.count.${noun}.${n === 1 ? 'one' : 'other'}` as MessageKey;
  return t(key, { n: grouped(n) }, lang);
}

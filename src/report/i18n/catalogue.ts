/**
The one message catalogue of the CLI, the TUI and the narration, in English
and Chinese. Each area keeps its words in its own file under messages/ (keys
prefixed with the area: "tui.…", "cli.…"); the Chinese side is typed to have
every English key, and test/report/i18n/catalogue.test.ts checks that both
sides have the same `{placeholders}` and no empty text. (The HTML report's
page words are in ../html/i18n.ts, typed the same way.)

`t(key, params)` fills `{name}` placeholders. Numbers are formatted by the
caller (src/report/display.ts, which follows the language too) and passed in
as text.
*/
import { getLang, type Lang } from './lang.js';
import * as cli from './messages/cli.js';
import * as common from './messages/common.js';
import * as glossary from './messages/glossary.js';
import * as lesson from './messages/lesson.js';
import * as narration from './messages/narration.js';
import * as table from './messages/table.js';
import * as tui from './messages/tui.js';

/**
The areas, by key prefix. Each area's words are functions that build them:
the catalogue is about 170 kB of text, and `dcplan --help` needs only the cli
(and lesson) words in one language, so an area is built the first time one
of its keys is asked for, in that language, and kept. (Built eagerly, the
whole catalogue cost every start ~5 ms.)
*/
const AREAS = { common, cli, table, tui, narration, glossary, lesson } as const;

type Area = keyof typeof AREAS;

/** Every key of every area (the keys of an area start with its name and a dot). */
export type MessageKey = { [A in Area]: keyof ReturnType<(typeof AREAS)[A]['en']> }[Area];

type Words = Readonly<Record<string, string>>;

const built: Record<Lang, Partial<Record<Area, Words>>> = { en: {}, zh: {} };

/** The words of the area `key` belongs to, in `lang`; built on first use. */
function wordsFor(key: string, lang: Lang): Words | undefined {
  const area = key.slice(0, key.indexOf('.'));
  if (!Object.hasOwn(AREAS, area)) return undefined;
  return (built[lang][area as Area] ??= AREAS[area as Area][lang]());
}

export type Params = Readonly<Record<string, string | number>>;

/** The message in the session's language (or `lang`), its `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Params = {}, lang: Lang = getLang()): string {
  const words = wordsFor(key, lang);
  // a key made up at run time (`glossary.${id}.term`) that no area has: say so, never print the key
  if (!words || !Object.hasOwn(words, key)) throw new Error(`no message "${key}" in the ${lang} catalogue`);
  return words[key]!.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The placeholders of a message, sorted: the same in every language. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

/** Every message of a language (for tests: builds every area). */
export function catalogue(lang: Lang): Readonly<Record<MessageKey, string>> {
  return Object.assign({}, ...Object.keys(AREAS).map((area) => wordsFor(`${area}.`, lang))) as Record<MessageKey, string>;
}

/** Each area's words in both languages, by area name (for tests). */
export function sections(): Readonly<Record<string, { en: Words; zh: Words }>> {
  return Object.fromEntries(Object.entries(AREAS).map(([name, area]) => [name, { en: area.en(), zh: area.zh() }]));
}

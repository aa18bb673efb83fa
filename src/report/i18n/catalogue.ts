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

const SECTIONS = { common, cli, table, tui, narration, glossary, lesson } as const;

export const EN = {
  ...common.en, ...cli.en, ...table.en, ...tui.en, ...narration.en, ...glossary.en, ...lesson.en,
} as const;

export type MessageKey = keyof typeof EN;

export const ZH: Record<MessageKey, string> = {
  ...common.zh, ...cli.zh, ...table.zh, ...tui.zh, ...narration.zh, ...glossary.zh, ...lesson.zh,
};

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en: EN, zh: ZH };

export type Params = Readonly<Record<string, string | number>>;

/** The message in the session's language (or `lang`), its `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Params = {}, lang: Lang = getLang()): string {
  return CATALOGUES[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The placeholders of a message, sorted: the same in every language. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

/** Every message of a language, and each area's keys (for tests). */
export function catalogue(lang: Lang): Readonly<Record<MessageKey, string>> {
  return CATALOGUES[lang];
}

export function sections(): Readonly<Record<string, { en: Readonly<Record<string, string>>; zh: Readonly<Record<string, string>> }>> {
  return SECTIONS;
}

/**
Commander's own words in the session's language: the help's headings
("Usage:", "Options:"), the `(default: …)` notes, the examples heading and the
error lines commander writes itself ("error: unknown option '--x'"). English
keeps commander's text as it is; Chinese help is laid out by terminal width
(a Chinese character takes two columns) and may wrap between characters.
*/
import { Help, type Command, type HelpConfiguration, type Option } from 'commander';
import { t, type MessageKey } from '../report/i18n/catalogue.js';
import { getLang } from '../report/i18n/lang.js';
import { displayWidth, wrapWidth } from '../report/width.js';

const TITLES: Record<string, MessageKey> = {
  'Usage:': 'cli.help.usage',
  'Arguments:': 'cli.help.arguments',
  'Options:': 'cli.help.options',
  'Commands:': 'cli.help.commands',
  'Global Options:': 'cli.help.globalOptions',
};

/** "[options]" and "[command]" in a usage line, in the language. */
function usageWords(s: string): string {
  return s.replace(/\[options\]/g, t('cli.help.optionsToken')).replace(/\[command\]/g, t('cli.help.commandToken'));
}

/**
An option's help with its notes: `(choices: …, default: …)` in the language.
An empty list as default (the repeatable options) says nothing a user needs,
so it is left out.
*/
function optionDescription(option: Option): string {
  const extra: string[] = [];
  if (option.argChoices) extra.push(t('cli.help.choices', { values: option.argChoices.map((c) => JSON.stringify(c)).join(t('cli.help.listSeparator')) }));
  const d: unknown = option.defaultValue;
  const emptyList = Array.isArray(d) && d.length === 0;
  if (d !== undefined && !emptyList && (option.required || option.optional || (option.isBoolean() && typeof d === 'boolean'))) {
    extra.push(t('cli.help.default', { value: option.defaultValueDescription ?? JSON.stringify(d) }));
  }
  if (extra.length === 0) return option.description;
  const notes = t('cli.help.notes', { notes: extra.join(t('cli.help.noteSeparator')) });
  return option.description ? t('cli.help.withNotes', { description: option.description, notes }) : notes;
}

/** Help settings for `program.configureHelp`, in the session's language. */
export function helpConfiguration(): HelpConfiguration {
  if (getLang() !== 'zh') return { optionDescription };
  const base = new Help();
  return {
    optionDescription,
    styleTitle: (s: string) => (TITLES[s] !== undefined ? t(TITLES[s]) : s),
    displayWidth: (s: string) => displayWidth(s),
    commandUsage: (cmd: Command) => usageWords(base.commandUsage(cmd)),
    subcommandTerm: (cmd: Command) => usageWords(base.subcommandTerm(cmd)),
    // Chinese has no spaces to break at: wrap by terminal columns, between characters where needed
    boxWrap: (str: string, width: number) =>
      width < 40 ? str : str.split('\n').map((line) => wrapWidth(line, width, '').join('\n')).join('\n'),
  };
}

/** "\nExamples:\n  dcplan …\n  dcplan …\n": commands are the same in every language, the heading is not. */
export function examples(...commands: string[]): string {
  return `\n${t(commands.length === 1 ? 'cli.help.example' : 'cli.help.examples')}\n${commands.map((c) => `  ${c}`).join('\n')}\n`;
}

/** Commander's error lines, rules tried in order; the first match rewrites the line. */
const COMMANDER_ERRORS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^error: unknown option '(.*)'$/, (m) => t('cli.cmdr.unknownOption', { option: m[1]! })],
  [/^error: unknown command '(.*)'$/, (m) => t('cli.cmdr.unknownCommand', { command: m[1]! })],
  [/^error: missing required argument '(.*)'$/, (m) => t('cli.cmdr.missingArgument', { name: m[1]! })],
  [/^error: option '(.*)' argument missing$/, (m) => t('cli.cmdr.argumentMissing', { option: m[1]! })],
  [/^error: required option '(.*)' not specified$/, (m) => t('cli.cmdr.requiredOption', { option: m[1]! })],
  [/^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/, (m) => t('cli.cmdr.invalidChoice', { option: m[1]!, value: m[2]!, choices: m[3]! })],
  [/^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/, (m) =>
    t('cli.cmdr.tooMany', { command: m[1] ?? 'dcplan', expected: m[2]!, got: m[3]! })],
  [/^\(Did you mean one of (.*)\?\)$/, (m) => t('cli.cmdr.didYouMeanOne', { what: m[1]! })],
  [/^\(Did you mean (.*)\?\)$/, (m) => t('cli.cmdr.didYouMean', { what: m[1]! })],
  [/^error: (.*)$/, (m) => t('cli.cmdr.error', { message: m[1]! })],
];

/** An error commander writes, in the session's language (English as commander wrote it). */
export function commanderError(text: string): string {
  if (getLang() === 'en') return text;
  return text
    .split('\n')
    .map((line) => {
      for (const [re, f] of COMMANDER_ERRORS) {
        const m = re.exec(line);
        if (m) return f(m);
      }
      return line;
    })
    .join('\n');
}

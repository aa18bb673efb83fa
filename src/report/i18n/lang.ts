/**
The language every face speaks in this process: set once at start-up by the
CLI (`--lang zh|en`, else `LC_ALL` / `LC_MESSAGES` / `LANG`) and read by the
message catalogue and the number formats. Plain module state on purpose: the
language is a property of the session, like the terminal's width, and threading
it through every table and view function would add a parameter to hundreds of
calls that never differ within one run. Tests set it and put it back.
*/
import { parseLang, type Lang } from '../../scenario/local-text.js';

export { LANGS, parseLang, pickText, type Lang, type LocalText } from '../../scenario/local-text.js';

let current: Lang = 'en';

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  current = lang;
}

/** Run `f` in `lang`, then put the previous language back (for tests and one-off renders). */
export function withLang<T>(lang: Lang, f: () => T): T {
  const before = current;
  current = lang;
  try {
    return f();
  } finally {
    current = before;
  }
}

/**
The language the environment asks for, as POSIX orders it: LC_ALL, then
LC_MESSAGES, then LANG (the first one set and not empty decides); English when
none names Chinese.
*/
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v) return parseLang(v) ?? 'en';
  }
  return 'en';
}

/**
`--lang X` or `--lang=X` anywhere in argv (before the command parses it, so
help texts are already in the right language). Returns the value as written
(undefined when absent); the caller reports a value that is not en or zh.
*/
export function langArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return undefined;
    if (a === '--lang') return argv[i + 1] ?? '';
    if (a.startsWith('--lang=')) return a.slice('--lang='.length);
  }
  return undefined;
}

/**
Help, whole and light. Every command's help, in both languages, is made of the
catalogue's words: no message key shows through, and nothing fails now that the
catalogue builds an area the first time one of its keys is asked for
(src/report/i18n/catalogue.ts). And the program's own `--help` (the cold start a
user meets first) builds no `Intl.Segmenter`: string-width, whose module builds
one, loads only for text that needs grapheme clusters (src/report/width.ts).
*/
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/report/i18n/catalogue.js';
import { dcplanWith } from '../helpers/cli.js';

/** The environment with no locale variables: English unless --lang says otherwise. */
function noLocale(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG']) delete env[k];
  return env;
}

const help = (...args: string[]): ReturnType<typeof dcplanWith> => dcplanWith({ env: noLocale() }, ...args);

/** Every message key, English and Chinese sides alike. */
const KEYS = Object.keys(catalogue('en'));

/**
Counts the `Intl.Segmenter`s a process builds and writes the count to stderr
as it exits (`node --import` this before the program).
*/
const COUNT_SEGMENTERS = `data:text/javascript,${encodeURIComponent(`
import { writeSync } from 'node:fs';
let n = 0;
const Segmenter = Intl.Segmenter;
Intl.Segmenter = class extends Segmenter { constructor(...a) { super(...a); n++; } };
process.on('exit', () => writeSync(2, 'segmenters: ' + n + '\\n'));
`)}`;

describe('help', () => {
  it('every command, in English and Chinese: exit 0, the catalogue\'s words, no message key', async () => {
    const top = await help('--help');
    expect(top.code, top.stderr).toBe(0);
    const commands = [...top.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['run', 'batch', 'compare', 'lesson', 'tui', 'validate']));
    for (const lang of ['en', 'zh']) {
      for (const args of [['--help'], ...[...commands, 'start'].map((c) => [c, '--help']), ['help', 'run']]) {
        const r = await help(...args, '--lang', lang);
        const what = `${lang}: ${args.join(' ')}`;
        expect(r.code, `${what}\n${r.stderr}`).toBe(0);
        expect(r.stderr, what).toBe('');
        expect(r.stdout, what).toMatch(/^(Usage:|用法：) dcplan/);
        expect(KEYS.filter((k) => r.stdout.includes(k)), what).toEqual([]);
      }
    }
  });

  it('the program: the same help as in-process, in both languages, with no Intl.Segmenter built', async () => {
    for (const args of [['--help'], ['--lang', 'zh', '--help'], ['run', '--help'], ['--lang', 'zh', 'run', '--help']]) {
      const r = spawnSync(process.execPath, ['--import', COUNT_SEGMENTERS, 'bin/dcplan.js', ...args], { encoding: 'utf8', env: noLocale() });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr, args.join(' ')).toBe('segmenters: 0\n');
      expect(r.stdout, args.join(' ')).toBe((await help(...args)).stdout);
    }
  });
});

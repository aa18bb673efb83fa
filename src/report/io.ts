/**
Writing output files, for both faces: atomic writes (a temporary file in the
same directory, then rename — a reader never sees half a file, and an
interrupted write leaves what was there before) and the words for why a file
cannot be written. A failure is a `WriteError` whose message is one line in the
session's language ("FILE: cannot write: permission denied"); the CLI turns it
into exit 1, the TUI shows it on its message line.
*/
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { t, type MessageKey } from './i18n/catalogue.js';

/** Why a file cannot be written, by its error code (the code itself where there are no words for it). */
const WHY: Record<string, MessageKey> = {
  ENOENT: 'cli.why.ENOENT', EACCES: 'cli.why.EACCES', EROFS: 'cli.why.EROFS', ENOSPC: 'cli.why.ENOSPC', EISDIR: 'cli.why.EISDIR', ENOTDIR: 'cli.why.ENOTDIR',
};

/** "permission denied" for EACCES, in the session's language; the code or message itself otherwise. */
export function whyText(code: string | undefined, fallback = code ?? ''): string {
  const key = code !== undefined ? WHY[code] : undefined;
  return key !== undefined ? t(key) : fallback;
}

/** A file that could not be written; `message` is the one line to show. */
export class WriteError extends Error {
  constructor(
    readonly file: string,
    readonly code: string | undefined,
    fallback?: string,
  ) {
    super(t('cli.err.cannotWrite', { file, why: whyText(code, fallback) }));
    this.name = 'WriteError';
  }
}

/**
`mkdir -p`, one level at a time: Node's `recursive: true` can spin forever on
some file systems (e.g. under /proc), where a plain mkdir fails cleanly.
*/
export function makeDirs(dir: string): void {
  const abs = resolve(dir);
  if (existsSync(abs)) return;
  makeDirs(dirname(abs));
  mkdirSync(abs);
}

/** Write `text` to `file` atomically, creating its directory; throws `WriteError`. */
export function writeAtomic(file: string, text: string): void {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
  try {
    makeDirs(dir);
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    const e = err as NodeJS.ErrnoException;
    throw new WriteError(file, e.code, e.code ?? e.message);
  }
}

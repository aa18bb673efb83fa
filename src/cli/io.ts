/**
Output helpers for the commands: atomic file writes (temporary file in the same
directory, then rename — a reader never sees half a file, and an interrupted
run leaves what was there before), and whether stderr is a terminal.
*/
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from './exit.js';
import { t, type MessageKey } from '../report/i18n/catalogue.js';

/** Why a file cannot be written, by its error code (the code itself where there are no words for it). */
const WHY: Record<string, MessageKey> = {
  ENOENT: 'cli.why.ENOENT', EACCES: 'cli.why.EACCES', EROFS: 'cli.why.EROFS', ENOSPC: 'cli.why.ENOSPC', EISDIR: 'cli.why.EISDIR', ENOTDIR: 'cli.why.ENOTDIR',
};

/** "permission denied" for EACCES, in the session's language; the code or message itself otherwise. */
export function whyText(code: string | undefined, fallback = code ?? ''): string {
  const key = code !== undefined ? WHY[code] : undefined;
  return key !== undefined ? t(key) : fallback;
}

/** "FILE: cannot write: WHY", one line. */
export function cannotWrite(file: string, code: string | undefined, fallback?: string): UserError {
  return new UserError([t('cli.err.cannotWrite', { file, why: whyText(code, fallback) })]);
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
    throw cannotWrite(file, e.code, e.code ?? e.message);
  }
}

/** Write to a file (atomically) or stdout. */
export function emit(text: string, out?: string): void {
  if (out) writeAtomic(out, text);
  else process.stdout.write(text);
}

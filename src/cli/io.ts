/**
Output helpers for the commands: atomic file writes (temporary file in the same
directory, then rename — a reader never sees half a file, and an interrupted
run leaves what was there before), and whether stderr is a terminal.
*/
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from './exit.js';

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
    const why: Record<string, string> = { ENOENT: 'the directory does not exist', EACCES: 'permission denied', EROFS: 'read-only file system', ENOSPC: 'no space left on the device', EISDIR: 'it is a directory', ENOTDIR: 'a part of the path is not a directory' };
    throw new UserError([`${file}: cannot write: ${why[e.code ?? ''] ?? e.code ?? e.message}`]);
  }
}

/** Write to a file (atomically) or stdout. */
export function emit(text: string, out?: string): void {
  if (out) writeAtomic(out, text);
  else process.stdout.write(text);
}

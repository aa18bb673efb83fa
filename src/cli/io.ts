/**
Output helpers for the commands: atomic file writes (temporary file in the same
directory, then rename — a reader never sees half a file, and an interrupted
run leaves what was there before), and whether stderr is a terminal.
*/
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { UserError } from './exit.js';

export function writeAtomic(file: string, text: string): void {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    const e = err as NodeJS.ErrnoException;
    throw new UserError([`${file}: cannot write: ${e.code ?? e.message}`]);
  }
}

/** Write to a file (atomically) or stdout. */
export function emit(text: string, out?: string): void {
  if (out) writeAtomic(out, text);
  else process.stdout.write(text);
}

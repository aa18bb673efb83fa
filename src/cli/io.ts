/**
Output for the commands: the shared atomic writes (src/report/io.ts) with their
failures as a `UserError` (one line, exit 1), and stdout or a file.
*/
import { WriteError, writeAtomic as write } from '../report/io.js';
import { UserError } from './exit.js';
import { writeOut } from './output.js';

export { makeDirs, whyText } from '../report/io.js';

/** "FILE: cannot write: WHY", one line (exit 1). */
export function cannotWrite(file: string, code: string | undefined, fallback?: string): UserError {
  return new UserError([new WriteError(file, code, fallback).message]);
}

/** Write `text` to `file` atomically; a failure is one line and exit 1. */
export function writeAtomic(file: string, text: string): void {
  try {
    write(file, text);
  } catch (err) {
    if (err instanceof WriteError) throw new UserError([err.message]);
    throw err;
  }
}

/** Write to a file (atomically) or stdout. */
export function emit(text: string, out?: string): void {
  if (out) writeAtomic(out, text);
  else writeOut(text);
}

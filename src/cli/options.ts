/**
Parsing and checking the numeric flags shared by the commands. A bad value is a
usage error (exit 2) naming the flag.
*/
import { usageError } from './exit.js';

export function intFlag(name: string, raw: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (raw === undefined) return undefined;
  const t = raw.trim();
  if (!/^-?\d+$/.test(t)) throw usageError(`--${name} must be a whole number, got "${raw}"`);
  const v = Number(t);
  if (v < min || v > max) throw usageError(`--${name} must be between ${min} and ${max}, got ${raw}`);
  return v;
}

/** `--set path=value` pairs; the value may be quoted. */
export function parseSets(raw: string[]): { path: string; value: string }[] {
  return raw.map((s) => {
    const i = s.indexOf('=');
    if (i <= 0) throw usageError(`--set expects path=value (e.g. investment="60 billion CNY"), got "${s}"`);
    let value = s.slice(i + 1).trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    return { path: s.slice(0, i).trim(), value };
  });
}

/**
Parsing and checking the numeric flags shared by the commands. A bad value is a
usage error (exit 2) naming the flag.
*/
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Override } from '../scenario/index.js';
import { usageError } from './exit.js';
import { t } from '../report/i18n/catalogue.js';

export function intFlag(name: string, raw: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (!/^-?\d+$/.test(s)) throw usageError(t('cli.err.wholeNumber', { flag: name, raw }));
  const v = Number(s);
  if (v < min || v > max) throw usageError(t('cli.err.between', { flag: name, min, max, raw }));
  return v;
}

/** `--set path=value` pairs; the value may be quoted. */
export function parseSets(raw: string[]): { path: string; value: string }[] {
  return raw.map((s) => {
    const i = s.indexOf('=');
    if (i <= 0) throw usageError(t('cli.err.setSyntax', { raw: s }));
    let value = s.slice(i + 1).trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    return { path: s.slice(0, i).trim(), value };
  });
}

/** The flags every simulating command shares. */
export interface SimulationFlags {
  runs?: string;
  seed?: string;
  workers?: string;
  set?: string[];
}

export interface ParsedSimulationFlags {
  runs?: number;
  seed?: number;
  /** Worker threads: the flag, else all cores; 1 when there is no bundled worker (running from source). */
  workers: number;
  overrides: { path: string; value: string }[];
}

export function parseSimulationFlags(opts: SimulationFlags, workerUrl: URL, maxRuns = 10_000_000): ParsedSimulationFlags {
  const runs = intFlag('runs', opts.runs, 1, maxRuns);
  const seed = intFlag('seed', opts.seed, 0);
  const workersFlag = intFlag('workers', opts.workers, 1, 256);
  const workers = existsSync(fileURLToPath(workerUrl)) ? (workersFlag ?? availableParallelism()) : 1;
  const out: ParsedSimulationFlags = { workers, overrides: parseSets(opts.set ?? []) };
  if (runs !== undefined) out.runs = runs;
  if (seed !== undefined) out.seed = seed;
  return out;
}

/** Where a `--from YEAR` stood among the `--set`s (src/cli/main.ts records it as commander parses): the year as given, and how many --set came before it. */
export interface FromMark {
  year: string;
  sets: number;
}

/** The `--set`s split by `--from`: those before any `--from` (from the start), then each from-year's own, by year. */
export interface ForkFlags {
  pre: Override[];
  blocks: { year: number; overrides: Override[] }[];
}

/**
`--set a=1 --from 2024 --set b=2 --set c=3 --from 2026 --set d=4`: every `--set`
after a `--from` belongs to that year, those before any `--from` apply from the
start. Blocks of the same year join; blocks come out in year order. A `--from`
with no `--set` after it is a usage error.
*/
export function parseForkFlags(set: readonly string[] = [], from: readonly FromMark[] = []): ForkFlags {
  const sets = parseSets([...set]);
  const pre = sets.slice(0, from.length > 0 ? from[0]!.sets : sets.length);
  const byYear = new Map<number, Override[]>();
  from.forEach((mark, i) => {
    const year = intFlag('from', mark.year, 0, 9999)!;
    const own = sets.slice(mark.sets, i + 1 < from.length ? from[i + 1]!.sets : sets.length);
    if (own.length === 0) throw usageError(t('cli.err.fromNeedsSet', { year }));
    byYear.set(year, [...(byYear.get(year) ?? []), ...own]);
  });
  const blocks = [...byYear.entries()].sort((a, b) => a[0] - b[0]).map(([year, overrides]) => ({ year, overrides }));
  return { pre, blocks };
}

/**
A disk cache of resolved scenarios, keyed by content: running an unchanged
scenario again skips the loader — yaml, zod and mathjs, most of a short
command's start-up (docs/architecture.md §3.5). A hit rebuilds the Scenario
from plain data (src/scenario/portable.ts) and never loads those libraries, so
this module imports none of them, not even through another module: only
node: built-ins, portable.ts and types.

An entry's key is a SHA-256 over the cache format, the build (a hash of the
loader's sources, so a changed loader never reads old entries), the top file's
path as given and absolute (both show in the Scenario and its messages), its
bytes, and the overrides. The entry lists every file of the extends chain with
the SHA-256 of its bytes; a hit re-reads and re-hashes each, so a changed base
file misses. The entry holds the portable scenario and the ScenarioSource
(the parsed documents: worker threads and `--from` resolve from it), each
deserialized only when asked for.

Where: $DCPLAN_CACHE_DIR, else $XDG_CACHE_HOME/dcplan, else ~/.cache/dcplan
(entries under `scenarios/`); DCPLAN_CACHE=0 (or false, no, off) turns it off. Writes are atomic
(a temporary file, then rename), only the newest entries are kept, and only
entries this user wrote and no one else can change are read (they carry
formulas as JavaScript). Nothing
here throws: an unreadable, corrupt, truncated or foreign entry, or a directory
that cannot be written, is a miss, and the caller loads the scenario as if
there were no cache — the output is the same bytes either way.
*/
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { fromPortable, toPortable, type PortableScenario } from './portable.js';
import type { ScenarioSource } from './index.js';
import type { Override } from './overrides.js';
import type { Scenario } from './types.js';

/** Bump when the entry's layout or what it stores changes. */
export const CACHE_FORMAT = 1;

/** Entries kept (the most recently used); a store removes the oldest beyond this. */
export const MAX_ENTRIES = 64;

/** First bytes of an entry file; then the SHA-256 of the payload, then the payload. */
const MAGIC = Buffer.from('dcplan-scenario-cache\n');
const SUM_BYTES = 32;

/**
The bundle's build id: scripts/build.mjs defines it as a hash of src/scenario's
sources (and the versions of the libraries they use). Running from sources
(tsx, vitest) there is no define, and `typeof` keeps that from throwing.
*/
declare const __DCPLAN_SCENARIO_BUILD__: string | undefined;

export interface CacheOptions {
  /** Where DCPLAN_CACHE, DCPLAN_CACHE_DIR, XDG_CACHE_HOME and HOME come from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** The loader's build id (default: the bundle's, or a hash of the sources when running from them). */
  build?: string;
  /** Entries to keep (default MAX_ENTRIES). */
  maxEntries?: number;
}

/** A scenario from the cache: the Scenario now, its source when asked for. */
export interface CachedScenario {
  scenario: Scenario;
  readonly source: ScenarioSource;
}

/** What an entry file holds (v8-serialized, after the magic and the checksum). */
interface Entry {
  format: number;
  build: string;
  key: string;
  /** The extends chain, top file first: absolute path and SHA-256 of the bytes. */
  files: { path: string; sha256: string }[];
  /** v8.serialize(PortableScenario) */
  scenario: Uint8Array;
  /** v8.serialize(ScenarioSource) */
  source: Uint8Array;
}

/** The scenarios directory of the cache, or undefined when the cache is off. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (/^(0|false|no|off)$/i.test(env.DCPLAN_CACHE ?? '')) return undefined;
  const own = env.DCPLAN_CACHE_DIR;
  // XDG: a relative $XDG_CACHE_HOME is invalid and is ignored
  const xdg = env.XDG_CACHE_HOME;
  const home = env.HOME ?? homedir();
  const root = own ? resolve(own) : xdg && isAbsolute(xdg) ? join(xdg, 'dcplan') : home ? join(home, '.cache', 'dcplan') : undefined;
  return root === undefined ? undefined : join(root, 'scenarios');
}

let sourceBuild: string | null | undefined;

/** The loader's build id: the bundle's define, else a hash of this folder's sources; undefined when neither is known (no cache). */
export function buildId(): string | undefined {
  if (typeof __DCPLAN_SCENARIO_BUILD__ === 'string') return __DCPLAN_SCENARIO_BUILD__;
  if (sourceBuild === undefined) sourceBuild = hashSources() ?? null;
  return sourceBuild ?? undefined;
}

/** From sources: src/scenario/**.ts and the versions of the libraries the loader uses (as scripts/build.mjs hashes them for the bundle). */
function hashSources(): string | undefined {
  try {
    const dir = dirname(fileURLToPath(import.meta.url));
    const names = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.ts')).sort();
    // bundled without the define (someone else's build): no way to tell the loader's version
    if (!names.includes('cache.ts')) return undefined;
    const h = createHash('sha256').update('sources\0');
    for (const n of names) h.update(`${n}\0`).update(readFileSync(join(dir, n))).update('\0');
    for (const lib of ['mathjs', 'yaml', 'zod']) h.update(`${lib}@${libraryVersion(dir, lib)}\0`);
    return h.digest('hex');
  } catch {
    return undefined;
  }
}

/** A library's version from the nearest node_modules up from `dir` ('?' when not found). */
function libraryVersion(dir: string, lib: string): string {
  for (let d = dir; ; d = dirname(d)) {
    const pkg = join(d, 'node_modules', lib, 'package.json');
    if (existsSync(pkg)) return (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version ?? '?';
    if (dirname(d) === d) return '?';
  }
}

/** Larger than any scenario file the loader reads (src/scenario/document.ts LIMITS.fileBytes): such a file is the loader's to report. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
A scenario file's bytes, or undefined when it is not a regular file of
reasonable size: `/dev/stdin` and the like are never read here (that would
wait on a terminal, or eat the input the loader then reports on).
*/
function readScenarioFile(file: string): Buffer | undefined {
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_FILE_BYTES) return undefined;
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The entry key for `file` (its bytes read) with these overrides. */
function entryKey(build: string, file: string, bytes: Uint8Array, overrides: readonly Override[]): string {
  const sets = overrides.map((o) => [o.path, o.value, o.baseUnit === true]);
  const head = JSON.stringify([CACHE_FORMAT, build, resolve(file), file, sets]);
  return createHash('sha256').update(head).update('\0').update(bytes).digest('hex');
}

interface Where {
  dir: string;
  build: string;
  key: string;
  path: string;
}

/** Where `file` with these overrides would be cached; undefined when the cache is off or the file cannot be read (the loader then says why). */
function locate(file: string, overrides: readonly Override[], opts: CacheOptions): Where | undefined {
  const dir = cacheDir(opts.env);
  const build = opts.build ?? buildId();
  if (dir === undefined || build === undefined) return undefined;
  const bytes = readScenarioFile(file);
  if (!bytes) return undefined;
  const key = entryKey(build, file, bytes, overrides);
  return { dir, build, key, path: join(dir, `${key}.bin`) };
}

/**
The resolved scenario for `file` with `overrides`, from the cache — or
undefined on a miss (no entry, a changed file of the chain, a corrupt entry,
the cache off). Never throws.
*/
export function readCachedScenario(file: string, overrides: readonly Override[] = [], opts: CacheOptions = {}): CachedScenario | undefined {
  try {
    const at = locate(file, overrides, opts);
    if (!at) return undefined;
    const bytes = readOwnFile(at.path);
    if (!bytes) return undefined;
    const entry = decode(bytes);
    if (!entry || entry.format !== CACHE_FORMAT || entry.build !== at.build || entry.key !== at.key) return undefined;
    // the top file's bytes are in the key; the files it extends are checked here
    for (const f of entry.files.slice(1)) {
      const now = readScenarioFile(f.path);
      if (!now || sha256(now) !== f.sha256) return undefined;
    }
    const scenario = fromPortable(deserialize(entry.scenario) as PortableScenario);
    touch(at.path);
    let source: ScenarioSource | undefined;
    return {
      scenario,
      get source(): ScenarioSource {
        source ??= deserialize(entry.source) as ScenarioSource;
        return source;
      },
    };
  } catch {
    return undefined;
  }
}

/**
A file changed this shortly before the loader began reading it may have changed
while it read (file times can be this coarse): its bytes now may not be the
ones the scenario came from, so it is not cached this time.
*/
const SETTLE_MS = 2000;

/**
Remember `scenario`, resolved from `source` (read from `file`) with
`overrides` by a loader that began reading at `readAt` (Date.now()). Skipped,
silently, when the cache is off, a formula has no portable form, a file of the
chain changed around `readAt`, or the directory cannot be written; keeps the
newest entries only.
*/
export function writeCachedScenario(file: string, overrides: readonly Override[], source: ScenarioSource, scenario: Scenario, readAt: number, opts: CacheOptions = {}): void {
  let tmp: string | undefined;
  try {
    const at = locate(file, overrides, opts);
    if (!at) return;
    const portable = toPortable(scenario);
    if (portable === undefined) return;
    const files: Entry['files'] = [];
    for (const path of chainFiles(file, source)) {
      if (statSync(path).mtimeMs > readAt - SETTLE_MS) return;
      const bytes = readScenarioFile(path);
      if (!bytes) return;
      files.push({ path, sha256: sha256(bytes) });
    }
    const entry: Entry = { format: CACHE_FORMAT, build: at.build, key: at.key, files, scenario: serialize(portable), source: serialize(source) };
    makeDirs(at.dir);
    tmp = join(at.dir, `.${at.key}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    writeFileSync(tmp, encode(entry), { mode: 0o600 });
    renameSync(tmp, at.path);
    tmp = undefined;
    prune(at.dir, opts.maxEntries ?? MAX_ENTRIES);
  } catch {
    // a cache that cannot be written is no cache: the command goes on
  } finally {
    if (tmp !== undefined) rmSync(tmp, { force: true });
  }
}

/** The absolute paths of the chain's files, top file first, each once. */
function chainFiles(file: string, source: ScenarioSource): string[] {
  const paths = [file, ...source.chain.map((c) => c.file)].map((f) => resolve(f));
  return [...new Set(paths)];
}

function encode(entry: Entry): Buffer {
  const payload = serialize(entry);
  return Buffer.concat([MAGIC, createHash('sha256').update(payload).digest(), payload]);
}

/** The entry in an entry file's bytes, or undefined when they are not one (truncated, corrupt, another program's). */
function decode(bytes: Buffer): Entry | undefined {
  if (bytes.length < MAGIC.length + SUM_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const sum = bytes.subarray(MAGIC.length, MAGIC.length + SUM_BYTES);
  const payload = bytes.subarray(MAGIC.length + SUM_BYTES);
  if (!createHash('sha256').update(payload).digest().equals(sum)) return undefined;
  const entry = deserialize(payload) as Partial<Entry> | null;
  if (typeof entry !== 'object' || entry === null || !Array.isArray(entry.files) || !(entry.scenario instanceof Uint8Array) || !(entry.source instanceof Uint8Array)) return undefined;
  return entry as Entry;
}

/**
An entry file's bytes, if this user wrote it and no one else can: an entry
carries the scenario's formulas as JavaScript (src/scenario/numeric.ts), so one
planted in a shared DCPLAN_CACHE_DIR by another user must not run.
*/
function readOwnFile(path: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    // (Windows has no such modes: its files are as private as their folder)
    if (process.platform !== 'win32' && ((st.mode & 0o022) !== 0 || (process.getuid !== undefined && st.uid !== process.getuid()))) return undefined;
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Mark an entry used now, so pruning keeps it (best effort: a read-only cache is still read). */
function touch(path: string): void {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // read-only: the entry may be pruned sooner, nothing else
  }
}

/** Keep the `max` most recently used entries; remove the rest, and temporary files a crashed write left. */
function prune(dir: string, max: number): void {
  const entries: { name: string; mtime: number }[] = [];
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    try {
      const st = statSync(join(dir, name));
      if (name.endsWith('.tmp')) {
        // another process's write in flight is seconds old at most
        if (now - st.mtimeMs > 60 * 60_000) rmSync(join(dir, name), { force: true });
      } else if (name.endsWith('.bin')) entries.push({ name, mtime: st.mtimeMs });
    } catch {
      // removed meanwhile by another process
    }
  }
  if (entries.length <= max) return;
  entries.sort((a, b) => b.mtime - a.mtime || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries.slice(max)) rmSync(join(dir, e.name), { force: true });
}

/** `mkdir -p`, a level at a time (Node's `recursive: true` can spin on some file systems; see src/report/io.ts). */
function makeDirs(dir: string): void {
  if (existsSync(dir)) return;
  makeDirs(dirname(dir));
  try {
    // private: see readOwnFile
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    // another dcplan made it meanwhile
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

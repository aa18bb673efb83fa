import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { buildId, cacheDir, readCachedScenario, writeCachedScenario, type CacheOptions } from '../../src/scenario/cache.js';
import { readScenarioSource, resolveScenario, type Override } from '../../src/scenario/index.js';
import { tempDir } from '../helpers/tmp.js';

const TMP = tempDir('cache-unit');
let n = 0;
/** A fresh, empty cache for one test. */
function freshCache(extra: Partial<CacheOptions> = {}): CacheOptions & { dir: string } {
  const root = join(TMP, `c${n++}`);
  return { env: { DCPLAN_CACHE_DIR: root }, build: 'test-build', dir: join(root, 'scenarios'), ...extra };
}

/** Load as the CLI does, and cache it. */
function loadAndStore(file: string, overrides: Override[], opts: CacheOptions) {
  const source = readScenarioSource(file);
  const scenario = resolveScenario(source, overrides);
  writeCachedScenario(file, overrides, source, scenario, Date.now(), opts);
  return { source, scenario };
}

/** The same simulation bytes (central run and Monte Carlo) from both scenarios. */
function expectSameRuns(a: Parameters<typeof monteCarlo>[0], b: Parameters<typeof monteCarlo>[0]): void {
  const x = monteCarlo(a, { runs: 20, seed: 5 });
  const y = monteCarlo(b, { runs: 20, seed: 5 });
  expect(Buffer.from(y.perRun.buffer).equals(Buffer.from(x.perRun.buffer))).toBe(true);
  expect(y.central.detail).toEqual(x.central.detail);
}

const entries = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** A fresh directory under the test's temp dir. */
function tempSub(): string {
  const dir = join(TMP, `d${n++}`);
  mkdirSync(dir);
  return dir;
}

/** Files written a while ago: the cache takes no file that changed just before it was read. */
function settled(...paths: string[]): void {
  const then = new Date(Date.now() - 3_600_000);
  for (const p of paths) utimesSync(p, then, then);
}

/** A copy of the fixture chain grandchild → child → base in a directory of its own, written a while ago. */
function copyChain(): string {
  const dir = tempSub();
  for (const f of ['base.yaml', 'child.yaml', 'grandchild.yaml']) {
    copyFileSync(`test/fixtures/scenario/${f}`, join(dir, f));
    settled(join(dir, f));
  }
  return dir;
}

describe('scenario cache', () => {
  it('misses, then hits with a scenario that simulates to the same bytes and the same source', () => {
    const opts = freshCache();
    const file = 'scenarios/guian-plan.yaml';
    expect(readCachedScenario(file, [], opts)).toBeUndefined();
    const { source, scenario } = loadAndStore(file, [], opts);
    expect(entries(opts.dir)).toHaveLength(1);
    const hit = readCachedScenario(file, [], opts)!;
    expect(hit).toBeDefined();
    expect(Object.keys(hit.scenario)).toEqual(Object.keys(scenario));
    expect(hit.scenario.hash).toBe(scenario.hash);
    expect(hit.scenario.file).toBe(file);
    expectSameRuns(scenario, hit.scenario);
    expect(hit.source).toEqual(source);
    // the source is decoded once
    expect(hit.source).toBe(hit.source);
  });

  it('keys by the overrides', () => {
    const opts = freshCache();
    const file = 'scenarios/guian-plan.yaml';
    const sets: Override[] = [{ path: 'investment', value: '60 billion CNY' }];
    const { scenario } = loadAndStore(file, sets, opts);
    expect(readCachedScenario(file, [], opts)).toBeUndefined();
    expect(readCachedScenario(file, [{ path: 'investment', value: '61 billion CNY' }], opts)).toBeUndefined();
    expect(readCachedScenario(file, [{ ...sets[0]!, baseUnit: true }], opts)).toBeUndefined();
    const hit = readCachedScenario(file, sets, opts)!;
    expect(hit.scenario.overrides).toEqual(['investment=60 billion CNY']);
    expectSameRuns(scenario, hit.scenario);
  });

  it('keys by the path as given: the same file named another way is another entry, with its own name in it', () => {
    const opts = freshCache();
    const rel = 'scenarios/guian-plan.yaml';
    const abs = resolve(rel);
    loadAndStore(rel, [], opts);
    expect(readCachedScenario(abs, [], opts)).toBeUndefined();
    loadAndStore(abs, [], opts);
    expect(readCachedScenario(abs, [], opts)!.scenario.file).toBe(abs);
    expect(readCachedScenario(rel, [], opts)!.scenario.file).toBe(rel);
  });

  it('misses when any file of the extends chain changed, and hits again when it is back', () => {
    const opts = freshCache();
    const dir = copyChain();
    const top = relative(process.cwd(), join(dir, 'grandchild.yaml'));
    const base = join(dir, 'base.yaml');
    const { scenario } = loadAndStore(top, [], opts);
    expect(readCachedScenario(top, [], opts)).toBeDefined();
    const before = readFileSync(base, 'utf8');
    writeFileSync(base, before.replace('name: Base', 'name: Base changed'));
    expect(readFileSync(base, 'utf8')).not.toBe(before);
    expect(readCachedScenario(top, [], opts)).toBeUndefined();
    writeFileSync(base, before);
    settled(base);
    expectSameRuns(scenario, readCachedScenario(top, [], opts)!.scenario);
    // a base that is gone misses too (the loader then reports it)
    writeFileSync(base, '');
    expect(readCachedScenario(top, [], opts)).toBeUndefined();
  });

  it('misses on a changed top file (another key) and keeps both entries', () => {
    const opts = freshCache();
    const dir = copyChain();
    const top = join(dir, 'child.yaml');
    loadAndStore(top, [], opts);
    writeFileSync(top, readFileSync(top, 'utf8') + '\n# a comment\n');
    expect(readCachedScenario(top, [], opts)).toBeUndefined();
    // just written: it may have changed while the loader read it, so it is not cached yet
    loadAndStore(top, [], opts);
    expect(readCachedScenario(top, [], opts)).toBeUndefined();
    settled(top);
    loadAndStore(top, [], opts);
    expect(readCachedScenario(top, [], opts)).toBeDefined();
    expect(entries(opts.dir)).toHaveLength(2);
  });

  it('treats a corrupt, truncated or foreign entry as a miss, and a store mends it', () => {
    const opts = freshCache();
    const file = 'scenarios/guian-plan.yaml';
    loadAndStore(file, [], opts);
    const [name] = entries(opts.dir);
    const path = join(opts.dir, name!);
    const good = readFileSync(path);
    const damaged: Buffer[] = [
      good.subarray(0, good.length - 100), // truncated
      good.subarray(0, 10),
      Buffer.alloc(0),
      Buffer.from('not a cache entry at all'),
      (() => {
        const b = Buffer.from(good);
        b[b.length - 500] = b[b.length - 500]! ^ 0xff; // one flipped byte
        return b;
      })(),
    ];
    for (const bytes of damaged) {
      writeFileSync(path, bytes);
      expect(readCachedScenario(file, [], opts)).toBeUndefined();
    }
    loadAndStore(file, [], opts);
    expect(readCachedScenario(file, [], opts)).toBeDefined();
  });

  it.skipIf(process.platform === 'win32')('reads only entries no one else can change (they carry formulas as JavaScript)', () => {
    const opts = freshCache();
    loadAndStore('scenarios/guian-plan.yaml', [], opts);
    const path = join(opts.dir, entries(opts.dir)[0]!);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(opts.dir).mode & 0o777).toBe(0o700);
    chmodSync(path, 0o666);
    expect(readCachedScenario('scenarios/guian-plan.yaml', [], opts)).toBeUndefined();
    chmodSync(path, 0o600);
    expect(readCachedScenario('scenarios/guian-plan.yaml', [], opts)).toBeDefined();
  });

  it('has a build id when running from sources: a hash of the loader', () => {
    expect(buildId()).toMatch(/^[0-9a-f]{64}$/);
    expect(buildId()).toBe(buildId());
  });

  it('never reads an entry of another build', () => {
    const opts = freshCache();
    loadAndStore('scenarios/guian-plan.yaml', [], opts);
    expect(readCachedScenario('scenarios/guian-plan.yaml', [], { ...opts, build: 'another-build' })).toBeUndefined();
  });

  it('stores nothing for a scenario without a portable form', () => {
    const opts = freshCache();
    loadAndStore('scenarios/ai-boom.yaml', [], opts);
    expect(entries(opts.dir)).toEqual([]);
    expect(readCachedScenario('scenarios/ai-boom.yaml', [], opts)).toBeUndefined();
  });

  it('is off with DCPLAN_CACHE=0: reads nothing, writes nothing', () => {
    const opts = freshCache();
    const off = { ...opts, env: { ...opts.env, DCPLAN_CACHE: '0' } };
    loadAndStore('scenarios/guian-plan.yaml', [], off);
    expect(existsSync(opts.dir)).toBe(false);
    loadAndStore('scenarios/guian-plan.yaml', [], opts);
    expect(readCachedScenario('scenarios/guian-plan.yaml', [], off)).toBeUndefined();
  });

  it('goes on silently when the cache directory cannot be written, and misses for a file it cannot read', () => {
    const blocker = join(tempSub(), 'a-file');
    writeFileSync(blocker, 'x');
    const opts = { env: { DCPLAN_CACHE_DIR: join(blocker, 'cache') }, build: 'test-build' };
    expect(() => loadAndStore('scenarios/guian-plan.yaml', [], opts)).not.toThrow();
    expect(readCachedScenario('scenarios/guian-plan.yaml', [], opts)).toBeUndefined();
    expect(readCachedScenario(join(TMP, 'no-such.yaml'), [], freshCache())).toBeUndefined();
  });

  it('keeps the most recently used entries and leaves no temporary files', () => {
    const opts = freshCache({ maxEntries: 2 });
    const file = 'scenarios/guian-plan.yaml';
    const set = (v: number): Override[] => [{ path: 'seed', value: String(v) }];
    loadAndStore(file, set(1), opts);
    loadAndStore(file, set(2), opts);
    // make entry 1 the most recently used, entry 2 older
    const old = new Date(Date.now() - 60_000);
    for (const name of entries(opts.dir)) utimesSync(join(opts.dir, name), old, old);
    expect(readCachedScenario(file, set(1), opts)).toBeDefined(); // touches it
    loadAndStore(file, set(3), opts);
    expect(entries(opts.dir)).toHaveLength(2);
    expect(readCachedScenario(file, set(1), opts)).toBeDefined();
    expect(readCachedScenario(file, set(3), opts)).toBeDefined();
    expect(readCachedScenario(file, set(2), opts)).toBeUndefined();
    expect(entries(opts.dir).every((f) => f.endsWith('.bin'))).toBe(true);
  });

  it('lives in DCPLAN_CACHE_DIR, else $XDG_CACHE_HOME/dcplan, else ~/.cache/dcplan', () => {
    expect(cacheDir({ DCPLAN_CACHE_DIR: '/a', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/a/scenarios');
    expect(cacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/x/dcplan/scenarios');
    expect(cacheDir({ XDG_CACHE_HOME: 'relative', HOME: '/h' })).toBe('/h/.cache/dcplan/scenarios');
    expect(cacheDir({ HOME: '/h' })).toBe('/h/.cache/dcplan/scenarios');
    expect(cacheDir({ DCPLAN_CACHE: '0', DCPLAN_CACHE_DIR: '/a' })).toBeUndefined();
    expect(cacheDir({ DCPLAN_CACHE: 'off', HOME: '/h' })).toBeUndefined();
    expect(cacheDir({ DCPLAN_CACHE: '1', HOME: '/h' })).toBe('/h/.cache/dcplan/scenarios');
  });
});

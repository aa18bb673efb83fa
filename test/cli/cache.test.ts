/**
The scenario cache seen from the program (src/scenario/cache.ts, src/cli/load-cached.ts):
the same bytes, exit code and messages with the cache off, cold and warm; a hit
never loads the loader's libraries (yaml, zod, mathjs); a changed base file,
a corrupt entry or a cache that cannot be written changes nothing but speed.
*/
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dcplanWith } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const TMP = tempDir('cache-cli');
let n = 0;
const fresh = (): string => join(TMP, `cache${n++}`);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node [nodeArgs] bin/dcplan.js args` with these cache settings: the real program, for what only a process shows (which modules it loads). */
function spawned(env: NodeJS.ProcessEnv, args: string[], nodeArgs: string[] = []): Run {
  const r = spawnSync(process.execPath, [...nodeArgs, 'bin/dcplan.js', ...args], { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
`dcplan args` in this process (test/helpers/cli.ts) with these cache settings: the command reads the cache
directory from its environment (src/cli/load-cached.ts), and the cache is on disk, so cold and warm are as
for two processes — without starting Node for each.
*/
function dcplan(env: NodeJS.ProcessEnv, args: string[]): Promise<Run> {
  return dcplanWith({ env: { ...process.env, ...env } }, ...args);
}

const OFF = { DCPLAN_CACHE: '0' };

/** Files written a while ago: the cache takes no file that changed just before it was read. */
function settled(path: string): void {
  const then = new Date(Date.now() - 3_600_000);
  utimesSync(path, then, then);
}
const entries = (dir: string): string[] => readdirSync(join(dir, 'scenarios')).filter((f) => f.endsWith('.bin'));

describe('the scenario cache, from the command line', () => {
  // a few runs where a case runs a Monte Carlo: what is cached is the loaded scenario, which every run reads whole
  // (every uncertainty entry is drawn in every run), so more runs would compare more of the same
  const cases: [string, string[]][] = [
    ['central JSON', ['run', 'scenarios/guian-plan.yaml', '--central', '--format', 'json']],
    ['Monte Carlo CSV with --set', ['run', 'scenarios/guian-plan.yaml', '--runs', '4', '--format', 'csv', '--set', 'investment=60 billion CNY']],
    ['a table of an extends chain', ['run', 'scenarios/national.yaml', '--runs', '4', '--events']],
    ['a change of course (--from) on a hit', ['run', 'scenarios/guian-plan.yaml', '--central', '--format', 'json', '--from', '2024', '--set', 'transferIncentive=500']],
    ['--observed on a hit', ['run', 'scenarios/guian-actual.yaml', '--central', '--format', 'json', '--observed', 'data/observed/guizhou.yaml']],
    ['monthly', ['run', 'scenarios/guian-plan.yaml', '--runs', '5', '--monthly', '--format', 'csv']],
    ['compare (through the shared loader)', ['compare', 'scenarios/guian-plan.yaml', 'scenarios/guian-delayed.yaml', '--runs', '4', '--format', 'json']],
    ['a scenario without a portable form (never cached)', ['run', 'scenarios/ai-boom.yaml', '--central', '--format', 'json']],
  ];
  for (const [what, args] of cases) {
    it(`${what}: the same output with the cache off, cold and warm`, async () => {
      const dir = fresh();
      const off = await dcplan(OFF, args);
      expect(off.code, off.stderr).toBe(0);
      const cold = await dcplan({ DCPLAN_CACHE_DIR: dir }, args);
      const warm = await dcplan({ DCPLAN_CACHE_DIR: dir }, args);
      expect(cold).toEqual(off);
      expect(warm).toEqual(off);
    });
  }

  it('on a hit, loads none of the loader libraries (yaml, zod, mathjs); a miss does', () => {
    // every module the program loads, logged by a loader hook
    const log = join(TMP, 'loaded.log');
    const hooks = join(TMP, 'hooks.mjs');
    const register = join(TMP, 'register.mjs');
    writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(log)}, url + '\\n');\n  return next(url, context);\n}\n`);
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const chunks = readdirSync('dist/chunks').filter((f) => f.endsWith('.js'));
    const heavy = new Set(chunks.filter((f) => /\/\/ node_modules\/(mathjs|yaml|zod)\//.test(readFileSync(join('dist/chunks', f), 'utf8'))));
    expect(heavy.size).toBeGreaterThan(0);
    const loadedHeavy = (): string[] => {
      const urls = readFileSync(log, 'utf8').split('\n');
      writeFileSync(log, '');
      return urls.map((u) => u.split('/').at(-1)!).filter((f) => heavy.has(f));
    };
    const dir = fresh();
    const args = ['run', 'scenarios/guian-plan.yaml', '--central', '--format', 'json'];
    writeFileSync(log, '');
    const cold = spawned({ DCPLAN_CACHE_DIR: dir }, args, ['--import', pathToFileURL(register).href]);
    expect(cold.code, cold.stderr).toBe(0);
    expect(loadedHeavy().length).toBeGreaterThan(0);
    const warm = spawned({ DCPLAN_CACHE_DIR: dir }, args, ['--import', pathToFileURL(register).href]);
    expect(warm).toEqual(cold);
    expect(loadedHeavy()).toEqual([]);
  });

  it('a changed base file misses: the output follows the file, as with the cache off', async () => {
    const dir = fresh();
    const files = join(TMP, `chain${n++}`);
    mkdirSync(files);
    for (const f of ['base.yaml', 'child.yaml']) {
      copyFileSync(`test/fixtures/scenario/${f}`, join(files, f));
      settled(join(files, f));
    }
    const args = ['run', join(files, 'child.yaml'), '--central', '--format', 'json'];
    const first = await dcplan({ DCPLAN_CACHE_DIR: dir }, args);
    expect(first.code, first.stderr).toBe(0);
    expect(entries(dir)).toHaveLength(1);
    const base = join(files, 'base.yaml');
    writeFileSync(base, readFileSync(base, 'utf8').replace('electricityPrice: 0.4 CNY/kWh', 'electricityPrice: 0.7 CNY/kWh'));
    const changed = await dcplan({ DCPLAN_CACHE_DIR: dir }, args);
    expect(changed).toEqual(await dcplan(OFF, args));
    expect(changed.stdout).not.toBe(first.stdout);
  });

  it('a scenario problem is the same one line and exit 1, every time (problems are not cached)', async () => {
    const dir = fresh();
    for (const file of ['test/fixtures/scenario/bad-child.yaml', join(TMP, 'no-such-file.yaml')]) {
      const args = ['run', file, '--central', '--format', 'json'];
      const off = await dcplan(OFF, args);
      expect(off.code).toBe(1);
      expect(off.stdout).toBe('');
      expect(await dcplan({ DCPLAN_CACHE_DIR: dir }, args)).toEqual(off);
      expect(await dcplan({ DCPLAN_CACHE_DIR: dir }, args)).toEqual(off);
    }
  });

  it('a good file turned bad is reported, not served from the cache', async () => {
    const dir = fresh();
    const file = join(TMP, `plan${n++}.yaml`);
    copyFileSync('test/fixtures/scenario/base.yaml', file);
    settled(file);
    const args = ['run', file, '--central', '--format', 'json'];
    expect((await dcplan({ DCPLAN_CACHE_DIR: dir }, args)).code).toBe(0);
    expect(entries(dir)).toHaveLength(1);
    writeFileSync(file, readFileSync(file, 'utf8').replace('pue: 1.3', 'pue: lots'));
    const off = await dcplan(OFF, args);
    expect(off.code).toBe(1);
    expect(await dcplan({ DCPLAN_CACHE_DIR: dir }, args)).toEqual(off);
  });

  it('a corrupt entry or a cache that cannot be written changes nothing', async () => {
    const args = ['run', 'scenarios/guian-plan.yaml', '--central', '--format', 'json'];
    const off = await dcplan(OFF, args);
    const dir = fresh();
    expect(await dcplan({ DCPLAN_CACHE_DIR: dir }, args)).toEqual(off);
    const [entry] = entries(dir);
    const path = join(dir, 'scenarios', entry!);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length >> 1));
    expect(await dcplan({ DCPLAN_CACHE_DIR: dir }, args)).toEqual(off);
    // the miss wrote the entry again
    expect(readFileSync(path).equals(bytes)).toBe(true);
    const blocker = join(TMP, `blocker${n++}`);
    writeFileSync(blocker, '');
    expect(await dcplan({ DCPLAN_CACHE_DIR: join(blocker, 'cache') }, args)).toEqual(off);
  });
});

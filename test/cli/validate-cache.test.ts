/**
`dcplan validate` through the scenario cache (src/scenario/cache.ts): a file
that resolved before and has not changed is summarised from the cache; the
output and exit code are the same with the cache off, cold and warm; a problem
is never cached, and a good file turned bad is reported.
*/
import { copyFileSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dcplanWith } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const TMP = tempDir('validate-cache');
const OFF = { DCPLAN_CACHE: '0' };
const validate = (env: NodeJS.ProcessEnv, ...files: string[]) => dcplanWith({ env: { ...process.env, ...env } }, 'validate', ...files);
const entries = (dir: string): string[] => readdirSync(join(dir, 'scenarios')).filter((f) => f.endsWith('.bin'));

/** Written a while ago: the cache takes no file that changed just before it was read. */
function settled(path: string): void {
  const then = new Date(Date.now() - 3_600_000);
  utimesSync(path, then, then);
}

describe('dcplan validate and the scenario cache', () => {
  it('the same lines and exit code off, cold and warm; the valid file is cached, the broken one is not', async () => {
    const good = join(TMP, 'good.yaml');
    copyFileSync('test/fixtures/scenario/base.yaml', good);
    settled(good);
    const files = [good, 'test/fixtures/scenario/bad-child.yaml'];
    const dir = join(TMP, 'cache-a');
    const off = await validate(OFF, ...files);
    expect(off.code).toBe(1);
    expect(off.stdout).toMatch(/^ok {2}.*good\.yaml/);
    expect(off.stderr).not.toBe('');
    const cold = await validate({ DCPLAN_CACHE_DIR: dir }, ...files);
    expect(cold).toEqual(off);
    expect(entries(dir)).toHaveLength(1);
    const warm = await validate({ DCPLAN_CACHE_DIR: dir }, ...files);
    expect(warm).toEqual(off);
  });

  it('a good file turned bad is reported, not summarised from the cache', async () => {
    const file = join(TMP, 'turned.yaml');
    copyFileSync('test/fixtures/scenario/base.yaml', file);
    settled(file);
    const dir = join(TMP, 'cache-b');
    expect((await validate({ DCPLAN_CACHE_DIR: dir }, file)).code).toBe(0);
    expect(entries(dir)).toHaveLength(1);
    writeFileSync(file, readFileSync(file, 'utf8').replace('pue: 1.3', 'pue: lots'));
    const after = await validate({ DCPLAN_CACHE_DIR: dir }, file);
    expect(after.code).toBe(1);
    expect(after.stdout).toBe('');
    expect(after).toEqual(await validate(OFF, file));
  });
});

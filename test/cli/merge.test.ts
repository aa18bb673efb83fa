/**
`dcplan batch --shard I/N` and `dcplan merge` end to end: three shards (one of
them on a single worker) merged give byte for byte what one unsharded batch
writes — results, CSVs and manifest, a central-case scenario and a broken one
included — and merge refuses an incomplete or mixed set of shards.
*/
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dcplan, expectSameBytes } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const GOOD = 'test/fixtures/batch/good';
const BROKEN = 'test/fixtures/batch/broken.yaml';

const tmp = tempDir('merge');
const unsharded = join(tmp, 'unsharded');
const shards = join(tmp, 'shards');

describe('dcplan batch --shard and dcplan merge', () => {
  beforeAll(async () => {
    // each scenario's own runs: 40 and 25 Monte Carlo runs, and a central case (runs: 1)
    const r = await dcplan('batch', GOOD, BROKEN, '--out', unsharded, '--workers', '2');
    expect(r.code).toBe(1);
    for (const [i, workers] of [[0, '2'], [1, '1'], [2, '2']] as const) {
      const s = await dcplan('batch', GOOD, BROKEN, '--shard', `${i}/3`, '--out', shards, '--workers', workers);
      expect(s.code, s.stderr).toBe(1); // the broken scenario fails in every shard
      expect(s.stderr).toContain(`${BROKEN}:6:16`);
    }
  });

  it('3 shards merged = the unsharded batch, byte for byte', async () => {
    expect(readdirSync(shards).sort()).toEqual(['shard-0-of-3', 'shard-1-of-3', 'shard-2-of-3']);
    // the 65 sampled runs are cut 21 / 22 / 22 across the shards; the central case is left to merge
    const pieces = [0, 1, 2].map((i) => {
      const doc = JSON.parse(readFileSync(join(shards, `shard-${i}-of-3`, 'shard.json'), 'utf8')) as { scenarios: { pieces?: { from: number; to: number }[] }[] };
      return doc.scenarios.map((s) => (s.pieces ?? []).map((p) => `${p.from}-${p.to}`));
    });
    expect(pieces).toEqual([
      [['0-21'], [], [], []],
      [['21-40'], ['0-3'], [], []],
      [[], ['3-25'], [], []],
    ]);

    const merged = join(tmp, 'merged');
    const r = await dcplan('merge', shards, '--out', merged);
    expect(r.code).toBe(1); // the batch had a broken scenario: merge says so too
    expect(r.stderr).toContain(`${BROKEN}:6:16`);
    expectSameBytes(unsharded, merged);
  });

  it('merges shard directories named one by one, and after a shard was resumed', async () => {
    const again = await dcplan('batch', GOOD, BROKEN, '--shard', '1/3', '--out', shards, '--workers', '1', '--resume');
    expect(again.stderr).toMatch(/resumed .*plan-a\.yaml {2}runs 21–39/);
    const merged = join(tmp, 'merged-by-name');
    const r = await dcplan('merge', ...[2, 0, 1].map((i) => join(shards, `shard-${i}-of-3`)), '--out', merged);
    expect(r.code).toBe(1);
    expectSameBytes(unsharded, merged);
  });

  it('refuses a set of shards with one missing, naming it, and writes nothing', async () => {
    const out = join(tmp, 'incomplete');
    const r = await dcplan('merge', join(shards, 'shard-0-of-3'), join(shards, 'shard-2-of-3'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing shard 1 of 0..2');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses shards of different batches', async () => {
    const other = join(tmp, 'other');
    expect((await dcplan('batch', GOOD, '--shard', '1/3', '--runs', '30', '--out', other, '--workers', '1')).code).toBe(0);
    const r = await dcplan('merge', join(shards, 'shard-0-of-3'), join(other, 'shard-1-of-3'), join(shards, 'shard-2-of-3'), '--out', join(tmp, 'mixed'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('a different batch');
  });

  it('needs --out, and finished shards', async () => {
    expect((await dcplan('merge', shards)).code).toBe(2);
    expect((await dcplan('merge', tmp, '--out', join(tmp, 'x'))).stderr).toContain('no finished shard');
  });
});

/**
`dcplan batch` end to end through the command line (in-process, test/helpers/cli.ts): its files are exactly what
`dcplan run` prints, any worker count writes the same bytes, a broken scenario
is reported with file and line while the others finish, and a batch stopped
with Ctrl-C and resumed writes the same bytes as one never stopped.
*/
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { outputDirs } from '../../src/cli/commands/batch/index.js';
import { dcplan, dcplanWith, tree, expectSameBytes } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const GOOD = 'test/fixtures/batch/good';
const BROKEN = 'test/fixtures/batch/broken.yaml';

interface Manifest {
  dcplan: string;
  node: string;
  seedScheme: string;
  summary: { ok: number; failed: number; interrupted: number };
  scenarios: { file: string; dir: string; status: string; hash?: string; seed?: number; runs?: number; outputs?: { file: string; sha256: string }[]; problems?: string[] }[];
}
const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

const tmp = tempDir('batch');
const baseline = join(tmp, 'baseline');

describe('dcplan batch', () => {
  beforeAll(async () => {
    const r = await dcplan('batch', GOOD, '--out', baseline, '--workers', '2');
    expect(r.stderr).toContain('3 of 3 scenarios ok');
    expect(r.code).toBe(0);
  });

  it('writes result.json and yearly.csv exactly as `dcplan run` prints them, and a manifest', async () => {
    expect([...tree(baseline).keys()]).toEqual([
      'manifest.json',
      'plan-a/result.json', 'plan-a/yearly.csv',
      'plan-b/result.json', 'plan-b/yearly.csv',
      'plan-c/result.json', 'plan-c/yearly.csv',
    ]);
    const json = await dcplan('run', `${GOOD}/plan-a.yaml`, '--format', 'json');
    expect(readFileSync(join(baseline, 'plan-a/result.json'), 'utf8')).toBe(json.stdout);
    const csv = await dcplan('run', `${GOOD}/plan-b.yaml`, '--format', 'csv');
    expect(readFileSync(join(baseline, 'plan-b/yearly.csv'), 'utf8')).toBe(csv.stdout);
    expect(csv.stdout.split('\n')[0]).toMatch(/^# .* · median of 25 Monte Carlo runs, seed 7$/);
    expect(csv.stdout.split('\n')[1]).toContain('serverCapacity_p5');

    const m = manifest(baseline);
    expect(m.dcplan).toMatch(/^\d+\.\d+\.\d+/);
    expect(m.node).toBe(process.version);
    expect(m.seedScheme).toContain('xor4096');
    expect(m.summary).toEqual({ ok: 3, failed: 0, interrupted: 0 });
    // each scenario's own runs and seed (no --runs / --seed given); runs: 1 is the central case
    expect(m.scenarios.map((s) => [s.file, s.dir, s.status, s.runs, s.seed])).toEqual([
      [`${GOOD}/plan-a.yaml`, 'plan-a', 'ok', 40, 20200528],
      [`${GOOD}/plan-b.yaml`, 'plan-b', 'ok', 25, 7],
      [`${GOOD}/plan-c.yaml`, 'plan-c', 'ok', 1, 20200528],
    ]);
    for (const s of m.scenarios) {
      expect(s.hash).toMatch(/^[0-9a-f]{64}$/);
      for (const o of s.outputs!) expect(createHash('sha256').update(readFileSync(join(baseline, o.file))).digest('hex')).toBe(o.sha256);
    }
    // nothing that changes between identical runs: no timestamps, hosts or durations
    const text = readFileSync(join(baseline, 'manifest.json'), 'utf8');
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
    expect(text).not.toMatch(/host|time|duration|elapsed/i);
  });

  it('writes identical bytes with --workers 1 and --workers 2', async () => {
    const one = join(tmp, 'one-worker');
    expect((await dcplan('batch', GOOD, '--out', one, '--workers', '1')).code).toBe(0);
    expectSameBytes(baseline, one);
  });

  it('reports a broken scenario with file and line, writes every good result, and exits 1', async () => {
    const out = join(tmp, 'with-broken');
    // in this thread: the worker pool's bytes are the test above's (the baseline it is compared with)
    const r = await dcplan('batch', GOOD, BROKEN, '--out', out, '--workers', '1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${BROKEN}:6:16  construction.costPerRack`);
    expect(r.stderr).not.toMatch(/at \w+ \(|internal error/); // no stack trace
    for (const d of ['plan-a', 'plan-b', 'plan-c']) {
      for (const f of ['result.json', 'yearly.csv']) expect(readFileSync(join(out, d, f)).equals(readFileSync(join(baseline, d, f)))).toBe(true);
    }
    expect(existsSync(join(out, 'broken'))).toBe(false);
    const m = manifest(out);
    expect(m.summary).toEqual({ ok: 3, failed: 1, interrupted: 0 });
    const broken = m.scenarios.find((s) => s.file === BROKEN)!;
    expect(broken.status).toBe('failed');
    expect(broken.problems![0]).toMatch(/^test\/fixtures\/batch\/broken\.yaml:6:16 /);
  });

  it('stopped with Ctrl-C and run again with --resume, writes the bytes of an uninterrupted batch', async () => {
    // the batch of beforeAll, stopped and resumed: Ctrl-C comes at a point of the batch (between scenarios),
    // so each scenario's own few runs do
    const args = ['batch', GOOD, '--workers', '2'];
    const whole = baseline;

    // Ctrl-C the moment the first scenario's result is reported written (a deterministic point)
    const out = join(tmp, 'interrupted');
    const signals = new EventEmitter();
    const first = join(out, 'plan-a', 'result.json');
    const stopped = await dcplanWith({ signals, onStderr: (s) => { if (/^ok +\S*plan-a\.yaml/m.test(s)) signals.emit('SIGINT', 'SIGINT'); } }, ...args, '--out', out);
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toContain('rerun with --resume');
    expect(signals.listenerCount('SIGINT')).toBe(0); // the batch let go of Ctrl-C when it ended

    // only whole files: no temporary files, the finished result intact, the manifest says what is missing
    const files = [...tree(out).keys()];
    expect(files.filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(readFileSync(first).equals(readFileSync(join(whole, 'plan-a', 'result.json')))).toBe(true);
    const m = manifest(out);
    expect(m.scenarios.map((e) => e.status)).toEqual(['ok', 'interrupted', 'interrupted']);
    expect(m.summary.interrupted).toBe(2);

    const resumed = await dcplan(...args, '--out', out, '--resume');
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`resumed ${GOOD}/plan-a.yaml`);
    expectSameBytes(whole, out);

    // resuming a finished batch recomputes nothing and changes nothing
    const again = await dcplan(...args, '--out', out, '--resume');
    expect(again.stderr.match(/^resumed /gm)).toHaveLength(3);
    expectSameBytes(whole, out);
  });

  it('the program itself: a real SIGINT stops the batch with exit 130, finished results kept', async () => {
    const out = join(tmp, 'signal');
    const child = spawn(process.execPath, ['bin/dcplan.js', 'batch', GOOD, '--runs', '400', '--workers', '2', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Ctrl-C once the first scenario's "ok" line says its result is written: an event, not a timer
    // (the other two scenarios' 800 runs leave it ample time to arrive)
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      const before = /^ok /m.test(stderr);
      stderr += d.toString();
      if (!before && /^ok /m.test(stderr)) child.kill('SIGINT');
    });
    expect(await exited, stderr).toBe(130);
    expect(stderr).toContain('rerun with --resume');
    const m = manifest(out);
    expect(m.scenarios[0]!.status).toBe('ok');
    expect(m.summary.interrupted).toBeGreaterThan(0);
  });

  it('recomputes a result whose scenario, seed or runs changed, even with --resume', async () => {
    const out = join(tmp, 'changed');
    expect((await dcplan('batch', `${GOOD}/plan-b.yaml`, '--out', out, '--runs', '10', '--workers', '1')).code).toBe(0);
    const r = await dcplan('batch', `${GOOD}/plan-b.yaml`, '--out', out, '--runs', '12', '--workers', '1', '--resume');
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('resumed');
    expect((JSON.parse(readFileSync(join(out, 'plan-b/result.json'), 'utf8')) as { runs: number }).runs).toBe(12);
  });

  it('rejects bad usage with exit 2', async () => {
    expect((await dcplan('batch', GOOD, '--shard', '3/3')).code).toBe(2);
    expect((await dcplan('batch', GOOD, '--shard', 'x')).code).toBe(2);
    expect((await dcplan('batch', GOOD, '--runs', '0')).code).toBe(2);
    expect((await dcplan('batch', 'test/fixtures')).stderr).toContain('no scenario files');
  });
});

describe('batch output directories', () => {
  it('are base names, with enough of the path (or the extension) to tell colliding files apart', async () => {
    expect(outputDirs(['scenarios/guian-plan.yaml', 'x/plan.yaml', 'y/plan.yaml', 'a/b/c.yaml', 'q/b/c.yaml', 'z/t.yaml', 'z/t.json', '.h.yaml'])).toEqual([
      'guian-plan', 'x__plan', 'y__plan', 'a__b__c', 'q__b__c', 't_yaml', 't_json', '_h',
    ]);
  });
});

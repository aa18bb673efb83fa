/**
deploy/slurm-array.sh on a real Slurm: a single-node cluster (munged, slurmctld,
slurmd; test/helpers/slurm.ts, deploy/slurm-single-node.sh) offering 2 CPUs —
the node on which the script's old `--cpus-per-task=4` pended forever.

- A request no node can satisfy (CPUs, memory, time) stops the script at once
  with a message naming the variable to change; nothing is left queued.
- With its defaults the array is fitted to the node, runs, and its `afterok`
  merge writes exactly the bytes of a one-machine `dcplan batch`.
- An array task requeued midway (`scontrol requeue`: SIGTERM, then the task runs
  again) keeps the piece it had finished (`--resume`) and the study still merges
  to the same bytes.

Skipped, with one line saying why, where Slurm cannot run: not Linux, not root,
or Slurm and MUNGE neither installed nor installable with apt-get (or on request:
DCPLAN_SKIP_SLURM=1). Adds about 30 s: most of it Slurm's own scheduling and
the 5 s a requeued task is held back.
*/
import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameBytes } from '../helpers/cli.js';
import { ROOT, slurmSetup, startSlurm, waitFor, type SlurmCluster } from '../helpers/slurm.js';

const setup = slurmSetup();
const SKIP = 'skip' in setup ? `slurm: skipped, ${setup.skip}` : '';
if (SKIP) process.stderr.write(`${SKIP}\n`);

const SCRIPT = 'deploy/slurm-array.sh';
const A = 'test/fixtures/batch/good/plan-a.yaml';
const B = 'test/fixtures/batch/good/plan-b.yaml';
const SEED = '20200528';
/** The study the defaults run: 2 shards, small. */
const SMALL = { SCENARIOS: `${A} ${B}`, RUNS: '300', SEED, SHARDS: '2' };
/**
The study with a task requeued midway: 3 shards of 2 scenarios × 6,000 runs, one CPU each. Shard 1
computes plan-a runs 4000–5999, then plan-b runs 0–1999: it is requeued while on the second piece.
*/
const REQUEUED = { SCENARIOS: `${A} ${B}`, RUNS: '6000', SEED, SHARDS: '3', CPUS_PER_TASK: '1' };

let cluster: SlurmCluster | undefined;

interface Baseline {
  child: ChildProcess;
  done: Promise<{ code: number; stderr: string }>;
}
const baselines = new Map<string, Baseline>();

/** The one-machine batch a study must equal, computed while the cluster starts and the first studies run. */
function baseline(study: { SCENARIOS: string; RUNS: string; SEED: string }, out: string): Baseline {
  let child!: ChildProcess;
  const done = new Promise<{ code: number; stderr: string }>((resolve) => {
    child = execFile(process.execPath, ['bin/dcplan.js', 'batch', ...study.SCENARIOS.split(' '), '--runs', study.RUNS, '--seed', study.SEED, '--out', out, '--workers', '1'],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 << 20 }, (err, _stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stderr }));
  });
  return { child, done };
}

/** Submit the study; returns the array and merge job ids from the script's "submitted:" line. */
function submit(c: SlurmCluster, env: Record<string, string>): { array: string; merge: string; stdout: string } {
  const r = c.run('bash', [SCRIPT], env);
  expect(r.code, `${SCRIPT} exited ${r.code}:\n${r.stdout}${r.stderr}`).toBe(0);
  const m = /shards = job (\d+) .*merge = job (\d+)/.exec(r.stdout);
  expect(m, r.stdout).not.toBeNull();
  return { array: m![1]!, merge: m![2]!, stdout: r.stdout };
}

const FAILED = /^(FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|PREEMPTED|BOOT_FAIL|DEADLINE)/;

/** Wait (at most `seconds`) for the merge job to complete; a failed job, or one that can never start, fails at once. */
async function mergeDone(c: SlurmCluster, merge: string, logs: string, seconds: number): Promise<void> {
  await waitFor(`merge job ${merge} to complete`, seconds, () => {
    const j = c.job(merge);
    if (!j) throw new Error(`Slurm does not know merge job ${merge}\n${c.diagnostics(logs)}`);
    if (j.JobState === 'COMPLETED') return true;
    if (FAILED.test(j.JobState ?? '') || j.Reason === 'DependencyNeverSatisfied') {
      throw new Error(`merge job ${merge}: ${j.JobState}, reason ${j.Reason}\n${c.diagnostics(logs)}`);
    }
    return undefined;
  }, () => c.diagnostics(logs), 250);
}

describe.skipIf(!!SKIP)('deploy/slurm-array.sh on a real single-node Slurm', () => {
  beforeAll(async () => {
    cluster = await startSlurm({ extraConf: 'PartitionName=short Nodes=ALL MaxTime=30 State=UP' });
    baselines.set('small', baseline(SMALL, join(cluster.dir, 'baseline-small')));
    baselines.set('requeued', baseline(REQUEUED, join(cluster.dir, 'baseline-requeued')));
  });

  afterAll(async () => {
    // a baseline still running (a test failed early) writes into the cluster's directory, which stop() deletes
    for (const b of baselines.values()) if (b.child.exitCode === null && b.child.signalCode === null) b.child.kill();
    await Promise.all([...baselines.values()].map((b) => b.done));
    cluster?.stop();
  });

  it('refuses at once, naming the variable to change, a request no node can satisfy; nothing is left queued', () => {
    const c = cluster!;
    const study = { ...SMALL, STUDY: join(c.dir, 'refused'), RESULTS: join(c.dir, 'refused-results'), LOGS: join(c.dir, 'refused-logs') };
    const tooMany = String(c.cpus * 2);
    const cases: [Record<string, string>, RegExp[]][] = [
      [{ CPUS_PER_TASK: tooMany }, [new RegExp(`CPUS_PER_TASK=${tooMany} \\(sbatch --cpus-per-task\\) is more than any node of partition 'debug' has: at most ${c.cpus} CPUs`), new RegExp(`Set CPUS_PER_TASK=${c.cpus} or less`)]],
      [{ MEM: '100T' }, [/MEM=100T \(sbatch --mem\) is more than any node of partition 'debug' has/, /Set MEM=\d+M or less/]],
      [{ PARTITION: 'short' }, [/TIME=01:00:00 \(sbatch --time\) is longer than partition 'short' allows: 30:00/, /Set TIME=30:00 or less/]],
      // without the checks the array is submitted, seen pending for good, and withdrawn
      [{ PRECHECK: '0', CPUS_PER_TASK: tooMany }, [/the array would never start \(squeue reason PartitionConfig\): cancelled jobs \d+ and \d+/, new RegExp(`Change CPUS_PER_TASK \\(now ${tooMany}\\)`)]],
    ];
    for (const [env, messages] of cases) {
      const t0 = Date.now();
      const r = c.run('bash', [SCRIPT], { ...study, ...env });
      const label = `${JSON.stringify(env)}: ${r.stdout}${r.stderr}`;
      expect(r.code, label).toBe(1);
      expect(Date.now() - t0, label).toBeLessThan(15_000);
      for (const m of messages) expect(r.stderr, label).toMatch(m);
      expect(r.stdout, label).not.toContain('submitted:');
    }
    const queued = c.run('squeue', ['-h', '-t', 'PD,R,CG', '-o', '%i %r']);
    expect(queued.stdout.trim(), 'jobs left queued').toBe('');
  });

  it('with its defaults runs on the 2-CPU node, and the afterok merge equals a one-machine batch byte for byte', async () => {
    const c = cluster!;
    const logs = join(c.dir, 'small-logs');
    const results = join(c.dir, 'small-results');
    const { array, merge, stdout } = submit(c, { ...SMALL, STUDY: join(c.dir, 'small-study'), RESULTS: results, LOGS: logs });
    const cpus = Math.min(4, c.cpus);
    expect(stdout).toContain(`shards = job ${array} (2 tasks, ${cpus} CPU${cpus === 1 ? '' : 's'} each, partition debug)`);
    await mergeDone(c, merge, logs, 90);

    for (const k of [0, 1]) {
      const j = c.job(`${array}_${k}`);
      expect(j?.JobState, `task ${k}`).toBe('COMPLETED');
      expect(j?.['CPUs/Task'], `task ${k}`).toBe(String(cpus));
      const log = readFileSync(join(logs, `dcplan-study-${array}_${k}.log`), 'utf8');
      expect(log).toContain(`dcplan-study: shard ${k}/2 on `);
      expect(log).toMatch(new RegExp(`shard ${k}/2: 300 runs of 2 scenarios → `));
    }
    expect(readFileSync(join(logs, `dcplan-merge-${merge}.log`), 'utf8')).toContain('merge: 2 shards, 2 of 2 scenarios ok');
    const base = await baselines.get('small')!.done;
    expect(base.code, base.stderr).toBe(0);
    expectSameBytes(join(c.dir, 'baseline-small'), results);
  }, 150_000);

  it('a task requeued midway resumes the piece it had finished, and the study still merges to the same bytes', async () => {
    const c = cluster!;
    const logs = join(c.dir, 'requeued-logs');
    const study = join(c.dir, 'requeued-study');
    const results = join(c.dir, 'requeued-results');
    const { array, merge } = submit(c, { ...REQUEUED, STUDY: study, RESULTS: results, LOGS: logs });
    const shard = join(study, 'shard-1-of-3');
    const task = `${array}_1`;

    // midway: the first piece (plan-a runs 4000–5999) written, the second (plan-b runs 0–1999) being computed
    let polls = 0;
    await waitFor(`shard 1 to be midway (plan-a piece done, plan-b piece in progress)`, 90, () => {
      if (existsSync(join(shard, 'shard.json'))) throw new Error(`shard 1 finished before it could be requeued midway\n${c.diagnostics(logs)}`);
      const state = polls++ % 10 === 0 ? c.job(task)?.JobState : undefined; // every half second: a task that failed fails the test now
      if (state && FAILED.test(state)) throw new Error(`task ${task}: ${state}\n${c.diagnostics(logs)}`);
      const first = existsSync(join(shard, 'plan-a', 'runs-4000-6000.f64'));
      const second = existsSync(join(shard, 'plan-b')) && readdirSync(join(shard, 'plan-b')).some((f) => /^\.runs-0-2000\.f64\..*\.tmp$/.test(f));
      return first && second ? true : undefined;
    }, () => c.diagnostics(logs), 50);
    const requeue = c.run('scontrol', ['requeue', task]);
    expect(requeue.code, `scontrol requeue ${task}: ${requeue.stderr}`).toBe(0);

    await mergeDone(c, merge, logs, 90);
    const j = c.job(task);
    expect(j?.JobState).toBe('COMPLETED');
    expect(j?.Restarts, 'task 1 ran twice').toBe('1');
    const log = readFileSync(join(logs, `dcplan-study-${task}.log`), 'utf8');
    const [first, second] = log.split(/^dcplan-study: shard 1\/3 on .*, attempt 2$/m);
    expect(second, `the log of task 1 shows no second attempt:\n${log}`).toBeDefined();
    // attempt 1: the first piece, then stopped by the requeue (SIGTERM: whole pieces only, no shard.json)
    expect(first).toMatch(/ok {6}test\/fixtures\/batch\/good\/plan-a\.yaml {2}runs 4000–5999 of 6000/);
    expect(first).toContain('dcplan: SIGTERM: stopping the workers');
    expect(first).toContain('shard 1/3 is not finished');
    // attempt 2: the finished piece kept, only the interrupted one computed
    expect(second).toContain('resumed test/fixtures/batch/good/plan-a.yaml  runs 4000–5999 (already computed)');
    expect(second).toMatch(/ok {6}test\/fixtures\/batch\/good\/plan-b\.yaml {2}runs 0–1999 of 6000/);
    expect(second).not.toMatch(/ok {6}test\/fixtures\/batch\/good\/plan-a\.yaml/);

    const base = await baselines.get('requeued')!.done;
    expect(base.code, base.stderr).toBe(0);
    expectSameBytes(join(c.dir, 'baseline-requeued'), results);
  }, 150_000);
});


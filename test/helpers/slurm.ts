/**
A real, throwaway single-node Slurm cluster for tests: the one deploy/README.md
describes, started by deploy/slurm-single-node.sh (munged, slurmctld and slurmd
with every file in a `dcplan-slurm-*` temp directory, on free ports that are not
Slurm's defaults, so a Slurm installed on the machine is left alone).

`slurmSetup()` says whether it can run here: Linux, root (slurmd starts the
jobs), and Slurm and MUNGE installed — with apt-get when missing (`slurm-wlm`,
`munge`; services that the packages start are stopped again). Where it cannot,
or DCPLAN_SKIP_SLURM is set, it says why, in one line, for the test to print
and skip.

`startSlurm()` brings the cluster up; `stop()` cancels its jobs, stops the
daemons (`down`), ends any process still using its files, and deletes the
directory — also when the test process exits without running its hooks.
*/
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SINGLE_NODE = join(ROOT, 'deploy', 'slurm-single-node.sh');

/** What the cluster needs on the PATH (the daemons live in /usr/sbin). */
const COMMANDS = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'scontrol', 'sinfo', 'squeue', 'scancel'];
const PACKAGES = ['slurm-wlm', 'munge'];
const SERVICES = ['munge', 'slurmctld', 'slurmd'];

/** PATH with this Node first (jobs run `node`: the same binary as the test's own dcplan runs) and the sbin directories last. */
const testPath = (): string => [dirname(process.execPath), ...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'].filter(Boolean).join(delimiter);

function onPath(cmd: string): boolean {
  return testPath().split(delimiter).some((d) => {
    try {
      accessSync(join(d, cmd), constants.X_OK);
      return statSync(join(d, cmd)).isFile();
    } catch {
      return false;
    }
  });
}

const lastLine = (s: string): string => s.trim().split('\n').filter(Boolean).pop() ?? '';

function activeServices(): Set<string> {
  if (!onPath('systemctl') || !existsSync('/run/systemd/system')) return new Set();
  return new Set(SERVICES.filter((s) => spawnSync('systemctl', ['is-active', '--quiet', s]).status === 0));
}

/** Slurm and MUNGE usable here (installed now if need be), or why not, in one line. */
export function slurmSetup(): { ok: true } | { skip: string } {
  if (process.env.DCPLAN_SKIP_SLURM) return { skip: 'DCPLAN_SKIP_SLURM is set' };
  if (process.platform !== 'linux') return { skip: `not Linux (${process.platform})` };
  if (process.getuid?.() !== 0) return { skip: 'not root: slurmd must run as root to start jobs (run the tests as root, as CI does)' };
  let missing = COMMANDS.filter((c) => !onPath(c));
  if (missing.length === 0) return { ok: true };
  if (!onPath('apt-get')) return { skip: `${missing.join(', ')} missing and no apt-get to install ${PACKAGES.join(' and ')}` };
  const before = activeServices();
  const env = { ...process.env, PATH: testPath(), DEBIAN_FRONTEND: 'noninteractive' };
  const install = (): ReturnType<typeof spawnSync> =>
    spawnSync('apt-get', ['-qq', '-y', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=120', 'install', ...PACKAGES], { env, encoding: 'utf8', timeout: 150_000 });
  process.stderr.write(`slurm: installing ${PACKAGES.join(' and ')} with apt-get (${missing.join(', ')} missing)\n`);
  let r = install();
  if (r.status !== 0) {
    spawnSync('apt-get', ['-qq', '-o', 'DPkg::Lock::Timeout=120', 'update'], { env, encoding: 'utf8', timeout: 150_000 });
    r = install();
  }
  // on a machine run by systemd the packages start their services: stop the ones that were not running before
  for (const s of activeServices()) if (!before.has(s)) spawnSync('systemctl', ['stop', s]);
  if (r.status !== 0) return { skip: `apt-get could not install ${PACKAGES.join(' and ')}: ${lastLine(String(r.stderr)) || `exit ${r.status}`}` };
  missing = COMMANDS.filter((c) => !onPath(c));
  if (missing.length > 0) return { skip: `${missing.join(', ')} still missing after installing ${PACKAGES.join(' and ')}` };
  return { ok: true };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface SlurmCluster {
  /** The temp directory: slurm.conf, state, spool, logs — and whatever the test puts there. */
  dir: string;
  /** CPUs the node offers. */
  cpus: number;
  /** Environment for Slurm commands and scripts: SLURM_CONF set, no SLURM_* inherited, this Node first on the PATH. */
  env: NodeJS.ProcessEnv;
  /** Run a command (from the repository root) against this cluster. */
  run(cmd: string, args: string[], extraEnv?: NodeJS.ProcessEnv): Run;
  /** `scontrol show job ID -o` as a map of fields, or undefined when Slurm does not know the job. */
  job(id: string): Record<string, string> | undefined;
  /** squeue, every job, finished jobs, the daemons' logs and the given job logs: for a failure message. */
  diagnostics(logDir?: string): string;
  /** Cancel the jobs, stop the daemons, end what is left, delete the directory. Safe to call twice. */
  stop(): void;
}

/** A TCP port nothing listens on (on 127.0.0.1) just now. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => done(port));
    });
  });
}

const tail = (file: string, lines: number): string => {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(none)';
  }
};

/** Processes (other than this one) whose command line, working directory or open files are under `dir`. */
function processesUsing(dir: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    const p = `/proc/${name}`;
    try {
      const cmdline = readFileSync(`${p}/cmdline`, 'utf8').replaceAll('\0', ' ');
      let uses = cmdline.includes(dir + '/') || cmdline.includes(dir + ' ');
      if (!uses) {
        const links = [readlinkSync(`${p}/cwd`), ...readdirSync(`${p}/fd`).map((fd) => {
          try {
            return readlinkSync(`${p}/fd/${fd}`);
          } catch {
            return '';
          }
        })];
        uses = links.some((l) => l === dir || l.startsWith(dir + '/'));
      }
      if (uses) out.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
}

export interface SlurmOptions {
  /** CPUs the node offers (default: 2, or 1 on a one-CPU machine — the 2-CPU node of the issue). */
  cpus?: number;
  /** Seconds a requeued job waits before it starts again. */
  credExpire?: number;
  /** More slurm.conf lines (another partition, ...). */
  extraConf?: string;
}

/** Start a single-node cluster; throws with the daemons' logs if it does not come up within 60 s. */
export async function startSlurm(opts: SlurmOptions = {}): Promise<SlurmCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'dcplan-slurm-'));
  chmodSync(dir, 0o755); // munged wants every directory above its socket open to all
  const cpus = opts.cpus ?? Math.min(2, availableParallelism());
  const env: NodeJS.ProcessEnv = { PATH: testPath(), SLURM_CONF: join(dir, 'slurm.conf') };
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SLURM') && k !== 'PATH') env[k] = v;

  let stopped = false;
  const run = (cmd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Run => {
    const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 120_000, maxBuffer: 16 << 20 });
    return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? `\n${r.error.message}` : '') };
  };
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    try {
      if (existsSync(join(dir, 'slurm.conf'))) {
        const r = run('bash', [SINGLE_NODE, 'down', dir]);
        if (r.code !== 0) process.stderr.write(`slurm: down failed (${r.code}): ${r.stderr}\n`);
      }
    } finally {
      // whatever still uses the directory — a job step, a dcplan started by one — was started by this cluster
      for (let i = 0; i < 3; i++) {
        const left = processesUsing(dir);
        if (left.length === 0) break;
        for (const pid of left) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
        execFileSync('sleep', ['0.2']);
      }
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.on('exit', stop);

  const [ctld, slurmd] = [await freePort(), await freePort()];
  const up = await new Promise<Run>((done) => {
    // asynchronously: the test's other preparations (one-machine baselines) run meanwhile
    const child = spawn('bash', [SINGLE_NODE, 'up', dir], {
      cwd: ROOT,
      env: { ...env, SLURMCTLD_PORT: String(ctld), SLURMD_PORT: String(slurmd), CPUS: String(cpus), CRED_EXPIRE: String(opts.credExpire ?? 5), SLURM_CONF_EXTRA: opts.extraConf ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code: code ?? -1, stdout, stderr });
    });
  });
  if (up.code !== 0) {
    stop();
    throw new Error(`the single-node Slurm cluster did not start (exit ${up.code}):\n${up.stdout}${up.stderr}`);
  }

  const job = (id: string): Record<string, string> | undefined => {
    const r = run('scontrol', ['show', 'job', id, '-o']);
    if (r.code !== 0 || !r.stdout.trim()) return undefined;
    const line = r.stdout.trim().split('\n')[0]!;
    return Object.fromEntries([...line.matchAll(/(\w[\w/:]*)=(\S*)/g)].map((m) => [m[1]!, m[2]!]));
  };
  const diagnostics = (logDir?: string): string => {
    const section = (title: string, text: string): string => `--- ${title}\n${text.trimEnd() || '(nothing)'}\n`;
    const cmd = (c: string, args: string[]): string => {
      const r = run(c, args);
      return r.stdout + r.stderr;
    };
    const logs = logDir && existsSync(logDir) ? readdirSync(logDir).sort().map((f) => section(`${f} (last 30 lines)`, tail(join(logDir, f), 30))) : [];
    return [
      section('squeue', cmd('squeue', ['-o', '%.14i %.14j %.10T %.24r %.8M %.4C'])),
      section('scontrol show job', cmd('scontrol', ['show', 'job'])),
      section('finished jobs (jobcomp; sacct needs slurmdbd, which this cluster has not)', tail(join(dir, 'log', 'jobcomp.txt'), 20)),
      section('sinfo', cmd('sinfo', ['-N', '-o', '%N %t %c %m %E'])),
      ...logs,
      section('slurmctld.log (last 30 lines)', tail(join(dir, 'log', 'slurmctld.log'), 30)),
      section('slurmd.log (last 30 lines)', tail(join(dir, 'log', 'slurmd.log'), 30)),
    ].join('');
  };
  return { dir, cpus, env, run, job, diagnostics, stop };
}

/** Poll `check` every `everyMs` until it returns a value; after `seconds`, throw `what` and `details()`. */
export async function waitFor<T>(what: string, seconds: number, check: () => T | undefined, details: () => string, everyMs = 100): Promise<T> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${seconds} s waiting for ${what}\n${details()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
Running the CLI from tests, and comparing output trees byte for byte.

`dcplan(...args)` runs a command in this process (src/cli/run.ts `runCli`) with
string sinks for stdout and stderr: the same parsing, commands, messages and
exit codes as the program, without starting Node for each call. Worker threads
still come from the bundle (dist/worker.js, built by test/global-setup.ts), so
`--workers` means what it means for the program.

`spawnDcplan(...args)` runs the real program (`node bin/dcplan.js`) for what only
a process shows: exit statuses, signals, EPIPE, cold start.
*/
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import type { Signals } from '../../src/cli/output.js';
import { runCli } from '../../src/cli/run.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const WORKER_URL = pathToFileURL(resolve('dist/worker.js'));

/** What an in-process run sees besides its arguments. */
export interface InProcess {
  /** The environment the command sees (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Where Ctrl-C comes from: emit 'SIGINT' on it to press Ctrl-C at an exact point. */
  signals?: Signals;
  /** Called with each piece written to stderr, as it is written (to act at an exact point of the run). */
  onStderr?: (text: string) => void;
}

/** `dcplan ...args` in this process, with string sinks (see above). */
export async function dcplanWith(opts: InProcess, ...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: {
      write: (s: string) => {
        stderr += s;
        opts.onStderr?.(s);
      },
    },
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.signals ? { signals: opts.signals } : {}),
    workerUrl: WORKER_URL,
  });
  return { code, stdout, stderr };
}

/** `dcplan ...args` in this process, with string sinks (see above). */
export function dcplan(...args: string[]): Promise<CliResult> {
  return dcplanWith({}, ...args);
}

/** `node bin/dcplan.js ...args`, synchronously: the real process. */
export function spawnDcplan(...args: string[]): CliResult {
  const r = spawnSync(process.execPath, ['bin/dcplan.js', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir` (relative path → bytes). */
export function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** The two directories hold the same files with the same bytes. */
export function expectSameBytes(a: string, b: string): void {
  const ta = tree(a);
  const tb = tree(b);
  expect([...tb.keys()]).toEqual([...ta.keys()]);
  for (const [k, v] of ta) expect(tb.get(k)!.equals(v), `${k} differs`).toBe(true);
}

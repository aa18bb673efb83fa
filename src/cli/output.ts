/**
Where the commands write, and what they ask of the terminal: the process's
stdout and stderr when `dcplan` runs as a program, or the sinks a caller gave
`runCli` (src/cli/run.ts) when it runs in-process — the tests run commands that
way, without spawning a process each time. Commands write through here, never
to process.stdout / process.stderr directly.
*/

/** A place text goes: process.stdout, or anything with `write`. */
export interface Sink {
  write(text: string): unknown;
}

/** Where Ctrl-C (SIGINT) and SIGTERM come from: the process, or a test's emitter (a deterministic Ctrl-C). */
export interface Signals {
  on(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface Output {
  stdout: Sink;
  stderr: Sink;
  signals: Signals;
  /** The environment the command sees (SOURCE_DATE_EPOCH, DCPLAN_DEBUG, the locale). */
  env: NodeJS.ProcessEnv;
  /** The command line as typed, after `dcplan` (recorded in calibrated scenarios). */
  args: readonly string[];
}

const processOutput = (): Output => ({ stdout: process.stdout, stderr: process.stderr, signals: process, env: process.env, args: process.argv.slice(2) });

let current: Output | undefined;

/** The output of the command running now. */
export function output(): Output {
  return current ?? processOutput();
}

/** Text to stdout. */
export function writeOut(text: string): void {
  output().stdout.write(text);
}

/** Text to stderr. */
export function writeErr(text: string): void {
  output().stderr.write(text);
}

/**
Is stdout / stderr a terminal? In-process sinks never are: no progress bars, no
cursor codes, 80 columns — as when the program's output goes to a pipe. (So a
progress bar, when there is one, draws on process.stderr itself.)
*/
export const stdoutIsTTY = (): boolean => current === undefined && Boolean(process.stdout.isTTY);
export const stderrIsTTY = (): boolean => current === undefined && Boolean(process.stderr.isTTY);

/** The terminal's width, when stdout is one (else `undefined`). */
export const stdoutColumns = (): number | undefined => (stdoutIsTTY() ? process.stdout.columns : undefined);

/** Run `f` with `o` as the output; the previous output is back afterwards, even if `f` throws. */
export async function withOutput<T>(o: Output, f: () => Promise<T>): Promise<T> {
  const previous = current;
  current = o;
  try {
    return await f();
  } finally {
    current = previous;
  }
}

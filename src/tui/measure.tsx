/**
The TUI benchmarks (`npm run bench`): milliseconds from a lever key press to
the frame that shows its result. Renders the real App through Ink with
in-memory stdin/stdout (debug mode: every render is written at once), turns the
first lever back and forth and times each press.

- `measureLeverRecompute` (tuiRecomputeMs, issue 5): the new central run's
  frame, with Monte Carlo bands off.
- `measureLeverBand` (tuiBandMs, issue 15): with `runs` Monte Carlo runs per
  band, both the new central frame and the first frame whose focused run has
  its complete P5–P95 band — what the user waits for before the medians show.
*/
import { render } from 'ink';
import { App } from './components/app.js';
import { ThemeContext } from './components/lines.js';
import { FakeStdin, FakeStdout } from './fake-terminal.js';
import { bandsComplete } from './model.js';
import { formatLever, loadSource, turnLever } from './runs.js';
import { TuiStore } from './store.js';
import type { PoolBandsOptions } from './background.js';

function frameMatching(out: FakeStdout, test: (frame: string) => boolean, timeoutMs = 5000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      out.off('frame', on);
      reject(new Error('no matching frame'));
    }, timeoutMs);
    const on = (frame: string): void => {
      if (!test(frame)) return;
      const t = performance.now();
      clearTimeout(timer);
      out.off('frame', on);
      resolve(t);
    };
    out.on('frame', on);
  });
}

const RIGHT = '\u001b[C';
const LEFT = '\u001b[D';

/** One timed press: ms to the frame showing the new central run, and (bands on) to the frame showing its complete band. */
export interface PressTiming {
  centralMs: number;
  bandMs?: number;
}

/** Lever press → new frame, in ms, `samples` times (after a short warm-up); central run only. */
export async function measureLeverRecompute(file: string, samples: number): Promise<number[]> {
  return (await measurePresses(file, samples, 0)).map((p) => p.centralMs);
}

/**
Lever press → the new central frame and the frame with the complete band of
`runs` runs, `samples` times. With `workers` the bands run on a warm worker
pool, as in `dcplan tui`; without, in this thread.
*/
export function measureLeverBand(file: string, samples: number, runs = 1000, workers?: PoolBandsOptions): Promise<PressTiming[]> {
  return measurePresses(file, samples, runs, workers);
}

async function measurePresses(file: string, samples: number, mcRuns: number, workers?: PoolBandsOptions): Promise<PressTiming[]> {
  const store = new TuiStore([loadSource(file)], { mcRuns, ...(workers ? { workers } : {}) });
  const stdout = new FakeStdout(100, 30);
  const stdin = new FakeStdin();
  const app = render(
    <ThemeContext.Provider value={{ color: false }}>
      <App store={store} />
    </ThemeContext.Provider>,
    // the off-screen terminal stands in for the process's streams
    { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false },
  );
  // a frame is drawn from the store's state of that moment: it shows the band once the focused run's is complete
  const banded = (): boolean => {
    const s = store.getState();
    const run = s.runs[s.focus];
    return run !== undefined && bandsComplete(run);
  };
  try {
    const opened = frameMatching(stdout, (f) => f.includes('Levers'));
    stdin.write('l');
    await opened;
    if (mcRuns > 1) await frameMatching(stdout, banded, 60_000);
    const lever = store.getState().sources[0]!.levers[0];
    if (!lever) throw new Error(`${file} declares no levers`);
    const times: PressTiming[] = [];
    const warmup = 3;
    let dir: 1 | -1 = 1;
    for (let i = 0; i < samples + warmup; i++) {
      const s = store.getState();
      const run = s.runs[s.focus]!;
      const now = run.levers[lever.id] ?? s.sources[0]!.leverBase[lever.id]!;
      let next = turnLever(lever, now, dir);
      const base = s.sources[0]!.leverBase[lever.id]!;
      // stay off the file's value (going back there drops the run instead of recomputing)
      if (next === now || Math.abs(next - base) < 1e-9) {
        dir = dir > 0 ? -1 : 1;
        next = turnLever(lever, now, dir);
      }
      const want = formatLever(lever, next);
      const framed = frameMatching(stdout, (f) => f.includes(want));
      // the band's frame: the new lever value on screen and the focused run's band complete
      const bandFramed = mcRuns > 1 ? frameMatching(stdout, (f) => f.includes(want) && banded(), 60_000) : undefined;
      const t0 = performance.now();
      stdin.write(dir > 0 ? RIGHT : LEFT);
      const t1 = await framed;
      const t2 = bandFramed ? await bandFramed : undefined;
      if (i >= warmup) times.push(t2 === undefined ? { centralMs: t1 - t0 } : { centralMs: t1 - t0, bandMs: t2 - t0 });
      if (Math.abs(turnLever(lever, next, dir) - next) < 1e-12) dir = dir > 0 ? -1 : 1;
    }
    return times;
  } finally {
    app.unmount();
    app.cleanup();
    store.close();
  }
}

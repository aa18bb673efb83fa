/**
The benchmark of issue 5 (`npm run bench`, tuiRecomputeMs): milliseconds from a lever key press to
the new frame written, for the central run (no Monte Carlo bands). Renders the
real App through Ink with in-memory stdin/stdout (debug mode: every render is
written at once), turns the first lever back and forth and times each press
until the frame showing the new value is written.
*/
import { render } from 'ink';
import { App } from './components/app.js';
import { ThemeContext } from './components/lines.js';
import { FakeStdin, FakeStdout } from './fake-terminal.js';
import { formatLever, loadSource, turnLever } from './runs.js';
import { TuiStore } from './store.js';

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

/** Lever press → new frame, in ms, `samples` times (after a short warm-up). */
export async function measureLeverRecompute(file: string, samples: number): Promise<number[]> {
  const store = new TuiStore([loadSource(file)], { mcRuns: 0 });
  const stdout = new FakeStdout(100, 30);
  const stdin = new FakeStdin();
  const app = render(
    <ThemeContext.Provider value={{ color: false }}>
      <App store={store} />
    </ThemeContext.Provider>,
    // the off-screen terminal stands in for the process's streams
    { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false },
  );
  try {
    const opened = frameMatching(stdout, (f) => f.includes('Levers'));
    stdin.write('l');
    await opened;
    const lever = store.getState().sources[0]!.levers[0];
    if (!lever) throw new Error(`${file} declares no levers`);
    const times: number[] = [];
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
      const t0 = performance.now();
      stdin.write(dir > 0 ? RIGHT : LEFT);
      const t1 = await framed;
      if (i >= warmup) times.push(t1 - t0);
      if (Math.abs(turnLever(lever, next, dir) - next) < 1e-12) dir = dir > 0 ? -1 : 1;
    }
    return times;
  } finally {
    app.unmount();
    app.cleanup();
    store.close();
  }
}

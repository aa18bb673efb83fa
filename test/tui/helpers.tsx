/**
Shared test helpers: the plan scenario loaded once, a store without background
bands (deterministic), and an off-screen terminal of any size to render the
real App into.
*/
import { render, type Instance } from 'ink';
import type { ReactElement } from 'react';
import { App } from '../../src/tui/components/app.js';
import { ThemeContext } from '../../src/tui/components/lines.js';
import { FakeStdin, FakeStdout } from '../../src/tui/fake-terminal.js';
import { loadSource, type LoadedSource } from '../../src/tui/runs.js';
import { TuiStore, type StoreOptions } from '../../src/tui/store.js';
import { stripAnsi } from '../../src/tui/text.js';

export const PLAN = 'scenarios/guian-plan.yaml';

const cache = new Map<string, LoadedSource>();
export function loaded(file = PLAN): LoadedSource {
  if (!cache.has(file)) cache.set(file, loadSource(file));
  return cache.get(file)!;
}

/** A store over `files` with no background bands unless asked. */
export function makeStore(files: string[] = [PLAN], opts: StoreOptions = {}): TuiStore {
  return new TuiStore(files.map((f) => loaded(f)), { mcRuns: 0, ...opts });
}

/**
Let Ink and React finish what a key press or a state change started — the input
handler, the render, the effects — without a clock: a few turns of the event
loop's check phase, where React's scheduler runs under Node.
*/
export async function flush(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((r) => setImmediate(r));
}

export const KEY = {
  right: '\u001b[C',
  left: '\u001b[D',
  up: '\u001b[A',
  down: '\u001b[B',
  home: '\u001b[H',
  end: '\u001b[F',
  tab: '\t',
  shiftTab: '\u001b[Z',
  escape: '\u001b',
  enter: '\r',
  ctrlC: '\u0003',
};

export interface Screen extends Offscreen {
  store: TuiStore;
}

/** An element drawn in an off-screen terminal, with keys to press and its frame to read. */
export interface Offscreen {
  stdout: FakeStdout;
  stdin: FakeStdin;
  instance: Instance;
  /** The last frame, ANSI stripped. */
  frame: () => string;
  lines: () => string[];
  press: (...keys: string[]) => Promise<void>;
  /** Unmount, then `stop` what the element ran in the background. */
  close: () => void;
}

/** Render `element` into an off-screen terminal of `columns` × `rows`; `stop` runs after unmounting. */
export function offscreen(element: ReactElement, stop: () => void, columns = 80, rows = 24, color = false): Offscreen {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = render(
    <ThemeContext.Provider value={{ color }}>{element}</ThemeContext.Provider>,
    // the off-screen terminal stands in for the process's streams
    { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false },
  );
  const frame = (): string => stripAnsi(stdout.lastFrame());
  return {
    stdout,
    stdin,
    instance,
    frame,
    lines: () => frame().split('\n'),
    press: async (...keys: string[]) => {
      for (const k of keys) {
        stdin.write(k);
        await flush();
      }
      await flush();
    },
    close: () => {
      instance.unmount();
      instance.cleanup();
      stop();
    },
  };
}

/** Render the App into an off-screen terminal of `columns` × `rows`. */
export function screen(store: TuiStore, columns = 80, rows = 24, color = false): Screen {
  return { store, ...offscreen(<App store={store} playMs={40} />, () => store.close(), columns, rows, color) };
}

/**
Starting the TUI on the real terminal: load every file (problems surface
before the screen changes), switch to the alternate screen, render, and on
quit — q, Ctrl-C, or the process ending — restore the screen and the cursor.
*/
import { render } from 'ink';
import { App } from './components/app.js';
import { ThemeContext, themeFromEnv } from './components/lines.js';
import { setAscii } from './glyphs.js';
import { loadSource } from './runs.js';
import { TuiStore, type StoreOptions } from './store.js';

const ENTER_ALT = '\u001b[?1049h\u001b[H';
const LEAVE_ALT = '\u001b[?25h\u001b[?1049l';

export interface StartOptions extends StoreOptions {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** Draw with ASCII only (`--ascii`, src/tui/glyphs.ts). */
  ascii?: boolean;
}

/** Run the TUI on `files` until the user quits. Throws ScenarioError when a file has problems. */
export async function startTui(files: string[], opts: StartOptions = {}): Promise<void> {
  const loaded = files.map((f) => loadSource(f));
  setAscii(opts.ascii === true);
  const store = new TuiStore(loaded, opts);
  const stdout = opts.stdout ?? process.stdout;
  const stdin = opts.stdin ?? process.stdin;
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE_ALT);
  };
  process.once('exit', restore);
  stdout.write(ENTER_ALT);
  const app = render(
    <ThemeContext.Provider value={themeFromEnv(process.env, stdout)}>
      <App store={store} />
    </ThemeContext.Provider>,
    { stdout, stdin, exitOnCtrlC: false, patchConsole: true, maxFps: 60 },
  );
  // killed or hung up: leave the terminal as it was, then end as the signal asks
  const onSignal = (signal: NodeJS.Signals): void => {
    store.close();
    app.unmount();
    restore();
    process.exit(128 + (signal === 'SIGHUP' ? 1 : 15));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  try {
    await app.waitUntilExit();
  } finally {
    store.close();
    app.cleanup();
    restore();
    process.off('exit', restore);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  }
}

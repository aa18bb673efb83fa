/**
Starting the TUI on the real terminal: load every file (problems surface
before the screen changes), switch to the alternate screen, render, and on
quit — q, Ctrl-C, or the process ending — restore the screen and the cursor.
*/
import { App } from './components/app.js';
import { runFullScreen } from './fullscreen.js';
import { setAscii } from './glyphs.js';
import { loadSource } from './runs.js';
import { TuiStore, type StoreOptions } from './store.js';

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
  await runFullScreen(<App store={store} />, () => store.close(), opts);
}

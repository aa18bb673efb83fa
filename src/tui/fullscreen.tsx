/**
One full-screen session on the real terminal, for the TUI and the lesson
player alike: switch to the alternate screen, render, and on quit — q, Ctrl-C,
a signal, or the process ending — close what the app runs in the background
and give the screen and the cursor back as they were.
*/
import { render } from 'ink';
import type { ReactElement } from 'react';
import { ThemeContext, themeFromEnv } from './components/lines.js';

const ENTER_ALT = '\u001b[?1049h\u001b[H';
const LEAVE_ALT = '\u001b[?25h\u001b[?1049l';

export interface ScreenIo {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

/** Render `app` full screen until it exits; `close` stops its background work (bands, timers). */
export async function runFullScreen(app: ReactElement, close: () => void, io: ScreenIo = {}): Promise<void> {
  const stdout = io.stdout ?? process.stdout;
  const stdin = io.stdin ?? process.stdin;
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE_ALT);
  };
  process.once('exit', restore);
  stdout.write(ENTER_ALT);
  const ink = render(<ThemeContext.Provider value={themeFromEnv(process.env, stdout)}>{app}</ThemeContext.Provider>, {
    stdout, stdin, exitOnCtrlC: false, patchConsole: true, maxFps: 60,
  });
  // killed or hung up: leave the terminal as it was, then end as the signal asks
  const onSignal = (signal: NodeJS.Signals): void => {
    close();
    ink.unmount();
    restore();
    process.exit(128 + (signal === 'SIGHUP' ? 1 : 15));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  try {
    await ink.waitUntilExit();
  } finally {
    close();
    ink.cleanup();
    restore();
    process.off('exit', restore);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  }
}

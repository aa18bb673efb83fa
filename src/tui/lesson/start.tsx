/**
Playing a lesson on the real terminal, as `dcplan tui` runs: the lesson's
scenarios load first (problems surface before the screen changes), then the
alternate screen, the player, and on quit — q, Ctrl-C, or the process ending —
the screen and the cursor as they were.
*/
import { render } from 'ink';
import type { Lesson } from '../../scenario/lesson.js';
import { ThemeContext, themeFromEnv } from '../components/lines.js';
import { setAscii } from '../glyphs.js';
import type { StoreOptions } from '../store.js';
import { LessonController } from './controller.js';
import { LessonPlayer } from './player.js';

const ENTER_ALT = '\u001b[?1049h\u001b[H';
const LEAVE_ALT = '\u001b[?25h\u001b[?1049l';

export interface LessonStartOptions extends StoreOptions {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** Draw with ASCII only (src/tui/glyphs.ts). */
  ascii?: boolean;
}

/** Play `lesson` until the user quits. Throws ScenarioError when a scenario of it has problems. */
export async function startLesson(lesson: Lesson, opts: LessonStartOptions = {}): Promise<void> {
  setAscii(opts.ascii === true);
  const controller = LessonController.create(lesson, opts);
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
      <LessonPlayer controller={controller} />
    </ThemeContext.Provider>,
    { stdout, stdin, exitOnCtrlC: false, patchConsole: true, maxFps: 60 },
  );
  // killed or hung up: leave the terminal as it was, then end as the signal asks
  const onSignal = (signal: NodeJS.Signals): void => {
    controller.close();
    app.unmount();
    restore();
    process.exit(128 + (signal === 'SIGHUP' ? 1 : 15));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  try {
    await app.waitUntilExit();
  } finally {
    controller.close();
    app.cleanup();
    restore();
    process.off('exit', restore);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  }
}

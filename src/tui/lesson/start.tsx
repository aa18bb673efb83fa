/**
Playing a lesson on the real terminal, as `dcplan tui` runs: the lesson's
scenarios load first (problems surface before the screen changes), then the
alternate screen, the player, and on quit — q, Ctrl-C, or the process ending —
the screen and the cursor as they were.
*/
import type { Lesson } from '../../scenario/lesson.js';
import { runFullScreen } from '../fullscreen.js';
import { setAscii } from '../glyphs.js';
import type { StoreOptions } from '../store.js';
import { LessonController } from './controller.js';
import { LessonPlayer } from './player.js';

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
  await runFullScreen(<LessonPlayer controller={controller} />, () => controller.close(), opts);
}

/**
The lesson player (`dcplan lesson NAME` on a terminal): importing this module
loads Ink and React; the CLI imports it only on that path.
*/
export { startLesson, type LessonStartOptions } from './start.js';
export { LessonController, lessonSources, screenFigures, type LessonUi } from './controller.js';
export { LessonPlayer, lessonLayout, lessonHelpLines, handleLessonKey } from './player.js';

/**
`dcplan lesson [NAME] [--list] [--handout FILE.html] [--runs N]`: guided
lessons for the classroom (docs/lessons.md).

- No NAME, or `--list`: the shipped lessons (lessons/*.yaml of the package),
  in their `order:`, with how to start one. A teacher typing `dcplan lesson`
  sees what there is before anything starts.
- NAME is a shipped lesson's id (its file name without `.yaml`) or the path of
  a lesson file. A bad lesson file is one `file:line:col  path  message` line
  per problem, exit 1.
- On a terminal the lesson plays in the TUI (src/tui/lesson). Into a pipe or a
  file it is printed as plain text in the session language, with every figure
  computed, so a teacher can prepare a class from it.
- `--handout FILE.html` writes the printable bilingual handout, atomically
  (nothing is left behind when it fails).
*/
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseText, readText, toPlain } from '../../../scenario/document.js';
import { Problems, ScenarioError } from '../../../scenario/errors.js';
import { problemLines } from '../../../report/i18n/problems.js';
import { readLesson, type Lesson } from '../../../scenario/lesson.js';
import { t } from '../../../report/i18n/catalogue.js';
import { getLang } from '../../../report/i18n/lang.js';
import { UserError, usageError } from '../../exit.js';
import { writeAtomic } from '../../io.js';
import { intFlag } from '../../options.js';
import { VERSION } from '../../../report/version.js';
import { stdoutIsTTY, writeErr, writeOut } from '../../output.js';

export interface LessonOptions {
  list?: boolean;
  handout?: string;
  runs?: string;
  /** Play with ASCII only (src/tui/glyphs.ts). */
  ascii?: boolean;
}

export interface LessonContext {
  /** Where shipped lessons are (default: lessons/ of the package). */
  lessonsDir?: string;
  /** Plays the lesson on a terminal (default: stdin and stdout are TTYs). */
  interactive?: boolean;
  out?: (text: string) => void;
  err?: (text: string) => void;
  /** dist/worker.js: the player's bands run on a warm pool of worker threads when it exists. */
  workerUrl?: URL;
}

/** The package's lessons/ directory: searched upward from this module (src/cli/commands or dist/chunks), else the cwd's. */
export function lessonsDir(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const candidate = join(dir, 'lessons');
    if (existsSync(candidate) && statSync(candidate).isDirectory() && existsSync(join(dir, 'package.json'))) return shown(candidate);
    const up = dirname(dir);
    if (up === dir) return shown(resolve('lessons'));
    dir = up;
  }
}

/** A path as a user reads it: relative to the cwd when inside it. */
function shown(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel && !rel.startsWith(`..${sep}`) && rel !== '..' ? rel : p;
}

export interface LessonEntry {
  id: string;
  file: string;
  title: string;
  summary: string;
  order: number;
  steps: number;
}

/** The lessons in a directory, in their `order:` then by id; read lightly (no scenario is loaded). */
export function listLessons(dir: string, lang = getLang()): LessonEntry[] {
  if (!existsSync(dir)) return [];
  const out: LessonEntry[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!/\.(ya?ml|json)$/i.test(name)) continue;
    const file = join(dir, name);
    const problems = new Problems();
    const text = readText(file, file, problems);
    const tree = text !== undefined ? parseText(text, file, problems) : undefined;
    const plain = (tree ? toPlain(tree) : {}) as Record<string, unknown>;
    const pickText = (v: unknown): string => {
      if (typeof v === 'string') return v;
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        const x = o[lang] ?? o.en;
        return typeof x === 'string' ? x.trim() : '';
      }
      return '';
    };
    const id = basename(name, extname(name));
    out.push({
      id,
      file,
      title: pickText(plain.title) || id,
      summary: pickText(plain.summary),
      order: typeof plain.order === 'number' ? plain.order : 1000,
      steps: Array.isArray(plain.steps) ? plain.steps.length : 0,
    });
  }
  return out.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** The list as `dcplan lesson` prints it. */
export function listText(entries: readonly LessonEntry[], dir: string): string {
  if (entries.length === 0) return `${t('lesson.cli.none', { dir })}\n`;
  const w = Math.max(...entries.map((e) => e.id.length));
  const lines = [t('lesson.cli.listTitle'), ''];
  for (const e of entries) {
    lines.push(`  ${e.id.padEnd(w)}  ${t('lesson.cli.steps', { title: e.title, n: e.steps })}`);
    if (e.summary) lines.push(`  ${' '.repeat(w)}  ${e.summary}`);
  }
  lines.push('', t('lesson.cli.listHint'));
  return lines.join('\n') + '\n';
}

/** NAME: a file that exists, else a shipped lesson's id. */
export function findLesson(name: string, dir: string): string {
  if (existsSync(name) && statSync(name).isFile()) return name;
  for (const ext of ['.yaml', '.yml', '.json']) {
    const f = join(dir, `${name}${ext}`);
    if (!name.includes('/') && !name.includes(sep) && existsSync(f)) return f;
  }
  const ids = listLessons(dir).map((e) => e.id);
  throw new UserError([`dcplan: ${t('lesson.cli.unknown', { name, ids: ids.join(', ') || '–' })}`]);
}

/** Read a lesson for the command: its problems become one line each (exit 1). */
export function loadLessonForCommand(file: string): Lesson {
  try {
    return readLesson(file);
  } catch (err) {
    if (err instanceof ScenarioError) throw new UserError(problemLines(err));
    throw err;
  }
}

export async function lessonCommand(name: string | undefined, opts: LessonOptions, ctx: LessonContext = {}): Promise<void> {
  const out = ctx.out ?? (writeOut);
  const err = ctx.err ?? (writeErr);
  const dir = ctx.lessonsDir ?? lessonsDir();
  const runs = intFlag('runs', opts.runs, 1, 100_000);
  if (opts.list || name === undefined) {
    if (opts.list && name !== undefined) throw usageError(t('lesson.cli.listAndName'));
    out(listText(listLessons(dir), dir));
    return;
  }
  const file = findLesson(name, dir);
  const lesson = loadLessonForCommand(file);
  // loaded only now: the engine and the report are not needed to list lessons
  const { LessonComputer, lessonText } = await import('../../../report/lesson.js');
  const computer = new LessonComputer(lesson, runs !== undefined ? { runs } : {});
  if (opts.handout !== undefined) {
    const { renderHandout } = await import('../../../report/html/handout.js');
    const command = ['dcplan', 'lesson', name, '--handout', basename(opts.handout), ...(runs !== undefined ? ['--runs', String(runs)] : [])].join(' ');
    const html = await renderHandout(lesson, computer, { version: VERSION, command, lang: getLang() });
    writeAtomic(opts.handout, html);
    err(`${t('lesson.cli.wrote', { file: opts.handout })}\n`);
    return;
  }
  const interactive = ctx.interactive ?? (Boolean(process.stdin.isTTY) && stdoutIsTTY());
  if (!interactive) {
    out(lessonText(lesson, computer, getLang()));
    return;
  }
  // A person is at this terminal: draw frames live even when CI is set (Ink renders only the last frame under CI).
  if (process.env.CI !== undefined) process.env.CI = 'false';
  if (process.env.CONTINUOUS_INTEGRATION !== undefined) process.env.CONTINUOUS_INTEGRATION = 'false';
  const [{ startLesson }, { poolOptions }] = await Promise.all([import('../../../tui/lesson/index.js'), import('../../../tui/index.js')]);
  try {
    const workers = poolOptions(ctx.workerUrl);
    await startLesson(lesson, { ascii: opts.ascii === true, ...(workers ? { workers } : {}) });
  } catch (e) {
    if (e instanceof ScenarioError) throw new UserError(problemLines(e));
    throw e;
  }
}

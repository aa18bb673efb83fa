/**
The zod schema of the LESSON file format (`lessons/*.yaml`, docs/lessons.md):
which keys exist and their shapes. What needs the scenario — lever ids and
ranges, years, metrics, placeholders — and the rule that every text is given
in both languages are checked after it, in lesson.ts, so that each problem can
say exactly what is wrong where.
*/
import { z } from 'zod';
import { describeValue } from './errors.js';

/** The TUI views a step may show (src/tui/model.ts VIEWS; a test keeps the two lists equal). */
export const LESSON_VIEWS = ['overview', 'datacenters', 'flows', 'energy', 'money', 'compare', 'national'] as const;
export type LessonView = (typeof LESSON_VIEWS)[number];

/** Most choices a question may offer: the keys 1–4 answer it. */
export const MAX_CHOICES = 4;

const textError = (iss: { input?: unknown; code?: string }): string | undefined =>
  iss.code === 'invalid_union' || iss.code === 'invalid_type'
    ? iss.input === undefined
      ? 'missing text'
      : `expected a text in both languages, {en: ..., zh: ...}, got ${describeValue(iss.input)}`
    : undefined;

/**
A text in English and Chinese. The schema also takes a plain string or a
mapping with one language, so that lesson.ts can name the missing translation
(a located problem) instead of a failed union.
*/
export const LessonTextSchema = z
  .union(
    [
      z.string(),
      z.strictObject({
        en: z.string({ error: (iss) => `en must be text, got ${describeValue(iss.input)}` }).optional().describe('In English.'),
        zh: z.string({ error: (iss) => `zh must be text, got ${describeValue(iss.input)}` }).optional().describe('In Chinese (简体中文).'),
      }),
    ],
    { error: textError },
  )
  .describe('The same text in English and in Chinese: {en: ..., zh: ...}.');

const str = (d: string) => z.string({ error: (iss) => (iss.input === undefined ? 'missing text' : `expected text, got ${describeValue(iss.input)}`) }).describe(d);
const ids = (d: string) =>
  z.array(str('A lever id.'), { error: (iss) => `expected a list of lever ids, got ${describeValue(iss.input)}` }).max(100, 'at most 100 lever ids').describe(d);
const obj = <T extends z.core.$ZodLooseShape>(shape: T, d: string) =>
  z.strictObject(shape, { error: (iss) => (iss.code === 'invalid_type' ? `expected a mapping, got ${describeValue(iss.input)}` : undefined) }).describe(d);
const allOr = (d: string) =>
  z.union([z.literal('all'), ids('Lever ids.')], { error: (iss) => `expected all or a list of lever ids, got ${describeValue(iss.input)}` }).describe(d);

export const QuestionSchema = obj(
  {
    text: LessonTextSchema.describe('The question.'),
    choices: z
      .array(LessonTextSchema, { error: (iss) => `expected a list of choices, got ${describeValue(iss.input)}` })
      .min(2, 'a question offers at least 2 choices')
      .max(MAX_CHOICES, `a question offers at most ${MAX_CHOICES} choices (keys 1–${MAX_CHOICES})`)
      .describe('The choices, answered with the keys 1, 2, …'),
    answer: z.number({ error: (iss) => `expected the number of the right choice (1 for the first), got ${describeValue(iss.input)}` }).int('expected a whole number').optional().describe('The number of the right choice, 1 for the first (as pressed); leave it out for a question of opinion.'),
    reveal: LessonTextSchema.describe('What the model says, shown once the question is answered; placeholders give its figures.'),
  },
  'A prediction question: choices, then what the model says.',
);

export const ChallengeSchema = obj(
  {
    text: LessonTextSchema.describe('The challenge in words.'),
    target: str("The target, 'METRIC@YEAR >= VALUE' or 'METRIC@YEAR <= VALUE' (as `dcplan goal --target`)."),
    probability: z
      .union([z.number(), z.string()], { error: (iss) => `expected a probability, 0.9 or "90%", got ${describeValue(iss.input)}` })
      .optional()
      .describe('Share of the Monte Carlo runs that must meet the target (default 0.9).'),
    levers: ids('The levers in play: the only ones the student may turn in this step.').min(1, 'a challenge puts at least one lever in play'),
  },
  'A goal to reach by turning the levers in play.',
);

export const StepSchema = obj(
  {
    title: LessonTextSchema.optional().describe('Short title of the step.'),
    text: LessonTextSchema.describe('What the step says; placeholders give the model\'s figures.'),
    scenario: str('Switch to another scenario file (relative to the lesson file); its levers start at the file\'s values.').optional(),
    year: z.number({ error: (iss) => `expected a year, got ${describeValue(iss.input)}` }).int('expected a whole year').optional().describe('Put the year cursor on this year.'),
    view: str(`Show this view: ${LESSON_VIEWS.join(', ')}.`).optional(),
    levers: z
      .record(z.string(), z.number({ error: (iss) => `expected a number in the lever's unit, got ${describeValue(iss.input)}` }), {
        error: (iss) => `expected a mapping {leverId: value}, got ${describeValue(iss.input)}`,
      })
      .optional()
      .describe("Set lever values, each in the lever's unit as the scenario's levers: define it."),
    lock: allOr('Lock levers from this step on: all, or a list of ids.').optional(),
    unlock: allOr('Unlock levers from this step on: all, or a list of ids.').optional(),
    figure: str('The key figure shown in big digits: METRIC@YEAR.').optional(),
    question: QuestionSchema.optional(),
    challenge: ChallengeSchema.optional(),
  },
  'One step of the lesson.',
);

export const RoleSchema = obj(
  {
    id: str('Unique id of the role.').min(1, 'an id cannot be empty').regex(/^[^.\s*]*$/, 'an id must not contain dots, spaces or *'),
    name: LessonTextSchema.describe('Who the role is: "Guizhou government".'),
    levers: ids('The levers this role holds.').default([]),
  },
  'Who holds which levers.',
);

/** The top level of a lesson file, without `roles` and `steps` (parsed item by item). */
export const LessonHeadSchema = obj(
  {
    title: LessonTextSchema.describe('Title of the lesson.'),
    summary: LessonTextSchema.optional().describe('One sentence for `dcplan lesson --list`.'),
    order: z.number({ error: (iss) => `expected a number, got ${describeValue(iss.input)}` }).optional().describe('Position in `dcplan lesson --list` (lower first; then by id).'),
    scenario: str('The scenario file the lesson starts on, relative to the lesson file.'),
    observed: str('Reported figures (data/observed/*.yaml) to draw on the charts, relative to the lesson file.').optional(),
    roles: z.unknown().optional(),
    steps: z.unknown().optional(),
  },
  'A dcplan lesson.',
);

/** Every key a lesson file may have, for "did you mean" (the head's keys). */
export const LESSON_KEYS = Object.keys(LessonHeadSchema.shape);
export const STEP_KEYS = Object.keys(StepSchema.shape);

export type StepFile = z.output<typeof StepSchema>;
export type RoleFile = z.output<typeof RoleSchema>;
export type HeadFile = z.output<typeof LessonHeadSchema>;
export type TextFile = z.output<typeof LessonTextSchema>;

/**
Lessons (`lessons/*.yaml`, docs/lessons.md): a guided walk through a scenario
for a class. A lesson names the scenario it starts on, the roles that hold its
levers, and its steps; each step says something (in English and Chinese) and
may set the scenario, the year, the view and lever values, lock levers, ask a
prediction question, pose a challenge, and show a key figure.

The file is read with the scenario layer's located YAML (document.ts), so that
every problem — an unknown key, a lever the scenario does not have, a value
outside its range, a text in one language only — is one `file:line:col  path
message` line (errors.ts), and all of them are reported at once. Step and
choice numbers in paths count from 1, as the player shows them.

Steps are cumulative: a step that does not set the scenario, year, view,
levers or locks keeps the previous step's; a step that switches the scenario
starts from that file's lever values. `stepStates` (in the returned lesson:
each step's `state`) is the fold, so the player, the plain text and the
handout all show a step the same way, whichever step one comes from.
*/
import { existsSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import type { z } from 'zod';
import { parseText, readText, toPlain, type LMap, type LNode, type LSeq } from './document.js';
import { closest, describeValue, Problems, ScenarioError, type Loc } from './errors.js';
import { loadObservations, readScenarioSource, resolveScenario, type ScenarioSource } from './index.js';
import { leverValueAsWritten } from './lever-value.js';
export { leverValueAsWritten } from './lever-value.js';
import {
  LESSON_VIEWS, LessonHeadSchema, RoleSchema, StepSchema,
  type HeadFile, type LessonView, type RoleFile, type StepFile, type TextFile,
} from './lesson-schema.js';
import {
  parseMetricAt, parsePlaceholder, parseProbability, parseTarget, placeholdersOf,
  type LessonTarget, type MetricAt,
} from './lesson-target.js';
import { child, locAt, setAt, type Seg } from './paths.js';
import { parseWithoutUnknownKeys, schemaChild, schemaKeys } from './schema.js';
import type { Lever, ObservationSet, Scenario } from './types.js';

export { LESSON_VIEWS, MAX_CHOICES, type LessonView } from './lesson-schema.js';
export type { LessonTarget, MetricAt, Placeholder } from './lesson-target.js';
export { parsePlaceholder, placeholdersOf } from './lesson-target.js';

/** A text in English and Chinese (a lesson gives every text in both). */
export interface BiText {
  en: string;
  zh: string;
}

/** A scenario a lesson runs: the file as the lesson's directory reaches it. */
export interface LessonScenario {
  /** Path as shown (relative to the cwd when the lesson was named so). */
  file: string;
  source: ScenarioSource;
  scenario: Scenario;
}

export interface LessonRole {
  id: string;
  name: BiText;
  levers: string[];
}

export interface LessonQuestion {
  text: BiText;
  choices: BiText[];
  /** The right choice, 0-based; undefined for a question of opinion. */
  answer?: number;
  reveal: BiText;
}

export interface LessonChallenge {
  text: BiText;
  target: LessonTarget;
  /** Share of the runs that must meet the target. */
  probability: number;
  /** Levers in play (every other lever of the scenario is locked in this step). */
  levers: string[];
  /**
  The id of the scenario target the challenge is scored as: a target of the
  scenario with the same metric, year, direction and value, or one the lesson
  adds (`lesson-step-N`, see `withLessonTargets`).
  */
  targetId: string;
  /** The lesson adds the target to the scenario (no target of the scenario says the same). */
  added: boolean;
}

/** What a step shows: the fold of the steps up to it. */
export interface StepState {
  /** Index into `lesson.scenarios`. */
  scenario: number;
  year: number;
  view: LessonView;
  /** Lever values the lesson sets that differ from the scenario file's (in each lever's unit); the others keep the file's value. */
  levers: Record<string, number>;
  /** Levers the student cannot turn in this step. */
  locked: string[];
}

export interface LessonStep {
  /** 1-based, as the player shows it. */
  number: number;
  title?: BiText;
  text: BiText;
  figure?: MetricAt;
  question?: LessonQuestion;
  challenge?: LessonChallenge;
  state: StepState;
  loc: Loc;
}

export interface Lesson {
  file: string;
  /** The file name without its extension: what `dcplan lesson ID` takes for a shipped lesson. */
  id: string;
  title: BiText;
  summary?: BiText;
  order: number;
  /** Every scenario the lesson runs, the one it starts on first. */
  scenarios: LessonScenario[];
  /** Reported figures (the lesson's `observed:`), drawn on the charts. */
  observed?: ObservationSet;
  observedFile?: string;
  roles: LessonRole[];
  steps: LessonStep[];
}

/** Default probability of a challenge. */
export const DEFAULT_CHALLENGE_PROBABILITY = 0.9;

/** Read a lesson file and every scenario it runs. Throws ScenarioError with every problem. */
export function readLesson(file: string): Lesson {
  const problems = new Problems();
  const text = readText(file, file, problems);
  problems.throwIfAny();
  return lessonFromText(text!, file, dirname(file), problems);
}

/** Read lesson text named `file`, its paths relative to `baseDir` (tests). Throws ScenarioError. */
export function readLessonText(text: string, file = '<inline>', baseDir = '.'): Lesson {
  return lessonFromText(text, file, baseDir, new Problems());
}

function lessonFromText(text: string, file: string, baseDir: string, problems: Problems): Lesson {
  const tree = parseText(text, file, problems);
  problems.throwIfAny();
  let lesson: Lesson | undefined;
  try {
    lesson = new Reader(tree!, file, baseDir, problems).read();
  } catch (err) {
    if (err instanceof ScenarioError) for (const p of err.problems) problems.add(p, p.path, p.message);
    else throw err;
  }
  problems.throwIfAny();
  return lesson!;
}

// ---------------------------------------------------------------- the reader

const isNum = (s: Seg): s is number => typeof s === 'number';

class Reader {
  private readonly scenarios: LessonScenario[] = [];
  private readonly byPath = new Map<string, number | null>();

  constructor(
    private readonly tree: LMap,
    private readonly file: string,
    private readonly baseDir: string,
    private readonly problems: Problems,
  ) {}

  loc(segs: readonly Seg[], atKey = false): Loc {
    return locAt(this.tree, segs, atKey);
  }

  /** Steps and choices numbered from 1, roles by id. */
  disp(segs: readonly Seg[]): string {
    const out: string[] = [];
    let n: LNode | undefined = this.tree;
    let prev: Seg | undefined;
    for (const s of segs) {
      if (isNum(s) && (prev === 'steps' || prev === 'choices')) out.push(String(s + 1));
      else if (isNum(s) && n?.kind === 'seq') {
        const id = child(child(n, s), 'id');
        out.push(id?.kind === 'scalar' && typeof id.value === 'string' && /^[^.\s]+$/.test(id.value) ? id.value : String(s));
      } else out.push(String(s));
      n = child(n, s);
      prev = s;
    }
    return out.join('.');
  }

  add(segs: readonly Seg[], message: string, atKey = false): void {
    this.problems.add(this.loc(segs, atKey), this.disp(segs), message);
  }

  /** zod on one part; unknown keys are reported with "did you mean" and dropped, so the rest is still checked. */
  parse<T>(schema: z.ZodType<T>, value: unknown, prefix: Seg[]): T | undefined {
    const r = schema.safeParse(value, { reportInput: true });
    if (r.success) return r.data;
    for (const iss of r.error.issues) {
      const path: Seg[] = [...prefix, ...(iss.path as Seg[])];
      if (iss.code === 'unrecognized_keys') {
        const keys = keysAt(schema, iss.path as Seg[]);
        for (const k of iss.keys) {
          // "{en: By 2025, as planned, zh: …}": the comma ended the text and began a key
          const hint = /\s/.test(k) ? ' (a comma inside {…} starts a new key: put the text in quotes)' : didYouMean(k, keys);
          this.add([...path, k], `unknown key "${k}"${hint}`, true);
        }
        continue;
      }
      const exists = this.nodeAt(path) !== undefined;
      if (!exists && (iss as { input?: unknown }).input === undefined) {
        this.add(path, `missing required key "${String(path[path.length - 1])}"`);
        continue;
      }
      this.add(path, iss.message.replace(/^Invalid input: /, ''));
    }
    return parseWithoutUnknownKeys(schema, value, r.error.issues);
  }

  nodeAt(segs: readonly Seg[]): LNode | undefined {
    let n: LNode | undefined = this.tree;
    for (const s of segs) n = child(n, s);
    return n;
  }

  /** A text in both languages, or a located "missing translation". */
  text(t: TextFile | undefined, segs: Seg[]): BiText | undefined {
    if (t === undefined) return undefined;
    if (typeof t === 'string') {
      this.add(segs, `missing translation: the text is in one language only; give it in both, {en: "…", zh: "…"}`);
      return undefined;
    }
    let ok = true;
    for (const lang of ['en', 'zh'] as const) {
      const v = t[lang];
      if (v === undefined) {
        this.add(segs, `missing translation: no ${lang === 'zh' ? 'Chinese (zh)' : 'English (en)'} text`);
        ok = false;
      } else if (v.trim() === '') {
        this.add([...segs, lang], `missing translation: the ${lang === 'zh' ? 'Chinese (zh)' : 'English (en)'} text is empty`);
        ok = false;
      }
    }
    return ok ? { en: tidy(t.en!), zh: tidy(t.zh!) } : undefined;
  }

  /** Check the placeholders of a text against the step's scenario. */
  placeholders(t: BiText | undefined, segs: Seg[], scenario: Scenario | undefined, challenge: boolean): void {
    if (!t || !scenario) return;
    for (const lang of ['en', 'zh'] as const) {
      for (const p of placeholdersOf(t[lang])) {
        const r = parsePlaceholder(p.body, { scenario, challenge });
        if ('error' in r) this.add([...segs, lang], r.error);
      }
      const stray = t[lang].replace(/\{\{|\}\}|\{[^{}]*\}/g, '');
      if (/[{}]/.test(stray)) this.add([...segs, lang], 'a brace without its pair: write {{ or }} for a brace in the text');
    }
  }

  /** The scenario at a path written in the lesson (relative to the lesson file), loaded once. */
  scenarioAt(raw: string, segs: Seg[]): number | undefined {
    const display = displayPath(this.baseDir, raw);
    const key = resolve(display);
    if (this.byPath.has(key)) return this.byPath.get(key) ?? undefined;
    if (!existsSync(key)) {
      this.add(segs, `scenario file not found: ${display}${isAbsolute(raw) ? '' : ` (${raw} from the lesson file's directory)`}`);
      this.byPath.set(key, null);
      return undefined;
    }
    try {
      const source = readScenarioSource(display);
      const scenario = resolveScenario(source);
      this.scenarios.push({ file: display, source, scenario });
      this.byPath.set(key, this.scenarios.length - 1);
      return this.scenarios.length - 1;
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      for (const p of err.problems) this.problems.add(p, p.path, p.message);
      this.add(segs, `the scenario ${display} has problems (above)`);
      this.byPath.set(key, null);
      return undefined;
    }
  }

  private readonly fileValues = new Map<string, number>();

  /** A lever's value as its scenario file writes it (cached). */
  fileValue(index: number, lever: Lever): number {
    const key = `${index}|${lever.id}`;
    let v = this.fileValues.get(key);
    if (v === undefined) {
      v = leverValueAsWritten(this.scenarios[index]!.source, lever);
      this.fileValues.set(key, v);
    }
    return v;
  }

  /** Lever ids of a scenario, each checked; unknown ones reported with "did you mean". */
  leverIds(list: readonly string[], segs: Seg[], scenario: Scenario | undefined): string[] {
    if (!scenario) return [];
    const known = scenario.levers.map((l) => l.id);
    const out: string[] = [];
    list.forEach((id, i) => {
      if (known.includes(id)) out.push(id);
      else this.add([...segs, i], unknownLever(id, scenario));
    });
    return out;
  }

  read(): Lesson {
    const plain = toPlain(this.tree) as Record<string, unknown>;
    const head = this.parse<HeadFile>(LessonHeadSchema, plain, []);
    const title = this.text(head?.title, ['title']);
    const summary = this.text(head?.summary, ['summary']);
    const main = head?.scenario !== undefined ? this.scenarioAt(head.scenario, ['scenario']) : undefined;
    const mainSc = main !== undefined ? this.scenarios[main]!.scenario : undefined;

    let observed: ObservationSet | undefined;
    let observedFile: string | undefined;
    if (head?.observed !== undefined && mainSc) {
      observedFile = displayPath(this.baseDir, head.observed);
      if (!existsSync(observedFile)) this.add(['observed'], `observations file not found: ${observedFile}`);
      else {
        try {
          observed = loadObservations(observedFile, { horizon: mainSc.horizon });
        } catch (err) {
          if (!(err instanceof ScenarioError)) throw err;
          for (const p of err.problems) this.problems.add(p, p.path, p.message);
        }
      }
    }

    const roles = this.roles(plain.roles, mainSc);
    const steps = this.steps(plain.steps, main);
    const id = basename(this.file, extname(this.file));
    const lesson: Lesson = { file: this.file, id, title: title ?? { en: id, zh: id }, order: head?.order ?? 1000, scenarios: this.scenarios, roles, steps };
    if (summary) lesson.summary = summary;
    if (observed) {
      lesson.observed = observed;
      lesson.observedFile = observedFile!;
    }
    return lesson;
  }

  roles(value: unknown, scenario: Scenario | undefined): LessonRole[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.add(['roles'], `expected a list of roles, got ${describeValue(value)}`);
      return [];
    }
    const out: LessonRole[] = [];
    const owner = new Map<string, string>();
    const seen = new Map<string, number>();
    value.forEach((item, i) => {
      const r = this.parse<RoleFile>(RoleSchema, item, ['roles', i]);
      if (!r) return;
      const name = this.text(r.name, ['roles', i, 'name']);
      const first = seen.get(r.id);
      if (first !== undefined) this.add(['roles', i, 'id'], `duplicate role id "${r.id}" (first used at line ${this.loc(['roles', first, 'id']).line})`);
      else seen.set(r.id, i);
      const levers = this.leverIds(r.levers, ['roles', i, 'levers'], scenario);
      levers.forEach((l) => {
        const other = owner.get(l);
        if (other !== undefined && other !== r.id) this.add(['roles', i, 'levers', r.levers.indexOf(l)], `lever "${l}" is already held by the role "${other}": a lever has one owner`);
        else owner.set(l, r.id);
      });
      if (name) out.push({ id: r.id, name, levers });
    });
    return out;
  }

  steps(value: unknown, main: number | undefined): LessonStep[] {
    if (value === undefined) {
      this.add(['steps'], 'missing required key "steps": a lesson has at least one step');
      return [];
    }
    if (!Array.isArray(value) || value.length === 0) {
      this.add(['steps'], Array.isArray(value) ? 'a lesson has at least one step' : `expected a list of steps, got ${describeValue(value)}`);
      return [];
    }
    const out: LessonStep[] = [];
    // the fold: what each step shows
    let cur = main;
    const firstSc = main !== undefined ? this.scenarios[main]!.scenario : undefined;
    let year = firstSc?.horizon.start ?? 0;
    let view: LessonView = 'overview';
    let levers: Record<string, number> = {};
    let locked = new Set<string>();
    value.forEach((item, i) => {
      const p: Seg[] = ['steps', i];
      const s = this.parse<StepFile>(StepSchema, item, p);
      if (!s) return;
      if (s.scenario !== undefined) {
        const next = this.scenarioAt(s.scenario, [...p, 'scenario']);
        if (next !== cur) {
          levers = {};
          locked = new Set();
        }
        cur = next;
      }
      const sc = cur !== undefined ? this.scenarios[cur]?.scenario : undefined;
      const text = this.text(s.text, [...p, 'text']);
      const title = this.text(s.title, [...p, 'title']);
      if (s.year !== undefined) {
        if (sc && (s.year < sc.horizon.start || s.year > sc.horizon.end)) this.add([...p, 'year'], `${s.year} is outside the horizon of ${sc.name} (${sc.horizon.start}–${sc.horizon.end})`);
        else year = s.year;
      } else if (sc) year = Math.min(sc.horizon.end, Math.max(sc.horizon.start, year));
      if (s.view !== undefined) {
        if ((LESSON_VIEWS as readonly string[]).includes(s.view)) view = s.view as LessonView;
        else this.add([...p, 'view'], `unknown view "${s.view}"${didYouMean(s.view, LESSON_VIEWS)}; views: ${LESSON_VIEWS.join(', ')}`);
      }
      if (s.levers !== undefined && sc) {
        const next = { ...levers };
        for (const [id, v] of Object.entries(s.levers)) {
          const lever = sc.levers.find((l) => l.id === id);
          if (!lever) {
            this.add([...p, 'levers', id], unknownLever(id, sc), true);
            continue;
          }
          if (v < lever.min - 1e-9 || v > lever.max + 1e-9) {
            this.add([...p, 'levers', id], `${v} is outside the range of lever "${id}": ${lever.min}…${lever.max}${lever.unit ? ` ${lever.unit}` : ''}`);
            continue;
          }
          // a value equal to the file's is no change: the step shows the file's own run
          if (Math.abs(v - this.fileValue(cur!, lever)) < 1e-9) delete next[id];
          else next[id] = v;
        }
        levers = next;
      }
      const all = sc ? sc.levers.map((l) => l.id) : [];
      if (s.lock !== undefined) {
        if (s.lock === 'all') locked = new Set(all);
        else for (const id of this.leverIds(s.lock, [...p, 'lock'], sc)) locked.add(id);
      }
      if (s.unlock !== undefined) {
        if (s.unlock === 'all') locked = new Set();
        else for (const id of this.leverIds(s.unlock, [...p, 'unlock'], sc)) locked.delete(id);
      }
      let figure: MetricAt | undefined;
      if (s.figure !== undefined && sc) {
        const f = parseMetricAt(s.figure, sc);
        if ('error' in f) this.add([...p, 'figure'], f.error);
        else figure = f;
      }
      const question = s.question ? this.question(s.question, [...p, 'question'], sc) : undefined;
      const challenge = s.challenge ? this.challenge(s.challenge, [...p, 'challenge'], sc, i + 1) : undefined;
      this.placeholders(text, [...p, 'text'], sc, challenge !== undefined);
      this.placeholders(title, [...p, 'title'], sc, challenge !== undefined);
      if (question) {
        this.placeholders(question.text, [...p, 'question', 'text'], sc, challenge !== undefined);
        question.choices.forEach((c, k) => this.placeholders(c, [...p, 'question', 'choices', k], sc, challenge !== undefined));
        this.placeholders(question.reveal, [...p, 'question', 'reveal'], sc, challenge !== undefined);
      }
      if (challenge) this.placeholders(challenge.text, [...p, 'challenge', 'text'], sc, true);
      // a challenge locks every lever that is not in play, for its own step only
      const stepLocked = challenge ? all.filter((id) => !challenge.levers.includes(id)) : [...locked];
      if (cur === undefined || !text) return;
      const step: LessonStep = {
        number: i + 1,
        text,
        state: { scenario: cur, year, view, levers: { ...levers }, locked: all.filter((id) => stepLocked.includes(id)) },
        loc: this.loc(p),
      };
      if (title) step.title = title;
      if (figure) step.figure = figure;
      if (question) step.question = question;
      if (challenge) step.challenge = challenge;
      out.push(step);
    });
    return out;
  }

  question(q: NonNullable<StepFile['question']>, p: Seg[], sc: Scenario | undefined): LessonQuestion | undefined {
    const text = this.text(q.text, [...p, 'text']);
    const reveal = this.text(q.reveal, [...p, 'reveal']);
    const choices = q.choices.map((c, k) => this.text(c, [...p, 'choices', k]));
    if (q.answer !== undefined && (q.answer < 1 || q.answer > q.choices.length)) {
      this.add([...p, 'answer'], `answer ${q.answer} is not one of the choices: 1…${q.choices.length} (1 is the first)`);
      return undefined;
    }
    if (!text || !reveal || choices.some((c) => !c) || !sc) return undefined;
    const out: LessonQuestion = { text, choices: choices as BiText[], reveal };
    if (q.answer !== undefined) out.answer = q.answer - 1;
    return out;
  }

  challenge(c: NonNullable<StepFile['challenge']>, p: Seg[], sc: Scenario | undefined, number: number): LessonChallenge | undefined {
    const text = this.text(c.text, [...p, 'text']);
    if (!sc) return undefined;
    const target = parseTarget(c.target, sc);
    if ('error' in target) this.add([...p, 'target'], target.error);
    const prob = c.probability === undefined ? DEFAULT_CHALLENGE_PROBABILITY : parseProbability(c.probability);
    if (typeof prob !== 'number') this.add([...p, 'probability'], prob.error);
    const levers = this.leverIds(c.levers, [...p, 'levers'], sc);
    if (!text || 'error' in target || typeof prob !== 'number' || levers.length !== c.levers.length) return undefined;
    const same = sc.targets.find(
      (t) => t.metric === target.metric && t.year === target.year && (target.op === '>=' ? t.atLeast === target.value && t.atMost === undefined : t.atMost === target.value && t.atLeast === undefined),
    );
    return { text, target, probability: prob, levers, targetId: same?.id ?? `lesson-step-${number}`, added: !same };
  }
}

/** Han characters and the full-width punctuation of Chinese prose. */
const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef“”‘’…—';
const CJK_GAP = new RegExp(`([${CJK}])\\s+(?=[${CJK}])|([，。；：！？、）》」』”])\\s+`, 'gu');

/**
Trimmed, and without the spaces a folded YAML block (`>-`) puts where a line
break fell inside Chinese text: Chinese has no spaces between words or
sentences, so lines of a Chinese paragraph join without one.
*/
function tidy(text: string): string {
  return text.trim().replace(CJK_GAP, '$1$2');
}

/** The candidate one typo away: closest() (errors.ts), or one pair of neighbouring letters swapped ("veiw" → "view"). */
function suggest(word: string, candidates: readonly string[]): string | undefined {
  const near = closest(word, candidates);
  if (near !== undefined) return near;
  const w = word.toLowerCase();
  return candidates.find((c) => {
    const x = c.toLowerCase();
    if (x.length !== w.length) return false;
    const diff = [...x].flatMap((ch, i) => (ch === w[i] ? [] : [i]));
    return diff.length === 2 && diff[1] === diff[0]! + 1 && x[diff[0]!] === w[diff[1]] && x[diff[1]] === w[diff[0]!];
  });
}

/** ` (did you mean "x"?)` or ''. */
function didYouMean(word: string, candidates: readonly string[]): string {
  const c = suggest(word, candidates);
  return c === undefined ? '' : ` (did you mean "${c}"?)`;
}

function unknownLever(id: string, scenario: Scenario): string {
  const ids = scenario.levers.map((l) => l.id);
  return `no lever "${id}" in ${scenario.name}${didYouMean(id, ids)}; its levers: ${ids.join(', ') || 'none'}`;
}

/** Keys of the object schema at `path` under `schema` (for "did you mean"). */
function keysAt(schema: z.ZodType, path: readonly Seg[]): string[] {
  let s: z.ZodType | undefined = schema;
  for (const seg of path) {
    s = s && schemaChild(s, seg);
    if (!s) return [];
  }
  return schemaKeys(s) ?? [];
}

/** A path written in a lesson (relative to its directory), as the user will read it. */
function displayPath(baseDir: string, raw: string): string {
  if (isAbsolute(raw)) return normalize(raw);
  const joined = normalize(join(baseDir, raw));
  const rel = relative(process.cwd(), resolve(joined));
  return rel && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel) ? rel : resolve(joined);
}

// ---------------------------------------------------------------- targets the lesson adds

/** Label of a target the lesson adds, in both languages (the caller formats it). */
export type TargetLabels = (c: LessonChallenge) => BiText;

/**
The scenario source of `lesson.scenarios[index]` with the lesson's challenges
on it added as targets (id `lesson-step-N`), so that every face scores them
like the plan's own: the Monte Carlo runs give their probability, the TUI lists
them on Overview. A challenge that says what a target of the scenario already
says is scored as that target and adds nothing.
*/
export function withLessonTargets(lesson: Lesson, index: number, label: TargetLabels): ScenarioSource {
  const base = lesson.scenarios[index]!.source;
  const added = lesson.steps.filter((s) => s.state.scenario === index && s.challenge?.added).map((s) => s.challenge!);
  if (added.length === 0) return base;
  const tree = base.tree;
  const old = tree.entries.get('targets')?.node;
  const loc = old?.loc ?? tree.loc;
  const items: LNode[] = old?.kind === 'seq' ? [...old.items] : [];
  const scalar = (value: string | number, at: Loc): LNode => ({ kind: 'scalar', loc: at, value });
  for (const c of added) {
    const step = lesson.steps.find((s) => s.challenge === c)!;
    const at = step.loc;
    const l = label(c);
    const entries = new Map<string, { key: string; keyLoc: Loc; node: LNode }>();
    const put = (key: string, node: LNode): void => void entries.set(key, { key, keyLoc: at, node });
    put('id', scalar(c.targetId, at));
    put('metric', scalar(c.target.metric, at));
    put('year', scalar(c.target.year, at));
    put(c.target.op === '>=' ? 'atLeast' : 'atMost', scalar(c.target.value, at));
    const labelEntries = new Map<string, { key: string; keyLoc: Loc; node: LNode }>([
      ['en', { key: 'en', keyLoc: at, node: scalar(l.en, at) }],
      ['zh', { key: 'zh', keyLoc: at, node: scalar(l.zh, at) }],
    ]);
    put('label', { kind: 'map', loc: at, entries: labelEntries });
    items.push({ kind: 'map', loc: at, entries });
  }
  const seq: LSeq = { kind: 'seq', loc, items };
  const next = setAt(tree, ['targets'], seq) ?? tree;
  return { ...base, tree: next };
}

// ---------------------------------------------------------------- lever values



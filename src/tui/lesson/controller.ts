/**
The lesson player's controller: which step is on, the answers given, how far
the text is scrolled, and what entering a step does to the TUI store — the
store (src/tui/store.ts) runs the model and holds the runs, views and levers;
the controller only drives it through its lesson API (setLevers, lockLevers,
setLeverOwners, setView, setYear) as the lesson says.

Entering a step puts the screen where the step says — the scenario's run with
the step's lever values, the year, the view and its row of the key figure, the
locks, the levers panel open on a challenge — whichever step one comes from,
so ← and → always show a step the same way. Lever turns of the student's own
last until another step is entered.
*/
import { basename, extname } from 'node:path';
import { challengeLabel, type Figures } from '../../report/lesson.js';
import { getLang } from '../../report/i18n/lang.js';
import { resolveScenario } from '../../scenario/index.js';
import { withLessonTargets, type Lesson, type LessonStep } from '../../scenario/lesson.js';
import { baseRunOf, bandOf, bandsComplete, basisFor, centralAt, isMedian, settled, valueAt, type Run, type TuiState, type ViewId } from '../model.js';
import { leverValueAsWritten } from '../../scenario/lever-value.js';
import type { LoadedSource } from '../runs.js';
import type { StoreOptions } from '../store.js';
import { TuiStore } from '../store.js';
import { COMPARE_METRICS, ENERGY_METRICS, MONEY_METRICS, overviewRows } from '../views/rows.js';

/** What the player shows besides the store's state. */
export interface LessonUi {
  /** The step on, 0-based. */
  step: number;
  /** The choice made on each step's question (0-based), if any. */
  answers: readonly (number | undefined)[];
  /** First line of the lesson panel on screen. */
  scroll: number;
  help: boolean;
  /** A line for the footer ("end of the lesson"), until the next key. */
  notice?: string;
}

/** The scenarios of a lesson as the TUI loads them, with the lesson's challenges added as targets. */
export function lessonSources(lesson: Lesson): LoadedSource[] {
  return lesson.scenarios.map((sc, i) => {
    const source = withLessonTargets(lesson, i, (c) => challengeLabel(lesson, c));
    const scenario = source === sc.source ? sc.scenario : resolveScenario(source);
    const leverBase: Record<string, number> = {};
    for (const lever of scenario.levers) leverBase[lever.id] = leverValueAsWritten(source, lever);
    const id = basename(sc.file, extname(sc.file));
    return { info: { id, file: sc.file, name: scenario.name, levers: scenario.levers, leverBase }, source, scenario };
  });
}

/** The rows of a view the key figure can be chosen in (the chart follows the chosen row). */
function rowsOf(view: ViewId, run: Run): readonly string[] | undefined {
  switch (view) {
    case 'overview':
      return overviewRows(run.scenario.targets).map((r) => r.metric);
    case 'energy':
      return ENERGY_METRICS;
    case 'money':
      return MONEY_METRICS;
    case 'compare':
      return COMPARE_METRICS;
    default:
      return undefined;
  }
}

export class LessonController {
  private ui: LessonUi;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly store: TuiStore,
    readonly lesson: Lesson,
  ) {
    this.ui = { step: 0, answers: lesson.steps.map(() => undefined), scroll: 0, help: false };
    this.enter(0);
  }

  /** A store for a lesson: its scenarios, its reported figures. */
  static create(lesson: Lesson, opts: StoreOptions = {}): LessonController {
    const store = new TuiStore(lessonSources(lesson), { ...(lesson.observed ? { observed: lesson.observed } : {}), ...opts });
    return new LessonController(store, lesson);
  }

  getUi = (): LessonUi => this.ui;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private setUi(next: LessonUi): void {
    if (next === this.ui) return;
    this.ui = next;
    for (const fn of this.listeners) fn();
  }

  get step(): LessonStep {
    return this.lesson.steps[this.ui.step]!;
  }

  /** Put the screen where step `i` says. */
  enter(i: number): void {
    const step = this.lesson.steps[i];
    if (!step) return;
    const store = this.store;
    const { state } = step;
    // the run to act on: the scenario's changed run (kept ones stay as the student kept them), else its own
    const s0 = store.getState();
    const runs = s0.runs;
    const target =
      runs.findIndex((r) => r.source === state.scenario && Object.keys(r.levers).length > 0 && !r.kept) >= 0
        ? runs.findIndex((r) => r.source === state.scenario && Object.keys(r.levers).length > 0 && !r.kept)
        : runs.findIndex((r) => r.source === state.scenario && Object.keys(r.levers).length === 0);
    if (target >= 0 && target !== s0.focus) store.dispatch({ type: 'focus', delta: target - s0.focus });
    store.lockLevers(null);
    store.setLevers(state.levers, { replace: true });
    store.lockLevers(state.locked.length > 0 ? state.locked : null);
    store.setLeverOwners(this.owners ? this.ownerNames() : {});
    store.setView(state.view);
    store.setYear(state.year);
    this.selectFigure(step);
    const s = store.getState();
    const c = step.challenge;
    if (c) {
      store.dispatch({ type: 'levers', open: true });
      const levers = s.sources[s.runs[s.focus]?.source ?? 0]?.levers ?? [];
      const at = levers.findIndex((l) => l.id === c.levers[0]);
      if (at >= 0 && at !== s.levers.index) store.dispatch({ type: 'leverSelect', delta: at - s.levers.index });
    } else if (s.levers.open) store.dispatch({ type: 'levers', open: false });
    store.dispatch({ type: 'message' });
    this.setUi({ ...this.ui, step: i, scroll: 0, help: false, notice: undefined });
  }

  private owners = false;

  /** Lever id → the name of the role holding it, in the session language. */
  ownerNames(): Record<string, string> {
    const lang = getLang();
    const owners: Record<string, string> = {};
    for (const role of this.lesson.roles) for (const id of role.levers) owners[id] = role.name[lang];
    return owners;
  }

  /** Show the roles in the levers panel (the player turns them on where the terminal is wide enough). */
  showOwners(on: boolean): void {
    if (on === this.owners) return;
    this.owners = on;
    this.store.setLeverOwners(on ? this.ownerNames() : {});
  }

  /** The view's row of the step's key figure, so its chart is the one on screen. */
  private selectFigure(step: LessonStep): void {
    const s = this.store.getState();
    const run = s.runs[s.focus];
    if (!step.figure || !run) return;
    const rows = rowsOf(s.view, run);
    const at = rows?.indexOf(step.figure.metric) ?? -1;
    if (!rows || at < 0) return;
    const cur = s.selection[s.view];
    if (at !== cur) this.store.dispatch({ type: 'select', delta: at - cur, count: rows.length });
  }

  next(): void {
    if (this.ui.step + 1 >= this.lesson.steps.length) {
      this.setUi({ ...this.ui, notice: 'end' });
      return;
    }
    this.enter(this.ui.step + 1);
  }

  back(): void {
    if (this.ui.step === 0) {
      this.setUi({ ...this.ui, notice: 'first' });
      return;
    }
    this.enter(this.ui.step - 1);
  }

  /** Answer the step's question with choice `k` (0-based); ignored without a question or such a choice. */
  answer(k: number): boolean {
    const q = this.step.question;
    if (!q || k < 0 || k >= q.choices.length) return false;
    const answers = this.ui.answers.slice();
    answers[this.ui.step] = k;
    this.setUi({ ...this.ui, answers, notice: undefined });
    return true;
  }

  /** Scroll the lesson panel by `delta` lines, within 0…max. */
  scroll(delta: number, max: number): void {
    const scroll = Math.max(0, Math.min(Math.max(0, max), this.ui.scroll + delta));
    if (scroll !== this.ui.scroll) this.setUi({ ...this.ui, scroll });
  }

  /** Scroll to a line (the reveal once answered). */
  scrollTo(line: number, max: number): void {
    this.scroll(line - this.ui.scroll, max);
  }

  help(open?: boolean): void {
    this.setUi({ ...this.ui, help: open ?? !this.ui.help });
  }

  clearNotice(): void {
    if (this.ui.notice !== undefined) this.setUi({ ...this.ui, notice: undefined });
  }

  close(): void {
    this.store.close();
  }
}

/**
The figures of the run on screen, as the lesson's placeholders read them:
what the views show (the median once the run's bands are complete, else the
central case), its band, the scenario file's own run (`:base`), the targets'
probabilities once the Monte Carlo runs are done, and the levers' values.
*/
export function screenFigures(s: TuiState): Figures | undefined {
  const run = s.runs[s.focus];
  if (!run) return undefined;
  const basis = basisFor([run]);
  const median = isMedian(run, basis);
  const info = s.sources[run.source]!;
  const base = Object.keys(run.levers).length > 0 ? baseRunOf(s, run) : run;
  return {
    scenario: run.scenario,
    basis: median ? 'median' : 'central',
    runs: median ? run.mc.total : 1,
    pending: !settled(run),
    value: (metric, year, stat = 'value') => {
      if (stat === 'central') return centralAt(run, metric, year);
      if (stat === 'base') return base ? valueAt(base, metric, year, basisFor([base])) : NaN;
      if (stat === 'value') return valueAt(run, metric, year, basis);
      const b = bandOf(run, metric, [year], basis);
      return b ? (stat === 'p5' ? b.p5[0]! : b.p95[0]!) : run.mc.total > 1 ? NaN : centralAt(run, metric, year);
    },
    probability: (id) => (bandsComplete(run) ? run.mc.targets?.find((x) => x.id === id)?.probability : undefined),
    met: (id) => (median ? run.mc.targets : run.targets)?.find((x) => x.id === id)?.met,
    lever: (id) => run.levers[id] ?? info.leverBase[id],
  };
}

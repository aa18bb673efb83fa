/**
"What would it take?" in the TUI: key w on a target row of Overview seeks the
lever chosen in the levers panel (the first lever when none was chosen) for
that target of the run on screen — the goal seek of `dcplan goal`
(src/engine/goal.ts) with the run's other lever values held: the least (or
most) value of the lever that meets the target in at least 90 % of the runs,
or that none in its range does, with the best P and what binds. It uses 400
Monte Carlo runs per lever value (the CLI: the scenario's runs:), and says so;
the central case for a scenario without uncertainty.

The search runs in slices on the event loop, as the Monte Carlo bands do
(src/tui/background.ts): the engine pauses before every evaluation and every
detail re-run, and the runs of an evaluation are simulated two at a time; at a
pause, once the slice's time budget (12 ms) is spent, the task yields
(setImmediate) so key presses and frames go first. The longest stretch without
a yield is one slice plus one scenario resolution (~25 ms). Tests pass
`schedule: null` and call `drain()`, or step the slices themselves.

The answer shows in the message line and, while it stands, in a small panel
under Overview's targets (`goalLines`).
*/
import { DEFAULT_GOAL_PROBABILITY, goalSeek, scenarioEvaluator, type GoalEvaluator, type GoalResult, type GoalTarget } from '../engine/goal.js';
import { runWidth, simulateRuns } from '../engine/montecarlo.js';
import { idWords } from '../report/display.js';
import { grouped } from '../report/format.js';
import { bindingText, goalAnswerText } from '../report/goal.js';
import { problemLine } from '../report/i18n/problems.js';
import { leverValueOverride, resolveScenario, ScenarioError } from '../scenario/index.js';
import type { Lever, Scenario, Target } from '../scenario/types.js';
import { seg, type Line } from './components/lines.js';
import { t } from '../report/i18n/catalogue.js';
import { getLang } from '../report/i18n/lang.js';
import { probabilityText, targetLabel, type GoalPanel, type TuiState } from './model.js';
import { formatLever, type LoadedSource } from './runs.js';
import { truncate, wrap } from './text.js';

/** Monte Carlo runs per lever value the TUI's search uses (fewer than the CLI's default, the scenario's runs:). */
export const TUI_GOAL_RUNS = 400;

export interface GoalTaskOptions {
  /** Runs per lever value (default `TUI_GOAL_RUNS`); the central case alone when the scenario has no uncertainty. */
  runs?: number;
  /** Time budget of one slice, ms (default 12). */
  sliceMs?: number;
  /** Least time between two progress updates, ms (default 150). */
  publishMs?: number;
  /** Schedules the next slice; setImmediate by default. `null` runs nothing until `drain()`. */
  schedule?: ((fn: () => void) => void) | null;
  /** Most runs that miss the target re-run with detail for what binds (default 100, as the CLI). */
  examine?: number;
}

/** What g asks: a target of a run, and the lever to turn. */
export interface GoalQuestion {
  loaded: LoadedSource;
  /** The run's lever values that differ from the file (held; the sought lever's is ignored). */
  levers: Record<string, number>;
  lever: Lever;
  target: GoalTarget;
  runs: number;
  seed: number;
}

export interface GoalTaskUpdate {
  simulated: number;
  result?: GoalResult;
  error?: string;
}

class Cancelled extends Error {}

/** A target as the goal seek takes it: at least / at most its bound; undefined for a range (two bounds). */
export function goalTargetOf(t: Target): GoalTarget | undefined {
  if (t.atLeast !== undefined && t.atMost !== undefined) return undefined;
  if (t.atLeast !== undefined) return { metric: t.metric, year: t.year, op: '>=', value: t.atLeast };
  if (t.atMost !== undefined) return { metric: t.metric, year: t.year, op: '<=', value: t.atMost };
  return undefined;
}

/** One goal seek, run in slices. `done` settles when it has finished, failed or been cancelled. */
export class GoalTask {
  readonly done: Promise<void>;
  private cancelled = false;
  private unbounded = false;
  private waiting: (() => void) | undefined;
  private sliceStart = 0;
  private simulated = 0;
  private base = 0;
  private lastPublish = 0;
  private longest = 0;
  private slicesRun = 0;
  private readonly sliceMs: number;
  private readonly publishMs: number;
  private readonly schedule: ((fn: () => void) => void) | null;

  constructor(
    private readonly q: GoalQuestion,
    private readonly onUpdate: (u: GoalTaskUpdate) => void,
    private readonly opts: GoalTaskOptions = {},
  ) {
    this.sliceMs = opts.sliceMs ?? 12;
    this.publishMs = opts.publishMs ?? 150;
    this.schedule = opts.schedule === undefined ? (fn) => setImmediate(fn) : opts.schedule;
    this.done = this.run();
  }

  /** Stop: nothing more is simulated or reported. */
  cancel(): void {
    this.cancelled = true;
    this.waiting?.();
  }

  /** Run the rest now, without yielding (tests). */
  async drain(): Promise<void> {
    this.unbounded = true;
    this.waiting?.();
    await this.done;
  }

  /** The longest stretch between two yields so far, ms (the first slice's scenario work included). */
  get longestSliceMs(): number {
    return this.longest;
  }

  /** Slices run so far (yields taken). */
  get slices(): number {
    return this.slicesRun;
  }

  private async pause(force = false): Promise<void> {
    if (this.cancelled) throw new Cancelled();
    const now = performance.now();
    if (this.unbounded || (!force && now - this.sliceStart < this.sliceMs)) return;
    if (this.slicesRun > 0) this.longest = Math.max(this.longest, now - this.sliceStart);
    await new Promise<void>((resolve) => {
      let fired = false;
      const go = (): void => {
        if (fired) return;
        fired = true;
        this.waiting = undefined;
        resolve();
      };
      this.waiting = go;
      this.schedule?.(go);
    });
    this.slicesRun++;
    this.sliceStart = performance.now();
    if (this.cancelled) throw new Cancelled();
  }

  private count(n: number, force = false): void {
    this.simulated = n;
    const now = performance.now();
    if (!force && now - this.lastPublish < this.publishMs) return;
    this.lastPublish = now;
    this.onUpdate({ simulated: n });
  }

  /** Runs [from, to) of the scenario, two at a time, pausing between; each stops after year index `through`. */
  private async simulate(sc: Scenario, from: number, to: number, out: Float64Array, through: number): Promise<void> {
    const width = runWidth(sc);
    for (let r = from; r < to; ) {
      await this.pause();
      const k = this.unbounded ? to - r : Math.min(to - r, 2);
      simulateRuns(sc, this.q.seed, r, r + k, out.subarray((r - from) * width, (r + k - from) * width), undefined, through);
      r += k;
      this.count(this.base + (r - from));
    }
  }

  private async run(): Promise<void> {
    const { q } = this;
    try {
      // the key press returns at once: the search starts on the next slice
      await this.pause(true);
      const src = q.loaded.source;
      const held = Object.entries(q.levers)
        .filter(([id]) => id !== q.lever.id)
        .map(([id, v]) => leverValueOverride(src, id, v));
      // resolving the scenario at a new lever value (~25 ms) starts a slice of its own
      const scenarios = new Map<number, Scenario>();
      const resolveAt = (v: number): Scenario => resolveScenario(src, [...held, leverValueOverride(src, q.lever.id, v)]);
      const inner = scenarioEvaluator((v) => scenarios.get(v) ?? resolveAt(v), {
        seed: q.seed,
        metric: q.target.metric,
        year: q.target.year,
        range: (sc, _v, from, to, out, through) => this.simulate(sc, from, to, out, through),
      });
      const evaluator: GoalEvaluator = {
        values: async (v, from, to) => {
          if (!scenarios.has(v)) {
            await this.pause(true);
            scenarios.set(v, resolveAt(v));
          }
          return inner.values(v, from, to);
        },
        detail: (v, r) => inner.detail(v, r),
      };
      const runs = Math.max(1, q.runs);
      const result = await goalSeek(
        { lever: q.lever, target: q.target, probability: DEFAULT_GOAL_PROBABILITY, runs, seed: q.seed },
        evaluator,
        {
          // a coarse pass on a quarter of the runs; every verdict is still over all of them
          prefixRuns: runs >= 200 ? Math.round(runs / 4) : runs,
          examine: this.opts.examine ?? 100,
          pause: () => this.pause(),
          onProgress: (n) => {
            this.base = n;
            this.count(n, runs === 1);
          },
        },
      );
      if (this.cancelled) return;
      this.onUpdate({ simulated: this.simulated, result });
    } catch (err) {
      if (err instanceof Cancelled || this.cancelled) return;
      const text = err instanceof ScenarioError ? (err.problems[0] ? problemLine(err.problems[0]) : err.message) : err instanceof Error ? err.message : String(err);
      this.onUpdate({ simulated: this.simulated, error: text });
    }
  }
}

/** "400 runs per step", or "central case". */
export function perStepText(runs: number): string {
  return runs > 1 ? t('tui.goal.perStep', { n: grouped(runs) }) : t('tui.basis.central');
}

/** The lever as a sentence names it: "investment" (in Chinese its Chinese label where the file gives one). */
function leverWords(lever: Lever): string {
  return getLang() === 'zh' && lever.labelZh ? lever.labelZh : idWords(lever.id);
}

/** The question in words: "4 M server capacity by 2025 with investment". */
export function goalQuestionText(tg: Target, lever: Lever): string {
  return t('tui.goal.question', { target: targetLabel(tg), lever: leverWords(lever) });
}

/** The answer and what binds, in words (`bindingShort`: without what the limit means), from a finished search. */
export function goalAnswer(res: GoalResult, tg: Target, lever: Lever): { answer: string; binding: string; bindingShort: string } {
  const value = (v: number): string => formatLever(lever, v);
  return {
    answer: goalAnswerText(res, { target: targetLabel(tg), lever: leverWords(lever), value, p: probabilityText }),
    binding: bindingText(res, value),
    bindingShort: bindingText(res, value, false),
  };
}

/** The panel state of a search just started. */
export function runningPanel(runKey: number, tg: Target, lever: Lever, runsPerStep: number): GoalPanel {
  return { runKey, targetId: tg.id, leverId: lever.id, question: goalQuestionText(tg, lever), status: 'running', runsPerStep, simulated: 0 };
}

/**
The panel under Overview's targets, at most `room` lines, for the run on screen
only: the question and its progress while searching, then the answer (wrapped)
and what binds.
*/
export function goalLines(s: TuiState, width: number, room: number): Line[] {
  const g = s.goal;
  const run = s.runs[s.focus];
  if (!g || !run || run.key !== g.runKey || room <= 0) return [];
  const tag = seg('? ', { bold: true, color: 'cyan' });
  const w = Math.max(10, width - 4);
  if (g.status === 'running') {
    const text = t('tui.goal.searching', { question: g.question, n: grouped(g.simulated), per: perStepText(g.runsPerStep) });
    return wrap(text, w, room).map((x, i): Line => [seg('  '), i === 0 ? tag : seg('  '), seg(x, { color: 'cyan' })]);
  }
  if (g.status === 'error') return [[seg('  '), tag, seg(truncate(`${g.question}${t('tui.goal.colon')}${g.answer ?? t('tui.goal.failed')}`, w), { color: 'red' })]];
  const answer = wrap(g.answer ?? '', w, Math.max(1, room - 1)).map((x, i): Line => [seg('  '), i === 0 ? tag : seg('  '), seg(x, { bold: true, color: 'cyan' })]);
  const lines = [...answer];
  const left = room - lines.length;
  if (left > 0 && g.binding) {
    // what the limit means when it fits, else its name alone
    const per = perStepText(g.runsPerStep);
    let text = wrap(`${g.binding} · ${per}`, w);
    if (text.length > left) text = wrap(`${g.bindingShort ?? g.binding} · ${per}`, w, left);
    lines.push(...text.map((x): Line => [seg('    '), seg(x, { dim: true })]));
  }
  return lines;
}

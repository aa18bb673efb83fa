/**
The TUI store: holds the `TuiState`, applies UI actions through the pure
reducer, and does the work behind the keys that need the engine — a lever turn
recomputes the focused run's central case at once (the new frame follows
immediately) and restarts its Monte Carlo bands in the background; exports
write CSV and JSON files. Components subscribe and only read.

What a lesson (src/tui/lesson) drives, besides the keys:
- `setLevers(values, {replace?})`: the focused run's lever values (each in its
  lever's unit), recomputed at once with bands restarted, as lever turns do;
- `lockLevers(ids | null)`: levers that the keys cannot turn or reset;
- `setLeverOwners(owners)`: the role holding each lever, in the levers panel;
- `setView(view)`, `setYear(calendarYear)`, and `dispatch(action)` for the rest
  (`{type: 'levers', open}`, `{type: 'leverSelect', delta}`, `{type: 'focus', delta}`,
  `{type: 'message', message}`, `{type: 'play'}`).
*/
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../report/io.js';
import { VERSION } from '../report/version.js';
import { summarize, type MonteCarloResult } from '../engine/montecarlo.js';
import type { RunResult } from '../engine/results.js';
import { yearlyCsv } from '../report/csv.js';
import { toJson } from '../report/json.js';
import { problemLine } from '../report/i18n/problems.js';
import { ScenarioError } from '../scenario/index.js';
import type { Lever, ObservationSet } from '../scenario/types.js';
import { BandScheduler, PoolBands, type Bands, type BandSchedulerOptions, type BandUpdate, type PoolBandsOptions } from './background.js';
import { goalAnswer, goalTargetOf, GoalTask, perStepText, runningPanel, TUI_GOAL_RUNS, type GoalTaskOptions, type GoalTaskUpdate } from './goal.js';
import { t } from '../report/i18n/catalogue.js';
import { getLang } from '../report/i18n/lang.js';
import { G } from './glyphs.js';
import { bandsComplete, currentYear, initialState, leverLabel, reduce, runsText, targetLabel, uniqueLabel, type Action, type McState, type Message, type Run, type TuiState, type ViewId } from './model.js';
import { computeRun, formatLever, leverOverrides, runLabel, turnLever, type LoadedSource } from './runs.js';
import { overviewRows, rowCount } from './views/rows.js';

/** The same lever values (ids and values). */
function sameLevers(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] !== undefined && Math.abs(a[k]! - b[k]) < 1e-9);
}

/** Most runs Compare holds. */
export const MAX_RUNS = 8;

export interface StoreOptions {
  /** Monte Carlo runs for bands; default: the scenario's `runs` when above 1 (at most 1,000), else 200; 0 turns bands off. */
  mcRuns?: number;
  /** Background scheduling of the bands in this thread (tests pass `{schedule: null}` and call `drainBands()`). */
  bands?: BandSchedulerOptions;
  /** Compute the bands on a warm pool of worker threads instead (the TUI on a terminal: src/cli/commands/tui). */
  workers?: PoolBandsOptions;
  /** Where `e` writes its files (default: the current directory). */
  exportDir?: string;
  /** Reported figures (`--observed FILE`) to draw on the charts. */
  observed?: ObservationSet;
  /** "What would it take?" (key w): runs per lever value and scheduling (tests pass `{schedule: null}` and call `drainGoal()`). */
  goal?: GoalTaskOptions;
}

export class TuiStore {
  private state: TuiState;
  private readonly listeners = new Set<() => void>();
  private readonly scheduler: Bands;
  private readonly results = new Map<number, MonteCarloResult>();
  private nextKey = 0;
  private goalTask: GoalTask | undefined;
  /** The central run of the run asked about when w was pressed. */
  private goalCentral: RunResult | undefined;
  /** The message the last export put up (the report's name joins it while it shows). */
  private exportMessage: Message | undefined;

  constructor(
    private readonly loaded: LoadedSource[],
    private readonly opts: StoreOptions = {},
  ) {
    this.scheduler = opts.workers ? new PoolBands((u) => this.onBands(u), opts.workers) : new BandScheduler((u) => this.onBands(u), opts.bands);
    const runs: Run[] = [];
    loaded.forEach((l, i) => {
      const c = computeRun(l, {});
      runs.push({ key: this.nextKey++, source: i, levers: {}, label: uniqueLabel(l.info.id, runs), kept: true, ...c, mc: { total: this.mcRunsFor(i), done: 0 } });
    });
    this.state = initialState(loaded.map((l) => l.info), runs, opts.observed);
    for (const r of runs) this.startBands(r.key, r.source, {}, r, r.mc.total);
  }

  getState = (): TuiState => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private set(next: TuiState): void {
    if (next === this.state) return;
    // the run asked about changed (a lever turned in place, reset) or went: its answer no longer holds
    const g = next.goal;
    if (g && next.runs.find((r) => r.key === g.runKey)?.central !== this.goalCentral) {
      this.stopGoal();
      next = { ...next, goal: undefined };
    }
    this.state = next;
    for (const fn of this.listeners) fn();
  }

  dispatch = (a: Action): void => {
    const next = reduce(this.state, a);
    if (a.type === 'focus' && next.runs[next.focus]) this.scheduler.prioritize(next.runs[next.focus]!.key);
    this.set(next);
  };

  /**
  Start (or restart) a run's bands; a forked run's runs start from the file's scenario and change course (paired
  draws). The source and the levers' overrides go along, for worker threads to resolve a scenario that has no
  portable form.
  */
  private startBands(key: number, source: number, levers: Record<string, number>, c: { scenario: Run['scenario']; central: Run['central']; schedule?: Run['schedule'] }, total: number, first = false): void {
    const loaded = this.loaded[source]!;
    const fork = c.schedule ? { base: loaded.scenario, schedule: c.schedule } : undefined;
    this.scheduler.start(key, c.scenario, c.central, total, first, fork, { source: loaded.source, overrides: leverOverrides(loaded, levers) });
  }

  /**
  f: fork the focused run at the cursor year — its lever turns apply from January
  of that year, the years before are its file's run. On the fork year again (or
  with `remove`, key F) the fork goes: the changes apply from the start. On a
  file's own run the fork is where the next lever turn's run starts changing.
  */
  fork(remove = false): void {
    const s = this.state;
    const run = s.runs[s.focus];
    if (!run) return;
    const loaded = this.loaded[run.source]!;
    const year = currentYear(s);
    const { start, end } = loaded.scenario.horizon;
    let from: number | undefined;
    if (remove || run.from === year || year <= start) from = undefined;
    else if (year > end) {
      this.message(t('tui.msg.forkPast', { year, id: loaded.info.id, start, end }), 'error');
      return;
    } else from = year;
    if (from === run.from) {
      this.message(run.from === undefined ? t(year <= start && !remove ? 'tui.msg.noForkHint' : 'tui.msg.noFork', { start }) : t('tui.msg.forkKept', { year: run.from }));
      return;
    }
    const info = s.sources[run.source]!;
    const changed = Object.keys(run.levers).length > 0;
    const text = from === undefined ? t('tui.msg.forkRemoved', { start }) : t('tui.msg.forkAt', { fork: G.fork, year: from, id: info.id });
    if (!changed) {
      const runs = s.runs.slice();
      runs[s.focus] = { ...run, from };
      this.set({ ...s, runs, message: { text, kind: 'info' } });
      return;
    }
    let computed;
    try {
      computed = computeRun(loaded, run.levers, from);
    } catch (err) {
      if (err instanceof ScenarioError) this.message((err.problems[0] ? problemLine(err.problems[0]) : err.message), 'error');
      else if (err instanceof Error) this.message(err.message, 'error');
      else throw err;
      return;
    }
    const label = uniqueLabel(runLabel(info, run.levers, s.sources.length > 1, from), s.runs.filter((r) => r !== run));
    const mc: McState = { total: this.mcRunsFor(run.source), done: 0 };
    const runs = s.runs.slice();
    runs[s.focus] = { ...run, from, label, ...computed, mc };
    this.results.delete(run.key);
    // the bands first: worker threads start on them while this thread draws the new central run
    this.startBands(run.key, run.source, run.levers, computed, mc.total, true);
    this.set({ ...s, runs, message: { text, kind: 'info' } });
  }

  /** ↑/↓ in the current view. */
  select(delta: number): void {
    this.dispatch({ type: 'select', delta, count: rowCount(this.state, this.state.view) });
  }

  private mcRunsFor(source: number): number {
    const sc = this.loaded[source]!.scenario;
    if (this.opts.mcRuns !== undefined) return sc.uncertainty.length > 0 ? Math.max(0, Math.floor(this.opts.mcRuns)) : 0;
    if (sc.uncertainty.length === 0) return 0;
    return sc.runs > 1 ? Math.min(sc.runs, 1000) : 200;
  }

  private onBands(u: BandUpdate): void {
    const i = this.state.runs.findIndex((r) => r.key === u.key);
    if (i < 0) return;
    // only a complete result is kept: it is what the screen shows and what `e` exports once the bands are done
    if (u.result && u.done >= u.total) this.results.set(u.key, u.result);
    else this.results.delete(u.key);
    const mc: McState = { total: u.total, done: u.done };
    if (u.result?.bands) mc.bands = u.result.bands;
    if (u.result) mc.targets = u.result.targets;
    const runs = this.state.runs.slice();
    runs[i] = { ...runs[i]!, mc };
    this.set({ ...this.state, runs });
  }

  /** Run all pending band work now. */
  drainBands(): void {
    this.scheduler.drain();
  }

  get bandsBusy(): boolean {
    return this.scheduler.busy;
  }

  /** Stop background work (on quit). */
  close(): void {
    this.scheduler.stop();
    this.stopGoal();
  }

  /**
  w: what would it take to meet the selected target of Overview by turning the
  lever chosen in the levers panel (the first lever when none was chosen), the
  run's other levers held? Starts the search in the background (src/tui/goal.ts);
  the answer comes in the message line and a panel under the targets.
  */
  whatWouldItTake(): void {
    const s = this.state;
    const run = s.runs[s.focus];
    if (!run) return;
    const row = s.view === 'overview' ? overviewRows(run.scenario.targets)[s.selection.overview] : undefined;
    if (!row?.target) {
      const ud = `${G.arrowUp}${G.arrowDown}`;
      this.message(t(s.view === 'overview' ? 'tui.msg.pickTarget' : 'tui.msg.pickTargetOverview', { ud }));
      return;
    }
    const tg = row.target;
    const target = goalTargetOf(tg);
    if (!target) {
      this.message(t('tui.msg.goalRange', { target: targetLabel(tg) }));
      return;
    }
    const info = s.sources[run.source]!;
    const lever = info.levers[s.levers.index] ?? info.levers[0];
    if (!lever) {
      this.message(t('tui.msg.goalNoLevers'));
      return;
    }
    this.stopGoal();
    this.goalCentral = run.central;
    const runs = run.scenario.uncertainty.length > 0 ? Math.max(1, Math.floor(this.opts.goal?.runs ?? TUI_GOAL_RUNS)) : 1;
    const key = run.key;
    const panel = runningPanel(key, tg, lever, runs);
    const onUpdate = (u: GoalTaskUpdate): void => {
      if (this.goalTask !== task) return;
      const g = this.state.goal;
      if (!g || g.runKey !== key) return;
      if (u.result) {
        const { answer, binding, bindingShort } = goalAnswer(u.result, tg, lever);
        this.goalTask = undefined;
        const goal = { ...g, status: 'done' as const, simulated: u.simulated, answer, binding, bindingShort };
        this.set({ ...this.state, goal, message: { text: `${answer} · ${perStepText(runs)}`, kind: 'info' } });
      } else if (u.error !== undefined) {
        this.goalTask = undefined;
        this.set({ ...this.state, goal: { ...g, status: 'error', simulated: u.simulated, answer: u.error }, message: { text: t('tui.msg.goalError', { error: u.error }), kind: 'error' } });
      } else this.set({ ...this.state, goal: { ...g, simulated: u.simulated } });
    };
    this.set({ ...s, goal: panel, message: { text: t('tui.msg.goalSearching', { question: panel.question, per: perStepText(runs) }), kind: 'info' } });
    const task: GoalTask = new GoalTask(
      { loaded: this.loaded[run.source]!, levers: run.levers, lever, target, runs, seed: run.scenario.seed },
      onUpdate,
      this.opts.goal,
    );
    this.goalTask = task;
  }

  /** Esc: put the answer away (and stop a search still running). */
  closeGoal(): void {
    if (!this.state.goal) return;
    this.stopGoal();
    this.set({ ...this.state, goal: undefined });
  }

  /** Finish the running search now (tests). */
  async drainGoal(): Promise<void> {
    await this.goalTask?.drain();
  }

  /** The search running, if any (tests, measurements). */
  get goalRunning(): GoalTask | undefined {
    return this.goalTask;
  }

  private stopGoal(): void {
    this.goalTask?.cancel();
    this.goalTask = undefined;
  }

  private message(text: string, kind: 'info' | 'error' = 'info'): void {
    this.set({ ...this.state, message: { text, kind } });
  }

  /** Whether lever `id` is locked by a lesson step; says so in the message line when it is. */
  private refuseLocked(lever: Lever): boolean {
    if (!this.state.levers.locked?.includes(lever.id)) return false;
    this.message(t('tui.levers.locked', { lever: leverLabel(lever) }));
    return true;
  }

  /**
  Turn the selected lever of the focused run one step. A file's own run or a
  kept run gives a new run (it appears in Compare, named by what changed); a
  run made by earlier turns changes in place. Back at the file's values, the
  changed run goes away. A lever locked by a lesson step does not turn.
  */
  turnLever(dir: 1 | -1): void {
    const s = this.state;
    const run = s.runs[s.focus];
    if (!run) return;
    const info = s.sources[run.source]!;
    const lever = info.levers[s.levers.index];
    if (!lever) {
      this.message(t('tui.msg.noLevers'));
      return;
    }
    if (this.refuseLocked(lever)) return;
    const current = run.levers[lever.id] ?? info.leverBase[lever.id]!;
    const next = turnLever(lever, current, dir);
    if (Math.abs(next - current) < 1e-12) {
      this.message(t(dir > 0 ? 'tui.msg.leverMax' : 'tui.msg.leverMin', { lever: leverLabel(lever), value: formatLever(lever, next) }));
      return;
    }
    this.applyLevers({ ...run.levers, [lever.id]: next });
  }

  /**
  Set lever values of the focused run at once (a lesson step), as that many
  lever turns would: each value in its lever's unit (what `formatLever` shows,
  a share as 0..1), clamped to the lever's range; a value equal to the file's
  removes that lever's change. The other levers keep their values, or with
  `replace` go back to the file's. Locks do not apply (a lesson sets what it
  locks). Throws Error naming the lever when an id is not one of the run's
  scenario's levers.
  */
  setLevers(values: Readonly<Record<string, number>>, opts: { replace?: boolean } = {}): void {
    const s = this.state;
    const run = s.runs[s.focus];
    if (!run) return;
    const info = s.sources[run.source]!;
    const levers: Record<string, number> = opts.replace ? {} : { ...run.levers };
    for (const [id, value] of Object.entries(values)) {
      const lever = info.levers.find((l) => l.id === id);
      if (!lever) throw new Error(t('tui.levers.unknown', { lever: id, scenario: info.id, known: info.levers.map((l) => l.id).join(', ') }));
      if (!Number.isFinite(value)) throw new Error(`${id}: ${value} is not a number`);
      levers[id] = Math.max(lever.min, Math.min(lever.max, value));
    }
    if (sameLevers(levers, run.levers)) return;
    this.applyLevers(levers);
  }

  /** Lock levers (ids) for a lesson step: they cannot be turned or reset from the keys; null unlocks all. */
  lockLevers(ids: readonly string[] | null): void {
    const levers = { ...this.state.levers };
    if (ids && ids.length > 0) levers.locked = [...ids];
    else delete levers.locked;
    this.set({ ...this.state, levers });
  }

  /** Who holds each lever in a lesson (lever id → role name in the session language), shown in the levers panel; {} clears. */
  setLeverOwners(owners: Readonly<Record<string, string>>): void {
    const levers = { ...this.state.levers };
    if (Object.keys(owners).length > 0) levers.owners = { ...owners };
    else delete levers.owners;
    this.set({ ...this.state, levers });
  }

  /** Show a view (what keys 1…N do). */
  setView(view: ViewId): void {
    this.dispatch({ type: 'view', view });
  }

  /** Move the year cursor to calendar `year` (clamped to the horizon; stops playing). */
  setYear(year: number): void {
    const s = this.state;
    let i = s.years.indexOf(year);
    if (i < 0) i = year < (s.years[0] ?? 0) ? 0 : s.years.length - 1;
    this.dispatch({ type: 'yearTo', index: i });
  }

  /**
  Give the focused run these lever values (only those differing from the file
  count): recompute its central case at once and restart its bands. A file's
  own run or a kept run gives a new run; a run made by turns changes in place;
  back at the file's values the changed run goes away.
  */
  private applyLevers(wanted: Record<string, number>): void {
    const s = this.state;
    const run = s.runs[s.focus];
    if (!run) return;
    const info = s.sources[run.source]!;
    const levers: Record<string, number> = {};
    for (const [id, v] of Object.entries(wanted)) if (Math.abs(v - info.leverBase[id]!) >= 1e-9) levers[id] = v;
    const variant = Object.keys(run.levers).length > 0;
    const base = s.runs.findIndex((r) => r.source === run.source && Object.keys(r.levers).length === 0);

    if (Object.keys(levers).length === 0) {
      // back at the file's values
      const runs = variant && !run.kept ? s.runs.filter((r) => r !== run) : s.runs;
      if (variant && !run.kept) this.scheduler.cancel(run.key);
      const focus = runs.findIndex((r) => r === s.runs[base]);
      this.set({ ...s, runs, focus: Math.max(0, focus), message: undefined });
      return;
    }
    if ((!variant || run.kept) && s.runs.length >= MAX_RUNS) {
      this.message(t('tui.msg.compareFull', { n: MAX_RUNS }), 'error');
      return;
    }
    let computed;
    try {
      computed = computeRun(this.loaded[run.source]!, levers, run.from);
    } catch (err) {
      if (err instanceof ScenarioError) {
        this.message((err.problems[0] ? problemLine(err.problems[0]) : err.message), 'error');
        return;
      }
      if (run.from !== undefined && err instanceof Error) {
        // a fork the engine refuses (docs/fork.md)
        this.message(err.message, 'error');
        return;
      }
      throw err;
    }
    const inPlace = variant && !run.kept;
    const label = uniqueLabel(runLabel(info, levers, s.sources.length > 1, run.from), s.runs.filter((r) => !inPlace || r !== run));
    const mc: McState = { total: this.mcRunsFor(run.source), done: 0 };
    const runs = s.runs.slice();
    let focus = s.focus;
    let key: number;
    if (inPlace) {
      key = run.key;
      runs[s.focus] = { ...run, levers, label, ...computed, mc };
    } else {
      key = this.nextKey++;
      runs.push({ key, source: run.source, levers, label, kept: false, from: run.from, ...computed, mc });
      focus = runs.length - 1;
    }
    this.results.delete(key);
    // the bands first: worker threads start on them while this thread draws the new central run
    this.startBands(key, run.source, levers, computed, mc.total, true);
    this.set({ ...s, runs, focus, message: undefined });
  }

  /** Set the selected lever of the focused run back to the file's value. */
  resetLever(): void {
    const s = this.state;
    const run = s.runs[s.focus];
    if (!run) return;
    const info = s.sources[run.source]!;
    const lever = info.levers[s.levers.index];
    if (!lever || run.levers[lever.id] === undefined) return;
    if (this.refuseLocked(lever)) return;
    const base = info.leverBase[lever.id]!;
    const rest = { ...run.levers };
    delete rest[lever.id];
    const back = t('tui.msg.leverBack', { lever: leverLabel(lever), value: formatLever(lever, base) });
    // the same lever values as another run (the file's own run when none are left): that run stays, this one goes
    const same = s.runs.find((r) => r !== run && r.source === run.source && sameLevers(r.levers, rest) && (Object.keys(rest).length === 0 || r.from === run.from));
    if (same) {
      this.scheduler.cancel(run.key);
      this.results.delete(run.key);
      const runs = s.runs.filter((r) => r !== run);
      const text = Object.keys(rest).length === 0 && !run.kept ? back : t('tui.msg.leverBackSame', { back, run: same.label });
      this.set({ ...s, runs, focus: Math.max(0, runs.indexOf(same)), message: { text, kind: 'info' } });
      return;
    }
    const computed = computeRun(this.loaded[run.source]!, rest, run.from);
    const runs = s.runs.slice();
    const mc: McState = { total: this.mcRunsFor(run.source), done: 0 };
    const label = uniqueLabel(runLabel(info, rest, s.sources.length > 1, run.from), s.runs.filter((r) => r !== run));
    this.results.delete(run.key);
    runs[s.focus] = { ...run, levers: rest, label, ...computed, mc };
    this.startBands(run.key, run.source, rest, computed, mc.total, true);
    this.set({ ...s, runs, message: { text: back, kind: 'info' } });
  }

  /** Keep the focused changed run as it is: the next lever turn starts a new run. */
  keepRun(): void {
    const s = this.state;
    const run = s.runs[s.focus];
    if (!run || Object.keys(run.levers).length === 0) return;
    const runs = s.runs.slice();
    runs[s.focus] = { ...run, kept: true };
    this.set({ ...s, runs, message: { text: t('tui.msg.kept', { run: run.label }), kind: 'info' } });
  }

  /** Drop the focused run from Compare (a file's own run stays). */
  dropRun(): void {
    const s = this.state;
    const run = s.runs[s.focus];
    if (!run) return;
    if (Object.keys(run.levers).length === 0) {
      this.message(t('tui.msg.dropOwn'));
      return;
    }
    this.scheduler.cancel(run.key);
    this.results.delete(run.key);
    const runs = s.runs.filter((r) => r !== run);
    this.set({ ...s, runs, focus: Math.min(s.focus, runs.length - 1), message: { text: t('tui.msg.dropped', { run: run.label }), kind: 'info' } });
  }

  /**
  What `e` writes for a run: exactly what its screens show — the complete Monte
  Carlo result (medians, bands, P) once its bands are done, else the central
  case as a runs-1 result (which the writers label "central case": the JSON's
  `statistic`, the CSV's caption line). A lever-changed run's name says what
  changed; its overrides are in the scenario.
  */
  resultFor(run: Run): { result: MonteCarloResult; median: boolean } {
    const done = this.results.get(run.key);
    const median = bandsComplete(run) && done !== undefined && done.runs === run.mc.total;
    const base = median ? done : summarize(run.scenario, run.scenario.seed, 1, run.central, run.central.values);
    const variant = Object.keys(run.levers).length > 0;
    const result: MonteCarloResult = variant ? { ...base, scenario: { ...base.scenario, name: `${base.scenario.name} (${run.label})` } } : base;
    return { result, median };
  }

  /**
  Write the report of the runs on screen — the HTML file `dcplan report` writes, the
  runs compared with the first — as `dcplan-export-report-<n>.html`, after `exportRuns`;
  its name joins the export message. Resolves to the file name, or undefined when it failed
  (the message says why).
  */
  async exportReport(): Promise<string | undefined> {
    const dir = this.opts.exportDir ?? process.cwd();
    const runs = this.state.runs;
    if (runs.length === 0) return undefined;
    const inputs = runs.map((run) => ({ mc: this.resultFor(run).result, source: this.loaded[run.source]!.source }));
    let n = 1;
    while (existsSync(join(dir, `dcplan-export-report-${n}.html`))) n++;
    const name = `dcplan-export-report-${n}.html`;
    try {
      // loaded only when asked: the chart library stays out of the TUI's start-up
      const { lineReader, modelFromRuns } = await import('../report/html/data.js');
      const { renderReport } = await import('../report/html/page.js');
      const files = [...new Set(runs.map((r) => this.state.sources[r.source]!.file))];
      const model = modelFromRuns(inputs, lineReader(), { version: VERSION, command: ['dcplan', 'report', ...files].join(' ') });
      writeAtomic(join(dir, name), await renderReport(model, getLang()));
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      this.set({ ...this.state, message: { text: t('tui.msg.reportFailed', { error: text }), kind: 'error' } });
      return undefined;
    }
    const prev = this.state.message;
    // the export's own message still showing: the report's name joins it
    const text = prev !== undefined && prev === this.exportMessage ? t('tui.msg.exportedReport', { exported: prev.text, name }) : t('tui.msg.report', { name });
    this.set({ ...this.state, message: { text, kind: 'info' } });
    return name;
  }

  /** Write every run on screen as CSV and JSON (`dcplan-export-<scenario>-<n>.csv/.json`); returns the file names. */
  exportRuns(): string[] {
    const s = this.state;
    const dir = this.opts.exportDir ?? process.cwd();
    const written: string[] = [];
    const kinds: string[] = [];
    try {
      for (const run of s.runs) {
        const info = s.sources[run.source]!;
        const { result: mc, median } = this.resultFor(run);
        let n = 1;
        while (existsSync(join(dir, `dcplan-export-${info.id}-${n}.csv`)) || existsSync(join(dir, `dcplan-export-${info.id}-${n}.json`))) n++;
        const stem = `dcplan-export-${info.id}-${n}`;
        writeAtomic(join(dir, `${stem}.csv`), yearlyCsv(mc));
        writeAtomic(join(dir, `${stem}.json`), toJson(mc, { events: true }));
        written.push(stem);
        kinds.push(median ? t('tui.msg.exportMedian', { runs: runsText(run.mc.total) }) : t(run.mc.total > 1 ? 'tui.msg.exportCentralFilling' : 'tui.msg.exportCentral'));
      }
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      this.set({ ...s, message: { text: t('tui.msg.exportFailed', { error: text }), kind: 'error' } });
      return written;
    }
    const byId = new Map<string, string[]>();
    for (const w of written) {
      const m = /^dcplan-export-(.*)-(\d+)$/.exec(w)!;
      byId.set(m[1]!, [...(byId.get(m[1]!) ?? []), m[2]!]);
    }
    const names = [...byId].map(([id, ns]) => `dcplan-export-${id}-${ns.length > 1 ? `{${ns.join(',')}}` : ns[0]}.csv/.json`).join(', ');
    const what = [...new Set(kinds)].join(t('tui.narration.partSep'));
    const message: Message = { text: t(written.length > 1 ? 'tui.msg.exportedMany' : 'tui.msg.exportedOne', { n: written.length, what, names }), kind: 'info' };
    this.exportMessage = message;
    this.set({ ...s, exports: s.exports + 1, message });
    return written;
  }
}

/**
The TUI store: holds the `TuiState`, applies UI actions through the pure
reducer, and does the work behind the keys that need the engine — a lever turn
recomputes the focused run's central case at once (the new frame follows
immediately) and restarts its Monte Carlo bands in the background; exports
write CSV and JSON files. Components subscribe and only read.
*/
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../cli/io.js';
import { VERSION } from '../cli/version.js';
import { summarize, type MonteCarloResult } from '../engine/montecarlo.js';
import type { RunResult } from '../engine/results.js';
import { yearlyCsv } from '../report/csv.js';
import { toJson } from '../report/json.js';
import { formatProblem, ScenarioError } from '../scenario/index.js';
import type { ObservationSet } from '../scenario/types.js';
import { BandScheduler, type BandSchedulerOptions, type BandUpdate } from './background.js';
import { goalAnswer, goalTargetOf, GoalTask, perStepText, runningPanel, TUI_GOAL_RUNS, type GoalTaskOptions, type GoalTaskUpdate } from './goal.js';
import { bandsComplete, currentYear, initialState, reduce, runsText, uniqueLabel, type Action, type McState, type Run, type TuiState } from './model.js';
import { computeRun, formatLever, runLabel, turnLever, type LoadedSource } from './runs.js';
import { overviewRows, rowCount } from './views/rows.js';

/** The same lever values (ids and values). */
function sameLevers(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] !== undefined && Math.abs(a[k]! - b[k]!) < 1e-9);
}

/** Most runs Compare holds. */
export const MAX_RUNS = 8;

export interface StoreOptions {
  /** Monte Carlo runs for bands; default: the scenario's `runs` when above 1 (at most 1,000), else 200; 0 turns bands off. */
  mcRuns?: number;
  /** Background scheduling of the bands (tests pass `{schedule: null}` and call `drainBands()`). */
  bands?: BandSchedulerOptions;
  /** Where `e` writes its files (default: the current directory). */
  exportDir?: string;
  /** Reported figures (`--observed FILE`) to draw on the charts. */
  observed?: ObservationSet;
  /** "What would it take?" (key g): runs per lever value and scheduling (tests pass `{schedule: null}` and call `drainGoal()`). */
  goal?: GoalTaskOptions;
}

export class TuiStore {
  private state: TuiState;
  private readonly listeners = new Set<() => void>();
  private readonly scheduler: BandScheduler;
  private readonly results = new Map<number, MonteCarloResult>();
  private nextKey = 0;
  private goalTask: GoalTask | undefined;
  /** The central run of the run asked about when g was pressed. */
  private goalCentral: RunResult | undefined;

  constructor(
    private readonly loaded: LoadedSource[],
    private readonly opts: StoreOptions = {},
  ) {
    this.scheduler = new BandScheduler((u) => this.onBands(u), opts.bands);
    const runs: Run[] = [];
    loaded.forEach((l, i) => {
      const c = computeRun(l, {});
      runs.push({ key: this.nextKey++, source: i, levers: {}, label: uniqueLabel(l.info.id, runs), kept: true, ...c, mc: { total: this.mcRunsFor(i), done: 0 } });
    });
    this.state = initialState(loaded.map((l) => l.info), runs, opts.observed);
    for (const r of runs) this.scheduler.start(r.key, r.scenario, r.central, r.mc.total);
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

  /** Start (or restart) a run's bands; a forked run's runs start from the file's scenario and change course (paired draws). */
  private startBands(key: number, source: number, c: { scenario: Run['scenario']; central: Run['central']; schedule?: Run['schedule'] }, total: number, first = false): void {
    const fork = c.schedule ? { base: this.loaded[source]!.scenario, schedule: c.schedule } : undefined;
    this.scheduler.start(key, c.scenario, c.central, total, first, fork);
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
      this.message(`${year} is past ${loaded.info.id}'s horizon (${start}–${end}): no fork`, 'error');
      return;
    } else from = year;
    if (from === run.from) {
      this.message(run.from === undefined ? `no fork: changes apply from ${start}${year <= start && !remove ? ' (move the cursor to a later year, then f)' : ''}` : `fork at ${run.from} kept`);
      return;
    }
    const info = s.sources[run.source]!;
    const changed = Object.keys(run.levers).length > 0;
    const text = from === undefined ? `fork removed: changes apply from the start (${start})` : `⑂ fork at ${from}: lever turns apply from January ${from}, the years before are ${info.id}'s own`;
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
      if (err instanceof ScenarioError) this.message(err.problems.map(formatProblem)[0] ?? err.message, 'error');
      else if (err instanceof Error) this.message(err.message, 'error');
      else throw err;
      return;
    }
    const label = uniqueLabel(runLabel(info, run.levers, s.sources.length > 1, from), s.runs.filter((r) => r !== run));
    const mc: McState = { total: this.mcRunsFor(run.source), done: 0 };
    const runs = s.runs.slice();
    runs[s.focus] = { ...run, from, label, ...computed, mc };
    this.results.delete(run.key);
    this.set({ ...s, runs, message: { text, kind: 'info' } });
    this.startBands(run.key, run.source, computed, mc.total, true);
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
  g: what would it take to meet the selected target of Overview by turning the
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
      const where = s.view === 'overview' ? '↑↓ to one of the plan targets' : 'on Overview (1), ↑↓ to one of the plan targets';
      this.message(`pick a target first: ${where}, then g asks what it would take`);
      return;
    }
    const t = row.target;
    const target = goalTargetOf(t);
    if (!target) {
      this.message(`${t.label} is a range (at least and at most): g seeks a target with one bound`);
      return;
    }
    const info = s.sources[run.source]!;
    const lever = info.levers[s.levers.index] ?? info.levers[0];
    if (!lever) {
      this.message('this scenario has no levers: nothing to turn for the target');
      return;
    }
    this.stopGoal();
    this.goalCentral = run.central;
    const runs = run.scenario.uncertainty.length > 0 ? Math.max(1, Math.floor(this.opts.goal?.runs ?? TUI_GOAL_RUNS)) : 1;
    const key = run.key;
    const panel = runningPanel(key, t, lever, runs);
    const onUpdate = (u: GoalTaskUpdate): void => {
      if (this.goalTask !== task) return;
      const g = this.state.goal;
      if (!g || g.runKey !== key) return;
      if (u.result) {
        const { answer, binding, bindingShort } = goalAnswer(u.result, t, lever);
        this.goalTask = undefined;
        const goal = { ...g, status: 'done' as const, simulated: u.simulated, answer, binding, bindingShort };
        this.set({ ...this.state, goal, message: { text: `${answer} · ${perStepText(runs)}`, kind: 'info' } });
      } else if (u.error !== undefined) {
        this.goalTask = undefined;
        this.set({ ...this.state, goal: { ...g, status: 'error', simulated: u.simulated, answer: u.error }, message: { text: `what would it take? ${u.error}`, kind: 'error' } });
      } else this.set({ ...this.state, goal: { ...g, simulated: u.simulated } });
    };
    this.set({ ...s, goal: panel, message: { text: `what would it take? ${panel.question}: searching (${perStepText(runs)})…`, kind: 'info' } });
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

  /**
  Turn the selected lever of the focused run one step. A file's own run or a
  kept run gives a new run (it appears in Compare, named by what changed); a
  run made by earlier turns changes in place. Back at the file's values, the
  changed run goes away.
  */
  turnLever(dir: 1 | -1): void {
    const s = this.state;
    const run = s.runs[s.focus];
    if (!run) return;
    const info = s.sources[run.source]!;
    const lever = info.levers[s.levers.index];
    if (!lever) {
      this.message('this scenario has no levers');
      return;
    }
    const current = run.levers[lever.id] ?? info.leverBase[lever.id]!;
    const next = turnLever(lever, current, dir);
    if (Math.abs(next - current) < 1e-12) {
      this.message(`${lever.label} is at its ${dir > 0 ? 'maximum' : 'minimum'} (${formatLever(lever, next)})`);
      return;
    }
    const levers = { ...run.levers, [lever.id]: next };
    if (Math.abs(next - info.leverBase[lever.id]!) < 1e-9) delete levers[lever.id];
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
      this.message(`Compare holds ${MAX_RUNS} runs: press x to drop one first`, 'error');
      return;
    }
    let computed;
    try {
      computed = computeRun(this.loaded[run.source]!, levers, run.from);
    } catch (err) {
      if (err instanceof ScenarioError) {
        this.message(err.problems.map(formatProblem)[0] ?? err.message, 'error');
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
    this.set({ ...s, runs, focus, message: undefined });
    this.startBands(key, run.source, computed, mc.total, true);
  }

  /** Set the selected lever of the focused run back to the file's value. */
  resetLever(): void {
    const s = this.state;
    const run = s.runs[s.focus];
    if (!run) return;
    const info = s.sources[run.source]!;
    const lever = info.levers[s.levers.index];
    if (!lever || run.levers[lever.id] === undefined) return;
    const base = info.leverBase[lever.id]!;
    const rest = { ...run.levers };
    delete rest[lever.id];
    const back = `${lever.label} back to ${formatLever(lever, base)}`;
    // the same lever values as another run (the file's own run when none are left): that run stays, this one goes
    const same = s.runs.find((r) => r !== run && r.source === run.source && sameLevers(r.levers, rest) && (Object.keys(rest).length === 0 || r.from === run.from));
    if (same) {
      this.scheduler.cancel(run.key);
      this.results.delete(run.key);
      const runs = s.runs.filter((r) => r !== run);
      const text = Object.keys(rest).length === 0 && !run.kept ? back : `${back}: the same as "${same.label}", shown instead`;
      this.set({ ...s, runs, focus: Math.max(0, runs.indexOf(same)), message: { text, kind: 'info' } });
      return;
    }
    const computed = computeRun(this.loaded[run.source]!, rest, run.from);
    const runs = s.runs.slice();
    const mc: McState = { total: this.mcRunsFor(run.source), done: 0 };
    const label = uniqueLabel(runLabel(info, rest, s.sources.length > 1, run.from), s.runs.filter((r) => r !== run));
    this.results.delete(run.key);
    runs[s.focus] = { ...run, levers: rest, label, ...computed, mc };
    this.set({ ...s, runs, message: { text: back, kind: 'info' } });
    this.startBands(run.key, run.source, computed, mc.total, true);
  }

  /** Keep the focused changed run as it is: the next lever turn starts a new run. */
  keepRun(): void {
    const s = this.state;
    const run = s.runs[s.focus];
    if (!run || Object.keys(run.levers).length === 0) return;
    const runs = s.runs.slice();
    runs[s.focus] = { ...run, kept: true };
    this.set({ ...s, runs, message: { text: `kept "${run.label}"; the next turn starts a new run`, kind: 'info' } });
  }

  /** Drop the focused run from Compare (a file's own run stays). */
  dropRun(): void {
    const s = this.state;
    const run = s.runs[s.focus];
    if (!run) return;
    if (Object.keys(run.levers).length === 0) {
      this.message("a scenario file's own run stays; x drops runs made with the levers");
      return;
    }
    this.scheduler.cancel(run.key);
    this.results.delete(run.key);
    const runs = s.runs.filter((r) => r !== run);
    this.set({ ...s, runs, focus: Math.min(s.focus, runs.length - 1), message: { text: `dropped "${run.label}"`, kind: 'info' } });
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
    const base = median ? done! : summarize(run.scenario, run.scenario.seed, 1, run.central, run.central.values);
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
      writeAtomic(join(dir, name), await renderReport(model, 'en'));
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      this.set({ ...this.state, message: { text: `report failed: ${text}`, kind: 'error' } });
      return undefined;
    }
    const prev = this.state.message;
    const text = prev?.kind === 'info' && prev.text.startsWith('exported ') ? `${prev.text}; report: ${name}` : `report: ${name}`;
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
        kinds.push(median ? `median of ${runsText(run.mc.total)}` : run.mc.total > 1 ? 'central case, Monte Carlo not done' : 'central case');
      }
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      this.set({ ...s, message: { text: `export failed: ${text}`, kind: 'error' } });
      return written;
    }
    const byId = new Map<string, string[]>();
    for (const w of written) {
      const m = /^dcplan-export-(.*)-(\d+)$/.exec(w)!;
      byId.set(m[1]!, [...(byId.get(m[1]!) ?? []), m[2]!]);
    }
    const names = [...byId].map(([id, ns]) => `dcplan-export-${id}-${ns.length > 1 ? `{${ns.join(',')}}` : ns[0]}.csv/.json`).join(', ');
    const what = [...new Set(kinds)].join('; ');
    this.set({ ...s, exports: s.exports + 1, message: { text: `exported ${written.length} run${written.length > 1 ? 's' : ''} (${what}): ${names}`, kind: 'info' } });
    return written;
  }
}

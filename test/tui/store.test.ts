/**
The store behind the keys: Monte Carlo bands filled in slices (the same as
the engine's own Monte Carlo), exports, limits, and the benchmark hook.
*/
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { measureLeverRecompute } from '../../src/tui/index.js';
import { MAX_RUNS } from '../../src/tui/store.js';
import { loaded, makeStore, PLAN } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('background bands', () => {
  it('fill in slices to exactly the bands of monteCarlo() with the same runs and seed', () => {
    // the scheduler driven by hand: each queued slice runs when the test says (no timers); a zero time
    // budget makes a slice its smallest (2 runs), so the slices are the same on any machine
    const queue: (() => void)[] = [];
    const store = makeStore([PLAN], { mcRuns: 24, bands: { sliceMs: 0, publishMs: 0, schedule: (fn) => queue.push(fn) } });
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.getState().runs[0]!.mc.done));
    let slices = 0;
    for (; queue.length > 0; slices++) queue.shift()!();
    expect(slices).toBe(12);
    expect(store.bandsBusy).toBe(false);
    const run = store.getState().runs[0]!;
    expect(run.mc.done).toBe(24);
    expect(new Set(seen).size).toBeGreaterThan(2); // published progressively
    const mc = monteCarlo(loaded().scenario, { runs: 24 });
    expect(run.mc.bands).toEqual(mc.bands);
    expect(run.mc.targets?.map((t) => t.probability)).toEqual(mc.targets.map((t) => t.probability));
    store.close();
  });

  it('restart for a changed run, first in line', () => {
    const store = makeStore([PLAN], { mcRuns: 10, bands: { schedule: null } });
    store.dispatch({ type: 'levers', open: true });
    store.turnLever(1);
    store.drainBands();
    const runs = store.getState().runs;
    expect(runs.map((r) => r.mc.done)).toEqual([10, 10]);
    expect(runs[1]!.mc.bands).toBeDefined();
    store.close();
  });
});

describe('export', () => {
  it('writes every run as CSV and JSON, numbered, and says which files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dcplan-tui-'));
    dirs.push(dir);
    const store = makeStore([PLAN], { exportDir: dir });
    store.dispatch({ type: 'levers', open: true });
    store.turnLever(1);
    expect(store.exportRuns()).toEqual(['dcplan-export-guian-plan-1', 'dcplan-export-guian-plan-2']);
    expect(store.getState().message?.text).toBe('exported 2 runs (central case): dcplan-export-guian-plan-{1,2}.csv/.json');
    expect(store.exportRuns()).toEqual(['dcplan-export-guian-plan-3', 'dcplan-export-guian-plan-4']);
    expect(readdirSync(dir).sort()).toHaveLength(8);
    const json = JSON.parse(readFileSync(join(dir, 'dcplan-export-guian-plan-2.json'), 'utf8')) as { scenario: { name: string }; years: unknown[] };
    expect(json.scenario.name).toContain('(investment 45 bn)');
    expect(json.years).toHaveLength(11);
    const csv = readFileSync(join(dir, 'dcplan-export-guian-plan-1.csv'), 'utf8').split('\n');
    expect(csv[0]).toMatch(/^# .*central case/);
    expect(csv[1]).toMatch(/^year,dcOperational,/);
    expect(csv).toHaveLength(14);
    store.close();
  });

  it('writes the report of the runs on screen beside them, the variant compared with the base', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dcplan-tui-'));
    dirs.push(dir);
    const store = makeStore([PLAN], { exportDir: dir });
    store.dispatch({ type: 'levers', open: true });
    store.turnLever(1);
    store.exportRuns();
    expect(await store.exportReport()).toBe('dcplan-export-report-1.html');
    expect(store.getState().message?.text).toBe('exported 2 runs (central case): dcplan-export-guian-plan-{1,2}.csv/.json; report: dcplan-export-report-1.html');
    const html = readFileSync(join(dir, 'dcplan-export-report-1.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('(investment 45 bn)');
    expect(html).toContain('id="comparison"');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThan(5);
    expect(await store.exportReport()).toBe('dcplan-export-report-2.html');
    store.close();
  });

  it('reports a failed write instead of crashing', () => {
    const store = makeStore([PLAN], { exportDir: '/proc/no-such-dir' });
    expect(store.exportRuns()).toEqual([]);
    expect(store.getState().message?.kind).toBe('error');
    store.close();
  });
});

describe('limits', () => {
  it(`Compare holds at most ${MAX_RUNS} runs`, () => {
    const store = makeStore();
    store.dispatch({ type: 'levers', open: true });
    for (let i = 0; i < MAX_RUNS + 3; i++) {
      store.turnLever(1);
      store.keepRun();
    }
    expect(store.getState().runs).toHaveLength(MAX_RUNS);
    store.turnLever(1);
    expect(store.getState().runs).toHaveLength(MAX_RUNS);
    expect(store.getState().message).toEqual({ kind: 'error', text: `Compare holds ${MAX_RUNS} runs: press x to drop one first` });
    store.close();
  });

  it('a lever at its maximum says so', () => {
    const store = makeStore();
    store.dispatch({ type: 'levers', open: true });
    store.dispatch({ type: 'leverSelect', delta: 3 }); // demand growth 0.2, max 0.5
    for (let i = 0; i < 10; i++) store.turnLever(1);
    expect(store.getState().runs[1]!.levers.demandGrowth).toBe(0.5);
    expect(store.getState().message?.text).toMatch(/at its maximum \(50 %\)/);
    store.close();
  });
});

describe('run names', () => {
  const labels = (store: ReturnType<typeof makeStore>): string[] => store.getState().runs.map((r) => r.label);
  const unique = (xs: string[]): boolean => new Set(xs).size === xs.length;

  it('r after Enter: a kept run reset to the file’s values gives no second "guian-plan"', () => {
    const store = makeStore();
    store.dispatch({ type: 'levers', open: true });
    store.turnLever(1); // investment 45 bn
    store.keepRun();
    store.resetLever();
    expect(labels(store)).toEqual(['guian-plan']);
    expect(store.getState().focus).toBe(0);
    expect(store.getState().message?.text).toBe('Investment through 2025 back to 42 bn CNY: the same as "guian-plan", shown instead');
    store.close();
  });

  it('r after Enter on a run built on a kept one: back at the kept run, which stays (no duplicate)', () => {
    const store = makeStore();
    store.dispatch({ type: 'levers', open: true });
    store.turnLever(1);
    store.keepRun(); // "investment 45 bn", kept
    store.dispatch({ type: 'leverSelect', delta: 1 });
    store.turnLever(1); // "investment 45 bn, transfer incentive 250 CNY/rack/mo"
    store.keepRun();
    store.resetLever();
    expect(labels(store)).toEqual(['guian-plan', 'investment 45 bn']);
    expect(store.getState().focus).toBe(1);
    store.close();
  });

  it('stay unique when a turn lands on a kept run’s values or two files share a name', () => {
    const store = makeStore();
    store.dispatch({ type: 'levers', open: true });
    store.turnLever(1);
    store.keepRun(); // investment 45 bn
    store.dispatch({ type: 'focus', delta: -1 }); // the file's run
    store.turnLever(1); // investment 45 bn again, as a new run
    expect(labels(store)).toEqual(['guian-plan', 'investment 45 bn', 'investment 45 bn (2)']);
    store.turnLever(1); // the new run changes in place and no longer needs the suffix
    expect(labels(store)).toEqual(['guian-plan', 'investment 45 bn', 'investment 50 bn']);
    store.close();
    const two = makeStore([PLAN, PLAN]);
    expect(labels(two)).toEqual(['guian-plan', 'guian-plan (2)']);
    two.close();
  });

  it('are unique after any sequence of turns, keeps, resets and drops', () => {
    const store = makeStore();
    store.dispatch({ type: 'levers', open: true });
    const steps: (() => void)[] = [
      () => store.turnLever(1), () => store.turnLever(-1), () => store.keepRun(), () => store.resetLever(),
      () => store.dispatch({ type: 'leverSelect', delta: 1 }), () => store.dispatch({ type: 'focus', delta: 1 }), () => store.dropRun(),
    ];
    let seed = 7;
    for (let i = 0; i < 300; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      steps[seed % steps.length]!();
      expect(unique(labels(store)), labels(store).join(' | ')).toBe(true);
    }
    store.close();
  });
});

describe('measureLeverRecompute', () => {
  it('times lever press → new frame for the central run', async () => {
    const ms = await measureLeverRecompute(PLAN, 5);
    expect(ms).toHaveLength(5);
    for (const t of ms) expect(t).toBeGreaterThan(0);
  });
});

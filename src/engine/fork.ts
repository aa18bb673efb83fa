/**
Changing course mid-run (docs/fork.md): a run follows its scenario until a
scheduled month, then continues from that state under a changed scenario.

A schedule is a list of `{ month, scenario }` (months from the horizon's first
January, ascending). `simulate(base, { schedule })` prepares the run from
`base` and, at the start of each scheduled month, calls `switchScenario`: the
state carries over — phases under way and live, committed money, placed work
and contracts, servers and their retirement schedule, cash, NPV and the running
discount — and what `prepare` derived from the scenario is recomputed from the
new one where it can change:

- the budget release from the switch month on: the new plan's cumulative
  release (total × profile), never below what was already released;
- the grid connection of every month from the switch on;
- phases not yet begun: size, capex (× overrun), build (× delay), planned
  start, design PUE, start threshold, cancellation — re-queued in funding
  order if their dates moved; phases under way or live keep their plan;
- the sites' servers per rack (serverCapacity), the AI server types, the
  migrating pool factors, the contract expiry share, the monthly discount
  factor and the climate's mean temperature.

Everything else the steps read from `s.scenario` each month, so it follows the
switch by itself. What would need the run rebuilt — the horizon, the lists of
sites, phases, hubs, workload classes, competitors or card types, the
uncertainty and its correlations, phase risks (drawn at the horizon start),
targets, derived metrics, levers, seed and runs — is refused (`forkProblem`).

Monte Carlo pairs the branch with the base run by run: run i of a fork is run i
of the base until the switch, then run i of the changed scenario — the same
draws (`sampleSchedule`), applied to the changed scenario as they are to the
base.
*/
import { createHash } from 'node:crypto';
import { buildMonths, cumulativeRelease } from '../model/construction.js';
import { expiringShare } from '../model/contracts.js';
import { discountFactor } from '../model/finance.js';
import type { Scenario } from '../scenario/types.js';
import { sampleScenario } from './sample.js';
import { aiTypes, gridMonths, meanTemp, PHASE_BUILDING, PHASE_CANCELLED, PHASE_LIVE, PHASE_WAITING, poolFactors, type SimState } from './state.js';

/** From `month` (months from the horizon's first January) on, the run follows `scenario`. */
export interface ScheduleEntry {
  month: number;
  scenario: Scenario;
}

export type Schedule = readonly ScheduleEntry[];

/** A change a run cannot take mid-way: the scenario path and why. */
export interface ForkProblem {
  path: string;
  message: string;
}

// ---------------------------------------------------------------------------
// what may change

const SAME = (a: unknown, b: unknown): boolean => deepEqual(a, b);

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a === 'function' && typeof b === 'function') return true; // compiled formulas: their text is compared
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!(a instanceof Float64Array) || !(b instanceof Float64Array) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ob = b as Record<string, unknown>;
  return ka.every((k) => k in ob && deepEqual((a as Record<string, unknown>)[k], ob[k]));
}

/** The lists whose items the run's arrays are laid out by: same ids, same order. */
function sameIds(a: readonly { id: string }[], b: readonly { id: string }[]): boolean {
  return a.length === b.length && a.every((x, i) => x.id === b[i]!.id);
}

/**
The first difference between `base` and `next` that a run cannot take in its
middle, or undefined when `next` can take over from any month. Paths are the
scenario's dotted paths (list items by id).
*/
export function forkProblem(base: Scenario, next: Scenario): ForkProblem | undefined {
  const p = (path: string, message: string): ForkProblem => ({ path, message });
  for (const k of ['start', 'end'] as const) {
    if (base.horizon[k] !== next.horizon[k]) return p(`horizon.${k}`, 'the horizon is fixed for the whole run');
  }
  if (base.seed !== next.seed) return p('seed', 'the seed belongs to the whole Monte Carlo, not to a year');
  if (base.runs !== next.runs) return p('runs', 'the number of runs belongs to the whole Monte Carlo, not to a year');
  for (let i = 0; i < Math.max(base.uncertainty.length, next.uncertainty.length); i++) {
    if (!SAME(base.uncertainty[i], next.uncertainty[i])) {
      return p(`uncertainty.${i}`, 'uncertain inputs are drawn once per run, from the start: they cannot be added, removed or redistributed mid-run');
    }
  }
  if (!SAME(base.correlations, next.correlations)) return p('correlations', 'correlations shape the draws made once per run, from the start');
  for (const k of ['cancelProbability', 'deferProbability', 'deferMonths'] as const) {
    if (!SAME(base.construction[k], next.construction[k])) return p(`construction.${k}`, 'phase risks are drawn once, at the horizon start');
  }
  if (!sameIds(base.datacenters, next.datacenters)) return p('datacenters', 'data centers cannot be added, removed or reordered mid-run');
  for (let d = 0; d < base.datacenters.length; d++) {
    const a = base.datacenters[d]!;
    const b = next.datacenters[d]!;
    if (a.ownUse !== b.ownUse) return p(`datacenters.${a.id}.ownUse`, 'a site cannot switch between its owner\'s use and renting mid-run');
    if (!sameIds(a.phases, b.phases)) return p(`datacenters.${a.id}.phases`, 'phases cannot be added, removed or reordered mid-run (a phase can be cancelled: cancelled: true)');
    for (let i = 0; i < a.phases.length; i++) {
      if (a.phases[i]!.preexisting !== b.phases[i]!.preexisting) {
        return p(`datacenters.${a.id}.phases.${a.phases[i]!.id}.preexisting`, 'whether a hall was live before the horizon cannot change mid-run');
      }
    }
  }
  if (!sameIds(base.hubs, next.hubs)) return p('hubs', 'hubs cannot be added, removed or reordered mid-run');
  if (!sameIds(base.workloads, next.workloads)) return p('workloads', 'workload classes cannot be added, removed or reordered mid-run');
  if (!sameIds(base.competitors, next.competitors)) return p('competitors', 'competitor clusters cannot be added, removed or reordered mid-run');
  if (!sameIds(base.ai.cards, next.ai.cards)) return p('ai.cards', 'card types cannot be added, removed or reordered mid-run (a card can stop being bought: until)');
  if (!SAME(base.targets, next.targets)) return p('targets', 'targets are read over the whole horizon: they cannot change mid-run');
  const metric = (m: Scenario['metrics'][number]): unknown => [m.id, m.label, m.formula, m.inputs];
  if (!SAME(base.metrics.map(metric), next.metrics.map(metric))) return p('metrics', 'derived metrics are computed over the whole run: they cannot change mid-run');
  if (!SAME(base.levers, next.levers)) return p('levers', "levers describe the scenario's controls: they cannot change mid-run (turn one with --set instead)");
  return undefined;
}

/** Throws when the schedule's months are not ascending whole months in the horizon, or a scenario changes structure. */
export function checkSchedule(base: Scenario, schedule: Schedule): void {
  const M = (base.horizon.end - base.horizon.start + 1) * 12;
  let last = 0;
  for (const e of schedule) {
    if (!Number.isInteger(e.month) || e.month < last || e.month >= M) {
      throw new Error(`fork: schedule months must be whole months in 0..${M - 1}, ascending; got ${e.month}`);
    }
    last = e.month;
    const problem = forkProblem(base, e.scenario);
    if (problem) throw new Error(`fork at month ${e.month}: ${problem.path}: ${problem.message}`);
  }
}

// ---------------------------------------------------------------------------
// the switch

/**
Continue the run in `s` under `next` from month `m` (before that month's
steps). See the header for what carries over and what is recomputed. The
scenario must pass `forkProblem` against the one the run was prepared from.
*/
export function switchScenario(s: SimState, next: Scenario, m: number): void {
  const prev = s.scenario;
  if (next === prev) return;
  const V = next.ai.cards.length > 0 ? next.ai.cards.length : 1;
  if (next.datacenters.length !== s.D || next.hubs.length !== s.H || next.workloads.length !== s.C || next.competitors.length !== s.K || V !== s.V) {
    throw new Error('fork: the changed scenario has other sites, hubs, classes, competitors or card types than the run');
  }
  s.scenario = next;
  replan(s);
  resite(s, prev, next);
  rerelease(s, next, m);
  gridMonths(s, m);
  aiTypes(s);
  poolFactors(s);
  s.expiring = expiringShare(next.transfer.contractYears);
  s.monthlyDiscount = discountFactor(0, next.economics.discountRate);
  s.meanTemp = meanTemp(next.energy.monthlyTemp);
}

/**
Phases not yet begun take the new plan, as `prepare` would have set them up
(their capex in full: a phase that has not begun has spent nothing). Phases
under way or live keep theirs: their money is committed and their dates set;
so do halls live before the horizon.
*/
function replan(s: SimState): void {
  const sc = s.scenario;
  const { delayFactor, overrunFactor } = sc.construction;
  for (let i = 0; i < s.P; i++) {
    const st = s.phState[i];
    const d = s.phDc[i]!;
    const ph = sc.datacenters[d]!.phases[s.phIdx[i]!]!;
    // halls live before the horizon (or cancelled ones that were) belong to the past
    if (st === PHASE_BUILDING || st === PHASE_LIVE || ph.preexisting) continue;
    s.phBuild[i] = buildMonths(ph.build, delayFactor);
    s.phStart[i] = ph.start + ph.deferMonths;
    s.phCapex[i] = ph.capex * overrunFactor;
    s.phPue[i] = ph.pue;
    s.phMinOccupancy[i] = ph.startWhenOccupancy;
    const oldSize = s.phSize[i]!;
    s.phSize[i] = ph.size;
    const wasCancelled = st === PHASE_CANCELLED;
    if (ph.cancelled && !wasCancelled) {
      s.phState[i] = PHASE_CANCELLED;
      s.dcPhasesCancelled[d]! += 1;
      s.dcPlanned[d]! -= oldSize;
    } else if (!ph.cancelled && wasCancelled) {
      s.phState[i] = PHASE_WAITING;
      s.dcPhasesCancelled[d]! -= 1;
      s.dcPlanned[d]! += ph.size;
    } else if (!wasCancelled && ph.size !== oldSize) s.dcPlanned[d]! += ph.size - oldSize;
  }
  // a site is complete when every phase not cancelled is live (and one is): cancellations may complete it, or not any more
  let complete = 0;
  for (let d = 0; d < s.D; d++) if (s.dcPhasesLive[d]! > 0 && s.dcPhasesLive[d]! + s.dcPhasesCancelled[d]! === s.dcPhases[d]!) complete++;
  s.dcComplete = complete;
  requeue(s);
  let next = 0;
  while (next < s.P && s.phState[next] !== PHASE_WAITING) next++;
  s.nextPhase = next;
}

/** Keep the phases in funding order (effective start, then file order) when their planned dates moved. */
function requeue(s: SimState): void {
  const dcs = s.scenario.datacenters;
  const key = (i: number): number => (dcs[s.phDc[i]!]!.phases[s.phIdx[i]!]!.preexisting ? -Infinity : s.phStart[i]!);
  const cmp = (i: number, j: number): number => key(i) - key(j) || s.phDc[i]! - s.phDc[j]! || s.phIdx[i]! - s.phIdx[j]!;
  let sorted = true;
  for (let i = 1; i < s.P && sorted; i++) if (cmp(i - 1, i) > 0) sorted = false;
  if (sorted) return;
  const order = Array.from({ length: s.P }, (_, i) => i).sort(cmp);
  for (const a of [s.phDc, s.phIdx, s.phStart, s.phBuild, s.phLiveAt, s.phState, s.phSize, s.phCapex, s.phPue, s.phStartFill, s.phMinOccupancy]) {
    const copy = a.slice();
    for (let i = 0; i < s.P; i++) a[i] = copy[order[i]!]!;
  }
}

/** Servers per rack of the sites (the planning capacity of the live racks). */
function resite(s: SimState, prev: Scenario, next: Scenario): void {
  for (let d = 0; d < s.D; d++) {
    const a = prev.datacenters[d]!.serversPerRack;
    const b = next.datacenters[d]!.serversPerRack;
    if (a !== b) s.serverCapacity += s.dcLive[d]! * (b - a);
  }
}

/**
The budget released from month m on follows the new plan's cumulative release
(its total and profile, as if planned so from the start), never below what was
released by the end of the month before: a raise releases the difference at
once, a cut releases nothing more until the new plan catches up.
*/
function rerelease(s: SimState, next: Scenario, m: number): void {
  const fresh = new Float64Array(s.release.length);
  cumulativeRelease(next.investment.total, next.investment.profile, s.M, fresh);
  const floor = m > 0 ? s.release[m - 1]! : 0;
  for (let k = m; k < fresh.length; k++) s.release[k] = Math.max(floor, fresh[k]!);
}

// ---------------------------------------------------------------------------
// Monte Carlo and labels

/** Run `run`'s draws applied to every scenario of the schedule: the same draws as the base run (common random numbers). */
export function sampleSchedule(schedule: Schedule, seed: number, run: number, names: readonly string[]): ScheduleEntry[] {
  return schedule.map((e) => ({ month: e.month, scenario: sampleScenario(e.scenario, seed, run, names) }));
}

/** "2024" for a January switch, else "2024-03". */
export function switchLabel(start: number, month: number): string {
  const y = start + Math.floor(month / 12);
  return month % 12 === 0 ? String(y) : `${y}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/**
The scenario a forked result describes: the last scenario of the schedule (the
plan in force at the horizon's end), its overrides those before the first
switch, then each switch's own as "from 2024: path=value", and a hash over the
base and every switch (month and scenario hash).
*/
export function forkedScenario(base: Scenario, schedule: Schedule): Scenario {
  if (schedule.length === 0) return base;
  const overrides = base.overrides.slice();
  let prev = base.overrides;
  for (const e of schedule) {
    const cur = e.scenario.overrides;
    const own = cur.length >= prev.length && prev.every((o, i) => cur[i] === o) ? cur.slice(prev.length) : cur;
    const when = switchLabel(base.horizon.start, e.month);
    if (own.length === 0) overrides.push(`from ${when}: scenario ${e.scenario.name}`);
    for (const o of own) overrides.push(`from ${when}: ${o}`);
    prev = cur;
  }
  const hash = createHash('sha256')
    .update(JSON.stringify([base.hash, schedule.map((e) => [e.month, e.scenario.hash])]))
    .digest('hex');
  return { ...schedule[schedule.length - 1]!.scenario, overrides, hash };
}

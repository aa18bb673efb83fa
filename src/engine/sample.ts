/**
Applying a run's draws to the scenario (docs/model.md §7).

An uncertainty entry names a numeric field or per-year series by dotted path;
list items are addressed by `id`, by index, or `*` for every item (one draw
shared by all of them). `set` replaces the value, `scale` multiplies it. The
result is a copy-on-write Scenario: only the objects along sampled paths are
copied. Sampling `parameters.X` re-evaluates every formula series that reads X.

Correlated entries (`scenario.correlations`, Spearman ρ between two entries) are
drawn through a Gaussian copula: each entry still takes its uniform from its own
stream; the uniforms of the correlated entries are mapped to standard normals,
multiplied by the Cholesky factor of their Pearson matrix (r = 2·sin(π·ρs/6)),
mapped back to uniforms and through each distribution's quantile function.
Entries correlated with nothing draw exactly what they drew before.

Phase risks: in sampled runs, when `construction.cancelProbability` or
`deferProbability` is above 0, every phase not yet started at the horizon start
(not preexisting, planned start ≥ month 0) draws from its own stream
(`phase:<dc id>.<phase id>`) whether it is cancelled and, if not, whether and by
how many whole months it is deferred.
*/
import type { Correlation, Phase, Scenario, Series, Uncertainty } from '../scenario/types.js';
import { cholesky, normalCdf, normalQuantile, quantileOf, sample, spearmanToPearson } from './distributions.js';
import { stream } from './rng.js';

/** New value of a leaf; `i` is the index within a per-year series (0 for a number). */
type Leaf = (v: number, i: number) => number;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Float64Array);
}

/**
The edits of one sampled scenario, made on private copies: the scenario and
every object or list along an edited path are copied once (however many paths
pass through them), then changed in place; everything else is shared with the
scenario as written. (Copying the whole path again for each entry cost most of
a run's sampling.)
*/
class Edit {
  private readonly own = new Set<object>();
  readonly root: Scenario;

  constructor(scenario: Scenario) {
    this.root = { ...scenario };
    this.own.add(this.root);
  }

  private mine<T extends object>(x: T): T {
    if (this.own.has(x)) return x;
    const c = (Array.isArray(x) ? x.slice() : { ...x }) as T;
    this.own.add(c);
    return c;
  }

  /** Apply `fn` to the number or series at `segs` (list items by `id`, index or `*`); unknown segments change nothing. */
  apply(segs: readonly string[], fn: Leaf): void {
    this.walk(this.root as unknown as Record<string, unknown>, segs, 0, (child) => {
      if (typeof child === 'number') return fn(child, 0);
      if (child instanceof Float64Array) return child.map((v, i) => fn(v, i));
      return child;
    });
  }

  /** Put `value` at `segs` (its parent must exist). */
  set(segs: readonly string[], value: unknown): void {
    this.walk(this.root as unknown as Record<string, unknown>, segs, 0, () => value, true);
  }

  private walk(node: Record<string, unknown> | unknown[], segs: readonly string[], i: number, leaf: (v: unknown) => unknown, exact = false): void {
    const head = segs[i]!;
    const last = i === segs.length - 1;
    const visit = (container: Record<string | number, unknown>, key: string | number): void => {
      const child = container[key];
      if (last) {
        container[key] = leaf(child);
        return;
      }
      if (Array.isArray(child) || isRecord(child)) {
        const c = this.mine(child);
        container[key] = c;
        this.walk(c, segs, i + 1, leaf, exact);
      }
    };
    if (Array.isArray(node)) {
      node.forEach((item: unknown, k) => {
        const id = isRecord(item) ? item.id : undefined;
        if ((!exact && head === '*') || head === String(k) || (!exact && head === id)) visit(node as unknown as Record<number, unknown>, k);
      });
    } else if (isRecord(node) && (head in node || (exact && last))) visit(node, head);
  }
}

/** Dotted paths split once per path text. */
const splitPaths = new Map<string, readonly string[]>();
function segsOf(path: string): readonly string[] {
  let segs = splitPaths.get(path);
  if (!segs) {
    segs = path.split('.');
    splitPaths.set(path, segs);
  }
  return segs;
}

export function applyAt(scenario: Scenario, path: string, fn: Leaf): Scenario {
  const e = new Edit(scenario);
  e.apply(segsOf(path), fn);
  return e.root;
}

/** Names made, by uncertainty list (lists are never changed in place): the same array for the same list. */
const namesOf = new WeakMap<readonly Uncertainty[], readonly string[]>();

/**
Stream name of each uncertainty entry: its path, made unique if a path repeats.
The same array for the same list, so that draws looked up run after run (a
worker's slice in short chunks) find their set by identity (`drawSet`).
*/
export function streamNames(uncertainty: readonly Uncertainty[]): readonly string[] {
  let names = namesOf.get(uncertainty);
  if (!names) {
    const seen = new Map<string, number>();
    names = uncertainty.map((u) => {
      const n = seen.get(u.path) ?? 0;
      seen.set(u.path, n + 1);
      return n === 0 ? u.path : `${u.path}#${n}`;
    });
    namesOf.set(uncertainty, names);
  }
  return names;
}

/** The scenario as run `run` of `seed` sees it. Run draws are independent of every other run. */
export function sampleScenario(scenario: Scenario, seed: number, run: number, names = streamNames(scenario.uncertainty)): Scenario {
  return applyPhaseRisks(applyDraws(scenario, drawsFor(scenario, seed, run, names)), seed, run);
}

/**
Run draws by content. A run's draws depend only on the seed, the stream names,
the distributions and the correlations — not on the rest of the scenario — so
the scenario at another lever value (the TUI's next press, a goal seek's or a
sweep's next value, the other side of a comparison) finds its runs' draws here
instead of seeding every stream and inverting every distribution again (about
a tenth of a sampled run). A few draw sets, each of its first MAX_CACHED_RUN
runs; the same numbers either way. Like everything in the engine it takes a
scenario's uncertainty list and correlations as never changed in place (the
key of a list is computed once).
*/
const DRAW_SETS = 4;
const MAX_CACHED_RUN = 50_000;
const drawSets = new Map<string, (readonly number[] | undefined)[]>();
const NO_CORRELATIONS: readonly Correlation[] = [];
/** The content key of (uncertainty list, correlations), computed once per pair of lists. */
const drawSignatures = new WeakMap<readonly Uncertainty[], WeakMap<readonly Correlation[], string>>();
/** Stream names joined, once per names list. */
const joinedNames = new WeakMap<readonly string[], string>();

/** Numbers as their exact shortest text (and −0, NaN, ±Infinity told apart), so equal keys mean equal draws. */
function exactJson(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `#${Object.is(v, -0) ? '-0' : String(v)}` : v));
}

function drawKey(scenario: Scenario, seed: number, names: readonly string[]): string {
  const corr = (scenario.correlations as readonly Correlation[] | undefined) ?? NO_CORRELATIONS;
  // computed once per pair of lists (sampled copies of a scenario share them)
  let byCorr = drawSignatures.get(scenario.uncertainty);
  if (!byCorr) drawSignatures.set(scenario.uncertainty, (byCorr = new WeakMap()));
  let sig = byCorr.get(corr);
  if (sig === undefined) byCorr.set(corr, (sig = exactJson([scenario.uncertainty.map((u) => u.dist), corr])));
  let joined = joinedNames.get(names);
  if (joined === undefined) joinedNames.set(names, (joined = names.join('\u0000')));
  return `${seed}\u0000${joined}\u0000${sig}`;
}

/** The last draw set asked for, by the identity of what keyed it: a Monte Carlo asks run after run with the same lists. */
let last: { u: readonly Uncertainty[]; corr: readonly Correlation[]; names: readonly string[]; seed: number; set: (readonly number[] | undefined)[] } | undefined;

function drawSet(scenario: Scenario, seed: number, names: readonly string[]): (readonly number[] | undefined)[] {
  const u = scenario.uncertainty;
  const corr = (scenario.correlations as readonly Correlation[] | undefined) ?? NO_CORRELATIONS;
  if (last && last.u === u && last.corr === corr && last.names === names && last.seed === seed) return last.set;
  const key = drawKey(scenario, seed, names);
  let set = drawSets.get(key);
  if (set) {
    // most recently used last
    drawSets.delete(key);
    drawSets.set(key, set);
  } else {
    if (drawSets.size >= DRAW_SETS) drawSets.delete(drawSets.keys().next().value!);
    drawSets.set(key, (set = []));
  }
  last = { u, corr, names, seed, set };
  return set;
}

/** Run `run`'s draw for each uncertainty entry, in entry order (correlated entries through the copula); the caller's own copy. */
export function drawsFor(scenario: Scenario, seed: number, run: number, names: readonly string[] = streamNames(scenario.uncertainty)): number[] {
  if (run >= MAX_CACHED_RUN || scenario.uncertainty.length === 0) return drawRun(scenario, seed, run, names);
  const set = drawSet(scenario, seed, names);
  return (set[run] ??= drawRun(scenario, seed, run, names)).slice();
}

function drawRun(scenario: Scenario, seed: number, run: number, names: readonly string[]): number[] {
  const copula = copulaOf(scenario);
  if (!copula) return scenario.uncertainty.map((u, i) => sample(u.dist, stream(seed, names[i]!, run)));
  const draws = scenario.uncertainty.map((u, i) => (copula.slot[i]! < 0 ? sample(u.dist, stream(seed, names[i]!, run)) : NaN));
  const { members, chol } = copula;
  const n = members.length;
  const z = new Float64Array(n);
  for (let k = 0; k < n; k++) z[k] = normalQuantile(stream(seed, names[members[k]!]!, run).next());
  for (let k = 0; k < n; k++) {
    let x = 0;
    for (let j = 0; j <= k; j++) x += chol[k * n + j]! * z[j]!;
    const i = members[k]!;
    draws[i] = quantileOf(scenario.uncertainty[i]!.dist, clampUnit(normalCdf(x)));
  }
  return draws;
}

/** Keep a copula uniform strictly inside (0, 1), where every quantile function is finite. */
function clampUnit(u: number): number {
  return Math.min(1 - 2 ** -53, Math.max(2 ** -53, u));
}

interface Copula {
  /** Entry indices that take part in a correlation, ascending. */
  members: number[];
  /** Position of each entry in `members`, −1 when it is correlated with nothing. */
  slot: number[];
  /** Cholesky factor of the members' Pearson matrix, row-major. */
  chol: Float64Array;
}

/** Copulas by correlation list: sampled copies of a scenario share its list, so the factor is computed once. */
const copulas = new WeakMap<readonly Correlation[], Copula | null>();

/** The scenario's copula, or undefined when no pair of entries is correlated (or every ρ is 0). */
export function copulaOf(scenario: Scenario): Copula | undefined {
  const corr = scenario.correlations as readonly Correlation[] | undefined;
  if (!corr || corr.length === 0) return undefined;
  let c = copulas.get(corr);
  if (c === undefined) {
    c = buildCopula(corr, scenario.uncertainty.length);
    copulas.set(corr, c);
  }
  return c ?? undefined;
}

function buildCopula(corr: readonly Correlation[], entries: number): Copula | null {
  const live = corr.filter((c) => c.rho !== 0);
  const valid = (i: number): boolean => Number.isInteger(i) && i >= 0 && i < entries;
  for (const c of live) {
    if (!valid(c.a) || !valid(c.b) || c.a === c.b || !(Math.abs(c.rho) < 1)) throw new Error(`invalid correlation ${JSON.stringify(c)} for ${entries} uncertainty entries`);
  }
  if (live.length === 0) return null;
  const members = [...new Set(live.flatMap((c) => [c.a, c.b]))].sort((x, y) => x - y);
  const slot = new Array<number>(entries).fill(-1);
  members.forEach((i, k) => (slot[i] = k));
  const n = members.length;
  const m = new Float64Array(n * n);
  for (let k = 0; k < n; k++) m[k * n + k] = 1;
  for (const c of live) {
    const r = spearmanToPearson(c.rho);
    m[slot[c.a]! * n + slot[c.b]!] = r;
    m[slot[c.b]! * n + slot[c.a]!] = r;
  }
  const chol = cholesky(m, n);
  if (!chol) throw new Error('the correlations between uncertainty entries are not consistent (their matrix is not positive definite)');
  return { members, slot, chol };
}

/**
Run `run`'s cancellations and deferrals of the phases not yet started (see the
header). The same scenario object when both probabilities are 0 or nothing is
drawn; otherwise a copy with only the touched data centers and phases copied.
Each phase takes three uniforms from its own stream, always in the same order
(cancel, defer, months), so changing one probability does not move the others'
draws.
*/
export function applyPhaseRisks(scenario: Scenario, seed: number, run: number): Scenario {
  const { cancelProbability: pc, deferProbability: pd, deferMonths: dm } = scenario.construction;
  if (!(pc > 0) && !(pd > 0)) return scenario;
  let changed = false;
  const datacenters = scenario.datacenters.map((dc) => {
    let phases: Phase[] | undefined;
    dc.phases.forEach((ph, k) => {
      if (ph.preexisting || ph.start < 0 || ph.cancelled) return;
      const u = phaseUniforms(seed, `phase:${dc.id}.${ph.id}`, run);
      const uCancel = u[0]!;
      const uDefer = u[1]!;
      const uMonths = u[2]!;
      let next: Phase | undefined;
      if (uCancel < pc) next = { ...ph, cancelled: true };
      else if (uDefer < pd) {
        const months = Math.round(uMonths * Math.max(0, dm));
        if (months > 0) next = { ...ph, deferMonths: ph.deferMonths + months };
      }
      if (!next) return;
      phases ??= dc.phases.slice();
      phases[k] = next;
    });
    if (!phases) return dc;
    changed = true;
    return { ...dc, phases };
  });
  return changed ? { ...scenario, datacenters } : scenario;
}

/** Phase streams whose uniforms are kept (see `phaseUniforms`), and the runs kept of each. */
const PHASE_STREAMS = 256;
const PHASE_RUNS = 5_000;
const phaseDraws = new Map<string, Float64Array>();
const scratch3 = new Float64Array(3);

/**
The three uniforms of a phase's stream in run `run` (cancel, defer, months).
Like the run draws they depend on nothing else, so they are kept for the first
PHASE_RUNS runs of up to PHASE_STREAMS streams, the oldest dropped first (NaN = not drawn yet;
each stream's array grows with the runs asked, 1,024 at a time): a scenario
with phase risks at another lever value seeds none of its ~30 phase streams
again (each costs a few microseconds). Read the result before the next call.
*/
function phaseUniforms(seed: number, name: string, run: number): Float64Array {
  if (run >= PHASE_RUNS) return fillUniforms(scratch3, 0, seed, name, run);
  const key = `${seed}\u0000${name}`;
  let kept = phaseDraws.get(key);
  const at = 3 * run;
  if (!kept || kept.length <= at) {
    const grown = new Float64Array(3 * Math.min(PHASE_RUNS, (Math.floor(run / 1024) + 1) * 1024)).fill(NaN);
    if (kept) grown.set(kept);
    else if (phaseDraws.size >= PHASE_STREAMS) phaseDraws.delete(phaseDraws.keys().next().value!);
    phaseDraws.set(key, (kept = grown));
  }
  if (Number.isNaN(kept[at])) fillUniforms(kept, at, seed, name, run);
  scratch3[0] = kept[at]!;
  scratch3[1] = kept[at + 1]!;
  scratch3[2] = kept[at + 2]!;
  return scratch3;
}

function fillUniforms(out: Float64Array, at: number, seed: number, name: string, run: number): Float64Array {
  const rng = stream(seed, name, run);
  out[at] = rng.next();
  out[at + 1] = rng.next();
  out[at + 2] = rng.next();
  return out;
}

/**
The scenario with `draws[i]` applied to uncertainty entry i (set or scale, as
the entry says); an `undefined` draw leaves that entry's value as written (and
no draw at all, the scenario itself). Used by `sampleScenario`, and by
sensitivity analysis to move one entry at a time.
*/
export function applyDraws(scenario: Scenario, draws: readonly (number | undefined)[]): Scenario {
  if (!draws.some((d) => d !== undefined)) return scenario;
  const e = new Edit(scenario);
  // parameters first, so formula series are re-evaluated before direct draws scale them
  const params = { ...scenario.parameters };
  let paramsChanged = false;
  scenario.uncertainty.forEach((u, i) => {
    const m = /^parameters\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(u.path);
    const d = draws[i];
    if (!m || d === undefined) return;
    const key = m[1]!;
    const base = params[key] ?? 0;
    params[key] = u.mode === 'scale' ? base * d : d;
    paramsChanged = true;
  });
  if (paramsChanged) reevaluate(e, scenario, params);
  scenario.uncertainty.forEach((u, i) => {
    if (u.path.startsWith('parameters.')) return;
    const d = draws[i];
    if (d === undefined) return;
    e.apply(segsOf(u.path), u.mode === 'scale' ? (v) => v * d : () => d);
  });
  return e.root;
}

/**
The scenario with its `parameters` replaced by `params`, every formula series
that reads a changed parameter re-evaluated (copy-on-write). Used by
`applyDraws` and by the screening (src/engine/screen.ts).
*/
export function withParameters(scenario: Scenario, params: Record<string, number>): Scenario {
  const e = new Edit(scenario);
  reevaluate(e, scenario, params);
  return e.root;
}

function reevaluate(e: Edit, scenario: Scenario, params: Record<string, number>): void {
  e.set(['parameters'], params);
  for (const f of scenario.formulas) {
    if (!f.params.some((p) => params[p] !== scenario.parameters[p])) continue;
    const series: Series = new Float64Array(scenario.horizon.end - scenario.horizon.start + 1);
    for (let y = 0; y < series.length; y++) series[y] = f.evaluate(scenario.horizon.start + y, params);
    e.set(segsOf(f.path), series);
  }
}

/**
Applying a run's draws to the scenario (docs/model.md §7).

An uncertainty entry names a numeric field or per-year series by dotted path;
list items are addressed by `id`, by index, or `*` for every item (one draw
shared by all of them). `set` replaces the value, `scale` multiplies it. The
result is a copy-on-write Scenario: only the objects along sampled paths are
copied. Sampling `parameters.X` re-evaluates every formula series that reads X.
*/
import type { Scenario, Series, Uncertainty } from '../scenario/types.js';
import { sample } from './distributions.js';
import { stream } from './rng.js';

type Leaf = (v: number) => number;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Float64Array);
}

/** Copy of `node` with `fn` applied at `segs`; unknown segments leave it unchanged. */
function update(node: unknown, segs: string[], fn: Leaf): unknown {
  if (segs.length === 0) {
    if (typeof node === 'number') return fn(node);
    if (node instanceof Float64Array) return node.map((v) => fn(v));
    return node;
  }
  const [head, ...rest] = segs as [string, ...string[]];
  if (Array.isArray(node)) {
    return node.map((item: unknown, i) => {
      const id = isRecord(item) ? item.id : undefined;
      return head === '*' || head === String(i) || head === id ? update(item, rest, fn) : item;
    });
  }
  if (isRecord(node) && head in node) return { ...node, [head]: update(node[head], rest, fn) };
  return node;
}

export function applyAt(scenario: Scenario, path: string, fn: Leaf): Scenario {
  return update(scenario, path.split('.'), fn) as Scenario;
}

/** Stream name of an uncertainty entry: its path, made unique if a path repeats. */
export function streamNames(uncertainty: Uncertainty[]): string[] {
  const seen = new Map<string, number>();
  return uncertainty.map((u) => {
    const n = seen.get(u.path) ?? 0;
    seen.set(u.path, n + 1);
    return n === 0 ? u.path : `${u.path}#${n}`;
  });
}

/** The scenario as run `run` of `seed` sees it. Run draws are independent of every other run. */
export function sampleScenario(scenario: Scenario, seed: number, run: number, names = streamNames(scenario.uncertainty)): Scenario {
  return applyDraws(scenario, drawsFor(scenario, seed, run, names));
}

/** Run `run`'s draw for each uncertainty entry, in entry order. */
export function drawsFor(scenario: Scenario, seed: number, run: number, names = streamNames(scenario.uncertainty)): number[] {
  return scenario.uncertainty.map((u, i) => sample(u.dist, stream(seed, names[i]!, run)));
}

/**
The scenario with `draws[i]` applied to uncertainty entry i (set or scale, as
the entry says); an `undefined` draw leaves that entry's value as written. Used
by `sampleScenario`, and by sensitivity analysis to move one entry at a time.
*/
export function applyDraws(scenario: Scenario, draws: readonly (number | undefined)[]): Scenario {
  let s = scenario;
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
  if (paramsChanged) {
    s = { ...s, parameters: params };
    for (const f of scenario.formulas) {
      if (!f.params.some((p) => params[p] !== scenario.parameters[p])) continue;
      const series: Series = new Float64Array(scenario.horizon.end - scenario.horizon.start + 1);
      for (let y = 0; y < series.length; y++) series[y] = f.evaluate(scenario.horizon.start + y, params);
      s = setSeries(s, f.path, series) as Scenario;
    }
  }
  scenario.uncertainty.forEach((u, i) => {
    if (u.path.startsWith('parameters.')) return;
    const d = draws[i];
    if (d === undefined) return;
    s = applyAt(s, u.path, u.mode === 'scale' ? (v) => v * d : () => d);
  });
  return s;
}

function setSeries(node: unknown, path: string, series: Series): unknown {
  const segs = path.split('.');
  const last = segs.pop()!;
  const setLeaf = (parent: unknown, rest: string[]): unknown => {
    if (rest.length === 0) return isRecord(parent) ? { ...parent, [last]: series } : parent;
    const [head, ...tail] = rest as [string, ...string[]];
    if (Array.isArray(parent)) return parent.map((item: unknown, i) => (String(i) === head ? setLeaf(item, tail) : item));
    if (isRecord(parent) && head in parent) return { ...parent, [head]: setLeaf(parent[head], tail) };
    return parent;
  };
  return setLeaf(node, segs);
}

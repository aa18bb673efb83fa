/**
The scenario loader's public API: read a scenario file (with its `extends`
chain) into a `ScenarioSource`, resolve it (with overrides) into a `Scenario`
whose numbers are all in base units, explain where a value came from, and
describe the file format as JSON Schema.

A `ScenarioSource` is plain data (objects, arrays and Maps): it can be cached,
and sent to worker threads with structured clone.
*/
import { KINDS } from './units.js';
import { Problems, ScenarioError, didYouMean, formatProblem, type Loc, type Problem } from './errors.js';
import { toPlain, type LMap, type LNode } from './document.js';
import { loadFile, loadText, type ChainFile } from './extends.js';
import { applyOverrides, leversOf, type Override } from './overrides.js';
import { nodeAt, splitPath } from './paths.js';
import { resolveTree, walkResolved, type Resolved } from './resolve.js';
import type { Scenario } from './types.js';

export { ScenarioError, formatProblem, type Problem, type Loc };
export type { ChainFile } from './extends.js';
export type { Override };
export { scenarioJsonSchema } from './schema.js';
export type { Scenario } from './types.js';
export { loadObservations, readObservationsText, type ObservationOptions } from './observed.js';
export type { Observation, ObservationSet } from './types.js';

/** A read (not yet resolved) scenario: the merged document and where each value came from. */
export interface ScenarioSource {
  /** Top file as given (or '<inline>'). */
  file: string;
  /** The merged document (extends applied, `extends` key removed); every node knows its file, line and column. */
  tree: LMap;
  /** The extends chain, top file first, each with its own unmerged document. */
  chain: ChainFile[];
}

/** Read a scenario file and its extends chain, and validate it. Throws ScenarioError with every problem. */
export function readScenarioSource(file: string): ScenarioSource {
  const problems = new Problems();
  let src: ScenarioSource | undefined;
  try {
    const loaded = loadFile(file, problems);
    if (loaded.merged) src = { file, tree: loaded.merged, chain: loaded.chain };
  } catch (err) {
    internal(problems, file, err);
  }
  problems.throwIfAny();
  // validate now (reading reports every problem), and keep the result for the first resolve without overrides
  validated.set(src!, resolveScenario(src!));
  return src!;
}

/**
The scenario `readScenarioSource` resolved to validate a source, handed to the
first `resolveScenario` of it without overrides (then dropped: each call still
returns its own object), so loading a file resolves it once, not twice (~5 ms).
*/
const validated = new WeakMap<ScenarioSource, Scenario>();

/** Read scenario text (`extends` resolved relative to the cwd). Throws ScenarioError. */
export function readScenarioText(text: string, file = '<inline>'): ScenarioSource {
  const problems = new Problems();
  let src: ScenarioSource | undefined;
  try {
    const loaded = loadText(text, file, '.', problems);
    if (loaded.merged) src = { file, tree: loaded.merged, chain: loaded.chain };
  } catch (err) {
    internal(problems, file, err);
  }
  problems.throwIfAny();
  return src!;
}

function internal(problems: Problems, file: string, err: unknown): void {
  if (err instanceof ScenarioError) {
    for (const p of err.problems) problems.add(p, p.path, p.message);
    return;
  }
  const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  problems.add({ file, line: 1, col: 1 }, '', `cannot load the scenario (${msg.slice(0, 200)})`);
}

function resolveInternal(src: ScenarioSource, overrides: readonly Override[] = []): Resolved {
  const problems = new Problems();
  let r: Resolved | undefined;
  try {
    const tree = overrides.length ? applyOverrides(src.tree, overrides, problems) : src.tree;
    if (problems.size === 0) r = resolveTree(tree, src.file, problems);
    if (r) r.scenario.overrides = overrides.map((o) => `${o.path}=${o.value}`);
  } catch (err) {
    internal(problems, src.file, err);
  }
  orderByChain(problems, src);
  problems.throwIfAny();
  return r!;
}

/**
List problems file by file in the order a user reads them: `--set` first, then
the top file, then its bases (a child's bad value before the base formula it
breaks). Within a file, ScenarioError sorts by position.
*/
function orderByChain(problems: Problems, src: ScenarioSource): void {
  const rank = new Map<string, number>([['--set', 0]]);
  src.chain.forEach((c, i) => {
    if (!rank.has(c.file)) rank.set(c.file, i + 1);
  });
  if (!rank.has(src.file)) rank.set(src.file, 1);
  const r = (f: string) => rank.get(f) ?? rank.size + 1;
  problems.list.sort((a, b) => r(a.file) - r(b.file));
}

/** Resolve a source (applying overrides to the merged document first) into a Scenario. Throws ScenarioError. */
export function resolveScenario(src: ScenarioSource, overrides?: Override[]): Scenario {
  if (!overrides?.length) {
    const kept = validated.get(src);
    if (kept) {
      validated.delete(src);
      return kept;
    }
  }
  return resolveInternal(src, overrides).scenario;
}

/** `resolveScenario(readScenarioSource(file), overrides)`. */
export function loadScenario(file: string, overrides?: Override[]): Scenario {
  return resolveScenario(readScenarioSource(file), overrides);
}

/** Load scenario text (tests, fuzzing); `extends` resolves relative to the cwd. */
export function loadScenarioText(text: string, file = '<inline>', overrides?: Override[]): Scenario {
  return resolveScenario(readScenarioText(text, file), overrides);
}

/** Where a value is set in one file of the chain. */
export interface SetIn {
  file: string;
  line: number;
  col: number;
}

export interface Explanation {
  path: string;
  /** As written (with its unit), or the default. */
  value: string;
  /** Resolved value in the base unit (a per-year value gives one number per horizon year). */
  base: number | number[] | string;
  /** Base unit ('' for plain numbers). */
  unit: string;
  /** File that set the value ('(default)' when no file sets it; line and col are then 0). */
  file: string;
  line: number;
  col: number;
  /** Set in a base file of the extends chain, not in the top file. */
  inherited: boolean;
  /** The extends chain, top file first. */
  chain: string[];
  /** Every file of the chain that sets this path, top first (the first one wins). */
  setIn: SetIn[];
}

/** Explain a dotted path: resolved value, unit and which file of the chain set it. Throws ScenarioError for an unknown path. */
export function explainPath(src: ScenarioSource, path: string): Explanation {
  return explainIn(src, resolveInternal(src), path);
}

/**
The base unit of values of `src` by path, as `explainPath` gives it, resolving
the source once for every path asked (`explainPath` resolves it per call):
'' for a path that names no single value.
*/
export function unitsOf(src: ScenarioSource): (path: string) => string {
  const resolved = resolveInternal(src);
  return (path) => {
    try {
      return explainIn(src, resolved, path).unit;
    } catch {
      return '';
    }
  };
}

function explainIn(src: ScenarioSource, { scenario, kinds }: Resolved, path: string): Explanation {
  const segs = splitPath(path);
  const w = walkResolved(scenario, segs);
  const where: Loc = { file: src.file, line: 1, col: 1 };
  if (segs.length === 0 || w.error || w.values.length !== 1 || segs.includes('*')) {
    const msg = segs.length === 0 ? 'empty path' : segs.includes('*') ? 'explain takes one value; `*` is not allowed' : (w.error ?? 'unknown path');
    throw new ScenarioError([{ ...where, path, message: msg }]);
  }
  const v = w.values[0];
  const display = w.concrete[0]!;
  const kind = kinds.get(display);
  const unit = kind ? KINDS[kind].unit : '';
  let base: number | number[] | string;
  if (typeof v === 'number' || typeof v === 'string') base = v;
  else if (v instanceof Float64Array) base = Array.from(v);
  else if (typeof v === 'boolean') base = String(v);
  else base = JSON.stringify(v, (_k, x: unknown) => (x instanceof Float64Array ? Array.from(x) : typeof x === 'function' ? undefined : x));
  // a parameter declared with a range is explained by its value
  const valueOf = (n: LNode | undefined): LNode | undefined =>
    segs.length === 2 && segs[0] === 'parameters' && n?.kind === 'map' ? (n.entries.get('value')?.node ?? n) : n;
  const node = valueOf(nodeAt(src.tree, segs));
  const setIn: SetIn[] = [];
  for (const c of src.chain) {
    const n = valueOf(nodeAt(c.tree, segs));
    if (n) setIn.push({ file: n.loc.file, line: n.loc.line, col: n.loc.col });
  }
  const withUnit = (x: number) => (unit ? `${x} ${unit}` : String(x));
  const value = node
    ? human(node)
    : typeof base === 'number'
      ? withUnit(base)
      : Array.isArray(base)
        ? base.every((x) => x === base[0]) && base.length > 0 ? withUnit(base[0] as number) : `[${base.join(', ')}]`
        : base;
  return {
    path: display,
    value,
    base,
    unit,
    file: node ? node.loc.file : '(default)',
    line: node ? node.loc.line : 0,
    col: node ? node.loc.col : 0,
    inherited: node ? node.loc.file !== (src.chain[0]?.file ?? src.file) : false,
    chain: src.chain.map((c) => c.file),
    setIn,
  };
}

function human(n: LNode): string {
  if (n.kind === 'scalar') return String(n.value);
  return JSON.stringify(toPlain(n));
}

/** The override a lever press makes: `${value} ${lever.unit}` at the lever's path. Throws ScenarioError for an unknown lever. */
export function leverValueOverride(src: ScenarioSource | Scenario, leverId: string, value: number): Override {
  const levers = 'tree' in src ? leversOf(src.tree) : new Map(src.levers.map((l) => [l.id, { path: l.path, unit: l.unit }]));
  const l = levers.get(leverId);
  if (!l) {
    throw new ScenarioError([{ file: src.file, line: 1, col: 1, path: leverId, message: `unknown lever "${leverId}"${didYouMean(leverId, levers.keys())}` }]);
  }
  // a lever with unit "" takes values in the field's base unit
  return l.unit.trim() ? { path: l.path, value: `${value} ${l.unit}` } : { path: l.path, value: String(value), baseUnit: true };
}

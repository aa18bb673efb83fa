/**
Resolution: merged located document → `Scenario` (types.ts), every number in
its base unit, every per-year value a Float64Array over the horizon.

Structure and defaults come from the zod schema (schema.ts), validated section
by section (and list item by list item) so that problems in one part do not
hide problems in another. Then each quantity is parsed with units and checked
for dimension and range, each formula compiled (cached) and evaluated for every
horizon year, and cross-references checked (ids, hub ids, metric names,
uncertainty and lever paths). All problems are collected and thrown together.
*/
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { z } from 'zod';
import { describeValue, didYouMean, Problems, type Loc } from './errors.js';
import { LIMITS, toPlain, type LMap } from './document.js';
import { compileFormula, shortMessage, type CompiledFormula } from './formula.js';
import { METRIC_NAMES } from './metric-names.js';
import { displayPath, locAt, nodeAt, splitPath, type Seg } from './paths.js';
import { isListSchema, isLocalTextSchema, isRentSchema, LocalTextSchema, parseWithoutUnknownKeys, RentQuoteSchema, schemaChild, schemaKeys, ScenarioFileSchema, unwrap, type ScenarioFile } from './schema.js';
import type { LocalText } from './local-text.js';
import type {
  Ai, Card, Competitor, DataCenter, DerivedMetric, ExportControl, Grid, Subsidy, DistributionSpec, FormulaSeries, Hub, Lever, Phase, Scenario, Series, ServerClass, Target, Uncertainty, WorkloadClass,
} from './types.js';
import type { MathNode } from 'mathjs';
import { COMMON_UNITS, isMathName, isValuelessUnit, KINDS, parse, plainAllowed, suggestUnit, toBase, unitFits, type Kind } from './units.js';
import { cholesky } from './cholesky.js';
import { compileNumeric, metricEvaluator, seriesEvaluator } from './numeric.js';

type File = Partial<ScenarioFile>;
type Item<K extends keyof ScenarioFile> = ScenarioFile[K] extends (infer T)[] ? T : never;

/** What resolution learns about each field, for `explain`, levers and uncertainty. */
export interface Resolved {
  scenario: Scenario;
  /** Kind of quantity of each resolved field, by display path (`datacenters.apple.pue`). */
  kinds: Map<string, Kind>;
}

interface Range {
  min?: number;
  max?: number;
  gt?: number;
  what?: string;
}

const SHARE: Range = { min: 0, max: 1, what: 'a share' };
const NONNEG: Range = { min: 0 };
const POS: Range = { gt: 0 };
const PUE: Range = { min: 1, max: 3, what: 'a PUE' };
/**
IT power of one standard rack, kW: the model's rack unit. The same number as
KW_PER_STANDARD_RACK in src/model/constants.ts (src/scenario sits above
src/model in the data flow and does not import it).
*/
const STANDARD_RACK_KW = 2.5;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

class Ctx {
  readonly kinds = new Map<string, Kind>();
  readonly formulas: FormulaSeries[] = [];
  usdRate = 7.1;
  start = 2020;
  years = 11;
  params: Record<string, number> = {};
  readonly paramNames = new Set<string>();
  /** Parameters the document declares but that failed their own check: formulas reading them are
  not reported again (one problem, not one per formula). */
  readonly brokenParams = new Set<string>();
  /** Declared ranges of parameters (`{value, min, max}`). */
  readonly paramRanges = new Map<string, { min?: number; max?: number }>();
  /** Formulas that failed, by parameter they read that was set in another file than the formula. */
  readonly blamed = new Map<string, { path: string; loc: Loc; year: number }[]>();
  constructor(
    readonly tree: LMap,
    readonly problems: Problems,
  ) {}

  loc(path: readonly Seg[], atKey = false): Loc {
    return locAt(this.tree, path, atKey);
  }
  disp(path: readonly Seg[]): string {
    return displayPath(this.tree, path);
  }
  add(path: readonly Seg[], message: string, atKey = false): void {
    this.problems.add(this.loc(path, atKey), this.disp(path), message);
  }

  /** Path of a parameter's value: `parameters.x`, or `parameters.x.value` when it is declared with a range. */
  paramPath(name: string): Seg[] {
    const n = nodeAt(this.tree, ['parameters', name]);
    return n?.kind === 'map' && n.entries.has('value') ? ['parameters', name, 'value'] : ['parameters', name];
  }

  /**
  A plain non-zero number where the field has a unit (money, power, ...): a
  problem naming the unit to give, unless the value was given in the base unit
  on purpose (a lever with unit "" or a sweep). True if the value may stand.
  */
  unitGiven(path: readonly Seg[], v: number, kind: Kind, shown: string, hint: readonly Seg[] = path): boolean {
    if (v === 0 || !Number.isFinite(v) || plainAllowed(kind)) return true;
    const n = nodeAt(this.tree, path);
    if (n?.kind === 'scalar' && n.baseUnit) return true;
    const unit = suggestUnit(v, kind, hintPath(hint));
    this.add(path, `${shown} is a plain number: give a unit, e.g. "${fmtNum(v)} ${unit}"`);
    return false;
  }

  /** Remember that a formula at `path` failed in `year`, for parameters it reads that another file (or --set) set. */
  blame(path: readonly Seg[], params: readonly string[], year: number): void {
    const at = this.loc(path);
    for (const name of params) {
      const ploc = this.loc(this.paramPath(name));
      if (ploc.file === at.file) continue;
      let list = this.blamed.get(name);
      if (!list) this.blamed.set(name, (list = []));
      list.push({ path: this.disp(path), loc: at, year });
    }
  }

  /** One problem per blamed parameter, at the line that set it. */
  reportBlame(): void {
    for (const [name, list] of this.blamed) {
      const first = list[0]!;
      const rest = list.slice(1).map((b) => b.path);
      const also = rest.length === 0 ? '' : `; also ${rest.slice(0, 5).join(', ')}${rest.length > 5 ? ` and ${rest.length - 5} more` : ''}`;
      const where = `${first.loc.file}:${first.loc.line}:${first.loc.col}`;
      this.problems.add(this.loc(this.paramPath(name)), `parameters.${name}`, `${name} = ${fmtNum(this.params[name]!)} set here makes the formula of ${first.path} (${where}) invalid in ${first.year}${also}`);
    }
  }

  /** Range check; adds a problem and returns false when out of range. */
  inRange(path: readonly Seg[], v: number, kind: Kind, r: Range | undefined, suffix = ''): boolean {
    if (!Number.isFinite(v)) {
      this.add(path, `${suffix}expected a finite number, got ${v}`);
      return false;
    }
    if (!r) return true;
    const u = KINDS[kind].unit;
    const fmt = (x: number) => (u ? `${fmtNum(x)} ${u}` : fmtNum(x));
    const what = r.what ? `${r.what} ` : '';
    let bad = false;
    let expect = '';
    if (r.min !== undefined && r.max !== undefined) {
      bad = v < r.min || v > r.max;
      expect = `${what}must be between ${fmt(r.min)} and ${fmt(r.max)}`;
    } else if (r.min !== undefined) {
      bad = v < r.min;
      expect = `${what}must be at least ${fmt(r.min)}${r.min === 0 ? ' (not negative)' : ''}`;
    } else if (r.max !== undefined) {
      bad = v > r.max;
      expect = `${what}must be at most ${fmt(r.max)}`;
    }
    if (!bad && r.gt !== undefined && !(v > r.gt)) {
      bad = true;
      expect = `${what}must be greater than ${fmt(r.gt)}`;
    }
    if (bad) this.add(path, `${suffix}${expect}, got ${fmt(v)}`);
    return !bad;
  }

  /** A single quantity in the base unit of `kind`; NaN (with a problem) when invalid. `hint` names the field for unit suggestions (default `path`). */
  q(path: readonly Seg[], input: unknown, kind: Kind, range?: Range, hint?: readonly Seg[]): number {
    this.kinds.set(this.disp(path), kind);
    let v: number;
    if (typeof input === 'number') {
      if (!this.unitGiven(path, input, kind, String(input), hint)) return NaN;
      v = input;
    } else if (typeof input === 'string') {
      const r = this.constant(path, input, kind, hint);
      if (r === undefined) return NaN;
      v = r;
    } else {
      this.add(path, `expected ${KINDS[kind].what}, got ${describeValue(input)}`);
      return NaN;
    }
    return this.inRange(path, v, kind, range) ? v : NaN;
  }

  /** A quantity string without variables. */
  private constant(path: readonly Seg[], text: string, kind: Kind, hint?: readonly Seg[]): number | undefined {
    const c = compileFormula(text);
    if (!c.ok) {
      this.add(path, c.message);
      return undefined;
    }
    for (const s of c.formula.symbols) {
      if (isValuelessUnit(s) && !isMathName(s)) continue;
      if (s === 'year' || this.paramNames.has(s)) continue; // 'year' is a unit here
      this.add(path, unknownName(s, c.formula.text, [...COMMON_UNITS]));
      return undefined;
    }
    const vars = c.formula.symbols.filter((s) => this.paramNames.has(s));
    if (vars.length > 0) {
      this.add(path, `"${text}" reads ${vars.join(', ')}: parameters can only be used in per-year (series) fields`);
      return undefined;
    }
    let raw: unknown;
    try {
      raw = evalConst(c.formula);
    } catch (err) {
      this.add(path, `cannot evaluate "${text}": ${shortMessage(err)}`);
      return undefined;
    }
    const r = toBase(raw, kind, this.usdRate, text);
    if (!r.ok) {
      this.add(path, r.message);
      return undefined;
    }
    if (typeof raw === 'number' && !this.unitGiven(path, raw, kind, JSON.stringify(text), hint)) return undefined;
    return r.value;
  }

  /** A per-year value (Series). */
  series(path: readonly Seg[], input: unknown, kind: Kind, range: Range | undefined, zeroOutside = false): Series {
    const out = new Float64Array(this.years);
    this.kinds.set(this.disp(path), kind);
    if (typeof input === 'number') {
      if (this.unitGiven(path, input, kind, String(input)) && this.inRange(path, input, kind, range)) out.fill(input);
      return out;
    }
    if (typeof input === 'string') {
      const c = compileFormula(input);
      if (!c.ok) {
        this.add(path, c.message);
        return out;
      }
      const f = c.formula;
      const params: string[] = [];
      let usesYear = false;
      for (const s of f.symbols) {
        if (s === 'year') usesYear = true;
        else if (this.paramNames.has(s)) params.push(s);
        else if (this.brokenParams.has(s)) return out;
        else if (!(isValuelessUnit(s) && !isMathName(s))) {
          this.add(path, unknownName(s, f.text, ['year', ...this.paramNames, ...COMMON_UNITS]));
          return out;
        }
      }
      if (!usesYear && params.length === 0) {
        const v = this.q(path, input, kind, range);
        if (!Number.isNaN(v)) out.fill(v);
        return out;
      }
      const usdRate = this.usdRate;
      const scope = new Map<string, number>();
      const defaults = this.params;
      const evaluate = (year: number, p: Record<string, number>): number => {
        scope.set('year', year);
        for (const name of params) scope.set(name, p[name] ?? defaults[name]!);
        const r = toBase(f.code.evaluate(scope), kind, usdRate, f.text);
        return r.ok ? r.value : NaN;
      };
      for (let i = 0; i < this.years; i++) {
        const year = this.start + i;
        scope.set('year', year);
        for (const name of params) scope.set(name, this.params[name]!);
        let raw: unknown;
        try {
          raw = f.code.evaluate(scope);
        } catch (err) {
          this.add(path, `formula "${f.text}" fails in ${year}: ${shortMessage(err)}`);
          this.blame(path, params, year);
          return out;
        }
        const r = toBase(raw, kind, usdRate, f.text);
        if (!r.ok) {
          this.add(path, `formula "${f.text}" in ${year}: ${r.message}`);
          return out;
        }
        if (Number.isNaN(r.value)) {
          this.add(path, `formula "${f.text}" gives NaN in ${year}`);
          this.blame(path, params, year);
          return out;
        }
        if (!Number.isFinite(r.value)) {
          this.add(path, `formula "${f.text}" gives ${r.value > 0 ? '' : '-'}Infinity in ${year}`);
          this.blame(path, params, year);
          return out;
        }
        if (typeof raw === 'number' && raw !== 0 && !plainAllowed(kind)) {
          const unit = suggestUnit(raw, kind, hintPath(path));
          this.add(path, `formula "${f.text}" gives a plain number (${fmtNum(raw)} in ${year}): give it a unit, e.g. "${formulaWithUnit(f.text, unit)}"`);
          return out;
        }
        if (!this.inRange(path, r.value, kind, range, `formula "${f.text}" in ${year}: `)) {
          this.blame(path, params, year);
          return out;
        }
        out[i] = r.value;
      }
      // the same formula as plain JavaScript, when it is plain arithmetic and gives these very bits every year
      const numeric = compileNumeric(f.node, (n) => n === 'year' || params.includes(n));
      const resolvedWith = { ...defaults };
      const fast = numeric && seriesEvaluator(numeric, resolvedWith);
      if (fast && out.every((v, i) => Object.is(fast(this.start + i, resolvedWith), v))) {
        this.formulas.push({ path: path.join('.'), formula: f.text, params, evaluate: fast, numeric: { ...numeric, defaults: resolvedWith } });
      } else {
        this.formulas.push({ path: path.join('.'), formula: f.text, params, evaluate });
      }
      return out;
    }
    if (input && typeof input === 'object' && !Array.isArray(input)) {
      const points: [number, number][] = [];
      for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
        const year = Number(k);
        const p = [...path, k];
        const val = this.q(p, v, kind, range);
        this.kinds.delete(this.disp(p));
        if (Number.isNaN(val)) continue;
        points.push([year, val]);
      }
      this.kinds.set(this.disp(path), kind);
      points.sort((a, b) => a[0] - b[0]);
      for (let i = 0; i < this.years; i++) out[i] = interpolate(points, this.start + i, zeroOutside);
      return out;
    }
    this.add(path, `expected a per-year value, got ${describeValue(input)}`);
    return out;
  }
}

/**
A formula with a unit, for suggestions: the unit after its leading number when
that number multiplies the whole formula ("0.387 * 0.98 ^ (year - 2022)" →
"0.387 kg/kWh * 0.98 ^ (year - 2022)"), else "(formula) * 1 unit".
*/
export function formulaWithUnit(text: string, unit: string): string {
  const lead = /^\s*(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)(?![\w.])/.exec(text);
  if (lead && !/^\s*(thousand|million|billion|trillion)\b/.test(text.slice(lead[0].length))) {
    try {
      let n: MathNode = parse(text);
      while (n.type === 'OperatorNode' && ['multiply', 'divide'].includes((n as unknown as { fn: string }).fn)) n = (n as unknown as { args: MathNode[] }).args[0]!;
      if (n.type === 'ConstantNode') return `${lead[1]} ${unit}${text.slice(lead[0].length)}`;
    } catch {
      // fall through
    }
  }
  return `(${text}) * 1 ${unit}`;
}

/** A path as strings, for unit hints (list indices and ids alike). */
function hintPath(path: readonly Seg[]): string[] {
  return path.map(String);
}

function interpolate(points: [number, number][], year: number, zeroOutside: boolean): number {
  if (points.length === 0) return 0;
  if (zeroOutside) {
    const hit = points.find((p) => p[0] === year);
    return hit ? hit[1] : 0;
  }
  if (year <= points[0]![0]) return points[0]![1];
  const last = points[points.length - 1]!;
  if (year >= last[0]) return last[1];
  for (let i = 1; i < points.length; i++) {
    const [y1, v1] = points[i]!;
    if (year <= y1) {
      const [y0, v0] = points[i - 1]!;
      return v0 + ((v1 - v0) * (year - y0)) / (y1 - y0);
    }
  }
  return last[1];
}

const constCache = new Map<string, unknown>();
function evalConst(f: CompiledFormula): unknown {
  if (constCache.has(f.text)) return constCache.get(f.text);
  const v: unknown = f.code.evaluate(new Map());
  if (constCache.size > 5000) constCache.clear();
  constCache.set(f.text, v);
  return v;
}

function unknownName(name: string, text: string, candidates: string[]): string {
  return `unknown name "${name}" in "${text}"${didYouMean(name, candidates)}`;
}

function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1e6 || (Math.abs(x) < 1e-3 && x !== 0)) return x.toPrecision(4).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(10)));
}

/** SHA-256 of a canonical JSON (sorted keys) of a plain document. */
export function canonicalHash(plain: unknown): string {
  return createHash('sha256').update(canonicalJson(plain)).digest('hex');
}

function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

// --- structure ---------------------------------------------------------------

function validate(plain: Record<string, unknown>, ctx: Ctx): File {
  const shape = ScenarioFileSchema.shape as Record<string, z.ZodType>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(plain)) {
    if (!Object.prototype.hasOwnProperty.call(shape, k)) ctx.add([k], `unknown key "${k}"${didYouMean(k, Object.keys(shape))}`, true);
  }
  for (const [key, schema] of Object.entries(shape)) {
    const value = Object.prototype.hasOwnProperty.call(plain, key) ? plain[key] : undefined;
    if (isListSchema(schema) && Array.isArray(value)) {
      const el = schemaChild(schema, 0)!;
      out[key] = value.map((item, i) => parsePart(el, item, [key, i], ctx));
    } else {
      const data = parsePart(schema, value, [key], ctx);
      if (data !== undefined) out[key] = data;
    }
  }
  return out;
}

/**
Parse one part; report its issues. When the only issues are unknown keys, parse
again without them so the rest of the part is still checked for units/ranges.
*/
function parsePart(schema: z.ZodType, value: unknown, prefix: Seg[], ctx: Ctx): unknown {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) return r.data;
  reportIssues(r.error.issues, prefix, ctx);
  // a map of named values (`parameters`): keep the entries that are fine, so one bad entry
  // does not hide the others (and every formula that reads them)
  if (prefix.length === 1 && prefix[0] === 'parameters' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const copy = { ...(value as Record<string, unknown>) };
    for (const iss of r.error.issues) if (iss.path.length > 0) delete copy[String(iss.path[0])];
    const again = schema.safeParse(copy);
    return again.success ? again.data : undefined;
  }
  return parseWithoutUnknownKeys(schema, value, r.error.issues);
}

function reportIssues(issues: readonly z.core.$ZodIssue[], prefix: Seg[], ctx: Ctx): void {
  for (const iss of issues) {
    const path: Seg[] = [...prefix, ...(iss.path as Seg[])];
    if (iss.code === 'unrecognized_keys') {
      const keys = schemaKeysAt(path) ?? [];
      for (const k of iss.keys) ctx.add([...path, k], `unknown key "${k}"${didYouMean(k, keys)}`, true);
      continue;
    }
    if (iss.code === 'invalid_key') {
      ctx.add(path, `invalid key: ${iss.issues?.[0]?.message ?? iss.message}`, true);
      continue;
    }
    // a rent given as a quote {price, rackPower, includesPower}, or a name as {en, zh}: report its problems key by key
    if (iss.code === 'invalid_union' && isMapping((iss as { input?: unknown }).input)) {
      const s = schemaAt(path);
      const option = s && isRentSchema(s) ? RentQuoteSchema : s && isLocalTextSchema(s) ? LocalTextSchema : undefined;
      if (s && option) {
        const k = ((unwrap(s) as z.ZodUnion).options as z.ZodType[]).indexOf(option);
        const sub = iss.errors[k];
        if (sub && sub.length > 0) {
          reportIssues(sub, path, ctx);
          continue;
        }
      }
    }
    const exists = nodeAt(ctx.tree, path) !== undefined;
    const last = path[path.length - 1];
    if (!exists && (iss as { input?: unknown }).input === undefined && (last === 'en' || last === 'zh') && isLocalTextSchema(schemaAt(path.slice(0, -1)))) {
      ctx.add(path, iss.message);
      continue;
    }
    if (!exists && (iss as { input?: unknown }).input === undefined) {
      ctx.add(path, `missing required key "${String(last)}"`);
      continue;
    }
    ctx.add(path, iss.message.replace(/^Invalid input: /, ''));
  }
}

/**
A name, label or description as the file gives it: English only, or `{en, zh}`.
The English text (or `fallback`) is the resolved field; the Chinese one goes to
the field's `…Zh` twin, and only when given (never an empty key).
*/
function bilingual(text: LocalText | undefined, fallback: string): { en: string; zh?: string } {
  if (text === undefined) return { en: fallback };
  if (typeof text === 'string') return { en: text };
  return { en: text.en, zh: text.zh };
}

/** `{name, nameZh?}` from a name field. */
function named(text: LocalText | undefined, fallback: string): { name: string; nameZh?: string } {
  const b = bilingual(text, fallback);
  return b.zh !== undefined ? { name: b.en, nameZh: b.zh } : { name: b.en };
}

function schemaAt(path: readonly Seg[]): z.ZodType | undefined {
  let s: z.ZodType | undefined = ScenarioFileSchema;
  for (const seg of path) {
    s = s && schemaChild(s, seg);
    if (!s) return undefined;
  }
  return s;
}

function schemaKeysAt(path: Seg[]): string[] | undefined {
  const s = schemaAt(path);
  return s && schemaKeys(s);
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function checkUniqueIds(ctx: Ctx, path: Seg[], items: readonly ({ id: string } | undefined)[]): void {
  const seen = new Map<string, number>();
  items.forEach((it, i) => {
    if (!it) return;
    const first = seen.get(it.id);
    if (first !== undefined) {
      const l = ctx.loc([...path, first, 'id']);
      ctx.problems.add(ctx.loc([...path, i, 'id']), ctx.disp([...path, i]), `duplicate id "${it.id}" (first used at line ${l.line})`);
    } else seen.set(it.id, i);
  });
}

// --- the resolver ------------------------------------------------------------

/** Resolve a merged document. Throws ScenarioError with every problem. */
export function resolveTree(tree: LMap, file: string, problems: Problems): Resolved {
  const ctx = new Ctx(tree, problems);
  const plain = toPlain(tree) as Record<string, unknown>;
  const f = validate(plain, ctx);

  // horizon, money rate, parameters first: everything else depends on them
  if (f.horizon) {
    const { start, end } = f.horizon;
    if (start < 1900 || start > 2200) ctx.add(['horizon', 'start'], `the horizon must start between 1900 and 2200, got ${start}`);
    else if (end < start) ctx.add(['horizon', 'end'], `the horizon must end in or after its start year ${start}, got ${end}`);
    else if (end - start > 100) ctx.add(['horizon', 'end'], `the horizon may span at most 100 years, got ${end - start + 1}`);
    else {
      ctx.start = start;
      ctx.years = end - start + 1;
    }
  }
  if (f.usdRate !== undefined) {
    const r = ctx.q(['usdRate'], f.usdRate, 'money', POS);
    if (!Number.isNaN(r)) ctx.usdRate = r;
  }
  const parameters: Record<string, number> = {};
  for (const [name, decl] of Object.entries(f.parameters ?? {})) {
    const p = ['parameters', name];
    const v = typeof decl === 'number' ? decl : decl.value;
    const vp = typeof decl === 'number' ? p : [...p, 'value'];
    if (!IDENT.test(name)) ctx.add(p, `parameter names must be identifiers (letters, digits, _), got "${name}"`, true);
    else if (name === 'year') ctx.add(p, '"year" is reserved: it is the calendar year in formulas', true);
    else if (isValuelessUnit(name)) ctx.add(p, `"${name}" is a unit name; choose another parameter name`, true);
    else if (isMathName(name)) ctx.add(p, `"${name}" is a built-in function or constant; choose another parameter name`, true);
    else if (!Number.isFinite(v)) ctx.problems.add(ctx.loc(vp), ctx.disp(p), `expected a finite number, got ${v}`);
    else if (typeof decl !== 'number' && !paramInRange(ctx, name, v, decl)) {
      // reported; formulas reading it are not evaluated
    } else {
      parameters[name] = v;
      ctx.paramNames.add(name);
      ctx.kinds.set(`parameters.${name}`, 'number');
    }
  }
  ctx.params = parameters;
  const declared = plain.parameters;
  if (declared && typeof declared === 'object') {
    for (const name of Object.keys(declared)) if (!ctx.paramNames.has(name)) ctx.brokenParams.add(name);
  }

  const c = f.construction;
  const construction = {
    costPerRack: c ? ctx.q(['construction', 'costPerRack'], c.costPerRack, 'moneyPerRack', POS) : NaN,
    delayFactor: c ? ctx.q(['construction', 'delayFactor'], c.delayFactor, 'number', POS) : NaN,
    overrunFactor: c ? ctx.q(['construction', 'overrunFactor'], c.overrunFactor, 'number', POS) : NaN,
    fillMonths: c ? ctx.q(['construction', 'fillMonths'], c.fillMonths, 'duration', NONNEG) : NaN,
    startOccupancy: c ? ctx.q(['construction', 'startOccupancy'], c.startOccupancy, 'number', SHARE) : NaN,
    cancelProbability: c ? ctx.q(['construction', 'cancelProbability'], c.cancelProbability, 'number', { ...SHARE, what: 'a probability' }) : NaN,
    deferProbability: c ? ctx.q(['construction', 'deferProbability'], c.deferProbability, 'number', { ...SHARE, what: 'a probability' }) : NaN,
    deferMonths: c ? ctx.q(['construction', 'deferMonths'], c.deferMonths, 'duration', NONNEG) : NaN,
    physicalRackPower: c ? ctx.q(['construction', 'physicalRackPower'], c.physicalRackPower, 'power', POS) : NaN,
  };
  const inv = f.investment;
  const investment = {
    total: inv ? ctx.q(['investment', 'total'], inv.total, 'money', NONNEG) : NaN,
    profile: inv ? ctx.series(['investment', 'profile'], inv.profile, 'number', SHARE, true) : new Float64Array(ctx.years),
  };

  const sv = f.servers;
  const serverClass = (name: 'general' | 'ai'): ServerClass => {
    const k = sv?.classes[name];
    const p = ['servers', 'classes', name];
    return {
      power: k ? ctx.q([...p, 'power'], k.power, 'power', POS) : NaN,
      rackShare: k ? ctx.q([...p, 'rackShare'], k.rackShare, 'racks', POS) : NaN,
      compute: k ? ctx.q([...p, 'compute'], k.compute, 'compute', NONNEG) : NaN,
      price: k ? ctx.q([...p, 'price'], k.price, 'money', NONNEG) : NaN,
      lifetime: k ? ctx.q([...p, 'lifetime'], k.lifetime, 'duration', POS) : NaN,
      cards: k ? ctx.q([...p, 'cards'], k.cards, 'number', NONNEG) : NaN,
    };
  };
  const servers = {
    perRack: sv ? ctx.q(['servers', 'perRack'], sv.perRack, 'serversPerRack', POS) : NaN,
    aiShare: sv ? ctx.series(['servers', 'aiShare'], sv.aiShare, 'number', SHARE) : new Float64Array(ctx.years),
    classes: { general: serverClass('general'), ai: serverClass('ai') },
  };
  for (const name of ['general', 'ai'] as const) checkRackBudget(ctx, name, servers.classes[name]);

  // data centers
  const dcsIn = f.datacenters ?? [];
  checkUniqueIds(ctx, ['datacenters'], dcsIn);
  const totalPhases = dcsIn.reduce((n, d) => n + (d?.phases.length ?? 0), 0);
  if (totalPhases > LIMITS.phases) ctx.add(['datacenters'], `${totalPhases} phases in all; at most ${LIMITS.phases} are allowed`);
  const datacenters: DataCenter[] = [];
  if (totalPhases <= LIMITS.phases) {
    dcsIn.forEach((d, i) => {
      if (!d) return;
      const p = ['datacenters', i];
      checkUniqueIds(ctx, [...p, 'phases'], d.phases);
      const pue = ctx.q([...p, 'pue'], d.pue, 'number', PUE);
      const phases: Phase[] = d.phases.map((ph, j) => resolvePhase(ctx, [...p, 'phases', j], ph, construction.costPerRack, pue));
      const dc: DataCenter = {
        id: d.id,
        ...named(d.name, d.id),
        pue,
        serversPerRack: d.serversPerRack !== undefined ? ctx.q([...p, 'serversPerRack'], d.serversPerRack, 'serversPerRack', POS) : servers.perRack,
        assumed: d.assumed,
        ownUse: d.ownUse,
        ownerDemand: ownerDemand(ctx, p, d.ownUse, d.ownerDemand),
        phases,
      };
      if (d.operator !== undefined) dc.operator = d.operator;
      datacenters.push(dc);
    });
  }

  // demand side
  const hubsIn = f.hubs ?? [];
  checkUniqueIds(ctx, ['hubs'], hubsIn);
  const hubs: Hub[] = [];
  hubsIn.forEach((h, i) => {
    if (!h) return;
    const p = ['hubs', i];
    const demand = ctx.series([...p, 'demand'], h.demand, 'racks', NONNEG);
    const latency = ctx.q([...p, 'latency'], h.latency, 'latency', NONNEG);
    const electricityPrice = ctx.series([...p, 'electricityPrice'], h.electricityPrice, 'powerPrice', NONNEG);
    const pue = ctx.q([...p, 'pue'], h.pue, 'number', PUE);
    const before = ctx.problems.size;
    const gridFactor = ctx.series([...p, 'gridFactor'], h.gridFactor, 'carbonFactor', NONNEG);
    const residualFactor = residual(ctx, p, h.residualFactor, gridFactor, ctx.problems.size === before);
    const greenShare = ctx.series([...p, 'greenShare'], h.greenShare, 'number', SHARE);
    hubs.push({ id: h.id, ...named(h.name, h.id), demand, latency, electricityPrice, pue, gridFactor, residualFactor, greenShare, ...rentOf(ctx, p, h.rent, h.rentIncludesPower) });
  });
  const hubIds = hubs.map((h) => h.id);

  const wlIn = f.workloads ?? [];
  checkUniqueIds(ctx, ['workloads'], wlIn);
  const workloads: WorkloadClass[] = [];
  wlIn.forEach((w, i) => {
    if (!w) return;
    const p = ['workloads', i];
    workloads.push({
      id: w.id,
      ...named(w.name, w.id),
      share: ctx.q([...p, 'share'], w.share, 'number', SHARE),
      latencyTolerance: ctx.q([...p, 'latencyTolerance'], w.latencyTolerance, 'latency', NONNEG),
      movable: ctx.q([...p, 'movable'], w.movable, 'number', SHARE),
    });
  });
  if (workloads.length > 0 && workloads.length === wlIn.length && workloads.every((w) => Number.isFinite(w.share))) {
    const sum = workloads.reduce((s, w) => s + w.share, 0);
    if (Math.abs(sum - 1) > 0.001) ctx.add(['workloads'], `workload shares must sum to 1 (±0.001), got ${fmtNum(sum)}`);
  }

  const localDemand = f.localDemand !== undefined ? ctx.series(['localDemand'], f.localDemand, 'racks', NONNEG) : new Float64Array(ctx.years);

  const compIn = f.competitors ?? [];
  checkUniqueIds(ctx, ['competitors'], compIn);
  const competitors: Competitor[] = [];
  compIn.forEach((k, i) => {
    if (!k) return;
    const p = ['competitors', i];
    const latency: Record<string, number> = {};
    for (const [hub, v] of Object.entries(k.latency)) {
      if (hubsIn.length === hubs.length && !hubIds.includes(hub)) {
        ctx.add([...p, 'latency', hub], `unknown hub "${hub}"${didYouMean(hub, hubIds)}; latency keys must be hub ids (${hubIds.join(', ') || 'no hubs defined'})`, true);
        continue;
      }
      latency[hub] = ctx.q([...p, 'latency', hub], v, 'latency', NONNEG);
    }
    competitors.push({
      id: k.id,
      ...named(k.name, k.id),
      electricityPrice: ctx.series([...p, 'electricityPrice'], k.electricityPrice, 'powerPrice', NONNEG),
      pue: ctx.q([...p, 'pue'], k.pue, 'number', PUE),
      ...rentOf(ctx, p, k.rent, k.rentIncludesPower),
      capacity: k.capacity !== undefined ? ctx.series([...p, 'capacity'], k.capacity, 'racks', NONNEG) : unbounded(ctx, [...p, 'capacity']),
      latency,
      incentive: ctx.series([...p, 'incentive'], k.incentive, 'rackMonthPrice', undefined),
      racks: k.racks !== undefined ? ctx.series([...p, 'racks'], k.racks, 'racks', NONNEG) : notGiven(ctx, [...p, 'racks'], 'racks'),
      localLoad: ctx.series([...p, 'localLoad'], k.localLoad, 'racks', NONNEG),
      greenShare: ctx.series([...p, 'greenShare'], k.greenShare, 'number', SHARE),
      gridCapacity: k.gridCapacity !== undefined ? ctx.series([...p, 'gridCapacity'], k.gridCapacity, 'power', NONNEG) : unbounded(ctx, [...p, 'gridCapacity'], 'power'),
    });
  });

  const gr = f.grid;
  const grid: Grid = {
    capacity: gr?.capacity !== undefined ? ctx.series(['grid', 'capacity'], gr.capacity, 'power', NONNEG) : unbounded(ctx, ['grid', 'capacity'], 'power'),
    substations: (gr?.substations ?? []).map((b, i) => ({
      id: b.id,
      month: startMonth(ctx, ['grid', 'substations', i, 'date'], b.date),
      capacity: ctx.q(['grid', 'substations', i, 'capacity'], b.capacity, 'power', NONNEG),
    })),
    peakFactor: gr ? ctx.q(['grid', 'peakFactor'], gr.peakFactor, 'number', { min: 1, max: 3, what: 'a peak-to-mean ratio' }) : 1,
  };
  if (gr) checkUniqueIds(ctx, ['grid', 'substations'], gr.substations);
  if (gr && gr.substations.length > 0 && gr.capacity === undefined) ctx.add(['grid', 'substations'], 'substations add to grid.capacity: give grid.capacity (the connection before them) too', true);

  const ai = resolveAi(ctx, f.ai);

  const t = f.transfer;
  const transfer = {
    adoption: t ? ctx.q(['transfer', 'adoption'], t.adoption, 'duration', POS) : NaN,
    initialAdoption: t ? ctx.q(['transfer', 'initialAdoption'], t.initialAdoption, 'number', SHARE) : NaN,
    incentive: t ? ctx.series(['transfer', 'incentive'], t.incentive, 'rackMonthPrice', undefined) : new Float64Array(ctx.years),
    costSensitivity: t ? ctx.q(['transfer', 'costSensitivity'], t.costSensitivity, 'perRackMonthPrice', NONNEG) : NaN,
    latencyCost: t ? ctx.q(['transfer', 'latencyCost'], t.latencyCost, 'rackMonthPrice', NONNEG) : NaN,
    transit: t ? ctx.q(['transfer', 'transit'], t.transit, 'rackMonthPrice', NONNEG) : NaN,
    // a duration read in years (kind durationYears), so levers and uncertainty on it are in years too
    contractYears: t ? ctx.q(['transfer', 'contractYears'], t.contractYears, 'durationYears', NONNEG) : NaN,
  };

  const e = f.energy;
  const gridBefore = ctx.problems.size;
  const gridFactor = e ? ctx.series(['energy', 'gridFactor'], e.gridFactor, 'carbonFactor', NONNEG) : new Float64Array(ctx.years);
  const energy = {
    electricityPrice: e ? ctx.series(['energy', 'electricityPrice'], e.electricityPrice, 'powerPrice', NONNEG) : new Float64Array(ctx.years),
    gridFactor,
    residualFactor: e ? residual(ctx, ['energy'], e.residualFactor, gridFactor, ctx.problems.size === gridBefore) : new Float64Array(ctx.years),
    greenShare: e ? ctx.series(['energy', 'greenShare'], e.greenShare, 'number', SHARE) : new Float64Array(ctx.years),
    wue: e ? ctx.q(['energy', 'wue'], e.wue, 'waterFactor', NONNEG) : NaN,
    monthlyTemp: e ? e.monthlyTemp.slice() : [],
    pueTempSensitivity: e ? ctx.q(['energy', 'pueTempSensitivity'], e.pueTempSensitivity, 'number', NONNEG) : NaN,
    pueCap: e ? ctx.q(['energy', 'pueCap'], e.pueCap, 'number', { min: 0, max: 3 }) : NaN,
    pueFixedShare: e ? ctx.q(['energy', 'pueFixedShare'], e.pueFixedShare, 'number', SHARE) : NaN,
    gridMonthly: e ? gridMonthly(ctx, e.generationMix) : new Array<number>(12).fill(1),
    capacityCharge: e ? ctx.q(['energy', 'capacityCharge'], e.capacityCharge, 'kvaMonthPrice', NONNEG) : 0,
    powerFactor: e ? ctx.q(['energy', 'powerFactor'], e.powerFactor, 'number', { gt: 0, max: 1, what: 'a power factor' }) : 1,
    subsidies: (e?.subsidies ?? []).map((b, i): Subsidy => {
      const p = ['energy', 'subsidies', i];
      const month = startMonth(ctx, [...p, 'from'], b.from);
      const until = b.until !== undefined ? startMonth(ctx, [...p, 'until'], b.until) : Infinity;
      if (until < month) ctx.add([...p, 'until'], 'until is before from');
      return { id: b.id, month, until, share: ctx.q([...p, 'share'], b.share, 'number', SHARE), domesticOnly: b.domesticOnly };
    }),
  };
  if (e) checkUniqueIds(ctx, ['energy', 'subsidies'], e.subsidies);
  // CNY/kWh has the dimensions of CNY/kVA/month (both money per power-time): say which one is meant
  if (e && typeof e.capacityCharge === 'string' && /Wh\b/.test(e.capacityCharge)) {
    ctx.add(['energy', 'capacityCharge'], `a capacity charge is per kVA of peak demand per month (e.g. "32 CNY/kVA/month"), not per kWh: the energy charge is energy.electricityPrice`);
  }
  if (e) {
    e.monthlyTemp.forEach((v, i) => ctx.inRange(['energy', 'monthlyTemp', i], v, 'number', { min: -60, max: 60, what: 'a monthly mean temperature (°C)' }));
    if (energy.pueCap > 0 && energy.pueCap < 1) ctx.add(['energy', 'pueCap'], `pueCap must be 0 (no cap) or at least 1, got ${energy.pueCap}`);
  }

  const n = f.network;
  const network = {
    capacity: n ? ctx.series(['network', 'capacity'], n.capacity, 'dataRate', NONNEG) : new Float64Array(ctx.years),
    perRack: n ? ctx.q(['network', 'perRack'], n.perRack, 'dataRate', NONNEG) : NaN,
    maxUtilization: n ? ctx.q(['network', 'maxUtilization'], n.maxUtilization, 'number', SHARE) : NaN,
  };

  const ec = f.economics;
  const economics = {
    ...(ec ? rentOf(ctx, ['economics'], ec.rent, ec.rentIncludesPower) : { rent: NaN, rentIncludesPower: true }),
    om: ec ? ctx.q(['economics', 'om'], ec.om, 'rackMonthPrice', NONNEG) : NaN,
    discountRate: ec ? ctx.q(['economics', 'discountRate'], ec.discountRate, 'number', { min: 0, max: 1, what: 'a discount rate' }) : NaN,
    constructionJobsPerMW: ec ? ctx.q(['economics', 'constructionJobsPerMW'], ec.constructionJobsPerMW, 'number', NONNEG) : NaN,
    opsJobsPer1000Racks: ec ? ctx.q(['economics', 'opsJobsPer1000Racks'], ec.opsJobsPer1000Racks, 'number', NONNEG) : NaN,
    wage: ec ? ctx.q(['economics', 'wage'], ec.wage, 'money', NONNEG) : NaN,
  };

  const plainNoExtends = { ...plain };
  delete plainNoExtends.extends;
  const description = bilingual(f.description, '');
  const scenario: Scenario = {
    ...named(f.name, file === '<inline>' ? 'inline' : basename(file, extname(file))),
    description: description.en,
    ...(description.zh !== undefined ? { descriptionZh: description.zh } : {}),
    file,
    hash: canonicalHash(plainNoExtends),
    overrides: [],
    horizon: { start: ctx.start, end: ctx.start + ctx.years - 1 },
    seed: f.seed ?? 1,
    runs: f.runs ?? 1,
    usdRate: ctx.usdRate,
    parameters,
    construction,
    investment,
    servers,
    datacenters,
    hubs,
    workloads,
    localDemand,
    competitors,
    grid,
    ai,
    transfer,
    energy,
    network,
    economics,
    uncertainty: [],
    correlations: [],
    targets: [],
    levers: [],
    metrics: [],
    formulas: ctx.formulas,
  };

  scenario.metrics = resolveMetrics(ctx, f.metrics ?? []);
  scenario.targets = resolveTargets(ctx, f.targets ?? [], scenario);
  scenario.levers = resolveLevers(ctx, f.levers ?? [], scenario);
  ({ uncertainty: scenario.uncertainty, correlations: scenario.correlations } = resolveUncertainty(ctx, f.uncertainty ?? [], scenario));
  ctx.reportBlame();
  return { scenario, kinds: ctx.kinds };
}

/** Check a parameter's declared range (min ≤ max, min ≤ value ≤ max); records the range. */
function paramInRange(ctx: Ctx, name: string, v: number, r: { min?: number | undefined; max?: number | undefined }): boolean {
  const p = ['parameters', name];
  const { min, max } = r;
  if ((min !== undefined && !Number.isFinite(min)) || (max !== undefined && !Number.isFinite(max))) {
    ctx.add([...p, min !== undefined && !Number.isFinite(min) ? 'min' : 'max'], 'min and max must be finite numbers');
    return false;
  }
  if (min !== undefined && max !== undefined && min > max) {
    ctx.add([...p, 'max'], `max (${fmtNum(max)}) must be at least min (${fmtNum(min)})`);
    return false;
  }
  const range: { min?: number; max?: number } = {};
  if (min !== undefined) range.min = min;
  if (max !== undefined) range.max = max;
  ctx.paramRanges.set(name, range);
  if ((min === undefined || v >= min) && (max === undefined || v <= max)) return true;
  const vp = [...p, 'value'];
  const at = ctx.loc(vp);
  const decl = ctx.loc([...p, min !== undefined && (v < min || max === undefined) ? 'min' : 'max']);
  const declared = decl.file !== at.file ? ` (the range set in ${decl.file}:${decl.line}:${decl.col})` : '';
  ctx.problems.add(at, `parameters.${name}`, `${name} must be ${rangeText(range)}${declared}, got ${fmtNum(v)}`);
  return false;
}

function rangeText(r: { min?: number; max?: number }): string {
  if (r.min !== undefined && r.max !== undefined) return `between ${fmtNum(r.min)} and ${fmtNum(r.max)}`;
  if (r.min !== undefined) return `at least ${fmtNum(r.min)}`;
  return `at most ${fmtNum(r.max!)}`;
}

function resolvePhase(ctx: Ctx, p: Seg[], ph: Item<'datacenters'>['phases'][number], costPerRack: number, sitePue: number): Phase {
  const size = ctx.q([...p, 'size'], ph.size, 'racks', POS);
  let pue = sitePue;
  if (ph.pue !== undefined) pue = ctx.q([...p, 'pue'], ph.pue, 'number', PUE);
  else ctx.kinds.set(ctx.disp([...p, 'pue']), 'number');
  const phase: Phase = {
    id: ph.id,
    size,
    capex: ph.capex !== undefined ? ctx.q([...p, 'capex'], ph.capex, 'money', NONNEG) : size * costPerRack,
    start: startMonth(ctx, [...p, 'start'], ph.start),
    build: ctx.q([...p, 'build'], ph.build, 'duration', NONNEG),
    preexisting: ph.preexisting,
    pue,
    startWhenOccupancy: ctx.q([...p, 'startWhenOccupancy'], ph.startWhenOccupancy, 'number', SHARE),
    cancelled: ph.cancelled,
    deferMonths: ctx.q([...p, 'deferMonths'], ph.deferMonths, 'duration', NONNEG),
  };
  if (ph.source !== undefined) phase.source = ph.source;
  if (ph.cancelled && ph.preexisting) ctx.add([...p, 'cancelled'], 'a preexisting phase cannot be cancelled: it is live from the start of the horizon');
  if (Number.isFinite(phase.start) && phase.start > ctx.years * 12 - 1) {
    const y = ctx.start + Math.floor(phase.start / 12);
    const m = (phase.start % 12) + 1;
    ctx.add([...p, 'start'], `starts ${y}-${String(m).padStart(2, '0')}, after the horizon ends (${ctx.start + ctx.years - 1})`);
  }
  return phase;
}

function startMonth(ctx: Ctx, p: Seg[], v: string | number): number {
  let y: number;
  let m = 1;
  if (typeof v === 'number' && Number.isInteger(v)) y = v;
  else {
    const mt = typeof v === 'string' ? /^\s*(\d{4})(?:-(\d{1,2}))?\s*$/.exec(v) : null;
    if (!mt) {
      ctx.add(p, `expected a start month "YYYY-MM" (e.g. "2021-06"), got ${describeValue(v)}`);
      return NaN;
    }
    y = Number(mt[1]);
    m = mt[2] ? Number(mt[2]) : 1;
  }
  if (m < 1 || m > 12) {
    ctx.add(p, `month must be 01–12, got ${describeValue(v)}`);
    return NaN;
  }
  if (y < 1900 || y > 2300) {
    ctx.add(p, `start year must be between 1900 and 2300, got ${y}`);
    return NaN;
  }
  return (y - ctx.start) * 12 + (m - 1);
}

/** The owner's demand of a site: required when it is own-use, not allowed otherwise; zeros when absent. */
function ownerDemand(ctx: Ctx, p: Seg[], ownUse: boolean, input: Item<'datacenters'>['ownerDemand']): Series {
  const path = [...p, 'ownerDemand'];
  if (input === undefined) {
    ctx.kinds.set(ctx.disp(path), 'racks');
    if (ownUse) ctx.add([...p, 'ownUse'], 'an own-use site needs ownerDemand (racks per year)');
    return new Float64Array(ctx.years);
  }
  const out = ctx.series(path, input, 'racks', NONNEG);
  if (!ownUse) ctx.add(path, 'ownerDemand is only for an own-use site: set ownUse: true, or remove ownerDemand', true);
  return out;
}

/** A series of +Infinity (an unbounded capacity), recorded with its kind for levers and uncertainty. */
function unbounded(ctx: Ctx, path: Seg[], kind: Kind = 'racks'): Series {
  ctx.kinds.set(ctx.disp(path), kind);
  return new Float64Array(ctx.years).fill(Infinity);
}

/** A series of NaN (a figure the file does not give), recorded with its kind. */
function notGiven(ctx: Ctx, path: Seg[], kind: Kind): Series {
  ctx.kinds.set(ctx.disp(path), kind);
  return new Float64Array(ctx.years).fill(NaN);
}

/**
The monthly shape of the location-based grid factor (docs/model.md §11.2): each
month's mix-weighted factor Σ share × factor, divided by the mean over the
twelve months, so the yearly mean stays `energy.gridFactor`. No mix: all 1.
*/
function gridMonthly(ctx: Ctx, mix: ScenarioFile['energy']['generationMix']): number[] {
  if (mix.length === 0) return new Array<number>(12).fill(1);
  checkUniqueIds(ctx, ['energy', 'generationMix'], mix);
  const factors = mix.map((src, i) => ctx.q(['energy', 'generationMix', i, 'factor'], src.factor, 'carbonFactor', NONNEG));
  mix.forEach((src, i) => src.shares.forEach((v, mo) => ctx.inRange(['energy', 'generationMix', i, 'shares', mo], v, 'number', SHARE)));
  const perMonth: number[] = [];
  for (let mo = 0; mo < 12; mo++) {
    let sum = 0;
    let f = 0;
    mix.forEach((src, i) => {
      sum += src.shares[mo]!;
      f += src.shares[mo]! * factors[i]!;
    });
    if (Math.abs(sum - 1) > 0.01) ctx.add(['energy', 'generationMix'], `the shares of month ${mo + 1} sum to ${fmtNum(sum)}; each month's shares must sum to 1 (±0.01)`);
    perMonth.push(f);
  }
  const mean = perMonth.reduce((a, b) => a + b, 0) / 12;
  return perMonth.map((f) => (mean > 0 && Number.isFinite(f) ? f / mean : 1));
}

/** The AI load's PUE: 0 (the halls') or a PUE, 1–3. */
function aiPue(ctx: Ctx, input: ScenarioFile['ai']['pue']): number {
  const v = ctx.q(['ai', 'pue'], input, 'number', { min: 0, max: 3 });
  if (v > 0 && v < 1) ctx.add(['ai', 'pue'], `ai.pue must be 0 (the halls' PUE) or a PUE of at least 1, got ${fmtNum(v)}`);
  return v;
}

/** The `ai:` section: card types, export controls, the AI demand path. */
function resolveAi(ctx: Ctx, a: File['ai']): Ai {
  const p = ['ai'];
  const cardsIn = a?.cards ?? [];
  checkUniqueIds(ctx, [...p, 'cards'], cardsIn);
  const end = ctx.start + ctx.years - 1;
  const cards: Card[] = cardsIn.map((c, i) => {
    const q = [...p, 'cards', i];
    const until = c.until ?? end;
    if (until < c.from) ctx.add([...q, 'until'], `until (${until}) is before from (${c.from})`);
    if (c.perServer < 1) ctx.add([...q, 'perServer'], `a server holds at least 1 card, got ${c.perServer}`);
    return {
      id: c.id,
      ...named(c.name, c.id),
      origin: c.origin,
      fp16: ctx.q([...q, 'fp16'], c.fp16, 'compute', POS),
      power: ctx.q([...q, 'power'], c.power, 'power', POS),
      price: ctx.q([...q, 'price'], c.price, 'money', NONNEG),
      perServer: c.perServer,
      from: c.from,
      until,
      weight: ctx.q([...q, 'weight'], c.weight, 'number', NONNEG),
    };
  });
  const controlsIn = a?.exportControls ?? [];
  checkUniqueIds(ctx, [...p, 'exportControls'], controlsIn);
  const exportControls: ExportControl[] = controlsIn
    .map((x, i) => ({
      id: x.id,
      month: startMonth(ctx, [...p, 'exportControls', i, 'date'], x.date),
      availability: ctx.q([...p, 'exportControls', i, 'availability'], x.availability, 'number', SHARE),
      priceFactor: ctx.q([...p, 'exportControls', i, 'priceFactor'], x.priceFactor, 'number', { min: 1, what: 'a price factor' }),
    }))
    .sort((x, y) => x.month - y.month);
  if (cards.length === 0 && controlsIn.length > 0) ctx.add([...p, 'exportControls'], 'export controls act on ai.cards: list the card types (imported and domestic) too', true);
  return {
    cards,
    domesticPenalty: a ? ctx.q([...p, 'domesticPenalty'], a.domesticPenalty, 'number', { min: 1, max: 5, what: 'an energy-per-work ratio' }) : 1,
    exportControls,
    training: a ? ctx.series([...p, 'training'], a.training, 'compute', NONNEG) : new Float64Array(ctx.years),
    inference: a ? ctx.series([...p, 'inference'], a.inference, 'compute', NONNEG) : new Float64Array(ctx.years),
    idlePower: a ? ctx.q([...p, 'idlePower'], a.idlePower, 'number', SHARE) : 1,
    rackPower: a ? ctx.q([...p, 'rackPower'], a.rackPower, 'power', NONNEG) : 0,
    pue: a ? aiPue(ctx, a.pue) : 0,
  };
}

/**
A region's residual-mix carbon factor (`<parent>.residualFactor`): as given, or
its grid factor. It may not be below the grid factor in any year (checked when
the grid factor itself resolved without problems, `gridOk`).
*/
function residual(ctx: Ctx, parent: Seg[], input: Item<'hubs'>['residualFactor'], grid: Series, gridOk: boolean): Series {
  const path = [...parent, 'residualFactor'];
  if (input === undefined) {
    ctx.kinds.set(ctx.disp(path), 'carbonFactor');
    // a grid factor from a formula over parameters: Monte Carlo re-evaluates the default along with it
    const gridPath = [...parent, 'gridFactor'].join('.');
    const f = ctx.formulas.find((x) => x.path === gridPath);
    if (f) ctx.formulas.push({ ...f, path: path.join('.') });
    return Float64Array.from(grid);
  }
  const before = ctx.problems.size;
  const out = ctx.series(path, input, 'carbonFactor', NONNEG);
  if (!gridOk || ctx.problems.size !== before) return out;
  for (let i = 0; i < ctx.years; i++) {
    if (out[i]! < grid[i]! * (1 - 1e-12)) {
      const g = ctx.loc([...parent, 'gridFactor']);
      const given = nodeAt(ctx.tree, [...parent, 'gridFactor']) ? ` (${g.file}:${g.line}:${g.col})` : ' (the default)';
      ctx.add(path, `the residual mix cannot be cleaner than the grid average: in ${ctx.start + i} residualFactor is ${fmtNum(out[i]!)} kg/kWh, below gridFactor ${fmtNum(grid[i]!)} kg/kWh${given}`);
      break;
    }
  }
  return out;
}

/**
A region's rent, CNY per standard (2.5-kW) rack-month, and whether it includes
the power bill. `<parent>.rent` is a quantity per standard rack, or a quote
{price, rackPower, includesPower?} per physical rack of that power, converted as
price × 2.5 kW / rackPower (src/model/pricing.ts `rentPerStandardRack`, inlined:
src/scenario does not import src/model). The quote's `includesPower` and the
field `<parent>.rentIncludesPower` must agree when both are given.
*/
function rentOf(ctx: Ctx, parent: Seg[], input: Item<'hubs'>['rent'], includesField: boolean): { rent: number; rentIncludesPower: boolean } {
  const p = [...parent, 'rent'];
  let rentIncludesPower = includesField;
  let rent: number;
  if (isMapping(input)) {
    const price = ctx.q([...p, 'price'], input.price, 'rackMonthPrice', NONNEG);
    const rackPower = ctx.q([...p, 'rackPower'], input.rackPower, 'power', POS);
    ctx.kinds.delete(ctx.disp([...p, 'price']));
    ctx.kinds.delete(ctx.disp([...p, 'rackPower']));
    rent = (price * STANDARD_RACK_KW) / rackPower;
    if (input.includesPower !== undefined) {
      const fp = [...parent, 'rentIncludesPower'];
      if (nodeAt(ctx.tree, fp) !== undefined && input.includesPower !== includesField) {
        const at = ctx.loc(fp);
        ctx.add([...p, 'includesPower'], `includesPower: ${input.includesPower} contradicts ${ctx.disp(fp)}: ${includesField} (${at.file}:${at.line}:${at.col}); give one of them, or make them agree`);
      }
      rentIncludesPower = input.includesPower;
    }
  } else rent = ctx.q(p, input, 'rackMonthPrice', NONNEG);
  ctx.kinds.set(ctx.disp(p), 'rackMonthPrice');
  return { rent, rentIncludesPower };
}

/** A server may draw at most one standard rack's 2.5 kW per standard rack of budget it takes. */
function checkRackBudget(ctx: Ctx, name: 'general' | 'ai', k: ServerClass): void {
  if (!(k.power > 0) || !(k.rackShare > 0) || !Number.isFinite(k.power) || !Number.isFinite(k.rackShare)) return;
  if (k.power / k.rackShare <= STANDARD_RACK_KW * (1 + 1e-12)) return;
  const p = ['servers', 'classes', name];
  const at = nodeAt(ctx.tree, [...p, 'rackShare']) !== undefined || nodeAt(ctx.tree, [...p, 'power']) === undefined ? [...p, 'rackShare'] : [...p, 'power'];
  const need = k.power / STANDARD_RACK_KW;
  const what = name === 'ai' ? 'an AI server' : 'a general server';
  ctx.add(at, `${what} of ${fmtNum(k.power)} kW needs at least ${fmtNum(need)} standard rack${need === 1 ? '' : 's'} of budget (rackShare ≥ ${fmtNum(need)}), got rackShare ${fmtNum(k.rackShare)}: a server draws at most ${STANDARD_RACK_KW} kW per standard rack of budget`);
}

function resolveMetrics(ctx: Ctx, items: (Item<'metrics'> | undefined)[]): DerivedMetric[] {
  checkUniqueIds(ctx, ['metrics'], items);
  const known = new Set<string>(METRIC_NAMES);
  const out: DerivedMetric[] = [];
  items.forEach((m, i) => {
    if (!m) return;
    const p = ['metrics', i];
    if (!IDENT.test(m.id)) ctx.add([...p, 'id'], `a metric id must be an identifier (letters, digits, _), got "${m.id}"`);
    else if (known.has(m.id)) ctx.add([...p, 'id'], `"${m.id}" is already a metric name`);
    const c = compileFormula(m.formula);
    if (!c.ok) {
      ctx.add([...p, 'formula'], c.message);
      known.add(m.id);
      return;
    }
    const inputs = c.formula.symbols;
    const bad = inputs.find((s) => !known.has(s));
    if (bad !== undefined) {
      ctx.add([...p, 'formula'], `unknown metric "${bad}" in "${m.formula}"${didYouMean(bad, known)}`);
      known.add(m.id);
      return;
    }
    const code = c.formula.code;
    const evaluate = (metrics: Record<string, number>): number => {
      const scope = new Map<string, number>();
      for (const s of inputs) scope.set(s, metrics[s] ?? NaN);
      try {
        const r: unknown = code.evaluate(scope);
        return typeof r === 'number' ? r : typeof r === 'boolean' ? Number(r) : NaN;
      } catch {
        return NaN;
      }
    };
    const dm: DerivedMetric = { id: m.id, formula: m.formula, inputs, evaluate };
    // as plain JavaScript when it is plain arithmetic and agrees with mathjs bit for bit on sample inputs
    const numeric = compileNumeric(c.formula.node, (n) => inputs.includes(n));
    if (numeric) {
      const fast = metricEvaluator(numeric);
      const probes = [0.5, 3, 1234.5678, -7.25].map((x) => Object.fromEntries(inputs.map((name, k) => [name, x * (k + 1.75)])));
      if (probes.every((row) => Object.is(fast(row), evaluate(row)))) {
        dm.evaluate = fast;
        dm.numeric = numeric;
      }
    }
    if (m.label !== undefined) {
      const l = bilingual(m.label, m.id);
      dm.label = l.en;
      if (l.zh !== undefined) dm.labelZh = l.zh;
    }
    out.push(dm);
    known.add(m.id);
  });
  return out;
}

function resolveTargets(ctx: Ctx, items: (Item<'targets'> | undefined)[], sc: Scenario): Target[] {
  checkUniqueIds(ctx, ['targets'], items);
  const names = [...METRIC_NAMES, ...sc.metrics.map((m) => m.id)];
  const out: Target[] = [];
  items.forEach((t, i) => {
    if (!t) return;
    const p = ['targets', i];
    let ok = true;
    if (!names.includes(t.metric)) {
      ctx.add([...p, 'metric'], `unknown metric "${t.metric}"${didYouMean(t.metric, names)}`);
      ok = false;
    }
    if (t.year < sc.horizon.start || t.year > sc.horizon.end) {
      ctx.add([...p, 'year'], `year must be within the horizon ${sc.horizon.start}–${sc.horizon.end}, got ${t.year}`);
      ok = false;
    }
    if (t.atLeast === undefined && t.atMost === undefined) {
      ctx.add(p, 'a target needs atLeast or atMost (or both)');
      ok = false;
    } else if (t.atLeast !== undefined && t.atMost !== undefined && t.atLeast > t.atMost) {
      ctx.add([...p, 'atMost'], `atMost (${t.atMost}) is below atLeast (${t.atLeast})`);
      ok = false;
    }
    if (!ok) return;
    const bound = [t.atLeast !== undefined ? `≥ ${t.atLeast}` : '', t.atMost !== undefined ? `≤ ${t.atMost}` : ''].filter(Boolean).join(' and ');
    const label = bilingual(t.label, `${t.metric} ${bound} in ${t.year}`);
    const target: Target = { id: t.id, metric: t.metric, year: t.year, label: label.en };
    if (label.zh !== undefined) target.labelZh = label.zh;
    if (t.atLeast !== undefined) target.atLeast = t.atLeast;
    if (t.atMost !== undefined) target.atMost = t.atMost;
    out.push(target);
  });
  return out;
}

/** Walk a resolved scenario by a dotted path (ids or `*` for list items). */
export function walkResolved(sc: Scenario, segs: readonly string[]): { values: unknown[]; error?: string; concrete: string[] } {
  let cur: { v: unknown; p: string[] }[] = [{ v: sc, p: [] }];
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    const prefix = segs.slice(0, i).join('.') || 'the scenario';
    const next: { v: unknown; p: string[] }[] = [];
    for (const { v, p } of cur) {
      if (Array.isArray(v)) {
        const items = v as { id?: unknown }[];
        if (s === '*') {
          if (items.length === 0) return { values: [], concrete: [], error: `${prefix} has no items` };
          items.forEach((it, k) => next.push({ v: it, p: [...p, typeof it?.id === 'string' ? it.id : String(k)] }));
          continue;
        }
        const hit = items.find((it) => it?.id === s) ?? (/^\d+$/.test(s) ? items[Number(s)] : undefined);
        if (hit === undefined) {
          const ids = items.map((it) => String(it?.id));
          return { values: [], concrete: [], error: `no item "${s}" in ${prefix}${didYouMean(s, ids)}` };
        }
        next.push({ v: hit, p: [...p, s] });
      } else if (v && typeof v === 'object' && !(v instanceof Float64Array)) {
        const o = v as Record<string, unknown>;
        if (!Object.prototype.hasOwnProperty.call(o, s) || typeof o[s] === 'function') {
          const keys = Object.keys(o).filter((k) => typeof o[k] !== 'function' && k !== 'formulas');
          return { values: [], concrete: [], error: `unknown path: "${s}" is not a key of ${prefix}${didYouMean(s, keys)}` };
        }
        next.push({ v: o[s], p: [...p, s] });
      } else {
        return { values: [], concrete: [], error: `${prefix} is a single value, it has no "${s}"` };
      }
    }
    cur = next;
  }
  return { values: cur.map((c) => c.v), concrete: cur.map((c) => c.p.join('.')) };
}

function numericField(ctx: Ctx, sc: Scenario, path: string): { kind: Kind; error?: undefined } | { error: string } {
  const segs = path.split('.');
  if (segs.some((s) => s === '')) return { error: `bad path "${path}"` };
  // a parameter that failed its own check is reported there, not again for every path naming it
  if (segs.length === 2 && segs[0] === 'parameters' && ctx.brokenParams.has(segs[1]!)) return { kind: 'number' };
  const w = walkResolved(sc, segs);
  if (w.error) return { error: w.error };
  if (!w.values.every((v) => typeof v === 'number' || v instanceof Float64Array)) return { error: `${path} is not a number or a per-year value` };
  const kind = ctx.kinds.get(w.concrete[0] ?? '') ?? 'number';
  return { kind };
}

function resolveLevers(ctx: Ctx, items: (Item<'levers'> | undefined)[], sc: Scenario): Lever[] {
  checkUniqueIds(ctx, ['levers'], items);
  const out: Lever[] = [];
  items.forEach((l, i) => {
    if (!l) return;
    const p = ['levers', i];
    let ok = true;
    if (l.path.includes('*')) {
      ctx.add([...p, 'path'], 'a lever sets one value; `*` is not allowed');
      return;
    }
    const fld = numericField(ctx, sc, l.path);
    if (fld.error !== undefined) {
      ctx.add([...p, 'path'], fld.error);
      ok = false;
    } else if (!unitFits(l.unit, fld.kind)) {
      const k = KINDS[fld.kind];
      ctx.add([...p, 'unit'], `unit "${l.unit}" does not fit ${l.path}, which expects ${k.what}${k.unit ? ` (e.g. "${k.unit}")` : ' (use "")'}`);
      ok = false;
    }
    if (!(l.min <= l.max)) {
      ctx.add([...p, 'max'], `max (${l.max}) must be at least min (${l.min})`);
      ok = false;
    }
    if (!(l.step > 0)) {
      ctx.add([...p, 'step'], `step must be greater than 0, got ${l.step}`);
      ok = false;
    }
    const pr = paramRangeOf(ctx, l.path);
    if (ok && pr && l.unit.trim() === '') {
      const [name, r] = pr;
      if (r.min !== undefined && l.min < r.min) {
        ctx.add([...p, 'min'], `min (${fmtNum(l.min)}) is outside ${name}'s range: it must be ${rangeText(r)}`);
        ok = false;
      }
      if (r.max !== undefined && l.max > r.max) {
        ctx.add([...p, 'max'], `max (${fmtNum(l.max)}) is outside ${name}'s range: it must be ${rangeText(r)}`);
        ok = false;
      }
    }
    if (ok) {
      const label = bilingual(l.label, l.id);
      out.push({ id: l.id, label: label.en, ...(label.zh !== undefined ? { labelZh: label.zh } : {}), path: l.path, unit: l.unit, min: l.min, max: l.max, step: l.step });
    }
  });
  return out;
}

/** `[name, range]` when `path` is a parameter declared with a range. */
function paramRangeOf(ctx: Ctx, path: string): [string, { min?: number; max?: number }] | undefined {
  const segs = splitPath(path);
  if (segs.length !== 2 || segs[0] !== 'parameters') return undefined;
  const r = ctx.paramRanges.get(segs[1]!);
  return r ? [segs[1]!, r] : undefined;
}

type Correlations = Scenario['correlations'];

/**
The `uncertainty:` list: distributions bound to fields (`{path, mode, dist}`) become
`scenario.uncertainty`; rank correlations between two of them (`{correlate: [a, b], rho}`)
become `scenario.correlations`, by index into that list.
*/
function resolveUncertainty(ctx: Ctx, items: (Item<'uncertainty'> | undefined)[], sc: Scenario): { uncertainty: Uncertainty[]; correlations: Correlations } {
  const out: Uncertainty[] = [];
  /** Index in `out` of each list item that resolved, by its index in the list. */
  const outIndex = new Map<number, number>();
  const pairs: { i: number; names: string[]; rho: number }[] = [];
  items.forEach((u, i) => {
    if (!u) return;
    const p = ['uncertainty', i];
    if (u.correlate !== undefined || u.rho !== undefined) {
      const extra = (['path', 'dist', 'mode'] as const).find((k) => nodeAt(ctx.tree, [...p, k]) !== undefined);
      if (extra) ctx.add([...p, extra], `an entry either binds a distribution {path, mode, dist} or correlates two entries {correlate, rho}, not both: move "${extra}" to an entry of its own`, true);
      else if (u.correlate === undefined) ctx.add([...p, 'rho'], 'rho needs correlate: the two entries, e.g. {correlate: [construction.delayFactor, construction.overrunFactor], rho: 0.6}', true);
      else if (u.rho === undefined) ctx.add([...p, 'rho'], 'missing required key "rho" (the rank correlation of the two entries, between -1 and 1)');
      else {
        // the names are checked even when rho is out of range
        if (!(u.rho > -1 && u.rho < 1)) ctx.add([...p, 'rho'], `rho must be strictly between -1 and 1, got ${fmtNum(u.rho)}`);
        pairs.push({ i, names: u.correlate, rho: u.rho });
      }
      return;
    }
    if (u.path === undefined || u.dist === undefined) {
      ctx.add([...p, u.path === undefined ? 'path' : 'dist'], `missing required key "${u.path === undefined ? 'path' : 'dist'}"`);
      return;
    }
    const path = u.path;
    const fld = numericField(ctx, sc, path);
    if (fld.error !== undefined) {
      ctx.add([...p, 'path'], fld.error);
      return;
    }
    const kind: Kind = u.mode === 'set' ? fld.kind : 'number';
    const dp = [...p, 'dist'];
    const before = ctx.problems.size;
    const hint = splitPath(path);
    const num = (k: string, v: unknown, r?: Range) => ctx.q([...dp, k], v, kind, r, hint);
    const d = u.dist;
    let dist: DistributionSpec;
    switch (d.type) {
      case 'uniform': {
        dist = { type: 'uniform', min: num('min', d.min), max: num('max', d.max) };
        if (dist.min > dist.max) ctx.add([...dp, 'max'], `max (${fmtNum(dist.max)}) must be at least min (${fmtNum(dist.min)})`);
        break;
      }
      case 'normal':
        dist = { type: 'normal', mean: num('mean', d.mean), sd: num('sd', d.sd, NONNEG) };
        break;
      case 'lognormal':
        dist = { type: 'lognormal', mu: d.mu, sigma: d.sigma };
        if (d.sigma < 0) ctx.add([...dp, 'sigma'], `sigma must be at least 0, got ${d.sigma}`);
        break;
      case 'triangular':
      case 'pert': {
        const min = num('min', d.min);
        const mode = num('mode', d.mode);
        const max = num('max', d.max);
        dist = { type: d.type, min, mode, max };
        if (!(min <= mode && mode <= max)) ctx.add([...dp, 'mode'], `need min ≤ mode ≤ max, got min ${fmtNum(min)}, mode ${fmtNum(mode)}, max ${fmtNum(max)}`);
        break;
      }
      case 'discrete': {
        const values = d.values.map((v, k) => ctx.q([...dp, 'values', k], v, kind, undefined, hint));
        dist = { type: 'discrete', values, weights: d.weights.slice() };
        if (d.values.length !== d.weights.length) ctx.add([...dp, 'weights'], `${d.weights.length} weights for ${d.values.length} values`);
        else if (d.weights.some((w) => w < 0)) ctx.add([...dp, 'weights'], 'weights must not be negative');
        else if (!(d.weights.reduce((s, w) => s + w, 0) > 0)) ctx.add([...dp, 'weights'], 'weights must sum to more than 0');
        break;
      }
    }
    const pr = u.mode === 'set' ? paramRangeOf(ctx, path) : undefined;
    if (pr && ctx.problems.size === before) {
      const [name, r] = pr;
      const ends: [string, number][] =
        dist.type === 'uniform' ? [['min', dist.min], ['max', dist.max]]
        : dist.type === 'triangular' || dist.type === 'pert' ? [['min', dist.min], ['max', dist.max]]
        : dist.type === 'discrete' ? dist.values.map((v, k): [string, number] => [`values.${k}`, v])
        : [];
      for (const [k, v] of ends) {
        if ((r.min !== undefined && v < r.min) || (r.max !== undefined && v > r.max)) {
          ctx.add([...dp, ...k.split('.')], `can draw ${fmtNum(v)}, outside ${name}'s range: it must be ${rangeText(r)}`);
          break;
        }
      }
    }
    if (ctx.problems.size === before) {
      outIndex.set(i, out.length);
      out.push({ path, mode: u.mode, dist });
    }
  });
  return { uncertainty: out, correlations: resolveCorrelations(ctx, items, pairs, outIndex) };
}

/**
`{correlate: [a, b], rho}` entries → correlations by index into the resolved
uncertainty list. `a` and `b` name distribution entries of the same list by path
(`path#n` for the (n+1)-th entry with a path that repeats, as random streams are
named). Each correlation is checked against the ones before it: the Pearson
matrix (r = 2·sin(π·ρ/6)) of the entries it links must stay positive definite,
else no joint distribution has these rank correlations.
*/
function resolveCorrelations(ctx: Ctx, items: (Item<'uncertainty'> | undefined)[], pairs: { i: number; names: string[]; rho: number }[], outIndex: Map<number, number>): Correlations {
  const byName = new Map<string, number>();
  const nameOf = new Map<number, string>();
  const seen = new Map<string, number>();
  items.forEach((u, i) => {
    if (!u || u.correlate !== undefined || u.rho !== undefined || u.path === undefined) return;
    const n = seen.get(u.path) ?? 0;
    seen.set(u.path, n + 1);
    const name = n === 0 ? u.path : `${u.path}#${n}`;
    byName.set(name, i);
    nameOf.set(i, name);
  });
  const accepted: Correlations = [];
  const setAt = new Map<string, number>();
  for (const { i, names, rho } of pairs) {
    const p = ['uncertainty', i, 'correlate'];
    const at: number[] = [];
    names.forEach((name, k) => {
      const fi = byName.get(name);
      if (fi !== undefined) at.push(fi);
      else {
        const hint = didYouMean(name, byName.keys());
        ctx.add([...p, k], `"${name}" is not an entry of this uncertainty list${hint || (byName.size > 0 ? ` (its entries: ${[...byName.keys()].slice(0, 8).join(', ')})` : '')}`);
      }
    });
    if (at.length !== 2 || !(rho > -1 && rho < 1)) continue;
    const [fa, fb] = at as [number, number];
    if (fa === fb) {
      ctx.add([...p, 1], `correlates ${names[0]} with itself: name two different entries`);
      continue;
    }
    const a = outIndex.get(fa);
    const b = outIndex.get(fb);
    if (a === undefined || b === undefined) continue; // that entry has its own problem, reported there
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    const first = setAt.get(key);
    if (first !== undefined) {
      ctx.add(p, `${names[0]} and ${names[1]} are already correlated (line ${ctx.loc(['uncertainty', first]).line})`);
      continue;
    }
    const trial: Correlations = [...accepted, { a, b, rho }];
    const group = linkedEntries(trial, a);
    if (!positiveDefinite(trial, group)) {
      const label = (j: number): string => nameOf.get([...outIndex].find(([, o]) => o === j)![0]) ?? String(j);
      ctx.add(['uncertainty', i, 'rho'], `rho ${fmtNum(rho)} between ${names[0]} and ${names[1]} contradicts the other correlations among ${group.map(label).join(', ')}: no joint distribution has them all (their correlation matrix is not positive definite); weaken one of them`);
      continue;
    }
    accepted.push({ a, b, rho });
    setAt.set(key, i);
  }
  return accepted;
}

/** The entries linked to `start` through correlations, ascending. */
function linkedEntries(corr: Correlations, start: number): number[] {
  const group = new Set([start]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of corr) {
      if (group.has(c.a) !== group.has(c.b)) {
        group.add(c.a);
        group.add(c.b);
        grew = true;
      }
    }
  }
  return [...group].sort((x, y) => x - y);
}

/** Is the Pearson matrix (r = 2·sin(π·ρ/6)) of `group` under `corr` positive definite? (the sampler's own Cholesky) */
function positiveDefinite(corr: Correlations, group: number[]): boolean {
  const n = group.length;
  const pos = new Map(group.map((g, k) => [g, k]));
  const m = new Float64Array(n * n);
  for (let k = 0; k < n; k++) m[k * n + k] = 1;
  for (const c of corr) {
    const x = pos.get(c.a);
    const y = pos.get(c.b);
    if (x === undefined || y === undefined) continue;
    m[x * n + y] = m[y * n + x] = 2 * Math.sin((Math.PI * c.rho) / 6);
  }
  return cholesky(m, n) !== undefined;
}


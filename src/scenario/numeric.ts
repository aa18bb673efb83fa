/**
Formulas over plain numbers, compiled to JavaScript instead of evaluated by mathjs.

Monte Carlo re-evaluates every formula that reads a sampled parameter in every
run (`hubs.*.demand = 550000 * (1 + demandGrowth) ^ (year - 2020)`), and the
engine evaluates derived metrics every year of every run. Through mathjs each
evaluation walks typed-function dispatch and a Map scope (~0.1 ms of a 0.45 ms
sampled run); the same arithmetic as a JavaScript function costs nanoseconds,
needs no mathjs at all (so a resolved scenario can travel to a worker thread or
a cache file as data, src/scenario/portable.ts), and gives the same bits.

Only expressions whose every step is plain IEEE arithmetic are compiled:
numbers, the names the caller allows (no units), + − × ÷, unary ±, parentheses,
`^`/pow, min, max, abs, exp, log (one argument) and sqrt. Each mirrors mathjs's
own number implementation (mathjs 15, `number: 'number'` config):
- `^`/pow is mathjs's: x^±Infinity is 0 where |x| is below (above) 1, and a
  negative (or NaN) base with a non-integer exponent is complex in mathjs, which
  the callers turn into NaN; here it is NaN directly. Likewise sqrt and log of a
  negative number (Math.sqrt and Math.log give NaN).
- min/max keep mathjs's tolerance: a later argument replaces the current one
  only if it is smaller (larger) and not nearly equal (relTol 1e-12, absTol
  1e-15); a NaN argument makes the result NaN.
Anything else (units, comparisons, `?:`, round/floor/ceil, which mathjs rounds
with a tolerance) returns undefined, and the caller keeps mathjs. The resolver
also checks the compiled function against mathjs on the scenario's own values
before it uses it (src/scenario/resolve.ts).
*/
import type { MathNode } from 'mathjs';

/** The compiled form of a formula. */
export interface NumericFormula {
  /** JavaScript source of the expression; variable i (of `names`) is read as `a[i]`. */
  js: string;
  /** The variables it reads, in order of first appearance. */
  names: string[];
}

const REL_TOL = 1e-12;
const ABS_TOL = 1e-15;

function nearlyEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  if (a === b) return true;
  return Math.abs(a - b) <= Math.max(REL_TOL * Math.max(Math.abs(a), Math.abs(b)), ABS_TOL);
}

/** mathjs's min over numbers (see the header). */
function min(...xs: number[]): number {
  let m = xs[0]!;
  for (let i = 1; i < xs.length; i++) {
    const v = xs[i]!;
    if (Number.isNaN(v)) m = v;
    else if (v < m && !nearlyEqual(v, m)) m = v;
  }
  return m;
}

/** mathjs's max over numbers (see the header). */
function max(...xs: number[]): number {
  let m = xs[0]!;
  for (let i = 1; i < xs.length; i++) {
    const v = xs[i]!;
    if (Number.isNaN(v)) m = v;
    else if (v > m && !nearlyEqual(v, m)) m = v;
  }
  return m;
}

/**
Where mathjs's result would be a complex number. Callers read a complex result
as NaN, and complex stays complex through every later step mathjs allows here
(+ − × ÷ ^ exp sqrt log; min and max refuse to compare it), so the whole
formula is NaN: compiled code throws this and the evaluator returns NaN. (Only
`abs` turns a complex number back into a real one; `compileNumeric` leaves to
mathjs any `abs` over a step that can go complex.)
*/
class Complex extends Error {}
const COMPLEX = new Complex('complex');

/** mathjs's pow over numbers. */
function pow(x: number, y: number): number {
  if ((x * x < 1 && y === Infinity) || (x * x > 1 && y === -Infinity)) return 0;
  // mathjs's powNumber, unless the result is complex
  if (x >= 0 || (Number.isFinite(y) && y === Math.round(y))) return Math.pow(x, y);
  throw COMPLEX;
}

/** mathjs's sqrt over numbers: NaN stays NaN, a negative number is complex. */
function sqrt(x: number): number {
  if (Number.isNaN(x) || x >= 0) return Math.sqrt(x);
  throw COMPLEX;
}

/** mathjs's log over numbers: a negative number (or NaN) is complex. */
function log(x: number): number {
  if (x >= 0) return Math.log(x);
  throw COMPLEX;
}

/** What compiled code calls; passed in, so the code closes over nothing. */
export const HELPERS = { min, max, pow, abs: Math.abs, exp: Math.exp, log, sqrt } as const;
type Helpers = typeof HELPERS;

const OPERATORS: Record<string, string> = { add: '+', subtract: '-', multiply: '*', divide: '/' };
const FUNCTIONS: Record<string, { arity: (n: number) => boolean }> = {
  min: { arity: (n) => n >= 1 },
  max: { arity: (n) => n >= 1 },
  pow: { arity: (n) => n === 2 },
  abs: { arity: (n) => n === 1 },
  exp: { arity: (n) => n === 1 },
  log: { arity: (n) => n === 1 },
  sqrt: { arity: (n) => n === 1 },
};

interface Node {
  type: string;
  value?: unknown;
  name?: string;
  fn?: string | Node;
  args?: Node[];
  content?: Node;
}

/**
The JavaScript form of a parsed formula, or undefined when some step is not
plain number arithmetic. `allowed` says which names are variables; any other
name (a unit, a constant such as `pi`) keeps the formula in mathjs.
*/
export function compileNumeric(root: MathNode, allowed: (name: string) => boolean): NumericFormula | undefined {
  const names: string[] = [];
  const emit = (n: Node): string | undefined => {
    switch (n.type) {
      case 'ConstantNode':
        // String() of a finite number reads back to the same number (NaN and Infinity stay with mathjs)
        return typeof n.value === 'number' && Number.isFinite(n.value) ? `(${String(n.value)})` : undefined;
      case 'SymbolNode': {
        const name = n.name!;
        if (!allowed(name)) return undefined;
        if (!names.includes(name)) names.push(name);
        return `a[${names.indexOf(name)}]`;
      }
      case 'ParenthesisNode':
        return n.content ? emit(n.content) : undefined;
      case 'OperatorNode': {
        const fn = n.fn as string;
        const args = (n.args ?? []).map(emit);
        if (args.some((a) => a === undefined)) return undefined;
        if (fn === 'unaryMinus' && args.length === 1) return `(-${args[0]!})`;
        if (fn === 'unaryPlus' && args.length === 1) return args[0];
        if (fn === 'pow' && args.length === 2) return `h.pow(${args[0]!}, ${args[1]!})`;
        const op = OPERATORS[fn];
        return op && args.length === 2 ? `(${args[0]!} ${op} ${args[1]!})` : undefined;
      }
      case 'FunctionNode': {
        const f = n.fn as Node;
        const name = f.type === 'SymbolNode' ? f.name! : '';
        const spec = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
        const args = (n.args ?? []).map(emit);
        if (!spec || !spec.arity(args.length) || args.some((a) => a === undefined)) return undefined;
        if (name === 'abs' && /h\.(pow|sqrt|log)\(/.test(args[0]!)) return undefined; // abs of a complex number is real in mathjs
        return `h.${name}(${args.join(', ')})`;
      }
      default:
        return undefined;
    }
  };
  const js = emit(root);
  // what numericFunction accepts, checked here too: a formula either compiles to it or stays with mathjs
  return js === undefined || !SAFE.test(js) ? undefined : { js, names };
}

/** A compiled formula as a function of its variables' values, in the order of `names`. */
export type NumericFn = (values: ArrayLike<number>) => number;

const functions = new Map<string, NumericFn>();

/**
The function for compiled source `js` (cached by text). The source comes only
from `compileNumeric` — numbers, variable slots, helper calls and operators —
or from a cache file or worker message that carried such source, so it is
checked against that grammar before it becomes code.
*/
export function numericFunction(js: string): NumericFn {
  let f = functions.get(js);
  if (!f) {
    if (!SAFE.test(js)) throw new Error(`not a compiled formula: ${js.slice(0, 80)}`);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source passed SAFE: numbers, slots, helpers, operators only
    const body = new Function('a', 'h', `return ${js};`) as (a: ArrayLike<number>, h: Helpers) => number;
    f = (values) => {
      try {
        return body(values, HELPERS);
      } catch (err) {
        if (err === COMPLEX) return NaN;
        throw err;
      }
    };
    functions.set(js, f);
  }
  return f;
}

/** What `compileNumeric` emits: numbers, `a[i]`, `h.fn(`, operators, parentheses, commas, spaces. */
const SAFE = /^(?:[\d.eE+\-*/(), ]|a\[\d+\]|h\.(?:min|max|pow|abs|exp|log|sqrt)\()*$/;

/**
A formula series' `evaluate(year, params)` from its compiled form: each name is
`year` or a parameter, read from `params` and else from `defaults` (as the
resolver's mathjs evaluation reads them).
*/
export function seriesEvaluator(f: NumericFormula, defaults: Record<string, number>): (year: number, params: Record<string, number>) => number {
  const fn = numericFunction(f.js);
  const names = f.names;
  const slots = new Float64Array(names.length);
  return (year, params) => {
    for (let i = 0; i < names.length; i++) {
      const n = names[i]!;
      slots[i] = n === 'year' ? year : (params[n] ?? defaults[n]!);
    }
    return fn(slots);
  };
}

/** A derived metric's `evaluate(metrics)` from its compiled form: a metric missing from `metrics` reads as NaN. */
export function metricEvaluator(f: NumericFormula): (metrics: Record<string, number>) => number {
  const fn = numericFunction(f.js);
  const names = f.names;
  const slots = new Float64Array(names.length);
  return (metrics) => {
    for (let i = 0; i < names.length; i++) slots[i] = metrics[names[i]!] ?? NaN;
    return fn(slots);
  };
}

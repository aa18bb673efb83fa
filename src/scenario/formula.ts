/**
Formulas and quantity strings, compiled once in a locked-down mathjs.

Text is parsed with the captured `parse`, then the expression tree is checked
against a whitelist: numbers, names (`year`, parameters, units), the operators
+ - * / ^, unary minus/plus, comparisons, parentheses, `a ? b : c`, and the
functions min, max, abs, round, floor, ceil, exp, log, sqrt, pow. Anything
else (assignments, function definitions, property access, indexing, matrices,
objects, strings, and every other function such as import, createUnit,
evaluate, parse, simplify, derivative, resolve, reviver) is rejected before the
expression is compiled. Compiled expressions are cached by their text.
*/
import type { EvalFunction, MathNode } from 'mathjs';
import { expandMagnitudes, parse } from './units.js';

/** Longest accepted formula, in characters. */
export const MAX_FORMULA_LENGTH = 500;

export const ALLOWED_FUNCTIONS = new Set(['min', 'max', 'abs', 'round', 'floor', 'ceil', 'exp', 'log', 'sqrt', 'pow']);
const ALLOWED_OPERATORS = new Set([
  'add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus',
  'smaller', 'larger', 'smallerEq', 'largerEq', 'equal', 'unequal',
]);

export interface CompiledFormula {
  text: string;
  /** Every name the expression reads (variables and units), in order of appearance. */
  symbols: string[];
  code: EvalFunction;
  /** The checked expression tree (src/scenario/numeric.ts compiles plain-number formulas from it). */
  node: MathNode;
}

export type CompileResult = { ok: true; formula: CompiledFormula } | { ok: false; message: string };

const cache = new Map<string, CompileResult>();
const CACHE_LIMIT = 5000;

/** Parse, whitelist-check and compile `text` (cached by text). */
export function compileFormula(text: string): CompileResult {
  const hit = cache.get(text);
  if (hit) return hit;
  const r = compileUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, r);
  return r;
}

function compileUncached(text: string): CompileResult {
  if (text.length > MAX_FORMULA_LENGTH) return { ok: false, message: `formula longer than ${MAX_FORMULA_LENGTH} characters` };
  if (text.trim() === '') return { ok: false, message: 'empty formula' };
  let node: MathNode;
  try {
    node = parse(expandMagnitudes(text));
  } catch (err) {
    return { ok: false, message: `cannot parse formula "${text}": ${shortMessage(err)}` };
  }
  const symbols: string[] = [];
  let bad: string | undefined;
  node.traverse((n: MathNode, path: string, parent: MathNode | null) => {
    if (bad) return;
    switch (n.type) {
      case 'ConstantNode': {
        const v = (n as unknown as { value: unknown }).value;
        if (typeof v !== 'number') bad = `only numbers are allowed as constants, not ${typeof v === 'string' ? `the string ${JSON.stringify(v)}` : String(v)}`;
        break;
      }
      case 'SymbolNode': {
        const name = (n as unknown as { name: string }).name;
        if (path === 'fn' && parent?.type === 'FunctionNode') break; // checked at the FunctionNode
        if (!symbols.includes(name)) symbols.push(name);
        break;
      }
      case 'OperatorNode': {
        const fn = (n as unknown as { fn: string; op: string }).fn;
        if (!ALLOWED_OPERATORS.has(fn)) bad = `operator "${(n as unknown as { op: string }).op}" is not allowed`;
        break;
      }
      case 'ParenthesisNode':
      case 'ConditionalNode':
        break;
      case 'FunctionNode': {
        const fnNode = (n as unknown as { fn: MathNode }).fn;
        const name = fnNode.type === 'SymbolNode' ? (fnNode as unknown as { name: string }).name : undefined;
        if (name === undefined || !ALLOWED_FUNCTIONS.has(name)) {
          bad = `function "${name ?? fnNode.toString()}" is not allowed (allowed: ${[...ALLOWED_FUNCTIONS].join(', ')})`;
        }
        break;
      }
      case 'AssignmentNode':
      case 'FunctionAssignmentNode':
        bad = 'assignments and function definitions are not allowed';
        break;
      case 'AccessorNode':
      case 'IndexNode':
        bad = 'property access and indexing are not allowed';
        break;
      case 'ArrayNode':
      case 'MatrixNode':
        bad = 'lists and matrices are not allowed';
        break;
      case 'ObjectNode':
        bad = 'objects are not allowed';
        break;
      default:
        bad = `"${n.type}" expressions are not allowed`;
    }
  });
  if (bad) return { ok: false, message: `${bad} in formula "${text}"` };
  let code: EvalFunction;
  try {
    code = node.compile();
  } catch (err) {
    return { ok: false, message: `cannot compile formula "${text}": ${shortMessage(err)}` };
  }
  return { ok: true, formula: { text, symbols, code, node } };
}

export function shortMessage(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.split('\n')[0]!.slice(0, 200);
}

/** The value of a constant expression ("60 billion CNY", "1 kW"), or undefined when it does not parse or evaluate. */
export function evaluateConstant(text: string): unknown {
  const c = compileFormula(text);
  if (!c.ok) return undefined;
  try {
    return c.formula.code.evaluate(new Map());
  } catch {
    return undefined;
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../src/scenario/formula.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import { compileNumeric, numericFunction } from '../../src/scenario/numeric.js';

const VARS = ['year', 'g', 'share'];

/** mathjs's value for `text` with the variables set, as the resolver reads it: a number, else NaN. */
function viaMathjs(text: string, values: number[]): number {
  const c = compileFormula(text);
  if (!c.ok) throw new Error(c.message);
  const scope = new Map(VARS.map((v, i) => [v, values[i]!]));
  try {
    const r: unknown = c.formula.code.evaluate(scope);
    return typeof r === 'number' ? r : NaN; // complex (a negative base to a fractional power) is NaN to the resolver
  } catch {
    return NaN;
  }
}

/** The compiled function's value, or undefined when the formula stays with mathjs. */
function viaJs(text: string, values: number[]): number | undefined {
  const c = compileFormula(text);
  if (!c.ok) throw new Error(c.message);
  const n = compileNumeric(c.formula.node, (name) => VARS.includes(name));
  return n && numericFunction(n.js)(n.names.map((name) => values[VARS.indexOf(name)]!));
}

const num = fc.oneof(
  fc.constantFrom('0', '1', '2', '0.5', '0.01', '1.15', '2020', '1e-3', '550000', '1e300'),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((x) => String(Math.abs(x))),
);
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    num,
    fc.constantFrom(...VARS),
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '^'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('e').map((a) => `-${a}`),
    fc.tuple(fc.constantFrom('min', 'max'), fc.array(tie('e'), { minLength: 1, maxLength: 4 })).map(([f, xs]) => `${f}(${xs.join(', ')})`),
    fc.tuple(fc.constantFrom('abs', 'exp', 'log', 'sqrt'), tie('e')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `pow(${a}, ${b})`),
  ),
})).e;
const value = fc.oneof(
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, 1, -1, 2020, 2030, 0.08, Infinity, -Infinity, 1e-300),
);

describe('numeric formulas', () => {
  it('give the very bits mathjs gives, for any plain-arithmetic formula and any values', () => {
    fc.assert(
      fc.property(expr, fc.tuple(value, value, value), (text, values) => {
        const js = viaJs(text, values);
        // only abs over a step that can go complex stays with mathjs
        if (js === undefined) expect(text).toMatch(/abs\(/);
        else expect(Object.is(js, viaMathjs(text, values))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("match mathjs's tolerant min and max and its x^Infinity", () => {
    const near = 1 + 1e-13; // within mathjs's relTol 1e-12 of 1: mathjs keeps the first argument
    expect(viaJs(`min(1, ${near})`, [0, 0, 0])).toBe(1);
    expect(viaJs(`min(${near}, 1)`, [0, 0, 0])).toBe(near);
    expect(viaMathjs(`min(${near}, 1)`, [0, 0, 0])).toBe(near);
    expect(viaJs('max(1, g, 3)', [0, NaN, 0])).toBeNaN();
    expect(viaJs('g ^ share', [0.5, 0.5, Infinity])).toBe(0);
    expect(viaJs('550000 * (1 + g) ^ (year - 2020)', [2025, 0.08, 0])).toBe(viaMathjs('550000 * (1 + g) ^ (year - 2020)', [2025, 0.08, 0]));
  });

  it('leave to mathjs what is not plain arithmetic: units, comparisons, ?:, rounding, constants, abs of what may be complex', () => {
    expect(viaMathjs('abs(g ^ 0.5)', [0, -4, 0])).toBe(2); // complex in, real out: only mathjs knows
    for (const text of ['2 MW * g', 'year < 2023 ? 1 : g', 'g > 1', 'round(g)', 'floor(year / 2)', 'pi * g', 'g == 1', 'abs(g ^ 0.5)', 'abs(sqrt(g))']) {
      const c = compileFormula(text);
      expect(c.ok, text).toBe(true);
      if (c.ok) expect(compileNumeric(c.formula.node, (n) => VARS.includes(n)), text).toBeUndefined();
    }
  });

  it('leaves NaN and Infinity constants to mathjs, and a scenario with them still loads', () => {
    for (const text of ['NaN * g', '1e999 * g', 'g + Infinity']) {
      const c = compileFormula(text);
      if (c.ok) expect(compileNumeric(c.formula.node, (n) => VARS.includes(n)), text).toBeUndefined();
    }
    const s = loadScenarioText('extends: scenarios/guian-plan.yaml\nmetrics:\n  - { id: odd, formula: "NaN * rackCapacity" }\n');
    const odd = s.metrics.find((m) => m.id === 'odd')!;
    expect(odd.numeric).toBeUndefined();
    expect(odd.evaluate({ rackCapacity: 2 })).toBeNaN();
  });

  it('reads only the names it is allowed to', () => {
    const c = compileFormula('g * other');
    expect(c.ok && compileNumeric(c.formula.node, (n) => n === 'g')).toBeUndefined();
  });

  it('turns only its own grammar into code', () => {
    expect(numericFunction('(a[0] * (2))')([21])).toBe(42);
    for (const evil of ['process.exit(1)', 'a[0]; globalThis.x = 1', 'a.constructor', 'h.min.call(0)', '`x`']) {
      expect(() => numericFunction(evil), evil).toThrow(/not a compiled formula/);
    }
  });
});

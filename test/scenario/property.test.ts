import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, readScenarioSource, resolveScenario, ScenarioError, type Override } from '../../src/scenario/index.js';
import { toPlain } from '../../src/scenario/document.js';

const src = readScenarioSource('scenarios/guian-plan.yaml');
const base = toPlain(src.tree) as Record<string, unknown>;

type Path = (string | number)[];

/** Every path into a plain document. */
function paths(v: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}
const ALL = paths(base).filter((p) => p.length > 0);

const junk = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('150 MW', '20 ms', '1 / 0', 'year', 'import({})', '-5 racks', '2020-13', '0.35 CNY/kWh', 'x ^ 2', '', '[1,2]', '{}', '1e999', 'NaN'),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 3 }),
);

type Mutation = { kind: 'delete' | 'set' | 'rename'; path: number; value: unknown; name: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'set', 'rename'),
  path: fc.nat({ max: ALL.length - 1 }),
  value: junk,
  name: fc.string({ minLength: 1, maxLength: 8 }),
});

function mutate(doc: Record<string, unknown>, muts: Mutation[]): unknown {
  const d = structuredClone(doc);
  for (const m of muts) {
    const p = ALL[m.path]!;
    let parent: unknown = d;
    for (const s of p.slice(0, -1)) parent = (parent as Record<string | number, unknown> | undefined)?.[s];
    if (!parent || typeof parent !== 'object') continue;
    const key = p[p.length - 1]!;
    const o = parent as Record<string | number, unknown>;
    if (m.kind === 'delete') {
      if (Array.isArray(o) && typeof key === 'number') o.splice(key, 1);
      else delete o[key];
    } else if (m.kind === 'set') o[key] = m.value;
    else if (!Array.isArray(o)) {
      o[m.name] = o[key];
      delete o[key];
    }
  }
  return d;
}

function expectLocated(err: unknown): void {
  expect(err).toBeInstanceOf(ScenarioError);
  const e = err as ScenarioError;
  expect(e.problems.length).toBeGreaterThan(0);
  for (const p of e.problems) {
    expect(typeof p.file).toBe('string');
    expect(p.file.length).toBeGreaterThan(0);
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.col).toBeGreaterThanOrEqual(1);
    expect(p.message).not.toMatch(/^cannot load the scenario \(/); // an internal error, caught
    expect(typeof p.message).toBe('string');
  }
}

describe('property: any document gives a Scenario or a located ScenarioError', () => {
  it('mutated guian-plan documents', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (muts, asJson) => {
        const doc = mutate(base, muts);
        const text = asJson ? JSON.stringify(doc) : stringify(doc);
        try {
          const sc = loadScenarioText(text, 'fuzz.yaml');
          expect(sc.horizon.end).toBeGreaterThanOrEqual(sc.horizon.start);
        } catch (err) {
          expectLocated(err);
        }
      }),
      // each case loads the whole plan (~25 ms: YAML with source positions, units, formulas); fast-check's seed
      // changes from run to run, so the runs together try far more than one run's 100
      { numRuns: 100 },
    );
  });

  it('random text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        try {
          loadScenarioText(text, 'fuzz.yaml');
        } catch (err) {
          expectLocated(err);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('random overrides', () => {
    const pathArb = fc.oneof(
      fc.constantFrom(...ALL.map((p) => p.join('.'))),
      fc.constantFrom('investment', 'electricityPrice', 'demandGrowth', 'datacenters.apple.phases.p1.size', 'datacenters.*.pue', 'a..b', '', 'extends'),
      fc.string({ maxLength: 12 }),
    );
    const valueArb = fc.oneof(fc.string({ maxLength: 20 }), fc.double().map(String), fc.constantFrom('60', '1 MW', '{2020: 1}', '[1', '"year"', '-1'));
    fc.assert(
      fc.property(fc.array(fc.record({ path: pathArb, value: valueArb }), { maxLength: 3 }), (overrides: Override[]) => {
        try {
          resolveScenario(src, overrides);
        } catch (err) {
          expectLocated(err);
        }
      }),
      { numRuns: 300 },
    );
  });
});

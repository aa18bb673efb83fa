/**
A resolved Scenario as plain data, to cross a thread or sit in a cache file.

A resolved Scenario is data except for its formulas' `evaluate` functions
(formula series that Monte Carlo re-evaluates, and derived metrics). Where a
formula is plain arithmetic the resolver also keeps it as JavaScript source
(src/scenario/numeric.ts), so the portable form carries that source and the
receiving side rebuilds the function without mathjs — a worker thread or a
cache hit then never loads mathjs, yaml or zod (a quarter of a second at
start). The portable form survives structured clone (`postMessage`,
`v8.serialize`): typed arrays, Infinity and nested records travel as they are.

A formula that only mathjs can evaluate (units mixed into arithmetic, `?:`,
comparisons, rounding) but that reads no parameter is never re-evaluated:
its values are already in the scenario, and the portable form keeps them for
`evaluate`. If one that reads a parameter, or a derived metric, needs mathjs,
there is no portable form (`toPortable` gives undefined) and the caller
resolves from the source instead.
*/
import { metricEvaluator, seriesEvaluator, type NumericFormula } from './numeric.js';
import type { DerivedMetric, FormulaSeries, Scenario, Series } from './types.js';

/** Bumped whenever the shape of Scenario changes, so an old cache entry is never read as a new one. */
export const PORTABLE_FORMAT = 1;

type PortableFormula = Omit<FormulaSeries, 'evaluate'> & { values?: Series };
type PortableMetric = Omit<DerivedMetric, 'evaluate' | 'numeric'> & { numeric: NumericFormula };

export interface PortableScenario extends Omit<Scenario, 'formulas' | 'metrics'> {
  format: typeof PORTABLE_FORMAT;
  formulas: PortableFormula[];
  metrics: PortableMetric[];
}

/** The series at a resolved scenario's dotted path (`hubs.0.demand`), if there is one. */
function seriesAt(scenario: Scenario, path: string): Series | undefined {
  let node: unknown = scenario;
  for (const seg of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node instanceof Float64Array ? node : undefined;
}

/** Portable forms already made, by scenario (null: it has none); scenarios are never changed in place. */
const portables = new WeakMap<Scenario, PortableScenario | null>();

/**
The scenario as data, or undefined when some formula it may re-evaluate needs
mathjs (see the header). Made once per scenario: the TUI asks whether a run's
scenario has one, then sends it to the workers.
*/
export function toPortable(scenario: Scenario): PortableScenario | undefined {
  let p = portables.get(scenario);
  if (p === undefined) portables.set(scenario, (p = makePortable(scenario) ?? null));
  return p ?? undefined;
}

function makePortable(scenario: Scenario): PortableScenario | undefined {
  const formulas: PortableFormula[] = [];
  for (const { evaluate: _e, ...f } of scenario.formulas) {
    if (f.numeric) {
      formulas.push(f);
      continue;
    }
    const values = seriesAt(scenario, f.path);
    if (f.params.length > 0 || !values) return undefined;
    formulas.push({ ...f, values: values.slice() });
  }
  const metrics: PortableMetric[] = [];
  for (const { evaluate: _e, numeric, ...m } of scenario.metrics) {
    if (!numeric) return undefined;
    metrics.push({ ...m, numeric });
  }
  return { ...scenario, format: PORTABLE_FORMAT, formulas, metrics };
}

/** The Scenario again, its formulas runnable (no mathjs involved). */
export function fromPortable(p: PortableScenario): Scenario {
  const format: unknown = p.format;
  if (format !== PORTABLE_FORMAT) throw new Error(`portable scenario format ${String(format)}, expected ${PORTABLE_FORMAT}`);
  // the same keys in the same order as the resolved Scenario (output that lists its fields stays byte-identical)
  const { format: _f, ...rest } = p;
  const start = p.horizon.start;
  // Object.assign onto the copy, not `{ ...rest, formulas, metrics }`: after its first ~10 calls V8 gave the
  // spread's result a new hidden class, and every engine function then deoptimised on the next scenario's runs
  // (measured: a worker's 13th lever value took 2× as long). Assigned, every scenario a worker rebuilds has the
  // same hidden class (docs/architecture.md §3.7).
  return Object.assign(rest, {
    formulas: p.formulas.map(({ values, ...f }): FormulaSeries => {
      if (f.numeric) return Object.assign(f, { evaluate: seriesEvaluator(f.numeric, f.numeric.defaults) });
      // reads no parameter (toPortable saw to it): its value is the resolved series'
      const v = values!;
      return Object.assign(f, { evaluate: (year: number) => v[year - start] ?? NaN });
    }),
    metrics: p.metrics.map((m): DerivedMetric => Object.assign({}, m, { evaluate: metricEvaluator(m.numeric) })),
  });
}

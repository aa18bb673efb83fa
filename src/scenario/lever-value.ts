/**
A lever's starting value: what the scenario file writes for it, in the lever's
own unit. The TUI's levers, the lesson loader and the lesson's figures all
start from it.
*/
import { explainPath, leverValueOverride, resolveScenario, type ScenarioSource } from './index.js';
import type { Lever, Scenario } from './types.js';

const NUMBER_WITH_UNIT = /^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$/;

/**
A lever's value as the scenario file writes it, in the lever's unit: the number
when the file writes "<number> <lever unit>", else the resolved value (its
first year for a per-year input) over one lever unit.
*/
export function leverValueAsWritten(source: ScenarioSource, lever: Lever): number {
  let base: number | number[] | string;
  try {
    const ex = explainPath(source, lever.path);
    const m = NUMBER_WITH_UNIT.exec(ex.value);
    if (m && m[2]!.replace(/\s+/g, ' ') === lever.unit.trim().replace(/\s+/g, ' ')) return Number(m[1]);
    base = ex.base;
  } catch {
    return lever.min;
  }
  const now = typeof base === 'number' ? base : Array.isArray(base) ? (base[0] ?? NaN) : NaN;
  if (!Number.isFinite(now)) return lever.min;
  if (!lever.unit.trim()) return now;
  try {
    // one lever unit in base units, read back from the scenario with the lever at 1
    const unit = resolveScenario(source, [leverValueOverride(source, lever.id, 1)]);
    const v = firstNumberAt(unit, lever.path);
    return v && Number.isFinite(v) ? now / v : now;
  } catch {
    return now;
  }
}

/** The number at a dotted path of a resolved scenario (list items by id or index; a series gives its first year). */
function firstNumberAt(scenario: Scenario, path: string): number | undefined {
  let cur: unknown = scenario;
  for (const seg of path.split('.')) {
    if (Array.isArray(cur)) cur = cur.find((it: { id?: string }) => it?.id === seg) ?? cur[Number(seg)];
    else if (cur && typeof cur === 'object') cur = (cur as Record<string, unknown>)[seg];
    else return undefined;
  }
  if (typeof cur === 'number') return cur;
  if (cur instanceof Float64Array) return cur[0];
  return undefined;
}

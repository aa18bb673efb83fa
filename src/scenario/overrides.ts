/**
`--set path=value` overrides and TUI lever presses, applied to the merged
document before resolution so they are validated exactly like file content.
A path is a lever id (a plain number then means the lever's unit, and must lie
in the lever's min..max) or a dotted path with list items addressed by id or
index. A plain number for a field with a unit (money, power, ...) is an error
unless the override says it is in the base unit (`baseUnit: true`, as sweeps
and TUI levers with unit "" do).
*/
import { didYouMean, Problems, type Loc } from './errors.js';
import { parseOverrideValue, type LEntry, type LMap, type LNode } from './document.js';
import { child, itemId, nodeAt, seqIndex, setAt, splitPath } from './paths.js';
import { evaluateConstant } from './formula.js';
import { isBaseUnit, ratioOf } from './units.js';
import { isListSchema, schemaChild, schemaKeys, ScenarioFileSchema } from './schema.js';
import type { z } from 'zod';

/** One override: from `--set path=value` or a TUI lever. */
export interface Override {
  path: string;
  value: string;
  /** Plain numbers in `value` are in the field's base unit (e.g. a sweep over a dotted path); otherwise a field with a unit needs one. */
  baseUnit?: boolean;
}

const SET: Loc = { file: '--set', line: 1, col: 1 };
const PLAIN_NUMBER = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

interface LeverRef {
  path: string;
  unit: string;
  min?: number;
  max?: number;
}

/** Levers declared in a merged document, by id. */
export function leversOf(tree: LMap): Map<string, LeverRef> {
  const out = new Map<string, LeverRef>();
  const levers = tree.entries.get('levers')?.node;
  if (levers?.kind !== 'seq') return out;
  for (const it of levers.items) {
    const id = itemId(it);
    const p = child(it, 'path');
    const u = child(it, 'unit');
    if (id !== undefined && p?.kind === 'scalar' && typeof p.value === 'string') {
      const ref: LeverRef = { path: p.value, unit: u?.kind === 'scalar' && typeof u.value === 'string' ? u.value : '' };
      const min = child(it, 'min');
      const max = child(it, 'max');
      if (min?.kind === 'scalar' && typeof min.value === 'number') ref.min = min.value;
      if (max?.kind === 'scalar' && typeof max.value === 'number') ref.max = max.value;
      out.set(id, ref);
    }
  }
  return out;
}

/** Apply overrides in order; problems are located at `--set:1:1`. */
export function applyOverrides(tree: LMap, overrides: readonly Override[], problems: Problems): LMap {
  let t = tree;
  const levers = leversOf(tree);
  for (const o of overrides) {
    let path = String(o.path ?? '').trim();
    let value = String(o.value ?? '');
    let baseUnit = o.baseUnit === true;
    const lever = levers.get(path);
    if (lever) {
      if (!leverInRange(lever, path, value, problems)) continue;
      path = lever.path;
      if (PLAIN_NUMBER.test(value) && lever.unit.trim() !== '') value = `${value.trim()} ${lever.unit}`;
      else if (lever.unit.trim() === '') baseUnit = true; // the lever's unit is the base unit
    } else if ([...levers.values()].some((l) => l.path === path && isBaseUnit(l.unit))) {
      // a path a lever turns in the field's base unit (transfer.incentive in CNY/rack/month): a plain number is unambiguous
      baseUnit = true;
    }
    let segs = splitPath(path);
    if (segs.length === 0) {
      problems.add(SET, o.path, 'empty override path');
      continue;
    }
    if (segs[0] === 'extends') {
      problems.add(SET, path, 'extends cannot be overridden');
      continue;
    }
    const err = checkPath(t, segs, levers);
    if (err) {
      problems.add(SET, path, err);
      continue;
    }
    const node = parseOverrideValue(value, problems, path);
    if (!node) continue;
    if (baseUnit) markBaseUnit(node);
    // a parameter declared with a range: a number replaces its value and keeps the range
    if (segs.length === 2 && segs[0] === 'parameters' && node.kind === 'scalar') {
      const cur = nodeAt(t, segs);
      if (cur?.kind === 'map' && cur.entries.has('value')) segs = [...segs, 'value'];
    }
    // setting a parameter's min or max: a plain parameter becomes {value, min, max}
    if (segs.length === 3 && segs[0] === 'parameters' && (segs[2] === 'min' || segs[2] === 'max')) {
      const cur = nodeAt(t, segs.slice(0, 2));
      if (cur?.kind === 'scalar') {
        const entries = new Map<string, LEntry>([['value', { key: 'value', keyLoc: cur.loc, node: cur }]]);
        t = setAt(t, segs.slice(0, 2), { kind: 'map', loc: cur.loc, entries }) ?? t;
      }
    }
    t = keepIncludesPower(t, segs, node);
    const next = setAt(t, segs, node);
    if (!next) {
      problems.add(SET, path, `cannot set ${path}`);
      continue;
    }
    t = next;
  }
  return t;
}

/**
A rent quote `{price, rackPower, includesPower}` replaced by a rent per standard
rack (a lever or `--set` on `….rent`, which names the resolved per-standard-rack
number) keeps what it said about power: its `includesPower` moves to the sibling
`rentIncludesPower`, unless that is set (then the two agree, or the file is
already in error).
*/
function keepIncludesPower(t: LMap, segs: readonly string[], node: LNode): LMap {
  if (node.kind === 'map' || segs[segs.length - 1] !== 'rent') return t;
  const cur = nodeAt(t, segs);
  const inc = cur?.kind === 'map' ? cur.entries.get('includesPower') : undefined;
  if (!inc) return t;
  const sibling = [...segs.slice(0, -1), 'rentIncludesPower'];
  if (nodeAt(t, sibling) !== undefined) return t;
  return setAt(t, sibling, inc.node) ?? t;
}

function markBaseUnit(n: LNode): void {
  if (n.kind === 'scalar') n.baseUnit = true;
  else if (n.kind === 'seq') n.items.forEach(markBaseUnit);
  else for (const e of n.entries.values()) markBaseUnit(e.node);
}

/** A lever id's value must lie in the lever's min..max (a plain number is in the lever's unit; a quantity is converted to it). */
function leverInRange(lever: LeverRef, id: string, value: string, problems: Problems): boolean {
  if (lever.min === undefined || lever.max === undefined) return true;
  const unit = lever.unit.trim();
  const v = PLAIN_NUMBER.test(value) ? Number(value) : valueInUnit(value, unit);
  if (v === undefined || !Number.isFinite(v)) return true; // not a number in the lever's unit: resolution checks it
  if (v >= lever.min && v <= lever.max) return true;
  const u = unit ? ` ${unit}` : '';
  problems.add(SET, id, `${fmt(v)}${u} is outside the lever's range ${fmt(lever.min)} to ${fmt(lever.max)}${u}`);
  return false;
}

/** A constant quantity's value in `unit` ("60 billion CNY" in "billion CNY" is 60); undefined if it is not one. */
function valueInUnit(text: string, unit: string): number | undefined {
  return ratioOf(evaluateConstant(text), unit ? evaluateConstant(`1 ${unit}`) : 1);
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(10)));
}

function checkPath(tree: LMap, segs: string[], levers: Map<string, LeverRef>): string | undefined {
  let schema: z.ZodType = ScenarioFileSchema;
  let node: LNode | undefined = tree;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const prefix = segs.slice(0, i).join('.');
    if (isListSchema(schema)) {
      if (!node || node.kind !== 'seq') return `${prefix} has no items`;
      const idx = seqIndex(node, seg);
      if (idx < 0) {
        const ids = node.items.map(itemId).filter((x): x is string => x !== undefined);
        return `no item "${seg}" in ${prefix}${didYouMean(seg, ids)}`;
      }
      node = node.items[idx];
      schema = schemaChild(schema, 0)!;
      continue;
    }
    const next = schemaChild(schema, seg);
    if (!next) {
      const keys = schemaKeys(schema) ?? [];
      const candidates = i === 0 ? [...keys, ...levers.keys()] : keys;
      const where = i === 0 ? 'a scenario key or lever id' : `a key of ${prefix}`;
      return keys.length === 0 && i > 0 ? `${prefix} is a single value, it has no "${seg}"` : `unknown override path: "${seg}" is not ${where}${didYouMean(seg, candidates)}`;
    }
    schema = next;
    node = node && node.kind === 'map' ? node.entries.get(seg)?.node : undefined;
    if (node && node.kind === 'scalar' && i < segs.length - 1 && !isListSchema(schema) && schemaKeys(schema) === undefined) {
      return `${segs.slice(0, i + 1).join('.')} is a single value, it has no "${segs[i + 1]}"`;
    }
  }
  return undefined;
}

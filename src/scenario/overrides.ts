/**
`--set path=value` overrides and TUI lever presses, applied to the merged
document before resolution so they are validated exactly like file content.
A path is a lever id (a plain number then means the lever's unit) or a dotted
path with list items addressed by id or index.
*/
import { didYouMean, Problems, type Loc } from './errors.js';
import { parseOverrideValue, type LMap, type LNode } from './document.js';
import { child, itemId, seqIndex, setAt, splitPath } from './paths.js';
import { isListSchema, schemaChild, schemaKeys, ScenarioFileSchema } from './schema.js';
import type { z } from 'zod';

/** One override: from `--set path=value` or a TUI lever. */
export interface Override {
  path: string;
  value: string;
}

const SET: Loc = { file: '--set', line: 1, col: 1 };
const PLAIN_NUMBER = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

interface LeverRef {
  path: string;
  unit: string;
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
      out.set(id, { path: p.value, unit: u?.kind === 'scalar' && typeof u.value === 'string' ? u.value : '' });
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
    const lever = levers.get(path);
    if (lever) {
      path = lever.path;
      if (PLAIN_NUMBER.test(value) && lever.unit.trim() !== '') value = `${value.trim()} ${lever.unit}`;
    }
    const segs = splitPath(path);
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
    const next = setAt(t, segs, node);
    if (!next) {
      problems.add(SET, path, `cannot set ${path}`);
      continue;
    }
    t = next;
  }
  return t;
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

/**
`extends:` inheritance. A file names one base file (relative to itself); the
base is loaded (recursively), then this file is deep-merged over it:

- mappings merge key by key;
- lists whose items are all mappings with an `id` (on both sides) merge by id:
  an item with a known id is merged into that item in place, a new id is
  appended; any other list (or an empty one) replaces the base list;
- everything else replaces, except that a plain number over a parameter
  declared with a range (`parameters: {x: {value, min, max}}`) replaces only
  its value: the range stays;
- a name, label or description in two languages (`{en, zh}`) replaces the
  base's text whole: a file that writes `{en: X}` alone gets "zh is missing",
  never X beside the base's Chinese for another name.

Every node keeps the location it came from, so the merged tree knows which file
set each value.
*/
import { dirname, isAbsolute, join, normalize, resolve as resolvePath } from 'node:path';
import { Problems, type Loc } from './errors.js';
import { parseText, readText, type LEntry, type LMap, type LNode, type LSeq } from './document.js';
import { itemId } from './paths.js';

/** Longest allowed extends chain. */
export const MAX_EXTENDS_DEPTH = 16;

/** One file of an extends chain: its own (unmerged) tree. */
export interface ChainFile {
  /** Path as displayed (relative to the cwd when the top file was given relative). */
  file: string;
  tree: LMap;
}

export interface LoadedChain {
  /** Merged tree (without the `extends` key), undefined when a file failed to parse. */
  merged: LMap | undefined;
  /** Top file first, then its base, and so on. */
  chain: ChainFile[];
}

/** Load a file and everything it extends. */
export function loadFile(file: string, problems: Problems): LoadedChain {
  const text = readText(file, file, problems);
  if (text === undefined) return { merged: undefined, chain: [] };
  return loadText(text, file, dirname(file), problems, [{ abs: resolvePath(file), display: file }]);
}

/** Load text (named `file` in messages) whose `extends` resolves relative to `baseDir`. */
export function loadText(text: string, file: string, baseDir: string, problems: Problems, stack: StackEntry[] = []): LoadedChain {
  const tree = parseText(text, file, problems);
  if (!tree) return { merged: undefined, chain: [] };
  const chain: ChainFile[] = [{ file, tree }];
  const ext = tree.entries.get('extends');
  const own = withoutKey(tree, 'extends');
  if (!ext) return { merged: own, chain };
  const v = ext.node;
  if (v.kind !== 'scalar' || typeof v.value !== 'string' || v.value.trim() === '') {
    problems.add(v.loc, 'extends', 'extends must be a relative file path (a string)');
    return { merged: undefined, chain };
  }
  if (stack.length >= MAX_EXTENDS_DEPTH) {
    problems.add(v.loc, 'extends', `extends chain deeper than ${MAX_EXTENDS_DEPTH} files`);
    return { merged: undefined, chain };
  }
  // an absolute path stands as written; a relative one is read from the including file's folder
  const baseDisplay = isAbsolute(v.value) ? normalize(v.value) : normalize(join(baseDir, v.value));
  const baseAbs = resolvePath(baseDisplay);
  const cycleAt = stack.findIndex((s) => s.abs === baseAbs);
  if (cycleAt >= 0) {
    const names = [...stack.slice(cycleAt).map((s) => s.display), baseDisplay];
    problems.add(v.loc, 'extends', `extends cycle: ${names.join(' → ')}`);
    return { merged: undefined, chain };
  }
  const baseText = readText(baseDisplay, baseDisplay, problems, v.loc);
  if (baseText === undefined) return { merged: undefined, chain };
  const base = loadText(baseText, baseDisplay, dirname(baseDisplay), problems, [...stack, { abs: baseAbs, display: baseDisplay }]);
  chain.push(...base.chain);
  if (!base.merged) return { merged: undefined, chain };
  return { merged: mergeNodes(base.merged, own) as LMap, chain };
}

interface StackEntry {
  abs: string;
  display: string;
}

function withoutKey(m: LMap, key: string): LMap {
  if (!m.entries.has(key)) return m;
  const entries = new Map(m.entries);
  entries.delete(key);
  return { kind: 'map', loc: m.loc, entries };
}

function isIdList(s: LSeq): boolean {
  return s.items.length > 0 && s.items.every((it) => itemId(it) !== undefined);
}

/** A `name:` / `label:` / `description:` mapping of languages ({en, zh}, or one of them). */
function isLocalText(path: readonly string[], m: LMap): boolean {
  const key = path[path.length - 1];
  return (key === 'name' || key === 'label' || key === 'description') && m.entries.size > 0 && [...m.entries.keys()].every((k) => k === 'en' || k === 'zh');
}

/** Deep-merge `over` onto `base` (see the module comment). Neither input is mutated. `path` is where they sit in the document. */
export function mergeNodes(base: LNode, over: LNode, path: readonly string[] = []): LNode {
  if (path.length === 2 && path[0] === 'parameters' && base.kind === 'map' && base.entries.has('value') && over.kind === 'scalar') {
    const entries = new Map<string, LEntry>(base.entries);
    entries.set('value', { key: 'value', keyLoc: over.loc, node: over });
    return { kind: 'map', loc: base.loc, entries };
  }
  if (base.kind === 'map' && over.kind === 'map' && !isLocalText(path, over)) {
    const entries = new Map<string, LEntry>(base.entries);
    for (const [k, e] of over.entries) {
      const b = entries.get(k);
      entries.set(k, b ? { key: k, keyLoc: e.keyLoc, node: mergeNodes(b.node, e.node, [...path, k]) } : e);
    }
    return { kind: 'map', loc: over.loc, entries };
  }
  if (base.kind === 'seq' && over.kind === 'seq' && isIdList(base) && isIdList(over)) {
    const items = base.items.slice();
    for (const it of over.items) {
      const id = itemId(it);
      const i = items.findIndex((b) => itemId(b) === id);
      if (i >= 0) items[i] = mergeNodes(items[i]!, it);
      else items.push(it);
    }
    return { kind: 'seq', loc: over.loc, items };
  }
  return over;
}

export type { Loc };

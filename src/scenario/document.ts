/**
Reading one scenario file into a located tree: every map, list and scalar
remembers the file, line and column it came from, so that problems found later
(schema, units, formulas, extends) point at the exact place, and `explain` can
say which file of an `extends` chain set a value.

YAML and JSON go through the same parser (JSON is a YAML 1.2 subset), but a
`.json` file is first checked against the strict JSON grammar (json.ts), so a
trailing comma, a comment or a single-quoted string in it is a located error
rather than YAML that happens to parse. Hostile input is bounded: file size,
nesting depth, alias expansion, list length and total node count are all
capped, and each cap is a located problem.
*/
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node as YNode } from 'yaml';
import { Problems, type Loc } from './errors.js';
import { checkStrictJson } from './json.js';

export type LNode = LMap | LSeq | LScalar;
export type ScalarValue = string | number | boolean | null;

export interface LEntry {
  key: string;
  keyLoc: Loc;
  node: LNode;
}
export interface LMap {
  kind: 'map';
  loc: Loc;
  entries: Map<string, LEntry>;
}
export interface LSeq {
  kind: 'seq';
  loc: Loc;
  items: LNode[];
}
export interface LScalar {
  kind: 'scalar';
  loc: Loc;
  value: ScalarValue;
  /** A plain number here is meant in the field's base unit (a lever with unit "" or a programmatic override), so it needs no unit. */
  baseUnit?: boolean;
}

/** Caps on input size; each is reported as a located problem when exceeded. */
export const LIMITS = {
  fileBytes: 5 * 1024 * 1024,
  depth: 64,
  listItems: 500,
  phases: 2000,
  nodes: 200_000,
  aliases: 100,
} as const;

/** Read a file as UTF-8 text, rejecting oversized, binary and non-UTF-8 files. */
export function readText(file: string, displayName: string, problems: Problems, at?: Loc): string | undefined {
  const here = at ?? { file: displayName, line: 1, col: 1 };
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) {
      problems.add(here, '', `${displayName} is not a file`);
      return undefined;
    }
    size = st.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problems.add(here, '', code === 'ENOENT' ? `file not found: ${displayName}` : `cannot read ${displayName}: ${code ?? String(err)}`);
    return undefined;
  }
  if (size > LIMITS.fileBytes) {
    problems.add(here, '', `${displayName} is ${(size / 1048576).toFixed(1)} MB; scenario files are limited to ${LIMITS.fileBytes / 1048576} MB`);
    return undefined;
  }
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (err) {
    problems.add(here, '', `cannot read ${displayName}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    return undefined;
  }
  return decodeText(buf, displayName, problems);
}

/** UTF-8 decode with checks for binary content. */
export function decodeText(buf: Uint8Array, displayName: string, problems: Problems): string | undefined {
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    problems.add(posOfByte(buf, nul, displayName), '', 'the file contains NUL bytes: it looks binary, not a YAML or JSON scenario');
    return undefined;
  }
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text;
  } catch {
    problems.add(posOfByte(buf, firstBadUtf8(buf), displayName), '', 'the file is not valid UTF-8 text');
    return undefined;
  }
}

function posOfByte(buf: Uint8Array, index: number, file: string): Loc {
  let line = 1;
  let col = 1;
  for (let i = 0; i < index && i < buf.length; i++) {
    if (buf[i] === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return { file, line, col };
}

function firstBadUtf8(buf: Uint8Array): number {
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    const n = b < 0x80 ? 1 : b >> 5 === 6 ? 2 : b >> 4 === 14 ? 3 : b >> 3 === 30 ? 4 : 0;
    if (n === 0) return i;
    for (let k = 1; k < n; k++) if (i + k >= buf.length || buf[i + k]! >> 6 !== 2) return i;
    i += n;
  }
  return 0;
}

/** Files read with strict JSON rules (by extension); everything else is YAML. */
export function isJsonFile(file: string): boolean {
  return /\.json$/i.test(file);
}

/**
Parse YAML/JSON text into a located tree. Returns undefined (with problems) on
syntax errors, a non-mapping top level, or exceeded limits. A file named
`*.json` must be strict JSON.
*/
export function parseText(text: string, file: string, problems: Problems): LMap | undefined {
  if (text.length > LIMITS.fileBytes) {
    problems.add({ file, line: 1, col: 1 }, '', `the text is larger than ${LIMITS.fileBytes / 1048576} MB`);
    return undefined;
  }
  if (isJsonFile(file)) {
    const bad = checkStrictJson(text, LIMITS.depth);
    if (bad) {
      problems.add({ file, line: bad.line, col: bad.col }, '', bad.message);
      return undefined;
    }
  }
  const lc = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true, strict: true });
  } catch (err) {
    // the parser recursing too deep on pathological nesting
    problems.add({ file, line: 1, col: 1 }, '', `cannot parse: ${err instanceof RangeError ? 'nesting too deep' : String((err as Error)?.message ?? err)}`);
    return undefined;
  }
  const locOf = (offset: number | undefined): Loc => {
    if (offset === undefined) return { file, line: 1, col: 1 };
    const p = lc.linePos(offset);
    return { file, line: p.line, col: p.col };
  };
  if (doc.errors.length > 0) {
    for (const e of doc.errors.slice(0, 50)) {
      const lp = e.linePos?.[0];
      let msg = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      if (/call stack/i.test(msg)) msg = 'nesting too deep to parse';
      problems.add(lp ? { file, line: lp.line, col: lp.col } : locOf(e.pos?.[0]), '', `YAML syntax: ${msg}`);
    }
    return undefined;
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    problems.add({ file, line: 1, col: 1 }, '', 'the file is empty: expected a mapping of scenario keys (name, horizon, datacenters, ...)');
    return undefined;
  }
  const st = { nodes: 0, aliases: 0, failed: false };
  const before = problems.size;
  const conv = (n: unknown, depth: number, path: string): LNode => {
    const fallback: LScalar = { kind: 'scalar', loc: { file, line: 1, col: 1 }, value: null };
    if (st.failed) return fallback;
    if (++st.nodes > LIMITS.nodes) {
      st.failed = true;
      problems.add(locOf((n as YNode | undefined)?.range?.[0]), path, `the document is too large (more than ${LIMITS.nodes} values, after expanding aliases)`);
      return fallback;
    }
    if (depth > LIMITS.depth) {
      st.failed = true;
      problems.add(locOf((n as YNode | undefined)?.range?.[0]), path, `nesting deeper than ${LIMITS.depth} levels`);
      return fallback;
    }
    if (isAlias(n)) {
      if (++st.aliases > LIMITS.aliases) {
        st.failed = true;
        problems.add(locOf(n.range?.[0]), path, `more than ${LIMITS.aliases} aliases`);
        return fallback;
      }
      const target = n.resolve(doc);
      if (!target) {
        problems.add(locOf(n.range?.[0]), path, `unknown alias *${n.source}`);
        return fallback;
      }
      return conv(target, depth + 1, path);
    }
    if (isMap(n)) {
      const entries = new Map<string, LEntry>();
      for (const pair of n.items) {
        const k = pair.key;
        let key: string;
        if (isScalar(k) && (typeof k.value === 'string' || typeof k.value === 'number' || typeof k.value === 'boolean')) key = String(k.value);
        else {
          problems.add(locOf((k as YNode | null)?.range?.[0] ?? n.range?.[0]), path, 'keys must be plain names or numbers');
          continue;
        }
        const keyLoc = locOf((k as YNode).range?.[0]);
        const sub = path ? `${path}.${key}` : key;
        const node: LNode = pair.value === null ? { kind: 'scalar', loc: keyLoc, value: null } : conv(pair.value, depth + 1, sub);
        if (entries.has(key)) {
          problems.add(keyLoc, sub, `duplicate key "${key}"`);
          continue;
        }
        entries.set(key, { key, keyLoc, node });
      }
      return { kind: 'map', loc: locOf(n.range?.[0]), entries };
    }
    if (isSeq(n)) {
      const loc = locOf(n.range?.[0]);
      let items = n.items;
      if (items.length > LIMITS.listItems) {
        problems.add(loc, path, `the list has ${items.length} items; at most ${LIMITS.listItems} are allowed`);
        items = items.slice(0, LIMITS.listItems);
      }
      return { kind: 'seq', loc, items: items.map((it, i) => conv(it, depth + 1, `${path}.${i}`)) };
    }
    if (isScalar(n)) {
      const v = n.value;
      const loc = locOf(n.range?.[0]);
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { kind: 'scalar', loc, value: v };
      if (typeof v === 'bigint') return { kind: 'scalar', loc, value: Number(v) };
      problems.add(loc, path, 'unsupported value type');
      return { kind: 'scalar', loc, value: null };
    }
    problems.add(locOf((n as YNode | undefined)?.range?.[0]), path, 'unsupported YAML node');
    return fallback;
  };
  let root: LNode;
  try {
    root = conv(doc.contents, 0, '');
  } catch (err) {
    problems.add({ file, line: 1, col: 1 }, '', err instanceof RangeError ? 'nesting too deep' : `cannot read the document: ${String((err as Error)?.message ?? err)}`);
    return undefined;
  }
  if (problems.size > before) return undefined;
  if (root.kind !== 'map') {
    problems.add(root.loc, '', `the top level must be a mapping of scenario keys, got ${root.kind === 'seq' ? 'a list' : 'a single value'}`);
    return undefined;
  }
  return root;
}

/** Parse one override value like a YAML scalar (`0.3`, `60 billion CNY`, `{2020: 1}`), located at `--set:1:1`. */
export function parseOverrideValue(value: string, problems: Problems, path: string): LNode | undefined {
  const loc: Loc = { file: '--set', line: 1, col: 1 };
  const sub = new Problems();
  const wrapped = parseText(`v: ${value.includes('\n') ? JSON.stringify(value) : value}`, '--set', sub);
  const entry = wrapped?.entries.get('v');
  if (!entry || sub.size > 0) {
    // not valid YAML on its own: take it as a plain string
    if (value.length > 1000) {
      problems.add(loc, path, 'override value too long');
      return undefined;
    }
    return { kind: 'scalar', loc, value };
  }
  return relocate(entry.node, loc);
}

function relocate(n: LNode, loc: Loc): LNode {
  if (n.kind === 'scalar') return { ...n, loc };
  if (n.kind === 'seq') return { kind: 'seq', loc, items: n.items.map((i) => relocate(i, loc)) };
  const entries = new Map<string, LEntry>();
  for (const [k, e] of n.entries) entries.set(k, { key: k, keyLoc: loc, node: relocate(e.node, loc) });
  return { kind: 'map', loc, entries };
}

/** The plain JS value of a located tree. */
export function toPlain(n: LNode): unknown {
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(toPlain);
  const o: Record<string, unknown> = {};
  for (const [k, e] of n.entries) {
    if (k === '__proto__') Object.defineProperty(o, k, { value: toPlain(e.node), enumerable: true, configurable: true, writable: true });
    else o[k] = toPlain(e.node);
  }
  return o;
}

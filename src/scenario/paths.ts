/**
Dotted paths over located documents. List items are addressed by their `id`
(`datacenters.apple.phases.p1.size`) or by index (`datacenters.0`); validation
paths from zod use indices and are shown with ids where items have one.
*/
import type { Loc } from './errors.js';
import type { LEntry, LMap, LNode, LSeq } from './document.js';

export type Seg = string | number;

/** Split `a.b.c` into segments (no escaping; keys with dots cannot be addressed). */
export function splitPath(path: string): string[] {
  return path.split('.').filter((s) => s.length > 0);
}

/** The `id` of a list item, if it is a mapping with a scalar id. */
export function itemId(n: LNode | undefined): string | undefined {
  if (!n || n.kind !== 'map') return undefined;
  const id = n.entries.get('id')?.node;
  return id && id.kind === 'scalar' && (typeof id.value === 'string' || typeof id.value === 'number') ? String(id.value) : undefined;
}

/** Index of the item a segment names in a list: by id first, then by a numeric index. */
export function seqIndex(seq: LSeq, seg: Seg): number {
  if (typeof seg === 'number') return seg >= 0 && seg < seq.items.length ? seg : -1;
  const byId = seq.items.findIndex((it) => itemId(it) === seg);
  if (byId >= 0) return byId;
  if (/^\d+$/.test(seg)) {
    const i = Number(seg);
    return i < seq.items.length ? i : -1;
  }
  return -1;
}

export function child(n: LNode | undefined, seg: Seg): LNode | undefined {
  if (!n) return undefined;
  if (n.kind === 'map') return n.entries.get(String(seg))?.node;
  if (n.kind === 'seq') {
    const i = seqIndex(n, seg);
    return i >= 0 ? n.items[i] : undefined;
  }
  return undefined;
}

export function entryOf(n: LNode | undefined, seg: Seg): LEntry | undefined {
  return n && n.kind === 'map' ? n.entries.get(String(seg)) : undefined;
}

export function nodeAt(root: LNode, segs: readonly Seg[]): LNode | undefined {
  let n: LNode | undefined = root;
  for (const s of segs) {
    n = child(n, s);
    if (!n) return undefined;
  }
  return n;
}

/**
Location for a path: the node itself if it exists, else the deepest existing
ancestor (a missing key is reported at the mapping that lacks it). With
`atKey`, a map entry is located at its key rather than its value.
*/
export function locAt(root: LNode, segs: readonly Seg[], atKey = false): Loc {
  let n: LNode = root;
  let loc = root.loc;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (n.kind === 'map') {
      const e = n.entries.get(String(s));
      if (!e) return loc;
      loc = atKey && i === segs.length - 1 ? e.keyLoc : e.node.loc;
      n = e.node;
    } else if (n.kind === 'seq') {
      const c = child(n, s);
      if (!c) return loc;
      n = c;
      loc = c.loc;
    } else return loc;
  }
  return loc;
}

/** Dotted path with list indices replaced by item ids where the items have one. */
export function displayPath(root: LNode | undefined, segs: readonly Seg[]): string {
  const out: string[] = [];
  let n: LNode | undefined = root;
  for (const s of segs) {
    if (n && n.kind === 'seq') {
      const c = child(n, s);
      const id = itemId(c);
      out.push(id !== undefined && /^[^.\s]+$/.test(id) ? id : String(s));
      n = c;
    } else {
      out.push(String(s));
      n = child(n, s);
    }
  }
  return out.join('.');
}

/** Copy-on-write set: a new root with `value` at `segs`, creating missing mappings. Returns undefined if the path runs through a scalar or a missing list item. */
export function setAt(root: LMap, segs: readonly Seg[], value: LNode): LMap | undefined {
  const rec = (n: LNode | undefined, i: number, loc: Loc): LNode | undefined => {
    if (i === segs.length) return value;
    const s = segs[i]!;
    if (!n) n = { kind: 'map', loc, entries: new Map() };
    if (n.kind === 'map') {
      const e = n.entries.get(String(s));
      const c = rec(e?.node, i + 1, value.loc);
      if (!c) return undefined;
      const entries = new Map(n.entries);
      entries.set(String(s), { key: String(s), keyLoc: e?.keyLoc ?? value.loc, node: c });
      return { kind: 'map', loc: n.loc, entries };
    }
    if (n.kind === 'seq') {
      const idx = seqIndex(n, s);
      if (idx < 0) return undefined;
      const c = rec(n.items[idx], i + 1, value.loc);
      if (!c) return undefined;
      const items = n.items.slice();
      items[idx] = c;
      return { kind: 'seq', loc: n.loc, items };
    }
    return undefined;
  };
  const r = rec(root, 0, root.loc);
  return r && r.kind === 'map' ? r : undefined;
}

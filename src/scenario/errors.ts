/**
Problems found while loading a scenario, and the error that carries them.

Every problem is located (`file:line:col`) and names the dotted path of the
value it is about, so a user can fix every problem in one pass.
*/

/** One located problem in a scenario file (or in a `--set` override). */
export interface Problem {
  /** File as the user named it (or `--set` for an override, `<inline>` for text). */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  col: number;
  /** Dotted path of the value, list items by `id` where they have one. */
  path: string;
  message: string;
}

/** A location in a source file. */
export interface Loc {
  file: string;
  line: number;
  col: number;
}

/** `file:line:col  path  message`, one line. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}  ${p.path || '(top)'}  ${p.message}`;
}

/** Most problems reported for one load; the rest are summarised in one line. */
export const MAX_PROBLEMS = 200;

/** Thrown by the loader with every problem it found. `message` is the formatted lines. */
export class ScenarioError extends Error {
  readonly problems: Problem[];
  /** Problems found beyond the MAX_PROBLEMS shown (the last line of `message` counts them). */
  readonly more: number;
  constructor(problems: Problem[]) {
    const sorted = sortProblems(problems);
    const shown = sorted.slice(0, MAX_PROBLEMS);
    const lines = shown.map(formatProblem);
    if (sorted.length > shown.length) lines.push(moreProblems(sorted.length - shown.length));
    super(lines.join('\n'));
    this.name = 'ScenarioError';
    this.problems = shown;
    this.more = sorted.length - shown.length;
  }
}

/** The line after the problems shown: "… and 12 more problems". */
export function moreProblems(n: number): string {
  return `… and ${n} more problems`;
}

function sortProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const p of problems) {
    const k = formatProblem(p);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p);
  }
  // stable: by file in order of first appearance, then line and column
  const fileOrder = new Map<string, number>();
  for (const p of out) if (!fileOrder.has(p.file)) fileOrder.set(p.file, fileOrder.size);
  return out.sort((a, b) => (fileOrder.get(a.file)! - fileOrder.get(b.file)!) || a.line - b.line || a.col - b.col);
}

/** Collects problems during one load. */
export class Problems {
  readonly list: Problem[] = [];
  add(loc: Loc, path: string, message: string): void {
    if (this.list.length > MAX_PROBLEMS * 5) return; // bounded memory on hostile input
    this.list.push({ file: loc.file, line: Math.max(1, loc.line), col: Math.max(1, loc.col), path, message });
  }
  get size(): number {
    return this.list.length;
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new ScenarioError(this.list);
  }
}

/** Levenshtein edit distance (insert, delete, substitute each cost 1). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** The candidate closest to `word` (case-insensitive), if it is close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase().slice(0, 100);
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = levenshtein(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined || bestD >= w.length) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(w.length, best.length) / 3));
  return bestD <= limit ? best : undefined;
}

/** ` (did you mean "x"?)` or ''. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const c = closest(word, candidates);
  return c === undefined ? '' : ` (did you mean "${c}"?)`;
}

/** Short, safe rendering of a value for messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}

/**
Cutting a batch's Monte Carlo work into shards, and putting it back together
(docs/architecture.md §3.4, deploy/README.md).

The work of a batch is every sampled run of every scenario: scenario 0's runs,
then scenario 1's, and so on, laid end to end. Shard I of N takes the I-th of N
contiguous, near-equal stretches of that line (0-based I, as a Kubernetes
completion index counts). Each run depends only on (scenario, seed, run index)
— see rng.ts — so the shards can run anywhere, in any order, and the union of
their pieces is exactly the work one machine does.

A scenario with `runs: 1` is its central case and has no sampled runs: it
costs nothing here and is computed where the results are merged.

This module is pure arithmetic over run indices and arrays; the shard files
themselves are the CLI's business (src/cli/commands/batch/, merge/).
*/

/** Runs [from, to) of one scenario (by its index in the batch). */
export interface Piece {
  item: number;
  from: number;
  to: number;
}

export interface ShardSpec {
  /** 0-based shard index, 0 ≤ index < count. */
  index: number;
  count: number;
}

/**
The pieces shard `index` of `count` computes, given each scenario's sampled
runs (0 for a scenario that is skipped or is a central case only).

@example
shardPieces([10, 0, 5], 1, 3); // => [{item: 0, from: 5, to: 10}]
*/
export function shardPieces(runsPerItem: readonly number[], index: number, count: number): Piece[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`shard count must be a positive integer, got ${count}`);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`shard index must be in 0..${count - 1}, got ${index}`);
  const total = runsPerItem.reduce((a, b) => a + b, 0);
  const [lo, hi] = [cut(total, index, count), cut(total, index + 1, count)];
  const pieces: Piece[] = [];
  let offset = 0;
  runsPerItem.forEach((runs, item) => {
    const from = Math.max(lo, offset);
    const to = Math.min(hi, offset + runs);
    if (to > from) pieces.push({ item, from: from - offset, to: to - offset });
    offset += runs;
  });
  return pieces;
}

/** ⌊i·total / n⌋ in exact integer arithmetic. */
function cut(total: number, i: number, n: number): number {
  return Number((BigInt(total) * BigInt(i)) / BigInt(n));
}

/**
Check that `pieces` (of one scenario) cover runs [0, runs) exactly once. Returns
one message per gap or overlap, in run order; empty when they tile.
*/
export function coverageProblems(pieces: readonly { from: number; to: number }[], runs: number): string[] {
  const sorted = [...pieces].sort((a, b) => a.from - b.from || a.to - b.to);
  const problems: string[] = [];
  let next = 0;
  for (const p of sorted) {
    if (p.from > next) problems.push(`runs ${next}–${p.from - 1} missing`);
    else if (p.from < next) problems.push(`runs ${p.from}–${Math.min(next, p.to) - 1} present twice`);
    next = Math.max(next, p.to);
  }
  if (next < runs) problems.push(`runs ${next}–${runs - 1} missing`);
  if (next > runs) problems.push(`runs ${runs}–${next - 1} beyond the ${runs} runs expected`);
  return problems;
}

/**
Transpose `runs` rows of `width` values (run-major, as the engine produces them)
into columns (`out[c * runs + r]`), so a column of a shard file is one
contiguous stretch and a merge reads one column of every run with a few reads.
*/
export function toColumns(runMajor: Float64Array, runs: number, width: number, out = new Float64Array(runs * width)): Float64Array {
  for (let r = 0; r < runs; r++) {
    const row = r * width;
    for (let c = 0; c < width; c++) out[c * runs + r] = runMajor[row + c]!;
  }
  return out;
}

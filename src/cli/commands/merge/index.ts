/**
`dcplan merge <dirs>... --out DIR`: combine the shard directories written by
`dcplan batch --shard I/N` into exactly what the unsharded batch writes —
`DIR/X/result.json`, `DIR/X/yearly.csv` and `DIR/manifest.json`, byte for byte.

A directory argument is a shard directory (it holds `shard.json`) or a directory
of shard directories (such as the `--out` every shard was given). Merge checks
that the shards are all N of one batch (same scenarios, hashes, seeds and runs,
each index once, every run present exactly once) before writing anything. It
re-resolves each scenario from the source the shards stored, recomputes the
central run, and reads the per-run values one column (metric × year) at a time,
so memory stays at a few columns of runs however large the study.
*/
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import { summarize, summarizeColumns } from '../../../engine/montecarlo.js';
import { coverageProblems } from '../../../engine/shard.js';
import { simulate } from '../../../engine/simulate.js';
import { t } from '../../../report/i18n/catalogue.js';
import { countOf } from '../../../report/i18n/count.js';
import { problemLines } from '../../../report/i18n/problems.js';
import { yearlyCsv } from '../../../report/csv.js';
import { toJson } from '../../../report/json.js';
import { manifestJson, SHARD_FORMAT, type ManifestScenario, type ShardScenario } from '../../../report/manifest.js';
import { resolveScenario, ScenarioError, type ScenarioSource } from '../../../scenario/index.js';
import { UserError, usageError } from '../../exit.js';
import { writeAtomic } from '../../io.js';
import { VERSION } from '../../../report/version.js';
import { failedLines, statusLine, writeResult } from '../batch/index.js';
import { writeErr } from '../../output.js';

export interface MergeOptions {
  out?: string;
}

/** `shard.json` as read back (see `shardManifestJson`). */
interface ShardDoc {
  format: string;
  shard: { index: number; count: number };
  scenarios: ShardScenario[];
}

interface Shard {
  dir: string;
  doc: ShardDoc;
}

/** Shard directories among the arguments: each one itself, or its subdirectories holding shard.json. */
export function findShards(dirs: readonly string[]): string[] {
  const out: string[] = [];
  for (const d of dirs) {
    if (!existsSync(d) || !statSync(d).isDirectory()) throw usageError(t('cli.err.notDir', { dir: d }));
    if (existsSync(join(d, 'shard.json'))) {
      out.push(d);
      continue;
    }
    const subs = readdirSync(d, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(d, e.name, 'shard.json')))
      .map((e) => join(d, e.name))
      .sort();
    if (subs.length === 0) {
      const partial = readdirSync(d).some((n) => /^shard-\d+-of-\d+$/.test(n)) || /shard-\d+-of-\d+\/?$/.test(d);
      throw new UserError([t(partial ? 'cli.merge.noShardPartial' : 'cli.merge.noShard', { dir: d })]);
    }
    out.push(...subs);
  }
  return out;
}

function readShard(dir: string): Shard {
  const file = join(dir, 'shard.json');
  let doc: ShardDoc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as ShardDoc;
  } catch (err) {
    throw new UserError([t('cli.merge.cannotRead', { file, why: (err as Error).message })]);
  }
  if (doc.format !== SHARD_FORMAT) throw new UserError([t('cli.merge.notShard', { file, format: String(doc.format), expected: SHARD_FORMAT })]);
  return { dir, doc };
}

/** Every shard of one batch, each index once; throws UserError naming what is missing or inconsistent. */
export function checkShards(shards: readonly Shard[]): void {
  const count = shards[0]!.doc.shard.count;
  const byIndex = new Map<number, string>();
  const problems: string[] = [];
  for (const s of shards) {
    if (s.doc.shard.count !== count) problems.push(t('cli.merge.countDiffers', { dir: s.dir, index: s.doc.shard.index, count: s.doc.shard.count, first: shards[0]!.dir, firstCount: count }));
    const other = byIndex.get(s.doc.shard.index);
    if (other !== undefined) problems.push(t('cli.merge.sameIndex', { dir: s.dir, other, index: s.doc.shard.index }));
    byIndex.set(s.doc.shard.index, s.dir);
  }
  const missing: number[] = [];
  for (let i = 0; i < count; i++) if (!byIndex.has(i)) missing.push(i);
  if (missing.length > 0) {
    const list = `${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}`;
    problems.push(t(missing.length === 1 ? 'cli.merge.missingOne' : 'cli.merge.missing', { list, max: count - 1 }));
  }
  const key = (x: ShardDoc['scenarios'][number]): string => JSON.stringify([x.file, x.dir, x.status === 'failed' ? 'failed' : 'ok', x.hash, x.seed, x.runs]);
  const first = shards[0]!.doc.scenarios.map(key).join('\n');
  for (const s of shards.slice(1)) {
    if (s.doc.scenarios.map(key).join('\n') !== first) problems.push(t('cli.merge.otherBatch', { dir: s.dir, first: shards[0]!.dir }));
  }
  if (problems.length > 0) throw new UserError(problems.map((p) => t('cli.merge.problem', { problem: p })));
}

export async function mergeCommand(dirs: string[], opts: MergeOptions): Promise<void> {
  if (!opts.out) throw usageError(t('cli.err.merge.out'));
  const out = opts.out;
  const shards = findShards(dirs).map(readShard);
  checkShards(shards);
  if (endianness() !== 'LE') throw new UserError([t('cli.err.bigEndian')]);
  const listed = shards[0]!.doc.scenarios;

  // check every scenario's runs are all there before writing anything
  const plan = listed.map((sc, i) => {
    const pieces = shards.flatMap((s) => (s.doc.scenarios[i]!.pieces ?? []).map((p) => ({ ...p, path: join(s.dir, p.file) })));
    return { sc, pieces };
  });
  const problems: string[] = [];
  for (const { sc, pieces } of plan) {
    if (sc.status === 'failed') continue;
    const runs = sc.runs!;
    if (runs > 1) for (const p of coverageProblems(pieces, runs)) problems.push(`${sc.file}: ${p}`);
    for (const p of pieces) {
      const want = (p.to - p.from) * sc.width! * 8;
      const size = existsSync(p.path) ? statSync(p.path).size : -1;
      if (size !== want) problems.push(size < 0 ? t('cli.merge.fileMissing', { file: p.path }) : t('cli.merge.fileSize', { file: p.path, size, want }));
    }
  }
  if (problems.length > 0) throw new UserError(problems.map((p) => t('cli.merge.problem', { problem: p })));

  const results: ManifestScenario[] = [];
  for (const { sc, pieces } of plan) {
    if (sc.status === 'failed') {
      results.push({ file: sc.file, dir: sc.dir, status: 'failed', problems: sc.problems ?? [] });
      continue;
    }
    const sourceFile = join(shards[0]!.dir, sc.dir, 'source.bin');
    let source: ScenarioSource;
    try {
      source = deserialize(readFileSync(sourceFile)) as ScenarioSource;
    } catch (err) {
      throw new UserError([t('cli.merge.problem', { problem: t('cli.merge.sourceUnreadable', { file: sourceFile, why: (err as Error).message }) })]);
    }
    let scenario;
    try {
      scenario = resolveScenario(source);
    } catch (err) {
      if (err instanceof ScenarioError) throw new UserError(problemLines(err));
      throw err;
    }
    if (scenario.hash !== sc.hash) {
      throw new UserError([t('cli.merge.problem', { problem: t('cli.merge.hash', { file: sourceFile, hash: scenario.hash.slice(0, 12), shards: String(sc.hash).slice(0, 12) }) })]);
    }
    const runs = sc.runs!;
    const central = simulate(scenario, { detail: true });
    let mc;
    if (runs === 1) {
      mc = summarize(scenario, sc.seed!, 1, central, central.values);
    } else {
      const sorted = [...pieces].sort((a, b) => a.from - b.from);
      const fds = sorted.map((p) => openSync(p.path, 'r'));
      try {
        mc = summarizeColumns(scenario, sc.seed!, runs, central, (col, column) => {
          const bytes = new Uint8Array(column.buffer, column.byteOffset, runs * 8);
          sorted.forEach((p, j) => {
            const n = p.to - p.from;
            readFully(fds[j]!, bytes, p.from * 8, n * 8, col * n * 8);
          });
        });
      } finally {
        for (const fd of fds) closeSync(fd);
      }
    }
    const outputs = writeResult(out, sc.dir, toJson(mc), yearlyCsv(mc));
    results.push({ file: sc.file, dir: sc.dir, status: 'ok', name: sc.name!, hash: sc.hash, seed: sc.seed!, runs, outputs });
    writeErr(`${statusLine('merged', t('cli.merge.merged', { file: sc.file, runs: countOf(runs, 'run'), pieces: countOf(pieces.length, 'piece') }))}\n`);
  }
  const manifestFile = join(out, 'manifest.json');
  writeAtomic(manifestFile, manifestJson({ dcplan: VERSION, node: process.version, scenarios: results }));
  const failed = results.filter((r) => r.status === 'failed');
  writeErr(`${t('cli.merge.summary', { shards: countOf(shards.length, 'shard'), ok: results.length - failed.length, scenarios: countOf(results.length, 'scenario'), manifest: manifestFile })}\n`);
  if (failed.length > 0) {
    const lines = failed.flatMap(failedLines);
    throw new UserError([...lines, t('cli.merge.failed', { scenarios: countOf(failed.length, 'scenario'), files: failed.map((f) => f.file).join(', ') })]);
  }
}

function readFully(fd: number, bytes: Uint8Array, offset: number, length: number, position: number): void {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, bytes, offset + done, length - done, position + done);
    if (n === 0) throw new UserError([t('cli.merge.problem', { problem: t('cli.merge.truncated') })]);
    done += n;
  }
}

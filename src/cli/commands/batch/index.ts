/**
`dcplan batch <files|dirs>...`: run many scenarios and write, per scenario X,
`DIR/X/result.json` (exactly what `dcplan run X --format json` prints) and
`DIR/X/yearly.csv`, plus `DIR/manifest.json` (report/manifest.ts).

- A directory stands for its `*.yaml`, `*.yml` and `*.json` files (not its
  subdirectories), in name order.
- Scenarios run one after another, each spread over one shared worker pool.
- Every file is written atomically. A scenario that fails to load or run is
  reported (file:line:col) and skipped; the rest finish; the exit code is 1.
- Ctrl-C (or SIGTERM) stops the workers at once, writes the manifest with the
  unfinished scenarios marked `interrupted`, and exits 130 (143); finished
  results are whole. `--resume` skips every scenario whose result.json has the
  same content hash, file, seed and runs, so a resumed batch writes the same
  bytes as one that was never interrupted.
- `--shard I/N` computes shard I (0-based) of N of the batch's Monte Carlo runs
  (engine/shard.ts) into `DIR/shard-I-of-N/` as raw per-run values; `dcplan
  merge` turns the shard directories into what the unsharded batch writes.
*/
import { createHash } from 'node:crypto';
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { endianness, totalmem } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { serialize } from 'node:v8';
import cliProgress from 'cli-progress';
import type { Piscina } from 'piscina';
import { runWidth } from '../../../engine/montecarlo.js';
import { createPool, monteCarloParallel, simulateRunsParallel } from '../../../engine/parallel.js';
import { shardPieces, toColumns, type ShardSpec } from '../../../engine/shard.js';
import { t } from '../../../report/i18n/catalogue.js';
import { countOf } from '../../../report/i18n/count.js';
import { problemLineText } from '../../../report/i18n/problems.js';
import { padEndW } from '../../../report/width.js';
import { yearlyCsv } from '../../../report/csv.js';
import { toJson } from '../../../report/json.js';
import { manifestJson, shardManifestJson, type ManifestScenario, type OutputFile, type ShardScenario } from '../../../report/manifest.js';
import { readScenarioSource, resolveScenario, ScenarioError, type ScenarioSource } from '../../../scenario/index.js';
import type { Scenario } from '../../../scenario/types.js';
import { UserError, usageError } from '../../exit.js';
import { cannotWrite, writeAtomic } from '../../io.js';
import { parseSimulationFlags } from '../../options.js';
import { VERSION } from '../../../report/version.js';
import type { CommandContext } from '../run/index.js';
import { expandInputs } from '../../inputs.js';
import { output, stderrIsTTY, writeErr } from '../../output.js';

export interface BatchOptions {
  runs?: string;
  seed?: string;
  workers?: string;
  out?: string;
  shard?: string;
  resume?: boolean;
}

/** Runs per shard chunk: one chunk of per-run values is in memory at a time (runs × width × 8 bytes). */
const SHARD_CHUNK = 8192;

// ---------------------------------------------------------------- inputs


/**
Output directory names: the file's base name without extension; where base
names collide, enough of the trailing path to tell them apart
(`x/plan.yaml`, `y/plan.yaml` → `x__plan`, `y__plan`; `t.yaml`, `t.json` →
`t_yaml`, `t_json`).
*/
export function outputDirs(files: readonly string[]): string[] {
  const stem = (f: string): string => join(dirname(resolve(f)), basename(f, extname(f)));
  const stems = new Map<string, number>();
  for (const f of files) stems.set(stem(f), (stems.get(stem(f)) ?? 0) + 1);
  const segs = files.map((f) => {
    const parts = resolve(f).split(/[\\/]+/).filter((p) => p !== '');
    const base = basename(f, extname(f)) || basename(f);
    // a.yaml and a.json side by side keep their extensions apart
    parts[parts.length - 1] = (stems.get(stem(f)) ?? 0) > 1 ? `${base}${extname(f).replace('.', '_')}` : base;
    return parts;
  });
  const name = (i: number, k: number): string => segs[i]!.slice(-k).join('__').replace(/^\.+/, '_');
  const out = files.map((_, i) => name(i, 1));
  for (let k = 2; ; k++) {
    const count = new Map<string, number>();
    for (const n of out) count.set(n, (count.get(n) ?? 0) + 1);
    const clash = out.map((n) => (count.get(n) ?? 0) > 1);
    if (!clash.some(Boolean)) return out;
    let changed = false;
    out.forEach((n, i) => {
      if (!clash[i]) return;
      const next = name(i, k);
      if (next !== n) changed = true;
      out[i] = next;
    });
    if (!changed) return out; // cannot happen: the files' paths differ
  }
}

export interface Entry {
  file: string;
  dir: string;
  scenario?: Scenario;
  source?: ScenarioSource;
  /** Why it cannot run (load problems), one line each, in English: the manifest keeps them (machine output, the same in every language). */
  problems?: string[];
  runs: number;
  seed: number;
}

/** Load every scenario; a broken one becomes an entry with its problems. */
export function loadEntries(files: readonly string[], runsFlag: number | undefined, seedFlag: number | undefined): Entry[] {
  const dirs = outputDirs(files);
  return files.map((file, i) => {
    const dir = dirs[i]!;
    try {
      const source = readScenarioSource(file);
      const scenario = resolveScenario(source);
      return { file, dir, scenario, source, runs: runsFlag ?? scenario.runs, seed: seedFlag ?? scenario.seed };
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      return { file, dir, problems: err.message.split('\n'), runs: 0, seed: 0 };
    }
  });
}

export function parseShard(raw: string | undefined): ShardSpec | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  if (!m) throw usageError(t('cli.err.shard.syntax', { raw }));
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 1_000_000) throw usageError(t('cli.err.shard.count', { count }));
  if (index >= count) throw usageError(t('cli.err.shard.index', { max: count - 1, index }));
  return { index, count };
}

// ---------------------------------------------------------------- output helpers

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Write bytes atomically (temporary file in the same directory, then rename). */
export function writeAtomicBytes(file: string, data: Uint8Array): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    const e = err as NodeJS.ErrnoException;
    throw cannotWrite(file, e.code, e.code ?? e.message);
  }
}

/** Write one scenario's result.json and yearly.csv (CSV first: a result.json on disk means both are whole). */
export function writeResult(out: string, dir: string, json: string, csv: string): OutputFile[] {
  writeAtomic(join(out, dir, 'yearly.csv'), csv);
  writeAtomic(join(out, dir, 'result.json'), json);
  return [
    { file: `${dir}/result.json`, sha256: sha256(json) },
    { file: `${dir}/yearly.csv`, sha256: sha256(csv) },
  ];
}

/** The outputs of a finished result with this hash, file, seed and runs, or undefined. */
function existingResult(out: string, e: Entry): OutputFile[] | undefined {
  const jsonFile = join(out, e.dir, 'result.json');
  const csvFile = join(out, e.dir, 'yearly.csv');
  if (!existsSync(jsonFile) || !existsSync(csvFile)) return undefined;
  try {
    const json = readFileSync(jsonFile, 'utf8');
    const doc = JSON.parse(json) as { scenario?: { hash?: string; file?: string }; seed?: number; runs?: number };
    if (doc.scenario?.hash !== e.scenario!.hash || doc.scenario?.file !== e.file || doc.seed !== e.seed || doc.runs !== e.runs) return undefined;
    return [
      { file: `${e.dir}/result.json`, sha256: sha256(json) },
      { file: `${e.dir}/yearly.csv`, sha256: sha256(readFileSync(csvFile)) },
    ];
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- progress

export interface BatchProgress {
  /** `runs` more runs done. */
  add(runs: number): void;
  scenario(label: string): void;
  log(line: string): void;
  stop(): void;
}

/** A bar (runs, rate, ETA) on a terminal, a plain line every 5 s otherwise; per-scenario lines either way. */
export function batchProgress(label: string, total: number): BatchProgress {
  let done = 0;
  let current = '';
  const start = Date.now();
  const rate = (): number => done / Math.max(0.001, (Date.now() - start) / 1000);
  if (stderrIsTTY() && total >= 2000) {
    const multi = new cliProgress.MultiBar(
      { format: t('cli.progress.batchBar', { label }), hideCursor: true, clearOnComplete: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    const bar = multi.create(total, 0, { scenario: '', rate: '0' });
    return {
      add: (n) => {
        done += n;
        bar.update(done, { scenario: current, rate: Math.round(rate()).toString() });
      },
      scenario: (s) => {
        current = s;
        bar.update(done, { scenario: current });
      },
      log: (line) => multi.log(line + '\n'),
      stop: () => multi.stop(),
    };
  }
  let last = start;
  return {
    add: (n) => {
      done += n;
      const now = Date.now();
      if (total < 2000 || now - last < 5000 || done >= total) return;
      last = now;
      const eta = (total - done) / Math.max(1e-9, rate());
      writeErr(`${t('cli.progress.batchLine', { label, done, total, pct: Math.floor((100 * done) / total), scenario: current, rate: Math.round(rate()), eta: Math.round(eta) })}\n`);
    },
    scenario: (s) => {
      current = s;
    },
    log: (line) => writeErr(line + '\n'),
    stop: () => {},
  };
}

// ---------------------------------------------------------------- interruption

class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
  }
}

/** SIGINT / SIGTERM abort the controller (the second one exits at once). */
function onInterrupt(controller: AbortController, progress: () => BatchProgress | undefined): () => void {
  let count = 0;
  const handler = (signal: NodeJS.Signals): void => {
    count++;
    if (count > 1) process.exit(signal === 'SIGTERM' ? 143 : 130);
    progress()?.stop();
    writeErr(`\n${t('cli.batch.stopping', { signal })}\n`);
    controller.abort(new Interrupted(signal));
  };
  const signals = output().signals;
  signals.on('SIGINT', handler);
  signals.on('SIGTERM', handler);
  return () => {
    signals.off('SIGINT', handler);
    signals.off('SIGTERM', handler);
  };
}

function interruptedError(signal: NodeJS.Signals | undefined, finished: number, total: number): UserError {
  return new UserError(
    [t('cli.batch.interrupted', { finished, scenarios: countOf(total, 'scenario') })],
    signal === 'SIGTERM' ? 143 : 130,
  );
}

/** "ok      FILE", "failed  FILE", "resumed FILE": the status word in a column of its own. */
export function statusLine(status: 'ok' | 'failed' | 'resumed' | 'merged', text: string): string {
  const words = { ok: t('cli.batch.ok'), failed: t('cli.batch.failed'), resumed: t('cli.batch.resumed'), merged: t('cli.batch.merged') };
  const w = Math.max(8, ...Object.values(words).map((x) => x.length + 1));
  return `${padEndW(words[status], w)}${text}`;
}

/** A failed scenario: its status line, then each problem (the manifest's English, said in the session's language). */
export const failedLines = (e: ManifestScenario): string[] => [statusLine('failed', e.file), ...(e.problems ?? []).map((p) => `  ${problemLineText(p)}`)];

const elapsed = (t0: number): string => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------- command

export async function batchCommand(inputs: string[], opts: BatchOptions, ctx: CommandContext): Promise<void> {
  const { runs: runsFlag, seed: seedFlag, workers } = parseSimulationFlags(opts, ctx.workerUrl, 100_000_000);
  const shard = parseShard(opts.shard);
  const out = opts.out ?? 'results';
  const files = expandInputs(inputs);
  if (files.length === 0) throw usageError(t('cli.err.batch.none'));
  const entries = loadEntries(files, runsFlag, seedFlag);

  let progress: BatchProgress | undefined;
  const controller = new AbortController();
  const detach = onInterrupt(controller, () => progress);
  let pool: Piscina | undefined;
  const getPool = async (): Promise<Piscina | undefined> => {
    if (workers === 1) return undefined;
    pool ??= await createPool(ctx.workerUrl, workers);
    return pool;
  };
  try {
    if (shard) await runShard(entries, shard, join(out, `shard-${shard.index}-of-${shard.count}`), opts.resume === true, workers, ctx, getPool, controller.signal, (p) => (progress = p));
    else await runBatch(entries, out, opts.resume === true, workers, ctx, getPool, controller.signal, (p) => (progress = p));
  } finally {
    progress?.stop();
    detach();
    await pool?.destroy();
  }
}

type GetPool = () => Promise<Piscina | undefined>;

async function runBatch(
  entries: Entry[], out: string, resume: boolean, workers: number, ctx: CommandContext, getPool: GetPool, signal: AbortSignal,
  setProgress: (p: BatchProgress) => void,
): Promise<void> {
  const manifestFile = join(out, 'manifest.json');
  const reused = new Map<number, OutputFile[]>();
  if (resume) {
    entries.forEach((e, i) => {
      const outputs = e.scenario ? existingResult(out, e) : undefined;
      if (outputs) reused.set(i, outputs);
    });
  }
  const total = entries.reduce((n, e, i) => n + (e.scenario && !reused.has(i) ? e.runs : 0), 0);
  checkMemory(entries.filter((e, i) => e.scenario && !reused.has(i)));
  rmSync(manifestFile, { force: true }); // a manifest on disk means the batch finished (or was stopped cleanly)
  const progress = batchProgress(t('cli.batch.label'), total);
  setProgress(progress);
  const results: ManifestScenario[] = entries.map((e) => ({ file: e.file, dir: e.dir, status: 'interrupted' }));
  let interrupted: NodeJS.Signals | undefined;
  // say at once which scenarios cannot run, not after hours of the others
  entries.forEach((e, i) => {
    if (e.scenario) return;
    Object.assign(results[i]!, { status: 'failed', problems: e.problems });
    progress.log(failedLines(results[i]!).join('\n'));
  });

  for (const [i, e] of entries.entries()) {
    const m = results[i]!;
    if (!e.scenario) continue;
    Object.assign(m, { name: e.scenario.name, hash: e.scenario.hash, seed: e.seed, runs: e.runs });
    const prior = reused.get(i);
    if (prior) {
      Object.assign(m, { status: 'ok', outputs: prior });
      progress.log(statusLine('resumed', t('cli.batch.resumedResult', { file: e.file })));
      continue;
    }
    if (signal.aborted) break;
    progress.scenario(e.dir);
    const t0 = Date.now();
    let reported = 0;
    try {
      const mc = await monteCarloParallel(e.scenario, {
        runs: e.runs, seed: e.seed, workers, workerUrl: ctx.workerUrl, source: e.source!, overrides: [], pool: e.runs > 1 ? await getPool() : undefined, signal,
        onProgress: (done) => {
          progress.add(done - reported);
          reported = done;
        },
      });
      if (e.runs === 1) progress.add(1);
      Object.assign(m, { status: 'ok', outputs: writeResult(out, e.dir, toJson(mc), yearlyCsv(mc)) });
      progress.log(statusLine('ok', `${e.file}  ${countOf(e.runs, 'run')}  ${elapsed(t0)}`));
    } catch (err) {
      if (signal.aborted) {
        interrupted = (signal.reason as Interrupted).signal;
        break;
      }
      if (err instanceof UserError) throw err;
      Object.assign(m, { status: 'failed', problems: [`${e.file}: the simulation failed: ${(err as Error).message ?? String(err)}`] });
      progress.log(failedLines(m).join('\n'));
    }
  }
  if (signal.aborted && !interrupted) interrupted = (signal.reason as Interrupted).signal;
  progress.stop();
  writeAtomic(manifestFile, manifestJson({ dcplan: VERSION, node: process.version, scenarios: results }));
  const ok = results.filter((r) => r.status === 'ok').length;
  const failed = results.filter((r) => r.status === 'failed');
  if (interrupted) throw interruptedError(interrupted, ok, results.length);
  const failedText = failed.length ? t('cli.batch.failedCount', { n: failed.length }) : '';
  writeErr(`${t('cli.batch.summary', { ok, scenarios: countOf(results.length, 'scenario'), failed: failedText, manifest: manifestFile })}\n`);
  if (failed.length > 0) throw new UserError([t('cli.batch.failedFiles', { scenarios: countOf(failed.length, 'scenario'), files: failed.map((f) => f.file).join(', ') })]);
}

/**
An unsharded batch keeps one scenario's runs in memory at a time (runs × values
per run × 8 bytes). Refuse up front what cannot fit, and point to --shard,
which writes runs to disk in chunks.
*/
function checkMemory(entries: readonly Entry[]): void {
  const limit = totalmem() * 0.75;
  const big = entries
    .map((e) => ({ e, bytes: e.runs * runWidth(e.scenario!) * 8 }))
    .filter((x) => x.e.runs > 1 && x.bytes > limit);
  if (big.length === 0) return;
  const gb = (b: number): string => `${(b / 1e9).toFixed(1)} GB`;
  throw new UserError([
    ...big.map(({ e, bytes }) => t('cli.batch.memory', { file: e.file, runs: countOf(e.runs, 'run'), need: gb(bytes), have: gb(totalmem()) })),
    t('cli.batch.useShards'),
  ]);
}

// ---------------------------------------------------------------- shards

/** What a shard records about each scenario next to its pieces, to resume safely. */
interface PieceMeta {
  file: string;
  hash: string;
  seed: number;
  runs: number;
  width: number;
}

async function runShard(
  entries: Entry[], spec: ShardSpec, shardDir: string, resume: boolean, workers: number, ctx: CommandContext, getPool: GetPool, signal: AbortSignal,
  setProgress: (p: BatchProgress) => void,
): Promise<void> {
  const manifestFile = join(shardDir, 'shard.json');
  rmSync(manifestFile, { force: true }); // shard.json on disk means this shard is whole
  // central-case scenarios (runs = 1) have no sampled runs: merge computes them
  const sampled = entries.map((e) => (e.scenario && e.runs > 1 ? e.runs : 0));
  const pieces = shardPieces(sampled, spec.index, spec.count);
  const total = pieces.reduce((n, p) => n + p.to - p.from, 0);
  const label = t('cli.batch.shardLabel', { index: spec.index, count: spec.count });
  const progress = batchProgress(label, total);
  setProgress(progress);
  const results: ShardScenario[] = entries.map((e) => ({ file: e.file, dir: e.dir, status: 'interrupted' }));
  let interrupted: NodeJS.Signals | undefined;

  // every shard records every scenario (and its source, for merge), so any one shard describes the batch
  for (const [i, e] of entries.entries()) {
    const m = results[i]!;
    if (!e.scenario) {
      Object.assign(m, { status: 'failed', problems: e.problems });
      progress.log(failedLines(m).join('\n'));
      continue;
    }
    const width = runWidth(e.scenario);
    Object.assign(m, { name: e.scenario.name, hash: e.scenario.hash, seed: e.seed, runs: e.runs, width, pieces: [] });
    const meta: PieceMeta = { file: e.file, hash: e.scenario.hash, seed: e.seed, runs: e.runs, width };
    const dir = join(shardDir, e.dir);
    const metaFile = join(dir, 'scenario.json');
    const metaText = JSON.stringify(meta, null, 2) + '\n';
    if (!(resume && existsSync(metaFile) && readFileSync(metaFile, 'utf8') === metaText)) {
      rmSync(dir, { recursive: true, force: true });
      writeAtomicBytes(join(dir, 'source.bin'), serialize(e.source!));
      writeAtomic(metaFile, metaText);
    }
  }

  for (const piece of pieces) {
    const e = entries[piece.item]!;
    const m = results[piece.item]!;
    const width = m.width!;
    const name = `runs-${piece.from}-${piece.to}.f64`;
    const file = join(shardDir, e.dir, name);
    const bytes = (piece.to - piece.from) * width * 8;
    m.pieces!.push({ from: piece.from, to: piece.to, file: `${e.dir}/${name}` });
    if (resume && existsSync(file) && statSync(file).size === bytes) {
      progress.add(piece.to - piece.from);
      progress.log(statusLine('resumed', t('cli.batch.resumedPiece', { file: e.file, from: piece.from, to: piece.to - 1 })));
      continue;
    }
    if (signal.aborted) break;
    progress.scenario(e.dir);
    const t0 = Date.now();
    try {
      await writePiece(file, e, piece.from, piece.to, width, workers, ctx, await getPool(), signal, (n) => progress.add(n));
      progress.log(statusLine('ok', t('cli.batch.okPiece', { file: e.file, from: piece.from, to: piece.to - 1, runs: e.runs, time: elapsed(t0) })));
    } catch (err) {
      if (signal.aborted) break;
      if (err instanceof UserError) throw err;
      Object.assign(m, { status: 'failed', problems: [`${e.file}: the simulation failed: ${(err as Error).message ?? String(err)}`] });
      progress.log(failedLines(m).join('\n'));
    }
  }
  if (signal.aborted) interrupted = (signal.reason as Interrupted).signal;
  progress.stop();
  if (interrupted) {
    throw new UserError(
      [t('cli.batch.shardInterrupted', { label })],
      interrupted === 'SIGTERM' ? 143 : 130,
    );
  }
  for (const m of results) if (m.status === 'interrupted') m.status = 'ok';
  writeAtomic(manifestFile, shardManifestJson({ dcplan: VERSION, node: process.version, shard: spec, scenarios: results }));
  const failed = results.filter((r) => r.status === 'failed');
  writeErr(`${t('cli.batch.shardSummary', { label, runs: countOf(total, 'run'), scenarios: countOf(results.length - failed.length, 'scenario'), dir: shardDir })}\n`);
  if (failed.length > 0) throw new UserError([t('cli.batch.failedFiles', { scenarios: countOf(failed.length, 'scenario'), files: failed.map((f) => f.file).join(', ') })]);
}

/** Compute runs [from, to) chunk by chunk into one column-major file (written to a temporary name, then renamed). */
async function writePiece(
  file: string, e: Entry, from: number, to: number, width: number, workers: number, ctx: CommandContext, pool: Piscina | undefined,
  signal: AbortSignal, onRuns: (n: number) => void,
): Promise<void> {
  if (endianness() !== 'LE') throw new UserError([t('cli.err.bigEndian')]);
  const n = to - from;
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(tmp, 'w');
  try {
    ftruncateSync(fd, n * width * 8);
    // one pair of chunk buffers for the whole piece: memory stays flat however many runs
    const chunk = Math.min(n, SHARD_CHUNK);
    const rowBuf = new Float64Array(chunk * width);
    const colBuf = new Float64Array(chunk * width);
    for (let a = from; a < to; a += SHARD_CHUNK) {
      const b = Math.min(to, a + SHARD_CHUNK);
      const rows = rowBuf.subarray(0, (b - a) * width);
      let reported = 0;
      await simulateRunsParallel(e.scenario!, a, b, rows, {
        seed: e.seed, workers, workerUrl: ctx.workerUrl, source: e.source!, overrides: [], pool, signal,
        onProgress: (done) => {
          onRuns(done - reported);
          reported = done;
        },
      });
      const cols = toColumns(rows, b - a, width, colBuf);
      const bytes = new Uint8Array(cols.buffer);
      const len = (b - a) * 8;
      for (let c = 0; c < width; c++) writeFully(fd, bytes, c * len, len, (c * n + (a - from)) * 8);
    }
    closeSync(fd);
    renameSync(tmp, file);
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true });
    throw err;
  }
}

function writeFully(fd: number, bytes: Uint8Array, offset: number, length: number, position: number): void {
  let done = 0;
  while (done < length) done += writeSync(fd, bytes, offset + done, length - done, position + done);
}

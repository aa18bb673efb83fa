/**
`dcplan report SCENARIO... --out report.html` (or `dcplan report BATCH_DIR
--out report.html`): one self-contained HTML file — the question, the
assumptions that matter with their sources, the KPIs against the targets,
a chart per key metric, the events, data centers and flows, and with several
scenarios the inputs that differ, the differences and P(B better than A);
`--sensitivity METRIC@YEAR` adds a tornado, `--observed FILE` the reported
figures (docs/report.md).

Scenario files are simulated as `dcplan compare` does: every scenario with the
same runs and seed (A's unless given), so runs pair up. A batch directory is
read as it is: each scenario's result.json (checked against manifest.json) and,
where the scenario file is still there with the same content hash, its
question, assumptions and central-case events; what needs the runs themselves
is left out, and the page says so.

The page (src/report/html/page.ts, with its charts) is loaded only by this
command. The file is written atomically at the end; a bad input is one line on
stderr and exit 1 (input) or 2 (usage), before any simulation where it can be
told, and nothing is written.
*/
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Piscina } from 'piscina';
import type { MonteCarloResult } from '../../../engine/montecarlo.js';
import { createPool, IN_THREAD_RUNS, monteCarloParallel } from '../../../engine/parallel.js';
import { oneAtATime, rankCorrelations } from '../../../engine/sensitivity.js';
import { simulate } from '../../../engine/simulate.js';
import { scenarioLabel } from '../../../report/compare.js';
import { unitOf } from '../../../report/display.js';
import {
  buildModel, calibrationOf, comparisonFromDocsData, comparisonYears, kpiYearOf, KPI_METRICS, lineReader, markCalibrationObserved, modelFromRuns,
  observationsFromDoc, resultDocProblem, scenarioData,
  type LineReader, type ReportModel, type ResultDoc, type RunInput, type ScenarioContext, type ScenarioData, type SensitivityData,
} from '../../../report/html/data.js';
import type { Lang } from '../../../report/html/i18n.js';
import { getLang } from '../../../report/i18n/lang.js';
import { t } from '../../../report/i18n/catalogue.js';
import { sensitivityRows, type SensitivityResult } from '../../../report/sensitivity.js';
import { closest } from '../../../scenario/errors.js';
import { loadObservations, readScenarioSource, resolveScenario, ScenarioError, type ScenarioSource } from '../../../scenario/index.js';
import type { ObservationSet, Scenario } from '../../../scenario/types.js';
import { UserError, usageError } from '../../exit.js';
import { expandInputs } from '../../inputs.js';
import { cannotWrite, writeAtomic } from '../../io.js';
import { loadForCommand, loadObservationsForCommand } from '../../load.js';
import { parseSimulationFlags, type SimulationFlags } from '../../options.js';
import { progressReporter } from '../../progress.js';
import { VERSION } from '../../../report/version.js';
import { checkMetrics } from '../compare/index.js';
import type { CommandContext } from '../run/index.js';

export interface ReportOptions extends SimulationFlags {
  observed?: string;
  sensitivity?: string;
  lang?: string;
  out?: string;
}

// ---------------------------------------------------------------- flags

/** The page's language: the session's (`--lang` is taken by src/cli/main.ts for every command, else the environment's). */
export function parseLang(raw: string | undefined): Lang {
  if (raw === undefined) return getLang();
  const v = raw.trim().toLowerCase();
  if (v === 'en' || v === 'zh') return v;
  throw usageError(t('cli.err.report.lang', { raw }));
}

/** `--sensitivity METRIC@YEAR` (or METRIC alone: the horizon's last year). Syntax only; the metric and year are checked against the scenarios. */
export function parseSensitivitySpec(raw: string | undefined): { metric: string; year?: number } | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:@\s*(\d{4}))?\s*$/.exec(raw);
  if (!m) throw usageError(t('cli.err.report.sensSyntax', { raw }));
  return m[2] === undefined ? { metric: m[1]! } : { metric: m[1]!, year: Number(m[2]) };
}

function checkSensitivityYear(year: number, horizon: { start: number; end: number }): void {
  if (year < horizon.start || year > horizon.end) throw usageError(t('cli.err.report.sensYear', { year, start: horizon.start, end: horizon.end }));
}

/** Fail before any work when --out cannot be written: a directory, or a path under a file or an unwritable directory. */
export function checkOut(out: string): void {
  const fail = (code: string): never => {
    throw cannotWrite(out, code);
  };
  let st;
  try {
    st = statSync(out);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') fail(code ?? 'EACCES');
  }
  if (st?.isDirectory()) fail('EISDIR');
  // the nearest existing ancestor must be a directory this process can write into
  let dir = dirname(resolve(out));
  for (;;) {
    try {
      const s = statSync(dir);
      if (!s.isDirectory()) fail('ENOTDIR');
      break;
    } catch (err) {
      if (err instanceof UserError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') fail('ENOTDIR');
      const up = dirname(dir);
      if (up === dir) fail(code ?? 'ENOENT');
      dir = up;
    }
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch (err) {
    fail((err as NodeJS.ErrnoException).code ?? 'EACCES');
  }
}

/** A directory written by `dcplan batch`: it has a manifest.json, or scenario directories with a result.json. */
export function isBatchDir(path: string): boolean {
  try {
    if (!statSync(path).isDirectory()) return false;
    if (existsSync(join(path, 'manifest.json'))) return true;
    return readdirSync(path, { withFileTypes: true }).some((e) => e.isDirectory() && existsSync(join(path, e.name, 'result.json')));
  } catch {
    return false;
  }
}

const shellWord = (s: string): string => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The command that reproduces the report (without --out and --workers, which do not change it). */
function commandLine(inputs: readonly string[], opts: ReportOptions): string {
  const words = ['dcplan', 'report', ...inputs];
  if (opts.runs !== undefined) words.push('--runs', opts.runs);
  if (opts.seed !== undefined) words.push('--seed', opts.seed);
  for (const s of opts.set ?? []) words.push('--set', s);
  if (opts.observed !== undefined) words.push('--observed', opts.observed);
  if (opts.sensitivity !== undefined) words.push('--sensitivity', opts.sensitivity);
  const lang = opts.lang ?? getLang();
  if (lang !== 'en') words.push('--lang', lang);
  return words.map(shellWord).join(' ');
}

/** The observations a calibrated scenario was fitted to, when the file is at hand and reads cleanly for this horizon. */
function calibrationObservations(source: ScenarioSource, lines: LineReader, horizon: { start: number; end: number }): ObservationSet | undefined {
  const file = calibrationOf(source, lines)?.observedFile;
  if (file === undefined || !existsSync(file)) return undefined;
  try {
    return loadObservations(file, { horizon });
  } catch (err) {
    if (err instanceof ScenarioError) return undefined;
    throw err;
  }
}

// ---------------------------------------------------------------- command

export async function reportCommand(inputs: string[], opts: ReportOptions, ctx: CommandContext): Promise<void> {
  const lang = parseLang(opts.lang);
  if (inputs.length === 0) throw usageError(t('cli.err.report.inputs'));
  if (opts.out === undefined || opts.out.trim() === '') throw usageError(t('cli.err.report.out'));
  const spec = parseSensitivitySpec(opts.sensitivity);
  const batch = inputs.filter(isBatchDir);
  if (batch.length > 0 && inputs.length > 1) throw usageError(t('cli.err.report.both'));
  let model: ReportModel;
  if (batch.length > 0) {
    for (const flag of ['runs', 'seed', 'workers'] as const) {
      if (opts[flag] !== undefined) throw usageError(t('cli.err.report.batchFlag', { flag, dir: batch[0]! }));
    }
    if ((opts.set ?? []).length > 0) throw usageError(t('cli.err.report.batchSet', { dir: batch[0]! }));
    checkOut(opts.out);
    model = fromBatch(batch[0]!, opts, spec, inputs);
  } else {
    model = await fromScenarios(inputs, opts, spec, ctx);
  }
  const { renderReport } = await import('../../../report/html/page.js');
  const html = await renderReport(model, lang);
  writeAtomic(opts.out, html);
}

// ---------------------------------------------------------------- from scenario files

async function fromScenarios(inputs: string[], opts: ReportOptions, spec: { metric: string; year?: number } | undefined, ctx: CommandContext): Promise<ReportModel> {
  const { runs: runsFlag, seed: seedFlag, workers, overrides } = parseSimulationFlags(opts, ctx.workerUrl);
  const files = expandInputs(inputs);
  const loaded = files.map((f) => loadForCommand(f, overrides));
  const a = loaded[0]!.scenario;
  const runs = runsFlag ?? a.runs;
  const seed = seedFlag ?? a.seed;
  let year: number | undefined;
  if (spec) {
    checkMetrics([spec.metric], loaded.map((l) => l.scenario));
    year = spec.year ?? a.horizon.end;
    checkSensitivityYear(year, a.horizon);
  }
  const observed = opts.observed !== undefined ? loadObservationsForCommand(opts.observed, a.horizon) : undefined;
  checkOut(opts.out!);

  const lines = lineReader();
  let pool: Piscina | undefined;
  const mcs: MonteCarloResult[] = [];
  try {
    // a pool pays for itself only beyond the runs one thread does sooner (engine/parallel.ts)
    if (runs > IN_THREAD_RUNS && workers > 1) pool = await createPool(ctx.workerUrl, workers);
    for (const [i, { scenario, source }] of loaded.entries()) {
      const progress = progressReporter(t('cli.report.label', { label: scenarioLabel(i) }), runs);
      mcs.push(await monteCarloParallel(scenario, { runs, seed, workers, workerUrl: ctx.workerUrl, source, overrides, pool, onProgress: progress.update }));
      progress.done();
    }
  } finally {
    await pool?.destroy();
  }

  const runsIn: RunInput[] = mcs.map((mc, i) => {
    const source = loaded[i]!.source;
    const calibrationObserved = observed ? undefined : calibrationObservations(source, lines, mc.scenario.horizon);
    return { mc, source, ...(observed ? { observed } : {}), ...(calibrationObserved ? { calibrationObserved } : {}) };
  });
  return modelFromRuns(runsIn, lines, {
    ...(opts.observed !== undefined ? { observedFile: opts.observed } : {}),
    sensitivity: spec ? (scenarios: readonly ScenarioData[]) => sensitivityOf(mcs, scenarios, spec.metric, year!) : undefined,
    version: VERSION,
    command: commandLine(inputs, opts),
  });
}

/** The tornado of every scenario, as `dcplan sensitivity` computes it (swings one at a time; ρ over the report's runs). */
function sensitivityOf(mcs: readonly MonteCarloResult[], scenarios: readonly ScenarioData[], metric: string, year: number): SensitivityData {
  const items = mcs.map((mc, i): SensitivityData['items'][number] => {
    const s = mc.scenario;
    const head = { label: scenarios[i]!.label, name: s.name };
    if (s.uncertainty.length === 0) return { ...head, absent: 'noUncertainty' };
    if (year < s.horizon.start || year > s.horizon.end || !mc.central.metrics.includes(metric)) return { ...head, absent: 'outsideHorizon' };
    const { base, swings } = oneAtATime(s, metric, year);
    const Y = mc.central.years.length;
    const col = mc.central.metrics.indexOf(metric) * Y + (year - s.horizon.start);
    const width = mc.central.metrics.length * Y;
    let rhos: number[];
    if (mc.runs > 1) {
      const values = new Float64Array(mc.runs);
      for (let r = 0; r < mc.runs; r++) values[r] = mc.perRun[r * width + col]!;
      rhos = rankCorrelations(s, mc.seed, values);
    } else rhos = s.uncertainty.map(() => NaN);
    const result: SensitivityResult = {
      scenario: { name: s.name, file: s.file, hash: s.hash },
      metric, unit: unitOf(metric), year, base, pLow: 0.1, pHigh: 0.9, seed: mc.seed, runs: mc.runs,
      rows: sensitivityRows(swings, rhos, s.uncertainty.map((u) => u.dist)),
    };
    return { ...head, result };
  });
  return { metric, year, items };
}

// ---------------------------------------------------------------- from a batch directory

interface ManifestEntry {
  file: string;
  dir: string;
  status: string;
  hash?: string;
  outputs?: { file: string; sha256: string }[];
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError([t('cli.err.report.cannotRead', { file, what, why: (err as NodeJS.ErrnoException).code ?? String(err) })]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UserError([t('cli.err.report.badJson', { file, what })]);
  }
}

function fromBatch(dir: string, opts: ReportOptions, spec: { metric: string; year?: number } | undefined, inputs: string[]): ReportModel {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new UserError([t('cli.err.report.noManifest', { dir })]);
  }
  const manifest = readJson(manifestFile, t('cli.report.manifest')) as { format?: unknown; dcplan?: unknown; scenarios?: unknown };
  if (typeof manifest !== 'object' || manifest === null || !Array.isArray(manifest.scenarios) || (manifest.format !== undefined && manifest.format !== 'dcplan-batch/1')) {
    throw new UserError([t('cli.err.report.notManifest', { file: manifestFile })]);
  }
  const entries = manifest.scenarios as ManifestEntry[];
  const ok = entries.filter((e) => e.status === 'ok');
  if (ok.length === 0) throw new UserError([t('cli.err.report.noResults', { dir })]);
  const skipped = entries.filter((e) => e.status !== 'ok').map((e) => ({ file: e.file, status: e.status }));

  const docs = ok.map((e) => {
    const rel = `${e.dir}/result.json`;
    const file = join(dir, e.dir, 'result.json');
    if (!existsSync(file)) throw new UserError([t('cli.err.report.missingResult', { file })]);
    const text = readFileSync(file, 'utf8');
    const want = e.outputs?.find((o) => o.file === rel)?.sha256;
    if (want !== undefined && sha256(text) !== want) throw new UserError([t('cli.err.report.changed', { file })]);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      throw new UserError([t('cli.err.report.resultJson', { file })]);
    }
    const problem = resultDocProblem(doc);
    if (problem) throw new UserError([t('cli.err.report.notResult', { file, why: problem })]);
    return doc as ResultDoc;
  });

  const a = docs[0]!;
  const years = a.years.map((y) => y.year);
  const horizon = { start: years[0]!, end: years[years.length - 1]! };
  let year: number | undefined;
  if (spec) {
    const known = new Set(Object.keys(a.years[0]!).filter((k) => k !== 'year' && k !== 'bands'));
    if (!known.has(spec.metric)) {
      const near = closest(spec.metric, known);
      throw usageError(t('cli.err.unknownMetric', { metric: spec.metric, hint: near ? t('cli.err.didYouMean', { name: near }) : '' }));
    }
    year = spec.year ?? horizon.end;
    checkSensitivityYear(year, horizon);
  }
  const observed = opts.observed !== undefined ? loadObservationsForCommand(opts.observed, horizon) : undefined;

  const lines = lineReader();
  const resolved: (Scenario | undefined)[] = [];
  const scenarios = docs.map((doc, i) => {
    const { ctx, why } = scenarioAtHand(doc);
    resolved.push(ctx?.scenario);
    let calObserved: ObservationSet | undefined;
    if (observed) doc.observations = observationsFromDoc(doc, observed);
    else if (ctx) {
      calObserved = calibrationObservations(ctx.source, lines, ctx.scenario.horizon);
      if (calObserved) doc.observations = observationsFromDoc(doc, calObserved);
    }
    const data = scenarioData(i, doc, ctx, lines);
    if (why) data.scenarioFile = why;
    if (data.calibration && !observed) markCalibrationObserved(data.calibration, calObserved);
    return data;
  });
  const comparison = scenarios.length > 1 ? comparisonFromDocsData(scenarios, KPI_METRICS, comparisonYears(kpiYearOf(years, a.targets), horizon.end), resolved) : undefined;
  const version = typeof manifest.dcplan === 'string' ? manifest.dcplan : undefined;
  return buildModel(scenarios, comparison, {
    origin: 'batch',
    batchDir: dir,
    skipped,
    ...(opts.observed !== undefined ? { observedFile: opts.observed } : {}),
    ...(spec ? { sensitivity: { metric: spec.metric, year: year!, items: [], absent: 'batch' as const } } : {}),
    version: VERSION,
    ...(version !== undefined && version !== VERSION ? { batchVersion: version } : {}),
    command: commandLine(inputs, opts),
  });
}

/** The scenario a batch result was run from, when its file is still there with the same content hash (and its central run, for the events). */
function scenarioAtHand(doc: ResultDoc): { ctx?: ScenarioContext; why?: 'missing' | 'changed' } {
  const file = doc.scenario.file;
  if (!existsSync(file)) return { why: 'missing' };
  let source: ScenarioSource;
  let scenario: Scenario;
  try {
    source = readScenarioSource(file);
    scenario = resolveScenario(source);
  } catch (err) {
    if (err instanceof ScenarioError) return { why: 'changed' };
    throw err;
  }
  if (scenario.hash !== doc.scenario.hash) return { why: 'changed' };
  return { ctx: { scenario, source, central: simulate(scenario, { detail: true }) } };
}

/**
`dcplan calibrate SCENARIO --observed FILE [--fit p1,p2,...] [--runs N]
[--rounds R] [--seed S] [--holdout-after YEAR] [--format table|json]
[--out FILE.yaml] [--date YYYY-MM-DD]`: fit the scenario's uncertain inputs to
reported figures (src/engine/calibrate.ts; the method: docs/calibration-method.md)
— best fit, posterior of every uncertainty entry by adaptive importance sampling
(N prior runs, then up to R rounds of N runs from proposals fitted to the
weighted runs, while the ESS is below N/4; `--rounds 0` weights the prior runs
alone — read when src/cli/main.ts declares the flag), each observation's prior
and posterior band, coverage, and with `--holdout-after` an out-of-sample
score — as a table or JSON (src/report/calibration.ts). `--out` writes the calibrated scenario: YAML that
extends the input. Before it is written (atomically, so Ctrl-C leaves no
partial file) it is loaded here, values it would derive anew from a fitted one
are pinned until it resolves to the best-fit scenario, and its central case is
checked against the best fit (a mismatch becomes a warning in the report, as
does a posterior the file has to widen because it collapsed to a point).

The header's date is `--date`, else the day of SOURCE_DATE_EPOCH when that is
set (reproducible builds), else "(undated)": the clock is never read.
*/
import { dirname, relative, resolve, sep } from 'node:path';
import { calibrate, CalibrationInputError, DEFAULT_CALIBRATION_RUNS, fittedEntries, lastObservedYear, MAX_ROUNDS, observationProblems, observedModelValue, type CalibrationResult } from '../../../engine/calibrate.js';
import { runWidth } from '../../../engine/montecarlo.js';
import { IN_THREAD_RUNS, simulateRunsParallel } from '../../../engine/parallel.js';
import { simulate } from '../../../engine/simulate.js';
import { bestFitScenario, calibratedScenarioYaml, calibrationJson, calibrationTable, inputsDiffering, type CalibrationReport } from '../../../report/calibration.js';
import { formatProblem, loadObservations, unitsOf, readScenarioText, resolveScenario, ScenarioError, type ScenarioSource } from '../../../scenario/index.js';
import { t } from '../../../report/i18n/catalogue.js';
import { problemMessage } from '../../../report/i18n/problems.js';
import { localName } from '../../../report/names.js';
import type { ObservationSet, Scenario } from '../../../scenario/types.js';
import { usageError, UserError } from '../../exit.js';
import { emit, writeAtomic } from '../../io.js';
import { loadForCommand, scenarioErrorLines } from '../../load.js';
import { intFlag, parseSimulationFlags } from '../../options.js';
import { progressReporter, type Progress } from '../../progress.js';
import type { CommandContext } from '../run/index.js';
import { output, stdoutColumns, writeErr } from '../../output.js';

export interface CalibrateCliOptions {
  observed?: string;
  fit?: string;
  runs?: string;
  /** Adaptive importance-sampling rounds after the prior runs, at most (default 3). Read when the command line defines `--rounds <r>` (src/cli/main.ts). */
  rounds?: string;
  seed?: string;
  workers?: string;
  holdoutAfter?: string;
  format: 'table' | 'json';
  out?: string;
  date?: string;
}

/** `--date`: a calendar date YYYY-MM-DD. */
export function parseDate(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.toISOString().slice(0, 10) !== raw.trim()) throw usageError(t('cli.err.cal.date', { raw }));
  return raw.trim();
}

/** The header's date: --date, else SOURCE_DATE_EPOCH's day, else none. */
function headerDate(flag: string | undefined): string | undefined {
  if (flag !== undefined) return flag;
  const epoch = output().env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || !/^\d+$/.test(epoch.trim())) return undefined;
  return new Date(Number(epoch.trim()) * 1000).toISOString().slice(0, 10);
}

/** An argument as a POSIX shell would need it. */
function shellWord(a: string): string {
  return /^[A-Za-z0-9_./=:,@%+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

const posix = (p: string): string => p.split(sep).join('/');

function loadObservationSet(file: string, scenario: Scenario): ObservationSet {
  let set: ObservationSet;
  try {
    set = loadObservations(file, { horizon: scenario.horizon });
  } catch (err) {
    if (err instanceof ScenarioError) throw new UserError(scenarioErrorLines(err));
    throw err;
  }
  const problems = observationProblems(scenario, set);
  if (problems.length) throw new UserError(problems.map(({ obs, message }) => `${obs.file}:${obs.line}:${obs.col}  ${obs.id}  ${problemMessage(message)}`));
  return set;
}

export async function calibrateCommand(file: string, opts: CalibrateCliOptions, ctx: CommandContext): Promise<void> {
  if (opts.observed === undefined) throw usageError(t('cli.err.cal.observed'));
  const { runs: runsFlag, seed: seedFlag, workers } = parseSimulationFlags(opts, ctx.workerUrl, 1_000_000);
  const holdoutAfter = intFlag('holdout-after', opts.holdoutAfter, 1900, 2200);
  const rounds = intFlag('rounds', opts.rounds, 0, MAX_ROUNDS);
  const date = parseDate(opts.date);
  const fit = opts.fit === undefined ? undefined : opts.fit.split(',').map((s) => s.trim());
  if (fit && (fit.length === 0 || fit.some((s) => s === ''))) throw usageError(t('cli.err.cal.fit', { raw: opts.fit! }));
  if (opts.out !== undefined && !/\.ya?ml$/i.test(opts.out)) throw usageError(t('cli.err.cal.out', { raw: opts.out }));

  const { scenario, source } = loadForCommand(file);
  if (scenario.uncertainty.length === 0) throw new UserError([t('cli.err.cal.noUncertainty', { file })]);
  try {
    fittedEntries(scenario, fit);
  } catch (err) {
    if (err instanceof CalibrationInputError) throw usageError(t('cli.err.cal.fitProblem', { why: err.message }));
    throw err;
  }
  if (holdoutAfter !== undefined && (holdoutAfter < scenario.horizon.start || holdoutAfter > scenario.horizon.end)) {
    throw usageError(t('cli.err.cal.holdout', { year: holdoutAfter, start: scenario.horizon.start, end: scenario.horizon.end }));
  }
  const set = loadObservationSet(opts.observed, scenario);
  const runs = runsFlag ?? DEFAULT_CALIBRATION_RUNS;
  const seed = seedFlag ?? scenario.seed;

  // progress in simulated runs: the prior runs on worker threads (when there are many), then the calibration's own
  // (the best fit's trials and every adaptive round's runs)
  let perRun: Float64Array | undefined;
  if (runs > 1 && workers > 1 && runs > IN_THREAD_RUNS) {
    perRun = new Float64Array(runs * runWidth(scenario));
    const prior = progressReporter(t('cli.cal.priorLabel'), runs);
    await simulateRunsParallel(scenario, 0, runs, perRun, {
      seed, workers, workerUrl: ctx.workerUrl, source, overrides: [], onProgress: prior.update, through: lastObservedYear(scenario, set),
    });
    prior.done();
  }
  let bar: Progress | undefined;
  const onProgress = (done: number, total: number): void => {
    bar ??= progressReporter(t('cli.cal.label'), total);
    bar.update(done, total);
  };
  let result: CalibrationResult;
  try {
    result = calibrate(scenario, set, {
      runs, seed, ...(fit ? { fit } : {}), ...(holdoutAfter !== undefined ? { holdoutAfter } : {}), ...(rounds !== undefined ? { rounds } : {}), ...(perRun ? { perRun } : {}), onProgress,
    });
  } catch (err) {
    if (err instanceof CalibrationInputError) throw usageError(err.message);
    throw err;
  } finally {
    bar?.done();
  }

  if (opts.out !== undefined) writeCalibrated(file, source, scenario, set, result, opts.out, headerDate(date));
  const report: CalibrationReport = { scenario: { name: scenario.name, file: scenario.file, hash: scenario.hash }, observed: { file: set.file, hash: set.hash }, result };
  const width = Math.max(72, Math.min(120, stdoutColumns() || 80));
  emit(opts.format === 'json' ? calibrationJson(report) : calibrationTable(report, width, localName(scenario)));
}

/**
Write the calibrated scenario to `out` — after loading it (its extends chain
resolved from here) and checking that its central case is the best fit; a file
that does not load is a bug, not something to write.
*/
function writeCalibrated(file: string, source: ScenarioSource, scenario: Scenario, set: ObservationSet, result: CalibrationResult, out: string, date: string | undefined): void {
  // the source resolved once for every unit the file writes (not once per entry and per attempt)
  const unitOf = unitsOf(source);
  const yamlWarnings = new Set<string>();
  const input = {
    scenario, result, unitOf, observed: { file: set.file, hash: set.hash }, command: ['dcplan', ...output().args].map(shellWord).join(' '),
    ...(date !== undefined ? { date } : {}),
    onWarning: (w: string) => yamlWarnings.add(w),
  };
  const extendsPath = posix(relative(dirname(resolve(out)), resolve(file)));
  // load the text (its `extends` relative to the working directory here) and pin what it
  // would derive anew from a fitted value, until it resolves to the best-fit scenario
  const best = bestFitScenario(scenario, result);
  const load = (pins: readonly string[]): Scenario => {
    const here = calibratedScenarioYaml({ ...input, pins, extendsPath: posix(relative(process.cwd(), resolve(file))) });
    try {
      return resolveScenario(readScenarioText(here, out));
    } catch (err) {
      const lines = err instanceof ScenarioError ? err.problems.map(formatProblem) : [String(err)];
      throw new Error(`the calibrated scenario does not load: ${lines.join('; ')}`, { cause: err });
    }
  };
  let pins: string[] = [];
  let check = load(pins);
  for (let round = 0; round < 3; round++) {
    const differ = inputsDiffering(best, check).filter((p) => !pins.includes(p));
    if (differ.length === 0) break;
    pins = [...pins, ...differ];
    check = load(pins);
  }
  const yaml = calibratedScenarioYaml({ ...input, pins, extendsPath });
  result.warnings.push(...yamlWarnings);
  const central = simulate(check).values;
  for (const o of result.observations) {
    const v = observedModelValue(check, central, o.obs);
    if (Math.abs(v - o.best) > 1e-6 * Math.max(1, Math.abs(o.best))) {
      result.warnings.push(`${o.obs.id}: the calibrated file's central case gives ${v.toPrecision(6)}, not the best fit's ${o.best.toPrecision(6)}`);
    }
  }
  writeAtomic(out, yaml);
  writeErr(`${t('cli.cal.written', { file: out })}\n`);
}

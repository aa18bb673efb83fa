/**
Calibration results (`dcplan calibrate`, src/engine/calibrate.ts) as text: a
table that fits 80 columns (its header gives the ESS after each adaptive
round), JSON (`rounds`, `essByRound`, `runsWeighted`), and the calibrated
scenario — YAML that `extends:` the input file, sets each fitted input to its
best fit, and replaces the uncertainty list by the posterior.

**The calibrated scenario.** What a user reads and `dcplan validate` accepts:

- a header comment: what it was fitted to (the observations file and its
  SHA-256), the date (`--date`, or "(undated)"), the exact command, runs and
  adaptive rounds, seed, ESS and coverage;
- `extends:` the input file, relative to the output file's directory;
- each fitted input at its best fit, in the file's own syntax and the field's
  base unit (`0.3712 CNY/kWh`, `38 months`, plain numbers where the field takes
  them). A `scale` entry's fit is applied to the value as written: a number or
  a flat series is written multiplied out, a formula series as
  `"(<formula>) * <factor>"` (so the parameters it reads still move it), any
  other series as a per-year map. A fitted rent carries its
  `rentIncludesPower` along, as a number replaces a per-physical-rack quote.
  Values the file would derive anew from a fitted one — a hall's PUE from its
  site's, a phase's capex from the cost per rack — are pinned as the engine's
  draw leaves them (`pins`, found by `inputsDiffering`), so the central case of
  the calibrated file is exactly the best fit;
- `uncertainty:` — every entry's posterior: a triangular distribution whose 5 %,
  50 % and 95 % quantiles match the weighted P5/P50/P95 (ends kept within the
  prior's support, its mode within [min, max]), or for a discrete prior the
  same values with their posterior weights. A triangular that would collapse
  to a point (min = max) is widened to 1 % of the prior's range around the
  posterior median, and a warning says so (`onWarning`). A fitted `scale`
  entry's factors are divided by its best fit (the value they scale is now the
  best fit). `correlate` entries carry the posterior rank correlations
  (engine: `correlations`). With one run there is no posterior: the prior is
  kept (a fitted scale entry's divided by the fit).
*/
import type { CalibrationResult, EntryResult, ObservationResult, Quantiles } from '../engine/calibrate.js';
import { triangularFromQuantiles } from '../engine/calibrate.js';
import { applyDraws, streamNames } from '../engine/sample.js';
import { KINDS, plainAllowed, type Kind } from '../scenario/units.js';
import type { DistributionSpec, Scenario } from '../scenario/types.js';
import { compact, flattenInputs } from './compare.js';
import { shortLabelOf, unitOf, unitSuffix } from './display.js';
import { grouped, MINUS, roundForOutput as r } from './format.js';
import { t } from './i18n/catalogue.js';
import { calibrationWarning } from './i18n/warnings.js';
import { getLang, type Lang } from './i18n/lang.js';
import { clipW, displayWidth, padEndW, padStartW, wrapWidth } from './width.js';

export interface CalibrationReport {
  scenario: { name: string; file: string; hash: string };
  observed: { file: string; hash: string };
  result: CalibrationResult;
}

// ---------------------------------------------------------------- numbers

const padL = padStartW;
const padR = padEndW;
const clip = (s: string, w: number): string => clipW(s, Math.max(1, w));

/** A value in a cell: shares in %, the rest `compact`. */
function cell(v: number, unit: string): string {
  if (!Number.isFinite(v)) return grouped(v);
  if (unit === 'share') return `${(v * 100).toFixed(1)} %`;
  return compact(v);
}

/** An input's value: 3 significant digits below 1,000, else `compact` (in the session's language, or `lang`). */
function sig(v: number, lang: Lang = getLang()): string {
  if (!Number.isFinite(v)) return grouped(v);
  return Math.abs(v) < 1000 ? String(Number(v.toPrecision(3))).replace('-', MINUS) : compact(v, lang);
}

/** "262–382 k", "0.93–1.31", "950 k–1.20 M": the magnitude word once when both ends share it. */
export function rangeText(lo: number, hi: number, unit = '', f: (v: number, unit: string) => string = cell): string {
  const a = f(lo, unit);
  const b = f(hi, unit);
  const m = / (k|M|bn|tn|%)$/.exec(a);
  if (m && b.endsWith(` ${m[1]}`)) return `${a.slice(0, -m[0].length)}–${b}`;
  // Chinese magnitudes sit on the number: "26.2万–38.2万" → "26.2–38.2万"
  const z = /\d(万亿|万|亿)$/.exec(a);
  if (z && new RegExp(`\\d${z[1]}$`).test(b)) return `${a.slice(0, -z[1]!.length)}–${b}`;
  return `${a}–${b}`;
}

/** The reported interval: "239–324 k", "≥ 14.0 k", "≤ 1.38". */
function reportedText(o: ObservationResult['obs'], unit: string): string {
  const sides = o.kind === 'atLeast' || !Number.isFinite(o.hi) ? 'floor' : o.kind === 'atMost' || !Number.isFinite(o.lo) ? 'ceiling' : 'both';
  if (sides === 'floor') return `≥ ${cell(o.lo, unit)}`;
  if (sides === 'ceiling') return `≤ ${cell(o.hi, unit)}`;
  return rangeText(o.lo, o.hi, unit);
}

function band(q: Quantiles | undefined, unit = '', f: (v: number, unit: string) => string = cell): string {
  return q ? rangeText(q.p5, q.p95, unit, f) : '–';
}

export function observationDate(o: { year: number; month?: number }): string {
  return o.month === undefined ? String(o.year) : `${o.year}-${String(o.month).padStart(2, '0')}`;
}

const pct = (x: number): string => (Number.isFinite(x) ? `${Math.round(x * 100)} %` : '–');

/** An ESS: one decimal below 10, else whole and grouped. */
const essNumber = (x: number): string => (x < 10 ? x.toFixed(1) : grouped(Math.round(x)));

/** "ESS 212 (21 %)": the effective sample size, and its share of the runs. */
function essText(res: CalibrationResult): string {
  return t('table.cal.ess', { ess: essNumber(res.ess), pct: pct(res.ess / res.runsWeighted) });
}

/** The line(s) saying which runs the posterior rests on, and its ESS (after each round when there were adaptive rounds). */
function runsLines(res: CalibrationResult, W: number): string[] {
  if (res.rounds === 0) return [clip(t('table.cal.prior', { runs: grouped(res.runs), seed: res.seed, ess: essText(res) }), W)];
  return [
    clip(t(res.rounds === 1 ? 'table.cal.round' : 'table.cal.rounds', { runs: grouped(res.runs), rounds: res.rounds, seed: res.seed }), W),
    clip(t('table.cal.essByRound', {
      list: res.essByRound.map((e, i) => `${essNumber(e)}${i === 0 ? t('table.cal.priorRuns') : ''}`).join(' → '),
      runs: grouped(res.runsWeighted),
    }), W),
  ];
}

// ---------------------------------------------------------------- table

/** The calibration as a table for people, `width` columns (at least 72), in the session's language; `name` is the scenario's name in it. */
export function calibrationTable(rep: CalibrationReport, width = 80, name = rep.scenario.name): string {
  const res = rep.result;
  const W = Math.max(72, width);
  const mc = res.runs > 1;
  const lines: string[] = [
    clip(t('table.cal.title', { name }), W),
    clip(t('table.cal.fitted', { file: rep.scenario.file, observed: rep.observed.file, hash: rep.observed.hash.slice(0, 12) }), W),
    ...(mc ? runsLines(res, W) : [clip(t('table.cal.centralOnly', { seed: res.seed }), W)]),
    clip(t('table.cal.bestFit', {
      how: res.fitRuns === 1 ? t(mc ? 'table.cal.oneRun' : 'table.cal.central') : t('table.cal.meanOf', { runs: res.fitRuns }),
      trials: grouped(res.evals),
    }), W),
    '',
  ];

  // the uncertain inputs
  const head = mc
    ? [t('table.cal.input'), t('table.cal.priorBand'), t('table.cal.posteriorBand'), t('table.cal.best')]
    : [t('table.cal.input'), t('table.cal.priorBand'), t('table.cal.best')];
  const rows = res.entries.map((e) => [
    `${e.fitted ? '*' : ' '} ${e.name}${e.mode === 'scale' ? ' ×' : ''}`,
    band(e.prior, '', (v) => sig(v)),
    ...(mc ? [band(e.posterior, '', (v) => sig(v))] : []),
    e.best !== undefined ? sig(e.best) : '',
  ]);
  const cols = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((x) => displayWidth(x[i]!))));
  cols[0] = Math.min(cols[0]!, W - cols.slice(1).reduce((s, w) => s + w + 2, 0));
  const line = (c: string[]): string => c.map((x, i) => padR(i === 0 ? clip(x, cols[0]!) : x, cols[i]!)).join('  ').trimEnd();
  lines.push(line(head), ...rows.map(line));
  lines.push(clip(t('table.cal.legend'), W), '');

  // the observations
  const oh = mc
    ? [t('table.cal.observation'), t('table.cal.date'), t('table.cal.reported'), t('table.cal.priorBand'), t('table.cal.posterior'), t('table.cal.best'), '']
    : [t('table.cal.observation'), t('table.cal.date'), t('table.cal.reported'), t('table.cal.best')];
  const marks = { in: t('table.cal.in'), out: t('table.cal.out') };
  const orows = res.observations.map((o) => {
    const unit = unitOf(o.obs.metric);
    const suffix = unitSuffix(unit);
    const label = shortLabelOf(o.obs.metric);
    const mark = `${o.inside ? marks.in : marks.out}${o.role === 'holdout' ? '†' : ''}`;
    return [
      suffix && suffix !== '%' && !label.toLowerCase().includes(suffix.toLowerCase()) ? t('table.cal.labelUnit', { label, unit: suffix }) : label,
      observationDate(o.obs),
      reportedText(o.obs, unit),
      ...(mc ? [band(o.prior, unit), band(o.posterior, unit)] : []),
      cell(o.best, unit),
      ...(mc ? [mark] : []),
    ];
  });
  const ow = oh.map((h, i) => Math.max(displayWidth(h), ...orows.map((x) => displayWidth(x[i]!))));
  ow[0] = Math.min(ow[0]!, Math.max(10, W - ow.slice(1).reduce((s, w) => s + w + 1, 0)));
  const left = new Set([0, 1, oh.length - 1]);
  const oline = (c: string[]): string =>
    c.map((x, i) => (i === 0 ? padR(clip(x, ow[0]!), ow[0]!) : left.has(i) && (i === 1 || mc) ? padR(x, ow[i]!) : padL(x, ow[i]!))).join(' ').trimEnd();
  lines.push(oline(oh), ...orows.map(oline));
  if (mc) {
    const c = res.coverage;
    lines.push(clip(t('table.cal.coverage', { inside: c.inside, of: c.of, pct: pct(c.share) }), W));
    if (res.holdout) {
      const h = res.holdout;
      const score = Number.isFinite(h.meanScoreRelative) ? h.meanScoreRelative.toFixed(2) : '–';
      lines.push(clip(t('table.cal.holdout', { after: h.after, inside: h.inside, of: h.of, score }), W));
    }
    lines.push(clip(t('table.cal.outNote'), W));
  } else if (res.holdoutAfter !== undefined) {
    lines.push(clip(t('table.cal.heldOut', { year: res.holdoutAfter }), W));
  }
  for (const w of res.warnings) lines.push(...wrapWidth(`! ${calibrationWarning(w)}`, W, '  '));
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------- JSON

const qJson = (q: Quantiles | undefined): Record<string, number | null> | null => (q ? { p5: r(q.p5), p50: r(q.p50), p95: r(q.p95) } : null);

function entryJson(e: EntryResult): Record<string, unknown> {
  const o: Record<string, unknown> = { path: e.name, mode: e.mode, prior: qJson(e.prior) };
  if (e.fitted) o.best = r(e.best!);
  o.posterior = qJson(e.posterior);
  return o;
}

export function calibrationObject(rep: CalibrationReport): Record<string, unknown> {
  const res = rep.result;
  const out: Record<string, unknown> = {
    scenario: rep.scenario,
    observed: rep.observed,
    runs: res.runs,
    seed: res.seed,
    fitRuns: res.fitRuns,
    ess: r(res.ess),
    rounds: res.rounds,
    essByRound: res.essByRound.map((e) => r(e)),
    runsWeighted: res.runsWeighted,
    fitted: res.entries.filter((e) => e.fitted).map(entryJson),
    others: res.entries.filter((e) => !e.fitted).map(entryJson),
    observations: res.observations.map((o) => {
      const row: Record<string, unknown> = {
        id: o.obs.id, metric: o.obs.metric, year: o.obs.year,
        ...(o.obs.month !== undefined ? { month: o.obs.month } : {}),
        kind: o.obs.kind, quality: o.obs.quality, role: o.role,
        lo: r(o.obs.lo), hi: r(o.obs.hi),
        prior: qJson(o.prior), posterior: qJson(o.posterior), best: r(o.best), residual: r(o.residual),
        inside: o.inside ?? null, score: o.score !== undefined ? r(o.score) : null, scoreRelative: o.scoreRelative !== undefined ? r(o.scoreRelative) : null,
      };
      return row;
    }),
    coverage: { inside: res.coverage.inside, of: res.coverage.of, share: r(res.coverage.share) },
  };
  if (res.holdoutAfter !== undefined) {
    out.holdout = res.holdout
      ? { after: res.holdout.after, inside: res.holdout.inside, of: res.holdout.of, share: r(res.holdout.share), meanScoreRelative: r(res.holdout.meanScoreRelative) }
      : { after: res.holdoutAfter };
  }
  const names = res.entries.map((e) => e.name);
  out.correlations = res.correlations.map((c) => ({ a: names[c.a], b: names[c.b], rho: c.rho }));
  out.fit = { objective: r(res.objective), trials: res.evals, converged: res.converged };
  out.warnings = res.warnings;
  return out;
}

export function calibrationJson(rep: CalibrationReport): string {
  return JSON.stringify(calibrationObject(rep), null, 2) + '\n';
}

// ---------------------------------------------------------------- the calibrated scenario

export interface CalibratedScenarioInput {
  scenario: Scenario;
  result: CalibrationResult;
  /** The base unit of a concrete path (`energy.electricityPrice`, `datacenters.apple.pue`): '' for plain numbers. */
  unitOf: (path: string) => string;
  /** The input file, relative to the output file's directory. */
  extendsPath: string;
  observed: { file: string; hash: string };
  /** The date to write; undefined → "(undated)". */
  date?: string;
  /** The command line, as typed. */
  command: string;
  /** Told of what the file had to change to stay valid (a posterior widened because it collapsed to a point). */
  onWarning?: (warning: string) => void;
  /**
  More paths (concrete, list items by id) to write at the best-fit scenario's
  value: resolved values the file would otherwise derive anew from a fitted one
  (a phase's PUE from its site's, a phase's capex from the cost per rack),
  which the engine's draws leave as they were (`inputsDiffering`).
  */
  pins?: readonly string[];
}

/** The scenario as the best fit has it: the fitted entries' best values applied as draws (set or scale). */
export function bestFitScenario(scenario: Scenario, result: CalibrationResult): Scenario {
  return applyDraws(scenario, scenario.uncertainty.map((_, i) => result.entries[i]!.best));
}

/** Sections of a resolved scenario that are not model inputs a calibrated file writes. */
const NOT_PINNED = /^(uncertainty|correlations|targets|levers|metrics|horizon|usdRate|parameters)(\.|$)/;

/**
Numeric inputs (by dotted path, list items by id) on which two resolved
scenarios differ by more than a part in 10⁹: what a calibrated file must pin so
that its central case is the best fit.
*/
export function inputsDiffering(want: Scenario, got: Scenario): string[] {
  const a = flattenInputs(want);
  const b = flattenInputs(got);
  const same = (x: number, y: number): boolean => x === y || (Number.isNaN(x) && Number.isNaN(y)) || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
  const out: string[] = [];
  for (const [path, v] of a) {
    if (NOT_PINNED.test(path)) continue;
    const w = b.get(path);
    if (typeof v === 'number') {
      if (typeof w !== 'number' || !same(v, w)) out.push(path);
    } else if (Array.isArray(v) && v.every((x) => typeof x === 'number')) {
      if (!Array.isArray(w) || w.length !== v.length || v.some((x, i) => !same(x, w[i] as number))) out.push(path);
    }
  }
  return out;
}

/** Units of the kinds that take plain numbers: written without a unit. */
const PLAIN_UNITS = new Set((Object.keys(KINDS) as Kind[]).filter(plainAllowed).map((k) => KINDS[k].unit));

/** 12 significant digits: what the best fit needs for the calibrated central case to reproduce it. */
const n12 = (v: number): string => String(Number(v.toPrecision(12)));
/** 6 significant digits for distributions. */
const n6 = (v: number): string => String(Number(v.toPrecision(6)));

function quantityText(v: number, unit: string, digits: (v: number) => string = n12): string {
  return unit === '' || PLAIN_UNITS.has(unit) ? digits(v) : `${digits(v)} ${unit}`;
}

/** A number with a unit as a YAML scalar: plain when safe, else JSON-quoted. */
function scalar(text: string): string {
  return /^[-+]?[0-9][0-9.eE+-]*( [A-Za-z][A-Za-z/ ]*)?$/.test(text) ? text : JSON.stringify(text);
}

/** An id as a YAML string: plain when it cannot be read as anything else, else JSON-quoted. */
function idScalar(id: string): string {
  return /^[A-Za-z][A-Za-z0-9_-]*$/.test(id) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(id) ? id : JSON.stringify(id);
}

type Leaf = { kind: 'leaf'; text: string; comment?: string };
type MapNode = { kind: 'map'; entries: Map<string, Node> };
type ListNode = { kind: 'list'; items: Map<string, MapNode> };
type Node = Leaf | MapNode | ListNode;

/** A concrete target of a path in the resolved scenario: where to write it (list items by id) and its display path. */
interface Target {
  segs: (string | { id: string })[];
  path: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Float64Array);
}

/** Every concrete target of a dotted path (`*` for every list item) in a resolved scenario. */
export function targetsOf(scenario: Scenario, path: string): Target[] {
  let cur: { v: unknown; segs: Target['segs']; names: string[] }[] = [{ v: scenario, segs: [], names: [] }];
  for (const seg of path.split('.')) {
    const next: typeof cur = [];
    for (const c of cur) {
      if (Array.isArray(c.v)) {
        c.v.forEach((item: unknown, i) => {
          const id = isRecord(item) && typeof item.id === 'string' ? item.id : undefined;
          if (seg !== '*' && seg !== id && seg !== String(i)) return;
          if (id === undefined) throw new Error(`${path}: list item ${i} has no id, so it cannot be written in a scenario file`);
          next.push({ v: item, segs: [...c.segs, { id }], names: [...c.names, id] });
        });
      } else if (isRecord(c.v) && seg in c.v) next.push({ v: c.v[seg], segs: [...c.segs, seg], names: [...c.names, seg] });
    }
    cur = next;
  }
  return cur.map((c) => ({ segs: c.segs, path: c.names.join('.') }));
}

function valueAtPath(scenario: Scenario, path: string): unknown {
  let v: unknown = scenario;
  for (const seg of path.split('.')) {
    if (Array.isArray(v)) v = v.find((it: unknown) => isRecord(it) && it.id === seg);
    else if (isRecord(v)) v = v[seg];
    else return undefined;
  }
  return v;
}

function setIn(root: MapNode, segs: Target['segs'], leaf: Leaf): void {
  let node: MapNode = root;
  for (let i = 0; i < segs.length - 1; i++) {
    const s = segs[i]!;
    const nextSeg = segs[i + 1]!;
    if (typeof s === 'string') {
      let child = node.entries.get(s);
      if (!child) {
        child = typeof nextSeg === 'string' ? { kind: 'map', entries: new Map() } : { kind: 'list', items: new Map() };
        node.entries.set(s, child);
      }
      if (child.kind === 'map') node = child;
      else if (child.kind === 'list' && typeof nextSeg !== 'string') {
        let item = child.items.get(nextSeg.id);
        if (!item) {
          item = { kind: 'map', entries: new Map() };
          child.items.set(nextSeg.id, item);
        }
        node = item;
        i++;
      } else throw new Error(`cannot write ${segs.map(String).join('.')}`);
    }
  }
  const last = segs[segs.length - 1]!;
  if (typeof last !== 'string') throw new Error('a value cannot sit directly in a list');
  node.entries.set(last, leaf);
}

function emit(node: MapNode, indent: string, out: string[]): void {
  for (const [key, child] of node.entries) {
    if (child.kind === 'leaf') out.push(`${indent}${key}: ${child.text}${child.comment ? `   # ${child.comment}` : ''}`);
    else if (child.kind === 'map') {
      out.push(`${indent}${key}:`);
      emit(child, indent + '  ', out);
    } else {
      out.push(`${indent}${key}:`);
      for (const [id, item] of child.items) {
        out.push(`${indent}  - id: ${idScalar(id)}`);
        emit(item, indent + '    ', out);
      }
    }
  }
}

/** The text of a series value: one quantity when flat, a formula scaled, or a per-year map. */
function seriesText(sc: Scenario, best: Float64Array, original: unknown, unit: string, scaleBy: number | undefined): string {
  if (best.every((v) => v === best[0])) return scalar(quantityText(best[0]!, unit));
  if (scaleBy !== undefined && original instanceof Float64Array) {
    const f = sc.formulas.find((x) => valueAtPath(sc, indexPathToIds(sc, x.path)) === original);
    const text = f ? `(${f.formula}) * ${n12(scaleBy)}` : undefined;
    if (text && text.length <= 480) return JSON.stringify(text);
  }
  const parts = Array.from(best, (v, i) => `${sc.horizon.start + i}: ${JSON.stringify(quantityText(v, unit))}`);
  return `{ ${parts.join(', ')} }`;
}

/** `hubs.0.demand` (formula paths index list items) as ids: `hubs.bth.demand`. */
function indexPathToIds(sc: Scenario, path: string): string {
  let v: unknown = sc;
  const out: string[] = [];
  for (const seg of path.split('.')) {
    if (Array.isArray(v)) {
      const item: unknown = /^\d+$/.test(seg) ? v[Number(seg)] : v.find((it: unknown) => isRecord(it) && it.id === seg);
      out.push(isRecord(item) && typeof item.id === 'string' ? item.id : seg);
      v = item;
    } else {
      out.push(seg);
      v = isRecord(v) ? v[seg] : undefined;
    }
  }
  return out.join('.');
}

/** A distribution as a flow mapping, values with the field's unit for `set` entries. */
function distText(d: DistributionSpec, unit: string): string {
  const q = (v: number): string => scalar(quantityText(v, unit, n6));
  switch (d.type) {
    case 'uniform':
      return `{ type: uniform, min: ${q(d.min)}, max: ${q(d.max)} }`;
    case 'normal':
      return `{ type: normal, mean: ${q(d.mean)}, sd: ${q(d.sd)} }`;
    case 'lognormal':
      return `{ type: lognormal, mu: ${n6(d.mu)}, sigma: ${n6(d.sigma)} }`;
    case 'triangular':
    case 'pert':
      return `{ type: ${d.type}, min: ${q(d.min)}, mode: ${q(d.mode)}, max: ${q(d.max)} }`;
    case 'discrete':
      return `{ type: discrete, values: [${d.values.map(q).join(', ')}], weights: [${d.weights.map(n6).join(', ')}] }`;
  }
}

/** A distribution of a variable divided by b > 0 (a fitted scale entry's factors on its best fit). */
function divided(d: DistributionSpec, b: number): DistributionSpec {
  switch (d.type) {
    case 'uniform':
      return { type: 'uniform', min: d.min / b, max: d.max / b };
    case 'normal':
      return { type: 'normal', mean: d.mean / b, sd: d.sd / b };
    case 'lognormal':
      return { type: 'lognormal', mu: d.mu - Math.log(b), sigma: d.sigma };
    case 'triangular':
    case 'pert':
      return { type: d.type, min: d.min / b, mode: d.mode / b, max: d.max / b };
    case 'discrete':
      return { type: 'discrete', values: d.values.map((v) => v / b), weights: d.weights.slice() };
  }
}

/** The calibrated file's `description:` line: in both languages when the prior is named in both. */
function calibratedDescription(sc: Scenario, fitted: readonly string[], observed: string): string {
  const en = `${sc.name} with ${fitted.join(', ') || 'nothing'} fitted to ${observed}.`;
  if (sc.nameZh === undefined) return `description: ${JSON.stringify(en)}`;
  const zh = fitted.length > 0 ? `${sc.nameZh}：${fitted.join('、')} 按 ${observed} 的报告数据拟合。` : `${sc.nameZh}：没有拟合任何输入（${observed}）。`;
  return `description: { en: ${JSON.stringify(en)}, zh: ${JSON.stringify(zh)} }`;
}

/** Share of the prior's range a posterior collapsed to a point is widened to (see `posteriorDist`). */
export const COLLAPSED_WIDTH = 0.01;

/**
The posterior of an entry as a scenario distribution (see the module comment),
before any division: rounded to 6 digits, within the prior's support, its mode
within [min, max]. A prior of zero width is kept as it is. A posterior whose
triangular collapses to a point (min = max: its P5–P95 is one value, or less
than the file's 6 digits tell apart) is widened to COLLAPSED_WIDTH of the
prior's range around its median, within the support, and `warn` is told.
*/
export function posteriorDist(e: EntryResult, warn?: (w: string) => void): DistributionSpec {
  if (!e.posterior) return e.dist;
  if (e.dist.type === 'discrete' && e.posteriorMass) {
    const mass = e.posteriorMass.map((m) => Number(m.toPrecision(6)));
    return mass.some((m) => m > 0) ? { type: 'discrete', values: e.dist.values.slice(), weights: mass } : e.dist;
  }
  if (!(e.hi > e.lo)) return e.dist;
  const t = triangularFromQuantiles(e.posterior, e.lo, e.hi);
  // rounded for the file, and still within the prior's support
  const c = (v: number): number => Math.min(e.hi, Math.max(e.lo, Number(v.toPrecision(6))));
  let min = c(t.min);
  let max = c(t.max);
  let mode = Math.min(max, Math.max(min, c(t.mode)));
  if (!(max > min)) {
    const m = Math.min(e.hi, Math.max(e.lo, e.posterior.p50));
    const w = COLLAPSED_WIDTH * (e.hi - e.lo);
    // centred on the median where the support allows, else against its edge
    const a = Math.max(e.lo, Math.min(m - w / 2, e.hi - w));
    min = c(a);
    max = c(a + w);
    mode = Math.min(max, Math.max(min, c(m)));
    warn?.(
      `${e.name}: the posterior P5–P95 is a single value (${sig(m, 'en')}); the calibrated file widens it to a triangular ${sig(min, 'en')}–${sig(max, 'en')} (${COLLAPSED_WIDTH * 100} % of the prior's range) to keep it a distribution — too few effective runs (ESS), or the observations pin it down`,
    );
  }
  return { type: 'triangular', min, mode, max };
}

/** A distribution's values rounded to 6 significant digits (for the file). */
function rounded(d: DistributionSpec): DistributionSpec {
  const k = (v: number): number => Number(v.toPrecision(6));
  switch (d.type) {
    case 'uniform':
      return { type: 'uniform', min: k(d.min), max: k(d.max) };
    case 'normal':
      return { type: 'normal', mean: k(d.mean), sd: k(d.sd) };
    case 'lognormal':
      return { type: 'lognormal', mu: k(d.mu), sigma: k(d.sigma) };
    case 'triangular':
    case 'pert': {
      const min = k(d.min);
      const max = k(d.max);
      return { type: d.type, min, mode: Math.min(max, Math.max(min, k(d.mode))), max };
    }
    case 'discrete':
      return { type: 'discrete', values: d.values.map(k), weights: d.weights.map(k) };
  }
}

const qText = (q: Quantiles): string => `P5 ${n6(q.p5)}, P50 ${n6(q.p50)}, P95 ${n6(q.p95)}`;

/** The calibrated scenario as YAML (see the module comment). */
export function calibratedScenarioYaml(input: CalibratedScenarioInput): string {
  const { scenario: sc, result: res } = input;
  const mc = res.runs > 1;
  const names = streamNames(sc.uncertainty);
  const fitted = res.entries.filter((e) => e.fitted);
  const best = bestFitScenario(sc, res);

  // the fitted inputs at their best fit
  const root: MapNode = { kind: 'map', entries: new Map() };
  const written = new Set<string>();
  for (const e of fitted) {
    const sameScale = res.entries.filter((x) => x.fitted && x.path === e.path);
    for (const t of targetsOf(sc, e.path)) {
      if (written.has(t.path)) continue;
      written.add(t.path);
      const unit = input.unitOf(t.path);
      const v = valueAtPath(best, t.path);
      const original = valueAtPath(sc, t.path);
      const flat = original instanceof Float64Array && original.every((x) => x === original[0]) ? original[0] : undefined;
      const asWritten = typeof original === 'number' ? original : flat;
      const was = asWritten !== undefined ? quantityText(asWritten, unit, n6) : undefined;
      const comment = `best fit${e.mode === 'scale' ? ` (× ${n6(e.best!)} on the value as written${was !== undefined ? `, ${was}` : ''})` : was !== undefined ? ` (as written ${was})` : ''}`;
      // parameters: a plain number replaces a ranged parameter's value and keeps its range
      let text: string;
      if (typeof v === 'number') text = scalar(quantityText(v, unit));
      else if (v instanceof Float64Array) text = seriesText(sc, v, original, unit, sameScale.length === 1 && e.mode === 'scale' ? e.best : undefined);
      else throw new Error(`${t.path} is not a number or a per-year value`);
      setIn(root, t.segs, { kind: 'leaf', text, comment });
      // a rent written as a number loses a quote's includesPower: state it
      if (t.segs[t.segs.length - 1] === 'rent') {
        const parent = t.path.slice(0, -'.rent'.length);
        const inc = valueAtPath(sc, `${parent}.rentIncludesPower`);
        if (typeof inc === 'boolean') setIn(root, [...t.segs.slice(0, -1), 'rentIncludesPower'], { kind: 'leaf', text: String(inc), comment: 'as resolved from the input' });
      }
    }
  }

  for (const pin of input.pins ?? []) {
    if (written.has(pin)) continue;
    const t = targetsOf(best, pin)[0];
    if (!t) continue;
    written.add(pin);
    const unit = input.unitOf(pin);
    const v = valueAtPath(best, pin);
    const comment = 'as the best fit has it (else derived anew from a fitted value)';
    if (typeof v === 'number') setIn(root, t.segs, { kind: 'leaf', text: scalar(quantityText(v, unit)), comment });
    else if (v instanceof Float64Array) setIn(root, t.segs, { kind: 'leaf', text: seriesText(sc, v, undefined, unit, undefined), comment });
  }

  const out: string[] = [];
  const date = input.date ?? '(undated)';
  out.push(
    `# Calibrated by dcplan calibrate: ${sc.file} with its uncertain inputs fitted to reported figures.`,
    `#   observations: ${input.observed.file}`,
    `#   SHA-256:      ${input.observed.hash}`,
    `#   date:         ${date}`,
    `#   command:      ${input.command.replace(/\n/g, ' ')}`,
    mc
      ? `#   ${res.runs} prior runs${res.rounds ? ` + ${res.rounds} adaptive round${res.rounds === 1 ? '' : 's'} of ${res.runs}` : ''}, seed ${res.seed}; ESS ${n6(Number(res.ess.toPrecision(3)))}${res.rounds ? ` of ${res.runsWeighted}` : ''}; ${res.coverage.inside} of ${res.coverage.of} observations inside the posterior band`
      : `#   central case only (one run), seed ${res.seed}: the best fit; the uncertainty is the prior's`,
    '# The fitted inputs are set to their best fit below (so the central case is the best fit);',
    mc
      ? "# the uncertainty list is the posterior: each entry's weighted P5/P50/P95 as a triangular distribution."
      : '# the uncertainty list is the prior (one run gives no posterior).',
    '# A fitted scale entry now scales the best fit: its factors are divided by the fitted factor.',
    '',
    `extends: ${JSON.stringify(input.extendsPath)}`,
    // a prior named in both languages keeps both (docs/scenario-format.md, names)
    `name: ${sc.nameZh !== undefined ? `{ en: ${JSON.stringify(`${sc.name}, calibrated`)}, zh: ${JSON.stringify(`${sc.nameZh}，已校准`)} }` : JSON.stringify(`${sc.name}, calibrated`)}`,
    calibratedDescription(sc, fitted.map((e) => e.name), input.observed.file),
    '',
  );
  emit(root, '', out);
  out.push('', 'uncertainty:');
  for (const e of res.entries) {
    let d = posteriorDist(e, input.onWarning);
    const b = e.best;
    if (e.fitted && e.mode === 'scale' && b !== undefined && b > 0) d = divided(d, b);
    d = rounded(d);
    const unit = e.mode === 'set' ? input.unitOf(targetsOf(sc, e.path)[0]?.path ?? e.path) : '';
    const mode = e.mode === 'scale' ? ', mode: scale' : '';
    const fitNote = e.fitted && e.mode === 'scale' && b !== undefined ? `, here ÷ the best fit ${n6(b)}` : '';
    const note = e.posterior
      ? `posterior ${qText(e.posterior)}${e.mode === 'scale' ? ` of the factor on the value as written${fitNote}` : ''}; prior P5–P95 ${n6(e.prior.p5)}–${n6(e.prior.p95)}`
      : `prior${fitNote}`;
    out.push(`  - { path: ${e.path}${mode}, dist: ${distText(d, unit)} }   # ${note}`);
  }
  const corr = mc ? res.correlations : sc.correlations;
  for (const c of corr) out.push(`  - { correlate: [${names[c.a]}, ${names[c.b]}], rho: ${c.rho} }   # ${mc ? 'posterior rank correlation' : 'as in the prior'}`);
  return out.join('\n') + '\n';
}

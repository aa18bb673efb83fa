/**
Observations as data: reading a file of reported figures (`data/observed/*.yaml`,
docs/observations.md) into the resolved `ObservationSet` of types.ts.

Each item names a model metric, a date, how the figure bounds the truth (a
point, a lower or upper bound, or a range), its value(s) with units in the
scenario language (`14000 racks`, `56 EFLOPS`, `38000 Gbps`), the area it covers
and Gui'an's share of it, its definition in words, its source and quality. The
loader converts every value to the metric's reporting unit (METRICS in
metric-names.ts: aiEflops in EFLOPS, energyGWh in GWh, itPowerMW in MW,
networkCapacityTbps in Tbps, ...) — not the scenario's base unit — and derives
the interval the figure implies for Gui'an:

    point v, relative uncertainty u, share [a, b]:  lo = v·(1−u)·a   hi = v·(1+u)·b
    atLeast v:  lo as for a point, hi = Infinity
    atMost v:   lo = 0 (−Infinity for metrics that can be negative, 1 for PUE), hi as for a point
    range [min, max]:  lo = min·(1−u)·a   hi = max·(1+u)·b

(for a negative value the corners are taken so that lo ≤ hi). A point or range
has a center, the geometric middle √(lo·hi) when both are positive (else the
arithmetic one).

Problems are collected, every one located (`file:line:col  path  message`, the
path by list index: `observations.3.metric`), and thrown together as a
ScenarioError, so the CLI prints them all and exits 1 — as for scenarios.
*/
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { decodeText, LIMITS, parseText, type LEntry, type LMap, type LNode } from './document.js';
import { describeValue, didYouMean, Problems, ScenarioError, type Loc } from './errors.js';
import { compileFormula, evaluateConstant, shortMessage } from './formula.js';
import { METRICS, METRIC_NAMES } from './metric-names.js';
import { COMMON_UNITS, isMathName, isValuelessUnit, ratioOf } from './units.js';
import type { Observation, ObservationKind, ObservationScope, ObservationSet } from './types.js';

export type { Observation, ObservationSet } from './types.js';

export interface ObservationOptions {
  /** The scenario's horizon: an observation dated outside it is a problem. */
  horizon?: { start: number; end: number };
}

export const OBSERVATION_KINDS: readonly ObservationKind[] = ['point', 'atLeast', 'atMost', 'range'];
export const OBSERVATION_SCOPES: readonly ObservationScope[] = ['guian', 'guiyang-guian', 'guizhou', 'national'];
export const OBSERVATION_QUALITIES = ['sourced', 'low-quality'] as const;
/** Default relative uncertainty of a reported number, by quality. */
export const DEFAULT_UNCERTAINTY = { sourced: 0.1, 'low-quality': 0.3 } as const;

const ITEM_KEYS = ['id', 'metric', 'date', 'kind', 'value', 'min', 'max', 'scope', 'share', 'definition', 'source', 'quality', 'uncertainty', 'note'] as const;
const TOP_KEYS = ['observations'] as const;
/** IT power of one standard rack, kW (the model's rack unit; resolve.ts and src/model/constants.ts hold the same number). */
const STANDARD_RACK_KW = 2.5;
const ID_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;
const URL_RE = /^https?:\/\/[^\s<>"]+$/;

/** Metrics that may be negative (an `atMost` then has no lower bound). */
const SIGNED = new Set(['npvCNY', 'costSavedCNY', 'carbonSavedKt', 'carbonSavedMarketKt']);
/** Ratios, not sums: a wider scope's figure is a proxy for Gui'an's, not a total to take a share of. */
const RATIO_UNITS = new Set(['share', '']);
/** Units of counts and ratios: plain numbers (magnitude words and % allowed). */
const PLAIN_UNITS = new Set(['count', 'people', 'share', '', 'servers']);

// ---------------------------------------------------------------- reading

/** Read and resolve a file of observations. Throws ScenarioError with every problem. */
export function loadObservations(file: string, opts: ObservationOptions = {}): ObservationSet {
  const problems = new Problems();
  const here: Loc = { file, line: 1, col: 1 };
  let bytes: Buffer | undefined;
  try {
    const st = statSync(file);
    if (!st.isFile()) problems.add(here, '', `${file} is not a file`);
    else if (st.size > LIMITS.fileBytes) problems.add(here, '', `${file} is ${(st.size / 1048576).toFixed(1)} MB; observation files are limited to ${LIMITS.fileBytes / 1048576} MB`);
    else bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problems.add(here, '', code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file}: ${code ?? String(err)}`);
  }
  problems.throwIfAny();
  const text = decodeText(bytes!, file, problems);
  problems.throwIfAny();
  return resolveText(text!, file, sha256(bytes!), opts);
}

/** Resolve observation text as if read from `file` (tests; `.json` names are read as strict JSON). Throws ScenarioError. */
export function readObservationsText(text: string, file = '<inline>', opts: ObservationOptions = {}): ObservationSet {
  return resolveText(text, file, sha256(Buffer.from(text, 'utf8')), opts);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function resolveText(text: string, file: string, hash: string, opts: ObservationOptions): ObservationSet {
  const problems = new Problems();
  let observations: Observation[] = [];
  try {
    const tree = parseObservationText(text, file, problems);
    if (tree) observations = readTree(tree, file, problems, opts);
  } catch (err) {
    if (err instanceof ScenarioError) for (const p of err.problems) problems.add(p, p.path, p.message);
    else problems.add({ file, line: 1, col: 1 }, '', `cannot read the observations (${err instanceof Error ? `${err.name}: ${err.message}` : String(err)})`.slice(0, 300));
  }
  problems.throwIfAny();
  return { file, hash, observations };
}

/** The scenario parser (positions, limits, strict JSON), with its messages about the top level said for this format. */
function parseObservationText(text: string, file: string, problems: Problems): LMap | undefined {
  const sub = new Problems();
  const tree = parseText(text, file, sub);
  for (const p of sub.list) {
    let msg = p.message;
    if (msg.startsWith('the file is empty')) msg = 'the file is empty: expected "observations:" and a list of reported figures';
    else if (msg.startsWith('the top level must be a mapping')) msg = msg.replace(/of scenario keys/, 'with the key "observations"');
    problems.add(p, p.path, msg);
  }
  return tree;
}

function readTree(tree: LMap, file: string, problems: Problems, opts: ObservationOptions): Observation[] {
  for (const [key, e] of tree.entries) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) problems.add(e.keyLoc, key, `unknown key "${key}"${suggest(key, TOP_KEYS)}: an observation file has one key, "observations"`);
  }
  const list = tree.entries.get('observations');
  if (!list) {
    problems.add(tree.loc, '', 'missing key "observations": a list of reported figures');
    return [];
  }
  const seq = list.node;
  if (seq.kind !== 'seq') {
    problems.add(seq.loc, 'observations', `expected a list of observations, got ${seq.kind === 'map' ? 'a mapping' : describeValue(seq.value)}`);
    return [];
  }
  if (seq.items.length === 0) {
    problems.add(seq.loc, 'observations', 'the list is empty: give at least one reported figure');
    return [];
  }
  const out: Observation[] = [];
  const ids = new Map<string, Loc>();
  seq.items.forEach((item, i) => {
    const o = readItem(item, `observations.${i}`, file, problems, opts, ids);
    if (o) out.push(o);
  });
  return out;
}

// ---------------------------------------------------------------- one observation

interface Measure {
  /** One metric unit as a mathjs quantity; undefined for plain numbers. */
  ref?: unknown;
  unit: string;
  example: string;
  ratio: boolean;
  min?: number;
  max?: number;
  /** Lower end of an `atMost` interval. */
  floor: number;
  /** Standard-rack metrics also take a power: one standard rack is 2.5 kW of IT (as in scenario files). */
  rackPower?: unknown;
}

const EXAMPLE_VALUE: Record<string, string> = {
  count: '19', people: '1200', servers: '120 thousand servers', share: '0.63', '': '1.3', racks: '14000 racks', MW: '630 MW', GWh: '1830 GWh',
  kt: '500 kt', 'million m3': '3 million m3', EFLOPS: '56 EFLOPS', CNY: '12 billion CNY', Tbps: '38000 Gbps',
};

const measures = new Map<string, Measure>();

/** How a metric's values are written and checked. */
function measureOf(metric: string): Measure {
  const hit = measures.get(metric);
  if (hit) return hit;
  const unit = (METRICS as Record<string, { unit: string }>)[metric]!.unit;
  const ratio = RATIO_UNITS.has(unit);
  const m: Measure = {
    unit,
    example: EXAMPLE_VALUE[unit] ?? (unit ? `1 ${unit}` : '1'),
    ratio,
    floor: SIGNED.has(metric) ? -Infinity : unit === '' ? 1 : 0,
    ...(unit === 'share' ? { min: 0, max: 1 } : unit === '' ? { min: 1 } : SIGNED.has(metric) ? {} : { min: 0 }),
  };
  if (!PLAIN_UNITS.has(unit)) {
    const ref = evaluateConstant(unit === 'racks' ? '1 rack' : `1 ${unit}`);
    if (ref !== undefined && typeof ref !== 'number') m.ref = ref;
    // physical racks are counted as the sites count them (4–6 kW each), so no power converts to them
    if (unit === 'racks' && metric !== 'physicalRacks') m.rackPower = evaluateConstant(`${STANDARD_RACK_KW} kW`);
  }
  measures.set(metric, m);
  return m;
}


const NOUNS: [string, string][] = [
  ['1 rack', 'racks'], ['1 kW', 'a power'], ['1 kWh', 'an energy'], ['1 TFLOPS', 'a compute rate'], ['1 Gbps', 'a data rate'], ['1 CNY', 'money'],
  ['1 kg', 'a mass'], ['1 m3', 'a volume'], ['1 s', 'a time'], ['1 m', 'a length'], ['1 kg/kWh', 'a carbon factor'], ['1 CNY/kWh', 'a price of energy'],
];

/** What kind of quantity a mathjs value is, for messages. */
function nounOf(v: unknown, text: string): string {
  if (/\b(USD|usd)\b/.test(text)) return 'money in USD';
  for (const [ref, noun] of NOUNS) {
    const r = evaluateConstant(ref);
    if (ratioOf(v, r) !== undefined) return noun;
  }
  return 'another kind of quantity';
}

const UNIT_WORDS = [...COMMON_UNITS, 'kt', 'Mt', 'm3', '%', 'EFLOPS', 'Tbps'];

/**
A value of `metric` in its reporting unit, or undefined (with a problem). YAML
numbers are plain numbers; strings are quantities in the scenario language.
*/
function quantity(node: LNode, path: string, metric: string, problems: Problems): number | undefined {
  const m = measureOf(metric);
  const bad = (msg: string): undefined => {
    problems.add(node.loc, path, msg);
    return undefined;
  };
  if (node.kind !== 'scalar' || node.value === null || typeof node.value === 'boolean') {
    return bad(`expected a value of ${metric} (e.g. "${m.example}"), got ${node.kind === 'scalar' ? describeValue(node.value) : node.kind === 'seq' ? 'a list' : 'a mapping'}`);
  }
  let raw: unknown;
  const text = String(node.value);
  if (typeof node.value === 'number') raw = node.value;
  else {
    if (/\d,\d{3}/.test(text)) return bad(`"${text}": write numbers without thousands separators, e.g. "${text.replace(/(\d),(?=\d{3})/g, '$1')}" or with a word ("76 thousand")`);
    const c = compileFormula(text);
    if (!c.ok) return bad(c.message);
    for (const s of c.formula.symbols) {
      if (isValuelessUnit(s) && !isMathName(s)) continue;
      const stripped = text.replace(s, '').trim();
      const plain = !m.ref ? `: ${metric} is ${m.ratio ? 'a ratio' : 'a count'}, write a plain number (e.g. "${stripped || m.example}")` : '';
      return bad(`unknown unit "${s}" in "${text}"${plain || suggest(s, UNIT_WORDS)}`);
    }
    try {
      raw = c.formula.code.evaluate(new Map());
    } catch (err) {
      return bad(`cannot evaluate "${text}": ${shortMessage(err)}`);
    }
  }
  let v: number | undefined;
  if (typeof raw === 'number') {
    if (m.ref && raw !== 0) return bad(`${typeof node.value === 'number' ? raw : `"${text}"`} is a plain number: ${metric} is in ${m.unit}, give a unit, e.g. "${fmtNum(raw)} ${m.unit}"`);
    v = raw;
  } else if (m.ref) {
    v = ratioOf(raw, m.ref) ?? (m.rackPower ? ratioOf(raw, m.rackPower) : undefined);
    if (v === undefined) {
      const expected = `${nounOf(m.ref, m.unit)}${m.rackPower ? ' or a power (2.5 kW a standard rack)' : ''}`;
      return bad(`${metric} is in ${m.unit}: expected ${expected} (e.g. "${m.example}"), got "${text}" (${nounOf(raw, text)})`);
    }
  } else {
    const lead = /^\s*[-+]?[\d.]+(?:[eE][-+]?\d+)?(?:\s*(?:thousand|million|billion))?/.exec(text)?.[0].trim();
    return bad(`${metric} is ${m.ratio ? 'a ratio' : 'a count'}: give a plain number (e.g. "${lead || m.example}"), not "${text}" (${nounOf(raw, text)})`);
  }
  if (!Number.isFinite(v)) return bad(`expected a finite number, got ${v}`);
  if (m.min !== undefined && v < m.min) return bad(`${metric} ${m.unit === 'share' ? 'is a share and ' : ''}must be at least ${m.min}${m.min === 0 ? ' (not negative)' : ''}, got ${fmtNum(v)}`);
  if (m.max !== undefined && v > m.max) return bad(`${metric} is a share: it must be at most ${m.max}, got ${fmtNum(v)}`);
  return tidy(v);
}

/** A share or uncertainty: a number, or a string like "75 %". */
function fraction(node: LNode, path: string, what: string, problems: Problems, max: number, maxIncluded: boolean): number | undefined {
  const bad = (msg: string): undefined => {
    problems.add(node.loc, path, msg);
    return undefined;
  };
  if (node.kind !== 'scalar' || (typeof node.value !== 'number' && typeof node.value !== 'string')) {
    return bad(`expected ${what} (a number like 0.1 or "10 %"), got ${node.kind === 'scalar' ? describeValue(node.value) : node.kind === 'seq' ? 'a list' : 'a mapping'}`);
  }
  let v: unknown = node.value;
  if (typeof v === 'string') {
    const c = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*%?\s*$/.test(v) ? evaluateConstant(v) : undefined;
    if (typeof c !== 'number') return bad(`expected ${what} (a number like 0.1 or "10 %"), got ${describeValue(v)}`);
    v = c;
  }
  const x = v as number;
  if (!Number.isFinite(x) || x < 0 || x > max || (!maxIncluded && x === max)) {
    return bad(`${what} must be ${maxIncluded ? `between 0 and ${max}` : `at least 0 and less than ${max}`}, got ${fmtNum(x)}`);
  }
  return tidy(x);
}

/** A name from a fixed list, with did-you-mean. */
function oneOf<T extends string>(node: LNode, path: string, what: string, list: readonly T[], problems: Problems): T | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'string' && (list as readonly string[]).includes(node.value)) return node.value as T;
  const shown = node.kind === 'scalar' ? describeValue(node.value) : node.kind === 'seq' ? 'a list' : 'a mapping';
  const hint = node.kind === 'scalar' && typeof node.value === 'string' ? suggest(node.value, list) : '';
  problems.add(node.loc, path, `unknown ${what} ${shown}${hint || ` (one of ${list.join(', ')})`}`);
  return undefined;
}

function text(node: LNode, path: string, what: string, problems: Problems): string | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.trim() !== '') return node.value.trim();
  problems.add(node.loc, path, `expected ${what} (text), got ${node.kind === 'scalar' ? describeValue(node.value) : node.kind === 'seq' ? 'a list' : 'a mapping'}`);
  return undefined;
}

/** `2024` or `2024-07`: year and month. */
function date(node: LNode, path: string, problems: Problems, opts: ObservationOptions): { year: number; month?: number } | undefined {
  let year: number | undefined;
  let month: number | undefined;
  if (node.kind === 'scalar' && typeof node.value === 'number' && Number.isInteger(node.value)) year = node.value;
  else if (node.kind === 'scalar' && typeof node.value === 'string') {
    const m = /^(\d{4})(?:-(\d{1,2}))?$/.exec(node.value.trim());
    if (m) {
      year = Number(m[1]);
      if (m[2] !== undefined) month = Number(m[2]);
    }
  }
  const shown = node.kind === 'scalar' ? describeValue(node.value) : node.kind === 'seq' ? 'a list' : 'a mapping';
  if (year === undefined || year < 1900 || year > 2200) {
    problems.add(node.loc, path, `expected a year (2024) or a year-month (2024-07), got ${shown}`);
    return undefined;
  }
  if (month !== undefined && (month < 1 || month > 12)) {
    problems.add(node.loc, path, `month ${month} of ${shown}: a month is 1–12`);
    return undefined;
  }
  const h = opts.horizon;
  if (h && (year < h.start || year > h.end)) {
    problems.add(node.loc, path, `${shown} is outside the horizon ${h.start}–${h.end}`);
    return undefined;
  }
  return month === undefined ? { year } : { year, month };
}

function readItem(item: LNode, path: string, file: string, problems: Problems, opts: ObservationOptions, ids: Map<string, Loc>): Observation | undefined {
  if (item.kind !== 'map') {
    problems.add(item.loc, path, `expected an observation (a mapping with id, metric, date, kind, ...), got ${item.kind === 'seq' ? 'a list' : describeValue(item.value)}`);
    return undefined;
  }
  const before = problems.size;
  const e = (k: string): LEntry | undefined => item.entries.get(k);
  const at = (k: string) => `${path}.${k}`;
  for (const [key, entry] of item.entries) {
    if (!(ITEM_KEYS as readonly string[]).includes(key)) problems.add(entry.keyLoc, at(key), `unknown key "${key}"${suggest(key, ITEM_KEYS)}`);
  }
  const missing = (k: string, why: string): void => problems.add(item.loc, at(k), `missing key "${k}": ${why}`);
  /** The entry of a required key, or undefined (with a problem) when it is missing. */
  const req = (k: string, why: string): LEntry | undefined => {
    const x = e(k);
    if (!x) missing(k, why);
    return x;
  };

  // id
  let id: string | undefined;
  const idE = e('id');
  if (!idE) missing('id', 'every observation has a unique name, e.g. guizhou-cards-2023');
  else if (idE.node.kind !== 'scalar' || typeof idE.node.value !== 'string' || !ID_RE.test(idE.node.value)) {
    problems.add(idE.node.loc, at('id'), `an id is a name of letters, digits, "-" and "_" starting with a letter (e.g. guizhou-cards-2023), got ${describeValue(idE.node.kind === 'scalar' ? idE.node.value : idE.node.kind === 'seq' ? [] : {})}`);
  } else {
    id = idE.node.value;
    const first = ids.get(id);
    if (first) problems.add(idE.node.loc, at('id'), `duplicate id "${id}" (first at line ${first.line})`);
    else ids.set(id, idE.node.loc);
  }

  // metric
  let metric: string | undefined;
  const mE = e('metric');
  if (!mE) missing('metric', 'the model metric the figure is compared with, e.g. aiEflops, rackCapacity, serversInstalled');
  else if (mE.node.kind === 'scalar' && typeof mE.node.value === 'string' && (METRIC_NAMES as readonly string[]).includes(mE.node.value)) metric = mE.node.value;
  else {
    const v = mE.node.kind === 'scalar' ? mE.node.value : undefined;
    problems.add(mE.node.loc, at('metric'), `unknown metric ${describeValue(v ?? (mE.node.kind === 'seq' ? [] : {}))}${typeof v === 'string' ? suggest(v, METRIC_NAMES) : ''} (docs/observations.md lists the metrics and their units)`);
  }
  const measure = metric ? measureOf(metric) : undefined;

  // date
  const dE = req('date', 'a year (2024) or a year-month (2024-07)');
  const when = dE ? date(dE.node, at('date'), problems, opts) : undefined;

  // kind and its values
  const kE = req('kind', `one of ${OBSERVATION_KINDS.join(', ')}`);
  const kind = kE ? oneOf(kE.node, at('kind'), 'kind', OBSERVATION_KINDS, problems) : undefined;
  const q = (k: 'value' | 'min' | 'max'): number | undefined => {
    const x = e(k);
    return x && metric ? quantity(x.node, at(k), metric, problems) : undefined;
  };
  let value: number | undefined;
  let min: number | undefined;
  let max: number | undefined;
  if (kind === 'range') {
    for (const k of ['min', 'max'] as const) if (!e(k)) missing(k, `a range takes min and max, e.g. ${k}: "${measure?.example ?? '40 EFLOPS'}"`);
    const v = e('value');
    if (v) problems.add(v.keyLoc, at('value'), 'a range takes min and max, not value (or use kind: point)');
    min = q('min');
    max = q('max');
    if (min !== undefined && max !== undefined && min > max) {
      problems.add(e('min')!.node.loc, at('min'), `min ${fmtWith(min, measure!)} is greater than max ${fmtWith(max, measure!)}`);
    }
  } else if (kind) {
    if (!e('value')) missing('value', `a${kind === 'point' ? ' point' : 'n ' + kind} observation takes a value, e.g. value: "${measure?.example ?? '14000 racks'}"`);
    for (const k of ['min', 'max'] as const) {
      const x = e(k);
      if (x) problems.add(x.keyLoc, at(k), `${k} belongs to kind: range; ${kind} takes value`);
    }
    value = q('value');
  } else {
    // an unknown kind: still check the values given
    value = q('value');
    min = q('min');
    max = q('max');
  }

  // scope and share
  const sE = req('scope', `the area the figure covers: one of ${OBSERVATION_SCOPES.join(', ')}`);
  const scope = sE ? oneOf(sE.node, at('scope'), 'scope', OBSERVATION_SCOPES, problems) : undefined;
  let share: [number, number] | undefined;
  const shE = e('share');
  if (shE) {
    if (measure?.ratio) {
      problems.add(shE.keyLoc, at('share'), `${metric} is a ratio, not a sum: a share does not apply (a wider scope's ratio is a proxy for Gui'an's; widen its uncertainty instead)`);
    } else share = readShare(shE.node, at('share'), problems);
  } else if (scope && scope !== 'guian' && measure && !measure.ratio) {
    missing('share', `a ${scope} figure needs Gui'an's share of it as [low, high], e.g. share: [0.75, 1]`);
  }

  // words, source, quality, uncertainty
  const defE = req('definition', 'what the figure counts, in words ("powered-on servers", "physical racks", "FP16 EFLOPS")');
  const definition = defE ? text(defE.node, at('definition'), 'the definition the figure uses ("powered-on servers", "FP16 EFLOPS")', problems) : undefined;
  const srcE = req('source', 'the URL of the page the figure is on');
  const source = srcE ? readSource(srcE.node, at('source'), problems) : undefined;
  const qE = req('quality', `one of ${OBSERVATION_QUALITIES.join(', ')}`);
  const quality = qE ? oneOf(qE.node, at('quality'), 'quality', OBSERVATION_QUALITIES, problems) : undefined;
  const uE = e('uncertainty');
  let uncertainty: number | undefined = uE ? fraction(uE.node, at('uncertainty'), 'a relative uncertainty', problems, 1, false) : DEFAULT_UNCERTAINTY[quality ?? 'sourced'];
  if (!uE && measure?.ratio && scope && scope !== 'guian') {
    missing('uncertainty', `a ${scope} ${metric} stands in for Gui'an's: say how far it may be off (e.g. uncertainty: 0.3)`);
    uncertainty = undefined;
  }
  const nE = e('note');
  if (nE) text(nE.node, at('note'), 'a note', problems);

  if (problems.size > before) return undefined;
  const a = share ?? [1, 1];
  const u = uncertainty!;
  const corners = (v: number): number[] => [v * (1 - u) * a[0], v * (1 - u) * a[1], v * (1 + u) * a[0], v * (1 + u) * a[1]];
  let lo: number;
  let hi: number;
  switch (kind!) {
    case 'point':
      lo = Math.min(...corners(value!));
      hi = Math.max(...corners(value!));
      break;
    case 'atLeast':
      lo = Math.min(...corners(value!));
      hi = Infinity;
      break;
    case 'atMost':
      lo = Math.min(measure!.floor, ...corners(value!));
      hi = Math.max(...corners(value!));
      break;
    case 'range':
      lo = Math.min(...corners(min!));
      hi = Math.max(...corners(max!));
      break;
  }
  lo = tidy(lo);
  hi = tidy(hi);
  const twoSided = kind === 'point' || kind === 'range';
  const center = twoSided ? tidy(lo > 0 && hi > 0 ? Math.sqrt(lo * hi) : (lo + hi) / 2) : undefined;
  return {
    id: id!,
    metric: metric!,
    year: when!.year,
    ...(when!.month !== undefined ? { month: when!.month } : {}),
    kind: kind,
    ...(value !== undefined ? { value } : {}),
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    scope: scope!,
    share: a,
    definition: definition!,
    source: source!,
    quality: quality!,
    uncertainty: u,
    lo,
    hi,
    ...(center !== undefined ? { center } : {}),
    file,
    line: item.loc.line,
    col: item.loc.col,
  };
}

/** `[low, high]` (or one number for both), each 0–1, low ≤ high. */
function readShare(node: LNode, path: string, problems: Problems): [number, number] | undefined {
  if (node.kind === 'scalar') {
    const x = fraction(node, path, 'a share', problems, 1, true);
    return x === undefined ? undefined : [x, x];
  }
  if (node.kind !== 'seq' || node.items.length !== 2) {
    problems.add(node.loc, path, `expected Gui'an's share as [low, high] (e.g. [0.75, 1]), got ${node.kind === 'seq' ? `a list of ${node.items.length}` : 'a mapping'}`);
    return undefined;
  }
  const lo = fraction(node.items[0]!, `${path}.0`, 'a share', problems, 1, true);
  const hi = fraction(node.items[1]!, `${path}.1`, 'a share', problems, 1, true);
  if (lo === undefined || hi === undefined) return undefined;
  if (lo > hi) {
    problems.add(node.items[0]!.loc, `${path}.0`, `the low share ${fmtNum(lo)} is greater than the high share ${fmtNum(hi)}`);
    return undefined;
  }
  return [lo, hi];
}

/** A URL, or a list of URLs (joined with " ; "). */
function readSource(node: LNode, path: string, problems: Problems): string | undefined {
  const items = node.kind === 'seq' ? node.items.map((n, i) => ({ n, p: `${path}.${i}` })) : [{ n: node, p: path }];
  if (items.length === 0) {
    problems.add(node.loc, path, 'expected the URL of the page the figure is on, got an empty list');
    return undefined;
  }
  const urls: string[] = [];
  for (const { n, p } of items) {
    if (n.kind === 'scalar' && typeof n.value === 'string' && URL_RE.test(n.value.trim())) urls.push(n.value.trim());
    else {
      const shown = n.kind === 'scalar' ? describeValue(n.value) : n.kind === 'seq' ? 'a list' : 'a mapping';
      problems.add(n.loc, p, `expected a URL (http:// or https://) of the page the figure is on, got ${shown}`);
    }
  }
  return urls.length === items.length ? urls.join(' ; ') : undefined;
}

/** ` (did you mean "x"?)` for a likely typo, including two swapped letters ("vlaue" → "value"); else ''. */
function suggest(word: string, candidates: readonly string[]): string {
  const d = didYouMean(word, candidates);
  if (d) return d;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const l = c.toLowerCase();
    if (l.length !== w.length) continue;
    const diff: number[] = [];
    for (let i = 0; i < w.length && diff.length <= 2; i++) if (w[i] !== l[i]) diff.push(i);
    if (diff.length === 2 && diff[1] === diff[0]! + 1 && w[diff[0]!] === l[diff[1]] && w[diff[1]] === l[diff[0]!]) return ` (did you mean "${c}"?)`;
  }
  return '';
}

// ---------------------------------------------------------------- numbers

/** Round away float noise (12 significant digits). */
function tidy(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(12));
}

function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1e6 || (Math.abs(x) < 1e-3 && x !== 0)) return x.toPrecision(4).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(10)));
}

function fmtWith(x: number, m: Measure): string {
  return m.ref ? `${fmtNum(x)} ${m.unit}` : fmtNum(x);
}

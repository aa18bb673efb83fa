/**
The scenario language's units: one locked-down mathjs instance with dcplan's
custom units, and the kinds of quantity each field expects with their base
units (see types.ts).

Custom units: `CNY` (a new base dimension; aliases `yuan`, `RMB`), `USD` (its own
base dimension, converted at the scenario's `usdRate` when a value is read),
`rack`/`racks` (the 2.5 kW standard rack, a base dimension), `server`/`servers`
(a dimensionless count), `FLOPS` with SI prefixes (TFLOPS, PFLOPS, ...) and `bps`
with SI prefixes (Mbps, Gbps, Tbps). `month`, `year`, `day` are mathjs's own
(a month is 1/12 of a Julian year). Magnitude words `thousand`, `million`,
`billion`, `trillion` after a number multiply it.
*/
import { all, create, type FactoryFunctionMap, type MathNode, type Unit } from 'mathjs';

const math = create(all as FactoryFunctionMap, { number: 'number' });
math.createUnit('CNY', { aliases: ['yuan', 'RMB'] });
math.createUnit('USD', { aliases: ['usd'] });
math.createUnit('rack', { aliases: ['racks'] });
math.createUnit('server', { definition: '1', aliases: ['servers'] });
math.createUnit('FLOPS', { prefixes: 'short' });
math.createUnit('bps', { definition: '1 bit/s', prefixes: 'short' });

/** Captured before the lock-down; the only way scenario text reaches mathjs. */
const parseRef: (expr: string) => MathNode = math.parse.bind(math);
const isValuelessUnit: (name: string) => boolean = (name) => math.Unit.isValuelessUnit(name);
const isUnit: (x: unknown) => x is Unit = (x): x is Unit => math.isUnit(x);
const unitOf = (s: string): Unit => math.unit(s);
const BASE_DIMS: string[] = (math.Unit as unknown as { BASE_DIMENSIONS: string[] }).BASE_DIMENSIONS;
const namespaceNames = new Set(Object.keys(math));

// Lock down per mathjs docs/expressions/security.md, after capturing references.
const disabled = (name: string) =>
  function () {
    throw new Error(`Function ${name} is disabled`);
  };
math.import(
  Object.fromEntries(['import', 'createUnit', 'reviver', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve', 'compile'].map((n) => [n, disabled(n)])),
  { override: true },
);

export { parseRef as parse, isValuelessUnit, isUnit };

/** True if `name` is a function or constant of the mathjs namespace (e.g. `min`, `pi`). */
export function isMathName(name: string): boolean {
  return namespaceNames.has(name);
}

const dimIndex = (unit: string) => (unitOf(`1 ${unit}`) as unknown as { dimensions: number[] }).dimensions.indexOf(1);
const IDX_CNY = dimIndex('CNY');
const IDX_USD = dimIndex('USD');

/** A dimension vector with USD folded into CNY (USD are money too, converted at usdRate). */
function foldedDims(u: Unit): number[] {
  const d = ((u as unknown as { dimensions: number[] }).dimensions ?? []).slice();
  if (IDX_USD >= 0 && d[IDX_USD]) {
    d[IDX_CNY] = (d[IDX_CNY] ?? 0) + d[IDX_USD];
    d[IDX_USD] = 0;
  }
  return d;
}

function sameDims(a: number[], b: number[]): boolean {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > 1e-12) return false;
  return true;
}

/** Name of a dimension vector for messages, e.g. "time", "power". */
function dimName(d: number[]): string {
  for (const k of Object.values(KINDS)) for (const alt of k.accepts) if (sameDims(d, alt.dims)) return k.noun;
  const parts: string[] = [];
  const names = ['mass', 'length', 'time', 'current', 'temperature', 'luminous intensity', 'amount', 'angle', 'bits'];
  BASE_DIMS.forEach((n, i) => {
    const p = d[i] ?? 0;
    if (p) parts.push(`${names[i] ?? n}${p === 1 ? '' : '^' + p}`);
  });
  return parts.length ? parts.join('·') : 'a plain number';
}

interface Accept {
  dims: number[];
  /** Value of 1 base unit in mathjs's internal (SI-like) value. */
  ref: number;
}

export interface KindDef {
  /** Base unit shown to users ('' for plain numbers). */
  unit: string;
  /** "a power", used in "expected a power". */
  what: string;
  /** Name of the dimension, used in "got ... (time)". */
  noun: string;
  example: string;
  accepts: Accept[];
  /** A plain number is accepted and means the base unit. */
}

function accept(ref: string, per = 1): Accept {
  const u = unitOf(ref);
  return { dims: foldedDims(u), ref: (u.value) * per };
}
const NONE: Accept = { dims: [], ref: 1 };

/** Every kind of quantity a scenario field can hold, with its base unit. */
export const KINDS = {
  money: { unit: 'CNY', what: 'an amount of money', noun: 'money', example: '40 billion CNY', accepts: [accept('1 CNY')] },
  moneyPerRack: { unit: 'CNY', what: 'a cost per standard rack', noun: 'money', example: '120 thousand CNY', accepts: [accept('1 CNY'), accept('1 CNY/rack')] },
  power: { unit: 'kW', what: 'a power', noun: 'power', example: '150 MW', accepts: [accept('1 kW')] },
  energy: { unit: 'kWh', what: 'an energy', noun: 'energy', example: '120 GWh', accepts: [accept('1 kWh')] },
  duration: { unit: 'months', what: 'a duration', noun: 'time', example: '24 months', accepts: [accept('1 month')] },
  /** A duration stored in years (transfer.contractYears); files give it with any time unit, as other durations. */
  durationYears: { unit: 'years', what: 'a duration', noun: 'time', example: '5 years', accepts: [accept('1 year')] },
  latency: { unit: 'ms', what: 'a latency', noun: 'time', example: '20 ms', accepts: [accept('1 ms')] },
  dataRate: { unit: 'Gbps', what: 'a data rate', noun: 'data rate', example: '45 Tbps', accepts: [accept('1 Gbps')] },
  racks: { unit: 'racks', what: 'a number of standard racks or a power', noun: 'racks', example: '20000 racks', accepts: [accept('1 rack'), accept('2.5 kW'), NONE] },
  servers: { unit: 'servers', what: 'a number of servers', noun: 'count', example: '4 million servers', accepts: [NONE] },
  serversPerRack: { unit: 'servers/rack', what: 'servers per standard rack', noun: 'servers per rack', example: '5', accepts: [NONE, accept('1 server/rack')] },
  compute: { unit: 'TFLOPS', what: 'a compute rate', noun: 'compute', example: '1.76 PFLOPS', accepts: [accept('1 TFLOPS')] },
  powerPrice: { unit: 'CNY/kWh', what: 'a price of energy', noun: 'price of energy', example: '0.35 CNY/kWh', accepts: [accept('1 CNY/kWh')] },
  carbonFactor: { unit: 'kg/kWh', what: 'a carbon factor', noun: 'mass per energy', example: '0.58 kg/kWh', accepts: [accept('1 kg/kWh')] },
  waterFactor: { unit: 'L/kWh', what: 'a water factor', noun: 'volume per energy', example: '0.5 L/kWh', accepts: [accept('1 L/kWh')] },
  rackMonthPrice: { unit: 'CNY/rack/month', what: 'a price per rack-month', noun: 'price per rack-month', example: '3500 CNY/rack/month', accepts: [accept('1 CNY/rack/month')] },
  /** A capacity charge per kVA of peak demand per month; kVA is a power to mathjs (VA = W). */
  kvaMonthPrice: { unit: 'CNY/kVA/month', what: 'a price per kVA-month', noun: 'price per power-month', example: '32 CNY/kVA/month', accepts: [accept('1 CNY/kVA/month')] },
  perRackMonthPrice: { unit: 'rack month/CNY', what: 'a sensitivity per (CNY per rack-month)', noun: 'per price', example: '0.001', accepts: [NONE, accept('1 rack month/CNY')] },
  number: { unit: '', what: 'a plain number', noun: 'a plain number', example: '1.2', accepts: [NONE] },
} satisfies Record<string, KindDef>;

export type Kind = keyof typeof KINDS;

const WORDS: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const WORD_RE = /(\d[\d.]*(?:[eE][-+]?\d+)?)\s*(thousand|million|billion|trillion)\b/g;

/** Replace `42 billion` by `42000000000` (before mathjs parses the text). */
export function expandMagnitudes(s: string): string {
  if (!/thousand|million|billion|trillion/.test(s)) return s;
  return s.replace(WORD_RE, (_m, num: string, word: string) => {
    const v = Number(num) * WORDS[word]!;
    return Number.isFinite(v) ? `(${Number(v.toPrecision(15))})` : _m;
  });
}

/** Round away float noise from unit conversion (e.g. 6000.000000000001). */
function tidy(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(13));
}

export type Converted = { ok: true; value: number } | { ok: false; message: string };

/**
Convert a mathjs result (a number means the base unit already) to the base unit
of `kind`. `usdRate` converts USD to CNY.
*/
export function toBase(v: unknown, kind: Kind, usdRate: number, shown: string): Converted {
  const def: KindDef = KINDS[kind];
  if (typeof v === 'number') return { ok: true, value: v };
  if (isUnit(v)) {
    const u = v as Unit & { value: number | null; dimensions: number[] };
    if (u.value === null) return { ok: false, message: `"${shown}" is a unit without a number` };
    const d = foldedDims(u);
    for (const a of def.accepts) {
      if (sameDims(d, a.dims)) {
        let val = u.value;
        const usd = u.dimensions[IDX_USD] ?? 0;
        if (usd) val *= Math.pow(usdRate, usd);
        return { ok: true, value: a === NONE ? val : tidy(val / a.ref) };
      }
    }
    return { ok: false, message: `expected ${def.what}${def.example ? ` (e.g. "${def.example}")` : ''}, got "${shown}" (${dimName(d)})` };
  }
  if (typeof v === 'boolean') return { ok: false, message: `expected ${def.what}, got a true/false result from "${shown}"` };
  return { ok: false, message: `expected ${def.what}, got "${shown}", which is not a real number` };
}

/** Does a unit string (as in a lever's `unit`) fit a kind? '' means the base unit. */
export function unitFits(unit: string, kind: Kind): boolean {
  if (unit.trim() === '') return true;
  try {
    const node = parseRef(expandMagnitudes(`1 ${unit}`));
    const r = toBase(node.compile().evaluate(), kind, 7, unit);
    return r.ok;
  } catch {
    return false;
  }
}

/** Is a unit string some kind's base unit ("CNY/rack/month", "CNY/kWh": yes; "billion CNY": no)? '' is. */
export function isBaseUnit(unit: string): boolean {
  if (unit.trim() === '') return true;
  try {
    const v: unknown = parseRef(expandMagnitudes(`1 ${unit}`)).compile().evaluate();
    return (Object.keys(KINDS) as Kind[]).some((k) => {
      const r = toBase(v, k, 7, unit);
      return r.ok && r.value === 1 && !plainAllowed(k);
    });
  } catch {
    return false;
  }
}

/** Units and words users commonly write, for "did you mean". */
export const COMMON_UNITS = [
  'CNY', 'USD', 'yuan', 'RMB', 'W', 'kW', 'MW', 'GW', 'Wh', 'kWh', 'MWh', 'GWh', 'TWh', 'ms', 's', 'month', 'months', 'year', 'years', 'day', 'days',
  'Mbps', 'Gbps', 'Tbps', 'rack', 'racks', 'server', 'servers', 'GFLOPS', 'TFLOPS', 'PFLOPS', 'EFLOPS', 'kg', 'g', 't', 'L', 'thousand', 'million', 'billion',
];

/**
The value of `quantity` in units of `per` (both evaluated mathjs results, e.g.
60 billion CNY and 1 billion CNY give 60), or undefined when their dimensions
differ. Amounts in USD give undefined (the rate is the scenario's).
*/
export function ratioOf(quantity: unknown, per: unknown): number | undefined {
  if (typeof quantity === 'number') return typeof per === 'number' && per !== 0 ? quantity / per : undefined;
  if (!isUnit(quantity) || !isUnit(per)) return undefined;
  const a = quantity as Unit & { value: number | null; dimensions: number[] };
  const b = per as Unit & { value: number | null; dimensions: number[] };
  if ((a.dimensions[IDX_USD] ?? 0) !== 0 || (b.dimensions[IDX_USD] ?? 0) !== 0) return undefined;
  if (a.value === null || b.value === null || b.value === 0 || !sameDims(foldedDims(a), foldedDims(b))) return undefined;
  return tidy(a.value / b.value);
}

/** Does a plain number (without a unit) make sense for this kind? True for plain numbers, racks, server counts and sensitivities. */
export function plainAllowed(kind: Kind): boolean {
  return (KINDS[kind].accepts).includes(NONE);
}

interface Hint {
  /** Units to suggest, most likely first, with the size of one in the base unit. */
  units: [string, number][];
  /** Plausible values for the field, in the base unit. */
  lo: number;
  hi: number;
}

const MONEY: [string, number][] = [['billion CNY', 1e9], ['million CNY', 1e6], ['thousand CNY', 1e3], ['CNY', 1]];
const DEFAULT_HINTS: Partial<Record<Kind, Hint>> = {
  money: { units: MONEY, lo: 1, hi: 1e14 },
  moneyPerRack: { units: [['thousand CNY', 1e3], ['CNY', 1]], lo: 1e4, hi: 1e6 },
  power: { units: [['kW', 1], ['MW', 1e3], ['W', 1e-3]], lo: 0.01, hi: 1e7 },
  energy: { units: [['MWh', 1e3], ['GWh', 1e6], ['kWh', 1]], lo: 1, hi: 1e12 },
  duration: { units: [['months', 1], ['years', 12]], lo: 1, hi: 1200 },
  durationYears: { units: [['years', 1]], lo: 0, hi: Infinity },
  latency: { units: [['ms', 1]], lo: 0, hi: Infinity },
  dataRate: { units: [['Gbps', 1], ['Tbps', 1e3]], lo: 0, hi: Infinity },
  compute: { units: [['TFLOPS', 1], ['PFLOPS', 1e3]], lo: 0.01, hi: 1e5 },
  powerPrice: { units: [['CNY/kWh', 1]], lo: 0, hi: Infinity },
  carbonFactor: { units: [['kg/kWh', 1]], lo: 0, hi: Infinity },
  waterFactor: { units: [['L/kWh', 1]], lo: 0, hi: Infinity },
  rackMonthPrice: { units: [['CNY/rack/month', 1]], lo: 0, hi: Infinity },
  kvaMonthPrice: { units: [['CNY/kVA/month', 1]], lo: 0, hi: Infinity },
};

/** Field-specific hints: `*` matches any one segment (a list item or a year key). */
const FIELD_HINTS: [string, Hint][] = [
  ['investment.total', { units: MONEY, lo: 1e8, hi: 1e13 }],
  ['datacenters.*.phases.*.capex', { units: [['million CNY', 1e6], ['billion CNY', 1e9], ['CNY', 1]], lo: 1e7, hi: 1e11 }],
  ['servers.classes.*.price', { units: [['thousand CNY', 1e3], ['million CNY', 1e6], ['CNY', 1]], lo: 5e3, hi: 5e7 }],
  ['economics.wage', { units: [['thousand CNY', 1e3], ['CNY', 1]], lo: 1e4, hi: 1e7 }],
  ['usdRate', { units: [['CNY', 1]], lo: 0, hi: Infinity }],
  ['servers.classes.*.power', { units: [['kW', 1], ['W', 1e-3]], lo: 0.05, hi: 100 }],
  ['servers.classes.*.lifetime', { units: [['years', 12], ['months', 1]], lo: 12, hi: 240 }],
  ['datacenters.*.phases.*.build', { units: [['months', 1], ['years', 12]], lo: 3, hi: 120 }],
  ['network.capacity', { units: [['Tbps', 1e3], ['Gbps', 1]], lo: 100, hi: 1e7 }],
  ['network.capacity.*', { units: [['Tbps', 1e3], ['Gbps', 1]], lo: 100, hi: 1e7 }],
  ['network.perRack', { units: [['Gbps', 1], ['Mbps', 1e-3]], lo: 1e-4, hi: 100 }],
];

function matches(pattern: string, path: readonly string[]): boolean {
  const p = pattern.split('.');
  return p.length === path.length && p.every((s, i) => s === '*' || s === path[i]);
}

/**
The unit to suggest for a plain number `v` in a field of `kind` at `path`: the
first of the field's usual units that makes the value plausible for that field
(55 for investment.total → "billion CNY"; 61 for a cost per rack → "thousand CNY").
*/
export function suggestUnit(v: number, kind: Kind, path: readonly string[]): string {
  const hint = FIELD_HINTS.find(([p]) => matches(p, path))?.[1] ?? DEFAULT_HINTS[kind];
  if (!hint) return KINDS[kind].unit;
  const a = Math.abs(v);
  for (const [unit, size] of hint.units) if (a * size >= hint.lo && a * size <= hint.hi) return unit;
  return hint.units[0]![0];
}

/**
Screening every numeric input of a scenario (`dcplan sensitivity --screen`):
which inputs move one result (a metric in a year), so that a modeller knows
where to put uncertainty.

Unlike `oneAtATime` (src/engine/sensitivity.ts), which moves only the
`uncertainty:` entries across their distributions, the screening moves every
numeric leaf of the resolved scenario by the same relative step:

- **One at a time (OAT).** Each input is multiplied by (1 − δ) and by (1 + δ)
  (a per-year series as a whole), everything else as written, and the metric is
  read from each run of the central case. `swing = high − low`; the elasticity
  is (swing / central) / (relative change of the input), ≈ (Δy/y) / (2δ): the
  % change of the result per % change of the input. Shares are kept within
  0–1 and PUEs at 1 or more, so an input near its bound moves less than 2δ (the
  elasticity uses the actual change).
- **Morris elementary effects** (optional, Morris 1991; μ* of Campolongo et al.
  2007). Each of R trajectories starts at a random point of a 4-level grid over
  every input's [1 − δ, 1 + δ] and moves one input at a time, in random order,
  by 2/3 of the range. An input's elementary effect is the relative change of
  the metric over the relative change of that input (elasticity units); μ* is
  the mean of their absolute values (importance, including interactions and
  non-linearity), σ their standard deviation (how much the effect depends on
  where the other inputs are). Trajectories draw from seeded streams
  (`morris:<t>`), so the result depends only on the seed.

Pure: no files, no console. Which leaves exist comes from the caller (the
report layer flattens a scenario with `flattenInputs`), as `ScreenLeaf`s.
*/
import type { Scenario } from '../scenario/types.js';
import { valueAt } from './results.js';
import { stream } from './rng.js';
import { applyAt, withParameters } from './sample.js';
import { simulate } from './simulate.js';

/** A leaf of the resolved scenario, as `flattenInputs` gives it. */
export interface ScreenLeaf {
  /** Dotted path, list items by id (`datacenters.apple.phases.p1.size`). */
  path: string;
  /** The path with list items as `*` (`datacenters.*.phases.*.size`). */
  pattern: string;
  /** A number, a per-year series as a number array, or anything else (skipped). */
  value: unknown;
  series: boolean;
}

/** A numeric input the screening varies. */
export interface ScreenInput {
  path: string;
  pattern: string;
  /** The value as written (a per-year series: every year's value). */
  value: number | number[];
  series: boolean;
  /** Bounds the varied value is kept within (shares 0–1, PUE ≥ 1). */
  min: number;
  max: number;
}

/** A numeric model input the screening leaves alone, and why. */
export interface NotVaried {
  path: string;
  reason: string;
}

/** Scenario sections that are not inputs of a run (they configure sampling, reports and the TUI). */
const NOT_MODEL = /^(horizon|usdRate|seed|runs|uncertainty|correlations|targets|levers|metrics|formulas|overrides|hash|file|name|description)(\.|$)/;

/** Numeric model inputs a scale does not apply to. */
const NOT_SCALED: [RegExp, string][] = [
  [/^construction\.(cancelProbability|deferProbability|deferMonths)$/, 'Monte Carlo only: phase risks are drawn in sampled runs'],
  [/^construction\.costPerRack$/, "already applied as each phase's capex"],
  [/^servers\.perRack$/, "already applied as each site's serversPerRack"],
  [/^datacenters\.\*\.phases\.\*\.start$/, 'a date, not a quantity'],
  [/^energy\.monthlyTemp$/, '°C, not a ratio scale'],
  [/^workloads\.\*\.share$/, 'shares of demand that sum to 1'],
];

const SHARE = /(^|\.)(aiShare|greenShare|movable|maxUtilization|initialAdoption|startOccupancy|startWhenOccupancy|pueFixedShare|profile|discountRate)$/;
const PUE = /(^|\.)pue$/;

/**
The inputs a screening varies, and the numeric model inputs it does not (zeros,
which a scale cannot move, non-finite values, and the kinds in NOT_SCALED).
Ids, names, flags and the sections that configure sampling and reports are not
inputs and appear in neither list.
*/
export function screeningInputs(leaves: Iterable<ScreenLeaf>): { inputs: ScreenInput[]; notVaried: NotVaried[] } {
  const inputs: ScreenInput[] = [];
  const notVaried: NotVaried[] = [];
  for (const leaf of leaves) {
    if (NOT_MODEL.test(leaf.path)) continue;
    const v = leaf.value;
    const numeric = typeof v === 'number' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number'));
    if (!numeric) continue;
    const xs = typeof v === 'number' ? [v] : (v);
    const rule = NOT_SCALED.find(([re]) => re.test(leaf.pattern));
    if (rule) notVaried.push({ path: leaf.path, reason: rule[1] });
    else if (Array.isArray(v) && !leaf.series) notVaried.push({ path: leaf.path, reason: 'a list of values, not a quantity' });
    else if (xs.some((x) => !Number.isFinite(x))) notVaried.push({ path: leaf.path, reason: 'not finite: unbounded' });
    else if (xs.every((x) => x === 0)) notVaried.push({ path: leaf.path, reason: '0, which a scale cannot move' });
    else {
      const share = SHARE.test(leaf.pattern);
      const pue = PUE.test(leaf.pattern);
      inputs.push({
        path: leaf.path,
        pattern: leaf.pattern,
        value: typeof v === 'number' ? v : xs.slice(),
        series: leaf.series,
        min: pue ? 1 : share ? 0 : -Infinity,
        max: share ? 1 : Infinity,
      });
    }
  }
  return { inputs, notVaried };
}

/** The scenario with `input` multiplied by `factor` (kept within its bounds), copy-on-write. */
export function scaleInput(scenario: Scenario, input: ScreenInput, factor: number): Scenario {
  const clamp = (x: number): number => Math.min(input.max, Math.max(input.min, x));
  const param = /^parameters\.([^.]+)$/.exec(input.path);
  if (param) return withParameters(scenario, { ...scenario.parameters, [param[1]!]: clamp((input.value as number) * factor) });
  if (typeof input.value === 'number') {
    const v = clamp(input.value * factor);
    return applyAt(scenario, input.path, () => v);
  }
  const xs = input.value;
  return applyAt(scenario, input.path, (_, i) => clamp(xs[i]! * factor));
}

/** Sum of the input's values at `factor` over the sum as written: its actual relative level after clamping. */
function effectiveFactor(input: ScreenInput, factor: number): number {
  const xs = typeof input.value === 'number' ? [input.value] : input.value;
  let a = 0;
  let b = 0;
  for (const x of xs) {
    a += Math.min(input.max, Math.max(input.min, x * factor));
    b += x;
  }
  return b === 0 ? factor : a / b;
}

export interface ScreenRow {
  path: string;
  series: boolean;
  /** The input as written (a series: every year's value). */
  value: number | number[];
  /** The input's actual relative levels at the low and high step (1 ∓ δ unless a bound stopped it). */
  lowFactor: number;
  highFactor: number;
  /** The metric at the low and high step. */
  low: number;
  high: number;
  /** high − low. */
  swing: number;
  /** (swing / central) / (highFactor − lowFactor); NaN when the central value is 0 or the input could not move. */
  elasticity: number;
  /** Morris μ*, μ and σ of the elementary effects (elasticity units), when asked for. */
  morris?: { muStar: number; mu: number; sigma: number; effects: number };
  /** Set when a run failed (the engine threw); the numbers are then NaN. */
  error?: string;
}

export interface ScreenOptions {
  /** Relative step δ (0 < δ < 1). @default 0.1 */
  delta?: number;
  /** Morris trajectories (0 = none). @default 0 */
  morris?: number;
  /** Seed of the Morris trajectories. @default 1 */
  seed?: number;
}

export interface Screening {
  metric: string;
  year: number;
  delta: number;
  /** The metric in the central case. */
  base: number;
  /** Ranked by |swing| (ties in input order, NaN last). */
  rows: ScreenRow[];
  /** Morris trajectories run (0 when not asked for). */
  morris: number;
  /** Simulations run. */
  simulations: number;
}

/**
Screen `inputs` (from `screeningInputs`) for `metric` in `year`: one-at-a-time
steps of ±δ, and Morris elementary effects when `opts.morris` > 0.
*/
export function screen(scenario: Scenario, inputs: readonly ScreenInput[], metric: string, year: number, opts: ScreenOptions = {}): Screening {
  const delta = opts.delta ?? 0.1;
  if (!(delta > 0 && delta < 1)) throw new RangeError(`delta must lie strictly between 0 and 1, got ${delta}`);
  let simulations = 0;
  // each run read in `year` only: it stops there (simulate's through; the same bits for that year)
  const at = (s: Scenario): number => {
    simulations++;
    return valueAt(simulate(s, { through: year - s.horizon.start }), metric, year);
  };
  const base = at(scenario);
  const rows = inputs.map((input): ScreenRow => {
    const lowFactor = effectiveFactor(input, 1 - delta);
    const highFactor = effectiveFactor(input, 1 + delta);
    const row: ScreenRow = { path: input.path, series: input.series, value: input.value, lowFactor, highFactor, low: NaN, high: NaN, swing: NaN, elasticity: NaN };
    try {
      row.low = at(scaleInput(scenario, input, 1 - delta));
      row.high = at(scaleInput(scenario, input, 1 + delta));
    } catch (err) {
      row.error = err instanceof Error ? err.message : String(err);
      return row;
    }
    // differences within 1e-10 of the values are floating-point noise (a sum taken in another order), not an effect
    const tol = 1e-10 * Math.max(Math.abs(base), Math.abs(row.low), Math.abs(row.high));
    if (Math.abs(row.low - base) <= tol) row.low = base;
    if (Math.abs(row.high - base) <= tol) row.high = base;
    row.swing = row.high - row.low;
    const moved = highFactor - lowFactor;
    row.elasticity = base !== 0 && moved > 0 ? row.swing / base / moved : NaN;
    return row;
  });
  const trajectories = Math.max(0, Math.floor(opts.morris ?? 0));
  if (trajectories > 0 && inputs.length > 0) {
    const stats = morrisEffects(scenario, inputs, base, delta, trajectories, opts.seed ?? 1, (s) => at(s));
    rows.forEach((r, i) => (r.morris = stats[i]!));
  }
  return { metric, year, delta, base, rows: rankRows(rows), morris: trajectories, simulations };
}

/** Rows by |swing| descending; NaN last; ties keep input order. */
function rankRows(rows: ScreenRow[]): ScreenRow[] {
  const k = (r: ScreenRow): number => (Number.isNaN(r.swing) ? -1 : Math.abs(r.swing));
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => k(b.r) - k(a.r) || a.i - b.i)
    .map((x) => x.r);
}

/** Grid levels per input and the step between two points of a trajectory (Morris' p = 4, Δ = p / (2(p − 1))). */
const LEVELS = 4;
const JUMP = LEVELS / (2 * (LEVELS - 1));

function morrisEffects(
  scenario: Scenario,
  inputs: readonly ScreenInput[],
  base: number,
  delta: number,
  trajectories: number,
  seed: number,
  at: (s: Scenario) => number,
): { muStar: number; mu: number; sigma: number; effects: number }[] {
  const k = inputs.length;
  const effects = inputs.map(() => [] as number[]);
  const scale = Math.abs(base) > 0 ? Math.abs(base) : 1;
  /** Grid position x ∈ [0, 1] → the input's factor in [1 − δ, 1 + δ]. */
  const factorAt = (x: number): number => 1 - delta + 2 * delta * x;
  for (let t = 0; t < trajectories; t++) {
    const rng = stream(seed, `morris:${t}`, 0);
    // start on the lower part of the grid so that the +Δ step stays inside it; the direction is random
    const x = inputs.map(() => Math.floor(rng.next() * (LEVELS / 2)) / (LEVELS - 1));
    const up = inputs.map(() => rng.next() < 0.5);
    for (let i = 0; i < k; i++) if (!up[i]) x[i] = x[i]! + JUMP; // start high, step down
    // random order (Fisher–Yates)
    const order = inputs.map((_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let s = scenario;
    for (let i = 0; i < k; i++) s = scaleInput(s, inputs[i]!, factorAt(x[i]!));
    let y = safe(at, s);
    for (const i of order) {
      const before = effectiveFactor(inputs[i]!, factorAt(x[i]!));
      x[i] = up[i] ? x[i]! + JUMP : x[i]! - JUMP;
      s = scaleInput(s, inputs[i]!, factorAt(x[i]));
      const after = effectiveFactor(inputs[i]!, factorAt(x[i]));
      const y2 = safe(at, s);
      const moved = after - before;
      if (moved !== 0 && Number.isFinite(y) && Number.isFinite(y2)) effects[i]!.push((y2 - y) / scale / moved);
      y = y2;
    }
  }
  return effects.map((e) => {
    const n = e.length;
    if (n === 0) return { muStar: NaN, mu: NaN, sigma: NaN, effects: 0 };
    let sum = 0;
    let abs = 0;
    for (const v of e) {
      sum += v;
      abs += Math.abs(v);
    }
    const mu = sum / n;
    let ss = 0;
    for (const v of e) ss += (v - mu) ** 2;
    return { muStar: abs / n, mu, sigma: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN, effects: n };
  });
}

function safe(at: (s: Scenario) => number, s: Scenario): number {
  try {
    return at(s);
  } catch {
    return NaN;
  }
}

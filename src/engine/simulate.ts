/**
The monthly time loop: one run of a resolved Scenario (docs/model.md).

`simulate` prepares the run's state (src/engine/state.ts), then steps month by
month through the step modules of src/engine/steps — fund and build, the
year's choice shares (each January), demand and placement, servers, energy and
carbon, money — and records each December. The loop allocates nothing and
touches no mathjs: every series is already a number per year. With
`detail: true` (the central run the CLI and TUI show) a recorder also keeps
dated events and per-site / per-hub breakdowns; Monte Carlo runs skip that.
With a `schedule` the run changes course mid-way (src/engine/fork.ts): at the
start of each scheduled month it continues from its state under another
scenario; without one the loop pays one comparison per month.
*/
import type { DerivedMetric, Scenario } from '../scenario/types.js';
import { METRIC_NAMES } from '../scenario/metric-names.js';
import { horizonYears, meetsTarget, metricNames, type RunResult, type SimEvent } from './results.js';
import { prepare, recycle, type SimState } from './state.js';
import { fundAndBuild, startBeforeHorizon } from './steps/build.js';
import { chooseShares } from './steps/choice.js';
import { energyAndCarbon } from './steps/energy.js';
import { money } from './steps/money.js';
import { place } from './steps/placement.js';
import { detailRecorder, fmtCount, NO_DETAIL, writeYear } from './steps/record.js';
import { fitServers } from './steps/servers.js';
import { checkSchedule, switchScenario, type Schedule } from './fork.js';

export interface SimulateOptions {
  /** Record events and per-DC / per-hub breakdowns (central run). */
  detail?: boolean;
  /** Write the yearly values here (length metrics × years) instead of a new array. */
  out?: Float64Array;
  /**
  Write the monthly profile here: one row of MONTHLY_FIELDS per month (row-major,
  length months × MONTHLY_FIELDS.length), for `--monthly`.
  */
  monthly?: Float64Array;
  /** Called after each month's steps with the run's state (tests check the model's laws month by month). */
  probe?: (s: Readonly<SimState>, month: number) => void;
  /**
  Change course mid-run (src/engine/fork.ts, docs/fork.md): from each entry's
  month on (ascending), the run continues from its state under the entry's
  scenario. Entries at month 0 replace the scenario the run starts from.
  */
  schedule?: Schedule;
  /**
  Stop after the December of this year index (0 = the horizon's first year): a
  caller that reads no later year (a calibration's misfit, a goal's target
  year) need not simulate it. The loop is causal — month m reads only months
  before it — so the years it does write are the same bits as a full run's;
  the later years' values are NaN. Not with `detail` (its events and breakdowns
  cover the whole horizon).
  */
  through?: number;
}

/**
The monthly profile's columns (docs/results.md): load, energy and carbon month
by month. `gridCapacityMW` is NaN where the scenario does not limit the
connection; `aiUtilization` NaN where it gives no AI demand path.
*/
export const MONTHLY_FIELDS = [
  'itMW', 'facilityMW', 'peakMW', 'gridCapacityMW', 'pue', 'energyMWh', 'carbonT', 'carbonMarketT', 'gridFactorKgPerKWh', 'aiUtilization',
] as const;
export type MonthlyField = (typeof MONTHLY_FIELDS)[number];
const MF = MONTHLY_FIELDS.length;

const MONTH_NAMES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

/** "2024-03" for a month index. */
export function monthLabel(startYear: number, month: number): string {
  return `${startYear + Math.floor(month / 12)}-${MONTH_NAMES[month % 12]}`;
}

export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  const years = horizonYears(scenario);
  const names = metricNames(scenario);
  const out = options.out ?? new Float64Array(names.length * years.length);
  // a schedule's entries at month 0 are the scenario the run starts from; the others switch it mid-run
  const schedule = options.schedule;
  let first = scenario;
  let next = 0;
  if (schedule) {
    checkSchedule(scenario, schedule);
    while (next < schedule.length && schedule[next]!.month === 0) first = schedule[next++]!.scenario;
  }
  let switchAt = schedule && next < schedule.length ? schedule[next]!.month : -1;
  const Y = years.length;
  // the last year simulated: `through` within the horizon (a year before it still simulates the first)
  const want = options.through === undefined ? Y - 1 : Math.floor(options.through);
  const last = Number.isNaN(want) ? Y - 1 : Math.max(0, Math.min(Y - 1, want));
  if (last < Y - 1 && options.detail === true) throw new RangeError('simulate: `through` cannot be used with `detail`');
  const s = prepare(first);
  const months = Math.min(s.M, (last + 1) * 12);
  const detail = options.detail === true ? detailRecorder(s) : undefined;
  const rec = detail ?? NO_DETAIL;
  startBeforeHorizon(s, rec);

  for (let m = 0; m < months; m++) {
    const y = (m / 12) | 0;
    while (m === switchAt) {
      switchScenario(s, schedule![next]!.scenario, m);
      next++;
      switchAt = next < schedule!.length ? schedule![next]!.month : -1;
    }
    if (m % 12 === 0) {
      s.yCapex = s.yEnergy = s.yItEnergy = s.yCarbon = s.yCarbonMarket = s.yWater = s.yOpex = s.yRevenue = 0;
      s.ySaved = s.yCarbonSaved = s.yCarbonSavedMarket = s.yPeakKw = s.yPowerSubsidy = s.yAiUtil = 0;
      s.yearLimit = 'none';
      chooseShares(s, y);
    }
    fundAndBuild(s, m, rec);
    place(s, m, y, rec);
    fitServers(s, m, y);
    energyAndCarbon(s, m, y);
    money(s, m, y);
    rec.endOfMonth(s, m, y);
    if (options.monthly) writeMonth(s, m, options.monthly);
    options.probe?.(s, m);
    if (m % 12 === 11) {
      writeYear(s, y, out);
      rec.endOfYear(s, y);
    }
  }

  // the years not simulated
  if (last < Y - 1) for (let k = 0; k < names.length; k++) out.fill(NaN, k * Y + last + 1, (k + 1) * Y);

  // ---- derived metrics (formulas over built-ins), after the loop ----
  if (scenario.metrics.length > 0) {
    // the row holds only what the formulas read (filling all ~60 metrics of every year cost ~3 % of a run)
    const read = readByDerived(scenario, names);
    const row: Record<string, number> = {};
    for (let y = 0; y <= last; y++) {
      for (const k of read) row[names[k]!] = out[k * Y + y]!;
      for (let d = 0; d < scenario.metrics.length; d++) {
        const k = METRIC_NAMES.length + d;
        const v = scenario.metrics[d]!.evaluate(row);
        out[k * Y + y] = Number.isFinite(v) ? v : NaN;
        row[names[k]!] = out[k * Y + y]!;
      }
    }
  }

  const result: RunResult = { years, metrics: names, values: out };
  if (detail) {
    targetEvents(scenario, result, detail.events, detail.metAt);
    detail.events.sort((a, b) => a.month - b.month);
    result.detail = detail.detail(s.paybackYear);
  } else if (!options.probe) {
    // nothing kept the state (a detail recorder or a probe might have): the next run may take its arrays
    recycle(s);
  }
  return result;
}

/** Indices (in `names`) of the built-in metrics some derived metric reads, cached per scenario's metric list. */
const derivedInputs = new WeakMap<readonly DerivedMetric[], number[]>();
function readByDerived(scenario: Scenario, names: readonly string[]): number[] {
  let read = derivedInputs.get(scenario.metrics);
  if (!read) {
    const wanted = new Set(scenario.metrics.flatMap((m) => m.inputs));
    read = [];
    for (let k = 0; k < METRIC_NAMES.length; k++) if (wanted.has(names[k]!)) read.push(k);
    derivedInputs.set(scenario.metrics, read);
  }
  return read;
}

/** Month m's profile row (MONTHLY_FIELDS order). */
function writeMonth(s: SimState, m: number, out: Float64Array): void {
  const o = m * MF;
  const grid = s.gridKw[m]!;
  out[o] = s.itKw / 1000;
  out[o + 1] = s.facilityKw / 1000;
  out[o + 2] = s.peakKw / 1000;
  out[o + 3] = grid < Infinity ? grid / 1000 : NaN;
  out[o + 4] = s.itKw > 0 ? s.facilityKw / s.itKw : s.pueMonth;
  out[o + 5] = s.monthKwh / 1000;
  out[o + 6] = s.monthCarbon / 1000;
  out[o + 7] = s.monthCarbonMarket / 1000;
  out[o + 8] = s.gridFactorMonth;
  out[o + 9] = s.aiDemandGiven ? s.aiUtil : NaN;
}

/** Target met / missed events, dated at the end of the target's year. */
function targetEvents(scenario: Scenario, result: RunResult, events: SimEvent[], metAt: Map<string, number>): void {
  const Y = result.years.length;
  for (const t of scenario.targets) {
    if (metAt.has(t.id) && metAt.get(t.id)! <= (t.year - result.years[0]!) * 12 + 11) continue; // said in the month it was met
    const k = result.metrics.indexOf(t.metric);
    const y = t.year - result.years[0]!;
    if (k < 0 || y < 0 || y >= Y) continue;
    const v = result.values[k * Y + y]!;
    const met = meetsTarget(t, v);
    // first year the target value was reached, if earlier
    let first = -1;
    for (let i = 0; i <= y; i++) {
      const w = result.values[k * Y + i]!;
      if (meetsTarget(t, w)) {
        first = i;
        break;
      }
    }
    // a floor ("at least") is dated when first reached; a ceiling at the target year
    const month = (met && first >= 0 && t.atLeast !== undefined ? first : y) * 12 + 11;
    events.push({
      month,
      year: result.years[0]! + Math.floor(month / 12),
      kind: met ? 'target-met' : 'target-missed',
      text: met ? `target met: ${t.label}` : `target missed: ${t.label} (${fmtCount(v)} in ${t.year})`,
      params: { id: t.id, label: t.label, ...(t.labelZh !== undefined ? { labelZh: t.labelZh } : {}), ...(met ? {} : { value: v, targetYear: t.year }) },
    });
  }
}

/**
What a simulation returns. A run's yearly metrics sit in one Float64Array,
metric-major (`values[k * years.length + y]`), so thousands of Monte Carlo runs
stay compact and cross worker threads without copying.
*/
import { METRIC_NAMES } from '../scenario/metric-names.js';
import type { Scenario, Target, WorkloadClass } from '../scenario/types.js';

export type EventKind =
  | 'phase-start'
  | 'phase-live'
  | 'dc-complete'
  | 'budget-wait'
  | 'budget-resume'
  | 'network-full'
  | 'grid-full'
  | 'substation'
  | 'export-control'
  | 'subsidy'
  | 'racks-full'
  | 'target-met'
  | 'target-missed';

export interface SimEvent {
  /** Months from the horizon's first January. */
  month: number;
  year: number;
  kind: EventKind;
  /** One line in plain English words, without the date (src/report/events.ts renders it in either language from the fields below). */
  text: string;
  /** For phase-live / dc-complete: the data center's id and name, the phase id and the racks added; for racks-full: the racks live. */
  dcId?: string;
  dcName?: string;
  /** The data center's Chinese name, where the scenario gives one. */
  dcNameZh?: string;
  phaseId?: string;
  racks?: number;
  /** The event's other figures and names, in base units, so that a report can say it in any language. */
  params?: EventParams;
}

/**
What an event says besides its kind and site, by kind: budget-wait `count`
(phases waiting); network-full `tbps`; grid-full and substation `mw`;
substation, export-control, subsidy and targets `id`; export-control
`availability` and `priceFactor`; subsidy `share` and `domesticOnly`; targets
`label` (and `labelZh`), target-met `late` (reached after its year),
target-missed `value` (the metric's value in `targetYear`).
*/
export interface EventParams {
  id?: string;
  count?: number;
  tbps?: number;
  mw?: number;
  availability?: number;
  priceFactor?: number;
  share?: number;
  domesticOnly?: boolean;
  label?: string;
  labelZh?: string;
  late?: boolean;
  value?: number;
  targetYear?: number;
}

/** Yearly figures of one data center (central run only). */
export interface DcYears {
  id: string;
  name: string;
  /** The Chinese name, where the scenario gives one (src/report/names.ts `localName`). */
  nameZh?: string;
  assumed: boolean;
  plannedRacks: number;
  phases: number;
  liveRacks: number[];
  buildingRacks: number[];
  phasesLive: number[];
  serverCapacity: number[];
  occupiedRacks: number[];
  pue: number;
}

/** Yearly flows of one eastern hub's migrating work (central run only). */
export interface HubYears {
  id: string;
  name: string;
  nameZh?: string;
  latencyMs: number;
  demand: number[];
  migrating: number[];
  guian: number[];
  elsewhere: number[];
  stayEast: number[];
  /** Racks going to each competitor cluster, by competitor id. */
  competitors: Record<string, number[]>;
  /** By workload class id: the class's demand in this hub and what of it Gui'an serves. */
  classes: Record<string, { name: string; nameZh?: string; demand: number[]; guian: number[] }>;
}

/**
What bound Gui'an's growth in a year (docs/model.md §11.4): the grid connection,
the network east, racks (then money when phases waited for funds, else
construction while halls are being built or wait to start, else capacity: every
planned hall built and full), or nothing — demand.
*/
export type BindingLimit = 'grid' | 'network' | 'money' | 'construction' | 'capacity' | 'demand';

/** Yearly figures of one national cluster (central run only); Gui'an first, modelled site by site. */
export interface ClusterYears {
  id: string;
  name: string;
  nameZh?: string;
  /** DC power price in the cluster, CNY/kWh, per year (absent in results recorded before it was). */
  price?: number[];
  /** Racks built, all tenants (NaN where the scenario does not give them). */
  racks: number[];
  /** Occupied racks: local tenants and eastern work. */
  occupied: number[];
  /** occupied / racks (NaN where racks are not given). */
  utilization: number[];
  /** Eastern work held, standard racks. */
  eastern: number[];
  /** Share of all eastern work placed away from its hub (in any cluster) that this cluster holds. */
  eastShare: number[];
  /** What bound the cluster's intake of eastern work that year. */
  limit: (BindingLimit | 'racks' | 'none')[];
}

export interface RunDetail {
  events: SimEvent[];
  datacenters: DcYears[];
  hubs: HubYears[];
  /** First calendar year the cumulative cash flow turns non-negative, or null. */
  paybackYear: number | null;
  /** What capped Gui'an's intake in each year: none, racks, network or grid. */
  transferLimit: ('none' | 'racks' | 'network' | 'grid')[];
  /** What bound Gui'an's growth each year. */
  bindingLimit: BindingLimit[];
  /** Gui'an and the other national clusters, per year. */
  clusters: ClusterYears[];
  /** Why work moves west, per year: the inputs the narration explains with (absent in results recorded before it was). */
  why?: WhyYears;
}

/**
The inputs behind the move west that the yearly metrics do not carry: the
power-price gap, the eastern PUE and Gui'an's climate, and which workload
classes can reach Gui'an within their latency tolerance. Gui'an's own PUE,
its occupancy and the carbon saved are metrics (`pue`, `rackUtilization`,
`carbonSavedKt`).
*/
export interface WhyYears {
  /** Gui'an's DC power price, CNY/kWh, per year. */
  guianPrice: number[];
  /** The eastern hubs' DC power price, weighted by their demand, CNY/kWh, per year. */
  eastPrice: number[];
  /** The eastern hubs' PUE (the capacity that would otherwise host the work), weighted by their demand, per year. */
  eastPue: number[];
  /** Gui'an's mean temperature over the year, °C. */
  meanTemp: number;
  /** Every workload class, and the hubs from which it can reach Gui'an. */
  classes: WhyClass[];
}

/** A workload class as the narration needs it: the scenario's class, and the hubs from which it can reach Gui'an. */
export interface WhyClass extends Pick<WorkloadClass, 'id' | 'name' | 'nameZh' | 'share' | 'latencyTolerance' | 'movable'> {
  /** Ids of the hubs within the class's latency tolerance of Gui'an (where it is movable at all). */
  reaches: string[];
}

export interface RunResult {
  years: number[];
  /** Metric names, in the order of `values` (built-ins then the scenario's derived metrics). */
  metrics: readonly string[];
  values: Float64Array;
  detail?: RunDetail;
}

/** Built-in metrics followed by the scenario's derived metrics. */
export function metricNames(scenario: Scenario): string[] {
  return [...METRIC_NAMES, ...scenario.metrics.map((m) => m.id)];
}

export function horizonYears(scenario: Scenario): number[] {
  const out: number[] = [];
  for (let y = scenario.horizon.start; y <= scenario.horizon.end; y++) out.push(y);
  return out;
}

/** One metric's yearly values from a run. */
export function series(result: RunResult, metric: string): number[] {
  const k = result.metrics.indexOf(metric);
  if (k < 0) throw new Error(`unknown metric ${metric}`);
  const n = result.years.length;
  return Array.from(result.values.subarray(k * n, (k + 1) * n));
}

export function valueAt(result: RunResult, metric: string, year: number): number {
  const k = result.metrics.indexOf(metric);
  const y = year - (result.years[0] ?? 0);
  return result.values[k * result.years.length + y] ?? NaN;
}

/** Whether a value meets a target's floor and/or ceiling. */
export function meetsTarget(t: Pick<Target, 'atLeast' | 'atMost'>, v: number): boolean {
  return (t.atLeast === undefined || v >= t.atLeast) && (t.atMost === undefined || v <= t.atMost);
}

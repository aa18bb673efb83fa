/**
What a simulation returns. A run's yearly metrics sit in one Float64Array,
metric-major (`values[k * years.length + y]`), so thousands of Monte Carlo runs
stay compact and cross worker threads without copying.
*/
import { METRIC_NAMES } from '../scenario/metric-names.js';
import type { Scenario, Target } from '../scenario/types.js';

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
  /** One line in plain words, without the date. */
  text: string;
  /** For phase-live / dc-complete: the data center's id and name, the phase id and the racks added; for racks-full: the racks live. */
  dcId?: string;
  dcName?: string;
  phaseId?: string;
  racks?: number;
}

/** Yearly figures of one data center (central run only). */
export interface DcYears {
  id: string;
  name: string;
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
  latencyMs: number;
  demand: number[];
  migrating: number[];
  guian: number[];
  elsewhere: number[];
  stayEast: number[];
  /** Racks going to each competitor cluster, by competitor id. */
  competitors: Record<string, number[]>;
  /** By workload class id: the class's demand in this hub and what of it Gui'an serves. */
  classes: Record<string, { name: string; demand: number[]; guian: number[] }>;
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

/**
The JSON result of `dcplan run --format json` (documented in docs/results.md).

A central run (runs = 1):

  { scenario: {name, file, hash}, overrides, seed, runs: 1, statistic: "central case",
    years: [{year, <metric>: number, …}], targets, paybackYear, datacenters, hubs, bindingLimit, clusters, events? }

Monte Carlo (runs > 1): every number at the top level is a statistic over the
runs — `years[i].<metric>` is the median and equals `years[i].bands.<metric>.p50`,
targets carry the median's verdict and the probability — and the central run's
own values and breakdowns sit under `central`, in the shape of a runs-1 result,
so nothing mixes medians with one run's breakdowns:

  { scenario, overrides, seed, runs, statistic: "median",
    years: [{year, <metric>, …, bands: {<metric>: {p5, p25, p50, p75, p95, mean, sd}}}], targets,
    central: {years, targets, paybackYear, datacenters, hubs, bindingLimit, clusters, events?} }

`bindingLimit[i]` is what bound Gui'an's growth in `years[i]` ('grid', 'network',
'money', 'construction' or 'demand'); `clusters` is src/report/clusters.ts's
`[{id, name, years: [{year, racks, occupied, utilization, eastern, eastShare, limit}]}]`.

Numbers are rounded to 12 significant digits; key order is fixed, so output is byte-stable.
*/
import type { MonteCarloResult, TargetOutcome } from '../engine/montecarlo.js';
import type { RunResult } from '../engine/results.js';
import { monthLabel } from '../engine/simulate.js';
import { roundForOutput as r } from './format.js';
import type { ObservationCheck } from '../engine/observe.js';
import type { ObservationSet } from '../scenario/types.js';
import { observationsJson } from './observations.js';
import { clustersJson } from './clusters.js';

export interface JsonOptions {
  events?: boolean;
  /** Reported figures beside the model (`--observed FILE`): an `observations` block at the end. */
  observed?: { set: ObservationSet; checks: readonly ObservationCheck[] };
}

/** "median" under Monte Carlo, else "central case": what the top-level numbers are. */
export function statisticOf(mc: MonteCarloResult): 'median' | 'central case' {
  return mc.bands ? 'median' : 'central case';
}

const targetsJson = (ts: TargetOutcome[]): unknown[] => ts.map((t) => ({ ...t, value: r(t.value) }));

function centralYears(run: RunResult): Record<string, unknown>[] {
  const Y = run.years.length;
  return run.years.map((year, y) => {
    const row: Record<string, unknown> = { year };
    run.metrics.forEach((m, k) => (row[m] = r(run.values[k * Y + y]!)));
    return row;
  });
}

/**
The central run's breakdowns (per data center, per hub, what bound Gui'an's
growth each year, per national cluster), its payback and, if asked, its events.
*/
function breakdowns(mc: MonteCarloResult, opts: JsonOptions): Record<string, unknown> {
  const d = mc.central.detail;
  const out: Record<string, unknown> = {
    paybackYear: d?.paybackYear ?? null,
    datacenters: (d?.datacenters ?? []).map((dc) => ({
      id: dc.id, name: dc.name, assumed: dc.assumed, plannedRacks: r(dc.plannedRacks), phases: dc.phases, pue: dc.pue,
      liveRacks: dc.liveRacks.map(r), phasesLive: dc.phasesLive, serverCapacity: dc.serverCapacity.map(r), occupiedRacks: dc.occupiedRacks.map(r),
    })),
    hubs: (d?.hubs ?? []).map((h) => ({
      id: h.id, name: h.name, latencyMs: h.latencyMs, demand: h.demand.map(r), migrating: h.migrating.map(r), guian: h.guian.map(r),
      elsewhere: h.elsewhere.map(r), stayEast: h.stayEast.map(r),
      competitors: Object.fromEntries(Object.entries(h.competitors).map(([id, v]) => [id, v.map(r)])),
    })),
    bindingLimit: d?.bindingLimit ?? [],
    clusters: clustersJson(mc.central),
  };
  if (opts.events) out.events = (d?.events ?? []).map((e) => ({ date: monthLabel(mc.scenario.horizon.start, e.month), kind: e.kind, text: e.text }));
  return out;
}

export function resultObject(mc: MonteCarloResult, opts: JsonOptions = {}): Record<string, unknown> {
  const { scenario, central } = mc;
  const head: Record<string, unknown> = {
    scenario: { name: scenario.name, file: scenario.file, hash: scenario.hash },
    overrides: scenario.overrides,
    seed: mc.seed,
    runs: mc.runs,
    statistic: statisticOf(mc),
  };
  const bands = mc.bands;
  const observed = opts.observed ? { observations: observationsJson(opts.observed.set, opts.observed.checks) } : {};
  if (!bands) return { ...head, years: centralYears(central), targets: targetsJson(mc.targets), ...breakdowns(mc, opts), ...observed };
  const Y = central.years.length;
  const years = central.years.map((year, y) => {
    const row: Record<string, unknown> = { year };
    central.metrics.forEach((m, k) => (row[m] = r(bands[k * Y + y]!.p50)));
    const b: Record<string, unknown> = {};
    central.metrics.forEach((m, k) => {
      const x = bands[k * Y + y]!;
      b[m] = { p5: r(x.p5), p25: r(x.p25), p50: r(x.p50), p75: r(x.p75), p95: r(x.p95), mean: r(x.mean), sd: r(x.sd) };
    });
    row.bands = b;
    return row;
  });
  return {
    ...head,
    years,
    targets: targetsJson(mc.targets),
    central: { years: centralYears(central), targets: targetsJson(mc.centralTargets), ...breakdowns(mc, opts) },
    ...observed,
  };
}

export function toJson(mc: MonteCarloResult, opts: JsonOptions = {}): string {
  return JSON.stringify(resultObject(mc, opts), null, 2) + '\n';
}

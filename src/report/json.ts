/**
The JSON result of `dcplan run --format json` (DESIGN §5):

  { scenario: {name, file, hash}, seed, runs, years: [{year, <metric>: number, …, bands?}], targets: [...],
    paybackYear, datacenters: [...], hubs: [...], events?: [...] }

With runs > 1 each metric is the median across runs and `bands.<metric>` holds
{p5, p25, p50, p75, p95, mean, sd}; each target carries its probability.
Breakdowns and events come from the central run. Numbers are rounded to 12
significant digits; key order is fixed, so output is byte-stable.
*/
import type { MonteCarloResult } from '../engine/montecarlo.js';
import { monthLabel } from '../engine/simulate.js';
import { roundForOutput as r } from './format.js';

export interface JsonOptions {
  events?: boolean;
}

export function resultObject(mc: MonteCarloResult, opts: JsonOptions = {}): Record<string, unknown> {
  const { scenario, central } = mc;
  const Y = central.years.length;
  const years = central.years.map((year, y) => {
    const row: Record<string, unknown> = { year };
    central.metrics.forEach((m, k) => {
      row[m] = r(mc.bands ? mc.bands[k * Y + y]!.p50 : central.values[k * Y + y]!);
    });
    if (mc.bands) {
      const bands: Record<string, unknown> = {};
      central.metrics.forEach((m, k) => {
        const b = mc.bands![k * Y + y]!;
        bands[m] = { p5: r(b.p5), p25: r(b.p25), p50: r(b.p50), p75: r(b.p75), p95: r(b.p95), mean: r(b.mean), sd: r(b.sd) };
      });
      row.bands = bands;
    }
    return row;
  });
  const d = central.detail;
  const out: Record<string, unknown> = {
    scenario: { name: scenario.name, file: scenario.file, hash: scenario.hash },
    seed: mc.seed,
    runs: mc.runs,
    years,
    targets: mc.targets.map((t) => ({ ...t, value: r(t.value) })),
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
  };
  if (opts.events) out.events = (d?.events ?? []).map((e) => ({ date: monthLabel(scenario.horizon.start, e.month), kind: e.kind, text: e.text }));
  return out;
}

export function toJson(mc: MonteCarloResult, opts: JsonOptions = {}): string {
  return JSON.stringify(resultObject(mc, opts), null, 2) + '\n';
}

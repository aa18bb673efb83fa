/**
The national clusters in JSON and CSV (src/report/clusters.ts, src/report/json.ts):
the central run's detail, at the top level of a central result and under
`central` of a Monte Carlo one, and one CSV row per year and cluster.
*/
import { describe, expect, it } from 'vitest';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import type { ClusterYears, RunDetail } from '../../src/engine/results.js';
import { CLUSTER_COLUMNS, clustersCsv, clustersJson } from '../../src/report/clusters.js';
import { resultObject } from '../../src/report/json.js';
import { roundForOutput } from '../../src/report/format.js';
import { baseScenario, flat, N, START } from '../engine/builder.js';

interface ClusterJson {
  id: string;
  name: string;
  years: { year: number; racks: number | null; occupied: number | null; utilization: number | null; eastern: number | null; eastShare: number | null; limit: string }[];
}

/** Two competitors: one with racks given (North), one without (South, NaN racks). */
function scenario(): ReturnType<typeof baseScenario> {
  const sc = baseScenario();
  const north = sc.competitors[0]!;
  sc.competitors.push({ ...north, id: 'south', name: 'South', racks: flat(NaN), latency: { east2: 9 } });
  return sc;
}

function expectMatches(json: ClusterJson[], detail: RunDetail): void {
  const fields = ['racks', 'occupied', 'utilization', 'eastern', 'eastShare'] as const;
  expect(json.map((c) => c.id)).toEqual(detail.clusters.map((c) => c.id));
  json.forEach((c, i) => {
    const d: ClusterYears = detail.clusters[i]!;
    expect(c.name).toBe(d.name);
    expect(c.years.map((y) => y.year)).toEqual(Array.from({ length: N }, (_, y) => START + y));
    c.years.forEach((row, y) => {
      for (const f of fields) expect(row[f], `${c.id} ${row.year} ${f}`).toBe(roundForOutput(d[f][y]!));
      expect(row.limit).toBe(d.limit[y]);
    });
  });
}

describe('clusters', () => {
  it('JSON of a central run: bindingLimit and clusters at the top level, equal to the run\'s detail', () => {
    const mc = monteCarlo(scenario(), { runs: 1 });
    const o = resultObject(mc) as { bindingLimit: string[]; clusters: ClusterJson[] };
    const detail = mc.central.detail!;
    expect(Object.keys(o)).toEqual(['scenario', 'overrides', 'seed', 'runs', 'statistic', 'years', 'targets', 'paybackYear', 'datacenters', 'hubs', 'bindingLimit', 'clusters']);
    expect(o.bindingLimit).toEqual(detail.bindingLimit);
    expect(o.bindingLimit).toHaveLength(N);
    for (const l of o.bindingLimit) expect(['grid', 'network', 'money', 'construction', 'capacity', 'demand']).toContain(l);
    expect(o.clusters.map((c) => c.id)).toEqual(['guian', 'north', 'south']);
    expectMatches(o.clusters, detail);
    // racks the scenario does not give are null, never 0
    expect(o.clusters[2]!.years[3]!.racks).toBeNull();
    expect(o.clusters[2]!.years[3]!.utilization).toBeNull();
    expect(o.clusters[1]!.years[3]!.racks).toBe(80_000);
  });

  it('JSON under Monte Carlo: clusters and bindingLimit sit in `central` (the central run), not at the top level', () => {
    const sc = scenario();
    sc.uncertainty = [{ path: 'construction.delayFactor', mode: 'set', dist: { type: 'uniform', min: 1, max: 1.8 } }];
    const mc = monteCarlo(sc, { runs: 20, seed: 4 });
    const o = resultObject(mc) as { central: { bindingLimit: string[]; clusters: ClusterJson[] } } & Record<string, unknown>;
    expect(o).not.toHaveProperty('clusters');
    expect(o).not.toHaveProperty('bindingLimit');
    expect(Object.keys(o.central)).toEqual(['years', 'targets', 'paybackYear', 'datacenters', 'hubs', 'bindingLimit', 'clusters']);
    expect(o.central.bindingLimit).toEqual(mc.central.detail!.bindingLimit);
    expectMatches(o.central.clusters, mc.central.detail!);
    // the central run is the scenario as written, whatever the runs drew
    expect(o.central.clusters).toEqual(clustersJson(monteCarlo(sc, { runs: 1 }).central));
  });

  it('CSV: one row per year and cluster, year-major, after a caption saying it is the central case', () => {
    const sc = scenario();
    sc.overrides = ['investment=60'];
    sc.uncertainty = [{ path: 'construction.delayFactor', mode: 'set', dist: { type: 'uniform', min: 1, max: 1.8 } }];
    const mc = monteCarlo(sc, { runs: 1 });
    const lines = clustersCsv(mc).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^# test · <test> · .*central case/);
    expect(lines[0]).toMatch(/--set investment=60$/);
    expect(lines[1]).toBe('year,cluster,racks,occupied,utilization,eastern,eastShare,limit');
    expect(lines[1]!.split(',')).toEqual([...CLUSTER_COLUMNS]);
    const rows = lines.slice(2).map((l) => l.split(','));
    const clusters = mc.central.detail!.clusters;
    expect(clusters).toHaveLength(3);
    expect(rows).toHaveLength(N * clusters.length);
    rows.forEach((row, i) => {
      const y = Math.floor(i / clusters.length);
      const c = clusters[i % clusters.length]!;
      expect(row).toHaveLength(CLUSTER_COLUMNS.length);
      expect(row[0]).toBe(String(START + y));
      expect(row[1]).toBe(c.id);
      expect(row[2]).toBe(Number.isNaN(c.racks[y]!) ? '' : String(roundForOutput(c.racks[y]!)));
      expect(Number(row[5])).toBe(roundForOutput(c.eastern[y]!));
      expect(row[7]).toBe(c.limit[y]);
    });
    // the shares of eastern work placed in clusters add up to 1 in a year where any is placed
    const y5 = rows.filter((r) => r[0] === String(START + 5)).reduce((s, r) => s + Number(r[6]), 0);
    expect(y5).toBeCloseTo(1, 9);
  });
});

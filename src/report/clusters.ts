/**
The national clusters, year by year (docs/results.md): Gui'an, modelled site by
site, then each competitor cluster of the scenario. These figures, like the
per-site and per-hub breakdowns, exist for the central run only.

`clustersJson`: `[{id, name, years: [{year, racks, occupied, utilization, eastern, eastShare, limit}]}]`
(the JSON's `clusters`, beside `bindingLimit`). `clustersCsv` (`run --clusters
--format csv`): one row per year and cluster,
`year,cluster,racks,occupied,utilization,eastern,eastShare,limit`, after a `#`
caption that says the figures are the central case. NaN (racks a scenario does
not give) is a JSON null and an empty CSV cell; numbers are rounded to 12
significant digits.
*/
import type { MonteCarloResult } from '../engine/montecarlo.js';
import type { RunResult } from '../engine/results.js';
import { overridesText } from './caption.js';
import { roundForOutput as r } from './format.js';

export const CLUSTER_COLUMNS = ['year', 'cluster', 'racks', 'occupied', 'utilization', 'eastern', 'eastShare', 'limit'] as const;

const cell = (v: number): string => {
  const x = r(v);
  return x === null ? '' : String(x);
};

/** The central run's clusters (empty without detail). */
export function clustersJson(run: RunResult): unknown[] {
  const clusters = run.detail?.clusters ?? [];
  return clusters.map((c) => ({
    id: c.id,
    name: c.name,
    years: run.years.map((year, y) => ({
      year,
      racks: r(c.racks[y]!),
      occupied: r(c.occupied[y]!),
      utilization: r(c.utilization[y]!),
      eastern: r(c.eastern[y]!),
      eastShare: r(c.eastShare[y]!),
      limit: c.limit[y] ?? null,
    })),
  }));
}

/** The comment line: the scenario and that these are the central case's figures, whatever the run count. */
export function clustersCaption(mc: MonteCarloResult): string {
  const { scenario } = mc;
  const what = scenario.uncertainty.length > 0 ? 'central case (inputs as written, no sampling)' : 'central case (no uncertainty in the scenario)';
  const sets = scenario.overrides.length > 0 ? ` · ${overridesText(scenario.overrides)}` : '';
  return `# ${scenario.name} · ${scenario.file} · national clusters by year · ${what}; per-cluster figures exist for the central run only${sets}`.replace(/[\r\n]+/g, ' ');
}

export function clustersCsv(mc: MonteCarloResult): string {
  const run = mc.central;
  const clusters = run.detail?.clusters ?? [];
  const lines = [clustersCaption(mc), CLUSTER_COLUMNS.join(',')];
  run.years.forEach((year, y) => {
    for (const c of clusters) {
      lines.push([String(year), c.id, cell(c.racks[y]!), cell(c.occupied[y]!), cell(c.utilization[y]!), cell(c.eastern[y]!), cell(c.eastShare[y]!), c.limit[y] ?? ''].join(','));
    }
  });
  return lines.join('\n') + '\n';
}

/**
What each view lists, in order: the rows ↑/↓ move through. Kept apart from the
components so the store can bound the selection without rendering.
*/
import type { Target } from '../../scenario/types.js';
import type { TuiState, ViewId } from '../model.js';

export interface MetricRow {
  metric: string;
  /** A plan target on this metric (Overview). */
  target?: Target;
}

const OVERVIEW_EXTRA = ['dcOperational', 'serverCapacity', 'rackCapacity', 'rackUtilization', 'transferredRacks', 'itPowerMW', 'pue', 'capexCumCNY', 'npvCNY', 'jobs'];

export const ENERGY_METRICS = ['itPowerMW', 'pue', 'energyGWh', 'carbonKt', 'carbonMarketKt', 'carbonSavedKt', 'waterMm3', 'aiEflops', 'fp64Eflops', 'costSavedCNY'];

export const MONEY_METRICS = ['capexCumCNY', 'budgetCumCNY', 'capexCNY', 'serverCapexCumCNY', 'opexCNY', 'revenueCNY', 'npvCNY', 'costSavedCNY', 'jobs'];

export const COMPARE_METRICS = [
  'dcOperational', 'serverCapacity', 'rackCapacity', 'rackUtilization', 'transferredRacks', 'itPowerMW', 'pue', 'energyGWh',
  'carbonKt', 'capexCumCNY', 'revenueCNY', 'npvCNY', 'costSavedCNY', 'carbonSavedKt', 'networkCapacityTbps', 'jobs',
];

/** Overview: the plan's targets first, then the headline metrics not already targeted. */
export function overviewRows(targets: readonly Target[]): MetricRow[] {
  const rows: MetricRow[] = targets.map((t) => ({ metric: t.metric, target: t }));
  for (const m of OVERVIEW_EXTRA) if (!rows.some((r) => r.metric === m)) rows.push({ metric: m });
  return rows;
}

export function rowCount(s: TuiState, view: ViewId): number {
  const run = s.runs[s.focus];
  if (!run) return 0;
  switch (view) {
    case 'overview':
      return overviewRows(run.scenario.targets).length;
    case 'datacenters':
      return run.central.detail?.datacenters.length ?? 0;
    case 'flows':
      return run.central.detail?.hubs.length ?? 0;
    case 'energy':
      return ENERGY_METRICS.length;
    case 'money':
      return MONEY_METRICS.length;
    case 'compare':
      return COMPARE_METRICS.length;
    case 'national':
      return run.central.detail?.clusters.length ?? 0;
  }
}

/**
The names of the yearly result metrics (docs/results.md). They are part of the scenario
language — `targets:` and `metrics:` formulas refer to them — and the engine
produces exactly these, so the list lives here, upstream of both.

Stocks are at year end, flows are summed over the year, rates are averaged.
*/
/** +1: more is better; −1: less is better; 0: neither (more energy or capex may just mean more work done). */
export type Better = 1 | -1 | 0;

export interface MetricInfo {
  unit: string;
  /** Human label, for every face (table, TUI, compare, narration, report). */
  label: string;
  /** A shorter label where a column is narrow (defaults to `label`). */
  short?: string;
  better: Better;
}

/**
Every metric's unit, label and better direction: the one table that the table,
CSV, compare, sweep, sensitivity, narration and TUI all read.
*/
export const METRICS = {
  dcOperational: { unit: 'count', label: 'Mega DCs operating', better: 1 },
  dcComplete: { unit: 'count', label: 'Mega DCs complete', better: 1 },
  phasesLive: { unit: 'count', label: 'Phases live', better: 1 },
  phasesWaiting: { unit: 'count', label: 'Phases waiting for funds', better: -1 },
  rackCapacity: { unit: 'racks', label: 'Live standard racks', short: 'Live racks', better: 1 },
  rentableRacks: { unit: 'racks', label: 'Racks open to tenants', short: 'Rentable racks', better: 0 },
  plannedRacks: { unit: 'racks', label: 'Planned standard racks (all phases not cancelled)', short: 'Planned racks', better: 0 },
  physicalRacks: { unit: 'racks', label: 'Live physical racks (as site reports count them)', short: 'Physical racks', better: 1 },
  racksUnderConstruction: { unit: 'racks', label: 'Racks under construction', better: 0 },
  serverCapacity: { unit: 'servers', label: 'Server capacity', better: 1 },
  serversInstalled: { unit: 'servers', label: 'Servers installed', better: 1 },
  aiServersInstalled: { unit: 'servers', label: 'AI servers installed', better: 1 },
  aiCards: { unit: 'count', label: 'AI accelerator cards installed', short: 'AI cards', better: 1 },
  occupiedRacks: { unit: 'racks', label: 'Occupied racks', better: 1 },
  rackUtilization: { unit: 'share', label: 'Rack utilization', better: 1 },
  itPowerMW: { unit: 'MW', label: 'IT load', better: 0 },
  peakMW: { unit: 'MW', label: 'Peak facility load (highest month)', short: 'Peak load', better: 0 },
  gridCapacityMW: { unit: 'MW', label: 'Grid connection capacity', short: 'Grid capacity', better: 1 },
  pue: { unit: '', label: 'PUE', better: -1 },
  energyGWh: { unit: 'GWh', label: 'Facility energy', better: 0 },
  carbonKt: { unit: 'kt', label: 'CO2 (location-based)', short: 'CO2', better: -1 },
  carbonMarketKt: { unit: 'kt', label: 'CO2 (market-based)', short: 'CO2 market', better: -1 },
  waterMm3: { unit: 'million m3', label: 'Water', better: -1 },
  fp64Eflops: { unit: 'EFLOPS', label: 'General compute (FP64)', short: 'FP64 compute', better: 1 },
  aiEflops: { unit: 'EFLOPS', label: 'AI compute (FP16 dense)', short: 'AI compute', better: 1 },
  aiDemandEflops: { unit: 'EFLOPS', label: 'AI work sent (FP16 dense)', short: 'AI work', better: 0 },
  aiUtilization: { unit: 'share', label: 'AI capacity doing work (year mean)', short: 'AI utilization', better: 1 },
  domesticCardShare: { unit: 'share', label: 'Domestic share of AI cards', short: 'Domestic cards', better: 0 },
  capexCNY: { unit: 'CNY', label: 'Construction capex in year', short: 'Capex in the year', better: 0 },
  capexCumCNY: { unit: 'CNY', label: 'Construction capex to date', short: 'Capex to date', better: 0 },
  budgetCumCNY: { unit: 'CNY', label: 'Budget released to date', short: 'Budget released', better: 0 },
  serverCapexCumCNY: { unit: 'CNY', label: 'Server capex to date', better: 0 },
  opexCNY: { unit: 'CNY', label: 'Opex', better: 0 },
  powerSubsidyCNY: { unit: 'CNY', label: 'Power-bill subsidy', better: 0 },
  revenueCNY: { unit: 'CNY', label: 'Revenue', better: 1 },
  npvCNY: { unit: 'CNY', label: 'NPV to date', better: 1 },
  eastDemandRacks: { unit: 'racks', label: 'Eastern demand', better: 0 },
  transferableRacks: { unit: 'racks', label: 'Eastern demand migrating', better: 0 },
  transferredRacks: { unit: 'racks', label: "Eastern work served in Gui'an", short: "East work in Gui'an", better: 1 },
  elsewhereRacks: { unit: 'racks', label: 'Eastern work in other western clusters', short: 'East work, other west', better: 0 },
  elsewhereCapacityRacks: { unit: 'racks', label: 'Room in other western clusters', short: 'Other west capacity', better: 0 },
  stayEastRacks: { unit: 'racks', label: 'Migrating work that stays east', short: 'Moving work staying east', better: -1 },
  turnedAwayRacks: { unit: 'racks', label: 'Eastern work turned away by full clusters (part of staying east)', short: 'Turned away', better: -1 },
  nationalRacks: { unit: 'racks', label: "Racks in use nationally (the hubs' demand, Guizhou's, own-use sites and the clusters' own tenants)", short: 'National racks in use', better: 0 },
  clusterRacks: { unit: 'racks', label: "Racks in the national clusters (Gui'an and those with racks given)", short: 'Cluster racks', better: 0 },
  clusterUtilization: { unit: 'share', label: 'Rack utilization of the national clusters', short: 'Cluster utilization', better: 1 },
  clusterGreenShare: { unit: 'share', label: 'Green power share of the national clusters', short: 'Cluster green share', better: 1 },
  guianWestShare: { unit: 'share', label: "Gui'an's share of eastern work placed in clusters", short: "Gui'an share of moved work", better: 1 },
  localDemandRacks: { unit: 'racks', label: 'Guizhou local demand', better: 0 },
  costSavedCNY: { unit: 'CNY', label: 'Cost saved vs east', better: 1 },
  carbonSavedKt: { unit: 'kt', label: 'CO2 saved vs east (location-based)', short: 'CO2 saved vs east', better: 1 },
  carbonSavedMarketKt: { unit: 'kt', label: 'CO2 saved vs east (market-based)', short: 'CO2 saved, market', better: 1 },
  networkTrafficTbps: { unit: 'Tbps', label: 'Network traffic', better: 0 },
  networkCapacityTbps: { unit: 'Tbps', label: 'Network capacity', better: 1 },
  jobs: { unit: 'people', label: 'Direct jobs', better: 1 },
} as const satisfies Record<string, MetricInfo>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/**
Metrics that are stocks, read at year end (the rest are flows summed over the
year, or averages over it): an observation dated within a year reads a stock
between two year ends.
*/
export const STOCK_METRICS: ReadonlySet<string> = new Set<MetricName>([
  'dcOperational', 'dcComplete', 'phasesLive', 'phasesWaiting', 'rackCapacity', 'rentableRacks', 'plannedRacks', 'physicalRacks',
  'racksUnderConstruction', 'serverCapacity', 'serversInstalled', 'aiServersInstalled', 'aiCards', 'occupiedRacks', 'rackUtilization',
  'fp64Eflops', 'aiEflops', 'capexCumCNY', 'budgetCumCNY', 'serverCapexCumCNY', 'npvCNY', 'eastDemandRacks', 'transferableRacks',
  'transferredRacks', 'elsewhereRacks', 'elsewhereCapacityRacks', 'stayEastRacks', 'localDemandRacks', 'networkTrafficTbps',
  'networkCapacityTbps', 'jobs', 'gridCapacityMW', 'domesticCardShare', 'turnedAwayRacks', 'nationalRacks', 'clusterRacks', 'clusterUtilization',
  'clusterGreenShare', 'guianWestShare',
]);

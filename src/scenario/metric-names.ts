/**
The names of the yearly result metrics (DESIGN §5). They are part of the scenario
language — `targets:` and `metrics:` formulas refer to them — and the engine
produces exactly these, so the list lives here, upstream of both.

Stocks are at year end, flows are summed over the year, rates are averaged.
*/
export const METRICS = {
  dcOperational: { unit: 'count', label: 'Mega DCs operating' },
  dcComplete: { unit: 'count', label: 'Mega DCs complete' },
  phasesLive: { unit: 'count', label: 'Phases live' },
  phasesWaiting: { unit: 'count', label: 'Phases waiting for funds' },
  rackCapacity: { unit: 'racks', label: 'Live standard racks' },
  racksUnderConstruction: { unit: 'racks', label: 'Racks under construction' },
  serverCapacity: { unit: 'servers', label: 'Server capacity' },
  serversInstalled: { unit: 'servers', label: 'Servers installed' },
  aiServersInstalled: { unit: 'servers', label: 'AI servers installed' },
  occupiedRacks: { unit: 'racks', label: 'Occupied racks' },
  rackUtilization: { unit: 'share', label: 'Rack utilization' },
  itPowerMW: { unit: 'MW', label: 'IT load' },
  pue: { unit: '', label: 'PUE' },
  energyGWh: { unit: 'GWh', label: 'Facility energy' },
  carbonKt: { unit: 'kt', label: 'CO2' },
  waterMm3: { unit: 'million m3', label: 'Water' },
  computeEflops: { unit: 'EFLOPS', label: 'Compute' },
  capexCNY: { unit: 'CNY', label: 'Construction capex in year' },
  capexCumCNY: { unit: 'CNY', label: 'Construction capex to date' },
  budgetCumCNY: { unit: 'CNY', label: 'Budget released to date' },
  serverCapexCumCNY: { unit: 'CNY', label: 'Server capex to date' },
  opexCNY: { unit: 'CNY', label: 'Opex' },
  revenueCNY: { unit: 'CNY', label: 'Revenue' },
  npvCNY: { unit: 'CNY', label: 'NPV to date' },
  eastDemandRacks: { unit: 'racks', label: 'Eastern demand' },
  transferableRacks: { unit: 'racks', label: 'Eastern demand migrating' },
  transferredRacks: { unit: 'racks', label: "Eastern work served in Gui'an" },
  elsewhereRacks: { unit: 'racks', label: 'Eastern work in other western clusters' },
  stayEastRacks: { unit: 'racks', label: 'Migrating work that stays east' },
  localDemandRacks: { unit: 'racks', label: 'Guizhou local demand' },
  costSavedCNY: { unit: 'CNY', label: 'Cost saved vs east' },
  carbonSavedKt: { unit: 'kt', label: 'CO2 saved vs east' },
  networkTrafficTbps: { unit: 'Tbps', label: 'Network traffic' },
  networkCapacityTbps: { unit: 'Tbps', label: 'Network capacity' },
  jobs: { unit: 'people', label: 'Direct jobs' },
} as const;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

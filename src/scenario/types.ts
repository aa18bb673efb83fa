/**
The resolved Scenario: what `loadScenario` returns and the engine consumes.

Every number is in one base unit per kind of quantity, chosen so that the
engine's arithmetic reads naturally (see docs/scenario-format.md):

| kind            | base unit   | accepted in files                                |
|-----------------|-------------|--------------------------------------------------|
| money           | CNY         | CNY, yuan, RMB, USD (at `usdRate`), thousand/million/billion |
| power           | kW          | W, kW, MW, GW                                    |
| energy          | kWh         | Wh, kWh, MWh, GWh, TWh                           |
| duration        | months      | months, years, days                              |
| latency         | ms          | ms, s                                            |
| data rate       | Gbps        | Mbps, Gbps, Tbps                                 |
| racks           | racks       | racks (standard 2.5 kW racks), or a power (÷ 2.5 kW) |
| servers         | servers     | servers, plain numbers                           |
| compute         | TFLOPS      | GFLOPS, TFLOPS, PFLOPS, EFLOPS                   |
| price of power  | CNY/kWh     | CNY/kWh, yuan/MWh, …                             |
| carbon factor   | kg/kWh      | kg/kWh, t/MWh, g/kWh                             |
| water factor    | L/kWh       | L/kWh                                            |
| rent, O&M       | CNY per rack-month | CNY/rack/month                           |

A `Series` is a quantity that may change by calendar year: it is a constant or a
formula over `year`, evaluated at load for every year of the horizon (index 0 is
`horizon.startYear`). The engine never sees a formula.
*/

import type { NumericFormula } from './numeric.js';

/** Values per calendar year of the horizon: `values[i]` is year `startYear + i`. */
export type Series = Float64Array;

export interface Horizon {
  /** First simulated year (January). */
  start: number;
  /** Last simulated year (December), inclusive. */
  end: number;
}

export interface Phase {
  id: string;
  /** Size in standard racks (2.5 kW IT each); files may give racks or a power. */
  size: number;
  /** Construction capex of this phase, CNY: given, or size × construction.costPerRack. */
  capex: number;
  /** Planned construction start, months from the horizon's first January (negative: before). */
  start: number;
  /** Planned build duration, months. */
  build: number;
  /** Live before the horizon starts: live from month 0, capex sunk. */
  preexisting: boolean;
  /** Design PUE of this hall at full load (its vintage); defaults to the site's `pue`. */
  pue: number;
  /**
  Responsive supply: the phase starts only once its site's occupancy (occupied /
  rentable live racks) has reached this share, besides its planned date having
  come and the budget funding it; 0 = start on the planned date.
  */
  startWhenOccupancy: number;
  /** Never built (a file may say so; Monte Carlo draws it with `construction.cancelProbability`). */
  cancelled: boolean;
  /** Start pushed back by this many months (a file may say so; Monte Carlo draws it). */
  deferMonths: number;
  source?: string;
}

export interface DataCenter {
  id: string;
  /** The name in English (the file's plain-text name, or its `en`); `nameZh` the Chinese one where the file gives it. */
  name: string;
  nameZh?: string;
  operator?: string;
  /** Design PUE at the annual-mean climate. */
  pue: number;
  /** Servers per standard rack for this site (defaults to servers.perRack). */
  serversPerRack: number;
  /** One of the plan's unnamed sites (an assumption, not a documented DC). */
  assumed: boolean;
  /** Serves its owner (Apple's iCloud, Tencent, Huawei), not the rental market: its racks hold only `ownerDemand`. */
  ownUse: boolean;
  /** The owner's own demand, standard racks, per year (zeros unless `ownUse`). */
  ownerDemand: Series;
  phases: Phase[];
}

export interface ServerClass {
  /** Average electrical draw per server, kW. */
  power: number;
  /** Rack budget one server takes, in standard racks. */
  rackShare: number;
  /** Peak compute per server, TFLOPS. */
  compute: number;
  /** Purchase price per server, CNY. */
  price: number;
  /** Useful life before refresh, months. */
  lifetime: number;
  /** Accelerator cards per server (0 for general-purpose servers). */
  cards: number;
}

export interface Servers {
  /** Planning ratio: servers per standard rack (serverCapacity = racks × perRack). */
  perRack: number;
  /** Share of newly installed servers (by count) that are AI servers, 0–1, per year. */
  aiShare: Series;
  classes: { general: ServerClass; ai: ServerClass };
}

export interface WorkloadClass {
  id: string;
  name: string;
  nameZh?: string;
  /** Share of each hub's demand in this class, 0–1 (shares sum to 1). */
  share: number;
  /** Largest one-way latency the work tolerates, ms. */
  latencyTolerance: number;
  /** Share of the class that could ever leave its hub, 0–1. */
  movable: number;
}

export interface Hub {
  id: string;
  name: string;
  nameZh?: string;
  /** Data-center demand of the hub, standard racks, per year. */
  demand: Series;
  /** One-way latency hub → Gui'an, ms. */
  latency: number;
  /** DC electricity price in the hub, CNY/kWh, per year. */
  electricityPrice: Series;
  /** PUE of the eastern capacity that would host the work if it stayed (new hub DCs must reach ≤ 1.25). */
  pue: number;
  /** Grid carbon factor (average, location-based), kg CO2/kWh, per year. */
  gridFactor: Series;
  /** Residual-mix factor for the hub's non-green power (market-based), kg CO2/kWh, per year; ≥ gridFactor. */
  residualFactor: Series;
  /** Share of the hub DCs' power that is contracted green power, 0–1, per year. */
  greenShare: Series;
  /** Rack rent, CNY per standard-rack-month (files may quote it per rack of a given power). */
  rent: number;
  /** The rent includes the power bill (else the tenant also pays IT energy × PUE × price). */
  rentIncludesPower: boolean;
}

export interface Competitor {
  id: string;
  name: string;
  nameZh?: string;
  electricityPrice: Series;
  pue: number;
  /** Rack rent, CNY per rack-month. */
  rent: number;
  /** The rent includes the power bill. */
  rentIncludesPower: boolean;
  /** Racks the cluster can host for eastern work, per year (standard racks; Infinity = unbounded). */
  capacity: Series;
  /** One-way latency from each hub (by hub id), ms. A hub not listed cannot reach it. */
  latency: Record<string, number>;
  /** Policy incentive, CNY per rack-month, per year (default 0). */
  incentive: Series;
  /** Racks built in the cluster, all tenants, per year (standard racks; NaN = not given: utilisation is not reported). */
  racks: Series;
  /** Racks occupied by the cluster's own (non-migrating) tenants, per year (standard racks). */
  localLoad: Series;
  /** Share of the cluster's power that is contracted green power, 0–1, per year. */
  greenShare: Series;
  /** Grid connection of the cluster, kW, per year (Infinity = not limited). */
  gridCapacity: Series;
}

/** A substation or line that adds grid connection capacity from a month on. */
export interface Substation {
  id: string;
  /** Months from the horizon's first January when it is energised. */
  month: number;
  /** Capacity it adds, kW. */
  capacity: number;
}

/** Gui'an's grid connection (docs/model.md §11). */
export interface Grid {
  /** Connection capacity, kW, per year (Infinity = not limited); substations add to it from their month. */
  capacity: Series;
  substations: Substation[];
  /** Monthly peak load ÷ the month's mean facility load (≥ 1). */
  peakFactor: number;
}

/** One kind of accelerator card, bought in the years it is offered (docs/model.md §12). */
export interface Card {
  id: string;
  name: string;
  nameZh?: string;
  origin: 'domestic' | 'imported';
  /** Dense FP16 throughput per card, TFLOPS. */
  fp16: number;
  /** Electrical draw per card at full load, host share included, kW. */
  power: number;
  /** Price per card, host share included, CNY (before export-control mark-ups). */
  price: number;
  /** Cards per AI server. */
  perServer: number;
  /** First and last calendar year it is bought. */
  from: number;
  until: number;
  /** Relative weight among the cards offered in a year (before export controls). */
  weight: number;
}

/** An export control: from its month, imported cards are this available and this much dearer. */
export interface ExportControl {
  id: string;
  month: number;
  /** Multiplies imported cards' weight among new purchases, 0–1. */
  availability: number;
  /** Multiplies imported cards' price, ≥ 1 (cumulative with earlier controls). */
  priceFactor: number;
}

export interface Ai {
  /** Card types; empty = AI servers as `servers.classes.ai` says. */
  cards: Card[];
  /** Energy per unit of AI work on domestic cards relative to imported ones (≥ 1). */
  domesticPenalty: number;
  exportControls: ExportControl[];
  /** AI work sent to Gui'an, TFLOPS of FP16 dense throughput (imported-card terms), per year: training and inference. */
  training: Series;
  inference: Series;
  /** Share of an AI server's power drawn while idle, 0–1 (1 = draw does not depend on load). */
  idlePower: number;
  /** IT power of one physical AI rack, kW (0 = construction.physicalRackPower). */
  rackPower: number;
  /** Design PUE of the AI load (liquid-cooled), ≥ 1; 0 = the hall's. */
  pue: number;
}

/** A policy subsidy on the power bill, from a month on (docs/model.md §11.3). */
export interface Subsidy {
  id: string;
  month: number;
  /** Last month it applies (inclusive); Infinity = to the end. */
  until: number;
  /** Share of the power bill paid by the subsidy, 0–1. */
  share: number;
  /** Only the load of domestic accelerator cards qualifies. */
  domesticOnly: boolean;
}

export interface Transfer {
  /** Adoption time constant, months (first-order approach to the movable pool). */
  adoption: number;
  /** Share of the movable pool already migrating at horizon start, 0–1. */
  initialAdoption: number;
  /** Gui'an's incentive to customers, CNY per rack-month, per year. */
  incentive: Series;
  /** Logit cost sensitivity, per (CNY per rack-month). */
  costSensitivity: number;
  /** Generalised cost of 1 ms of one-way latency, CNY per rack-month. */
  latencyCost: number;
  /** Transit cost for work served away from its hub, CNY per rack-month. */
  transit: number;
  /**
  Length of the contracts placed work signs, years: each month 1/(12 L) of every
  destination's work expires and chooses again. 0 = no memory (everything
  re-chooses every month).
  */
  contractYears: number;
}

export interface Energy {
  /** Gui'an DC electricity price, CNY/kWh, per year. */
  electricityPrice: Series;
  /** Guizhou provincial grid average carbon factor (location-based), kg CO2/kWh, per year. */
  gridFactor: Series;
  /** Residual-mix factor for non-green power (market-based), kg CO2/kWh, per year; ≥ gridFactor. */
  residualFactor: Series;
  /** Share of Gui'an DC power that is contracted green power, 0–1, per year. */
  greenShare: Series;
  /** Water usage effectiveness, L per kWh of IT energy. */
  wue: number;
  /** Monthly mean temperature in Gui'an, °C, January..December (12 values). */
  monthlyTemp: number[];
  /** Relative change of (PUE − 1) per °C away from the annual mean. */
  pueTempSensitivity: number;
  /** Regulatory PUE cap: monthly PUE never exceeds it; 0 = no cap. */
  pueCap: number;
  /** Share of a hall's cooling and power overhead that is fixed (does not fall with IT load), 0–1; 0 = PUE ignores part load. */
  pueFixedShare: number;
  /** Monthly multiplier of the location-based grid factor (mean 1), January..December, from the generation mix; all 1 when no mix is given. */
  gridMonthly: number[];
  /** Two-part tariff: capacity charge, CNY per kVA of monthly peak demand per month (0 = energy charge only). */
  capacityCharge: number;
  /** Power factor converting the peak kW to kVA, 0–1. */
  powerFactor: number;
  subsidies: Subsidy[];
}

export interface Network {
  /** Outbound capacity Gui'an → east, Gbps, per year. */
  capacity: Series;
  /** Traffic one transferred standard rack generates, Gbps. */
  perRack: number;
  /** Usable share of capacity before transfer is throttled, 0–1. */
  maxUtilization: number;
}

export interface Economics {
  /** Rent Gui'an charges, CNY per standard-rack-month. */
  rent: number;
  /** Gui'an's rent includes the power bill (the operator buys the power either way). */
  rentIncludesPower: boolean;
  /** O&M per live rack excluding power, CNY per rack-month. */
  om: number;
  /** Discount rate for NPV, per year. */
  discountRate: number;
  /** Construction jobs per MW (IT) under construction. */
  constructionJobsPerMW: number;
  /** Operations jobs per 1,000 live racks. */
  opsJobsPer1000Racks: number;
  /** Yearly cost of one operations job, CNY. */
  wage: number;
}

export interface Construction {
  /** Default construction capex per standard rack, CNY. */
  costPerRack: number;
  /** Build-duration multiplier (1 = as planned). */
  delayFactor: number;
  /** Capex multiplier (1 = as budgeted). */
  overrunFactor: number;
  /** Months over which a new hall opens to tenants (linear ramp of its rentable racks); 0 = at once. */
  fillMonths: number;
  /** Share of the rentable racks live at the horizon start that are occupied then, 0–1. */
  startOccupancy: number;
  /** Monte Carlo: chance that a phase not yet started is cancelled, 0–1. */
  cancelProbability: number;
  /** Monte Carlo: chance that a phase not yet started is deferred, 0–1 ... */
  deferProbability: number;
  /** ... by up to this many months (uniform). */
  deferMonths: number;
  /** Power of the physical racks site reports count (4–6 kW), kW: physicalRacks = live standard racks × 2.5 / this. */
  physicalRackPower: number;
}

export interface Investment {
  /** Total construction budget, CNY. */
  total: number;
  /** Share of `total` released in each year (sums to ≤ 1; years not listed get 0). */
  profile: Series;
}

export type DistributionSpec =
  | { type: 'uniform'; min: number; max: number }
  | { type: 'normal'; mean: number; sd: number }
  | { type: 'lognormal'; mu: number; sigma: number }
  | { type: 'triangular'; min: number; mode: number; max: number }
  | { type: 'pert'; min: number; mode: number; max: number }
  | { type: 'discrete'; values: number[]; weights: number[] };

/** Rank (Spearman) correlation between two uncertainty entries' draws, by index into `uncertainty`. */
export interface Correlation {
  a: number;
  b: number;
  rho: number;
}

export interface Uncertainty {
  /** Dotted path of a numeric parameter (a number or a per-year series). `*` matches every list item. */
  path: string;
  /** `set`: the draw replaces the value; `scale`: the draw multiplies it. */
  mode: 'set' | 'scale';
  dist: DistributionSpec;
}

export interface Target {
  id: string;
  metric: string;
  year: number;
  atLeast?: number;
  atMost?: number;
  label: string;
  labelZh?: string;
}

export interface Lever {
  id: string;
  label: string;
  labelZh?: string;
  /** Dotted path in the scenario file the lever sets. */
  path: string;
  /** Unit the lever's values are in (e.g. "billion CNY"); "" for plain numbers. */
  unit: string;
  min: number;
  max: number;
  step: number;
}

export interface DerivedMetric {
  id: string;
  label?: string;
  labelZh?: string;
  formula: string;
  /** Names of built-in (or earlier derived) metrics the formula reads. */
  inputs: string[];
  /** Plain-number evaluation over a year's metrics. */
  evaluate: (metrics: Record<string, number>) => number;
  /** The formula as plain JavaScript when it is plain-number arithmetic (src/scenario/numeric.ts); `evaluate` then runs it. */
  numeric?: NumericFormula;
}

/** A series that came from a formula over `year` and named `parameters`: kept so that
Monte Carlo can re-evaluate it when it samples one of those parameters. */
export interface FormulaSeries {
  /** Dotted path of the series in the resolved scenario, e.g. `hubs.0.demand`. */
  path: string;
  formula: string;
  /** Names of `parameters` the formula reads. */
  params: string[];
  /** Value for one year, in the field's base unit, given the parameters. */
  evaluate: (year: number, params: Record<string, number>) => number;
  /** The formula as plain JavaScript over `year` and parameters, when it is plain-number arithmetic; `evaluate` then
  runs it, reading a parameter the caller does not give from `defaults` (the values the series was resolved with). */
  numeric?: NumericFormula & { defaults: Record<string, number> };
}

export interface Scenario {
  /**
  The scenario's name and description in English. A file may give names, labels
  and the description in English only (`name: Gui'an plan`) or in both languages
  (`name: {en: Gui'an plan, zh: 贵安规划}`): the English text is always here (ids,
  machine outputs, file names); the Chinese one, where given, is the `…Zh` field
  beside it (scenario, data centers, hubs, workload classes, competitors, cards;
  targets', levers' and metrics' labels). src/report/names.ts picks by language.
  */
  name: string;
  nameZh?: string;
  description: string;
  descriptionZh?: string;
  /** Path of the top file as given, or '<inline>'. */
  file: string;
  /** SHA-256 (hex) of the resolved, merged input document; stable across machines. */
  hash: string;
  /** The `--set` overrides (or TUI lever turns) applied, as "path=value", in order; empty for the file as written. */
  overrides: string[];
  horizon: Horizon;
  seed: number;
  runs: number;
  /** CNY per USD. */
  usdRate: number;
  /** Named numbers formulas may use. */
  parameters: Record<string, number>;
  construction: Construction;
  investment: Investment;
  servers: Servers;
  datacenters: DataCenter[];
  hubs: Hub[];
  workloads: WorkloadClass[];
  /** Guizhou's own demand, standard racks, per year. */
  localDemand: Series;
  competitors: Competitor[];
  grid: Grid;
  ai: Ai;
  transfer: Transfer;
  energy: Energy;
  network: Network;
  economics: Economics;
  uncertainty: Uncertainty[];
  /** Rank correlations between uncertainty entries (a Gaussian copula). */
  correlations: Correlation[];
  targets: Target[];
  levers: Lever[];
  metrics: DerivedMetric[];
  formulas: FormulaSeries[];
}

// ---------------------------------------------------------------- observations

/** How an observation bounds the true value. */
export type ObservationKind = 'point' | 'atLeast' | 'atMost' | 'range';

/** The area a reported figure covers; the model states Gui'an's cluster. */
export type ObservationScope = 'guian' | 'guiyang-guian' | 'guizhou' | 'national';

/**
A reported figure, resolved (docs/observations.md): what it measures in the
model's terms (a metric of the definition ladder), when, how it bounds the
truth, and the interval it implies for Gui'an after its scope's share and its
own relative uncertainty. All numbers in the metric's base unit.
*/
export interface Observation {
  id: string;
  /** The model metric it is compared with (e.g. `serversInstalled` for "powered-on servers"). */
  metric: string;
  year: number;
  /** 1–12 when the report gives a month (a stock is then read between year ends); undefined for a whole year. */
  month?: number;
  kind: ObservationKind;
  /** As reported, for the scope: the point value, or the bound(s). */
  value?: number;
  min?: number;
  max?: number;
  scope: ObservationScope;
  /** Gui'an's share of the scope's figure, [low, high] (1–1 for the Gui'an cluster itself). */
  share: [number, number];
  /** The definition the figure uses, in words ("powered-on servers", "FP16 EFLOPS"). */
  definition: string;
  source: string;
  quality: 'sourced' | 'low-quality';
  /** Relative uncertainty of the reported number itself (0.1 = ±10 %). */
  uncertainty: number;
  /** The interval it implies for Gui'an: lo ≤ truth ≤ hi (−Infinity / Infinity for one-sided kinds). */
  lo: number;
  hi: number;
  /** A central value for point fits (geometric middle of a two-sided interval), or undefined for one-sided kinds. */
  center?: number;
  /** Where it was written, for messages. */
  file: string;
  line: number;
  col: number;
}

export interface ObservationSet {
  file: string;
  /** SHA-256 of the file's bytes. */
  hash: string;
  observations: Observation[];
}

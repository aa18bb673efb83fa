/**
The zod schema of the scenario FILE format: which keys exist, their shapes and
defaults. Units, ranges and formulas are checked later (resolve.ts), because
they need the horizon, the parameters and `usdRate`. `scenarioJsonSchema()`
turns this schema into JSON Schema (2020-12) for editors (`dcplan schema`).
*/
import { z } from 'zod';
import { describeValue } from './errors.js';

const quantityError = (what: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? `missing ${what}` : `expected ${what} (a number, or a string like "150 MW"), got ${describeValue(iss.input)}`;

/** A number (in the field's base unit) or a string with units, e.g. "150 MW". */
export const Quantity = (d: string) => z.union([z.number(), z.string()], { error: quantityError('a quantity') }).describe(d);

/** A per-year value: a constant quantity, a formula over `year` and parameters, or a map {year: value} (interpolated). */
export const SeriesInput = (d: string) =>
  z
    .union([z.number(), z.string(), z.record(z.string().regex(/^\d{4}$/, 'year keys must be 4-digit years'), z.union([z.number(), z.string()]))], {
      error: quantityError('a per-year value: a quantity, a formula over year, or a map {year: value}'),
    })
    .describe(d + ' Per-year: a constant, a formula over `year` and parameters, or {year: value} (linear between listed years, flat outside).');

const id = z.string({ error: (iss) => (iss.input === undefined ? 'missing id' : `id must be a string, got ${describeValue(iss.input)}`) }).min(1).regex(/^[^.\s*]+$/, 'an id must not contain dots, spaces or *').describe('Unique id within its list.');
const str = (d: string) => z.string({ error: (iss) => `expected text, got ${describeValue(iss.input)}` }).describe(d);
/**
A name or a label in English only (`name: Apple iCloud`) or in English and Chinese
(`name: {en: Apple iCloud, zh: 苹果 iCloud}`). One instance of the two-language
mapping, shared by every such field, so that resolve.ts can report its problems
key by key ("zh is missing") rather than as a failed union.
*/
export const LocalTextSchema = z
  .strictObject(
    {
      en: z.string({ error: (iss) => (iss.input === undefined ? 'missing en: a text in two languages gives both en and zh' : `en must be text, got ${describeValue(iss.input)}`) }).trim().min(1, 'en must not be empty').describe('In English.'),
      zh: z.string({ error: (iss) => (iss.input === undefined ? 'missing zh: a text in two languages gives both en and zh' : `zh must be text, got ${describeValue(iss.input)}`) }).trim().min(1, 'zh must not be empty').describe('In Chinese (简体中文).'),
    },
    { error: (iss) => (iss.code === 'invalid_type' ? `expected a mapping {en, zh}, got ${describeValue(iss.input)}` : undefined) },
  )
  .describe('The same text in English and in Chinese.');

/** Text in English, or `{en, zh}` in both languages (names, labels, descriptions). */
export const localText = (d: string) =>
  z
    .union([z.string(), LocalTextSchema], {
      error: (iss) => (iss.code === 'invalid_union' ? `expected text, or {en: ..., zh: ...} in both languages, got ${describeValue(iss.input)}` : undefined),
    })
    .describe(d + ' Text, or {en, zh} to give it in English and Chinese.');

/** Is `s` (unwrapped) a union whose object option is the two-language mapping? */
export function isLocalTextSchema(s: z.ZodType | undefined): boolean {
  const u = s && unwrap(s);
  return u instanceof z.ZodUnion && (u.options as z.ZodType[]).includes(LocalTextSchema);
}

const bool = (d: string) => z.boolean({ error: (iss) => `expected true or false, got ${describeValue(iss.input)}` }).describe(d);
const int = (d: string) => z.number({ error: (iss) => `expected an integer, got ${describeValue(iss.input)}` }).int('expected an integer').describe(d);
const list = <T extends z.ZodType>(item: T, d: string) => z.array(item, { error: (iss) => `expected a list, got ${describeValue(iss.input)}` }).max(500).describe(d);
const obj = <T extends z.core.$ZodLooseShape>(shape: T, d: string) =>
  z.strictObject(shape, { error: (iss) => (iss.code === 'invalid_type' ? `expected a mapping, got ${describeValue(iss.input)}` : undefined) }).describe(d);

/**
A rent quoted per physical rack of a given power: `{price: 7500 CNY/rack/month, rackPower: 5 kW}`
is 7500 × 2.5 / 5 = 3750 CNY per standard (2.5-kW) rack-month. `includesPower` sets the region's
`rentIncludesPower`. One instance, shared by every rent field (resolve.ts reports its problems
key by key).
*/
export const RentQuoteSchema = z
  .strictObject(
    {
      price: Quantity('Quoted rent per physical rack, e.g. "7500 CNY/rack/month".'),
      rackPower: Quantity('IT power of the quoted rack, e.g. "5 kW" (the rent per standard 2.5-kW rack is price × 2.5 kW / rackPower).'),
      includesPower: bool('The quoted rent includes the power bill (sets rentIncludesPower).').optional(),
    },
    { error: (iss) => (iss.code === 'invalid_type' ? `expected a mapping, got ${describeValue(iss.input)}` : undefined) },
  )
  .describe('A rent quoted per physical rack of the given power.');

/** A rent: a quantity per standard 2.5-kW rack ("3500 CNY/rack/month"), or a quote per physical rack `{price, rackPower, includesPower?}`. */
export const RentInput = (d: string) =>
  z
    .union([z.number(), z.string(), RentQuoteSchema], {
      error: (iss) =>
        iss.code === 'invalid_union'
          ? iss.input === undefined
            ? 'missing a rent'
            : `expected a rent: a quantity per standard rack like "3500 CNY/rack/month", or {price: 7500 CNY/rack/month, rackPower: 5 kW}, got ${describeValue(iss.input)}`
          : undefined,
    })
    .describe(d + ' Either per standard 2.5-kW rack ("3500 CNY/rack/month"), or a quote per physical rack {price: 7500 CNY/rack/month, rackPower: 5 kW, includesPower: true} (= price × 2.5 kW / rackPower per standard rack).');

/** Is `s` (unwrapped) a union whose object option is the rent quote? */
export function isRentSchema(s: z.ZodType | undefined): boolean {
  const u = s && unwrap(s);
  return u instanceof z.ZodUnion && (u.options as z.ZodType[]).includes(RentQuoteSchema);
}

export const PhaseSchema = obj(
  {
    id,
    size: Quantity('Size in standard racks ("20000 racks") or a power ("150 MW" = 60,000 racks of 2.5 kW).'),
    capex: Quantity('Construction capex; default size × construction.costPerRack.').optional(),
    start: z.union([z.string(), z.number()], { error: (iss) => `expected a start month "YYYY-MM", got ${describeValue(iss.input)}` }).describe('Planned construction start, "YYYY-MM" (or a year = January).'),
    build: Quantity('Planned build duration, e.g. "24 months".'),
    preexisting: bool('Live before the horizon starts (capex sunk).').default(false),
    pue: Quantity("Design PUE of this hall at full load (its vintage), ≥ 1; default the site's pue.").optional(),
    startWhenOccupancy: Quantity("Start only once the site's occupancy (occupied / rentable live racks) reaches this share, 0–1; 0 = on the planned date.").default(0),
    cancelled: bool('Never built.').default(false),
    deferMonths: Quantity('Start pushed back by this duration, e.g. "6 months".').default(0),
    source: str('Where the figures come from.').optional(),
  },
  'A construction phase of a data center.',
);

export const DataCenterSchema = obj(
  {
    id,
    name: localText('Display name (default: the id).').optional(),
    operator: str('Operator.').optional(),
    pue: Quantity('Design PUE at the annual-mean climate, 1–3.'),
    serversPerRack: Quantity('Servers per standard rack (default servers.perRack).').optional(),
    assumed: bool("One of the plan's unnamed sites (an assumption).").default(false),
    ownUse: bool("Serves its owner (e.g. Apple's iCloud), not the rental market: its racks hold only ownerDemand.").default(false),
    ownerDemand: SeriesInput("The owner's own demand, standard racks (required when ownUse, not allowed otherwise).").optional(),
    source: str('Where the figures come from.').optional(),
    phases: list(PhaseSchema, 'Construction phases.'),
  },
  'A mega data center.',
);

const ServerClassSchema = (defaults: { power: string; rackShare: number; compute: string; price: string; lifetime: string; cards: number }, d: string) =>
  obj(
    {
      power: Quantity('Average draw per server, e.g. "0.35 kW".').default(defaults.power),
      rackShare: Quantity('Standard racks one server takes.').default(defaults.rackShare),
      compute: Quantity('Peak compute per server, e.g. "2 TFLOPS".').default(defaults.compute),
      price: Quantity('Purchase price per server.').default(defaults.price),
      lifetime: Quantity('Useful life before refresh, e.g. "5 years".').default(defaults.lifetime),
      cards: Quantity('Accelerator cards per server (0 for general-purpose servers).').default(defaults.cards),
    },
    d,
  ).prefault({});

export const HubSchema = obj(
  {
    id,
    name: localText('Display name (default: the id).').optional(),
    demand: SeriesInput('Data-center demand of the hub, standard racks.'),
    latency: Quantity('One-way latency hub → Gui\'an, e.g. "20 ms".'),
    electricityPrice: SeriesInput('DC electricity price in the hub, CNY/kWh.').default('0.65 CNY/kWh'),
    pue: Quantity('Fleet PUE in the hub.').default(1.4),
    gridFactor: SeriesInput('Grid carbon factor, kg/kWh.').default('0.58 kg/kWh'),
    residualFactor: SeriesInput("Residual-mix carbon factor of the hub's non-green power, kg/kWh, ≥ gridFactor; default gridFactor.").optional(),
    greenShare: SeriesInput("Share of the hub DCs' power that is contracted green power, 0–1.").default(0),
    rent: RentInput('Rack rent.').default('6000 CNY/rack/month'),
    rentIncludesPower: bool('The rent includes the power bill (else the tenant also pays IT energy × PUE × price). Default true.').default(true),
  },
  'An eastern demand hub.',
);

export const WorkloadSchema = obj(
  {
    id,
    name: localText('Display name (default: the id).').optional(),
    share: Quantity("Share of each hub's demand, 0–1 (all shares sum to 1)."),
    latencyTolerance: Quantity('Largest one-way latency the work tolerates, e.g. "50 ms".'),
    movable: Quantity('Share of the class that could ever leave its hub, 0–1.').default(0),
  },
  'A workload class.',
);

export const CompetitorSchema = obj(
  {
    id,
    name: localText('Display name (default: the id).').optional(),
    electricityPrice: SeriesInput('DC electricity price, CNY/kWh.'),
    pue: Quantity('PUE.').default(1.2),
    rent: RentInput('Rack rent.').default('3000 CNY/rack/month'),
    rentIncludesPower: bool('The rent includes the power bill. Default true.').default(true),
    capacity: SeriesInput('Racks the cluster can host for eastern work, standard racks; default unbounded.').optional(),
    latency: z.record(z.string(), Quantity('One-way latency from this hub.'), { error: (iss) => `expected a mapping {hubId: latency}, got ${describeValue(iss.input)}` }).describe('One-way latency from each hub id; a hub not listed cannot reach it.').default({}),
    incentive: SeriesInput('Policy incentive, CNY/rack/month.').default(0),
    racks: SeriesInput('Racks built in the cluster for all tenants, standard racks (for its utilisation); default not reported.').optional(),
    localLoad: SeriesInput("Racks occupied by the cluster's own (non-migrating) tenants, standard racks.").default(0),
    greenShare: SeriesInput("Share of the cluster's power that is contracted green power, 0–1.").default(0),
    gridCapacity: SeriesInput('Grid connection of the cluster, e.g. "2 GW"; default not limited.').optional(),
  },
  'Another national cluster competing for eastern work (modelled in aggregate).',
);

const monthText = (d: string) => z.union([z.string(), z.number()], { error: (iss) => `expected a month "YYYY-MM", got ${describeValue(iss.input)}` }).describe(d);

export const SubstationSchema = obj(
  {
    id,
    date: monthText('Month it is energised, "YYYY-MM".'),
    capacity: Quantity('Connection capacity it adds, e.g. "220 MW".'),
    source: str('Where the figures come from.').optional(),
  },
  'A substation or line that adds grid connection capacity.',
);

export const CardSchema = obj(
  {
    id,
    name: localText('Display name (default: the id).').optional(),
    origin: z.enum(['domestic', 'imported'], { error: (iss) => `origin must be domestic or imported, got ${describeValue(iss.input)}` }).describe('Made in China (domestic) or imported.'),
    fp16: Quantity('Dense FP16 throughput per card, e.g. "312 TFLOPS".'),
    power: Quantity('Draw per card at full load, its share of the host included, e.g. "0.9 kW".'),
    price: Quantity('Price per card, its share of the host included, e.g. "150 thousand CNY".'),
    perServer: int('Cards per AI server.').default(8),
    from: int('First calendar year it is bought.'),
    until: int('Last calendar year it is bought (default: to the end of the horizon).').optional(),
    weight: Quantity('Relative weight among the cards offered in a year, ≥ 0.').default(1),
    source: str('Where the figures come from.').optional(),
  },
  'A kind of accelerator card.',
);

export const ExportControlSchema = obj(
  {
    id,
    date: monthText('Month it takes effect, "YYYY-MM".'),
    availability: Quantity("Multiplies imported cards' weight among new purchases from this month, 0–1.").default(1),
    priceFactor: Quantity("Multiplies imported cards' price from this month, ≥ 1.").default(1),
    source: str('Where the figures come from.').optional(),
  },
  'An export control on imported accelerator cards.',
);

export const SubsidySchema = obj(
  {
    id,
    from: monthText('First month it applies, "YYYY-MM".'),
    until: monthText('Last month it applies, "YYYY-MM" (default: to the end).').optional(),
    share: Quantity('Share of the power bill the subsidy pays, 0–1.'),
    domesticOnly: bool('Only the load of domestic accelerator cards qualifies.').default(false),
    source: str('Where the figures come from.').optional(),
  },
  'A policy subsidy on the power bill.',
);

const twelve = (what: string) =>
  z
    .array(z.number({ error: (iss) => `expected a number, got ${describeValue(iss.input)}` }), { error: (iss) => `expected a list of 12 ${what}, got ${describeValue(iss.input)}` })
    .length(12, `needs exactly 12 ${what} (January..December)`);

export const GenerationSourceSchema = obj(
  {
    id,
    factor: Quantity('Carbon factor of this source, e.g. "0.85 kg/kWh".'),
    shares: twelve('shares').describe('Share of generation from this source, January..December, 0–1.'),
    source: str('Where the figures come from.').optional(),
  },
  'One source of the provincial generation mix.',
);

/** A parameter with its declared range. */
export const ParameterRangeSchema = z
  .strictObject({
    value: z.number().describe('The value.'),
    min: z.number().optional().describe('Smallest allowed value (inclusive).'),
    max: z.number().optional().describe('Largest allowed value (inclusive).'),
  })
  .describe('A parameter with the range it must lie in.');

function parameterError(input: unknown): string {
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    const o = input as Record<string, unknown>;
    if (!('value' in o)) return 'a parameter with a range needs a value, e.g. {value: 0.2, min: -0.1, max: 1}';
    const bad = ['value', 'min', 'max'].find((k) => k in o && typeof o[k] !== 'number');
    if (bad) return `${bad} must be a plain number, got ${describeValue(o[bad])}`;
  }
  return `a parameter must be a plain number or {value, min, max}, got ${describeValue(input)}`;
}

/** A parameter: a plain number, or `{value, min, max}` (min and max optional). */
export const ParameterSchema = z
  .union([z.number(), ParameterRangeSchema], { error: (iss) => (iss.code === 'invalid_union' || iss.code === 'invalid_type' ? parameterError(iss.input) : undefined) })
  .describe('A plain number, or {value, min, max}.');

const num = (d: string) => z.union([z.number(), z.string()], { error: quantityError('a number') }).describe(d);

const DistSchema = z
  .discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('uniform'), min: num('Lower bound.'), max: num('Upper bound.') }),
      z.strictObject({ type: z.literal('normal'), mean: num('Mean.'), sd: num('Standard deviation, ≥ 0.') }),
      z.strictObject({ type: z.literal('lognormal'), mu: z.number().describe('Mean of the log.'), sigma: z.number().describe('Sd of the log, ≥ 0.') }),
      z.strictObject({ type: z.literal('triangular'), min: num('Minimum.'), mode: num('Mode.'), max: num('Maximum.') }),
      z.strictObject({ type: z.literal('pert'), min: num('Minimum.'), mode: num('Mode.'), max: num('Maximum.') }),
      z.strictObject({ type: z.literal('discrete'), values: z.array(num('A value.')).min(1).max(500), weights: z.array(z.number()).min(1).max(500) }),
    ],
    {
      error: (iss) =>
        iss.code === 'invalid_union' ? `dist.type must be one of uniform, normal, lognormal, triangular, pert, discrete${iss.input && typeof iss.input === 'object' && 'type' in iss.input ? `, got ${describeValue((iss.input).type)}` : ''}` : undefined,
    },
  )
  .describe('A probability distribution.');

/**
An `uncertainty:` entry: a distribution bound to a field (`{path, mode, dist}`), or a rank correlation
between two such entries of the same list (`{correlate: [path, path], rho}`). Both shapes share one
object so that a typo in either gets "unknown key … did you mean"; resolve.ts checks that an entry is
one shape or the other.
*/
export const UncertaintySchema = obj(
  {
    path: str('Dotted path of a numeric or per-year field, `*` for every list item, e.g. datacenters.*.pue.').optional(),
    mode: z.enum(['set', 'scale']).default('set').describe('set: the draw replaces the value (in the field\'s base unit); scale: it multiplies it.'),
    dist: DistSchema.optional(),
    correlate: z
      .array(str('The path of another entry of this list.'), { error: (iss) => `expected a list of two entry paths, got ${describeValue(iss.input)}` })
      .length(2, 'correlate names exactly two entries of this list, e.g. [construction.delayFactor, construction.overrunFactor]')
      .optional()
      .describe('Correlate the draws of two entries of this list (by their paths) instead of binding a distribution.'),
    rho: z.number({ error: (iss) => `expected a rank correlation between -1 and 1 (a number), got ${describeValue(iss.input)}` }).optional().describe('Spearman rank correlation of the two entries\' draws, strictly between -1 and 1.'),
  },
  'A distribution bound to a parameter for Monte Carlo ({path, mode, dist}), or a rank correlation between two of them ({correlate: [path, path], rho}).',
);

export const TargetSchema = obj(
  {
    id,
    metric: str('A metric name (or a derived metric id).'),
    year: int('Year the target applies to (within the horizon).'),
    atLeast: z.number().optional().describe('The metric must be at least this.'),
    atMost: z.number().optional().describe('The metric must be at most this.'),
    label: localText('Display label (default: generated).').optional(),
  },
  'A plan target checked every run.',
);

export const LeverSchema = obj(
  {
    id,
    label: localText('Display label.').optional(),
    path: str('Dotted path the lever sets.'),
    unit: str('Unit of the lever values, e.g. "billion CNY"; "" for plain numbers.').default(''),
    min: z.number(),
    max: z.number(),
    step: z.number(),
  },
  'A parameter the planner may turn in the TUI.',
);

export const MetricSchema = obj(
  {
    id,
    label: localText('Display label.').optional(),
    formula: str('Formula over metric names (and earlier derived metrics).'),
  },
  'A derived metric.',
);

/** The scenario file format. Every section has defaults so small files work. */
export const ScenarioFileSchema = obj(
  {
    name: localText('Scenario name (default: the file name).').optional(),
    description: localText('What question the scenario answers.').default(''),
    extends: str('Base scenario file (relative path) this file inherits from and overrides.').optional(),
    horizon: obj(
      {
        start: int('First simulated year (January).').default(2020),
        end: int('Last simulated year (December), inclusive.').default(2030),
      },
      'Simulated years.',
    ).prefault({}),
    seed: int('Master seed.').default(1),
    runs: int('Monte Carlo runs (1 = central case).').min(1, 'runs must be at least 1').default(1),
    usdRate: Quantity('CNY per USD (for amounts written in USD).').default('7.1 CNY'),
    parameters: z
      .record(z.string(), ParameterSchema, {
        error: (iss) => `expected a mapping of name: number, got ${describeValue(iss.input)}`,
      })
      .default({})
      .describe('Named numbers that formulas may use: `name: 0.2`, or `name: {value: 0.2, min: -0.1, max: 1}` with the range the value must lie in.'),
    construction: obj(
      {
        costPerRack: Quantity('Default construction capex per standard rack.').default('120 thousand CNY'),
        delayFactor: Quantity('Build-duration multiplier (1 = as planned).').default(1),
        overrunFactor: Quantity('Capex multiplier (1 = as budgeted).').default(1),
        fillMonths: Quantity('Months over which a new hall opens to tenants (linear ramp), e.g. "12 months"; 0 = at once.').default(0),
        startOccupancy: Quantity('Share of the rentable racks live at the horizon start that are occupied then, 0–1.').default(1),
        cancelProbability: Quantity('Monte Carlo: chance that a phase not yet started is cancelled, 0–1.').default(0),
        deferProbability: Quantity('Monte Carlo: chance that a phase not yet started is deferred, 0–1.').default(0),
        deferMonths: Quantity('Monte Carlo: a deferred phase is pushed back by up to this duration (uniform), e.g. "12 months".').default(0),
        physicalRackPower: Quantity('Power of the physical racks site reports count (4–6 kW), for the `physicalRacks` metric.').default('5 kW'),
      },
      'Construction costs and schedule factors.',
    ).prefault({}),
    investment: obj(
      {
        total: Quantity('Total construction budget.').default(0),
        profile: SeriesInput('Share of total released per year (years not listed get 0).').default({}),
      },
      'Construction budget.',
    ).prefault({}),
    servers: obj(
      {
        perRack: Quantity('Planning ratio: servers per standard rack.').default(5),
        aiShare: SeriesInput('Share of new servers that are AI servers, 0–1.').default(0),
        classes: obj(
          {
            general: ServerClassSchema({ power: '0.35 kW', rackShare: 0.2, compute: '2 TFLOPS', price: '50 thousand CNY', lifetime: '5 years', cards: 0 }, 'General-purpose server.'),
            ai: ServerClassSchema({ power: '7.5 kW', rackShare: 4, compute: '1.76 PFLOPS', price: '1.5 million CNY', lifetime: '5 years', cards: 8 }, 'AI (accelerated) server.'),
          },
          'Server classes.',
        ).prefault({}),
      },
      'Servers.',
    ).prefault({}),
    datacenters: list(DataCenterSchema, 'The mega data centers.').default([]),
    hubs: list(HubSchema, 'Eastern demand hubs.').default([]),
    workloads: list(WorkloadSchema, 'Workload classes (shares sum to 1).').default([]),
    localDemand: SeriesInput("Guizhou's own demand, standard racks.").default(0),
    competitors: list(CompetitorSchema, 'Other western clusters.').default([]),
    grid: obj(
      {
        capacity: SeriesInput('Grid connection capacity for the DC cluster, e.g. "630 MW"; default not limited.').optional(),
        substations: list(SubstationSchema, 'Dated additions to the connection capacity.').default([]),
        peakFactor: Quantity("A month's peak facility load ÷ its mean load, ≥ 1.").default(1),
      },
      "Gui'an's grid connection.",
    ).prefault({}),
    ai: obj(
      {
        cards: list(CardSchema, 'Accelerator cards by vintage; empty = AI servers as servers.classes.ai says.').default([]),
        domesticPenalty: Quantity('Energy per unit of AI work on domestic cards relative to imported ones, ≥ 1.').default(1),
        exportControls: list(ExportControlSchema, 'Export controls on imported cards, dated.').default([]),
        training: SeriesInput("AI training work sent to Gui'an, FP16 dense throughput, e.g. \"5 EFLOPS\".").default(0),
        inference: SeriesInput("AI inference work sent to Gui'an, FP16 dense throughput.").default(0),
        idlePower: Quantity("Share of an AI server's power drawn while idle, 0–1 (1 = draw does not depend on load).").default(1),
        rackPower: Quantity('IT power of one physical AI rack (liquid-cooled halls: tens of kW), e.g. "40 kW"; 0 = construction.physicalRackPower.').default(0),
        pue: Quantity('Design PUE of the AI load (liquid-cooled), ≥ 1; 0 = the hall\'s.').default(0),
      },
      'AI accelerators, their supply and their demand.',
    ).prefault({}),
    transfer: obj(
      {
        adoption: Quantity('Adoption time constant, e.g. "36 months".').default('36 months'),
        initialAdoption: Quantity('Share of the movable pool migrating at the horizon start, 0–1.').default(0),
        incentive: SeriesInput("Gui'an's incentive to customers, CNY/rack/month.").default(0),
        costSensitivity: Quantity('Logit cost sensitivity, per (CNY per rack-month).').default(0.001),
        latencyCost: Quantity('Generalised cost of 1 ms one-way latency, CNY/rack/month.').default('40 CNY/rack/month'),
        transit: Quantity('Transit cost for work served away from its hub, CNY/rack/month.').default('400 CNY/rack/month'),
        contractYears: Quantity('Length of the contracts placed work signs, e.g. "5 years"; 0 = everything re-chooses every month.').default(0),
      },
      'Migration of eastern work.',
    ).prefault({}),
    energy: obj(
      {
        electricityPrice: SeriesInput("Gui'an DC electricity price, CNY/kWh.").default('0.35 CNY/kWh'),
        gridFactor: SeriesInput("Gui'an grid carbon factor, kg/kWh.").default('0.387 kg/kWh'),
        residualFactor: SeriesInput('Residual-mix carbon factor of non-green power, kg/kWh, ≥ gridFactor; default gridFactor.').optional(),
        greenShare: SeriesInput('Share of power that is green, 0–1.').default(0),
        wue: Quantity('Water usage effectiveness, L/kWh.').default('0.5 L/kWh'),
        monthlyTemp: z.array(z.number({ error: (iss) => `expected a temperature in °C (a number), got ${describeValue(iss.input)}` }), { error: (iss) => `expected a list of 12 temperatures, got ${describeValue(iss.input)}` }).length(12, 'monthlyTemp needs exactly 12 values (January..December)').default([5, 7, 11, 16, 20, 22, 24, 23, 20, 16, 11, 7]).describe('Monthly mean temperature, °C, January..December.'),
        pueTempSensitivity: Quantity('Relative change of (PUE − 1) per °C from the annual mean.').default(0.03),
        pueCap: Quantity('Regulatory PUE cap; 0 = none.').default(0),
        pueFixedShare: Quantity("Share of a hall's cooling and power overhead that is fixed (does not fall with IT load), 0–1; 0 = PUE ignores part load.").default(0),
        generationMix: list(GenerationSourceSchema, "The provincial generation mix by month: it shapes the location-based grid factor over the year (the yearly mean stays gridFactor). Each month's shares sum to 1.").default([]),
        capacityCharge: Quantity('Two-part tariff: capacity charge per kVA of monthly peak demand, e.g. "32 CNY/kVA/month"; 0 = energy charge only.').default(0),
        powerFactor: Quantity('Power factor converting peak kW to kVA, 0–1.').default(0.95),
        subsidies: list(SubsidySchema, 'Policy subsidies on the power bill.').default([]),
      },
      'Energy, carbon and water.',
    ).prefault({}),
    network: obj(
      {
        capacity: SeriesInput('Outbound capacity Gui\'an → east, e.g. "17 Tbps".').default('17 Tbps'),
        perRack: Quantity('Traffic per transferred rack, e.g. "0.05 Gbps".').default('0.05 Gbps'),
        maxUtilization: Quantity('Usable share of capacity, 0–1.').default(0.8),
      },
      'The network east.',
    ).prefault({}),
    economics: obj(
      {
        rent: RentInput("Rent Gui'an charges.").default('3500 CNY/rack/month'),
        rentIncludesPower: bool("Gui'an's rent includes the power bill. Default true.").default(true),
        om: Quantity('O&M per live rack excluding power, CNY/rack/month.').default('400 CNY/rack/month'),
        discountRate: Quantity('Discount rate per year, 0–1.').default(0.06),
        constructionJobsPerMW: Quantity('Construction jobs per MW under construction.').default(8),
        opsJobsPer1000Racks: Quantity('Operations jobs per 1,000 live racks.').default(6),
        wage: Quantity('Yearly cost of one operations job.').default('120 thousand CNY'),
      },
      'Finance and jobs.',
    ).prefault({}),
    uncertainty: list(UncertaintySchema, 'Distributions for Monte Carlo.').default([]),
    targets: list(TargetSchema, 'Plan targets.').default([]),
    levers: list(LeverSchema, 'TUI levers.').default([]),
    metrics: list(MetricSchema, 'Derived metrics.').default([]),
  },
  'A dcplan scenario.',
);

export type ScenarioFile = z.output<typeof ScenarioFileSchema>;
export type SectionName = keyof typeof ScenarioFileSchema.shape;

/** JSON Schema (draft 2020-12) of the file format. */
export function scenarioJsonSchema(): object {
  const s = z.toJSONSchema(ScenarioFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...s, $id: 'https://dcplan.dev/scenario.schema.json', title: 'dcplan scenario' };
}

/** Strip default/optional/prefault wrappers. */
export function unwrap(s: z.ZodType): z.ZodType {
  let cur: z.ZodType = s;
  for (let i = 0; i < 10; i++) {
    const def = (cur as unknown as { def: { type: string; innerType?: z.ZodType } }).def;
    if ((def.type === 'default' || def.type === 'optional' || def.type === 'prefault' || def.type === 'nullable') && def.innerType) cur = def.innerType;
    else break;
  }
  return cur;
}

/** Keys of an object schema (for "did you mean"), or undefined if not an object. */
export function schemaKeys(s: z.ZodType): string[] | undefined {
  const u = objectOption(unwrap(s));
  return u instanceof z.ZodObject ? Object.keys(u.shape) : undefined;
}

/** A union with exactly one object option (a parameter: number or {value, min, max}) stands for that object. */
function objectOption(u: z.ZodType): z.ZodType {
  if (!(u instanceof z.ZodUnion)) return u;
  const objs = (u.options as z.ZodType[]).map(unwrap).filter((o) => o instanceof z.ZodObject);
  return objs.length === 1 ? objs[0]! : u;
}

/**
The schema one step down: an object's key, a list's items (any segment), a
record's values. `undefined` means the key does not exist.
*/
export function schemaChild(s: z.ZodType, seg: string | number): z.ZodType | undefined {
  const u = objectOption(unwrap(s));
  if (u instanceof z.ZodObject) return (u.shape as Record<string, z.ZodType>)[String(seg)];
  if (u instanceof z.ZodArray) return u.element as z.ZodType;
  if (u instanceof z.ZodRecord) return u.valueType as z.ZodType;
  return undefined;
}

/** Is this a list schema? */
export function isListSchema(s: z.ZodType): s is z.ZodArray {
  return unwrap(s) instanceof z.ZodArray;
}

/**
When a value's only issues are unknown keys: the value parsed without them, so
the rest of it is still checked (its units, ranges) in the same pass; else
undefined. Used by the scenario and lesson loaders, which report the unknown
keys themselves.
*/
export function parseWithoutUnknownKeys<T>(schema: z.ZodType<T>, value: unknown, issues: readonly z.core.$ZodIssue[]): T | undefined {
  const unknown = issues.filter((i) => i.code === 'unrecognized_keys');
  if (unknown.length !== issues.length) return undefined;
  const copy = structuredClone(value);
  for (const iss of unknown) {
    let o: unknown = copy;
    for (const s of iss.path) o = (o as Record<PropertyKey, unknown> | undefined)?.[s];
    if (o && typeof o === 'object') for (const k of iss.keys) delete (o as Record<string, unknown>)[k];
  }
  const again = schema.safeParse(copy);
  return again.success ? again.data : undefined;
}

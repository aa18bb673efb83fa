/**
The state of one run, as plain typed arrays and numbers, and `prepare`, which
turns a Scenario into it (docs/model.md §0). The monthly steps in
src/engine/steps/ read and update this state in place; nothing in the loop
allocates.

Phases are flattened in funding order (effective planned start — planned start
plus any deferral — then file order). Eastern work is held per hub h and
workload class c at index j = h·C + c; competitor k of pair j at j·K + k.

Keep SimState at 127 fields or fewer (it has 126). V8 gives an object literal of
up to 127 properties all of them in-object; with one more every field moved to
an out-of-object property array, one extra load per field access, and a central
run was ~15 % slower. A new field should replace an old one or go in a
sub-object the hot steps do not read.
*/
import type { Scenario } from '../scenario/types.js';
import { buildMonths, cumulativeRelease, inHorizonCapex } from '../model/construction.js';
import { expiringShare } from '../model/contracts.js';
import { discountFactor } from '../model/finance.js';
import { KW_PER_STANDARD_RACK } from '../model/constants.js';
import { gridCapacityKw } from '../model/grid.js';

// phase states; 0 (the typed array's initial value) = waiting to start
export const PHASE_WAITING = 0;
export const PHASE_BUILDING = 1;
export const PHASE_LIVE = 2;
export const PHASE_CANCELLED = 3;

export type Limit = 'none' | 'racks' | 'network' | 'grid';

/**
What fundAndBuild (steps/build.ts) keeps from month to month, so it need not
scan every phase each month: each value is the one a full scan would give,
recomputed when what it sums changes. Not on SimState itself: an object literal
of 127 fields keeps them all inside the object in V8, one of 128 keeps none
there, and every step was then 15–25 % slower (docs/architecture.md §3.7).
*/
export interface BuildMemo {
  /** The scenario the memo is for: a fork's switch (src/engine/fork.ts) starts it afresh. */
  scenario: Scenario | undefined;
  /** No building phase goes live before this month (−Infinity: scan). */
  nextLive: number;
  /** This month's construction spending, while `spendValid` (no phase has started or gone live since). */
  spend: number;
  spendValid: boolean;
  /** Every live rented hall at its full ramp: the rentable racks stay as they are until a hall goes live. */
  rentSettled: boolean;
}

/**
What placement (steps/placement.ts) works out once a year. The hub × class
pairs it must visit: the others are inert — no western option within reach
(pool factor 0), nothing placed, finite shares — so every value placement
would compute for them is +0, and leaving them out changes no sum. And the
terms that change only with the year. Not on SimState itself, like BuildMemo.
*/
export interface PlaceMemo {
  /** The year and scenario the list is for (−1, undefined: none yet). */
  year: number;
  scenario: Scenario | undefined;
  /** The active pairs' indices, ascending, in [0, n). */
  pairs: Int32Array;
  n: number;
  /** Each active pair's demand × pool factor this year (the pool is that × the month's adoption), by position in `pairs`. */
  pairDemand: Float64Array;
  /** Each competitor's room for eastern work this year, and what binds it (1 its racks, 2 its grid). */
  compCap: Float64Array;
  compBind: Int8Array;
}

export interface SimState {
  scenario: Scenario;
  /** Months in the horizon. */
  M: number;
  Y: number;

  // ---- phases (funding order) ----
  P: number;
  /** Index into scenario.datacenters / into the site's phases. */
  phDc: Int32Array;
  phIdx: Int32Array;
  phSize: Float64Array;
  /** In-horizon capex after overrun, CNY. */
  phCapex: Float64Array;
  /** Effective planned start, months (planned + deferral). */
  phStart: Int32Array;
  phBuild: Int32Array;
  phState: Int8Array;
  /** Month the phase went (or goes) live. */
  phLiveAt: Int32Array;
  /** Design PUE of the hall. */
  phPue: Float64Array;
  /** Share of the phase open to tenants at go-live (1 for halls live before the horizon). */
  phStartFill: Float64Array;
  phMinOccupancy: Float64Array;
  /** First phase (in funding order) not yet decided (started or cancelled). */
  nextPhase: number;
  /** What steps keep between months (see BuildMemo, PlaceMemo): one field, since SimState is at V8's limit. */
  memo: { build: BuildMemo; place: PlaceMemo };
  committed: number;
  /** Budget released through each month, CNY (beyond the horizon it stays flat). */
  release: Float64Array;
  /** Phases whose date has come but which wait for money this month. */
  blocked: number;
  waiting: boolean;

  // ---- sites ----
  D: number;
  dcOwnUse: Uint8Array;
  dcPlanned: Float64Array;
  dcPhases: Int32Array;
  dcLive: Float64Array;
  dcBuilding: Float64Array;
  dcPhasesLive: Int32Array;
  dcPhasesCancelled: Int32Array;
  /** Σ live racks × hall design PUE, per site. */
  dcPueWeighted: Float64Array;
  /** Racks of the site open to tenants this month (own-use sites: 0). */
  dcRentable: Float64Array;
  /** Occupied racks of the site this month. */
  dcOccupied: Float64Array;

  // ---- cluster stocks ----
  liveRacks: number;
  buildingRacks: number;
  rentableRacks: number;
  serverCapacity: number;
  dcOperational: number;
  dcComplete: number;
  phasesLive: number;

  // ---- demand and placement ----
  H: number;
  C: number;
  K: number;
  /** share_c × movable_c where a western option is within the class's latency tolerance, else 0. */
  poolFactor: Float64Array;
  /** This year's choice probabilities of new placements: Gui'an, stay east, each competitor. */
  shareG: Float64Array;
  shareE: Float64Array;
  shareK: Float64Array;
  /** Placed work (standard racks) per pair: in Gui'an, staying east, in each competitor. */
  stockG: Float64Array;
  stockE: Float64Array;
  stockK: Float64Array;
  /** Of stockE, the work a full western destination turned away (it stays east until its contract ends). */
  stockT: Float64Array;
  /** What capped each competitor cluster this year: 0 nothing, 1 its racks, 2 its grid. */
  compLimit: Int8Array;
  /** The migrating pool per pair this month. */
  pool: Float64Array;
  /** Work placed this month per pair before the caps (scratch). */
  newG: Float64Array;
  newK: Float64Array;
  expiring: number;
  localServed: number;
  ownerServed: number;
  transferred: number;
  occupied: number;
  /** IT kW per occupied rack of new servers at this year's mix (for quotes). */
  kwRackNew: number;
  netCapRacks: number;
  limit: Limit;
  yearLimit: Limit;

  // ---- grid ----
  /** Connection capacity each month, kW (Infinity = not limited). */
  gridKw: Float64Array;
  /** The month's mean facility load and its peak, kW. */
  facilityKw: number;
  peakKw: number;
  yPeakKw: number;
  /** New servers waited for the grid this month. */
  gridBound: boolean;

  // ---- servers ----
  nGen: number;
  /** AI servers, Σ over card types. */
  nAi: number;
  /** AI server types (docs/model.md §12): one per card, or one from servers.classes.ai. */
  V: number;
  /** Per AI server of type v: nominal kW, FP16 TFLOPS, cards, price CNY, standard racks of budget; domestic; first/last year index; weight. */
  aiKw: Float64Array;
  aiFp16: Float64Array;
  aiCards: Float64Array;
  aiPrice: Float64Array;
  aiRack: Float64Array;
  aiDomestic: Uint8Array;
  aiFrom: Int32Array;
  aiUntil: Int32Array;
  aiWeight: Float64Array;
  /** AI servers installed per type. */
  nAiV: Float64Array;
  /** Scheduled AI retirements per type, v·(M+1) + month, unscaled. */
  retireAiV: Float64Array;
  /** This month's split of new AI servers over types (scratch), and the mean new AI server's rack budget and nominal kW. */
  aiW: Float64Array;
  mixAiRack: number;
  mixAiKw: number;
  /** Share of the AI fleet's effective capacity doing work this month. */
  aiUtil: number;
  /** AI work sent this year, TFLOPS; whether the scenario gives an AI demand path. */
  aiWork: number;
  aiDemandGiven: boolean;
  /** The AI servers' draw this month, kW, and the domestic cards' part of it. */
  aiItKw: number;
  aiDomesticKw: number;
  /** Scheduled retirements in "unscaled" units; a retirement in month m is retire[m] × retireScale. */
  retireGen: Float64Array;
  retireScale: number;
  rackBudgetNew: number;
  aiShare: number;
  serverCapexCum: number;
  itKw: number;

  // ---- energy, money: this month and year to date ----
  pueMonth: number;
  /** IT kW per occupied rack this month: of the servers installed, or of new servers while none are. */
  kwPerOccupied: number;
  /**
  This month's overhead terms (docs/model.md §5): Σ_d (PUE_d − 1)(f·live_d + (1 − f)·occupied_d) × climate,
  with the halls' PUE (ovGen) and with the AI load's PUE where one is set (ovAi). Overhead =
  (general IT kW × ovGen + AI IT kW × ovAi) / occupied racks.
  */
  ovGen: number;
  ovAi: number;
  /** The month's facility energy, kWh (IT and every site's overhead). */
  monthKwh: number;
  /** The month's location-based grid factor, kg/kWh (the year's, shaped by the generation mix). */
  gridFactorMonth: number;
  /** The month's carbon, kg, on both bases. */
  monthCarbon: number;
  monthCarbonMarket: number;
  yPowerSubsidy: number;
  /** Σ of the months' AI utilisation this year. */
  yAiUtil: number;
  /** Nominal facility kW per powered rack (racks with servers) last month (0 before any), for the grid's room in placement. */
  gridRackKw: number;
  spend: number;
  capexCum: number;
  npv: number;
  discount: number;
  monthlyDiscount: number;
  cumCash: number;
  paybackYear: number | null;
  opsJobs: number;
  meanTemp: number;
  yCapex: number;
  yEnergy: number;
  yItEnergy: number;
  yCarbon: number;
  yCarbonMarket: number;
  yWater: number;
  yOpex: number;
  yRevenue: number;
  ySaved: number;
  yCarbonSaved: number;
  yCarbonSavedMarket: number;
}

// Placeholders for the arrays `prepare` sizes once it knows the scenario's dimensions: shared,
// so a Monte Carlo run allocates only the arrays it uses (a run allocates its state afresh).
const NO_F64 = new Float64Array(0);
const NO_I8 = new Int8Array(0);
const NO_U8 = new Uint8Array(0);
const NO_I32 = new Int32Array(0);

/**
Typed arrays of finished runs, by kind and length. A Monte Carlo run allocates
about forty arrays for its state; taking them from runs that are done (zeroed,
as new ones are) spares the allocator and the collector — most of the engine's
allocation, and a lock every worker thread would otherwise share. simulate
hands a run's arrays back (`recycle`) when nothing outside can still hold them.
*/
type Typed = Float64Array | Int32Array | Int8Array | Uint8Array;
type Kind = 'f64' | 'i32' | 'i8' | 'u8';
const spare: Record<Kind, Map<number, Typed[]>> = { f64: new Map(), i32: new Map(), i8: new Map(), u8: new Map() };
const MAKE: Record<Kind, (n: number) => Typed> = { f64: (n) => new Float64Array(n), i32: (n) => new Int32Array(n), i8: (n) => new Int8Array(n), u8: (n) => new Uint8Array(n) };
/** Spare arrays kept per kind and length: one run's worth, and a little room for a fork's. */
const SPARE_PER_SIZE = 8;
/** The arrays each state took, to hand back; `taking` collects them while prepare runs. */
const owned = new WeakMap<SimState, { kind: Kind; a: Typed }[]>();
let taking: { kind: Kind; a: Typed }[] = [];

function take(kind: Kind, n: number): Typed {
  const a = spare[kind].get(n)?.pop();
  const out = a ? a.fill(0) : MAKE[kind](n);
  taking.push({ kind, a: out });
  return out;
}
const f64 = (n: number): Float64Array => take('f64', n) as Float64Array;
const i32 = (n: number): Int32Array => take('i32', n) as Int32Array;
const i8 = (n: number): Int8Array => take('i8', n) as Int8Array;
const u8 = (n: number): Uint8Array => take('u8', n) as Uint8Array;

/** Hand a finished run's arrays to the next run. Only when nothing holds `s` or its arrays any more. */
export function recycle(s: SimState): void {
  const list = owned.get(s);
  if (!list) return;
  owned.delete(s);
  for (const { kind, a } of list) {
    const bucket = spare[kind].get(a.length);
    if (!bucket) spare[kind].set(a.length, [a]);
    else if (bucket.length < SPARE_PER_SIZE) bucket.push(a);
  }
}

/** The scenario as the loop's arrays, every phase waiting, every stock empty. */
export function prepare(scenario: Scenario): SimState {
  taking = [];
  const s = prepareState(scenario);
  owned.set(s, taking);
  taking = [];
  return s;
}

function prepareState(scenario: Scenario): SimState {
  const { construction, investment, transfer, energy, economics } = scenario;
  const Y = scenario.horizon.end - scenario.horizon.start + 1;
  const M = Y * 12;
  const dcs = scenario.datacenters;
  const D = dcs.length;

  const order: { dc: number; ph: number; start: number }[] = [];
  dcs.forEach((dc, d) =>
    dc.phases.forEach((p, i) => order.push({ dc: d, ph: i, start: p.preexisting ? -Infinity : p.start + p.deferMonths })),
  );
  order.sort((a, b) => a.start - b.start || a.dc - b.dc || a.ph - b.ph);
  const P = order.length;
  const s: SimState = {
    scenario, M, Y,
    P,
    phDc: i32(P), phIdx: i32(P), phSize: f64(P), phCapex: f64(P),
    phStart: i32(P), phBuild: i32(P), phState: i8(P), phLiveAt: i32(P),
    phPue: f64(P), phStartFill: f64(P), phMinOccupancy: f64(P),
    nextPhase: 0,
    memo: {
      build: { scenario: undefined, nextLive: -Infinity, spend: 0, spendValid: false, rentSettled: false },
      place: { year: -1, scenario: undefined, pairs: NO_I32, n: 0, pairDemand: NO_F64, compCap: NO_F64, compBind: NO_I8 },
    },
    committed: 0, release: NO_F64, blocked: 0, waiting: false,
    D,
    dcOwnUse: u8(D), dcPlanned: f64(D), dcPhases: i32(D), dcLive: f64(D),
    dcBuilding: f64(D), dcPhasesLive: i32(D), dcPhasesCancelled: i32(D),
    dcPueWeighted: f64(D), dcRentable: f64(D), dcOccupied: f64(D),
    liveRacks: 0, buildingRacks: 0, rentableRacks: 0, serverCapacity: 0, dcOperational: 0, dcComplete: 0, phasesLive: 0,
    H: 0, C: 0, K: 0,
    poolFactor: NO_F64, shareG: NO_F64, shareE: NO_F64, shareK: NO_F64,
    stockG: NO_F64, stockE: NO_F64, stockK: NO_F64, stockT: NO_F64, compLimit: NO_I8, pool: NO_F64,
    newG: NO_F64, newK: NO_F64,
    expiring: expiringShare(transfer.contractYears),
    localServed: 0, ownerServed: 0, transferred: 0, occupied: 0, kwRackNew: 0, netCapRacks: Infinity, limit: 'none', yearLimit: 'none',
    gridKw: f64(M), facilityKw: 0, peakKw: 0, yPeakKw: 0, gridBound: false,
    nGen: 0, nAi: 0, V: 0,
    aiKw: NO_F64, aiFp16: NO_F64, aiCards: NO_F64, aiPrice: NO_F64, aiRack: NO_F64,
    aiDomestic: NO_U8, aiFrom: NO_I32, aiUntil: NO_I32, aiWeight: NO_F64,
    nAiV: NO_F64, retireAiV: NO_F64, aiW: NO_F64, mixAiRack: 0, mixAiKw: 0,
    aiUtil: 1, aiWork: 0, aiDemandGiven: false, aiItKw: 0, aiDomesticKw: 0,
    retireGen: f64(M + 1), retireScale: 1,
    rackBudgetNew: 1, aiShare: 0, serverCapexCum: 0, itKw: 0,
    pueMonth: 1, kwPerOccupied: 0, ovGen: 0, ovAi: 0, monthKwh: 0, gridFactorMonth: 0, monthCarbon: 0, monthCarbonMarket: 0, yPowerSubsidy: 0, yAiUtil: 0, gridRackKw: 0, spend: 0, capexCum: 0, npv: 0, discount: 1,
    // end-of-month discounting, (1 + r)^−(m+1)/12, kept as a running product of this factor
    monthlyDiscount: discountFactor(0, economics.discountRate),
    cumCash: 0, paybackYear: null, opsJobs: 0,
    meanTemp: meanTemp(energy.monthlyTemp),
    yCapex: 0, yEnergy: 0, yItEnergy: 0, yCarbon: 0, yCarbonMarket: 0, yWater: 0, yOpex: 0, yRevenue: 0, ySaved: 0,
    yCarbonSaved: 0, yCarbonSavedMarket: 0,
  };

  let maxBuild = 0;
  for (let i = 0; i < P; i++) {
    const o = order[i]!;
    const dc = dcs[o.dc]!;
    const ph = dc.phases[o.ph]!;
    s.phDc[i] = o.dc;
    s.phIdx[i] = o.ph;
    s.phSize[i] = ph.size;
    s.phBuild[i] = buildMonths(ph.build, construction.delayFactor);
    s.phStart[i] = ph.preexisting ? ph.start : ph.start + ph.deferMonths;
    s.phCapex[i] = ph.preexisting ? 0 : inHorizonCapex(ph.capex * construction.overrunFactor, s.phStart[i]!, s.phBuild[i]!);
    s.phPue[i] = ph.pue;
    s.phMinOccupancy[i] = ph.startWhenOccupancy;
    if (ph.cancelled) {
      s.phState[i] = PHASE_CANCELLED;
      s.dcPhasesCancelled[o.dc]! += 1;
    } else s.dcPlanned[o.dc]! += ph.size;
    s.dcPhases[o.dc]! += 1;
    maxBuild = Math.max(maxBuild, s.phBuild[i]!);
  }
  dcs.forEach((dc, d) => (s.dcOwnUse[d] = dc.ownUse ? 1 : 0));
  s.release = f64(M + maxBuild + 1);
  cumulativeRelease(investment.total, investment.profile, M, s.release);

  gridMonths(s, 0);
  prepareAi(s);

  const H = scenario.hubs.length;
  const C = scenario.workloads.length;
  const K = scenario.competitors.length;
  s.H = H;
  s.C = C;
  s.K = K;
  const J = H * C;
  s.poolFactor = f64(J);
  s.shareG = f64(J);
  s.shareE = f64(J);
  s.shareK = f64(J * K);
  s.stockG = f64(J);
  s.stockE = f64(J);
  s.stockK = f64(J * K);
  s.stockT = f64(J);
  s.compLimit = i8(K);
  s.pool = f64(J);
  s.newG = f64(J);
  s.newK = f64(J * K);
  s.memo.place.pairs = i32(J);
  s.memo.place.pairDemand = f64(J);
  s.memo.place.compCap = f64(K);
  s.memo.place.compBind = i8(K);
  poolFactors(s);
  return s;
}

/** Mean of the twelve monthly temperatures, °C (the climate term's reference). */
export function meanTemp(monthlyTemp: readonly number[]): number {
  return monthlyTemp.reduce((a, b) => a + b, 0) / 12;
}

/** The grid connection of months `from` to the horizon's end, from the state's scenario (§11.1). */
export function gridMonths(s: SimState, from: number): void {
  const grid = s.scenario.grid;
  for (let m = from; m < s.M; m++) s.gridKw[m] = gridCapacityKw(grid.capacity[(m / 12) | 0]!, grid.substations, m);
}

/** share_c × movable_c per hub × class where a western option is within the class's latency tolerance, else 0. */
export function poolFactors(s: SimState): void {
  const { hubs, workloads: wl, competitors: comps } = s.scenario;
  const { H, C, K } = s;
  for (let h = 0; h < H; h++) {
    for (let c = 0; c < C; c++) {
      const w = wl[c]!;
      let reachable = hubs[h]!.latency <= w.latencyTolerance;
      for (let k = 0; k < K && !reachable; k++) {
        const lat = comps[k]!.latency[hubs[h]!.id];
        if (lat !== undefined && lat <= w.latencyTolerance) reachable = true;
      }
      s.poolFactor[h * C + c] = reachable ? w.share * w.movable : 0;
    }
  }
}

/**
AI server types: one per card of `ai.cards` (a server carries `perServer` of
them; its rack budget is its power in standard racks, so dense AI racks take
the racks their power needs), or — without cards — one type that is
`servers.classes.ai` as given.
*/
function prepareAi(s: SimState): void {
  const V = s.scenario.ai.cards.length > 0 ? s.scenario.ai.cards.length : 1;
  s.V = V;
  s.aiKw = f64(V);
  s.aiFp16 = f64(V);
  s.aiCards = f64(V);
  s.aiPrice = f64(V);
  s.aiRack = f64(V);
  s.aiDomestic = u8(V);
  s.aiFrom = i32(V);
  s.aiUntil = i32(V);
  s.aiWeight = f64(V);
  s.nAiV = f64(V);
  s.retireAiV = f64(V * (s.M + 1));
  s.aiW = f64(V);
  aiTypes(s);
}

/** Each AI server type's figures (and whether AI demand is given), from the state's scenario, into the arrays of prepareAi. */
export function aiTypes(s: SimState): void {
  const { ai, servers, horizon } = s.scenario;
  const cls = servers.classes.ai;
  if (ai.cards.length === 0) {
    s.aiKw[0] = cls.power;
    s.aiFp16[0] = cls.compute;
    s.aiCards[0] = cls.cards;
    s.aiPrice[0] = cls.price;
    s.aiRack[0] = cls.rackShare;
    s.aiDomestic[0] = 0;
    s.aiFrom[0] = 0;
    s.aiUntil[0] = s.Y - 1;
    s.aiWeight[0] = 1;
  } else {
    ai.cards.forEach((c, v) => {
      s.aiKw[v] = c.perServer * c.power;
      s.aiFp16[v] = c.perServer * c.fp16;
      s.aiCards[v] = c.perServer;
      s.aiPrice[v] = c.perServer * c.price;
      s.aiRack[v] = s.aiKw[v] / KW_PER_STANDARD_RACK;
      s.aiDomestic[v] = c.origin === 'domestic' ? 1 : 0;
      s.aiFrom[v] = c.from - horizon.start;
      s.aiUntil[v] = c.until - horizon.start;
      s.aiWeight[v] = c.weight;
    });
  }
  let given = false;
  for (let y = 0; y < s.Y; y++) if (ai.training[y]! + ai.inference[y]! > 0) given = true;
  s.aiDemandGiven = given;
}

/** Standard racks of budget the installed AI servers take, Σ over card types. */
export function aiRackBudget(s: SimState): number {
  let r = 0;
  for (let v = 0; v < s.V; v++) r += s.nAiV[v]! * s.aiRack[v]!;
  return r;
}

/** Cluster design PUE: live racks weighted; before anything is live, the mean of the sites'. */
export function designPue(s: SimState): number {
  if (s.liveRacks > 0) {
    let w = 0;
    for (let d = 0; d < s.D; d++) w += s.dcPueWeighted[d]!;
    return w / s.liveRacks;
  }
  let sum = 0;
  for (const dc of s.scenario.datacenters) sum += dc.pue;
  return s.D > 0 ? sum / s.D : 1;
}

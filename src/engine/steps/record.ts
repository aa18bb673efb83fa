/**
Recording a run: the year's metrics into the run's row (every run), and — for
the central run only — dated events and per-site / per-hub breakdowns. Monte
Carlo runs get `NO_DETAIL`, whose methods do nothing.
*/
import { METRIC_NAMES, type MetricName } from '../../scenario/metric-names.js';
import { HOURS_PER_MONTH, KW_PER_STANDARD_RACK } from '../../model/constants.js';
import { constructionJobs } from '../../model/finance.js';
import type { BindingLimit, ClusterYears, DcYears, HubYears, RunDetail, SimEvent, WhyYears } from '../results.js';
import { aiRackBudget, designPue, type Limit, type SimState } from '../state.js';

/** Each built-in metric's index in a run's values. */
const I = Object.fromEntries(METRIC_NAMES.map((n, i) => [n, i])) as Record<MetricName, number>;

export interface Recorder {
  phaseLive(s: SimState, i: number, month: number, siteComplete: boolean): void;
  budgetWait(s: SimState, month: number, blocked: number): void;
  budgetResume(s: SimState, month: number): void;
  limitReached(s: SimState, month: number, y: number, limit: Exclude<Limit, 'none'>): void;
  /** After the month's steps: floor targets on stocks, dated in the month they are met. */
  endOfMonth(s: SimState, month: number, y: number): void;
  endOfYear(s: SimState, y: number): void;
}

const nothing = (): void => {};
export const NO_DETAIL: Recorder = {
  phaseLive: nothing, budgetWait: nothing, budgetResume: nothing, limitReached: nothing, endOfMonth: nothing, endOfYear: nothing,
};

/** Write year y's metrics into `out` (metric-major, `k * Y + y`). */
export function writeYear(s: SimState, y: number, out: Float64Array): void {
  const Y = s.Y;
  const sc = s.scenario;
  const gen = sc.servers.classes.general;
  // rounding residue of the placement's proportional moves (1e-10 racks) is zero, not a number to print;
  // each metric's index is read at its call site (`I.name`, a constant-key load): V8 inlines only so many
  // calls into a function this long, and a lookup by a variable name inside put cost ~5 % of a run
  const put = (k: number, v: number): void => {
    out[k * Y + y] = v !== 0 && Math.abs(v) < 1e-9 ? 0 : v;
  };
  put(I.dcOperational, s.dcOperational);
  put(I.dcComplete, s.dcComplete);
  put(I.phasesLive, s.phasesLive);
  put(I.phasesWaiting, s.blocked);
  put(I.rackCapacity, s.liveRacks);
  // the definition ladder (docs/model.md §10): planned, built (standard and physical racks), ...
  let planned = 0;
  for (let d = 0; d < s.D; d++) planned += s.dcPlanned[d]!;
  put(I.plannedRacks, planned);
  // AI servers sit in dense (liquid-cooled) racks of ai.rackPower; the rest in racks of physicalRackPower
  const aiRacks = Math.min(aiRackBudget(s), s.liveRacks);
  const aiRackPower = sc.ai.rackPower > 0 ? sc.ai.rackPower : sc.construction.physicalRackPower;
  put(I.physicalRacks, ((s.liveRacks - aiRacks) * KW_PER_STANDARD_RACK) / sc.construction.physicalRackPower + (aiRacks * KW_PER_STANDARD_RACK) / aiRackPower);
  put(I.rentableRacks, s.rentableRacks);
  put(I.racksUnderConstruction, s.buildingRacks);
  put(I.serverCapacity, s.serverCapacity);
  put(I.serversInstalled, s.nGen + s.nAi);
  put(I.aiServersInstalled, s.nAi);
  let aiCards = 0;
  let domesticCards = 0;
  let aiFp16 = 0;
  for (let v = 0; v < s.V; v++) {
    aiCards += s.nAiV[v]! * s.aiCards[v]!;
    if (s.aiDomestic[v]) domesticCards += s.nAiV[v]! * s.aiCards[v]!;
    aiFp16 += s.nAiV[v]! * s.aiFp16[v]!;
  }
  put(I.aiCards, s.nGen * gen.cards + aiCards);
  put(I.domesticCardShare, aiCards > 0 ? domesticCards / aiCards : 0);
  put(I.occupiedRacks, s.occupied);
  put(I.rackUtilization, s.liveRacks > 0 ? s.occupied / s.liveRacks : 0);
  put(I.itPowerMW, s.yItEnergy / (HOURS_PER_MONTH * 12) / 1000);
  put(I.peakMW, s.yPeakKw / 1000);
  // a connection the scenario does not limit has no capacity to report
  const gridKw = s.gridKw[y * 12 + 11]!;
  put(I.gridCapacityMW, gridKw < Infinity ? gridKw / 1000 : NaN);
  put(I.pue, s.yItEnergy > 0 ? s.yEnergy / s.yItEnergy : designPue(s));
  put(I.energyGWh, s.yEnergy / 1e6);
  put(I.carbonKt, s.yCarbon / 1e6);
  put(I.carbonMarketKt, s.yCarbonMarket / 1e6);
  put(I.waterMm3, s.yWater / 1e9);
  // general-purpose servers in FP64, accelerators in FP16 dense: never added together
  put(I.fp64Eflops, (s.nGen * gen.compute) / 1e6);
  put(I.aiEflops, aiFp16 / 1e6);
  put(I.aiDemandEflops, (sc.ai.training[y]! + sc.ai.inference[y]!) / 1e6);
  put(I.aiUtilization, s.aiDemandGiven ? s.yAiUtil / 12 : NaN);
  put(I.capexCNY, s.yCapex);
  put(I.capexCumCNY, s.capexCum);
  put(I.budgetCumCNY, s.release[y * 12 + 11]!);
  put(I.serverCapexCumCNY, s.serverCapexCum);
  put(I.opexCNY, s.yOpex);
  put(I.powerSubsidyCNY, s.yPowerSubsidy);
  put(I.revenueCNY, s.yRevenue);
  put(I.npvCNY, s.npv);
  const { H, C, K } = s;
  let eastDemand = 0;
  let pool = 0;
  let elsewhere = 0;
  let stayEast = 0;
  let turnedAway = 0;
  for (let h = 0; h < H; h++) eastDemand += sc.hubs[h]!.demand[y]!;
  for (let j = 0; j < H * C; j++) {
    pool += s.pool[j]!;
    stayEast += s.stockE[j]!;
    turnedAway += s.stockT[j]!;
    for (let k = 0; k < K; k++) elsewhere += s.stockK[j * K + k]!;
  }
  let elsewhereCap = 0;
  let national = eastDemand + sc.localDemand[y]! + s.ownerServed;
  // the national clusters: Gui'an and every other cluster whose racks the scenario gives
  let cRacks = s.liveRacks;
  let cOccupied = s.occupied;
  let cGreen = s.liveRacks * sc.energy.greenShare[y]!;
  for (let k = 0; k < K; k++) {
    const comp = sc.competitors[k]!;
    elsewhereCap += comp.capacity[y]!;
    national += comp.localLoad[y]!;
    const racks = comp.racks[y]!;
    if (!(racks > 0)) continue;
    let held = 0;
    for (let j = 0; j < H * C; j++) held += s.stockK[j * K + k]!;
    cRacks += racks;
    cOccupied += Math.min(racks, comp.localLoad[y]! + held);
    cGreen += racks * comp.greenShare[y]!;
  }
  put(I.turnedAwayRacks, turnedAway);
  put(I.nationalRacks, national);
  put(I.clusterRacks, cRacks);
  put(I.clusterUtilization, cRacks > 0 ? cOccupied / cRacks : 0);
  put(I.clusterGreenShare, cRacks > 0 ? cGreen / cRacks : 0);
  put(I.guianWestShare, s.transferred + elsewhere > 0 ? s.transferred / (s.transferred + elsewhere) : 0);
  put(I.eastDemandRacks, eastDemand);
  put(I.transferableRacks, pool);
  put(I.transferredRacks, s.transferred);
  put(I.elsewhereRacks, elsewhere);
  put(I.elsewhereCapacityRacks, elsewhereCap);
  put(I.stayEastRacks, stayEast);
  put(I.localDemandRacks, sc.localDemand[y]!);
  put(I.costSavedCNY, s.ySaved);
  put(I.carbonSavedKt, s.yCarbonSaved / 1e6);
  put(I.carbonSavedMarketKt, s.yCarbonSavedMarket / 1e6);
  put(I.networkTrafficTbps, (s.transferred * sc.network.perRack) / 1000);
  put(I.networkCapacityTbps, sc.network.capacity[y]! / 1000);
  put(I.jobs, s.opsJobs + constructionJobs(s.buildingRacks, sc.economics.constructionJobsPerMW));
}

/** Stock metrics known every month (for dating when a floor target is met). */
const MONTHLY_STOCKS = new Set(['dcOperational', 'dcComplete', 'phasesLive', 'rackCapacity', 'serverCapacity', 'serversInstalled', 'occupiedRacks', 'transferredRacks']);

function stockNow(s: SimState, metric: string): number {
  switch (metric) {
    case 'dcOperational': return s.dcOperational;
    case 'dcComplete': return s.dcComplete;
    case 'phasesLive': return s.phasesLive;
    case 'rackCapacity': return s.liveRacks;
    case 'serverCapacity': return s.serverCapacity;
    case 'serversInstalled': return s.nGen + s.nAi;
    case 'occupiedRacks': return s.occupied;
    default: return s.transferred;
  }
}

export function fmtCount(n: number): string {
  if (Math.abs(n) < 10 && !Number.isInteger(n)) return n.toFixed(2);
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)} M`;
  if (n >= 1e3) return `${Math.round(n / 1e3)} k`;
  return String(Math.round(n));
}

export interface DetailRecorder extends Recorder {
  /** Events so far, the month each target was met, and the breakdowns. */
  detail(paybackYear: number | null): RunDetail;
  metAt: Map<string, number>;
  events: SimEvent[];
}

/**
The central run's recorder: events, per-site and per-hub years, the limit on
transfer each year. Values are read from the state's scenario as it is at the
time (a run may change course mid-way, src/engine/fork.ts); names and ids from
the scenario the run started with (a fork keeps them).
*/
export function detailRecorder(s: SimState): DetailRecorder {
  const sc = s.scenario;
  const start = sc.horizon.start;
  const events: SimEvent[] = [];
  const ev = (month: number, kind: SimEvent['kind'], text: string, extra?: Partial<SimEvent>): void => {
    events.push({ month, year: start + Math.floor(month / 12), kind, text, ...extra });
  };
  const dcs = sc.datacenters;
  // a Chinese name only where the scenario gives one: no key otherwise (results compare equal with and without this field)
  const zh = (nameZh: string | undefined): { nameZh?: string } => (nameZh !== undefined ? { nameZh } : {});
  const dcYears: DcYears[] = dcs.map((dc, d) => ({
    id: dc.id, name: dc.name, ...zh(dc.nameZh), assumed: dc.assumed, plannedRacks: s.dcPlanned[d]!, phases: s.dcPhases[d]!, pue: dc.pue,
    liveRacks: [], buildingRacks: [], phasesLive: [], serverCapacity: [], occupiedRacks: [],
  }));
  const hubYears: HubYears[] = sc.hubs.map((hub) => ({
    id: hub.id, name: hub.name, ...zh(hub.nameZh), latencyMs: hub.latency, demand: [], migrating: [], guian: [], elsewhere: [], stayEast: [],
    competitors: Object.fromEntries(sc.competitors.map((k) => [k.id, [] as number[]])),
    classes: Object.fromEntries(sc.workloads.map((w) => [w.id, { name: w.name, ...zh(w.nameZh), demand: [] as number[], guian: [] as number[] }])),
  }));
  const limits: RunDetail['transferLimit'] = [];
  const binding: BindingLimit[] = [];
  const clusters: ClusterYears[] = [
    { id: 'guian', name: "Gui'an", nameZh: '贵安', price: [], racks: [], occupied: [], utilization: [], eastern: [], eastShare: [], limit: [] },
    ...sc.competitors.map((k) => ({ id: k.id, name: k.name, ...zh(k.nameZh), price: [], racks: [], occupied: [], utilization: [], eastern: [], eastShare: [], limit: [] })),
  ];
  // the classes and Gui'an's climate as the run starts; prices and PUE year by year (a fork may change them)
  const why: WhyYears = {
    guianPrice: [], eastPrice: [], eastPue: [],
    meanTemp: sc.energy.monthlyTemp.reduce((a, t) => a + t, 0) / 12,
    classes: sc.workloads.map((w) => ({
      id: w.id, name: w.name, ...zh(w.nameZh), share: w.share, latencyTolerance: w.latencyTolerance, movable: w.movable,
      reaches: sc.hubs.filter((h) => h.latency <= w.latencyTolerance).map((h) => h.id),
    })),
  };
  let waitedForMoney = false;
  let gridThisYear = false;
  let lastGridYear = -1;
  let prevGrid = false;
  const monthlyTargets = sc.targets.filter((t) => t.atLeast !== undefined && t.atMost === undefined && MONTHLY_STOCKS.has(t.metric));
  const metAt = new Map<string, number>();
  let lastLimitYear = -1;
  let prevMonthLimit: Limit = 'none';

  return {
    events,
    metAt,
    phaseLive(st, i, month, complete) {
      const d = st.phDc[i]!;
      const dc = dcs[d]!;
      const ph = dc.phases[st.phIdx[i]!]!;
      const who = { dcId: dc.id, dcName: dc.name, ...(dc.nameZh !== undefined ? { dcNameZh: dc.nameZh } : {}) };
      ev(month, 'phase-live', `${dc.name} phase ${ph.id} live: +${fmtCount(st.phSize[i]!)} racks`, { ...who, phaseId: ph.id, racks: st.phSize[i]! });
      if (complete && st.dcPhases[d]! > 1) ev(month, 'dc-complete', `${dc.name} complete (${fmtCount(st.dcPlanned[d]!)} racks)`, { ...who, racks: st.dcPlanned[d]! });
    },
    budgetWait(_st, month, blocked) {
      ev(month, 'budget-wait', `budget exhausted: ${blocked} phase${blocked > 1 ? 's' : ''} wait for funds`, { params: { count: blocked } });
    },
    budgetResume(_st, month) {
      ev(month, 'budget-resume', 'budget released: waiting phases start');
    },
    limitReached(st, month, y, limit) {
      // said when a limit starts to bind, at most once a year, so a cap that binds on and off does not flood the narration
      // the grid is said by endOfMonth, which also sees the servers step waiting for it
      if (limit === 'grid' || limit === prevMonthLimit || lastLimitYear === y) return;
      lastLimitYear = y;
      if (limit === 'network') {
        const tbps = st.scenario.network.capacity[y]! / 1000;
        ev(month, 'network-full', `network full (${fmtCount(tbps)} Tbps): transfer throttled`, { params: { tbps } });
      }
      // with nothing open to tenants there is nothing to be full: say what is true
      else if (st.rentableRacks > 0) ev(month, 'racks-full', "Gui'an's rentable racks full: eastern work turned away", { racks: st.rentableRacks });
      else ev(month, 'racks-full', "no racks open to tenants in Gui'an yet: eastern work waits in the east", { racks: 0 });
    },
    endOfMonth(st, month, y) {
      prevMonthLimit = st.limit;
      // the scenario's dated events, in words
      for (const b of st.scenario.grid.substations) {
        if (b.month === month) ev(month, 'substation', `substation ${b.id} energised: grid connection +${fmtCount(b.capacity / 1000)} MW`, { params: { id: b.id, mw: b.capacity / 1000 } });
      }
      for (const c of st.scenario.ai.exportControls) {
        if (c.month !== month) continue;
        const parts = [c.availability < 1 ? `imported cards ${Math.round(c.availability * 100)} % as available` : '', c.priceFactor > 1 ? `${Math.round((c.priceFactor - 1) * 100)} % dearer` : ''].filter((p) => p !== '');
        ev(month, 'export-control', `export control ${c.id}: ${parts.join(', ') || 'no change to imported cards'}`, { params: { id: c.id, availability: c.availability, priceFactor: c.priceFactor } });
      }
      for (const b of st.scenario.energy.subsidies) {
        if (b.month === month) ev(month, 'subsidy', `subsidy ${b.id}: ${Math.round(b.share * 100)} % of the power bill${b.domesticOnly ? ' on domestic chips' : ''}`, { params: { id: b.id, share: b.share, domesticOnly: b.domesticOnly } });
      }
      if (st.blocked > 0) waitedForMoney = true;
      const grid = st.gridBound || st.limit === 'grid';
      if (grid) {
        gridThisYear = true;
        if (!prevGrid && lastGridYear !== y) {
          lastGridYear = y;
          const mw = st.gridKw[month]! / 1000;
          ev(month, 'grid-full', `grid connection full (${fmtCount(mw)} MW): new load waits`, { params: { mw } });
        }
      }
      prevGrid = grid;
      for (const t of monthlyTargets) {
        if (metAt.has(t.id)) continue;
        if (stockNow(st, t.metric) >= t.atLeast!) {
          metAt.set(t.id, month);
          const late = start + y > t.year;
          ev(month, 'target-met', late ? `target reached late: ${t.label}` : `target met: ${t.label}`, { params: { id: t.id, label: t.label, ...(t.labelZh !== undefined ? { labelZh: t.labelZh } : {}), late } });
        }
      }
    },
    endOfYear(st, y) {
      // the servers step waiting for the grid counts as the grid binding, as placement's grid cap does
      limits.push(gridThisYear ? 'grid' : st.yearLimit);
      const lim: BindingLimit = gridThisYear ? 'grid' : st.yearLimit === 'network' ? 'network' : st.yearLimit === 'racks' ? racksLimit(st, waitedForMoney) : 'demand';
      binding.push(lim);
      waitedForMoney = false;
      gridThisYear = false;
      recordClusters(st, y, clusters, lim);
      recordWhy(st, y, why);
      for (let d = 0; d < st.D; d++) {
        const row = dcYears[d]!;
        row.liveRacks.push(st.dcLive[d]!);
        row.buildingRacks.push(st.dcBuilding[d]!);
        row.phasesLive.push(st.dcPhasesLive[d]!);
        row.serverCapacity.push(st.dcLive[d]! * st.scenario.datacenters[d]!.serversPerRack);
        row.occupiedRacks.push(st.dcOccupied[d]!);
      }
      const { H, C, K } = st;
      for (let h = 0; h < H; h++) {
        const row = hubYears[h]!;
        const hub = st.scenario.hubs[h]!;
        let pool = 0, g = 0, e = 0, away = 0;
        for (let c = 0; c < C; c++) {
          const j = h * C + c;
          pool += st.pool[j]!;
          g += st.stockG[j]!;
          e += st.stockE[j]!;
          const cls = row.classes[st.scenario.workloads[c]!.id]!;
          cls.demand.push(hub.demand[y]! * st.scenario.workloads[c]!.share);
          cls.guian.push(st.stockG[j]!);
        }
        for (let k = 0; k < K; k++) {
          let v = 0;
          for (let c = 0; c < C; c++) v += st.stockK[(h * C + c) * K + k]!;
          row.competitors[st.scenario.competitors[k]!.id]!.push(v);
          away += v;
        }
        row.demand.push(hub.demand[y]!);
        row.migrating.push(pool);
        row.guian.push(g);
        row.elsewhere.push(away);
        row.stayEast.push(e);
      }
    },
    detail(paybackYear) {
      // planned racks as the run ends (a fork may have resized or cancelled phases not yet begun)
      dcYears.forEach((row, d) => (row.plannedRacks = s.dcPlanned[d]!));
      return { events, datacenters: dcYears, hubs: hubYears, paybackYear, transferLimit: limits, bindingLimit: binding, clusters, why };
    },
  };
}

/** Year y of every national cluster: Gui'an from its state, the others from their aggregate figures. */
function recordClusters(st: SimState, y: number, rows: ClusterYears[], guianLimit: BindingLimit): void {
  const sc = st.scenario;
  const { H, C, K } = st;
  let placed = st.transferred;
  const held = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < H * C; j++) held[k]! += st.stockK[j * K + k]!;
    placed += held[k]!;
  }
  const g = rows[0]!;
  g.price?.push(sc.energy.electricityPrice[y]!);
  g.racks.push(st.liveRacks);
  g.occupied.push(st.occupied);
  g.utilization.push(st.liveRacks > 0 ? st.occupied / st.liveRacks : 0);
  g.eastern.push(st.transferred);
  g.eastShare.push(placed > 0 ? st.transferred / placed : 0);
  g.limit.push(guianLimit);
  for (let k = 0; k < K; k++) {
    const comp = sc.competitors[k]!;
    const row = rows[k + 1]!;
    const racks = comp.racks[y]!;
    const occ = comp.localLoad[y]! + held[k]!;
    row.price?.push(comp.electricityPrice[y]!);
    row.racks.push(racks);
    row.occupied.push(racks > 0 ? Math.min(racks, occ) : occ);
    row.utilization.push(racks > 0 ? Math.min(1, occ / racks) : NaN);
    row.eastern.push(held[k]!);
    row.eastShare.push(placed > 0 ? held[k]! / placed : 0);
    const c = st.compLimit[k]!;
    row.limit.push(c === 2 ? 'grid' : c === 1 ? 'racks' : 'demand');
  }
}

/** Year y's power prices and the eastern PUE: the hubs' weighted by their demand (their plain mean when no hub has demand). */
function recordWhy(st: SimState, y: number, why: WhyYears): void {
  const { hubs, energy } = st.scenario;
  let w = 0, price = 0, pue = 0;
  for (const h of hubs) w += h.demand[y]!;
  for (const h of hubs) {
    const share = w > 0 ? h.demand[y]! / w : 1 / hubs.length;
    price += share * h.electricityPrice[y]!;
    pue += share * h.pue;
  }
  why.guianPrice.push(energy.electricityPrice[y]!);
  why.eastPrice.push(hubs.length ? price : NaN);
  why.eastPue.push(hubs.length ? pue : NaN);
}

/** Racks full: money if phases waited for funds, construction while halls are built or wait to start, else capacity. */
function racksLimit(st: SimState, waitedForMoney: boolean): BindingLimit {
  if (waitedForMoney) return 'money';
  return st.buildingRacks > 0 || st.nextPhase < st.P ? 'construction' : 'capacity';
}

/**
The monthly time loop: one run of a resolved Scenario (docs/model.md).

`simulate` prepares plain arrays from the scenario, then steps month by month
calling the pure functions of src/model. The loop itself allocates nothing and
touches no mathjs: every series is already a number per year. With
`detail: true` (the central run the CLI and TUI show) it also records dated
events and per-DC / per-hub breakdowns; Monte Carlo runs skip that.
*/
import { METRIC_NAMES, type MetricName } from '../scenario/metric-names.js';
import type { Scenario } from '../scenario/types.js';
import { HOURS_PER_MONTH } from '../model/constants.js';
import { buildMonths, canFund, cumulativeRelease, inHorizonCapex } from '../model/construction.js';
import { carbonMarketKg, facilityEnergy, monthlyPue } from '../model/energy.js';
import { constructionJobs, discountFactor, operationsJobs } from '../model/finance.js';
import { kwPerRack, rackBudgetPerServer } from '../model/servers.js';
import { adoption, awayCost, logitWeight, powerCostPerRackMonth } from '../model/transfer.js';
import { horizonYears, meetsTarget, metricNames, type DcYears, type HubYears, type RunDetail, type RunResult, type SimEvent } from './results.js';

export interface SimulateOptions {
  /** Record events and per-DC / per-hub breakdowns (central run). */
  detail?: boolean;
  /** Write the yearly values here (length metrics × years) instead of a new array. */
  out?: Float64Array;
}

const M_INDEX = Object.fromEntries(METRIC_NAMES.map((n, i) => [n, i])) as Record<MetricName, number>;

// phase states; 0 (the typed array's initial value) = not started
const PHASE_BUILDING = 1;
const PHASE_LIVE = 2;

/** Stock metrics the loop knows every month (for dating when a floor target is met). */
const MONTHLY_STOCKS = new Set(['dcOperational', 'dcComplete', 'phasesLive', 'rackCapacity', 'serverCapacity', 'serversInstalled', 'occupiedRacks', 'transferredRacks']);

const MONTH_NAMES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

/** "2024-03" for a month index. */
export function monthLabel(startYear: number, month: number): string {
  return `${startYear + Math.floor(month / 12)}-${MONTH_NAMES[month % 12]}`;
}

function fmtCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)} M`;
  if (n >= 1e3) return `${Math.round(n / 1e3)} k`;
  return String(Math.round(n));
}

export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  const detail = options.detail === true;
  const years = horizonYears(scenario);
  const Y = years.length;
  const M = Y * 12;
  const names = metricNames(scenario);
  const out = options.out ?? new Float64Array(names.length * Y);

  const { construction, investment, servers, energy, network, economics, transfer } = scenario;
  const gen = servers.classes.general;
  const ai = servers.classes.ai;

  // ---- phases, flattened in funding order: planned start, then file order ----
  const dcs = scenario.datacenters;
  const order: { dc: number; ph: number; start: number }[] = [];
  dcs.forEach((dc, d) => dc.phases.forEach((p, i) => order.push({ dc: d, ph: i, start: p.preexisting ? -Infinity : p.start })));
  order.sort((a, b) => a.start - b.start || a.dc - b.dc || a.ph - b.ph);
  const P = order.length;
  const phDc = new Int32Array(P);
  const phSize = new Float64Array(P);
  const phCapex = new Float64Array(P); // in-horizon capex, CNY (after overrun)
  const phPlanned = new Int32Array(P);
  const phBuild = new Int32Array(P);
  const phState = new Int8Array(P);
  const phLiveAt = new Int32Array(P);
  const dcPlanned = new Float64Array(dcs.length);
  const dcPhases = new Int32Array(dcs.length);
  const dcLive = new Float64Array(dcs.length);
  const dcBuilding = new Float64Array(dcs.length);
  const dcPhasesLive = new Int32Array(dcs.length);
  for (let i = 0; i < P; i++) {
    const o = order[i]!;
    const dc = dcs[o.dc]!;
    const ph = dc.phases[o.ph]!;
    phDc[i] = o.dc;
    phSize[i] = ph.size;
    phBuild[i] = buildMonths(ph.build, construction.delayFactor);
    phPlanned[i] = ph.start;
    phCapex[i] = ph.preexisting ? 0 : inHorizonCapex(ph.capex * construction.overrunFactor, ph.start, phBuild[i]!);
    dcPlanned[o.dc]! += ph.size;
    dcPhases[o.dc]! += 1;
  }

  // ---- budget released through each month; beyond the horizon it stays flat ----
  let maxBuild = 0;
  for (let i = 0; i < P; i++) maxBuild = Math.max(maxBuild, phBuild[i]!);
  const release = new Float64Array(M + maxBuild + 1);
  cumulativeRelease(investment.total, investment.profile, M, release);

  // ---- demand side: option costs per hub x class, recomputed each January ----
  const hubs = scenario.hubs;
  const H = hubs.length;
  const wl = scenario.workloads;
  const C = wl.length;
  const comps = scenario.competitors;
  const K = comps.length;
  const shareG = new Float64Array(H * C); // Gui'an's logit share of the pool
  const shareE = new Float64Array(H * C); // stay-east share
  const shareK = new Float64Array(H * C * K); // each competitor's share
  const poolFactor = new Float64Array(H * C); // share_c × movable_c if any western option is reachable
  const hubToG = new Float64Array(H);
  const hubPool = new Float64Array(H);
  const hubElse = new Float64Array(H);
  const hubEast = new Float64Array(H);
  const hubK = new Float64Array(H * K);
  const classG = new Float64Array(H * C); // what Gui'an serves of each hub × class (detail only)
  for (let h = 0; h < H; h++) {
    for (let c = 0; c < C; c++) {
      const w = wl[c]!;
      let reachable = hubs[h]!.latency <= w.latencyTolerance;
      for (let k = 0; k < K && !reachable; k++) {
        const lat = comps[k]!.latency[hubs[h]!.id];
        if (lat !== undefined && lat <= w.latencyTolerance) reachable = true;
      }
      poolFactor[h * C + c] = reachable ? w.share * w.movable : 0;
    }
  }
  let meanDesignPue = 0;
  for (const dc of dcs) meanDesignPue += dc.pue / Math.max(1, dcs.length);
  const meanTemp = energy.monthlyTemp.reduce((a, b) => a + b, 0) / 12;

  // ---- servers: counts by class and scheduled retirements ----
  const retireGen = new Float64Array(M + 1);
  const retireAi = new Float64Array(M + 1);
  let nGen = 0;
  let nAi = 0;

  // ---- running totals ----
  let next = 0; // next phase to fund
  let committed = 0;
  let liveRacks = 0;
  let pueWeighted = 0; // Σ live racks × design PUE
  let serverCap = 0;
  let dcOperational = 0;
  let dcComplete = 0;
  let phasesLive = 0;
  let buildingRacks = 0;
  let capexCum = 0;
  let serverCapexCum = 0;
  let npv = 0;
  // end-of-month discounting, (1 + r)^−(m+1)/12, kept as a running product
  const monthlyDiscount = discountFactor(0, economics.discountRate);
  let discount = 1;
  let cumCash = 0;
  let paybackYear: number | null = null;
  let waiting = false;
  let netFull = false;
  let racksFull = false;
  let lastLimitEvent = -1;

  // yearly flow accumulators
  let yCapex = 0, yEnergy = 0, yItEnergy = 0, yCarbon = 0, yWater = 0, yOpex = 0, yRevenue = 0, ySaved = 0, yCarbonSaved = 0;
  let yLimit: 'none' | 'racks' | 'network' = 'none';

  const events: SimEvent[] = [];
  const ev = (month: number, kind: SimEvent['kind'], text: string, extra?: Partial<SimEvent>): void => {
    if (detail) events.push({ month, year: years[0]! + Math.floor(month / 12), kind, text, ...extra });
  };
  const dcYears: DcYears[] = detail
    ? dcs.map((dc, d) => ({
        id: dc.id, name: dc.name, assumed: dc.assumed, plannedRacks: dcPlanned[d]!, phases: dcPhases[d]!, pue: dc.pue,
        liveRacks: [], buildingRacks: [], phasesLive: [], serverCapacity: [], occupiedRacks: [],
      }))
    : [];
  const hubYears: HubYears[] = detail
    ? hubs.map((hub) => ({
        id: hub.id, name: hub.name, latencyMs: hub.latency, demand: [], migrating: [], guian: [], elsewhere: [], stayEast: [],
        competitors: Object.fromEntries(comps.map((k) => [k.id, [] as number[]])),
        classes: Object.fromEntries(wl.map((w) => [w.id, { name: w.name, demand: [] as number[], guian: [] as number[] }])),
      }))
    : [];
  const limits: RunDetail['transferLimit'] = [];
  // floors on stocks are checked every month, so the narration can say "met in 2025-09"
  const monthlyTargets = detail ? scenario.targets.filter((t) => t.atLeast !== undefined && t.atMost === undefined && MONTHLY_STOCKS.has(t.metric)) : [];
  const metAt = new Map<string, number>();

  const livePhase = (i: number, month: number): void => {
    const d = phDc[i]!;
    phState[i] = PHASE_LIVE;
    const size = phSize[i]!;
    liveRacks += size;
    pueWeighted += size * dcs[d]!.pue;
    serverCap += size * dcs[d]!.serversPerRack;
    if (dcPhasesLive[d] === 0) dcOperational++;
    dcPhasesLive[d]! += 1;
    phasesLive++;
    dcLive[d]! += size;
    if (dcPhasesLive[d] === dcPhases[d]) dcComplete++;
    if (detail && month >= 0) {
      const ph = dcs[d]!.phases[order[i]!.ph]!;
      const who = { dcId: dcs[d]!.id, dcName: dcs[d]!.name };
      ev(month, 'phase-live', `${dcs[d]!.name} phase ${ph.id} live: +${fmtCount(size)} racks`, { ...who, phaseId: ph.id, racks: size });
      if (dcPhasesLive[d] === dcPhases[d] && dcPhases[d]! > 1) {
        ev(month, 'dc-complete', `${dcs[d]!.name} complete (${fmtCount(dcPlanned[d]!)} racks)`, { ...who, racks: dcPlanned[d]! });
      }
    }
  };

  // Phases live before the horizon; phases begun before it are under way at month 0.
  while (next < P && (phPlanned[next]! < 0 || order[next]!.start === -Infinity)) {
    const i = next;
    const ph = dcs[phDc[i]!]!.phases[order[i]!.ph]!;
    const liveAt = ph.preexisting ? 0 : ph.start + phBuild[i]!;
    if (ph.preexisting || liveAt <= 0) livePhase(i, -1);
    else {
      phState[i] = PHASE_BUILDING;
      phLiveAt[i] = liveAt;
      committed += phCapex[i]!;
      buildingRacks += phSize[i]!;
      dcBuilding[phDc[i]!]! += phSize[i]!;
    }
    next++;
  }

  let rbServer = 1;
  let aiShare = 0;
  let netCapRacks = 0;
  let localDemand = 0;

  for (let m = 0; m < M; m++) {
    const y = (m / 12) | 0;
    const mo = m - y * 12;

    if (mo === 0) {
      // ---- January: this year's prices, mix and choice shares ----
      yCapex = yEnergy = yItEnergy = yCarbon = yWater = yOpex = yRevenue = ySaved = yCarbonSaved = 0;
      yLimit = 'none';
      aiShare = servers.aiShare[y]!;
      const kwRack = kwPerRack(aiShare, gen, ai);
      rbServer = rackBudgetPerServer(aiShare, gen, ai);
      localDemand = scenario.localDemand[y]!;
      netCapRacks = network.perRack > 0 ? (network.capacity[y]! * network.maxUtilization) / network.perRack : Infinity;
      const gPower = powerCostPerRackMonth(energy.electricityPrice[y]!, meanDesignPue, kwRack);
      for (let h = 0; h < H; h++) {
        const hub = hubs[h]!;
        const eastCost = powerCostPerRackMonth(hub.electricityPrice[y]!, hub.pue, kwRack) + hub.rent;
        const gCost = awayCost(gPower, economics.rent, transfer.transit, transfer.latencyCost, hub.latency, transfer.incentive[y]!);
        for (let c = 0; c < C; c++) {
          const tol = wl[c]!.latencyTolerance;
          const j = h * C + c;
          let sum = 1; // stay east, relative to itself
          const wG = hub.latency <= tol ? logitWeight(gCost, eastCost, transfer.costSensitivity) : 0;
          sum += wG;
          for (let k = 0; k < K; k++) {
            const comp = comps[k]!;
            const lat = comp.latency[hub.id];
            let wK = 0;
            if (lat !== undefined && lat <= tol) {
              const kCost = awayCost(
                powerCostPerRackMonth(comp.electricityPrice[y]!, comp.pue, kwRack), comp.rent, transfer.transit, transfer.latencyCost, lat, comp.incentive[y]!,
              );
              wK = logitWeight(kCost, eastCost, transfer.costSensitivity);
            }
            shareK[j * K + k] = wK;
            sum += wK;
          }
          shareE[j] = 1 / sum;
          shareG[j] = wG / sum;
          for (let k = 0; k < K; k++) shareK[j * K + k]! /= sum;
        }
      }
    }

    // ---- construction: go-lives, then new starts in funding order, then spending ----
    for (let i = 0; i < next; i++) {
      if (phState[i] === PHASE_BUILDING && phLiveAt[i] === m) {
        buildingRacks -= phSize[i]!;
        dcBuilding[phDc[i]!]! -= phSize[i]!;
        livePhase(i, m);
      }
    }
    let blocked = 0;
    while (next < P && phPlanned[next]! <= m) {
      const b = phBuild[next]!;
      if (!canFund(committed, phCapex[next]!, release, m + b)) {
        for (let i = next; i < P; i++) if (phPlanned[i]! <= m) blocked++;
        break;
      }
      phState[next] = PHASE_BUILDING;
      phLiveAt[next] = m + b;
      committed += phCapex[next]!;
      buildingRacks += phSize[next]!;
      dcBuilding[phDc[next]!]! += phSize[next]!;
      next++;
    }
    if (blocked > 0 && !waiting) ev(m, 'budget-wait', `budget exhausted: ${blocked} phase${blocked > 1 ? 's' : ''} wait for funds`);
    if (blocked === 0 && waiting) ev(m, 'budget-resume', 'budget released: waiting phases start');
    waiting = blocked > 0;
    let spend = 0;
    for (let i = 0; i < next; i++) {
      if (phState[i] !== PHASE_BUILDING) continue;
      const b = phBuild[i]!;
      // phases begun before the horizon spend only their in-horizon months
      const monthsInHorizon = Math.min(b, phLiveAt[i]!);
      spend += phCapex[i]! / monthsInHorizon;
    }
    capexCum += spend;
    yCapex += spend;

    // ---- demand and transfer ----
    const A = adoption(m, transfer.initialAdoption, transfer.adoption);
    const localServed = Math.min(localDemand, liveRacks);
    const free = liveRacks - localServed;
    let desired = 0;
    for (let h = 0; h < H; h++) {
      const dem = hubs[h]!.demand[y]!;
      let pool = 0;
      let g = 0;
      for (let c = 0; c < C; c++) {
        const p = dem * poolFactor[h * C + c]! * A;
        pool += p;
        g += p * shareG[h * C + c]!;
      }
      hubPool[h] = pool;
      hubToG[h] = g;
      desired += g;
    }
    const cap = Math.min(free, netCapRacks);
    const ratio = desired > cap ? cap / desired : 1;
    if (desired > cap) {
      const limit = netCapRacks < free ? 'network' : 'racks';
      yLimit = limit;
      // said once per year at most, so a cap that binds on and off does not flood the narration
      if (limit === 'network' && !netFull && lastLimitEvent !== y) {
        ev(m, 'network-full', `network full (${(network.capacity[y]! / 1000).toFixed(0)} Tbps): transfer throttled`);
        lastLimitEvent = y;
      }
      if (limit === 'racks' && !racksFull && lastLimitEvent !== y) {
        // with nothing live yet there is nothing to be full: say what is true
        if (liveRacks > 0) ev(m, 'racks-full', "Gui'an racks full: eastern work turned away", { racks: liveRacks });
        else ev(m, 'racks-full', "no racks live in Gui'an yet: eastern work waits in the east", { racks: 0 });
        lastLimitEvent = y;
      }
      netFull = limit === 'network';
      racksFull = limit === 'racks';
    } else {
      netFull = racksFull = false;
    }
    let transferred = 0;
    for (let h = 0; h < H; h++) {
      const dem = hubs[h]!.demand[y]!;
      let east = 0;
      let away = 0;
      for (let c = 0; c < C; c++) {
        const j = h * C + c;
        const p = dem * poolFactor[j]! * A;
        const sG = shareG[j]!;
        const turnedAway = p * sG * (1 - ratio);
        if (detail) classG[j] = p * sG * ratio;
        // what the cap turns away goes to the other options in proportion to their shares
        // (their sum is taken directly, not as 1 − sG, which loses digits when sG ≈ 1)
        let others = shareE[j]!;
        for (let k = 0; k < K; k++) others += shareK[j * K + k]!;
        const spill = others > 0 ? turnedAway / others : 0;
        east += p * shareE[j]! + spill * shareE[j]!;
        for (let k = 0; k < K; k++) {
          const v = p * shareK[j * K + k]! + spill * shareK[j * K + k]!;
          away += v;
          if (detail) hubK[h * K + k] = (c === 0 ? 0 : hubK[h * K + k]!) + v;
        }
      }
      hubToG[h] = hubToG[h]! * ratio;
      hubEast[h] = east;
      hubElse[h] = away;
      transferred += hubToG[h]!;
    }
    const occupied = localServed + transferred;

    // ---- servers: retire, then fill the occupied rack budget with the current mix ----
    nGen -= retireGen[m]!;
    nAi -= retireAi[m]!;
    const installedBudget = nGen * gen.rackShare + nAi * ai.rackShare;
    const deficit = occupied - installedBudget;
    if (deficit > 1e-9) {
      const n = deficit / rbServer;
      const g = n * (1 - aiShare);
      const a = n * aiShare;
      nGen += g;
      nAi += a;
      if (m === 0) {
        // the stock at the horizon start has mixed ages: it retires evenly over one lifetime
        for (let r = 1; r <= gen.lifetime && r < M; r++) retireGen[r]! += g / gen.lifetime;
        for (let r = 1; r <= ai.lifetime && r < M; r++) retireAi[r]! += a / ai.lifetime;
      } else {
        const sc = g * gen.price + a * ai.price;
        // tenants buy the servers: reported, but not part of the operator's cash flow below
        serverCapexCum += sc;
        if (m + gen.lifetime < M) retireGen[m + gen.lifetime]! += g;
        if (m + ai.lifetime < M) retireAi[m + ai.lifetime]! += a;
      }
    }

    for (const t of monthlyTargets) {
      if (metAt.has(t.id)) continue;
      const v =
        t.metric === 'dcOperational' ? dcOperational
        : t.metric === 'dcComplete' ? dcComplete
        : t.metric === 'phasesLive' ? phasesLive
        : t.metric === 'rackCapacity' ? liveRacks
        : t.metric === 'serverCapacity' ? serverCap
        : t.metric === 'serversInstalled' ? nGen + nAi
        : t.metric === 'occupiedRacks' ? occupied
        : transferred;
      if (v >= t.atLeast!) {
        metAt.set(t.id, m);
        ev(m, 'target-met', years[y]! > t.year ? `target reached late: ${t.label}` : `target met: ${t.label}`);
      }
    }

    // ---- energy and carbon ----
    const itKw = nGen * gen.power + nAi * ai.power;
    const design = liveRacks > 0 ? pueWeighted / liveRacks : meanDesignPue;
    const pue = monthlyPue(design, energy.pueTempSensitivity, energy.monthlyTemp[mo]!, meanTemp, energy.pueCap);
    const eKwh = facilityEnergy(itKw, pue, HOURS_PER_MONTH);
    const itKwh = itKw * HOURS_PER_MONTH;
    const price = energy.electricityPrice[y]!;
    const grid = energy.gridFactor[y]!;
    const green = energy.greenShare[y]!;
    yEnergy += eKwh;
    yItEnergy += itKwh;
    yCarbon += carbonMarketKg(eKwh, grid, green);
    yWater += itKwh * energy.wue;

    // ---- the east-run counterfactual for the transferred work ----
    if (transferred > 0 && occupied > 0) {
      const kwPerOccupied = itKw / occupied;
      const gPowerCost = price * pue * kwPerOccupied * HOURS_PER_MONTH;
      const gKg = kwPerOccupied * HOURS_PER_MONTH * pue * grid * (1 - green);
      for (let h = 0; h < H; h++) {
        const t = hubToG[h]!;
        if (t <= 0) continue;
        const hub = hubs[h]!;
        const eastPowerCost = hub.electricityPrice[y]! * hub.pue * kwPerOccupied * HOURS_PER_MONTH;
        ySaved += t * (eastPowerCost + hub.rent - gPowerCost - economics.rent - transfer.transit);
        yCarbonSaved += t * (kwPerOccupied * HOURS_PER_MONTH * hub.pue * hub.gridFactor[y]! - gKg);
      }
    }

    // ---- money and jobs ----
    const opsJobs = operationsJobs(liveRacks, economics.opsJobsPer1000Racks);
    const opex = eKwh * price + economics.om * liveRacks + (opsJobs * economics.wage) / 12;
    const revenue = economics.rent * occupied;
    yOpex += opex;
    yRevenue += revenue;
    const cash = revenue - opex - spend;
    discount *= monthlyDiscount;
    npv += cash * discount;
    cumCash += cash;
    if (paybackYear === null && cumCash >= 0 && m > 0 && capexCum > 0) paybackYear = years[y]!;
    else if (cumCash < 0) paybackYear = null;

    // ---- December: write the year ----
    if (mo === 11) {
      out[M_INDEX.dcOperational * Y + y] = dcOperational;
      out[M_INDEX.dcComplete * Y + y] = dcComplete;
      out[M_INDEX.phasesLive * Y + y] = phasesLive;
      out[M_INDEX.phasesWaiting * Y + y] = blocked;
      out[M_INDEX.rackCapacity * Y + y] = liveRacks;
      out[M_INDEX.racksUnderConstruction * Y + y] = buildingRacks;
      out[M_INDEX.serverCapacity * Y + y] = serverCap;
      out[M_INDEX.serversInstalled * Y + y] = nGen + nAi;
      out[M_INDEX.aiServersInstalled * Y + y] = nAi;
      out[M_INDEX.occupiedRacks * Y + y] = occupied;
      out[M_INDEX.rackUtilization * Y + y] = liveRacks > 0 ? occupied / liveRacks : 0;
      out[M_INDEX.itPowerMW * Y + y] = yItEnergy / (HOURS_PER_MONTH * 12) / 1000;
      out[M_INDEX.pue * Y + y] = yItEnergy > 0 ? yEnergy / yItEnergy : design;
      out[M_INDEX.energyGWh * Y + y] = yEnergy / 1e6;
      out[M_INDEX.carbonKt * Y + y] = yCarbon / 1e6;
      out[M_INDEX.waterMm3 * Y + y] = yWater / 1e9;
      out[M_INDEX.computeEflops * Y + y] = (nGen * gen.compute + nAi * ai.compute) / 1e6;
      out[M_INDEX.capexCNY * Y + y] = yCapex;
      out[M_INDEX.capexCumCNY * Y + y] = capexCum;
      out[M_INDEX.budgetCumCNY * Y + y] = release[m]!;
      out[M_INDEX.serverCapexCumCNY * Y + y] = serverCapexCum;
      out[M_INDEX.opexCNY * Y + y] = yOpex;
      out[M_INDEX.revenueCNY * Y + y] = yRevenue;
      out[M_INDEX.npvCNY * Y + y] = npv;
      let eastDemand = 0;
      let pool = 0;
      let elsewhere = 0;
      let stayEast = 0;
      for (let h = 0; h < H; h++) {
        eastDemand += hubs[h]!.demand[y]!;
        pool += hubPool[h]!;
        elsewhere += hubElse[h]!;
        stayEast += hubEast[h]!;
      }
      out[M_INDEX.eastDemandRacks * Y + y] = eastDemand;
      out[M_INDEX.transferableRacks * Y + y] = pool;
      out[M_INDEX.transferredRacks * Y + y] = transferred;
      out[M_INDEX.elsewhereRacks * Y + y] = elsewhere;
      out[M_INDEX.stayEastRacks * Y + y] = stayEast;
      out[M_INDEX.localDemandRacks * Y + y] = localDemand;
      out[M_INDEX.costSavedCNY * Y + y] = ySaved;
      out[M_INDEX.carbonSavedKt * Y + y] = yCarbonSaved / 1e6;
      out[M_INDEX.networkTrafficTbps * Y + y] = (transferred * network.perRack) / 1000;
      out[M_INDEX.networkCapacityTbps * Y + y] = network.capacity[y]! / 1000;
      out[M_INDEX.jobs * Y + y] = opsJobs + constructionJobs(buildingRacks, economics.constructionJobsPerMW);

      if (detail) {
        limits.push(yLimit);
        for (let d = 0; d < dcs.length; d++) {
          const row = dcYears[d]!;
          row.liveRacks.push(dcLive[d]!);
          row.buildingRacks.push(dcBuilding[d]!);
          row.phasesLive.push(dcPhasesLive[d]!);
          row.serverCapacity.push(dcLive[d]! * dcs[d]!.serversPerRack);
          row.occupiedRacks.push(liveRacks > 0 ? (occupied * dcLive[d]!) / liveRacks : 0);
        }
        for (let h = 0; h < H; h++) {
          const row = hubYears[h]!;
          row.demand.push(hubs[h]!.demand[y]!);
          row.migrating.push(hubPool[h]!);
          row.guian.push(hubToG[h]!);
          row.elsewhere.push(hubElse[h]!);
          row.stayEast.push(hubEast[h]!);
          for (let k = 0; k < K; k++) row.competitors[comps[k]!.id]!.push(hubK[h * K + k]!);
          for (let c = 0; c < C; c++) {
            const cls = row.classes[wl[c]!.id]!;
            cls.demand.push(hubs[h]!.demand[y]! * wl[c]!.share);
            cls.guian.push(classG[h * C + c]!);
          }
        }
      }
    }
  }

  // ---- derived metrics (formulas over built-ins), after the loop ----
  if (scenario.metrics.length > 0) {
    const row: Record<string, number> = {};
    for (let y = 0; y < Y; y++) {
      for (let k = 0; k < names.length; k++) row[names[k]!] = out[k * Y + y]!;
      for (let d = 0; d < scenario.metrics.length; d++) {
        const k = METRIC_NAMES.length + d;
        const v = scenario.metrics[d]!.evaluate(row);
        out[k * Y + y] = Number.isFinite(v) ? v : NaN;
        row[names[k]!] = out[k * Y + y]!;
      }
    }
  }

  const result: RunResult = { years, metrics: names, values: out };
  if (detail) {
    targetEvents(scenario, result, events, metAt);
    events.sort((a, b) => a.month - b.month);
    result.detail = { events, datacenters: dcYears, hubs: hubYears, paybackYear, transferLimit: limits };
  }
  return result;
}

/** Target met / missed events, dated at the end of the target's year. */
function targetEvents(scenario: Scenario, result: RunResult, events: SimEvent[], metAt: Map<string, number>): void {
  const Y = result.years.length;
  for (const t of scenario.targets) {
    if (metAt.has(t.id) && metAt.get(t.id)! <= (t.year - result.years[0]!) * 12 + 11) continue; // said in the month it was met
    const k = result.metrics.indexOf(t.metric);
    const y = t.year - result.years[0]!;
    if (k < 0 || y < 0 || y >= Y) continue;
    const v = result.values[k * Y + y]!;
    const met = meetsTarget(t, v);
    // first year the target value was reached, if earlier
    let first = -1;
    for (let i = 0; i <= y; i++) {
      const w = result.values[k * Y + i]!;
      if (meetsTarget(t, w)) {
        first = i;
        break;
      }
    }
    // a floor ("at least") is dated when first reached; a ceiling at the target year
    const month = (met && first >= 0 && t.atLeast !== undefined ? first : y) * 12 + 11;
    events.push({
      month,
      year: result.years[0]! + Math.floor(month / 12),
      kind: met ? 'target-met' : 'target-missed',
      text: met ? `target met: ${t.label}` : `target missed: ${t.label} (${fmtCount(v)} in ${t.year})`,
    });
  }
}

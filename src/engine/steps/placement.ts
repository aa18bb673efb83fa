/**
Demand and placement (docs/model.md §4.3): who occupies Gui'an's racks this month.

1. Owners fill their own-use sites (Apple's iCloud, Tencent's, Huawei's halls
   serve their owners, never the rental market).
2. Guizhou's own demand takes rentable racks first.
3. Eastern work remembers where it went: each pair's placed work keeps its
   place except the share whose contracts expire this month; the expired work
   and the pool's growth choose again by this year's logit shares.
4. Every destination has room: Gui'an its free rentable racks and its network,
   each competitor its capacity. What a full destination turns away goes to the
   other options in proportion to their shares, and finally stays east. A
   destination whose room shrinks below what it holds sends the excess back east.
*/
import { adoption } from '../../model/transfer.js';
import { designPue, type Limit, type PlaceMemo, type SimState } from '../state.js';
import type { Recorder } from './record.js';

const LIMIT_RANK: Record<Limit, number> = { none: 0, racks: 1, network: 2, grid: 3 };

/**
This year's terms (state.ts PlaceMemo), worked out each January (after the
year's shares) and when a fork switches the scenario, with the same arithmetic
as month by month. The active pairs: a pair is left out when it can hold no
work — pool factor 0, a finite demand, finite shares — and holds none: every
value placement computes for it is then +0 all year, and +0 added to a sum
leaves it as it is. Each active pair's demand × pool factor, and each
competitor's room.
*/
function yearly(s: SimState, y: number): PlaceMemo {
  const memo = s.memo.place;
  const sc = s.scenario;
  if (memo.year === y && memo.scenario === sc) return memo;
  memo.year = y;
  memo.scenario = sc;
  const { H, C, K, poolFactor, stockG, stockE, stockT, stockK, shareG, shareE, shareK } = s;
  let n = 0;
  for (let h = 0; h < H; h++) {
    const demand = sc.hubs[h]!.demand[y]!;
    for (let c = 0; c < C; c++) {
      const j = h * C + c;
      let inert = poolFactor[j] === 0 && Number.isFinite(demand) && Object.is(stockG[j]!, 0) && Object.is(stockE[j]!, 0) && Object.is(stockT[j]!, 0);
      inert &&= Number.isFinite(shareG[j]!) && Number.isFinite(shareE[j]!);
      for (let k = 0; k < K && inert; k++) inert = Object.is(stockK[j * K + k]!, 0) && Number.isFinite(shareK[j * K + k]!);
      if (inert) continue;
      memo.pairs[n] = j;
      memo.pairDemand[n++] = demand * poolFactor[j]!;
    }
  }
  memo.n = n;
  for (let k = 0; k < K; k++) {
    const comp = sc.competitors[k]!;
    const gridCap = comp.gridCapacity[y]! < Infinity ? comp.gridCapacity[y]! / (comp.pue * s.kwRackNew) - comp.localLoad[y]! : Infinity;
    memo.compCap[k] = Math.min(comp.capacity[y]!, Math.max(0, gridCap));
    memo.compBind[k] = gridCap < comp.capacity[y]! ? 2 : 1;
  }
  return memo;
}

export function place(s: SimState, m: number, y: number, rec: Recorder): void {
  const sc = s.scenario;
  const { K } = s;
  const dcs = sc.datacenters;

  // 1. owners
  let owner = 0;
  for (let d = 0; d < s.D; d++) {
    if (!s.dcOwnUse[d]) continue;
    const o = Math.min(dcs[d]!.ownerDemand[y]!, s.dcLive[d]!);
    s.dcOccupied[d] = o;
    owner += o;
  }
  s.ownerServed = owner;

  // 2. Guizhou's own demand, then the room left for eastern work
  const rentable = s.rentableRacks;
  s.localServed = Math.min(sc.localDemand[y]!, rentable);
  const eastRoom = rentable - s.localServed;
  const net = sc.network;
  s.netCapRacks = net.perRack > 0 ? (net.capacity[y]! * net.maxUtilization) / net.perRack : Infinity;
  // the grid's room, estimated at last month's nominal facility load per powered rack (the servers step holds it exactly)
  const gridLimit = s.gridKw[m]! / sc.grid.peakFactor;
  let gridRoom = Infinity;
  if (gridLimit < Infinity) {
    const perRack = s.gridRackKw > 0 ? s.gridRackKw : s.kwRackNew * designPue(s);
    if (perRack > 0) gridRoom = Math.max(0, gridLimit / perRack - owner - s.localServed);
  }
  let capG = Math.min(eastRoom, s.netCapRacks, gridRoom);
  // at the horizon start the cluster is as occupied as the scenario says, not as full as demand would make it
  if (m === 0) capG = Math.min(capG, Math.max(0, sc.construction.startOccupancy * rentable - s.localServed));

  // the pair arrays in locals: V8 then keeps them in registers across the typed-array stores (the inner loop's cost)
  const { pool, stockG, stockE, stockT, stockK, shareG, shareE, shareK, newG, newK } = s;
  const { pairs, n: P, pairDemand, compCap, compBind } = yearly(s, y);
  // 3. expiring contracts and new demand choose again
  const A = adoption(m, sc.transfer.initialAdoption, sc.transfer.adoption);
  const keep = 1 - s.expiring;
  let heldG = 0;
  let askG = 0;
  for (let p = 0; p < P; p++) {
    const j = pairs[p]!;
    const poolJ = pairDemand[p]! * A;
    pool[j] = poolJ;
    let g = stockG[j]! * keep;
    let e = stockE[j]! * keep;
    let t = stockT[j]! * keep;
    let kept = g + e;
    for (let k = 0; k < K; k++) kept += stockK[j * K + k]! * keep;
    // a shrinking pool (falling demand) releases work in proportion: it no longer moves
    const fit = kept > poolJ ? (kept > 0 ? poolJ / kept : 0) : 1;
    g *= fit;
    e *= fit;
    t *= fit;
    stockT[j] = t;
    for (let k = 0; k < K; k++) stockK[j * K + k] = stockK[j * K + k]! * keep * fit;
    const free = Math.max(0, poolJ - kept * fit);
    stockG[j] = g;
    stockE[j] = e + free * shareE[j]!;
    newG[j] = free * shareG[j]!;
    for (let k = 0; k < K; k++) newK[j * K + k] = free * shareK[j * K + k]!;
    heldG += g;
    askG += newG[j];
  }

  // 4a. Gui'an's room: evict what no longer fits its racks or network (work under contract keeps
  // its power: the grid only holds back new load), then cap the newcomers
  const capKeep = Math.min(eastRoom, s.netCapRacks, m === 0 ? capG : Infinity);
  if (heldG > capKeep) {
    const f = heldG > 0 ? Math.max(0, capKeep) / heldG : 0;
    for (let p = 0; p < P; p++) {
      const j = pairs[p]!;
      const g = stockG[j]!;
      stockE[j]! += g * (1 - f);
      stockT[j]! += g * (1 - f);
      stockG[j] = g * f;
    }
    heldG = Math.max(0, capKeep);
  }
  const roomG = Math.max(0, capG - heldG);
  s.limit = 'none';
  if (askG > roomG) {
    const ratio = askG > 0 ? roomG / askG : 0;
    s.limit = gridRoom < Math.min(eastRoom, s.netCapRacks) ? 'grid' : s.netCapRacks < eastRoom ? 'network' : 'racks';
    for (let p = 0; p < P; p++) {
      const j = pairs[p]!;
      const spill = newG[j]! * (1 - ratio);
      newG[j] = newG[j]! * ratio;
      if (spill <= 0) continue;
      // to the other options in proportion to their shares (summed directly: 1 − shareG loses digits when it is ≈ 1)
      let others = shareE[j]!;
      for (let k = 0; k < K; k++) others += shareK[j * K + k]!;
      if (others <= 0) {
        stockE[j]! += spill;
        stockT[j]! += spill;
        continue;
      }
      stockE[j]! += (spill * shareE[j]!) / others;
      stockT[j]! += (spill * shareE[j]!) / others;
      for (let k = 0; k < K; k++) newK[j * K + k]! += (spill * shareK[j * K + k]!) / others;
    }
  }
  if (s.limit !== 'none') {
    // the year's limit is the weightiest seen (grid, then network, then racks); the horizon's first
    // month is capped by the scenario's starting occupancy, not by a limit
    if (m > 0 && LIMIT_RANK[s.limit] > LIMIT_RANK[s.yearLimit]) s.yearLimit = s.limit;
    rec.limitReached(s, m, y, s.limit);
  }

  // 4b. each competitor's room, over all hubs: its racks for eastern work, and what its grid can power
  if (m % 12 === 0) s.compLimit.fill(0);
  for (let k = 0; k < K; k++) {
    const cap = compCap[k]!;
    const bind = compBind[k]!;
    let held = 0;
    let ask = 0;
    for (let p = 0; p < P; p++) {
      const j = pairs[p]!;
      held += stockK[j * K + k]!;
      ask += newK[j * K + k]!;
    }
    if (held > cap) {
      const f = held > 0 ? Math.max(0, cap) / held : 0;
      for (let p = 0; p < P; p++) {
        const j = pairs[p]!;
        const v = stockK[j * K + k]!;
        stockE[j]! += v * (1 - f);
        stockT[j]! += v * (1 - f);
        stockK[j * K + k] = v * f;
      }
      held = Math.max(0, cap);
      if (s.compLimit[k]! < bind) s.compLimit[k] = bind;
    }
    const room = Math.max(0, cap - held);
    if (ask > room) {
      const ratio = ask > 0 ? room / ask : 0;
      for (let p = 0; p < P; p++) {
        const j = pairs[p]!;
        const v = newK[j * K + k]!;
        stockE[j]! += v * (1 - ratio);
        stockT[j]! += v * (1 - ratio);
        newK[j * K + k] = v * ratio;
      }
      if (s.compLimit[k]! < bind) s.compLimit[k] = bind;
    }
  }

  // commit
  let transferred = 0;
  for (let p = 0; p < P; p++) {
    const j = pairs[p]!;
    stockG[j]! += newG[j]!;
    transferred += stockG[j]!;
    for (let k = 0; k < K; k++) stockK[j * K + k]! += newK[j * K + k]!;
  }
  s.transferred = transferred;
  s.occupied = owner + s.localServed + transferred;

  // tenants spread over the rentable racks in proportion (one occupancy for every rented site)
  const tenants = s.localServed + transferred;
  for (let d = 0; d < s.D; d++) {
    if (s.dcOwnUse[d]) continue;
    s.dcOccupied[d] = rentable > 0 ? (tenants * s.dcRentable[d]!) / rentable : 0;
  }
}

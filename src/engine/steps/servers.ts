/**
Servers follow occupancy (docs/model.md §3, §12): servers retire after their
lifetime; when tenants leave, their servers leave with them (every class and
card type in proportion), so the installed rack budget never exceeds the
occupied racks; then new servers of this year's mix fill the occupied racks
that have none — unless the grid connection would be exceeded (§11): new load
waits, and if the connection shrank below the load, servers are switched off.

New AI servers are split over the card types offered this year, by their
weights, imported ones scaled by the export controls in force. The grid is
reserved at nominal draw (every AI server busy), as a connection is contracted
at design load, so the metered peak stays below it whatever the utilisation.

Future retirements are kept in "unscaled" units with one running scale, so
shrinking the fleet by a factor shrinks every scheduled retirement with it in
O(1): a retirement in month m is retire[m] × retireScale.
*/
import { aiServerDraw, aiUtilization, importAvailability, importPriceFactor } from '../../model/accelerators.js';
import { keptShare } from '../../model/servers.js';
import { aiRackBudget, type SimState } from '../state.js';
import { overheadTerms } from './energy.js';

export function fitServers(s: SimState, m: number, y: number): void {
  const sc = s.scenario;
  const gen = sc.servers.classes.general;
  const ai = sc.ai;
  const { M, V } = s;
  const M1 = M + 1;
  s.nGen -= s.retireGen[m]! * s.retireScale;
  if (s.nGen < 0) s.nGen = 0;
  for (let v = 0; v < V; v++) {
    const n = s.nAiV[v]! - s.retireAiV[v * M1 + m]! * s.retireScale;
    s.nAiV[v] = n < 0 ? 0 : n;
  }

  const budget = s.nGen * gen.rackShare + aiRackBudget(s);
  const kept = keptShare(budget, s.occupied);
  overheadTerms(s, m % 12);
  s.gridBound = false;
  if (kept < 1) shrink(s, m, kept);
  else {
    const deficit = s.occupied - budget;
    if (deficit > 1e-9) install(s, m, y, deficit);
  }
  // a connection that shrank below the load switches servers off
  const limit = s.gridKw[m]! / sc.grid.peakFactor;
  if (limit < Infinity && s.occupied > 0) {
    const f0 = nominalFacilityKw(s);
    if (f0 > limit) {
      shrink(s, m, limit / f0);
      s.gridBound = true;
    }
  }
  let nAi = 0;
  for (let v = 0; v < V; v++) nAi += s.nAiV[v]!;
  s.nAi = nAi;

  // how busy the AI fleet is, and what it draws
  s.aiWork = ai.training[y]! + ai.inference[y]!;
  let effective = 0;
  for (let v = 0; v < V; v++) effective += (s.nAiV[v]! * s.aiFp16[v]!) / (s.aiDomestic[v] ? ai.domesticPenalty : 1);
  s.aiUtil = aiUtilization(s.aiWork, effective, s.aiDemandGiven);
  let aiKw = 0;
  let domKw = 0;
  for (let v = 0; v < V; v++) {
    const kw = s.nAiV[v]! * aiServerDraw(s.aiKw[v]!, ai.idlePower, s.aiUtil);
    aiKw += kw;
    if (s.aiDomestic[v]) domKw += kw;
  }
  s.aiItKw = aiKw;
  s.aiDomesticKw = domKw;
  s.yAiUtil += s.aiUtil;
  // nominal facility kW per powered rack (racks with servers): what placement's grid estimate divides by
  const powered = s.nGen * gen.rackShare + aiRackBudget(s);
  s.gridRackKw = powered > 0 && s.occupied > 0 ? nominalFacilityKw(s) / powered : 0;
}

/** Keep a share of every server (tenants left, or the grid shrank). */
function shrink(s: SimState, m: number, kept: number): void {
  s.nGen *= kept;
  for (let v = 0; v < s.V; v++) s.nAiV[v]! *= kept;
  if (kept > 0) s.retireScale *= kept;
  else {
    // nothing left: clear the schedule and start the scale afresh
    s.retireGen.fill(0, m + 1);
    s.retireAiV.fill(0);
    s.retireScale = 1;
  }
}

/** Facility load at nominal server draw this month, kW (the same overhead terms as the energy step). */
function nominalFacilityKw(s: SimState): number {
  let aiKw = 0;
  for (let v = 0; v < s.V; v++) aiKw += s.nAiV[v]! * s.aiKw[v]!;
  const genKw = s.nGen * s.scenario.servers.classes.general.power;
  return genKw * (1 + s.ovGen / s.occupied) + aiKw * (1 + s.ovAi / s.occupied);
}

/**
This month's split of new AI servers over the card types offered this year
(into s.aiW), the mean AI server's rack budget and nominal kW (s.mixAiRack,
s.mixAiKw), and the AI share of new servers by count, returned: the year's
share, or 0 when no card is offered (then general servers fill the racks:
tenants install what they can buy).
*/
export function newMix(s: SimState, m: number, y: number): number {
  const ai = s.scenario.ai;
  const V = s.V;
  const avail = importAvailability(ai.exportControls, m);
  let sumW = 0;
  for (let v = 0; v < V; v++) {
    const offered = y >= s.aiFrom[v]! && y <= s.aiUntil[v]!;
    const w = offered ? s.aiWeight[v]! * (s.aiDomestic[v] || ai.cards.length === 0 ? 1 : avail) : 0;
    s.aiW[v] = w;
    sumW += w;
  }
  let rackA = 0;
  let kwA = 0;
  if (sumW > 0) {
    for (let v = 0; v < V; v++) {
      s.aiW[v]! /= sumW;
      rackA += s.aiW[v]! * s.aiRack[v]!;
      kwA += s.aiW[v]! * s.aiKw[v]!;
    }
  }
  s.mixAiRack = rackA;
  s.mixAiKw = kwA;
  return sumW > 0 ? s.scenario.servers.aiShare[y]! : 0;
}

/** New servers of this month's mix into `deficit` occupied racks, as far as the grid allows. */
function install(s: SimState, m: number, y: number, deficit: number): void {
  const sc = s.scenario;
  const gen = sc.servers.classes.general;
  const ai = sc.ai;
  const { M, V } = s;
  const M1 = M + 1;
  const a = newMix(s, m, y);
  const rackA = s.mixAiRack;
  const kwA = s.mixAiKw;
  const perServer = (1 - a) * gen.rackShare + a * rackA;
  let n = deficit / perServer;

  // the grid: the new load at nominal draw may take the month's peak up to the connection, no further
  const limit = s.gridKw[m]! / sc.grid.peakFactor;
  if (limit < Infinity) {
    const occ = s.occupied;
    const f0 = nominalFacilityKw(s);
    const f1 = (1 - a) * gen.power * (1 + s.ovGen / occ) + a * kwA * (1 + s.ovAi / occ);
    const room = f1 > 0 ? Math.max(0, (limit - f0) / f1) : Infinity;
    if (room < n) {
      n = room;
      s.gridBound = true;
    }
  }
  if (n <= 0) return;
  const g = n * (1 - a);
  const nA = n * a;
  s.nGen += g;
  const scale = s.retireScale;
  const priceF = importPriceFactor(ai.exportControls, m);
  const life = sc.servers.classes.ai.lifetime;
  let aiPrice = 0;
  for (let v = 0; v < V; v++) {
    const add = nA * s.aiW[v]!;
    if (add <= 0) continue;
    s.nAiV[v]! += add;
    aiPrice += add * s.aiPrice[v]! * (s.aiDomestic[v] || ai.cards.length === 0 ? 1 : priceF);
    if (m === 0) {
      // the stock at the horizon start has mixed ages: it retires evenly over one lifetime
      for (let r = 1; r <= life && r < M; r++) s.retireAiV[v * M1 + r]! += add / life / scale;
    } else if (m + life < M) s.retireAiV[v * M1 + m + life]! += add / scale;
  }
  if (m === 0) {
    for (let r = 1; r <= gen.lifetime && r < M; r++) s.retireGen[r]! += g / gen.lifetime / scale;
  } else {
    // tenants buy the servers: reported, but not part of the operator's cash flow
    s.serverCapexCum += g * gen.price + aiPrice;
    if (m + gen.lifetime < M) s.retireGen[m + gen.lifetime]! += g / scale;
  }
}

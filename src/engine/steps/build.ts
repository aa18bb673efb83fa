/**
Fund and build (docs/model.md §1): phases go live, new phases start, and the
month's construction money is spent.

A phase starts in the first month at or after its (possibly deferred) planned
start in which (a) its site's occupancy has reached the phase's threshold
(responsive supply; 0 = none) and (b) the budget funds it (condition C1 of
src/model/construction.ts). Phases are funded in planned order: one waiting for
money holds back the later ones (so live racks stay monotone in the budget);
one waiting for its site to fill does not. Cancelled phases never start.
*/
import { canFund } from '../../model/construction.js';
import { rentableRacks } from '../../model/occupancy.js';
import { PHASE_BUILDING, PHASE_CANCELLED, PHASE_LIVE, PHASE_WAITING, type SimState } from '../state.js';
import type { Recorder } from './record.js';

/** Put phase i live in `month` (−1: before the horizon). */
export function goLive(s: SimState, i: number, month: number, rec: Recorder): void {
  const d = s.phDc[i]!;
  const size = s.phSize[i]!;
  s.phState[i] = PHASE_LIVE;
  s.phLiveAt[i] = month < 0 ? 0 : month;
  s.phStartFill[i] = month < 0 ? 1 : 0;
  s.liveRacks += size;
  s.dcPueWeighted[d]! += size * s.phPue[i]!;
  s.serverCapacity += size * s.scenario.datacenters[d]!.serversPerRack;
  if (s.dcPhasesLive[d] === 0) s.dcOperational++;
  s.dcPhasesLive[d]! += 1;
  s.phasesLive++;
  s.dcLive[d]! += size;
  const complete = s.dcPhasesLive[d]! + s.dcPhasesCancelled[d]! === s.dcPhases[d]!;
  if (complete) s.dcComplete++;
  if (month >= 0) rec.phaseLive(s, i, month, complete);
}

/** Phases live before the horizon go live at once; phases begun before it are under way at month 0. */
export function startBeforeHorizon(s: SimState, rec: Recorder): void {
  const dcs = s.scenario.datacenters;
  for (let i = 0; i < s.P; i++) {
    if (s.phState[i] === PHASE_CANCELLED) continue;
    const ph = dcs[s.phDc[i]!]!.phases[s.phIdx[i]!]!;
    if (!ph.preexisting && s.phStart[i]! >= 0) continue;
    const liveAt = ph.preexisting ? 0 : s.phStart[i]! + s.phBuild[i]!;
    if (ph.preexisting || liveAt <= 0) goLive(s, i, -1, rec);
    else {
      s.phState[i] = PHASE_BUILDING;
      s.phLiveAt[i] = liveAt;
      s.committed += s.phCapex[i]!;
      s.buildingRacks += s.phSize[i]!;
      s.dcBuilding[s.phDc[i]!]! += s.phSize[i]!;
    }
  }
  advanceNext(s);
}

function advanceNext(s: SimState): void {
  while (s.nextPhase < s.P && s.phState[s.nextPhase] !== PHASE_WAITING) s.nextPhase++;
}

/** Occupied share of a site's racks open to tenants (own-use sites: of their live racks). */
export function siteOccupancy(s: SimState, d: number): number {
  const cap = s.dcOwnUse[d] ? s.dcLive[d]! : s.dcRentable[d]!;
  return cap > 0 ? s.dcOccupied[d]! / cap : 0;
}

export function fundAndBuild(s: SimState, m: number, rec: Recorder): void {
  const memo = s.memo.build;
  if (memo.scenario !== s.scenario) {
    memo.scenario = s.scenario;
    memo.nextLive = -Infinity;
    memo.spendValid = memo.rentSettled = false;
  }
  // go-lives (none before the earliest month a building phase is due)
  if (m >= memo.nextLive) {
    let next = Infinity;
    for (let i = 0; i < s.P; i++) {
      if (s.phState[i] !== PHASE_BUILDING) continue;
      if (s.phLiveAt[i] === m) {
        s.buildingRacks -= s.phSize[i]!;
        s.dcBuilding[s.phDc[i]!]! -= s.phSize[i]!;
        goLive(s, i, m, rec);
        memo.spendValid = memo.rentSettled = false;
      } else if (s.phLiveAt[i]! < next) next = s.phLiveAt[i]!;
    }
    memo.nextLive = next;
  }
  // new starts, in planned order
  let blocked = 0;
  for (let i = s.nextPhase; i < s.P; i++) {
    if (s.phState[i] !== PHASE_WAITING) continue;
    if (s.phStart[i]! > m) break;
    if (s.phMinOccupancy[i]! > 0 && siteOccupancy(s, s.phDc[i]!) < s.phMinOccupancy[i]!) continue;
    const b = s.phBuild[i]!;
    if (!canFund(s.committed, s.phCapex[i]!, s.release, m + b)) {
      for (let j = i; j < s.P; j++) if (s.phState[j] === PHASE_WAITING && s.phStart[j]! <= m) blocked++;
      break;
    }
    s.phState[i] = PHASE_BUILDING;
    s.phLiveAt[i] = m + b;
    s.committed += s.phCapex[i]!;
    s.buildingRacks += s.phSize[i]!;
    s.dcBuilding[s.phDc[i]!]! += s.phSize[i]!;
    if (m + b < memo.nextLive) memo.nextLive = m + b;
    memo.spendValid = false;
  }
  advanceNext(s);
  if (blocked > 0 && !s.waiting) rec.budgetWait(s, m, blocked);
  if (blocked === 0 && s.waiting) rec.budgetResume(s, m);
  s.waiting = blocked > 0;
  s.blocked = blocked;

  // spending: each building phase spends evenly over its build (phases begun before the horizon, their
  // in-horizon months); the same sum until a phase starts or goes live
  if (!memo.spendValid) {
    let spend = 0;
    for (let i = 0; i < s.P; i++) {
      if (s.phState[i] !== PHASE_BUILDING) continue;
      spend += s.phCapex[i]! / Math.min(s.phBuild[i]!, s.phLiveAt[i]!);
    }
    memo.spend = spend;
    memo.spendValid = true;
  }
  const spend = memo.spend;
  s.spend = spend;
  s.capexCum += spend;
  s.yCapex += spend;

  // racks open to tenants: each live hall's ramp (own-use sites rent nothing); once every hall is at its full
  // ramp (its size) the sums stay as they are until the next hall goes live (a ramp only grows with the months)
  if (memo.rentSettled) return;
  const fill = s.scenario.construction.fillMonths;
  let settled = true;
  // a loop, not TypedArray#fill: for a dozen sites the builtin's call cost more than the stores
  for (let d = 0; d < s.D; d++) s.dcRentable[d] = 0;
  for (let i = 0; i < s.P; i++) {
    if (s.phState[i] !== PHASE_LIVE) continue;
    const d = s.phDc[i]!;
    if (s.dcOwnUse[d]) continue;
    const r = rentableRacks(s.phSize[i]!, m - s.phLiveAt[i]!, fill, s.phStartFill[i]!);
    s.dcRentable[d]! += r;
    if (r !== s.phSize[i]) settled = false;
  }
  let rentable = 0;
  for (let d = 0; d < s.D; d++) rentable += s.dcRentable[d]!;
  s.rentableRacks = rentable;
  memo.rentSettled = settled;
}

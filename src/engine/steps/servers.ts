/**
Servers follow occupancy (docs/model.md §3): servers retire after their
lifetime; when tenants leave, their servers leave with them (both classes in
proportion), so the installed rack budget never exceeds the occupied racks;
then new servers of this year's mix fill the occupied racks that have none.

Future retirements are kept in "unscaled" units with one running scale, so
shrinking the fleet by a factor shrinks every scheduled retirement with it in
O(1): a retirement in month m is retire[m] × retireScale.
*/
import { keptShare } from '../../model/servers.js';
import type { SimState } from '../state.js';

export function fitServers(s: SimState, m: number): void {
  const { general: gen, ai } = s.scenario.servers.classes;
  const M = s.M;
  s.nGen -= s.retireGen[m]! * s.retireScale;
  s.nAi -= s.retireAi[m]! * s.retireScale;
  if (s.nGen < 0) s.nGen = 0;
  if (s.nAi < 0) s.nAi = 0;

  const budget = s.nGen * gen.rackShare + s.nAi * ai.rackShare;
  const kept = keptShare(budget, s.occupied);
  if (kept < 1) {
    s.nGen *= kept;
    s.nAi *= kept;
    if (kept > 0) s.retireScale *= kept;
    else {
      // nothing left: clear the schedule and start the scale afresh
      s.retireGen.fill(0, m + 1);
      s.retireAi.fill(0, m + 1);
      s.retireScale = 1;
    }
    return;
  }

  const deficit = s.occupied - budget;
  if (deficit <= 1e-9) return;
  const n = deficit / s.rackBudgetNew;
  const g = n * (1 - s.aiShare);
  const a = n * s.aiShare;
  s.nGen += g;
  s.nAi += a;
  const scale = s.retireScale;
  if (m === 0) {
    // the stock at the horizon start has mixed ages: it retires evenly over one lifetime
    for (let r = 1; r <= gen.lifetime && r < M; r++) s.retireGen[r]! += g / gen.lifetime / scale;
    for (let r = 1; r <= ai.lifetime && r < M; r++) s.retireAi[r]! += a / ai.lifetime / scale;
  } else {
    // tenants buy the servers: reported, but not part of the operator's cash flow
    s.serverCapexCum += g * gen.price + a * ai.price;
    if (m + gen.lifetime < M) s.retireGen[m + gen.lifetime]! += g / scale;
    if (m + ai.lifetime < M) s.retireAi[m + ai.lifetime]! += a / scale;
  }
}

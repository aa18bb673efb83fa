/**
Server classes, the mix of new servers, and servers following occupancy
(docs/model.md §3).

The AI share is by count. A server takes `rackShare` standard racks of budget
and draws `power` kW on average; a class never draws more than a standard
rack's 2.5 kW per rack of budget (the loader checks), so servers that fit in
the occupied racks keep IT load per occupied rack ≤ 2.5 kW.
*/
import type { ServerClass } from '../scenario/types.js';

/** Standard racks one new server takes on average, given the AI share by count. */
export function rackBudgetPerServer(aiShare: number, general: Pick<ServerClass, 'rackShare'>, ai: Pick<ServerClass, 'rackShare'>): number {
  return (1 - aiShare) * general.rackShare + aiShare * ai.rackShare;
}

/** Average IT kW per occupied standard rack for a mix of new servers. */
export function kwPerRack(aiShare: number, general: Pick<ServerClass, 'power' | 'rackShare'>, ai: Pick<ServerClass, 'power' | 'rackShare'>): number {
  const kw = (1 - aiShare) * general.power + aiShare * ai.power;
  return kw / rackBudgetPerServer(aiShare, general, ai);
}

/**
Share of the installed servers that stay when occupancy falls: the installed
rack budget may not exceed the occupied racks, so when tenants leave their
servers go with them (both classes in proportion).

@example
keptShare(120, 100); // => 100/120 ≈ 0.8333
keptShare(80, 100);  // => 1 (room to spare: nothing leaves)
*/
export function keptShare(installedRackBudget: number, occupiedRacks: number): number {
  if (installedRackBudget <= occupiedRacks || installedRackBudget <= 0) return 1;
  return Math.max(0, occupiedRacks) / installedRackBudget;
}

/**
Server classes and the mix of new servers (docs/model.md §3).

The AI share is by count. A server takes `rackShare` standard racks of budget
and draws `power` kW on average.
*/
import type { ServerClass } from '../scenario/types.js';

/** Standard racks one new server takes on average, given the AI share by count. */
export function rackBudgetPerServer(aiShare: number, general: ServerClass, ai: ServerClass): number {
  return (1 - aiShare) * general.rackShare + aiShare * ai.rackShare;
}

/** Average IT kW per occupied standard rack for a mix of new servers. */
export function kwPerRack(aiShare: number, general: ServerClass, ai: ServerClass): number {
  const kw = (1 - aiShare) * general.power + aiShare * ai.power;
  return kw / rackBudgetPerServer(aiShare, general, ai);
}

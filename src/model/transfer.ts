/**
East-to-west transfer (docs/model.md §4).

For hub h and workload class c the migrating pool is

  pool(h,c,m) = demand_h(y) · share_c · movable_c · A(m),  A(m) = 1 − (1 − a₀)·e^(−m/τ)

(zero if no western option is within the class's latency tolerance). New
placements — the pool's growth and the contracts expiring this month
(src/model/contracts.ts) — choose among staying east, Gui'an and the competitor
clusters reachable within tolerance by a multinomial logit over what a tenant
pays per standard rack-month (src/model/pricing.ts):

  cost_o = tenant cost_o + [away] (transit + latencyCost · latency_o) − incentive_o
  P_o    = exp(−β cost_o) / Σ exp(−β cost_k)

Each destination has a capacity; what a full destination turns away goes to the
others in proportion to their choice probabilities, so Gui'an + elsewhere +
stay-east = pool always holds.
*/

/** First-order adoption share A(m). */
export function adoption(month: number, initial: number, timeConstant: number): number {
  if (timeConstant <= 0) return 1;
  return 1 - (1 - initial) * Math.exp(-month / timeConstant);
}

/**
Generalised monthly cost of serving a rack of work at a site away from its hub, CNY.

@example
awayCost(3500, 400, 40, 20, 0); // => 3500 + 400 + 40 × 20 = 4700
*/
export function awayCost(tenantCost: number, transit: number, latencyCost: number, latencyMs: number, incentive: number): number {
  return tenantCost + transit + latencyCost * latencyMs - incentive;
}

/**
Logit weight of an option relative to a reference cost (subtracting the reference
keeps `exp` in range for any sensitivity).
*/
export function logitWeight(cost: number, referenceCost: number, sensitivity: number): number {
  return Math.exp(-sensitivity * (cost - referenceCost));
}

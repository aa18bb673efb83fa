/**
East-to-west transfer (docs/model.md §4).

For hub h and workload class c the migrating pool is

  pool(h,c,m) = demand_h(y) · share_c · movable_c · A(m),  A(m) = 1 − (1 − a₀)·e^(−m/τ)

(zero if no western option is within the class's latency tolerance). The pool
chooses among staying east, Gui'an and the competitor clusters reachable within
tolerance by a multinomial logit over the cost per rack-month:

  cost_o = price_o · PUE_o · kW/rack · 730 h + rent_o + [away] (transit + latencyCost · latency_o) − incentive_o
  P_o    = exp(−β cost_o) / Σ exp(−β cost_k)

Gui'an's take is then capped by its free racks and its network capacity; what
the cap turns away is shared among the other options in proportion to their
choice probabilities, so Gui'an + elsewhere + stay-east = pool always holds.
*/

/** First-order adoption share A(m). */
export function adoption(month: number, initial: number, timeConstant: number): number {
  if (timeConstant <= 0) return 1;
  return 1 - (1 - initial) * Math.exp(-month / timeConstant);
}

/** Monthly power cost of one standard rack at a site, CNY. */
export function powerCostPerRackMonth(price: number, pue: number, kwPerRack: number): number {
  return price * pue * kwPerRack * 730;
}

/** Generalised monthly cost of serving a rack of work at a site away from its hub, CNY. */
export function awayCost(powerCost: number, rent: number, transit: number, latencyCost: number, latencyMs: number, incentive: number): number {
  return powerCost + rent + transit + latencyCost * latencyMs - incentive;
}

/**
Logit weight of an option relative to a reference cost (subtracting the reference
keeps `exp` in range for any sensitivity).
*/
export function logitWeight(cost: number, referenceCost: number, sensitivity: number): number {
  return Math.exp(-sensitivity * (cost - referenceCost));
}

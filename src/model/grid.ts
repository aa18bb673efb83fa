/**
The grid connection and the power bill's parts (docs/model.md §11).

A cluster's connection capacity is a yearly figure plus the substations
energised by the month. The facility's monthly peak — its mean load times a
peak factor — may not exceed it; new servers wait when it would.

The tariff has an energy charge (price × kWh) and, where a scenario sets one, a
capacity charge per kVA of the month's peak demand (a two-part tariff, as for
large industrial users in China). Policy subsidies pay a share of the bill from
a month on; one for "DCs on domestic chips" pays only on the domestic cards'
share of the load (docs/sources.md §11.3).
*/
import type { Subsidy, Substation } from '../scenario/types.js';

/**
Connection capacity in `month`, kW: the year's capacity plus every substation
energised by then.
@example
gridCapacityKw(400_000, [{ id: 's', month: 50, capacity: 220_000 }], 51); // => 620000
*/
export function gridCapacityKw(yearCapacityKw: number, substations: readonly Substation[], month: number): number {
  let kw = yearCapacityKw;
  for (const b of substations) if (b.month <= month) kw += b.capacity;
  return kw;
}

/** Monthly capacity charge, CNY: peak kW converted to kVA at the power factor, times the charge per kVA-month. */
export function capacityChargeCNY(peakKw: number, powerFactor: number, chargePerKva: number): number {
  return chargePerKva > 0 ? (peakKw / powerFactor) * chargePerKva : 0;
}

/**
Share of the month's power bill paid by subsidies: each active one pays its
share, of the domestic cards' share of the load when it is for domestic chips
only; together at most 1.
@example
subsidyShare([{ id: 'x', month: 70, until: Infinity, share: 0.5, domesticOnly: true }], 71, 0.8); // => 0.4
*/
export function subsidyShare(subsidies: readonly Subsidy[], month: number, domesticLoadShare: number): number {
  let s = 0;
  for (const b of subsidies) if (month >= b.month && month <= b.until) s += b.share * (b.domesticOnly ? domesticLoadShare : 1);
  return Math.min(1, s);
}

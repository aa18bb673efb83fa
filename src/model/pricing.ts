/**
What a tenant pays for a standard rack of work at a site, one rule used by the
choice model, the east-run counterfactual and the operator's cash flow
(docs/model.md §4).

Rents are quoted in two ways: with power included (the tenant pays one price per
rack and the operator buys the power), or without (the tenant also pays the
metered power bill, IT energy × PUE × price). Each region says which; adding the
power bill on top of a rent that already includes it counts power twice.

Quotes are usually per physical rack of 4–6 kW; the model's unit is the 2.5-kW
standard rack, so a quote converts by 2.5 / (the quoted rack's kW).
*/
import { HOURS_PER_MONTH, KW_PER_STANDARD_RACK } from './constants.js';

/**
Rent per standard rack from a quote per rack of `rackKw` kW.

@example
rentPerStandardRack(7500, 5); // => 3750  (a 5-kW rack is two standard racks)
*/
export function rentPerStandardRack(rentPerRack: number, rackKw: number): number {
  return (rentPerRack * KW_PER_STANDARD_RACK) / rackKw;
}

/**
Monthly power bill of the work in one occupied standard rack: IT kW × PUE × 730 h × price.

@example
powerBillPerRackMonth(0.35, 1.2, 1.75); // => 0.35 × 1.2 × 1.75 × 730 = 536.55 CNY
*/
export function powerBillPerRackMonth(price: number, pue: number, itKwPerRack: number): number {
  return price * pue * itKwPerRack * HOURS_PER_MONTH;
}

/**
What the tenant pays per standard rack-month at a site: the rent, plus the power
bill only where the rent does not include it.

@example
tenantCostPerRackMonth(3000, false, 536.55); // => 3536.55
tenantCostPerRackMonth(3000, true, 536.55);  // => 3000
*/
export function tenantCostPerRackMonth(rent: number, rentIncludesPower: boolean, powerBill: number): number {
  return rentIncludesPower ? rent : rent + powerBill;
}

/**
The operator's revenue per occupied standard rack-month: the rent, and the power
bill it passes through where the rent excludes power (its opex pays the power
either way).
*/
export function operatorRevenuePerRackMonth(rent: number, rentIncludesPower: boolean, powerBill: number): number {
  return tenantCostPerRackMonth(rent, rentIncludesPower, powerBill);
}

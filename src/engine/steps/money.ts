/**
Money and jobs (docs/model.md §6): the operators' monthly cash flow — what
tenants pay (src/model/pricing.ts: rent, and the power bill where the rent
excludes it; own-use racks are valued at the same rent), less power for every
site, O&M per live rack and operations wages, less construction spending —
discounted into the NPV; the payback year; jobs.
*/
import { operationsJobs } from '../../model/finance.js';
import { capacityChargeCNY, subsidyShare } from '../../model/grid.js';
import { operatorRevenuePerRackMonth, powerBillPerRackMonth } from '../../model/pricing.js';
import type { SimState } from '../state.js';

export function money(s: SimState, m: number, y: number): void {
  const { economics, energy } = s.scenario;
  // the energy charge net of any subsidy in force (docs/model.md §11.3)
  const sub = energy.subsidies.length > 0 ? subsidyShare(energy.subsidies, m, s.itKw > 0 ? s.aiDomesticKw / s.itKw : 0) : 0;
  const price = energy.electricityPrice[y]! * (1 - sub);
  s.yPowerSubsidy += s.monthKwh * energy.electricityPrice[y]! * sub;
  // the tenant's power bill, at this month's IT per occupied rack and PUE (energyAndCarbon has set both)
  const powerBill = powerBillPerRackMonth(price, s.pueMonth, s.kwPerOccupied);
  s.opsJobs = operationsJobs(s.liveRacks, economics.opsJobsPer1000Racks);
  const opex =
    s.monthKwh * price + capacityChargeCNY(s.peakKw, energy.powerFactor, energy.capacityCharge) + economics.om * s.liveRacks + (s.opsJobs * economics.wage) / 12;
  const revenue = s.occupied * operatorRevenuePerRackMonth(economics.rent, economics.rentIncludesPower, powerBill);
  s.yOpex += opex;
  s.yRevenue += revenue;
  const cash = revenue - opex - s.spend;
  s.discount *= s.monthlyDiscount;
  s.npv += cash * s.discount;
  s.cumCash += cash;
  if (s.paybackYear === null && s.cumCash >= 0 && m > 0 && s.capexCum > 0) s.paybackYear = s.scenario.horizon.start + y;
  else if (s.cumCash < 0) s.paybackYear = null;
}

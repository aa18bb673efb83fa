/**
Energy and carbon (docs/model.md §5), and the east-run counterfactual.

IT load is the installed servers' draw. Each site's overhead (cooling, power
distribution) has a fixed part that an empty hall still pays and a part that
follows its IT load (src/model/energy.ts):

  overhead_d = (PUE_d − 1) · IT_full,d · (f + (1 − f) · u_d) · climate(month)

where PUE_d is the live halls' design PUE (by vintage), u_d the site's
occupied share, IT_full,d its racks × this month's IT per occupied rack, and f
the fixed share. Facility energy = IT + Σ overheads; the month's PUE is their
ratio (capped by a PUE rule). Carbon is counted on both bases.

The counterfactual runs the same work — Gui'an's eastern racks at this month's
IT per rack — in its home hub: the hub's PUE for new capacity, its grid, its
green share, and what a tenant pays there under the hub's rent rule.
*/
import { HOURS_PER_MONTH } from '../../model/constants.js';
import { carbonLocationKg, carbonMarketKg, monthlyPue } from '../../model/energy.js';
import { powerBillPerRackMonth, tenantCostPerRackMonth } from '../../model/pricing.js';
import { designPue, type SimState } from '../state.js';

/**
The month's overhead terms (ovGen, ovAi on the state): the sum over sites of
(PUE_d − 1)(f·live_d + (1 − f)·occupied_d) × climate, with the halls' design
PUE, and with the AI load's PUE when the scenario sets one (liquid-cooled AI
halls, docs/model.md §12). Overhead = (general IT × ovGen + AI IT × ovAi) /
occupied racks: per site, the occupied share of IT × its PUE term, as in the
formula above, since servers spread over the occupied racks.
*/
export function overheadTerms(s: SimState, mo: number): void {
  const { energy, ai } = s.scenario;
  const climate = Math.max(0, 1 + energy.pueTempSensitivity * (energy.monthlyTemp[mo]! - s.meanTemp));
  const f = energy.pueFixedShare;
  let gen = 0;
  let load = 0;
  for (let d = 0; d < s.D; d++) {
    const live = s.dcLive[d]!;
    if (live <= 0) continue;
    const pueD = s.dcPueWeighted[d]! / live;
    const w = live * (f + (1 - f) * Math.min(1, s.dcOccupied[d]! / live));
    gen += (pueD - 1) * w;
    load += w;
  }
  s.ovGen = gen * climate;
  s.ovAi = ai.pue > 0 ? (ai.pue - 1) * load * climate : s.ovGen;
}

export function energyAndCarbon(s: SimState, m: number, y: number): void {
  const sc = s.scenario;
  const { energy, servers, economics, transfer } = sc;
  const mo = m % 12;
  const genKw = s.nGen * servers.classes.general.power;
  const itKw = genKw + s.aiItKw;
  s.itKw = itKw;
  // IT per occupied rack: of the servers installed, or of new servers while none are
  const kwPerOcc = s.occupied > 0 && itKw > 0 ? itKw / s.occupied : s.kwRackNew;
  s.kwPerOccupied = kwPerOcc;
  // empty halls still pay their fixed overhead, at the IT per rack new servers would bring
  let overhead = s.occupied > 0 && itKw > 0 ? (genKw * s.ovGen + s.aiItKw * s.ovAi) / s.occupied : kwPerOcc * s.ovGen;
  let pue = itKw > 0 ? 1 + overhead / itKw : monthlyPue(designPue(s), energy.pueTempSensitivity, energy.monthlyTemp[mo]!, s.meanTemp, 0);
  if (energy.pueCap > 0 && pue > energy.pueCap) {
    pue = energy.pueCap;
    overhead = (pue - 1) * itKw;
  }
  // the connection caps the draw: an empty hall's idle overhead cannot exceed it either
  const gridLimit = s.gridKw[m]! / sc.grid.peakFactor;
  if (itKw + overhead > gridLimit) overhead = Math.max(0, gridLimit - itKw);
  s.pueMonth = pue;
  s.facilityKw = itKw + overhead;
  s.peakKw = s.facilityKw * sc.grid.peakFactor;
  if (s.peakKw > s.yPeakKw) s.yPeakKw = s.peakKw;
  const itKwh = itKw * HOURS_PER_MONTH;
  const eKwh = itKwh + overhead * HOURS_PER_MONTH;
  // the year's location-based factor shaped by the month's generation mix (wet-season hydro, dry-season coal)
  const grid = energy.gridFactor[y]! * energy.gridMonthly[mo]!;
  const green = energy.greenShare[y]!;
  // the residual mix follows the same generation: shaped alike, it stays ≥ the location factor every month
  const residual = energy.residualFactor[y]! * energy.gridMonthly[mo]!;
  s.gridFactorMonth = grid;
  s.monthKwh = eKwh;
  s.monthCarbon = carbonLocationKg(eKwh, grid);
  s.monthCarbonMarket = carbonMarketKg(eKwh, residual, green);
  s.yEnergy += eKwh;
  s.yItEnergy += itKwh;
  s.yCarbon += s.monthCarbon;
  s.yCarbonMarket += s.monthCarbonMarket;
  s.yWater += itKwh * energy.wue;

  // the same work run in the east
  if (s.transferred <= 0) return;
  const price = energy.electricityPrice[y]!;
  const west = tenantCostPerRackMonth(economics.rent, economics.rentIncludesPower, powerBillPerRackMonth(price, pue, kwPerOcc)) + transfer.transit;
  const kwhPerRack = kwPerOcc * HOURS_PER_MONTH;
  const westLoc = kwhPerRack * pue * grid;
  const westMkt = kwhPerRack * pue * (1 - green) * residual;
  const { H, C } = s;
  for (let h = 0; h < H; h++) {
    let t = 0;
    for (let c = 0; c < C; c++) t += s.stockG[h * C + c]!;
    if (t <= 0) continue;
    const hub = sc.hubs[h]!;
    const east = tenantCostPerRackMonth(hub.rent, hub.rentIncludesPower, powerBillPerRackMonth(hub.electricityPrice[y]!, hub.pue, kwPerOcc));
    s.ySaved += t * (east - west);
    s.yCarbonSaved += t * (kwhPerRack * hub.pue * hub.gridFactor[y]! - westLoc);
    s.yCarbonSavedMarket += t * (kwhPerRack * hub.pue * (1 - hub.greenShare[y]!) * hub.residualFactor[y]! - westMkt);
  }
}

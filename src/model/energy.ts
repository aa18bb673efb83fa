/**
Energy, PUE, carbon and water (docs/model.md §5).

PUE has three parts:
- the hall's design PUE, by vintage (a phase may state its own; newer halls are better);
- part load: cooling, UPS and distribution losses have a fixed part that does
  not shrink with the IT load, so a half-empty hall runs at a worse PUE:
    PUE(u) = 1 + (PUE_d − 1) · (f / u + 1 − f),  u = occupied / live racks, f = fixed share
  (u is floored at 5 % so an almost empty hall does not divide by zero);
- the climate: the overhead scales by 1 + k·(T_month − T_mean); a cap bounds it.

Carbon is reported on both bases of the GHG Protocol Scope 2 guidance:
- location-based: facility energy × the provincial grid's average factor (which
  already contains the grid's own hydro, wind and solar — green power is not
  subtracted from it);
- market-based: contracted green power at zero, the rest at the residual-mix
  factor (the grid with the contracted green power taken out, ≥ the average).
*/

/** Lowest utilisation the part-load curve is evaluated at. */
export const MIN_PART_LOAD = 0.05;

/**
PUE at utilisation `u` of a hall with design PUE `designPue` at full load.

@example
partLoadPue(1.2, 1, 0.35);   // => 1.2        (full: the design value)
partLoadPue(1.2, 0.5, 0.35); // => 1 + 0.2 × (0.7 + 0.65) = 1.27
partLoadPue(1.2, 0.3, 0.35); // => 1 + 0.2 × (1.1667 + 0.65) ≈ 1.3633
*/
export function partLoadPue(designPue: number, utilisation: number, fixedShare: number): number {
  const u = Math.min(1, Math.max(MIN_PART_LOAD, utilisation));
  return 1 + (designPue - 1) * (fixedShare / u + 1 - fixedShare);
}

/**
The month's PUE: the part-load PUE with its overhead scaled by the month's
temperature, then capped.

@example
monthlyPue(1.2, 0.03, 24, 15, 0); // => 1 + 0.2 × (1 + 0.03 × 9) = 1.254
*/
export function monthlyPue(pueAtLoad: number, sensitivity: number, temp: number, meanTemp: number, cap: number): number {
  const pue = 1 + (pueAtLoad - 1) * Math.max(0, 1 + sensitivity * (temp - meanTemp));
  return cap > 0 && pue > cap ? cap : pue;
}

/** Facility energy, kWh, of an IT load (kW) over `hours`. */
export function facilityEnergy(itKw: number, pue: number, hours: number): number {
  return itKw * pue * hours;
}

/**
Location-based CO2, kg: energy × the grid's average factor.

@example
carbonLocationKg(1000, 0.5); // => 500
*/
export function carbonLocationKg(energyKwh: number, gridFactor: number): number {
  return energyKwh * gridFactor;
}

/**
Market-based CO2, kg: contracted green power at zero, the rest at the residual-mix factor.

@example
carbonMarketKg(1000, 0.6, 0.25); // => 1000 × 0.75 × 0.6 = 450
carbonMarketKg(1000, 0.6, 1);    // => 0
*/
export function carbonMarketKg(energyKwh: number, residualFactor: number, greenShare: number): number {
  return energyKwh * (1 - greenShare) * residualFactor;
}

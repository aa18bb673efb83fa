/**
Energy, PUE, carbon and water (docs/model.md §5).

Monthly PUE follows the climate: the overhead (PUE − 1) scales by
1 + k·(T_month − T_mean), so cooler months need less cooling; a regulatory cap
bounds it. Facility energy = IT load × PUE × hours.
*/

export function monthlyPue(designPue: number, sensitivity: number, temp: number, meanTemp: number, cap: number): number {
  const pue = 1 + (designPue - 1) * Math.max(0, 1 + sensitivity * (temp - meanTemp));
  return cap > 0 && pue > cap ? cap : pue;
}

/** Facility energy, kWh, of an IT load (kW) over `hours`. */
export function facilityEnergy(itKw: number, pue: number, hours: number): number {
  return itKw * pue * hours;
}

/** CO2, kg, of grid energy net of the green share. */
export function carbonKg(energyKwh: number, gridFactor: number, greenShare: number): number {
  return energyKwh * gridFactor * (1 - greenShare);
}

/**
Construction and funding of data-center phases (docs/model.md §1).

Phases are funded in strict planned order: a phase starts in the first month m
at or after its planned start (and after the previous phase started) in which

  committed + capex ≤ released(m + build)                              (C1)

i.e. the money released by the time the phase completes covers every phase
committed so far plus this one. Strict order makes live racks monotone in the
budget: each phase's start is a max over conditions that only relax when the
budget grows.
*/

/** Budget released through the end of each month, CNY: `total × profile[year]` spread evenly over the year's months. */
export function cumulativeRelease(total: number, profile: Float64Array, months: number, out: Float64Array): void {
  let cum = 0;
  for (let m = 0; m < out.length; m++) {
    const y = Math.floor(m / 12);
    if (m < months && y < profile.length) cum += (total * (profile[y] ?? 0)) / 12;
    out[m] = cum;
  }
}

/** Build duration in whole months after applying the delay factor (at least one month). */
export function buildMonths(plannedBuild: number, delayFactor: number): number {
  return Math.max(1, Math.round(plannedBuild * delayFactor));
}

/**
Capex of a phase that falls inside the horizon: a phase begun before the horizon
spends evenly over its build, so only the months from 0 on count (the rest is sunk).
*/
export function inHorizonCapex(capex: number, start: number, build: number): number {
  if (start >= 0) return capex;
  const remaining = Math.max(0, start + build);
  return (capex * Math.min(build, remaining)) / build;
}

/** Condition (C1). `release` is indexed by month; months beyond it hold the last value. */
export function canFund(committed: number, capex: number, release: Float64Array, completionMonth: number): boolean {
  const i = Math.min(release.length - 1, Math.max(0, completionMonth));
  // a relative tolerance keeps "exactly the budget" from failing on rounding
  return committed + capex <= (release[i] ?? 0) * (1 + 1e-9) + 1e-6;
}

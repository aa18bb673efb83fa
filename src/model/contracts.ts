/**
Placed work remembers where it went (docs/model.md §4.3).

Work that moves signs a contract of `contractYears`; contracts are spread
evenly over their ages, so each month a share 1 / (12 · contractYears) of every
destination's stock expires and chooses again, together with new demand. When
an incentive ends, a destination can therefore lose at most the expiring share
in a year: 1 − (1 − 1/(12 L))^12 ≤ 1/L.
*/

/**
Share of a stock whose contracts expire in one month.

@example
expiringShare(5);  // => 1/60 ≈ 0.01667
expiringShare(0);  // => 1 (no contracts: everything chooses again every month)
*/
export function expiringShare(contractYears: number): number {
  return contractYears > 0 ? Math.min(1, 1 / (12 * contractYears)) : 1;
}

/**
The most of a stock that can leave in a year when every expiring contract goes elsewhere.

@example
yearlyTurnover(5); // => 1 − (59/60)^12 ≈ 0.1826
*/
export function yearlyTurnover(contractYears: number): number {
  return 1 - (1 - expiringShare(contractYears)) ** 12;
}

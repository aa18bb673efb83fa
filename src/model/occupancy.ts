/**
How new halls fill (docs/model.md §2.2).

A hall that goes live is not full the next month: customers sign and move in
over years. A phase's rentable racks ramp linearly over `fillMonths` after
go-live, from `startFill` (a phase live before the horizon starts at the
cluster's starting occupancy). Occupied racks are capped by the sum of the
ramps, so a new phase adds capacity that fills gradually.
*/

/**
Racks of a phase open to tenants `monthsLive` months after go-live.

@example
rentableRacks(10_000, 0, 36, 0);   // => 0
rentableRacks(10_000, 18, 36, 0);  // => 5,000
rentableRacks(10_000, 12, 36, 0.4); // => 10,000 × (0.4 + 12/36) ≈ 7,333
rentableRacks(10_000, 60, 36, 0);  // => 10,000
*/
export function rentableRacks(size: number, monthsLive: number, fillMonths: number, startFill: number): number {
  if (monthsLive < 0) return 0;
  if (fillMonths <= 0) return size;
  return size * Math.min(1, startFill + monthsLive / fillMonths);
}

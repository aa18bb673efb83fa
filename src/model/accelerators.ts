/**
Accelerator cards by vintage (docs/model.md §12): which cards new AI servers
carry in a month, what export controls do to imported ones, how busy the fleet
is given the AI work sent to it, and what it then draws.

Export controls act from their month on and compound: each multiplies imported
cards' weight among new purchases by its `availability` and their price by its
`priceFactor` (controls in 2022, 2023 and 2025 tightened one after another,
docs/sources.md §11.2).
*/
import type { ExportControl } from '../scenario/types.js';

/**
Availability of imported cards in `month`, 0–1: the product of the controls in
force (sorted by month).
@example
importAvailability([{ id: 'a', month: 33, availability: 0.5, priceFactor: 1.2 }, { id: 'b', month: 45, availability: 0.4, priceFactor: 1.5 }], 50); // => 0.2
*/
export function importAvailability(controls: readonly ExportControl[], month: number): number {
  let a = 1;
  for (const c of controls) {
    if (c.month > month) break;
    a *= c.availability;
  }
  return a;
}

/** Price mark-up of imported cards in `month`, ≥ 1: the product of the controls in force. */
export function importPriceFactor(controls: readonly ExportControl[], month: number): number {
  let f = 1;
  for (const c of controls) {
    if (c.month > month) break;
    f *= c.priceFactor;
  }
  return f;
}

/**
Share of the fleet's effective capacity doing work: the AI work sent to the
cluster over its effective capacity, at most 1. Effective capacity counts a
domestic card's FP16 divided by the energy-per-work penalty (its work costs
that much more card-time). With no AI work given the fleet is taken as busy
(utilisation 1), so the draw is the nominal one.
@example
aiUtilization(20, 80); // => 0.25 (20 EFLOPS of work on 80 EFLOPS of cards)
aiUtilization(0, 80, false); // => 1 (no demand path given)
*/
export function aiUtilization(work: number, effectiveCapacity: number, demandGiven = true): number {
  if (!demandGiven) return 1;
  if (effectiveCapacity <= 0) return 0;
  return Math.min(1, work / effectiveCapacity);
}

/**
Draw of an AI server at a utilisation: an idle share of its nominal power plus
the rest in proportion to its load.
@example
aiServerDraw(10, 0.3, 0.25); // => 10 × (0.3 + 0.7 × 0.25) = 4.75 kW
*/
export function aiServerDraw(nominalKw: number, idleShare: number, utilization: number): number {
  return nominalKw * (idleShare + (1 - idleShare) * utilization);
}

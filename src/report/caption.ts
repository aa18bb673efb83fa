/**
The caption every face puts over a result — table header, CSV comment line, TUI
title, export — so they all say the same thing about what the numbers are.
*/
import type { MonteCarloResult } from '../engine/montecarlo.js';
import { grouped } from './format.js';

/**
What the numbers are, for every header: "median of 1,000 Monte Carlo runs, seed
7 · --set investment=60" or "central case (no sampling)".
*/
export function resultCaption(mc: MonteCarloResult): string {
  const what = mc.bands
    ? `median of ${grouped(mc.runs)} Monte Carlo runs, seed ${mc.seed}`
    : mc.scenario.uncertainty.length > 0 ? 'central case (inputs as written, no sampling)' : 'central case (no uncertainty in the scenario)';
  return mc.scenario.overrides.length > 0 ? `${what} · ${overridesText(mc.scenario.overrides)}` : what;
}

/** "--set investment=60 --set transferIncentive=500". */
export function overridesText(overrides: readonly string[]): string {
  return overrides.map((o) => `--set ${o}`).join(' ');
}


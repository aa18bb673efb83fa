/**
fundAndBuild keeps its sums between months (src/engine/state.ts BuildMemo)
instead of scanning every phase each month. The law: in every month of every
run — the shipped scenarios, sampled runs with phase risks, runs forked
mid-year — what it kept is exactly what a full scan gives: the month's
spending, each site's rentable racks and their total, and no phase is due live
before the month it skips to.
*/
import { describe, expect, it } from 'vitest';
import { sampleScenario, streamNames } from '../../src/engine/sample.js';
import { simulate } from '../../src/engine/simulate.js';
import { PHASE_BUILDING, PHASE_LIVE, type SimState } from '../../src/engine/state.js';
import { rentableRacks } from '../../src/model/occupancy.js';
import { loadScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';

/** A full scan of month m's sums, compared bit for bit with what the step kept. */
function checkMonth(s: Readonly<SimState>, m: number): void {
  let spend = 0;
  let next = Infinity;
  for (let i = 0; i < s.P; i++) {
    if (s.phState[i] !== PHASE_BUILDING) continue;
    spend += s.phCapex[i]! / Math.min(s.phBuild[i]!, s.phLiveAt[i]!);
    next = Math.min(next, s.phLiveAt[i]!);
  }
  expect(Object.is(s.spend, spend), `spend in month ${m}`).toBe(true);
  expect(s.build.nextLive, `next go-live after month ${m}`).toBeLessThanOrEqual(next);
  const rentable = new Float64Array(s.D);
  for (let i = 0; i < s.P; i++) {
    if (s.phState[i] !== PHASE_LIVE || s.dcOwnUse[s.phDc[i]!]) continue;
    rentable[s.phDc[i]!]! += rentableRacks(s.phSize[i]!, m - s.phLiveAt[i]!, s.scenario.construction.fillMonths, s.phStartFill[i]!);
  }
  let total = 0;
  for (let d = 0; d < s.D; d++) {
    expect(Object.is(s.dcRentable[d], rentable[d]), `site ${d} in month ${m}`).toBe(true);
    total += rentable[d]!;
  }
  expect(Object.is(s.rentableRacks, total), `rentable racks in month ${m}`).toBe(true);
}

function checkRun(scenario: Scenario, schedule?: { month: number; scenario: Scenario }[]): number {
  let months = 0;
  let settledMonths = 0;
  simulate(scenario, {
    ...(schedule ? { schedule } : {}),
    probe: (s, m) => {
      checkMonth(s, m);
      months++;
      if (s.build.rentSettled) settledMonths++;
    },
  });
  expect(months).toBe((scenario.horizon.end - scenario.horizon.start + 1) * 12);
  return settledMonths;
}

describe("fundAndBuild's kept sums equal a full scan every month", () => {
  for (const file of ['guian-plan', 'guian-actual', 'national', 'guian-delayed']) {
    it(`${file}: the central run and sampled runs with their phase risks`, () => {
      const scenario = loadScenario(`scenarios/${file}.yaml`);
      let settled = checkRun(scenario);
      const names = streamNames(scenario.uncertainty);
      for (let r = 0; r < 6; r++) settled += checkRun(sampleScenario(scenario, scenario.seed, r, names));
      // the memo is used, not only checked: some months keep the racks as they were
      expect(settled).toBeGreaterThan(0);
    });
  }

  it('across a fork mid-year, whose phases take the new plan', () => {
    const base = loadScenario('scenarios/guian-plan.yaml');
    const changed = loadScenario('scenarios/guian-plan.yaml', [
      { path: 'investment', value: '90 billion CNY' },
      { path: 'construction.fillMonths', value: '6 months' },
    ]);
    for (const month of [7, 30, 61]) checkRun(base, [{ month, scenario: changed }]);
  });
});

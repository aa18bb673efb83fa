/**
What steps keep between months (src/engine/state.ts BuildMemo, PlaceMemo)
instead of scanning everything each month. The laws, in every month of every
run — the shipped scenarios, sampled runs with phase risks, runs forked
mid-year:
- fundAndBuild's kept sums are exactly what a full scan gives: the month's
  spending, each site's rentable racks and their total, and no phase is due
  live before the month it skips to;
- placement leaves out only pairs with no western option within reach (pool
  factor 0), and every value of a pair left out is +0.
*/
import { describe, expect, it } from 'vitest';
import { sampleScenario, streamNames } from '../../src/engine/sample.js';
import { simulate } from '../../src/engine/simulate.js';
import { PHASE_BUILDING, PHASE_LIVE, type SimState } from '../../src/engine/state.js';
import { rentableRacks } from '../../src/model/occupancy.js';
import { loadScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';

/**
A full scan of month m's sums, compared bit for bit with what the steps kept:
each difference found, as a line (one expect per run: an expect per value made
this file take seconds).
*/
function checkMonth(s: Readonly<SimState>, m: number, wrong: string[]): void {
  const check = (ok: boolean, what: string): void => {
    if (!ok) wrong.push(`month ${m}: ${what}`);
  };
  let spend = 0;
  let next = Infinity;
  for (let i = 0; i < s.P; i++) {
    if (s.phState[i] !== PHASE_BUILDING) continue;
    spend += s.phCapex[i]! / Math.min(s.phBuild[i]!, s.phLiveAt[i]!);
    next = Math.min(next, s.phLiveAt[i]!);
  }
  check(Object.is(s.spend, spend), `spend ${s.spend}, a scan gives ${spend}`);
  check(s.memo.build.nextLive <= next, `skips go-lives to month ${s.memo.build.nextLive}, one is due in ${next}`);
  const rentable = new Float64Array(s.D);
  for (let i = 0; i < s.P; i++) {
    if (s.phState[i] !== PHASE_LIVE || s.dcOwnUse[s.phDc[i]!]) continue;
    rentable[s.phDc[i]!]! += rentableRacks(s.phSize[i]!, m - s.phLiveAt[i]!, s.scenario.construction.fillMonths, s.phStartFill[i]!);
  }
  let total = 0;
  for (let d = 0; d < s.D; d++) {
    check(Object.is(s.dcRentable[d], rentable[d]), `site ${d} rents ${s.dcRentable[d]}, a scan gives ${rentable[d]}`);
    total += rentable[d]!;
  }
  check(Object.is(s.rentableRacks, total), `rentable racks ${s.rentableRacks}, a scan gives ${total}`);

  const { pairs, n } = s.memo.place;
  const active = new Set(pairs.subarray(0, n));
  for (let j = 0; j < s.H * s.C; j++) {
    if (active.has(j)) continue;
    check(s.poolFactor[j] === 0, `pair ${j} left out with pool factor ${s.poolFactor[j]}`);
    const values = [s.pool[j]!, s.stockG[j]!, s.stockE[j]!, s.stockT[j]!, s.newG[j]!];
    for (let k = 0; k < s.K; k++) values.push(s.stockK[j * s.K + k]!, s.newK[j * s.K + k]!);
    for (const v of values) check(Object.is(v, 0), `pair ${j}, left out, holds ${v}`);
  }
}

let leftOut = 0;

function checkRun(scenario: Scenario, schedule?: { month: number; scenario: Scenario }[]): number {
  let months = 0;
  let settledMonths = 0;
  const wrong: string[] = [];
  simulate(scenario, {
    ...(schedule ? { schedule } : {}),
    probe: (s, m) => {
      checkMonth(s, m, wrong);
      months++;
      if (s.memo.build.rentSettled) settledMonths++;
      leftOut += s.H * s.C - s.memo.place.n;
    },
  });
  expect(months).toBe((scenario.horizon.end - scenario.horizon.start + 1) * 12);
  expect(wrong.slice(0, 5)).toEqual([]);
  return settledMonths;
}

describe("what steps keep between months equals a full scan's every month", () => {
  for (const file of ['guian-plan', 'guian-actual', 'national', 'guian-delayed']) {
    it(`${file}: the central run and sampled runs with their phase risks`, () => {
      const scenario = loadScenario(`scenarios/${file}.yaml`);
      leftOut = 0;
      let settled = checkRun(scenario);
      const names = streamNames(scenario.uncertainty);
      for (let r = 0; r < 6; r++) settled += checkRun(sampleScenario(scenario, scenario.seed, r, names));
      // the memos are used, not only checked: some months keep the racks as they were, some pairs are left out
      expect(settled).toBeGreaterThan(0);
      expect(leftOut).toBeGreaterThan(0);
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

/**
scenarios/national.yaml against the reported national figures (docs/sources.md
§12.2, §11.1): its central case, simulated in-process, must stay within stated
tolerances of what was reported for the national racks in use, the ten
clusters' racks and utilisation, the AI fleet's load and its domestic share,
and the grid rule. Each check is a range on a model output, so a change of
the scenario or the engine that moves the output out of it fails here.

Year-end stocks are read at a month between two year ends as the observations
do (src/engine/observe.ts): linearly from the previous December.
*/
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import { series, type RunResult } from '../../src/engine/results.js';
import { loadScenario } from '../../src/scenario/index.js';

const scenario = loadScenario('scenarios/national.yaml');
const r: RunResult = simulate(scenario, { detail: true });
const at = (m: string, year: number): number => series(r, m)[year - r.years[0]!]!;
/** A year-end stock read in `month` (1–12) of `year`: between December of year − 1 and December of year. */
const inMonth = (m: string, year: number, month: number): number => at(m, year - 1) + ((at(m, year) - at(m, year - 1)) * month) / 12;
const M = 1e6;

describe('scenarios/national.yaml', () => {
  it('is the national set-up: Gui\'an as history-matched, nine other clusters with racks, four hubs, 1,000 runs', () => {
    expect(scenario.runs).toBe(1000);
    expect(scenario.hubs.map((h) => h.id)).toEqual(['bth', 'yrd', 'gba', 'cc']);
    const withRacks = scenario.competitors.filter((k) => k.racks.every((v) => Number.isFinite(v)));
    expect(withRacks.map((k) => k.id).sort()).toEqual(['chongqing', 'horinger', 'qingyang', 'shaoguan', 'tianfu', 'wuhu', 'yrd-demo', 'zhangjiakou', 'zhongwei']);
    expect(r.detail!.clusters).toHaveLength(10);
    // Gui'an's sites are guian-actual.yaml's: the plan's unnamed sites never built
    expect(r.detail!.datacenters.filter((d) => d.id.startsWith('site-')).every((d) => d.liveRacks.every((v) => v === 0))).toBe(true);
  });

  it('national racks in use follow the reported totals (5.9 M Jun 2022, > 8.1 M end-2023, 10.85 M Jun 2025)', () => {
    // Jun 2022: 5.9 M, within ±10 %
    expect(inMonth('nationalRacks', 2022, 6)).toBeGreaterThan(5.9 * M * 0.9);
    expect(inMonth('nationalRacks', 2022, 6)).toBeLessThan(5.9 * M * 1.1);
    // end-2023: "> 8.1 M", and not far above it
    expect(at('nationalRacks', 2023)).toBeGreaterThanOrEqual(8.1 * M * 0.98);
    expect(at('nationalRacks', 2023)).toBeLessThan(9 * M);
    // Jun 2025: 10.85 M within ±10 %; the 2025 year end within 9–12.5 M
    expect(inMonth('nationalRacks', 2025, 6)).toBeGreaterThan(10.85 * M * 0.9);
    expect(inMonth('nationalRacks', 2025, 6)).toBeLessThan(10.85 * M * 1.1);
    expect(at('nationalRacks', 2025)).toBeGreaterThan(9 * M);
    expect(at('nationalRacks', 2025)).toBeLessThan(12.5 * M);
  });

  it('the ten clusters: racks and utilisation near 1.46 M at 62.72 % (Mar 2024) and ~1.95 M at ~63 % (Jun 2024)', () => {
    // the two reports count differently (sources §12.2): the year end 2024 within 1.3–2.3 M
    expect(at('clusterRacks', 2024)).toBeGreaterThan(1.3 * M);
    expect(at('clusterRacks', 2024)).toBeLessThan(2.3 * M);
    // Mar 2024: 1.46 M within ±20 %
    expect(inMonth('clusterRacks', 2024, 3)).toBeGreaterThan(1.46 * M * 0.8);
    expect(inMonth('clusterRacks', 2024, 3)).toBeLessThan(1.46 * M * 1.2);
    // utilisation: 2024 within 0.55–0.72; 2022 (~58.7 %, 4 points below Mar 2024's) within 0.5–0.68
    expect(at('clusterUtilization', 2024)).toBeGreaterThan(0.55);
    expect(at('clusterUtilization', 2024)).toBeLessThan(0.72);
    expect(at('clusterUtilization', 2022)).toBeGreaterThan(0.5);
    expect(at('clusterUtilization', 2022)).toBeLessThan(0.68);
    // and it rose, as reported (2022 → Mar 2024: +4 points)
    expect(at('clusterUtilization', 2024)).toBeGreaterThan(at('clusterUtilization', 2022));
  });

  it('green power: the clusters stay below the 80 % goal in 2025 (Zhangjiakou ~31 %, Horinger ~85 %)', () => {
    expect(at('clusterGreenShare', 2025)).toBeGreaterThan(0.3);
    expect(at('clusterGreenShare', 2025)).toBeLessThan(0.8);
  });

  it("Gui'an's share of the eastern work placed in clusters is a share, and below the largest other cluster's", () => {
    for (const y of r.years) {
      expect(at('guianWestShare', y)).toBeGreaterThanOrEqual(0);
      expect(at('guianWestShare', y)).toBeLessThanOrEqual(1);
    }
    const clusters = r.detail!.clusters;
    const i2025 = 2025 - r.years[0]!;
    expect(clusters[0]!.id).toBe('guian');
    expect(clusters[0]!.eastShare[i2025]).toBeCloseTo(at('guianWestShare', 2025), 12);
    const largestOther = Math.max(...clusters.slice(1).map((c) => c.eastShare[i2025]!));
    expect(at('guianWestShare', 2025)).toBeLessThan(largestOther);
    // the shares of all clusters add to 1 where any eastern work is placed
    expect(clusters.reduce((s, c) => s + c.eastShare[i2025]!, 0)).toBeCloseTo(1, 9);
  });

  it('the AI fleet: ~76 k cards early 2024, 20–30 % load in 2024–2025, mostly domestic by 2025', () => {
    // 76 k cards in Gui'an early 2024 (> 70 k in Guizhou at end-2023): end-2023 within 50–110 k
    expect(at('aiCards', 2023)).toBeGreaterThan(50_000);
    expect(at('aiCards', 2023)).toBeLessThan(110_000);
    // "20–30 % load" in many new western AI centres, with a tolerance: 0.15–0.35
    for (const y of [2024, 2025]) {
      expect(at('aiUtilization', y)).toBeGreaterThan(0.15);
      expect(at('aiUtilization', y)).toBeLessThan(0.35);
    }
    // ~90 % domestic chips in Guizhou, Aug 2025: within 0.8–1 at the 2025 year end
    expect(at('domesticCardShare', 2025)).toBeGreaterThan(0.8);
    expect(at('domesticCardShare', 2025)).toBeLessThanOrEqual(1);
    // the domestic-chip subsidy pays from Nov 2025 on, not before
    expect(at('powerSubsidyCNY', 2024)).toBe(0);
    expect(at('powerSubsidyCNY', 2026)).toBeGreaterThan(0);
  });

  it("Gui'an's grid: the peak stays under the connection, which binds at least once", () => {
    for (const y of r.years) expect(at('peakMW', y)).toBeLessThanOrEqual(at('gridCapacityMW', y) + 1e-9);
    // ~630 MW for the whole area at end-2024: the DCs' peak is a part of it
    expect(at('peakMW', 2024)).toBeLessThan(630);
    expect(r.detail!.bindingLimit).toContain('grid');
  });
});

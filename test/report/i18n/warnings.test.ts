import { describe, expect, it } from 'vitest';
import { calibrationWarning } from '../../../src/report/i18n/warnings.js';
import { dcplan } from '../../helpers/cli.js';

const PLAN = 'test/fixtures/batch/good/plan-a.yaml';
const OBS = 'test/fixtures/calibrate/guian-observed.yaml';

/** Chinese prose keeps ids, numbers, units and flags, and no English words beyond them. */
const englishWords = (s: string): string[] => (s.replace(/--runs N|ESS|[A-Za-z]+[._-][A-Za-z0-9_.-]+/g, '').match(/[A-Za-z]{3,}/g) ?? []);

describe('calibration warnings in Chinese', () => {
  // the engine's templates (src/engine/calibrate.ts), filled
  const cases: [string, RegExp][] = [
    ['no observation is dated after 2025: nothing is held out', /^没有晚于 2025 年的观测/],
    ['energy-2023: the observation has no finite bound and says nothing', /^energy-2023：/],
    ['ESS 3.7 of 400 runs after 3 adaptive rounds: the observations pin the runs down to a few; widen the prior or add runs', /ESS）为 3\.7，共 400 次模拟（经过 3 轮自适应抽样）/],
    ['ESS 1.0 of 100 runs after 1 adaptive round: the observations pin the runs down to a few; widen the prior or add runs', /经过 1 轮/],
    ['ESS 12 of 100 runs: the observations pin the runs down to a few; widen the prior or add runs', /为 12，共 100 次模拟：/],
    ['one run: no posterior, only the best fit of the central case (use --runs N for posterior bands)', /^只有一次模拟/],
    ['construction.delayFactor: the best fit (1.58) sits at the edge of the prior (0.9–1.6); the prior may be too narrow', /^construction\.delayFactor：最佳拟合值（1\.58）位于先验范围（0\.9–1\.6）/],
    ['the best fit did not converge within 3300 evaluations; it is the best point found', /3300 次试算内没有收敛/],
    // written by `calibrate --out` (src/report/calibration.ts posteriorDist)
    [
      "economics.rent: the posterior P5–P95 is a single value (3,520); the calibrated file widens it to a triangular 3,490–3,550 (1 % of the prior's range) to keep it a distribution — too few effective runs (ESS), or the observations pin it down",
      /^economics\.rent：后验 P5–P95 只有一个值（3,520）；校准文件把它放宽为三角分布 3,490–3,550（先验范围的 1%）/,
    ],
  ];
  for (const [en, zh] of cases) {
    it(en.slice(0, 60), () => {
      const out = calibrationWarning(en, 'zh');
      expect(out).toMatch(zh);
      expect(englishWords(out), out).toEqual([]);
      expect(calibrationWarning(en, 'en')).toBe(en);
    });
  }

  it('leaves a warning it does not know in English, never half-translated', () => {
    expect(calibrationWarning('something new happened', 'zh')).toBe('something new happened');
  });

  it('translates what the engine really writes, in the table only: the JSON keeps the English', async () => {
    const zh = await dcplan('calibrate', PLAN, '--observed', OBS, '--runs', '1', '--fit', 'construction.delayFactor', '--holdout-after', '2025', '--lang', 'zh');
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain('! 只有一次模拟');
    expect(zh.stdout).toContain('! 没有晚于 2025 年的观测');
    expect(zh.stdout).not.toMatch(/nothing is held out|one run: no posterior/);
    const json = (lang: string): Promise<string> => dcplan('calibrate', PLAN, '--observed', OBS, '--runs', '1', '--fit', 'construction.delayFactor', '--holdout-after', '2025', '--format', 'json', '--lang', lang).then((r) => r.stdout);
    // one at a time: the in-process CLI has one output at a time
    const en = await json('en');
    const zhJson = await json('zh');
    expect(zhJson).toBe(en);
    expect(en).toContain('nothing is held out');
  });
});

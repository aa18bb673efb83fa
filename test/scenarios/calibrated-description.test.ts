/**
The calibrated scenario's description (src/report/calibration.ts, written by
`npm run calibrate:actual`): a prior named in both languages gets a description
in both, so the Chinese report and handout do not fall back to English.
*/
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';

describe('scenarios/guian-actual.yaml', () => {
  it('describes its fit in both languages: the same fitted inputs and observation file', () => {
    const sc = loadScenario('scenarios/guian-actual.yaml');
    expect(sc.description).toMatch(/ fitted to data\/observed\/guizhou\.yaml\.$/);
    expect(sc.descriptionZh).toMatch(/^实际情况（2020年起）：.+ 按 data\/observed\/guizhou\.yaml 的报告数据拟合。$/);
    const en = sc.description.replace(/^.* with (.*) fitted to .*$/, '$1').split(', ');
    const zh = sc.descriptionZh!.replace(/^[^：]*：(.*) 按 .*$/, '$1').split('、');
    expect(zh).toEqual(en);
    expect(en.length).toBeGreaterThan(3);
  });
});

import { describe, expect, it } from 'vitest';
import { loadObservations, ScenarioError, type Problem } from '../../../src/scenario/index.js';
import { problemMessage } from '../../../src/report/i18n/problems.js';

/** Every problem of the fixture that lists each kind of mistake an observation file can hold. */
function problems(): Problem[] {
  try {
    loadObservations('test/fixtures/observed/errors.yaml', { horizon: { start: 2020, end: 2030 } });
  } catch (err) {
    if (err instanceof ScenarioError) return err.problems;
    throw err;
  }
  throw new Error('errors.yaml loaded without problems');
}

describe('observation-file problems in Chinese', () => {
  const list = problems();

  it('says every problem of the fixture in Chinese, keeping ids, values and units', () => {
    expect(list.length).toBeGreaterThanOrEqual(16);
    for (const p of list) {
      const zh = problemMessage(p.message, 'zh');
      expect(zh, p.message).not.toBe(p.message);
      expect(zh, p.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('rewrites each part in place', () => {
    const said = (path: string): string => problemMessage(list.find((p) => p.path === path)!.message, 'zh');
    expect(said('observations.0.metric')).toBe('未知指标 "aiEflop"（是否要写 "aiEflops"？）（各指标及其单位见 docs/observations.md）');
    expect(said('observations.2.min')).toBe('最小值 60 EFLOPS 大于最大值 40 EFLOPS');
    expect(said('observations.8.quality')).toBe('未知的质量等级 "excellent"（取值之一：sourced, low-quality）');
    expect(said('observations.8.share.0')).toBe('低份额 0.9 大于高份额 0.5');
  });

  it('leaves a reason it does not know in English rather than half-translating it', () => {
    expect(problemMessage('missing key "x": some reason never written', 'zh')).toBe('missing key "x": some reason never written');
  });
});

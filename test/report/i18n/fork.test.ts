import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forkReason } from '../../../src/report/i18n/fork.js';

/** Every reason src/engine/fork.ts gives (`p(path, 'reason')`), read from its source: a new one must come with its Chinese. */
function engineReasons(): string[] {
  const src = readFileSync('src/engine/fork.ts', 'utf8');
  return [...src.matchAll(/\bp\([^,]+, (['"])((?:\\.|(?!\1).)*)\1\)/g)].map((m) => m[2]!.replace(/\\'/g, "'"));
}

describe('fork refusals in Chinese', () => {
  const reasons = engineReasons();

  it('finds the engine reasons', () => {
    expect(reasons.length).toBeGreaterThanOrEqual(17);
  });

  it('has every reason the engine gives in Chinese, and English as written', () => {
    for (const r of reasons) {
      expect(forkReason(r, 'zh'), r).not.toBe(r);
      expect(forkReason(r, 'zh'), r).toMatch(/[\u4e00-\u9fff]/);
      expect(forkReason(r, 'en')).toBe(r);
    }
  });

  it('leaves a reason it does not know in English', () => {
    expect(forkReason('a reason never written', 'zh')).toBe('a reason never written');
  });
});

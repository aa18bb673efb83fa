/**
A lesson's figures and words: placeholders are filled with what the model
computes (the same numbers `monteCarlo` gives, formatted as every face
formats them), in both languages, and the printed lesson says every step.
*/
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { fmt } from '../../src/report/display.js';
import { withLang } from '../../src/report/i18n/lang.js';
import { fillText, leverText, LessonComputer, lessonText, probabilityText, type Figures } from '../../src/report/lesson.js';
import { leverValueOverride, resolveScenario } from '../../src/scenario/index.js';
import { readLesson } from '../../src/scenario/lesson.js';

const RUNS = 24;

describe('placeholders', () => {
  const lesson = readLesson('test/fixtures/lessons/small.yaml');
  const computer = new LessonComputer(lesson, { runs: RUNS });

  it("are the model's figures: the median, the band, the central case, the file's own run, P and the lever", () => {
    const step = lesson.steps[1]!;
    const f = computer.figures(step);
    const src = lesson.scenarios[0]!.source;
    const mc = monteCarlo(resolveScenario(src, [leverValueOverride(src, 'investment', 60)]), { runs: RUNS });
    const base = monteCarlo(resolveScenario(src), { runs: RUNS });
    const r = mc.central;
    const col = r.metrics.indexOf('serverCapacity') * r.years.length + (2025 - r.years[0]!);
    expect(f.value('serverCapacity', 2025)).toBe(mc.bands![col]!.p50);
    expect(f.value('serverCapacity', 2025, 'p5')).toBe(mc.bands![col]!.p5);
    expect(f.value('serverCapacity', 2025, 'central')).toBe(r.values[col]);
    expect(f.value('serverCapacity', 2025, 'base')).toBe(base.bands![col]!.p50);
    expect(f.lever('investment')).toBe(60);
    expect(f.lever('transferIncentive')).toBe(0);
    const text = fillText('{serverCapacity@2025} / {serverCapacity@2025:base} / {lever:investment} / {{x}}', f, 'en', step);
    expect(text).toBe(`${fmt(mc.bands![col]!.p50, 'servers')} / ${fmt(base.bands![col]!.p50, 'servers')} / 60.0 bn CNY / {x}`);
    expect(withLang('zh', () => fillText('{serverCapacity@2025}', f, 'zh', step))).toMatch(/^\d+(\.\d+)?万 台$/);
  });

  it('{P:…} is the share of runs meeting the target, the challenge by its own id', () => {
    const step = lesson.steps[1]!;
    const f = computer.figures(step);
    const p = f.probability(step.challenge!.targetId)!;
    expect(p).toBeGreaterThanOrEqual(0);
    expect(fillText('{P:challenge}', f, 'en', step)).toBe(probabilityText(p));
  });

  it('a figure not known yet reads "computing", never a wrong number', () => {
    const f: Figures = { ...computer.figures(lesson.steps[0]!), pending: true, value: () => NaN, probability: () => undefined };
    expect(fillText('{serverCapacity@2025} {P:servers}', f, 'en')).toBe('computing… computing…');
    expect(fillText('{serverCapacity@2025}', f, 'zh')).toBe('计算中…');
  });

  it('lever values with their units, money in 万/亿 in Chinese', () => {
    const levers = lesson.scenarios[0]!.scenario.levers;
    const at = (id: string) => levers.find((l) => l.id === id)!;
    expect(leverText(at('investment'), 42, 'en')).toBe('42.0 bn CNY');
    expect(leverText(at('investment'), 42, 'zh')).toBe('420亿 元');
    expect(leverText(at('electricityPrice'), 0.35, 'zh')).toBe('0.35 元/千瓦时');
    expect(leverText(at('aiShare'), 0.3, 'en')).toBe('30 %');
  });
});

describe('the printed lesson', () => {
  const files = readdirSync('lessons').filter((f) => f.endsWith('.yaml')).sort();

  it.each(files)('%s: every placeholder filled, in both languages', (f) => {
    const lesson = readLesson(join('lessons', f));
    const computer = new LessonComputer(lesson, { runs: RUNS });
    for (const lang of ['en', 'zh'] as const) {
      const text = withLang(lang, () => lessonText(lesson, computer, lang));
      expect(text).not.toMatch(/\{[^}]*\}/);
      expect(text).not.toContain('computing…');
      expect(text).not.toContain('计算中');
      expect(text).not.toContain('NaN');
      for (const step of lesson.steps) expect(text).toContain(lang === 'en' ? `Step ${step.number}/${lesson.steps.length}` : `第 ${step.number}/${lesson.steps.length} 步`);
      if (lang === 'zh') expect(text).not.toMatch(/Step \d/);
    }
  });

  it('says the questions, the right answers, the reveal and the challenge', () => {
    const lesson = readLesson('test/fixtures/lessons/small.yaml');
    const text = lessonText(lesson, new LessonComputer(lesson, { runs: RUNS }), 'en');
    expect(text).toContain('Question: Is the 4 M target met?');
    expect(text).toContain('    1) Yes\n    2) No\n  Right answer: 2');
    expect(text).toMatch(/What the model says: P\(4 M by 2025\) = \d+ %\./);
    expect(text).toMatch(/Target: Server capacity ≥ 3\.9 M servers \(2025\), in at least 50 % of the runs/);
    expect(text).toMatch(/Levers in play: Investment through 2025 \(Guizhou government\)/);
    expect(text).toMatch(/At the values above: P \d+ % \((met|not yet)\)/);
    expect(text).toContain(`Figures: median of ${RUNS} Monte Carlo runs, seed 20200528.`);
  });
});

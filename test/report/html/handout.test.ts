/**
The lesson handout: one self-contained page (no scripts, nothing fetched), in
both languages, with the steps, charts, questions, worksheet and answers, and
the same bytes for the same lesson and runs.
*/
import { describe, expect, it } from 'vitest';
import { renderHandout } from '../../../src/report/html/handout.js';
import { withLang } from '../../../src/report/i18n/lang.js';
import { LessonComputer } from '../../../src/report/lesson.js';
import { readLesson } from '../../../src/scenario/lesson.js';

const RUNS = 20;
const lesson = readLesson('test/fixtures/lessons/small.yaml');

async function handout(lang: 'en' | 'zh', runs = RUNS): Promise<string> {
  const computer = new LessonComputer(lesson, { runs });
  return withLang(lang, () => renderHandout(lesson, computer, { version: '0.0.0-test', command: 'dcplan lesson small --handout small.html', lang }));
}

describe('the handout', () => {
  it('runs no scripts and fetches nothing', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const html = await handout(lang);
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="(en|zh-Hans)">/);
      expect(html).not.toMatch(/<script|<link\b|<iframe|<img|<object|<embed/i);
      for (const m of html.matchAll(/\s(?:src|href|xlink:href|srcset|action|poster)\s*=\s*"([^"]*)"/gi)) expect(m[1], m[0]).toMatch(/^#/);
      for (const style of html.matchAll(/<style>([\s\S]*?)<\/style>/g)) expect(style[1]).not.toMatch(/@import|url\(|@font-face/i);
    }
  });

  it('is in both languages, the session language first', async () => {
    const en = await handout('en');
    const zh = await handout('zh');
    for (const html of [en, zh]) {
      expect(html).toContain('A small lesson');
      expect(html).toContain('一节小课');
      expect(html).toContain('Is the 4 M target met?');
      expect(html).toContain('400万台的目标达成了吗？');
      expect(html).not.toMatch(/\{(serverCapacity|P:|lever:)/); // every placeholder filled
    }
    expect(en.indexOf('A small lesson')).toBeLessThan(en.indexOf('一节小课'));
    expect(zh.indexOf('一节小课')).toBeLessThan(zh.indexOf('A small lesson'));
    expect(zh).toMatch(/<p class="first" lang="zh-Hans">2025年服务器容量：[\d.]+万 台；/);
  });

  it("has the steps, a chart, the question's boxes, the worksheet and the answers", async () => {
    const html = await handout('en');
    expect(html).toContain('<article class="step" id="step-1">');
    expect(html).toContain('<article class="step" id="step-2">');
    expect(html).toContain('<section id="worksheet">');
    expect(html).toContain('<section id="answers">');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(1);
    // the question's chart would give the answer away: it is with the answers, not the question
    const step1 = html.slice(html.indexOf('id="step-1"'), html.indexOf('id="step-2"'));
    expect(step1).not.toContain('<svg');
    expect(step1.match(/class="box"/g)).toHaveLength(2);
    const answers = html.slice(html.indexOf('<section id="answers">'));
    expect(answers).toContain('Right answer: 2. No.');
    expect(answers).toContain('<svg');
    expect(answers).toMatch(/At the lesson&#39;s lever values: P \d+ % \((met|not yet)\)\./);
  });

  it('gives the same bytes for the same lesson and runs', async () => {
    const a = await handout('zh');
    const b = await handout('zh');
    expect(b).toBe(a);
  });
});

/**
`dcplan lesson` end to end through the command line (in-process, test/helpers/cli.ts): the list, a lesson
printed into a pipe, the handout written atomically, and bad lesson files as
one located line each with exit 1.
*/
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dcplan } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('lesson-cli');
const FIX = 'test/fixtures/lessons';

describe('dcplan lesson: the list', () => {
  it('without a name, and with --list, lists the shipped lessons in their order', async () => {
    for (const args of [['lesson'], ['lesson', '--list']]) {
      const r = await dcplan(...args);
      expect(r.code, r.stderr).toBe(0);
      const ids = [...r.stdout.matchAll(/^ {2}(\S+) {2,}/gm)].map((m) => m[1]);
      expect(ids).toEqual(['why-west', 'add-up', 'what-happened']);
      expect(r.stdout).toContain('Why move compute west? (8 steps)');
      expect(r.stdout).toContain('dcplan lesson ID');
    }
  });

  it('in Chinese', async () => {
    const r = await dcplan('lesson', '--lang', 'zh');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('为什么要“东数西算”？（8 步）');
  });

  it('--list with a name is bad usage; an unknown name is one line, exit 1', async () => {
    expect((await dcplan('lesson', 'why-west', '--list')).code).toBe(2);
    const r = await dcplan('lesson', 'why-wset');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['dcplan: no lesson "why-wset": not a shipped lesson (why-west, add-up, what-happened), nor a file']);
  });
});

describe('dcplan lesson: bad lesson files', () => {
  it.each([
    ['bad-key.yaml', 'test/fixtures/lessons/bad-key.yaml:5:5  steps.1.veiw  unknown key "veiw" (did you mean "view"?)'],
    [
      'bad-lever.yaml',
      `test/fixtures/lessons/bad-lever.yaml:5:15  steps.1.levers.investmnet  no lever "investmnet" in Gui'an plan as announced (2020) (did you mean "investment"?); its levers: investment, transferIncentive, electricityPrice, demandGrowth, aiShare`,
    ],
    ['bad-translation.yaml', 'test/fixtures/lessons/bad-translation.yaml:4:11  steps.1.text  missing translation: no Chinese (zh) text'],
  ])('%s: one located line, exit 1, nothing on stdout', async (file, line) => {
    const r = await dcplan('lesson', join(FIX, file));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([line]);
  });

  it('with --handout, writes nothing', async () => {
    const out = join(dir, 'bad.html');
    const r = await dcplan('lesson', join(FIX, 'bad-key.yaml'), '--handout', out);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});

describe('dcplan lesson NAME into a pipe', () => {
  it('prints the lesson with its figures computed, in the session language', async () => {
    const en = await dcplan('lesson', join(FIX, 'small.yaml'), '--runs', '20');
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toMatch(/^A small lesson\n/);
    expect(en.stdout).toMatch(/Server capacity in 2025: [\d.]+ M servers; the central case [\d.]+ M servers\./);
    expect(en.stdout).toContain('Figures: median of 20 Monte Carlo runs');
    const zh = await dcplan('lesson', join(FIX, 'small.yaml'), '--runs', '20', '--lang', 'zh');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^一节小课\n/);
    expect(zh.stdout).toMatch(/2025年服务器容量：[\d.]+万 台；/);
  });

  it('--runs must be a whole number', async () => {
    expect((await dcplan('lesson', 'why-west', '--runs', 'many')).code).toBe(2);
  });
});

describe('dcplan lesson NAME --handout', () => {
  it('writes the handout atomically, the same bytes each time, and leaves no temporary file', async () => {
    const a = join(dir, 'a', 'small.html');
    const b = join(dir, 'b.html');
    const r1 = await dcplan('lesson', join(FIX, 'small.yaml'), '--runs', '20', '--handout', a, '--lang', 'zh');
    expect(r1.code, r1.stderr).toBe(0);
    expect(r1.stderr).toContain(a);
    const r2 = await dcplan('lesson', join(FIX, 'small.yaml'), '--runs', '20', '--handout', b, '--lang', 'zh');
    expect(r2.code).toBe(0);
    const html = readFileSync(a, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-Hans">/);
    expect(html).toContain('一节小课');
    expect(html).toContain('A small lesson');
    // the command in the footer names the output by its file name only, so both runs give the same page
    expect(readFileSync(b).equals(readFileSync(a))).toBe(false);
    expect(html.replace('small.html', 'b.html')).toBe(readFileSync(b, 'utf8'));
    expect(readdirSync(join(dir, 'a'))).toEqual(['small.html']);
  });

  it('a handout path that cannot be written is one line, exit 1, nothing left', async () => {
    const target = join(dir, 'is-a-dir');
    mkdirSync(target);
    const r = await dcplan('lesson', join(FIX, 'small.yaml'), '--runs', '5', '--handout', target);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${target}: cannot write`);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

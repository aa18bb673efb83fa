/**
End to end: `dcplan lesson` played from its first step to its last in a real
terminal (tmux, 80×24), in English and in Chinese, through the bundled CLI —
answering the questions, turning a lever in play — then quitting cleanly. No
line of any screen is wider than the terminal. Uses a private tmux server (-L);
skipped when tmux or dist/cli.js (npm run build) is missing.
*/
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { width } from '../../src/tui/text.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const ready = hasTmux && existsSync(CLI);
const SOCKET = `dcplan-e2e-lesson-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

async function waitFor(session: string, test: (s: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    last = tmux('capture-pane', '-p', '-t', session);
    if (test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; screen:\n${last}`);
}

async function keys(session: string, ...k: string[]): Promise<void> {
  for (const key of k) {
    tmux('send-keys', '-t', session, key);
    await new Promise((r) => setTimeout(r, 120));
  }
}

function expectFits(s: string): void {
  for (const line of s.split('\n')) expect(width(line), line).toBeLessThanOrEqual(80);
}

afterAll(() => {
  if (ready) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

const WORDS = {
  en: { step: (n: number, of: number) => `step ${n}/${of}`, answer: 'What the model says', end: 'End of the lesson', inPlay: 'In play:' },
  zh: { step: (n: number, of: number) => `第 ${n}/${of} 步`, answer: '模型的结果', end: '课程结束', inPlay: '可调：' },
};

describe.skipIf(!ready)('dcplan lesson in tmux at 80×24', () => {
  it.each(['en', 'zh'] as const)('plays why-west from start to end in %s and quits cleanly', async (lang) => {
    const w = WORDS[lang];
    const session = `lesson-${lang}`;
    tmux(
      'new-session', '-d', '-s', session, '-x', '80', '-y', '24', '-c', ROOT,
      `printf 'before the lesson\\n'; node ${JSON.stringify(CLI)} lesson why-west --lang ${lang}; echo "EXITED $?"; sleep 60`,
    );
    const total = 8;
    let s = await waitFor(session, (x) => x.includes(w.step(1, total)), 'the first step');
    expect(s).toContain(lang === 'en' ? 'Why move compute west?' : '为什么要“东数西算”？');
    expectFits(s);
    for (let n = 1; n <= total; n++) {
      s = await waitFor(session, (x) => x.includes(w.step(n, total)), `step ${n}`);
      expectFits(s);
      if (/Press 1 2( 3)?( 4)? to answer|按 1 2( 3)?( 4)? 作答/.test(s)) {
        await keys(session, '2');
        s = await waitFor(session, (x) => x.includes(w.answer), `the reveal of step ${n}`);
        expectFits(s);
      }
      if (s.includes(w.inPlay)) {
        // the challenge: its first lever in play turns
        await keys(session, 'Right');
        s = await waitFor(session, (x) => /250 CNY\/rack\/mo|250 元\/机架\/月/.test(x), 'a lever in play turned');
        expectFits(s);
      }
      await keys(session, 'Space');
    }
    s = await waitFor(session, (x) => x.includes(w.end), 'the end of the lesson');
    expectFits(s);
    await keys(session, 'Left');
    expectFits(await waitFor(session, (x) => x.includes(w.step(total - 1, total)), 'back one step'));
    await keys(session, 'q');
    s = await waitFor(session, (x) => x.includes('EXITED 0'), 'the exit');
    expect(s).toContain('before the lesson');
    expect(s).not.toContain(w.step(total - 1, total));
    tmux('kill-session', '-t', session);
  });
});

/**
End to end: the real bundled CLI in a real terminal (tmux, 80×24). Keys are
sent with `tmux send-keys`, the screen is read with `tmux capture-pane -p`.
Uses a private tmux server (-L) so it never touches the user's sessions.
Skipped when tmux or dist/cli.js (npm run build) is missing.

Besides the English tour: the same screens in Chinese (`--lang zh`, and
`LANG=zh_CN.UTF-8` in the environment), where every captured line must fit 80
cells as string-width counts them (a CJK character two), the rules span the
screen and a chart's axis stays in one column; and with `--ascii`, where
nothing but ASCII (and, in Chinese, Chinese text) may reach the terminal.
*/
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import stringWidth from 'string-width';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const ready = hasTmux && existsSync(CLI);
const SOCKET = `dcplan-e2e-${process.pid}`;
const SESSION = 'tui';

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

const screen = (): string => tmux('capture-pane', '-p', '-t', SESSION);

async function waitFor(test: (s: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    last = screen();
    if (test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; screen:\n${last}`);
}

/** The screen once it has stopped changing (two captures 120 ms apart agree): never a frame half drawn. */
async function settledScreen(timeoutMs = 5_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let last = screen();
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 120));
    const now = screen();
    if (now === last) return now;
    last = now;
  }
  return last;
}

async function keys(...k: string[]): Promise<void> {
  for (const key of k) {
    tmux('send-keys', '-t', SESSION, key);
    await new Promise((r) => setTimeout(r, 80));
  }
}

function expectFits(s: string): void {
  for (const line of s.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
}

/**
The frame holds together in the terminal: every line within 80 cells, the
rules under the tabs and over the narration reach column 80 exactly, and a
chart's value axis (┤ ┼) sits in one column on every row, drawn once.
*/
function expectFrame(s: string, what: string): void {
  const lines = s.split('\n');
  for (const line of lines) expect(stringWidth(line), `${what}: ${line}`).toBeLessThanOrEqual(80);
  // the tabs (third line) end in a rule at the right edge; the rule over the narration spans the screen
  expect(lines[2]!, `${what}: tabs`).toMatch(/[─-]$/);
  expect(stringWidth(lines[2]!), `${what}: tabs ${lines[2]}`).toBe(80);
  expect(lines.filter((l) => /^[─-]{80}$/.test(l)).length, `${what}: the rule over the narration`).toBe(1);
  const axisRows = lines.filter((l) => /^ *\S*[┤┼]/.test(l));
  const columns = new Set(axisRows.map((l) => stringWidth(l.slice(0, l.search(/[┤┼]/)))));
  expect(columns.size, `${what}: axis columns ${[...columns].join(',')}`).toBeLessThanOrEqual(1);
  for (const l of axisRows) expect(l, `${what}: axis drawn twice`).not.toMatch(/[┤┼][┤┼]/);
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/u;

/** Only ASCII on screen; in Chinese, Chinese text too. */
function expectAscii(s: string, what: string, zh: boolean): void {
  for (const ch of s) if (ch.codePointAt(0)! >= 0x80) expect(zh && CJK.test(ch), `${what}: "${ch}"`).toBe(true);
}

let server = false;

/** Start `dcplan tui <args>` in the private server at 80×24, with `env` set for it only. */
function start(args: string, env = ''): void {
  // a session that outlives the tests' own: the server does not exit (and race the next start) when one is killed
  if (!server) {
    tmux('new-session', '-d', '-s', 'keep', 'sleep 3600');
    server = true;
  }
  tmux(
    'new-session', '-d', '-s', SESSION, '-x', '80', '-y', '24', '-c', ROOT,
    `printf 'before the TUI\\n'; ${env} node ${JSON.stringify(CLI)} tui ${args}; echo "EXITED $?"; sleep 30`,
  );
}

afterEach(() => {
  if (ready) spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', SESSION]);
});

afterAll(() => {
  if (ready) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

describe.skipIf(!ready)('dcplan tui in tmux at 80×24', () => {
  it('steps years, switches views, turns a lever, shows help and quits cleanly', async () => {
    start('', 'LANG=C.UTF-8 LC_ALL= LC_MESSAGES=');
    let s = await waitFor((x) => x.includes('Mega DCs operating'), 'the overview');
    expect(s).toContain("Gui'an plan as announced (2020)");
    expect(s).toContain('▕2020▏');
    expectFits(s);

    // the central case while the Monte Carlo runs, then the median of all runs: never the two on one row
    s = await waitFor((x) => /median of [\d,]+ runs/.test(x.split('\n')[0]!), 'the median once the bands are complete', 60_000);
    expect(s).toContain('P5 – P95');
    await keys('End', 'Left', 'Left', 'Left', 'Left', 'Left');
    s = await waitFor((x) => x.includes('▕2025▏'), 'the cursor on 2025');
    const servers = s.split('\n').find((l) => l.includes('Server capacity'))!;
    expect(servers).toMatch(/✗ [\d.]+ M · \d+ %/); // the median misses 4 M servers
    expect(s).toMatch(/Central case meets 4 M server capacity by 2025; the median of/);
    expectFits(s);
    await keys('Home');

    await keys('Right', 'Right', 'Right');
    s = await waitFor((x) => x.includes('▕2023▏') && x.includes('2023:'), 'the cursor on 2023');
    expect(s).toMatch(/2023: Gui'an serves [\d.]+ k racks of\s+eastern work/);

    // keys that arrive in one chunk all count: 4 then 5
    tmux('send-keys', '-t', SESSION, '-l', '45');
    await waitFor((x) => x.includes('Capex spent'), 'the money view after "45" in one chunk');

    await keys('2');
    s = await waitFor((x) => x.includes('All 12 sites'), 'the data centers view');
    expect(s).toContain('Sites in 2023');
    expectFits(s);
    await keys('3');
    s = await waitFor((x) => x.includes('Eastern work on the move in 2023'), 'the flows view');
    expectFits(s);
    await keys('4');
    await waitFor((x) => x.includes('Facility energy'), 'the energy view');
    await keys('5');
    await waitFor((x) => x.includes('Capex spent'), 'the money view');

    await keys('l', 'Down', 'Right', 'Right');
    s = await waitFor((x) => x.includes('transfer incentive 500 CNY/rack/mo'), 'a lever turned');
    expect(s).toContain('Levers');
    await keys('6');
    s = await waitFor((x) => x.includes('change against guian-plan'), 'the changed run in Compare');
    expect(s).toContain('guian-plan');
    expectFits(s);

    await keys('?');
    s = await waitFor((x) => x.includes('Keys · dcplan'), 'the help');
    expectFits(s);
    await keys('?');
    await waitFor((x) => !x.includes('Keys · dcplan'), 'the help to close');

    await keys('q');
    s = await waitFor((x) => x.includes('EXITED 0'), 'the exit');
    // the alternate screen is gone: the shell's own output is back, the TUI is not
    expect(s).toContain('before the TUI');
    expect(s).not.toContain('Mega DCs operating');
  });

  /**
  A tour of every screen in Chinese: the seven views (and a later year), a lever
  turned, Compare, help, the glossary scrolled, the play speed up and down. Each
  screen must hold together (expectFrame) and read Chinese.
  */
  async function chineseTour(ascii: boolean): Promise<void> {
    let s = await waitFor((x) => x.includes('总览') && x.includes('运营中的超大型数据'), 'the overview in Chinese');
    const check = async (what: string): Promise<void> => {
      const frame = await settledScreen();
      expectFrame(frame, what);
      if (ascii) expectAscii(frame, what, true);
      expect(frame, what).toMatch(/1 总览 +2 数据中心/);
    };
    await check('overview');
    expect(s).toContain('规划目标');
    const views: [string, string][] = [['2', '各站点'], ['3', '东部工作负载的流向'], ['4', '设施能耗'], ['5', '已拨预算'], ['6', '各运行'], ['7', '全国各集群'], ['1', '规划目标']];
    for (const [key, text] of views) {
      await keys(key);
      await waitFor((x) => x.includes(text), `view ${key} in Chinese (${text})`);
      await check(`view ${key}`);
      await keys('End');
      await waitFor((x) => x.includes(ascii ? '[2030]' : '▕2030▏'), `view ${key} at 2030`);
      await check(`view ${key} at 2030`);
      await keys('Home');
    }
    await keys('l', 'Down', 'Right');
    await waitFor((x) => x.includes('杠杆') && x.includes('250 元/机架/月'), 'a lever turned');
    await check('levers');
    await keys('l', '6');
    await waitFor((x) => x.includes('相对guian-plan的变化'), 'the changed run in Compare');
    await check('compare');
    await keys('?');
    await waitFor((x) => x.includes('按键 ') && x.includes('每年暂停'), 'the help in Chinese');
    await check('help');
    await keys('g');
    await waitFor((x) => x.includes('屏幕上的术语'), 'the glossary in Chinese');
    await check('glossary');
    await keys('Down', 'Down', 'Down', 'End');
    await waitFor((x) => x.includes('报告值') && !x.includes('基准情形\n'), 'the glossary scrolled to its end');
    await check('glossary at the end');
    await keys('g', '+', '+');
    await waitFor((x) => /(?:^| )4[×x]/m.test(x.split('\n')[1]!), 'the play speed 4×');
    await keys('-', '-', '-', 'p');
    await waitFor((x) => x.split('\n')[1]!.includes('逐年暂停') && /0\.5[×x]/.test(x.split('\n')[1]!), 'the speed 0.5× and stopping each year');
    await check('speed and mode');
    await keys('q');
    s = await waitFor((x) => x.includes('EXITED 0'), 'the exit');
    expect(s).toContain('before the TUI');
  }

  it('in Chinese with --lang zh: every screen fits 80 cells, holds its columns and reads Chinese', async () => {
    start('--lang zh', 'LANG=C.UTF-8 LC_ALL= LC_MESSAGES=');
    await chineseTour(false);
  });

  it('in Chinese from LANG=zh_CN.UTF-8 alone', async () => {
    start('', 'LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8');
    await chineseTour(false);
  });

  it('in Chinese with --ascii: only ASCII and Chinese text reach the terminal', async () => {
    start('--lang zh --ascii', 'LANG=C.UTF-8 LC_ALL= LC_MESSAGES=');
    await chineseTour(true);
  });

  it('in English with --ascii: only ASCII reaches the terminal', async () => {
    start('--ascii', 'LANG=C.UTF-8 LC_ALL= LC_MESSAGES=');
    let s = await waitFor((x) => x.includes('Mega DCs operating'), 'the overview');
    expect(s).toContain('[2020]');
    const check = async (what: string): Promise<void> => {
      const frame = await settledScreen();
      expectFrame(frame, what);
      expectAscii(frame, what, false);
    };
    await check('overview');
    for (const key of ['2', '3', '4', '5', '6', '7']) {
      await keys(key);
      await new Promise((r) => setTimeout(r, 300));
      await check(`view ${key}`);
    }
    await keys('1', 'l', 'Right', 'l', '?');
    await waitFor((x) => x.includes('Keys . dcplan'), 'the help');
    await check('help');
    await keys('?', 'g');
    await waitFor((x) => x.includes('Terms on screen'), 'the glossary');
    await check('glossary');
    await keys('g', 'q');
    s = await waitFor((x) => x.includes('EXITED 0'), 'the exit');
    expect(s).not.toContain('Terms on screen');
  });
});

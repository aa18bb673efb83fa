/**
End to end: the real bundled CLI in a real terminal (tmux, 80×24). Keys are
sent with `tmux send-keys`, the screen is read with `tmux capture-pane -p`.
Uses a private tmux server (-L) so it never touches the user's sessions.
Skipped when tmux or dist/cli.js (npm run build) is missing.
*/
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

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

async function keys(...k: string[]): Promise<void> {
  for (const key of k) {
    tmux('send-keys', '-t', SESSION, key);
    await new Promise((r) => setTimeout(r, 80));
  }
}

function expectFits(s: string): void {
  for (const line of s.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
}

afterAll(() => {
  if (ready) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

describe.skipIf(!ready)('dcplan tui in tmux at 80×24', () => {
  it('steps years, switches views, turns a lever, shows help and quits cleanly', async () => {
    tmux(
      'new-session', '-d', '-s', SESSION, '-x', '80', '-y', '24', '-c', ROOT,
      `printf 'before the TUI\\n'; node ${JSON.stringify(CLI)} tui; echo "EXITED $?"; sleep 30`,
    );
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
    expect(s).toMatch(/phases go\s+live/);

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
});

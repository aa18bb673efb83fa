/**
The program itself (`node bin/dcplan.js`), for what only a real process shows:
its exit status for each kind of ending, help from a cold start, and a reader
that stops reading (EPIPE) ending it quietly. The commands' output is tested
in-process (test/helpers/cli.ts); these few spawn.
*/
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { spawnDcplan } from '../helpers/cli.js';

describe('the dcplan program', () => {
  it('exits 0 after help, 2 on bad usage, 1 on bad input: one line, no stack trace', () => {
    const help = spawnDcplan('--help');
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage: dcplan');
    const usage = spawnDcplan('run');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("missing required argument 'scenario'");
    const input = spawnDcplan('run', 'no-such-file.yaml');
    expect(input.code).toBe(1);
    expect(input.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(input.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('a reader that closes the pipe (dcplan schema | head) ends it with 0 and nothing on stderr', async () => {
    const child = spawn(process.execPath, ['bin/dcplan.js', 'schema'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // closed before the first write: every write meets EPIPE
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
  });
});

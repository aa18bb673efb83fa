/** Running the bundled CLI from tests, and comparing output trees byte for byte. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node bin/dcplan.js ...args`, synchronously. */
export function dcplan(...args: string[]): CliResult {
  const r = spawnSync(process.execPath, ['bin/dcplan.js', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir` (relative path → bytes). */
export function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** The two directories hold the same files with the same bytes. */
export function expectSameBytes(a: string, b: string): void {
  const ta = tree(a);
  const tb = tree(b);
  expect([...tb.keys()]).toEqual([...ta.keys()]);
  for (const [k, v] of ta) expect(tb.get(k)!.equals(v), `${k} differs`).toBe(true);
}

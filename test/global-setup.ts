/**
Builds the CLI bundle once before the tests that run `bin/dcplan.js` (the
worker-thread path needs dist/worker.js). `npm ci` has already built it via
`prepare`; building again keeps a test run honest after source edits.

The teardown fails the run if a test left a `dcplan-*` directory in the temp
directory (tests use test/helpers/tmp.ts, which cleans up).

The scenario cache (src/scenario/cache.ts) of every test and every `dcplan` a
test spawns goes to one fresh directory (DCPLAN_CACHE_DIR, inherited by the
test processes), removed before that check — never to ~/.cache. Its name does not
start with `dcplan-`, so a second test run at the same time does not take it
for a leftover of its own.
*/
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const leftovers = (): Set<string> => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('dcplan-')));

export default function setup(): () => void {
  const before = leftovers();
  if (!process.env.DCPLAN_SKIP_BUILD) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', env: { ...process.env, DCPLAN_BUILD_TYPES: '0' } });
  const cache = mkdtempSync(join(tmpdir(), 'test-run-dcplan-cache-'));
  process.env.DCPLAN_CACHE_DIR = cache;
  return () => {
    rmSync(cache, { recursive: true, force: true });
    const left = [...leftovers()].filter((n) => !before.has(n));
    if (left.length > 0) throw new Error(`tests left ${left.length} temp director${left.length === 1 ? 'y' : 'ies'} behind: ${left.join(', ')}`);
  };
}

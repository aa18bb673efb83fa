/**
Builds the CLI bundle once before the tests that run `bin/dcplan.js` (the
worker-thread path needs dist/worker.js). `npm ci` has already built it via
`prepare`. It builds again when dist/ was built from other sources than those
here (scripts/build-inputs.mjs: the build records a hash of its inputs), so a
run after an edit never tests a stale bundle, and a run with an up-to-date
bundle (CI right after `npm ci`) does not pay the ~2 s build.

The teardown fails the run if a test left a `dcplan-*` directory in the temp
directory (tests use test/helpers/tmp.ts, which cleans up).

The scenario cache (src/scenario/cache.ts) of every test and every `dcplan` a
test spawns goes to one fresh directory (DCPLAN_CACHE_DIR, inherited by the
test processes), removed before that check — never to ~/.cache. Its name does not
start with `dcplan-`, so a second test run at the same time does not take it
for a leftover of its own.
*/
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_STAMP, buildInputs } from '../scripts/build-inputs.mjs';

const leftovers = (): Set<string> => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('dcplan-')));

export default function setup(): () => void {
  const before = leftovers();
  if (!process.env.DCPLAN_SKIP_BUILD) {
    const built = ['dist/cli.js', 'dist/worker.js', 'dist/index.js'].every((f) => existsSync(f)) && existsSync(BUILD_STAMP) && readFileSync(BUILD_STAMP, 'utf8') === buildInputs();
    if (!built) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', env: { ...process.env, DCPLAN_BUILD_TYPES: '0' } });
  }
  const cache = mkdtempSync(join(tmpdir(), 'test-run-dcplan-cache-'));
  process.env.DCPLAN_CACHE_DIR = cache;
  return () => {
    rmSync(cache, { recursive: true, force: true });
    const left = [...leftovers()].filter((n) => !before.has(n));
    if (left.length > 0) throw new Error(`tests left ${left.length} temp director${left.length === 1 ? 'y' : 'ies'} behind: ${left.join(', ')}`);
  };
}

/**
Builds the CLI bundle once before the tests that run `bin/dcplan.js` (the
worker-thread path needs dist/worker.js). `npm ci` has already built it via
`prepare`; building again keeps a test run honest after source edits.

The teardown fails the run if a test left a `dcplan-*` directory in the temp
directory (tests use test/helpers/tmp.ts, which cleans up).
*/
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';

const leftovers = (): Set<string> => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('dcplan-')));

export default function setup(): () => void {
  const before = leftovers();
  if (!process.env.DCPLAN_SKIP_BUILD) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', env: { ...process.env, DCPLAN_BUILD_TYPES: '0' } });
  return () => {
    const left = [...leftovers()].filter((n) => !before.has(n));
    if (left.length > 0) throw new Error(`tests left ${left.length} temp director${left.length === 1 ? 'y' : 'ies'} behind: ${left.join(', ')}`);
  };
}

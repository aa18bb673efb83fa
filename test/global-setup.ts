/**
Builds the CLI bundle once before the tests that run `bin/dcplan.js` (the
worker-thread path needs dist/worker.js). `npm ci` has already built it via
`prepare`; building again keeps a test run honest after source edits.
*/
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env.DCPLAN_SKIP_BUILD) return; // e.g. while iterating on a prebuilt dist/
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}

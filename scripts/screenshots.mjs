// npm run screenshots: regenerate docs/screenshots/report-{en,zh}.png (the whole page) and report-{en,zh}-charts.png (its first charts).
// Runs the real-browser test (test/e2e/report-browser.test.ts) with DCPLAN_SCREENSHOTS=1, which
// builds the CLI, writes both reports and saves the full-page screenshots there instead of a temp
// dir; fails if the test fails or skipped (no Chromium), so the PNGs are never silently stale.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const shots = ['report-en.png', 'report-zh.png', 'report-en-charts.png', 'report-zh-charts.png'].map((n) => join(root, 'docs', 'screenshots', n));
const mtime = (p) => {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
};
const before = shots.map(mtime);

const r = spawnSync(process.execPath, [vitest, 'run', 'test/e2e/report-browser.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DCPLAN_SCREENSHOTS: '1' },
});
if (r.status !== 0) process.exit(r.status ?? 1);
const stale = shots.filter((p, i) => mtime(p) <= before[i]);
if (stale.length > 0) {
  console.error(`not written (was the test skipped?): ${stale.join(', ')}`);
  process.exit(1);
}
console.log(`wrote ${shots.join(', ')}`);

import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
Real-world tests that drive other programs for a long time — a terminal (tmux),
a browser (Chromium), Slurm, the Docker image's layout, a Kubernetes study —
run in `npm run test:e2e` (vitest.e2e.config.ts); `npm test` runs the rest, fast.
*/
export const E2E = ['test/e2e/**', 'test/deploy/**'];

export default defineConfig({
  // React's production build, as the bundle ships it (scripts/build.mjs defines NODE_ENV=production): the
  // development build's checks only warn on the console, and cost the TUI tests ~10 % (every frame is a render)
  oxc: { jsx: { runtime: 'automatic', development: false } },
  test: {
    env: { NODE_ENV: 'production' },
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', ...E2E],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // every core (vitest's default leaves one idle); and test files share a fork's loaded modules
    // instead of importing src/ afresh for each file (tests restore what they change: the session
    // language, timers; runCli restores the globals it touches)
    maxWorkers: availableParallelism(),
    isolate: false,
    globalSetup: ['test/global-setup.ts'],
    // the JSON report feeds the "N passed, N failed" line of .ci/run
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});

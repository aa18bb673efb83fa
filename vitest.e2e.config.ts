import { defineConfig } from 'vitest/config';
import { E2E } from './vitest.config.js';

/**
`npm run test:e2e`: the real-world tests — tmux sessions (the TUI, a lesson),
a real browser on the HTML report, a Slurm cluster, the Docker image's layout
and a Kubernetes study. Slow, and they poll real programs; `.ci/run` runs them
after `npm test`.
*/
export default defineConfig({
  test: {
    include: E2E.map((g) => `${g}/*.test.{ts,tsx}`),
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // the JSON report feeds the "N passed, N failed" line of .ci/run (with .vitest-report.json)
    reporters: ['default', ['json', { outputFile: '.vitest-report-e2e.json' }]],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // the JSON report feeds the "N passed, N failed" line of .ci/run
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});

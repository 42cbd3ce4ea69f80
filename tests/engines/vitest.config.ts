import { defineConfig } from 'vitest/config';

// `ENGINE=webkit vitest run --config engines/vitest.config.ts` (or firefox): the flows in
// engines/*.test.ts, one after another in one process, against one wrangler dev.
export default defineConfig({
  test: {
    include: ['engines/**/*.test.ts'],
    globalSetup: ['engines/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    maxWorkers: 1,
    pool: 'forks',
    // As the Playwright suite: one retry in CI, where a failure first says what the page showed.
    retry: process.env.CI ? 1 : 0,
  },
});

import { defineConfig } from '@playwright/test';
import base from '../playwright.config.ts';

// Measurements, not tests: run on demand with
//   cd tests && pnpm exec playwright test -c perf/perf.config.ts
// They log figures and assert only that the app worked, never a timing.
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.perf.ts',
  outputDir: process.env.E2E_OUTPUT ?? '../../.state/perf-results',
  timeout: 180_000,
  // One measurement at a time: two pages competing for the cores would skew both.
  workers: 1,
  webServer: { ...(base.webServer as object), cwd: new URL('..', import.meta.url).pathname } as typeof base.webServer,
});

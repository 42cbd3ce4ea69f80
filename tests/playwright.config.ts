import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The suite drives Debian's Chromium (never a downloaded browser) against the real worker in
// wrangler dev, on its own port and with fresh state so it never touches `npm start`'s data.
const port = Number(process.env.E2E_PORT ?? 8790);
const state = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
// E2E_ASSETS serves a web build other than web/dist (e.g. `vite build --outDir /tmp/x`), so a
// run is not disturbed by someone rebuilding web/dist meanwhile.
const assets = process.env.E2E_ASSETS ? ` --assets ${process.env.E2E_ASSETS}` : '';
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: './e2e',
  outputDir: process.env.E2E_OUTPUT ?? '../.state/test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two files at a time (tests within a file run in order): the suite spends much of its time
  // waiting on the app and the worker, so the second core fills those gaps. Tests never share
  // state: each makes its own vault and account, and devices take their own network address.
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // A trace records every step with screenshots, which cost a fifth of the suite's time; it is
    // kept for the retry of a test that failed, where it is needed.
    trace: 'on-first-retry',
    // Installing the service worker precaches the whole app in every new context; files that
    // test the installed app (offline, update, share) turn it on with test.use.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: `pnpm exec wrangler dev --config ../wrangler.toml --local --ip 127.0.0.1 --port ${port} --persist-to ${state} --show-interactive-dev-session=false --var DEV_MODE:true${assets}`,
    url: `http://127.0.0.1:${port}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_SEND_ERROR_REPORTS: 'false',
      WRANGLER_HIDE_BANNER: 'true',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    },
  },
});

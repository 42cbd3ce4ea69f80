import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs } from './playwright.config.ts';

// The smoke suite against the self-hosted server (`npm run selfhost`: standalone workerd, no
// wrangler), on its own port with a fresh data folder. DEV_MODE puts mail in the dev outbox so
// the tests can sign up; the client address is the socket's peer, as on a bare server.
const port = Number(process.env.SELFHOST_PORT ?? 8794);
// The runner makes the folder once; its test workers inherit the variable and find the same one.
const data = process.env.SELFHOST_DATA ?? mkdtempSync(join(tmpdir(), 'tessera-selfhost-'));
process.env.SELFHOST_DATA = data;

export default defineConfig({
  testDir: './selfhost',
  outputDir: process.env.E2E_OUTPUT ?? '../.state/test-results-selfhost',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: `bash ../scripts/selfhost.sh ${data}`,
    url: `http://127.0.0.1:${port}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(port), DEV_MODE: 'true', TESSERA_SKIP_BUILD: '1' },
  },
});

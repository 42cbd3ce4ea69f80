import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// What a user feels: the app itself in headless Chromium against wrangler dev, a vault of 1,000
// records unlocked three times (split by the app's user-timing marks), scrolling its list against
// the same rows rendered statically, and Argon2id alone (libsodium.js and hash-wasm) in the same
// browser for the ratios. The measuring is tests/perf/unlock-1000.perf.ts, which prints its
// figures; this builds the app into a folder of its own first, so web/dist is left alone.
const ROOT = new URL('../..', import.meta.url).pathname;

export function runAppUnlockBench(): boolean {
  const dist = mkdtempSync(join(tmpdir(), 'tessera-bench-dist-'));
  try {
    const build = spawnSync(
      'pnpm',
      ['--filter', '@tessera/web', 'exec', 'vite', 'build', '--outDir', dist, '--emptyOutDir'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    if (build.status !== 0) return false;
    const run = spawnSync(
      'pnpm',
      ['exec', 'playwright', 'test', '-c', 'perf/perf.config.ts', 'unlock', '--reporter=list', '--timeout=900000'],
      {
        cwd: join(ROOT, 'tests'),
        stdio: 'inherit',
        env: {
          ...process.env,
          E2E_ASSETS: dist,
          // A port of its own, so `npm start` (8787) and a test run (8790) can go on beside it.
          E2E_PORT: process.env.BENCH_PORT ?? '8796',
          CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        },
      },
    );
    return run.status === 0;
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}

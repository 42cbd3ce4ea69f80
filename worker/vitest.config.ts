import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// The worker and its Durable Objects run inside workerd, configured from the real wrangler.toml.
// DEV_MODE is on as under `npm start` (dev outbox, built-in prelogin secret); the tests that need
// a deployed worker's behaviour call the app with DEV_MODE removed from its env.
export default defineConfig({
  plugins: [
    cloudflareTest({
      main: './src/index.ts',
      wrangler: { configPath: '../wrangler.toml' },
      miniflare: { bindings: { DEV_MODE: 'true' } },
    }),
  ],
  // test/node/provider-stub.ts runs in Node: the email and SMS providers' stand-in on 127.0.0.1.
  test: { include: ['test/**/*.test.ts'], globalSetup: ['test/node/provider-stub.ts'], testTimeout: 30_000 },
});

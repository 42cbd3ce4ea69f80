import { defineConfig } from 'vitest/config';

// Unit tests in Node: the pure helpers, and the stateful services (the sync engine and what it
// writes) with their browser parts passed in: fake-indexeddb for IndexedDB, vitest's fake
// timers for time, a host object for window/document events and the WebSocket
// (test/sync/harness.ts). What only a real browser can show stays in tests/e2e.
export default defineConfig({
  // Solid's browser build: its server build (Node's default) never runs effects, and the
  // engine reacts to the vault opening through one.
  resolve: { conditions: ['browser'] },
  ssr: { resolve: { conditions: ['browser'], externalConditions: ['browser'] } },
  test: { include: ['test/**/*.test.ts'], environment: 'node', server: { deps: { inline: ['solid-js'] } } },
});

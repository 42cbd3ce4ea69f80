import { defineConfig } from 'vitest/config';

// Unit tests of the pure helpers in src/lib (Node, no DOM); screens and services are covered
// end to end by tests/e2e against real Chromium and IndexedDB.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], environment: 'node' },
});

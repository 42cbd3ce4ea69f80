import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each case starts a real Node process; on a busy machine that can take a second or more.
    testTimeout: 30_000,
  },
});

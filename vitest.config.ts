import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and concurrency tests start servers and Chromium: keep files from fighting over 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
    setupFiles: ['tests/setup.ts'],
    globalSetup: ['tests/support/postgres-global.ts'],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One devnet for the whole run (or the one `walrus dev up` runs for this project), fresh state per test.
    globalSetup: ['walrus-devkit/testing/global-setup'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One devnet for the whole run (or the one `walrus dev up` runs for this project), fresh state per test.
    globalSetup: ['walrus-devkit/testing/global-setup'],
    // The test files share that devnet, and each test reverts it: run them one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // At least two test files at a time, also on 2 cores (vitest's default, cores − 1, runs one at a time there): the
    // end-to-end files spend much of their wall time waiting on the processes they start (a detached devnet
    // booting or stopping, a node restarting), so a second file fills those waits. Each file still gets its own
    // process (`isolate` stays on: storage nodes keep a process-wide worker pool configured from the environment).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});

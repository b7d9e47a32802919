/**
 * `useDevnet()`: the run's devnet for one test file, with fresh chain state for every test. Like Hardhat's
 * `loadFixture`, state is not rebuilt but restored: a snapshot is taken before each test (and before the file)
 * and reverted after it (O(changes made)), and nodes a test stopped are started again. The storage nodes follow
 * the reverted chain. Test files share one devnet, so they must not run in parallel (`fileParallelism: false`).
 */
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { connectToDevnet } from './connection.js';
import { setCurrentDevnet } from './current.js';
import './matchers.js';
import { PROVIDED_KEY } from './provided.js';
import { type TestDevnet, testDevnet } from './test-devnet.js';

/** Restores what a test changed: restarts nodes it stopped, then reverts the chain to `id`. */
async function restore(devnet: ReturnType<typeof testDevnet>, id: number): Promise<void> {
  for (const index of [...devnet.stoppedNodes]) await devnet.startNode(index);
  await devnet.revert(id);
}

/**
 * The run's devnet (from `walrus-devkit/testing/global-setup`), with a snapshot/revert around every test and
 * around the file. Call it at the top of a test file or inside a `describe`.
 * @example const devnet = useDevnet(); it('stores', async () => { const { blobId } = await devnet.storeBlob('hi'); await expect(blobId).toBeCertified(); });
 */
export function useDevnet(): TestDevnet {
  const provided = inject(PROVIDED_KEY);
  if (!provided)
    throw new Error(
      "No devnet for this run: add globalSetup: ['walrus-devkit/testing/global-setup'] to vitest.config.ts.",
    );
  const devnet = testDevnet(connectToDevnet(provided.descriptor));
  let fileSnapshot: number | undefined;
  let testSnapshot: number | undefined;
  beforeAll(async () => {
    setCurrentDevnet(devnet);
    fileSnapshot = await devnet.snapshot();
  });
  afterAll(async () => {
    if (fileSnapshot !== undefined) await restore(devnet, fileSnapshot);
  });
  beforeEach(async () => {
    setCurrentDevnet(devnet);
    testSnapshot = await devnet.snapshot();
  });
  afterEach(async () => {
    if (testSnapshot !== undefined) await restore(devnet, testSnapshot);
    testSnapshot = undefined;
  });
  return devnet;
}

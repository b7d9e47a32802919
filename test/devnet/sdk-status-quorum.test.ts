/**
 * The smallest reproduction of a @mysten/walrus 1.2.13 bug the chaos suite found (docs/chaos.md): in
 * `getVerifiedBlobStatus` each node's answer checks `isQuorum(successWeight)` *before* adding its own weight, so the
 * call resolves only on one more answer after a quorum. With every node but one answering (here 3 of 4 nodes, 75 of
 * 100 shards, more than the 2f + 1 = 67 needed), it never does and rejects with `NoBlobStatusReceivedError`.
 * `readBlob` calls it during an epoch change's sync (to pick the read committee), so there a single node down fails
 * every read. When this test fails because the status resolves, the SDK has fixed it: drop the note in docs/chaos.md.
 */
import { NoBlobStatusReceivedError } from '@mysten/walrus';
import { describe, expect, it } from 'vitest';
import { randomBlob, sharedTestDevnet, walrusClientFor } from './helpers.js';

const fixture = sharedTestDevnet({ nodes: 4, accounts: 1 }, 120_000);

describe('SDK 1.2.13 verified blob status with one node of four down', () => {
  it('rejects although 75 of 100 shards answered', async () => {
    const client = walrusClientFor(fixture.devnet);
    const { blobId } = await client.writeBlob({
      blob: randomBlob(1000),
      deletable: false,
      epochs: 2,
      signer: fixture.devnet.signers[0]!,
    });
    const all = await client.getVerifiedBlobStatus({ blobId });
    expect(all).toMatchObject({ type: 'permanent' });
    await fixture.devnet.nodes[3]!.stop();
    await expect(walrusClientFor(fixture.devnet).getVerifiedBlobStatus({ blobId })).rejects.toBeInstanceOf(
      NoBlobStatusReceivedError,
    );
  });
});

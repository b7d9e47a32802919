import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULTS, type Devnet, startDevnet } from '../../src/index.js';

import { metadataStatusOn } from '../devnet/helpers.js';

let devnet: Devnet;

beforeAll(async () => {
  devnet = await startDevnet({
    autoEpochs: false,
    accounts: 2,
    ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 },
  });
}, 60_000);
afterAll(() => devnet?.stop());

const bytes = (text: string) => new TextEncoder().encode(text);

/** What each storage node says of a blob's metadata: "Stored", "Buffered" or "Nonexistent". */
const storedOn = (blobId: string) => metadataStatusOn(devnet, blobId);

describe('startDevnet() from walrus-devkit', () => {
  it('gives ready clients, funded signers and a descriptor', async () => {
    expect(devnet.descriptor.nodes).toHaveLength(DEFAULTS.devnet.nodes);
    expect(devnet.descriptor.nShards).toBe(100);
    const wal = await devnet.suiClient.core.getBalance({
      owner: devnet.signers[0]!.toSuiAddress(),
      coinType: `${devnet.descriptor.packages!.wal}::wal::WAL`,
    });
    expect(BigInt(wal.balance.balance)).toBe(1000n * 1_000_000_000n);
    expect((await devnet.walrusClient.stakingState()).epoch).toBe(1);
  });

  it('reverts the chain to a snapshot, and the nodes follow the reverted chain', async () => {
    const signer = devnet.signers[0]!;
    const kept = await devnet.walrusClient.writeBlob({
      blob: bytes('kept'),
      deletable: true,
      epochs: 2,
      signer,
    });
    const snapshot = devnet.snapshot();
    const dropped = await devnet.walrusClient.writeBlob({
      blob: bytes('dropped'),
      deletable: true,
      epochs: 2,
      signer,
    });
    const droppedId =
      (dropped.blobObject.id as unknown as { id?: string }).id ?? String(dropped.blobObject.id);
    expect(await storedOn(dropped.blobId)).toEqual(devnet.nodes.map(() => 'Stored'));
    await devnet.revert(snapshot);
    const { objects } = await devnet.suiClient.core.getObjects({ objectIds: [droppedId] });
    expect(objects[0]).toBeInstanceOf(Error);
    // revert() resolves once every node follows the reverted chain: it dropped the blob that no longer exists.
    expect(await storedOn(dropped.blobId)).toEqual(devnet.nodes.map(() => 'Nonexistent'));
    expect(await storedOn(kept.blobId)).toEqual(devnet.nodes.map(() => 'Stored'));
    devnet.walrusClient.reset();
    expect(new TextDecoder().decode(await devnet.walrusClient.readBlob({ blobId: kept.blobId }))).toBe(
      'kept',
    );
    const after = await devnet.walrusClient.writeBlob({
      blob: bytes('after the revert'),
      deletable: false,
      epochs: 1,
      signer,
    });
    expect(new TextDecoder().decode(await devnet.walrusClient.readBlob({ blobId: after.blobId }))).toBe(
      'after the revert',
    );
  });

  it("refuses to touch another account's Blob", async () => {
    const [owner, other] = devnet.signers as [Devnet['signers'][0], Devnet['signers'][0]];
    const { blobObject } = await devnet.walrusClient.writeBlob({
      blob: bytes('mine'),
      deletable: true,
      epochs: 2,
      signer: owner,
    });
    const id = (blobObject.id as unknown as { id?: string }).id ?? String(blobObject.id);
    await expect(
      devnet.walrusClient.executeDeleteBlobTransaction({ blobObjectId: id, signer: other }),
    ).rejects.toThrow(/is owned by 0x[0-9a-f]{64}, not by the sender/);
    await expect(
      devnet.walrusClient.executeExtendBlobTransaction({ blobObjectId: id, epochs: 1, signer: other }),
    ).rejects.toThrow(/is owned by 0x[0-9a-f]{64}, not by the sender/);
    const { objects } = await devnet.suiClient.core.getObjects({ objectIds: [id] });
    expect(objects[0]).not.toBeInstanceOf(Error);
  });

  it('advances epochs', async () => {
    const before = (await devnet.walrusClient.stakingState()).epoch;
    expect(await devnet.advanceEpoch()).toBe(before + 1);
  });
});

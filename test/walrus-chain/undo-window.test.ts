/**
 * The chain view keeps only its newest `undoWindow` checkpoints' digests and blob changes (an idle ledger checkpoints
 * every second, so keeping all of them grows without end). A revert within the window is undone in place; a revert
 * to a checkpoint older than the window rebuilds the view from genesis, with the same result and one notice per blob
 * id, and no replay of the history's epoch changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Devnet, startDevnet } from '../../devnet/index.js';
import type { ChainChange } from '../../devnet/storage-node/chain-view.js';
import { SuiChainView } from '../../devnet/walrus-chain/sui-chain-view.js';

let devnet: Devnet;

beforeAll(async () => {
  devnet = await startDevnet({ nodes: 4, autoEpochs: false, fsync: false, accounts: 1 });
}, 120_000);
afterAll(() => devnet?.stop());

const openView = (undoWindow: number) =>
  SuiChainView.open({
    client: devnet.suiClient,
    addresses: devnet.deployment.addresses,
    systemObjectId: devnet.deployment.systemObjectId,
    stakingObjectId: devnet.deployment.stakingObjectId,
    undoWindow,
  });

async function store(text: string): Promise<string> {
  const { blobId } = await devnet.walrusClient.writeBlob({
    blob: new TextEncoder().encode(text),
    deletable: true,
    epochs: 2,
    signer: devnet.signers[0]!,
  });
  return blobId;
}

/** Checkpoints the ledger makes after the snapshot: one per transfer. */
async function checkpoints(count: number): Promise<void> {
  const { Transaction } = await import('@mysten/sui/transactions');
  const signer = devnet.signers[0]!;
  for (let i = 0; i < count; i++) {
    const tx = new Transaction();
    tx.transferObjects([tx.splitCoins(tx.gas, [1])], signer.toSuiAddress());
    await devnet.suiClient.signAndExecuteTransaction({ transaction: tx, signer });
  }
}

async function caughtUp(view: SuiChainView): Promise<void> {
  const { response } = await devnet.suiClient.ledgerService.getServiceInfo({});
  await expect
    .poll(() => view.cursor, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(response.checkpointHeight ?? 0n);
}

describe('the chain view: an undo window instead of the whole history', () => {
  it('follows a revert older than its window by rebuilding from genesis, telling each blob id once', async () => {
    const view = await openView(3);
    const kept = await store('certified before the snapshot');
    const snapshot = devnet.snapshot();
    const dropped = await store('stored after the snapshot');
    await checkpoints(5);
    await caughtUp(view);
    expect(await view.getBlob(dropped)).toBeDefined();
    expect(view.retainedCheckpoints).toBe(3);

    const changes: ChainChange[] = [];
    view.subscribe((change) => changes.push(change));
    await devnet.revert(snapshot);
    await checkpoints(1);
    await expect.poll(() => view.getBlob(dropped), { timeout: 30_000 }).toBeUndefined();

    expect((await view.getBlob(kept))?.objects.map((o) => o.certifiedEpoch !== null)).toEqual([true]);
    const told = changes.filter((c) => c.kind === 'blob').map((c) => (c.kind === 'blob' ? c.blobId : ''));
    expect(told.filter((id) => id === dropped)).toHaveLength(1);
    expect(told.filter((id) => id === kept)).toHaveLength(1);
    expect(changes.filter((c) => c.kind === 'epoch')).toHaveLength(1);
    view.close();
  }, 120_000);

  it('undoes a revert within its window in place: only the blob ids the dropped checkpoints changed', async () => {
    const view = await openView(4096);
    const kept = await store('kept, window');
    const snapshot = devnet.snapshot();
    const dropped = await store('dropped, window');
    await caughtUp(view);

    const changes: ChainChange[] = [];
    view.subscribe((change) => changes.push(change));
    await devnet.revert(snapshot);
    await checkpoints(1);
    await expect.poll(() => view.getBlob(dropped), { timeout: 30_000 }).toBeUndefined();

    expect(await view.getBlob(kept)).toBeDefined();
    const told = changes.filter((c) => c.kind === 'blob').map((c) => (c.kind === 'blob' ? c.blobId : ''));
    expect(told).toContain(dropped);
    expect(told).not.toContain(kept);
    view.close();
  }, 120_000);
});

/**
 * The unmodified `@mysten/walrus` SDK against the storage natives, over `SuiGrpcClient` on the
 * embedded ledger: it computes costs itself, pays exactly and calls `coin::destroy_zero` after each
 * payment, so a cost that differs by one FROST would abort.
 */
import { SuiGrpcClient } from '@mysten/sui/grpc';
import type { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { blobIdToInt, WalrusClient } from '@mysten/walrus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountKeypair } from '../../../devnet/devnet-accounts.js';
import type { LedgerInstance } from '../../../devnet/ledger/start-ledger.js';
import { startTestLedger } from '../../ledger/fixtures/test-ledger.js';
import {
  ADDRESSES,
  aggregateSignature,
  certificationMessage,
  contents,
  deploy,
  type TestEnv,
  testLedgerModules,
  WAL_TYPE,
} from './natives-fixture.js';

const MiB = 1_048_576n;
const STORAGE_PRICE = 100_000n;
const WRITE_PRICE = 20_000n;

let node: LedgerInstance;
let env: TestEnv;
let signer: Ed25519Keypair;
let sui: SuiGrpcClient;
let walrus: WalrusClient;

beforeAll(async () => {
  node = await startTestLedger({ accounts: 1, ledger: { clock: 'manual', modules: testLedgerModules() } });
  signer = accountKeypair(node.accounts[0]!);
  env = await deploy(node.ledger, signer, { storagePrice: STORAGE_PRICE, writePrice: WRITE_PRICE });
  sui = new SuiGrpcClient({ network: 'localnet', transport: node.transport });
  walrus = new WalrusClient({
    suiClient: sui,
    packageConfig: { systemObjectId: env.systemId, stakingPoolId: env.systemId },
    storageNodeUrlScheme: 'http',
  });
});

afterAll(async () => {
  await node?.stop();
});

const walBalance = async () =>
  BigInt((await sui.core.getBalance({ owner: signer.toSuiAddress(), coinType: WAL_TYPE })).balance.balance);

describe('the Walrus SDK against the storage natives', () => {
  it('reads the System and its inner state', async () => {
    const state = await walrus.systemState();
    expect(state.committee.n_shards).toBe(10);
    expect(state.committee.epoch).toBe(1);
    expect(BigInt(state.storage_price_per_unit_size)).toBe(STORAGE_PRICE);
    expect((await walrus.systemObject()).package_id).toBe(ADDRESSES.walrus);
  });

  it('stores, certifies, annotates, extends and deletes a blob, paying exactly what storageCost says', async () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 31) % 251);
    const epochs = 3;
    const cost = await walrus.storageCost(bytes.length, epochs);
    // 10 shards: p = 4, s = 7; symbol = ceil(200000 / 28) rounded to even = 7144; 10 * (11 * 7144 + 672).
    const encoded = 10n * (11n * 7144n + 672n);
    const units = (encoded + MiB - 1n) / MiB;
    expect(cost.storageCost).toBe(units * STORAGE_PRICE * BigInt(epochs));
    expect(cost.writeCost).toBe(units * WRITE_PRICE);

    const meta = await walrus.computeBlobMetadata({ bytes });
    const before = await walBalance();
    const { blob } = await walrus.executeRegisterBlobTransaction({
      signer,
      size: bytes.length,
      epochs,
      blobId: meta.blobId,
      rootHash: meta.rootHash,
      deletable: true,
      owner: signer.toSuiAddress(),
      attributes: { kind: 'test', keep: 'yes' },
    });
    expect(before - (await walBalance())).toBe(cost.totalCost);
    expect(BigInt(blob.blob_id)).toBe(blobIdToInt(meta.blobId));
    expect(blob.storage.end_epoch).toBe(1 + epochs);
    expect(await walrus.readBlobAttributes({ blobObjectId: blob.id })).toEqual({ kind: 'test', keep: 'yes' });

    const serializedMessage = certificationMessage(1, blobIdToInt(meta.blobId), blob.id);
    await walrus.executeCertifyBlobTransaction({
      signer,
      blobId: meta.blobId,
      blobObjectId: blob.id,
      deletable: true,
      certificate: {
        signers: [0, 1, 2],
        serializedMessage,
        signature: aggregateSignature(env.nodes, [0, 1, 2], serializedMessage),
      },
    });
    expect(contents<{ certified_epoch: { vec: number[] } }>(node.ledger, blob.id).certified_epoch).toEqual({
      vec: [1],
    });

    await walrus.executeWriteBlobAttributesTransaction({
      signer,
      blobObjectId: blob.id,
      attributes: { kind: null, extra: '1' },
    });
    expect(await walrus.readBlobAttributes({ blobObjectId: blob.id })).toEqual({ keep: 'yes', extra: '1' });

    const beforeExtend = await walBalance();
    await walrus.executeExtendBlobTransaction({ signer, blobObjectId: blob.id, epochs: 2 });
    expect(beforeExtend - (await walBalance())).toBe(units * STORAGE_PRICE * 2n);
    expect(contents<{ storage: { end_epoch: number } }>(node.ledger, blob.id).storage.end_epoch).toBe(6);

    await walrus.executeDeleteBlobTransaction({ signer, blobObjectId: blob.id });
    expect(node.ledger.state.object(blob.id)).toBeUndefined();
    const { objects } = await sui.core.listOwnedObjects({
      owner: signer.toSuiAddress(),
      type: `${ADDRESSES.walrus}::storage_resource::Storage`,
    });
    expect(objects).toHaveLength(1);
  });

  it('creates storage on its own, as the SDK builds it', async () => {
    // (executeCreateStorageTransaction looks the result up by the Blob type, so build and run it here.)
    const before = await walBalance();
    const cost = await walrus.storageCost(1_000, 2);
    const transaction = walrus.createStorageTransaction({
      size: 1_000,
      epochs: 2,
      owner: signer.toSuiAddress(),
    });
    const result = await sui.core.signAndExecuteTransaction({
      transaction,
      signer,
      include: { effects: true },
    });
    expect(result.$kind).toBe('Transaction');
    expect(before - (await walBalance())).toBe(cost.storageCost);
    const { objects } = await sui.core.listOwnedObjects({
      owner: signer.toSuiAddress(),
      type: `${ADDRESSES.walrus}::storage_resource::Storage`,
    });
    const made = objects.find((o) =>
      result.Transaction?.effects?.changedObjects.some(
        (c) => c.objectId === o.objectId && c.idOperation === 'Created',
      ),
    );
    expect(contents(node.ledger, made!.objectId)).toMatchObject({ start_epoch: 1, end_epoch: 3 });
  });
});

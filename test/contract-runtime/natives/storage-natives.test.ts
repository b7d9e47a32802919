/**
 * The storage side of the Walrus natives on a real ledger: System state layout, storage purchase,
 * blob registration, certification, extension, deletion, burning, attributes, storage split/fuse,
 * invalid blob ids and the epoch change's reward accounting. Transactions are real PTBs run with
 * `executeTrusted`; costs are checked to the unit against the protocol's formulas.
 */

import { bcs } from '@mysten/sui/bcs';
import type { Transaction, TransactionResult } from '@mysten/sui/transactions';
import { deriveDynamicFieldID } from '@mysten/sui/utils';
import { BlobEncoder } from '@mysten/walrus-wasm';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SystemStateInnerV1Value } from '../../../devnet/contract-runtime/generated/move-types.js';
import { ledgerFramework } from '../../../devnet/contract-runtime/natives/framework/index.js';
import { blobIdOf } from '../../../devnet/contract-runtime/natives/walrus/blob.js';
import { Ledger } from '../../../devnet/ledger/core/ledger.js';
import { SUI_FRAMEWORK } from '../../../devnet/ledger/core/natives/framework/values.js';
import type { TransactionRecord } from '../../../devnet/ledger/core/types.js';
import {
  ADDRESSES,
  advance,
  aggregateSignature,
  BURN_SINK,
  balanceOf,
  bitmapOf,
  certificationMessage,
  contents,
  created,
  deploy,
  expectSuccess,
  invalidBlobMessage,
  objectArg,
  ownedBy,
  run,
  type TestEnv,
  testLedgerModules,
  testNodes,
  testSender,
  WAL,
  WAL_COIN_TYPE,
  WAL_TYPE,
} from './natives-fixture.js';

const W = ADDRESSES.walrus;
const MiB = 1_048_576n;
const STORAGE_PRICE = 100_000n;
const WRITE_PRICE = 20_000n;
const N_SHARDS = 10;

/** The protocol's encoded length (§1), written independently of the natives. */
function encodedLength(size: bigint, n: number): bigint {
  const f = Math.floor((n - 1) / 3);
  const p = BigInt(n - 2 * f);
  const s = BigInt(n - f);
  let symbol = ((size > 1n ? size : 1n) + p * s - 1n) / (p * s);
  if (symbol % 2n === 1n) symbol += 1n;
  const N = BigInt(n);
  return N * (N * 64n + 32n) + N * (p + s) * symbol;
}
const units = (bytes: bigint) => (bytes + MiB - 1n) / MiB;

/** Blob id and root hash of `data` from the SDK's encoder, as u256. */
function metadataOf(data: Uint8Array, n = N_SHARDS) {
  const [id, root] = new BlobEncoder(n).compute_metadata(data) as [number[], { Digest: number[] }];
  const le = (bytes: number[]) => BigInt(bcs.u256().parse(Uint8Array.from(bytes)));
  return { blobId: le(id), rootHash: le(root.Digest), size: BigInt(data.length) };
}

/** The failed transaction's abort: the Move function that raised it (as Sui names it) and the code. */
function abortOf(record: TransactionRecord) {
  if (record.status.success) throw new Error('expected an abort');
  return (
    record.status.abort && {
      packageId: record.status.abort.packageId,
      module: record.status.abort.module,
      function: record.status.abort.function,
      code: Number(record.status.abort.code),
    }
  );
}

/** An abort raised in `module::fun` of `packageId` (the Walrus package unless given). */
const at = (module: string, fun: string, code: number, packageId: string = W) => ({
  packageId,
  module,
  function: fun,
  code,
});

let env: TestEnv;
let ledger: Ledger;

/** The sender's largest WAL coin. */
function walCoin(): string {
  const value = (id: string) => contents<{ balance: { value: bigint } }>(ledger, id).balance.value;
  const ids = ownedBy(ledger, env.address, WAL_COIN_TYPE).map((c) => c.id);
  return ids.sort((a, b) => (value(b) > value(a) ? 1 : -1))[0]!;
}

function pay(tx: Transaction, amount: bigint): TransactionResult[number] {
  const [coin] = tx.splitCoins(objectArg(ledger, tx, walCoin()), [amount]);
  return coin!;
}

function destroyZero(tx: Transaction, coin: TransactionResult[number]) {
  tx.moveCall({ target: '0x2::coin::destroy_zero', typeArguments: [WAL_TYPE], arguments: [coin] });
}

const systemArg = (tx: Transaction, immutable = false) => objectArg(ledger, tx, env.systemId, immutable);

function innerState(): SystemStateInnerV1Value {
  const id = deriveDynamicFieldID(env.systemId, 'u64', bcs.u64().serialize(1).toBytes());
  return contents<{ value: SystemStateInnerV1Value }>(ledger, id).value;
}

/** Reserves `amount` bytes for `epochs` and registers `data` on it, paying exactly; returns the blob id. */
async function registerBlob(data: Uint8Array, epochs: number, deletable: boolean) {
  const meta = metadataOf(data);
  const encoded = encodedLength(meta.size, N_SHARDS);
  const storageCost = units(encoded) * STORAGE_PRICE * BigInt(epochs);
  const writeCost = units(encoded) * WRITE_PRICE;
  const before = balanceOf(ledger, env.address);
  const record = expectSuccess(
    await run(ledger, env.address, (tx) => {
      const storagePay = pay(tx, storageCost);
      const storage = tx.moveCall({
        target: `${W}::system::reserve_space`,
        arguments: [systemArg(tx), tx.pure.u64(encoded), tx.pure.u32(epochs), storagePay],
      });
      destroyZero(tx, storagePay);
      const writePay = pay(tx, writeCost);
      const blob = tx.moveCall({
        target: `${W}::system::register_blob`,
        arguments: [
          systemArg(tx),
          storage,
          tx.pure.u256(meta.blobId),
          tx.pure.u256(meta.rootHash),
          tx.pure.u64(meta.size),
          tx.pure.u8(1),
          tx.pure.bool(deletable),
          writePay,
        ],
      });
      destroyZero(tx, writePay);
      tx.transferObjects([blob], env.address);
    }),
  );
  expect(before - balanceOf(ledger, env.address)).toBe(storageCost + writeCost);
  const blobId = created(ledger, record, `${W}::blob::Blob`)[0]!;
  return { blobObjectId: blobId, record, meta, encoded, storageCost, writeCost };
}

interface BlobFields {
  registered_epoch: number;
  blob_id: bigint;
  size: bigint;
  encoding_type: number;
  certified_epoch: { vec: number[] };
  storage: { id: { id: { bytes: string } }; start_epoch: number; end_epoch: number; storage_size: bigint };
  deletable: boolean;
}

async function certify(blobObjectId: string, signers: number[], message: Uint8Array, signature?: Uint8Array) {
  return run(ledger, env.address, (tx) => {
    tx.moveCall({
      target: `${W}::system::certify_blob`,
      arguments: [
        systemArg(tx, true),
        objectArg(ledger, tx, blobObjectId),
        tx.pure.vector('u8', signature ?? aggregateSignature(env.nodes, signers, message)),
        tx.pure.vector('u8', bitmapOf(signers, env.nodes.length)),
        tx.pure.vector('u8', message),
      ],
    });
  });
}

function eventsOf(record: TransactionRecord, name: string): Record<string, unknown>[] {
  return record.events
    .filter((e) => e.type === `${W}::events::${name}`)
    .map((e) => ledger.layouts.decode(e.type, e.contents) as Record<string, unknown>);
}

beforeEach(async () => {
  const sender = testSender();
  ledger = new Ledger({
    framework: ledgerFramework(),
    clock: 'manual',
    genesisAccounts: [{ address: sender.toSuiAddress(), balance: 1_000_000n * 1_000_000_000n }],
    modules: testLedgerModules(),
  });
  env = await deploy(ledger, sender, { storagePrice: STORAGE_PRICE, writePrice: WRITE_PRICE });
});

describe('deployment and state layout', () => {
  it('publishes WAL: the supply to the publisher, frozen metadata, a shared treasury', () => {
    expect(balanceOf(ledger, env.address)).toBe(5_000_000_000n * WAL);
    const treasury = ledger.state.object(env.treasuryId)!;
    expect(treasury.owner.kind).toBe('shared');
    expect(
      contents<{ cap: { total_supply: { value: bigint } } }>(ledger, env.treasuryId).cap.total_supply.value,
    ).toBe(5_000_000_000n * WAL);
    const metadata = [...ledger.state.allObjects()].find(
      (o) =>
        o.type ===
        `0x0000000000000000000000000000000000000000000000000000000000000002::coin::CoinMetadata<${WAL_TYPE}>`,
    );
    expect(metadata?.owner.kind).toBe('immutable');
    const decoded = ledger.layouts.decode(metadata!.type, metadata!.contents) as {
      decimals: number;
      symbol: { bytes: Uint8Array };
    };
    expect(decoded.decimals).toBe(9);
    expect(new TextDecoder().decode(decoded.symbol.bytes)).toBe('WAL');
  });

  it('keeps the inner state as the dynamic field u64 1 of the shared System, with the committee', () => {
    const system = ledger.state.object(env.systemId)!;
    expect(system.type).toBe(`${W}::system::System`);
    expect(system.owner.kind).toBe('shared');
    expect(contents<{ version: bigint; package_id: { bytes: string } }>(ledger, env.systemId)).toMatchObject({
      version: 1n,
      package_id: { bytes: W },
      new_package_id: { vec: [] },
    });
    const fieldId = deriveDynamicFieldID(env.systemId, 'u64', bcs.u64().serialize(1).toBytes());
    const field = ledger.state.object(fieldId)!;
    expect(field.type).toBe(
      `0x0000000000000000000000000000000000000000000000000000000000000002::dynamic_field::Field<u64, ${W}::system_state_inner::SystemStateInnerV1>`,
    );
    expect(field.owner).toEqual({ kind: 'object', address: env.systemId });
    const inner = innerState();
    expect(inner.committee.epoch).toBe(1);
    expect(inner.committee.n_shards).toBe(N_SHARDS);
    expect(inner.committee.members.map((m) => m.weight)).toEqual([3, 3, 2, 2]);
    const aggregate = bls12_381.longSignatures.aggregatePublicKeys(env.nodes.map((n) => n.publicKey));
    expect(Buffer.from(inner.committee.total_aggregated_key.bytes).toString('hex')).toBe(
      Buffer.from(aggregate.toBytes(true)).toString('hex'),
    );
    expect(inner.storage_price_per_unit_size).toBe(STORAGE_PRICE);
    expect(inner.write_price_per_unit_size).toBe(WRITE_PRICE);
    expect(inner.future_accounting.length).toBe(10);
    expect(inner.future_accounting.ring_buffer[inner.future_accounting.current_index]!.epoch).toBe(1);
    // The deny-list sizes live in an ExtendedField whose value is a dynamic field of its own id.
    const denyList = [...ledger.state.allObjects()].find(
      (o) => o.owner.kind === 'object' && o.owner.address === inner.deny_list_sizes.id.id.bytes,
    );
    expect(denyList?.type).toContain('::extended_field::Key');
  });
});

describe('storage', () => {
  it('reserve_space charges units × price × epochs to the unit and books each epoch', async () => {
    const amount = 3n * MiB + 1n; // 4 units
    const cost = 4n * STORAGE_PRICE * 3n;
    const before = balanceOf(ledger, env.address);
    const record = expectSuccess(
      await run(ledger, env.address, (tx) => {
        const coin = pay(tx, cost);
        const storage = tx.moveCall({
          target: `${W}::system::reserve_space`,
          arguments: [systemArg(tx), tx.pure.u64(amount), tx.pure.u32(3), coin],
        });
        destroyZero(tx, coin);
        tx.transferObjects([storage], env.address);
      }),
    );
    expect(before - balanceOf(ledger, env.address)).toBe(cost);
    const storageId = created(ledger, record, `${W}::storage_resource::Storage`)[0]!;
    expect(contents(ledger, storageId)).toMatchObject({ start_epoch: 1, end_epoch: 4, storage_size: amount });
    const inner = innerState();
    const ring = inner.future_accounting;
    const entry = (offset: number) => ring.ring_buffer[(ring.current_index + offset) % ring.length]!;
    for (const offset of [0, 1, 2]) {
      expect(entry(offset).rewards_to_distribute.value).toBe(4n * STORAGE_PRICE);
      expect(entry(offset).used_capacity).toBe(amount);
    }
    expect(entry(3).used_capacity).toBe(0n);
    expect(inner.used_capacity_size).toBe(amount);
  });

  it('refuses a payment one unit short, zero or too many epochs, zero size and exceeded capacity', async () => {
    const reserve = (amount: bigint, epochs: number, paid: bigint) =>
      run(ledger, env.address, (tx) => {
        const coin = pay(tx, paid);
        const storage = tx.moveCall({
          target: `${W}::system::reserve_space`,
          arguments: [systemArg(tx), tx.pure.u64(amount), tx.pure.u32(epochs), coin],
        });
        tx.transferObjects([storage, coin], env.address);
      });
    // The second epoch's storage cost is split off a coin one unit short: balance::ENotEnough.
    expect(abortOf(await reserve(MiB, 2, 2n * STORAGE_PRICE - 1n))).toEqual(
      at('balance', 'split', 2, SUI_FRAMEWORK),
    );
    expect(abortOf(await reserve(MiB, 0, 0n))).toEqual(at('system_state_inner', 'reserve_space', 2)); // EInvalidEpochsAhead
    expect(abortOf(await reserve(MiB, 11, 11n * STORAGE_PRICE))).toEqual(
      at('system_state_inner', 'reserve_space', 2), // EInvalidEpochsAhead
    );
    expect(abortOf(await reserve(0n, 1, 0n))).toEqual(at('system_state_inner', 'reserve_space', 6)); // EInvalidResourceSize
    await advance(env, { capacity: 5n * MiB, storagePrice: STORAGE_PRICE, writePrice: WRITE_PRICE });
    expect(abortOf(await reserve(6n * MiB, 1, 6n * STORAGE_PRICE))).toEqual(
      at('system_state_inner', 'use_capacity', 1), // EStorageExceeded
    );
    expectSuccess(await reserve(5n * MiB, 1, 5n * STORAGE_PRICE));
  });

  it('splits and fuses reservations by epoch and by size', async () => {
    const record = expectSuccess(
      await run(ledger, env.address, (tx) => {
        const coin = pay(tx, 4n * STORAGE_PRICE);
        const storage = tx.moveCall({
          target: `${W}::system::reserve_space`,
          arguments: [systemArg(tx), tx.pure.u64(MiB), tx.pure.u32(4), coin],
        });
        destroyZero(tx, coin);
        const later = tx.moveCall({
          target: `${W}::storage_resource::split_by_epoch`,
          arguments: [storage, tx.pure.u32(3)],
        });
        const half = tx.moveCall({
          target: `${W}::storage_resource::split_by_size`,
          arguments: [later, tx.pure.u64(MiB / 2n)],
        });
        tx.transferObjects([storage, later, half], env.address);
      }),
    );
    const [a, b, c] = created(ledger, record, `${W}::storage_resource::Storage`).map((id) => ({
      ...contents<{ start_epoch: number; end_epoch: number; storage_size: bigint }>(ledger, id),
      id,
    }));
    const byShape = [a!, b!, c!].map((s) => `${s.start_epoch}-${s.end_epoch}:${s.storage_size}`).sort();
    expect(byShape).toEqual(['1-3:1048576', '3-5:524288', '3-5:524288']);
    const first = [a!, b!, c!].find((s) => s.start_epoch === 1)!;
    const [x, y] = [a!, b!, c!].filter((s) => s.start_epoch === 3);
    const fused = await run(ledger, env.address, (tx) => {
      tx.moveCall({
        target: `${W}::storage_resource::fuse`,
        arguments: [objectArg(ledger, tx, x!.id), objectArg(ledger, tx, y!.id)],
      });
      tx.moveCall({
        target: `${W}::storage_resource::fuse`,
        arguments: [objectArg(ledger, tx, first.id), tx.object(x!.id)],
      });
    });
    expectSuccess(fused);
    expect(contents(ledger, first.id)).toMatchObject({ start_epoch: 1, end_epoch: 5, storage_size: MiB });
    expect(ledger.state.object(x!.id)).toBeUndefined();
    expect(ledger.state.object(y!.id)).toBeUndefined();
    const bad = await run(ledger, env.address, (tx) => {
      const part = tx.moveCall({
        target: `${W}::storage_resource::split_by_epoch`,
        arguments: [objectArg(ledger, tx, first.id), tx.pure.u32(5)],
      });
      tx.transferObjects([part], env.address);
    });
    expect(abortOf(bad)).toEqual(at('storage_resource', 'split_by_epoch', 0)); // EInvalidEpoch
    const tooBig = await run(ledger, env.address, (tx) => {
      const part = tx.moveCall({
        target: `${W}::storage_resource::split_by_size`,
        arguments: [objectArg(ledger, tx, first.id), tx.pure.u64(MiB)],
      });
      tx.transferObjects([part], env.address);
    });
    expect(abortOf(tooBig)).toEqual(at('storage_resource', 'split_by_size', 3)); // EInvalidSize
  });
});

describe('blobs', () => {
  const data = new TextEncoder().encode('hello walrus natives');

  it('register_blob derives the blob id, checks the encoded size and charges the write cost', async () => {
    const { blobObjectId, record, meta, encoded } = await registerBlob(data, 3, false);
    expect(blobIdOf(meta.rootHash, 1, meta.size)).toBe(meta.blobId);
    const blob = contents<BlobFields>(ledger, blobObjectId);
    expect(blob).toMatchObject({
      registered_epoch: 1,
      blob_id: meta.blobId,
      size: meta.size,
      encoding_type: 1,
      certified_epoch: { vec: [] },
      deletable: false,
    });
    expect(blob.storage).toMatchObject({ start_epoch: 1, end_epoch: 4, storage_size: encoded });
    expect(eventsOf(record, 'BlobRegistered')).toEqual([
      {
        epoch: 1,
        blob_id: meta.blobId,
        size: meta.size,
        encoding_type: 1,
        end_epoch: 4,
        deletable: false,
        object_id: { bytes: blobObjectId },
      },
    ]);
  });

  it('refuses a wrong blob id, storage smaller than the encoded size and another encoding', async () => {
    const meta = metadataOf(data);
    const encoded = encodedLength(meta.size, N_SHARDS);
    const attempt = (storageSize: bigint, blobId: bigint, encoding: number) =>
      run(ledger, env.address, (tx) => {
        const coin = pay(tx, units(storageSize) * STORAGE_PRICE + units(encoded) * WRITE_PRICE);
        const storage = tx.moveCall({
          target: `${W}::system::reserve_space`,
          arguments: [systemArg(tx), tx.pure.u64(storageSize), tx.pure.u32(1), coin],
        });
        const blob = tx.moveCall({
          target: `${W}::system::register_blob`,
          arguments: [
            systemArg(tx),
            storage,
            tx.pure.u256(blobId),
            tx.pure.u256(meta.rootHash),
            tx.pure.u64(meta.size),
            tx.pure.u8(encoding),
            tx.pure.bool(false),
            coin,
          ],
        });
        tx.transferObjects([blob, coin], env.address);
      });
    expect(abortOf(await attempt(encoded, meta.blobId + 1n, 1))).toEqual(at('blob', 'new', 6)); // EInvalidBlobId
    const short = await attempt(encoded - 1n, meta.blobId, 1);
    expect(abortOf(short)).toEqual(at('blob', 'new', 3)); // EResourceSize
    // Reported where it is raised, not at the called system::register_blob (command 2).
    expect(short.status).toMatchObject({
      kind: 'MoveAbort',
      command: 2,
      message: 'MoveAbort in 0xa11ce3::blob::new with code 3 (command 2)', // W, short
    });
    expect(abortOf(await attempt(encoded, meta.blobId, 0))).toEqual(
      at('redstuff', 'encoded_blob_length', 0), // EInvalidEncodingType
    );
    expectSuccess(await attempt(encoded, meta.blobId, 1));
  });

  it('certifies with a quorum aggregate of the committee and emits BlobCertified', async () => {
    const { blobObjectId, meta } = await registerBlob(data, 3, false);
    const record = expectSuccess(
      await certify(blobObjectId, [0, 1, 3], certificationMessage(1, meta.blobId)),
    );
    expect(contents<BlobFields>(ledger, blobObjectId).certified_epoch).toEqual({ vec: [1] });
    expect(eventsOf(record, 'BlobCertified')).toEqual([
      {
        epoch: 1,
        blob_id: meta.blobId,
        end_epoch: 4,
        deletable: false,
        object_id: { bytes: blobObjectId },
        is_extension: false,
      },
    ]);
    // Certified once only.
    const again = await certify(blobObjectId, [0, 1, 3], certificationMessage(1, meta.blobId));
    expect(abortOf(again)).toEqual(at('blob', 'certify_with_certified_msg', 5)); // EAlreadyCertified
  });

  it('certifies with all members signing (the total key) and a deletable blob bound to its object', async () => {
    const { blobObjectId, meta } = await registerBlob(data, 2, true);
    const wrongObject = certificationMessage(1, meta.blobId, `0x${'ab'.repeat(32)}`);
    expect(abortOf(await certify(blobObjectId, [0, 1, 2, 3], wrongObject))).toEqual(
      at('blob', 'certify_with_certified_msg', 10), // EInvalidBlobObject
    );
    const permanent = certificationMessage(1, meta.blobId);
    expect(abortOf(await certify(blobObjectId, [0, 1, 2, 3], permanent))).toEqual(
      at('blob', 'certify_with_certified_msg', 9), // EInvalidBlobPersistenceType
    );
    expectSuccess(
      await certify(blobObjectId, [0, 1, 2, 3], certificationMessage(1, meta.blobId, blobObjectId)),
    );
  });

  it('refuses forged, under-quorum, mis-addressed and malformed certificates', async () => {
    const { blobObjectId, meta } = await registerBlob(data, 3, false);
    const message = certificationMessage(1, meta.blobId);
    const verify = (code: number) => at('bls_aggregate', 'verify_certificate_and_weight', code);
    // Signed by keys outside the committee.
    const strangers = testNodes([3, 3, 2, 2], 5);
    const forged = aggregateSignature(strangers, [0, 1, 2], message);
    expect(abortOf(await certify(blobObjectId, [0, 1, 2], message, forged))).toEqual(verify(1)); // ESigVerification
    // The bitmap claims a signer who did not sign.
    const partial = aggregateSignature(env.nodes, [0, 1], message);
    expect(abortOf(await certify(blobObjectId, [0, 1, 2], message, partial))).toEqual(verify(1));
    // 6 of 10 shards: 3 * 6 < 2 * 10 + 1.
    expect(abortOf(await certify(blobObjectId, [0, 1], message))).toEqual(verify(2)); // ENotEnoughStake
    // Another blob id, another message type, app id and version.
    expect(
      abortOf(await certify(blobObjectId, [0, 1, 2], certificationMessage(1, meta.blobId + 1n))),
    ).toEqual(at('blob', 'certify_with_certified_msg', 6)); // EInvalidBlobId
    expect(
      abortOf(
        await certify(blobObjectId, [0, 1, 2], certificationMessage(1, meta.blobId, undefined, { type: 2 })),
      ),
    ).toEqual(at('messages', 'certify_blob_message', 2)); // EInvalidMsgType
    expect(
      abortOf(
        await certify(blobObjectId, [0, 1, 2], certificationMessage(1, meta.blobId, undefined, { app: 4 })),
      ),
    ).toEqual(at('messages', 'new_certified_message', 0)); // EIncorrectAppId
    expect(
      abortOf(
        await certify(
          blobObjectId,
          [0, 1, 2],
          certificationMessage(1, meta.blobId, undefined, { version: 1 }),
        ),
      ),
    ).toEqual(at('messages', 'new_certified_message', 3)); // EIncorrectIntentVersion
    // A bitmap longer than the committee, or marking a member past the end.
    const long = await run(ledger, env.address, (tx) => {
      tx.moveCall({
        target: `${W}::system::certify_blob`,
        arguments: [
          systemArg(tx, true),
          objectArg(ledger, tx, blobObjectId),
          tx.pure.vector('u8', aggregateSignature(env.nodes, [0, 1, 2], message)),
          tx.pure.vector('u8', [0b10000111]),
          tx.pure.vector('u8', message),
        ],
      });
    });
    expect(abortOf(long)).toEqual(verify(0)); // EInvalidBitmap
    expect(contents<BlobFields>(ledger, blobObjectId).certified_epoch).toEqual({ vec: [] });
  });

  it('refuses a certificate of a past epoch', async () => {
    const { blobObjectId, meta } = await registerBlob(data, 3, false);
    const signedInEpoch1 = certificationMessage(1, meta.blobId);
    const signature = aggregateSignature(env.nodes, [0, 1, 2], signedInEpoch1);
    await advance(env, { storagePrice: STORAGE_PRICE, writePrice: WRITE_PRICE });
    expect(innerState().committee.epoch).toBe(2);
    expect(abortOf(await certify(blobObjectId, [0, 1, 2], signedInEpoch1, signature))).toEqual(
      at('messages', 'new_certified_message', 1), // EIncorrectEpoch
    );
    expectSuccess(await certify(blobObjectId, [0, 1, 2], certificationMessage(2, meta.blobId)));
    expect(contents<BlobFields>(ledger, blobObjectId).certified_epoch).toEqual({ vec: [2] });
  });

  it('extends a certified blob, charging storage for the added epochs to the unit', async () => {
    const { blobObjectId, meta, encoded } = await registerBlob(data, 2, false);
    const extend = (epochs: number, paid: bigint) =>
      run(ledger, env.address, (tx) => {
        const coin = pay(tx, paid);
        tx.moveCall({
          target: `${W}::system::extend_blob`,
          arguments: [systemArg(tx), objectArg(ledger, tx, blobObjectId), tx.pure.u32(epochs), coin],
        });
        destroyZero(tx, coin);
      });
    const cost = units(encoded) * STORAGE_PRICE * 3n;
    expect(abortOf(await extend(3, cost))).toEqual(at('blob', 'assert_certified_not_expired', 0)); // ENotCertified
    expectSuccess(await certify(blobObjectId, [0, 1, 2], certificationMessage(1, meta.blobId)));
    const before = balanceOf(ledger, env.address);
    const record = expectSuccess(await extend(3, cost));
    expect(before - balanceOf(ledger, env.address)).toBe(cost);
    expect(contents<BlobFields>(ledger, blobObjectId).storage.end_epoch).toBe(6);
    expect(eventsOf(record, 'BlobCertified')).toEqual([
      {
        epoch: 1,
        blob_id: meta.blobId,
        end_epoch: 6,
        deletable: false,
        object_id: { bytes: blobObjectId },
        is_extension: true,
      },
    ]);
    const ring = innerState().future_accounting;
    const entry = (offset: number) => ring.ring_buffer[(ring.current_index + offset) % ring.length]!;
    expect([0, 1, 2, 3, 4, 5].map((o) => entry(o).used_capacity)).toEqual([
      encoded,
      encoded,
      encoded,
      encoded,
      encoded,
      0n,
    ]);
    // Beyond max_epochs_ahead (10): end offset 5 + 6 > 10.
    expect(abortOf(await extend(6, units(encoded) * STORAGE_PRICE * 6n))).toEqual(
      at('system_state_inner', 'extend_blob', 2), // EInvalidEpochsAhead
    );
  });

  it('extends with a reservation that starts where the blob ends (split and fused)', async () => {
    const { blobObjectId, meta, encoded } = await registerBlob(data, 2, false);
    expectSuccess(await certify(blobObjectId, [0, 1, 2], certificationMessage(1, meta.blobId)));
    const cost = units(encoded) * STORAGE_PRICE * 4n;
    const record = expectSuccess(
      await run(ledger, env.address, (tx) => {
        const coin = pay(tx, cost);
        const storage = tx.moveCall({
          target: `${W}::system::reserve_space`,
          arguments: [systemArg(tx), tx.pure.u64(encoded), tx.pure.u32(4), coin],
        });
        destroyZero(tx, coin);
        const tail = tx.moveCall({
          target: `${W}::storage_resource::split_by_epoch`,
          arguments: [storage, tx.pure.u32(3)],
        });
        tx.moveCall({
          target: `${W}::system::extend_blob_with_resource`,
          arguments: [systemArg(tx, true), objectArg(ledger, tx, blobObjectId), tail],
        });
        tx.moveCall({ target: `${W}::storage_resource::destroy`, arguments: [storage] });
      }),
    );
    expect(contents<BlobFields>(ledger, blobObjectId).storage).toMatchObject({
      start_epoch: 1,
      end_epoch: 5,
    });
    expect(eventsOf(record, 'BlobCertified')[0]).toMatchObject({ end_epoch: 5, is_extension: true });
  });

  it('deletes deletable blobs only, returning the storage and emitting BlobDeleted', async () => {
    const permanent = await registerBlob(data, 2, false);
    const refused = await run(ledger, env.address, (tx) => {
      const storage = tx.moveCall({
        target: `${W}::system::delete_blob`,
        arguments: [systemArg(tx, true), objectArg(ledger, tx, permanent.blobObjectId)],
      });
      tx.transferObjects([storage], env.address);
    });
    expect(abortOf(refused)).toEqual(at('blob', 'delete', 1)); // EBlobNotDeletable

    const deletable = await registerBlob(data, 2, true);
    const storageId = contents<BlobFields>(ledger, deletable.blobObjectId).storage.id.id.bytes;
    const record = expectSuccess(
      await run(ledger, env.address, (tx) => {
        tx.moveCall({
          target: `${W}::blob::insert_or_update_metadata_pair`,
          arguments: [
            objectArg(ledger, tx, deletable.blobObjectId),
            tx.pure.string('k'),
            tx.pure.string('v'),
          ],
        });
      }),
    );
    expect(record.status.success).toBe(true);
    const deleted = expectSuccess(
      await run(ledger, env.address, (tx) => {
        const storage = tx.moveCall({
          target: `${W}::system::delete_blob`,
          arguments: [systemArg(tx, true), objectArg(ledger, tx, deletable.blobObjectId)],
        });
        tx.transferObjects([storage], env.address);
      }),
    );
    expect(ledger.state.object(deletable.blobObjectId)).toBeUndefined();
    expect(ledger.state.object(storageId)?.owner).toEqual({ kind: 'address', address: env.address });
    expect(contents(ledger, storageId)).toMatchObject({
      start_epoch: 1,
      end_epoch: 3,
      storage_size: deletable.encoded,
    });
    expect(eventsOf(deleted, 'BlobDeleted')).toEqual([
      {
        epoch: 1,
        blob_id: deletable.meta.blobId,
        end_epoch: 3,
        object_id: { bytes: deletable.blobObjectId },
        was_certified: false,
      },
    ]);
    const metadataField = deriveDynamicFieldID(
      deletable.blobObjectId,
      'vector<u8>',
      bcs.string().serialize('metadata').toBytes(),
    );
    expect(ledger.state.object(metadataField)).toBeUndefined();
  });

  it('burns a blob with its storage and metadata, without an event', async () => {
    const { blobObjectId } = await registerBlob(data, 2, false);
    const storageId = contents<BlobFields>(ledger, blobObjectId).storage.id.id.bytes;
    const record = expectSuccess(
      await run(ledger, env.address, (tx) => {
        tx.moveCall({
          target: `${W}::blob::insert_or_update_metadata_pair`,
          arguments: [objectArg(ledger, tx, blobObjectId), tx.pure.string('k'), tx.pure.string('v')],
        });
        tx.moveCall({ target: `${W}::blob::burn`, arguments: [tx.object(blobObjectId)] });
      }),
    );
    expect(record.events).toEqual([]);
    expect(ledger.state.object(blobObjectId)).toBeUndefined();
    expect(ledger.state.object(storageId)).toBeUndefined();
    expect(
      [...ledger.state.allObjects()].some(
        (o) => o.owner.kind === 'object' && o.owner.address === blobObjectId,
      ),
    ).toBe(false);
  });

  it('keeps attributes in the b"metadata" dynamic field, in insertion order', async () => {
    const { blobObjectId } = await registerBlob(data, 2, false);
    const blobArg = (tx: Transaction) => objectArg(ledger, tx, blobObjectId);
    const fieldId = deriveDynamicFieldID(
      blobObjectId,
      'vector<u8>',
      bcs.string().serialize('metadata').toBytes(),
    );
    const attributes = () => {
      const field = contents<{
        value: {
          metadata: { contents: Array<{ key: { bytes: Uint8Array }; value: { bytes: Uint8Array } }> };
        };
      }>(ledger, fieldId);
      const text = (b: Uint8Array) => new TextDecoder().decode(b);
      return field.value.metadata.contents.map((e) => [text(e.key.bytes), text(e.value.bytes)]);
    };
    // No metadata yet: removing a pair aborts with EMissingMetadata.
    const missing = await run(ledger, env.address, (tx) => {
      tx.moveCall({
        target: `${W}::blob::remove_metadata_pair`,
        arguments: [blobArg(tx), tx.pure.string('a')],
      });
    });
    expect(abortOf(missing)).toEqual(at('blob', 'metadata_mut', 8));
    expectSuccess(
      await run(ledger, env.address, (tx) => {
        tx.moveCall({
          target: `${W}::blob::add_metadata`,
          arguments: [blobArg(tx), tx.moveCall({ target: `${W}::metadata::new` })],
        });
        for (const [k, v] of [
          ['a', '1'],
          ['b', '2'],
          ['c', '3'],
        ])
          tx.moveCall({
            target: `${W}::blob::insert_or_update_metadata_pair`,
            arguments: [blobArg(tx), tx.pure.string(k!), tx.pure.string(v!)],
          });
      }),
    );
    expect(ledger.state.object(fieldId)?.type).toBe(
      `0x0000000000000000000000000000000000000000000000000000000000000002::dynamic_field::Field<vector<u8>, ${W}::metadata::Metadata>`,
    );
    expect(attributes()).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
    expectSuccess(
      await run(ledger, env.address, (tx) => {
        tx.moveCall({
          target: `${W}::blob::insert_or_update_metadata_pair`,
          arguments: [blobArg(tx), tx.pure.string('a'), tx.pure.string('10')],
        });
        tx.moveCall({
          target: `${W}::blob::remove_metadata_pair`,
          arguments: [blobArg(tx), tx.pure.string('b')],
        });
      }),
    );
    expect(attributes()).toEqual([
      ['a', '10'],
      ['c', '3'],
    ]);
    const absent = await run(ledger, env.address, (tx) => {
      tx.moveCall({
        target: `${W}::blob::remove_metadata_pair`,
        arguments: [blobArg(tx), tx.pure.string('zz')],
      });
    });
    expect(abortOf(absent)).toEqual(at('vec_map', 'get_idx', 1, SUI_FRAMEWORK)); // EKeyDoesNotExist
    const duplicate = await run(ledger, env.address, (tx) => {
      tx.moveCall({
        target: `${W}::blob::add_metadata`,
        arguments: [blobArg(tx), tx.moveCall({ target: `${W}::metadata::new` })],
      });
    });
    expect(abortOf(duplicate)).toEqual(at('blob', 'add_metadata', 7)); // EDuplicateMetadata
    expectSuccess(
      await run(ledger, env.address, (tx) => {
        const taken = tx.moveCall({ target: `${W}::blob::take_metadata`, arguments: [blobArg(tx)] });
        const none = tx.moveCall({
          target: `${W}::blob::remove_metadata_pair_if_exists`,
          arguments: [blobArg(tx), tx.pure.string('a')],
        });
        void taken;
        void none;
      }),
    );
    expect(ledger.state.object(fieldId)).toBeUndefined();
  });

  it('invalidates a blob id with a certificate of one correct node', async () => {
    const blobId = 12345678901234567890n;
    const attempt = (signers: number[]) =>
      run(ledger, env.address, (tx) => {
        const message = invalidBlobMessage(1, blobId);
        tx.moveCall({
          target: `${W}::system::invalidate_blob_id`,
          arguments: [
            systemArg(tx, true),
            tx.pure.vector('u8', aggregateSignature(env.nodes, signers, message)),
            tx.pure.vector('u8', bitmapOf(signers, env.nodes.length)),
            tx.pure.vector('u8', message),
          ],
        });
      });
    // 3 shards of 10: 9 < 11.
    expect(abortOf(await attempt([0]))).toEqual(
      at('bls_aggregate', 'verify_certificate_and_weight', 2), // ENotEnoughStake
    );
    const record = expectSuccess(await attempt([0, 3])); // 5 shards: 15 >= 11
    expect(eventsOf(record, 'InvalidBlobID')).toEqual([{ epoch: 1, blob_id: blobId }]);
  });
});

describe('epoch change accounting', () => {
  it('pays the finished epoch’s rewards to the committee after burning 3%', async () => {
    const { storageCost, writeCost } = await registerBlob(new Uint8Array(5000).fill(7), 4, false);
    const perEpoch = storageCost / 4n;
    const epoch1 = perEpoch + writeCost;
    const before = balanceOf(ledger, env.address);
    await advance(env, { storagePrice: STORAGE_PRICE, writePrice: WRITE_PRICE });
    const burned = (epoch1 * 3n) / 100n;
    expect(balanceOf(ledger, BURN_SINK)).toBe(burned);
    // Shares by weight 3,3,2,2 of 10; the remainder stays with the new epoch.
    const rest = epoch1 - burned;
    const paid = [3n, 3n, 2n, 2n].reduce((sum, w) => sum + (rest * w) / 10n, 0n);
    expect(balanceOf(ledger, env.address) - before).toBe(paid);
    const ring = innerState().future_accounting;
    expect(ring.ring_buffer[ring.current_index]!).toMatchObject({ epoch: 2 });
    expect(ring.ring_buffer[ring.current_index]!.rewards_to_distribute.value).toBe(perEpoch + rest - paid);
    // The popped slot now accounts for epoch 1 + length.
    expect(ring.ring_buffer.map((e) => e.epoch).sort((a, b) => a - b)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
  });
});

describe('WAL and the exchange', () => {
  it('burns WAL through the protected treasury', async () => {
    const record = expectSuccess(
      await run(ledger, env.address, (tx) => {
        const coin = pay(tx, 7n * WAL);
        tx.moveCall({
          target: `${ADDRESSES.wal}::wal::burn`,
          arguments: [objectArg(ledger, tx, env.treasuryId), coin],
        });
        tx.moveCall({
          target: `${ADDRESSES.wal}::wal::total_supply`,
          arguments: [objectArg(ledger, tx, env.treasuryId)],
        });
      }),
    );
    expect(record.status.success).toBe(true);
    expect(
      contents<{ cap: { total_supply: { value: bigint } } }>(ledger, env.treasuryId).cap.total_supply.value,
    ).toBe(4_999_999_993n * WAL);
  });

  it('swaps SUI and WAL at the set rate; only the admin changes the rate or withdraws', async () => {
    const SUI_COIN =
      '0x0000000000000000000000000000000000000000000000000000000000000002::coin::Coin<0x0000000000000000000000000000000000000000000000000000000000000002::sui::SUI>';
    const X = ADDRESSES.wal_exchange;
    const opened = expectSuccess(
      await run(ledger, env.address, (tx) => {
        const cap = tx.moveCall({
          target: `${X}::wal_exchange::new_funded`,
          arguments: [objectArg(ledger, tx, walCoin()), tx.pure.u64(1000n * WAL)],
        });
        tx.transferObjects([cap], env.address);
      }),
    );
    const exchangeId = created(ledger, opened, `${X}::wal_exchange::Exchange`)[0]!;
    const capId = created(ledger, opened, `${X}::wal_exchange::AdminCap`)[0]!;
    expect(ledger.state.object(exchangeId)?.owner.kind).toBe('shared');
    const swapSui = (amount: bigint) =>
      run(ledger, env.address, (tx) => {
        const wal = tx.moveCall({
          target: `${X}::wal_exchange::exchange_for_wal`,
          arguments: [objectArg(ledger, tx, exchangeId), tx.gas, tx.pure.u64(amount)],
        });
        tx.transferObjects([wal], env.address);
      });
    const walBefore = balanceOf(ledger, env.address);
    expectSuccess(await swapSui(5n * WAL));
    expect(balanceOf(ledger, env.address) - walBefore).toBe(5n * WAL);
    expect(contents<{ wal: { value: bigint }; sui: { value: bigint } }>(ledger, exchangeId)).toMatchObject({
      wal: { value: 995n * WAL },
      sui: { value: 5n * WAL },
    });
    // Rate 2 FROST per 3 MIST, set by the admin only.
    const setRate = (cap: string) =>
      run(ledger, env.address, (tx) => {
        tx.moveCall({
          target: `${X}::wal_exchange::set_exchange_rate`,
          arguments: [
            objectArg(ledger, tx, exchangeId),
            tx.pure.u64(2),
            tx.pure.u64(3),
            objectArg(ledger, tx, cap),
          ],
        });
      });
    const otherCap = created(
      ledger,
      expectSuccess(
        await run(ledger, env.address, (tx) => {
          tx.transferObjects([tx.moveCall({ target: `${X}::wal_exchange::new` })], env.address);
        }),
      ),
      `${X}::wal_exchange::AdminCap`,
    )[0]!;
    expect(abortOf(await setRate(otherCap))).toEqual(at('wal_exchange', 'check_admin', 2, X)); // EUnauthorizedAdminCap
    expectSuccess(await setRate(capId));
    const before = balanceOf(ledger, env.address);
    expectSuccess(await swapSui(301n));
    expect(balanceOf(ledger, env.address) - before).toBe(200n); // floor(301 * 2 / 3)
    // WAL back to SUI: 3 MIST per 2 FROST.
    const suiBefore = balanceOf(ledger, env.address, SUI_COIN);
    const back = expectSuccess(
      await run(ledger, env.address, (tx) => {
        const sui = tx.moveCall({
          target: `${X}::wal_exchange::exchange_for_sui`,
          arguments: [objectArg(ledger, tx, exchangeId), objectArg(ledger, tx, walCoin()), tx.pure.u64(100n)],
        });
        tx.transferObjects([sui], env.address);
      }),
    );
    const gas = back.gasUsed.computationCost + back.gasUsed.storageCost - back.gasUsed.storageRebate;
    expect(balanceOf(ledger, env.address, SUI_COIN) - suiBefore).toBe(150n - gas);
    // More SUI than the exchange holds.
    const drain = await run(ledger, env.address, (tx) => {
      const sui = tx.moveCall({
        target: `${X}::wal_exchange::exchange_for_sui`,
        arguments: [
          objectArg(ledger, tx, exchangeId),
          objectArg(ledger, tx, walCoin()),
          tx.pure.u64(100n * WAL),
        ],
      });
      tx.transferObjects([sui], env.address);
    });
    expect(abortOf(drain)).toEqual(at('wal_exchange', 'exchange_all_for_sui', 0, X)); // EInsufficientFundsInExchange
    const withdrawn = expectSuccess(
      await run(ledger, env.address, (tx) => {
        const wal = tx.moveCall({
          target: `${X}::wal_exchange::withdraw_wal`,
          arguments: [
            objectArg(ledger, tx, exchangeId),
            tx.pure.u64(10n * WAL),
            objectArg(ledger, tx, capId),
          ],
        });
        tx.transferObjects([wal], env.address);
      }),
    );
    expect(withdrawn.status.success).toBe(true);
    expect(contents<{ wal: { value: bigint } }>(ledger, exchangeId).wal.value).toBe(
      995n * WAL - 200n + 100n - 10n * WAL,
    );
  });
});

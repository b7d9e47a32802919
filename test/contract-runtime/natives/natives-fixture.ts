/**
 * A ledger with the natives of `wal`, `wal_exchange` and the storage side of `walrus`, independent of
 * the staking side: its modules are registered from their Move sources as structs only (plus a stub
 * `staking::stake_with_pool`, whose signature the SDK reads to learn the WAL type), and a test-only
 * module creates the `System` and installs BLS committees through the TypeScript twins of
 * `system::create_empty` and `system::advance_epoch`.
 */
import { bcs } from '@mysten/sui/bcs';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Transaction } from '@mysten/sui/transactions';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import type { SystemValue } from '../../../devnet/contract-runtime/generated/move-types.js';
import { toStructModule } from '../../../devnet/contract-runtime/move-layouts.js';
import { MIN_PK_DST } from '../../../devnet/contract-runtime/natives/framework/bls12381.js';
import { walrusFrameworkModules } from '../../../devnet/contract-runtime/natives/framework/index.js';
import { walrusNativeModules } from '../../../devnet/contract-runtime/natives/index.js';
import { withWalrusAddresses } from '../../../devnet/contract-runtime/natives/support/natives-kit.js';
import * as bls from '../../../devnet/contract-runtime/natives/walrus/bls_aggregate.js';
import * as system from '../../../devnet/contract-runtime/natives/walrus/system.js';
import type { ExecutionOutcome, Ledger } from '../../../devnet/ledger/core/ledger.js';
import type { MoveType } from '../../../devnet/ledger/core/move/type-parser.js';
import { SUI_COIN_TYPE } from '../../../devnet/ledger/core/natives/framework/values.js';
import type { NativeModule } from '../../../devnet/ledger/core/natives/native-types.js';
import type { ObjectRecord } from '../../../devnet/ledger/core/types.js';
import { ADDRESSES, loadContracts } from '../contracts-fixture.js';

export { ADDRESSES };

/** 1 WAL in FROST. */
export const WAL = 1_000_000_000n;
export const WAL_TYPE = `${ADDRESSES.wal}::wal::WAL`;
export const WAL_COIN_TYPE = normalizeType(`0x2::coin::Coin<${WAL_TYPE}>`);
/** The test-only package. */
export const TEST_PKG = '0x00000000000000000000000000000000000000000000000000000000000d0e57';
/** Where the test module sends the burned share of the rewards. */
export const BURN_SINK = '0x00000000000000000000000000000000000000000000000000000000000000b0';

function normalizeType(type: string): string {
  return type.replace(/0x[0-9a-f]+(?=::)/g, (a) => normalizeSuiAddress(a));
}

/** The storage-side modules written in this task (wal, wal_exchange and 12 walrus modules). */
const OWN = [
  'wal',
  'wal_exchange',
  'blob',
  'bls_aggregate',
  'challenge',
  'event_blob',
  'events',
  'extended_field',
  'messages',
  'metadata',
  'redstuff',
  'storage_accounting',
  'storage_resource',
  'system',
  'system_state_inner',
];

/** The storage-side modules written in this task (wal, wal_exchange and 12 walrus modules). */
export function ownModules(): NativeModule[] {
  return walrusNativeModules(ADDRESSES).filter((m) => OWN.includes(m.name));
}

const STAKING_SIDE = [
  'auth',
  'committee',
  'epoch_parameters',
  'init',
  'pending_values',
  'staked_wal',
  'staking',
  'staking_inner',
  'staking_pool',
  'storage_node',
];

/** The staking side as structs only, with a stub `staking::stake_with_pool` (it aborts). */
function stakingSideStructs(): NativeModule[] {
  const { walrus } = loadContracts();
  return walrus.modules
    .filter((m) => STAKING_SIDE.includes(m.name))
    .map((m) => {
      const module = toStructModule(m);
      if (m.name !== 'staking') return module;
      return {
        ...module,
        imports: { WAL: WAL_TYPE, StakedWal: `${ADDRESSES.walrus}::staked_wal::StakedWal` },
        functions: [
          {
            name: 'stake_with_pool',
            visibility: 'public' as const,
            isEntry: false,
            typeParams: [],
            params: ['&mut Staking', 'Coin<WAL>', 'ID', '&mut TxContext'],
            returns: ['StakedWal'],
            impl: (ctx) => ctx.abort(99),
          },
        ],
      };
    });
}

interface BalanceMap {
  contents: Array<{ key: { bytes: string }; value: { value: bigint } }>;
}

/**
 * `devnet_test::setup`: creates the System (`create_system`) and moves it to the next epoch with a
 * committee of the given uncompressed keys and shard weights (`advance`), through the TS twins.
 */
function testModule(): NativeModule {
  const walCoinType: MoveType = {
    kind: 'struct',
    address: normalizeSuiAddress('0x2'),
    module: 'coin',
    name: 'Coin',
    typeArgs: [
      {
        kind: 'struct',
        address: normalizeSuiAddress(ADDRESSES.wal),
        module: 'wal',
        name: 'WAL',
        typeArgs: [],
      },
    ],
  };
  return withWalrusAddresses(
    {
      address: TEST_PKG,
      name: 'setup',
      imports: { System: `${ADDRESSES.walrus}::system::System` },
      structs: [],
      functions: [
        {
          name: 'create_system',
          visibility: 'public',
          isEntry: false,
          typeParams: [],
          params: ['u32', '&mut TxContext'],
          returns: [],
          impl: (ctx, [maxEpochsAhead]) => {
            system.createEmpty(ctx, maxEpochsAhead as number, {
              bytes: normalizeSuiAddress(ADDRESSES.walrus),
            });
            return [];
          },
        },
        {
          name: 'advance',
          visibility: 'public',
          isEntry: false,
          typeParams: [],
          params: ['&mut System', 'vector<vector<u8>>', 'vector<u16>', 'u64', 'u64', 'u64', '&mut TxContext'],
          returns: [],
          impl: (ctx, [sys, keys, weights, capacity, storagePrice, writePrice]) => {
            const self = sys as SystemValue;
            const members = (keys as Uint8Array[]).map((key, i) =>
              bls.newBlsCommitteeMember(ctx, { bytes: key }, (weights as number[])[i]!, {
                bytes: normalizeSuiAddress(`0x${(i + 1).toString(16)}`),
              }),
            );
            const next = system.epoch(ctx, self) + 1;
            const burned = system.extractBurnBalance(ctx, self);
            const rewards = system.advanceEpoch(ctx, self, bls.newBlsCommittee(ctx, next, members), {
              total_capacity_size: capacity as bigint,
              storage_price_per_unit_size: storagePrice as bigint,
              write_price_per_unit_size: writePrice as bigint,
            }) as BalanceMap;
            const paid = rewards.contents.reduce((sum, e) => sum + e.value.value, 0n);
            const send = (value: bigint, address: string) => {
              if (value > 0n)
                ctx.transfer(
                  walCoinType,
                  { id: { id: { bytes: ctx.freshId() } }, balance: { value } },
                  {
                    kind: 'address',
                    address,
                  },
                );
            };
            send(paid, ctx.sender);
            send(burned.value, BURN_SINK);
            return [];
          },
        },
      ],
    },
    ADDRESSES,
  );
}

/** All modules a test ledger needs. */
export function testLedgerModules(): NativeModule[] {
  return [...walrusFrameworkModules(), ...ownModules(), ...stakingSideStructs(), testModule()];
}

/** A storage node of the test committee: its BLS secret key, keys and shard weight. */
export interface TestNode {
  secretKey: Uint8Array;
  /** 48-byte compressed G1. */
  publicKey: Uint8Array;
  /** 96-byte uncompressed G1 (the committee stores this form). */
  publicKeyUncompressed: Uint8Array;
  weight: number;
}

/** Deterministic BLS nodes with the given shard weights. */
export function testNodes(weights: number[], salt = 0): TestNode[] {
  return weights.map((weight, i) => {
    const { secretKey, publicKey } = bls12_381.longSignatures.keygen(
      new Uint8Array(48).fill(i + 1 + salt * 16),
    );
    return {
      secretKey,
      publicKey: publicKey.toBytes(true),
      publicKeyUncompressed: publicKey.toBytes(false),
      weight,
    };
  });
}

/** `nodes[signers]`' aggregate min_pk signature of `message`. */
export function aggregateSignature(nodes: TestNode[], signers: number[], message: Uint8Array): Uint8Array {
  const hashed = bls12_381.longSignatures.hash(message, MIN_PK_DST);
  const signatures = signers.map((i) => bls12_381.longSignatures.sign(hashed, nodes[i]!.secretKey));
  return bls12_381.longSignatures.Signature.toBytes(bls12_381.longSignatures.aggregateSignatures(signatures));
}

/** The bitmap of `signers` (LSB first) for a committee of `members`. */
export function bitmapOf(signers: number[], members: number): Uint8Array {
  const bitmap = new Uint8Array(Math.ceil(members / 8));
  for (const i of signers) bitmap[i >> 3]! |= 1 << (i % 8);
  return bitmap;
}

/** A blob-certification message: header (type 1, version 0, app 3, epoch) then blob id and persistence. */
export function certificationMessage(
  epoch: number,
  blobId: bigint,
  deletableObjectId?: string,
  header: { type?: number; version?: number; app?: number } = {},
): Uint8Array {
  return Uint8Array.from([
    header.type ?? 1,
    header.version ?? 0,
    header.app ?? 3,
    ...bcs.u32().serialize(epoch).toBytes(),
    ...bcs.u256().serialize(blobId).toBytes(),
    ...(deletableObjectId ? [1, ...bcs.Address.serialize(deletableObjectId).toBytes()] : [0]),
  ]);
}

/** An invalid-blob-id message (type 2). */
export function invalidBlobMessage(epoch: number, blobId: bigint): Uint8Array {
  return Uint8Array.from([
    2,
    0,
    3,
    ...bcs.u32().serialize(epoch).toBytes(),
    ...bcs.u256().serialize(blobId).toBytes(),
  ]);
}

/** A deployed test environment on a ledger. */
export interface TestEnv {
  ledger: Ledger;
  sender: Ed25519Keypair;
  address: string;
  systemId: string;
  treasuryId: string;
  nodes: TestNode[];
}

/** The objects an address owns, as records. */
export function ownedBy(ledger: Ledger, owner: string, type?: string): ObjectRecord[] {
  return ledger.state
    .ownedBy(owner)
    .map((id) => ledger.state.object(id)!)
    .filter((o) => !type || o.type === type);
}

/** The decoded contents of an object. */
export function contents<T>(ledger: Ledger, id: string): T {
  const record = ledger.state.object(id);
  if (!record) throw new Error(`No object ${id}`);
  return ledger.layouts.decode(record.type, record.contents) as T;
}

/** Sum of an address's coins of `coinType`. */
export function balanceOf(ledger: Ledger, owner: string, coinType = WAL_COIN_TYPE): bigint {
  return ownedBy(ledger, owner, coinType).reduce(
    (sum, c) =>
      sum + (ledger.layouts.decode(c.type, c.contents) as { balance: { value: bigint } }).balance.value,
    0n,
  );
}

/** Adds an input for object `id` with its current reference (shared: mutable unless `immutable`). */
export function objectArg(ledger: Ledger, tx: Transaction, id: string, immutable = false) {
  const record = ledger.state.object(id);
  if (!record) throw new Error(`No object ${id}`);
  if (record.owner.kind === 'shared') {
    return tx.sharedObjectRef({
      objectId: id,
      initialSharedVersion: record.owner.initialSharedVersion.toString(),
      mutable: !immutable,
    });
  }
  return tx.objectRef({ objectId: id, version: record.version.toString(), digest: record.digest });
}

/**
 * Builds a transaction from `sender` offline (gas: its largest SUI coin) and runs it with
 * `executeTrusted` (private functions allowed).
 */
export async function run(
  ledger: Ledger,
  sender: string,
  build: (tx: Transaction) => void,
): Promise<ExecutionOutcome['record']> {
  const tx = new Transaction();
  tx.setSender(sender);
  tx.setGasPrice(1000);
  tx.setGasBudget(500_000_000);
  const value = (r: ObjectRecord) =>
    (ledger.layouts.decode(r.type, r.contents) as { balance: { value: bigint } }).balance.value;
  const gas = ownedBy(ledger, sender, SUI_COIN_TYPE).sort((a, b) => (value(b) > value(a) ? 1 : -1))[0]!;
  tx.setGasPayment([{ objectId: gas.id, version: gas.version.toString(), digest: gas.digest }]);
  build(tx);
  const bytes = await tx.build();
  return ledger.executeTrusted(bytes, { allowPrivate: true }).record;
}

/** Throws with the failure message unless the transaction succeeded. */
export function expectSuccess(record: ExecutionOutcome['record']): ExecutionOutcome['record'] {
  if (!record.status.success) throw new Error(`Transaction failed: ${JSON.stringify(record.status)}`);
  return record;
}

/** Ids of the objects of `type` a transaction created. */
export function created(ledger: Ledger, record: ExecutionOutcome['record'], type: string): string[] {
  return record.changedObjects
    .filter((c) => c.idOperation === 'created')
    .map((c) => c.id)
    .filter((id) => ledger.state.object(id)?.type === normalizeType(type));
}

/** Options of {@link deploy}. */
export interface DeployOptions {
  weights?: number[];
  capacity?: bigint;
  storagePrice?: bigint;
  writePrice?: bigint;
  maxEpochsAhead?: number;
}

/**
 * Publishes WAL (runs `wal::init` with its witness), creates the System and moves it to epoch 1 with
 * a committee of `weights` (default 4 nodes, 10 shards).
 */
export async function deploy(
  ledger: Ledger,
  sender: Ed25519Keypair,
  options: DeployOptions = {},
): Promise<TestEnv> {
  const address = sender.toSuiAddress();
  const published = expectSuccess(
    await run(ledger, address, (tx) => {
      tx.moveCall({ target: `${ADDRESSES.wal}::wal::init`, arguments: [tx.pure.bool(true)] });
    }),
  );
  const treasuryId = created(ledger, published, `${ADDRESSES.wal}::wal::ProtectedTreasury`)[0]!;
  const made = expectSuccess(
    await run(ledger, address, (tx) => {
      tx.moveCall({
        target: `${TEST_PKG}::setup::create_system`,
        arguments: [tx.pure.u32(options.maxEpochsAhead ?? 10)],
      });
    }),
  );
  const systemId = created(ledger, made, `${ADDRESSES.walrus}::system::System`)[0]!;
  const env: TestEnv = {
    ledger,
    sender,
    address,
    systemId,
    treasuryId,
    nodes: testNodes(options.weights ?? [3, 3, 2, 2]),
  };
  await advance(env, options);
  return env;
}

/** Moves the System to its next epoch with `env.nodes` (or `nodes`) as the committee. */
export async function advance(env: TestEnv, options: DeployOptions & { nodes?: TestNode[] } = {}) {
  const nodes = options.nodes ?? env.nodes;
  env.nodes = nodes;
  return expectSuccess(
    await run(env.ledger, env.address, (tx) => {
      tx.moveCall({
        target: `${TEST_PKG}::setup::advance`,
        arguments: [
          objectArg(env.ledger, tx, env.systemId),
          tx.pure(bcs.vector(bcs.byteVector()).serialize(nodes.map((n) => n.publicKeyUncompressed))),
          tx.pure(bcs.vector(bcs.u16()).serialize(nodes.map((n) => n.weight))),
          tx.pure.u64(options.capacity ?? 1n << 40n),
          tx.pure.u64(options.storagePrice ?? 100_000n),
          tx.pure.u64(options.writePrice ?? 20_000n),
        ],
      });
    }),
  );
}

/** A fresh Ed25519 sender with a fixed key. */
export function testSender(seed = 7): Ed25519Keypair {
  return Ed25519Keypair.fromSecretKey(new Uint8Array(32).fill(seed));
}

import { bcs } from '@mysten/sui/bcs';
import { GrpcTypes, parseGrpcTransactionResponse } from '@mysten/sui/grpc';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { ObjectCache, SerialTransactionExecutor, Transaction } from '@mysten/sui/transactions';
import { fromBase64, toBase64 } from '@mysten/sui/utils';
import { describe, expect, it } from 'vitest';
import { eventsDigest, transactionDigest } from '../../../devnet/ledger/core/digests.js';
import { effectsBcs, effectsDigest, gasObjectIndex } from '../../../devnet/ledger/core/effects-bcs.js';
import type { EventRecord, ObjectChange, TransactionRecord } from '../../../devnet/ledger/core/types.js';
import { executedTransactionToProto } from '../../../devnet/ledger/rpc/convert/index.js';
import { addr, clientFor, fakeDigest, makeObject, SUI_COIN } from './helpers.js';

const keypair = Ed25519Keypair.fromSecretKey(new Uint8Array(32).fill(7));
const SENDER = keypair.toSuiAddress();
const PKG = addr('0xabc');
const LAMPORT = 13n;

const gasCoin = makeObject({ id: addr('0xf9a5'), version: 12n, owner: { kind: 'address', address: SENDER } });

async function buildTransfer(gas = gasCoin): Promise<Uint8Array> {
  const tx = new Transaction();
  tx.setSender(SENDER);
  tx.setGasPayment([{ objectId: gas.id, version: gas.version.toString(), digest: gas.digest }]);
  tx.setGasPrice(1000);
  tx.setGasBudget(10_000_000);
  const [coin] = tx.splitCoins(tx.gas, [tx.pure.u64(100)]);
  tx.transferObjects([coin!], addr('0xb0b'));
  return tx.build();
}

/** A record as the ledger core would produce it, with effects/events BCS and digests from the core. */
function sampleRecord(
  transactionBcs: Uint8Array,
  signatures: Uint8Array[],
  status: TransactionRecord['status'] = { success: true },
): TransactionRecord {
  const digest = transactionDigest(transactionBcs);
  const out = (seed: string) => fakeDigest(`${digest}:${seed}`);
  const owner = { kind: 'address', address: SENDER } as const;
  const changedObjects: ObjectChange[] = [
    // Deliberately not in id order: the converters sort.
    {
      id: addr('0xc4ea7e'),
      output: {
        version: LAMPORT,
        digest: out('created'),
        owner: { kind: 'address', address: addr('0xb0b') },
        type: SUI_COIN,
      },
      idOperation: 'created',
      type: SUI_COIN,
    },
    {
      id: gasCoin.id,
      input: { version: gasCoin.version, digest: gasCoin.digest, owner },
      output: { version: LAMPORT, digest: out('gas'), owner, type: SUI_COIN },
      idOperation: 'none',
      type: SUI_COIN,
    },
    {
      id: addr('0xde1'),
      input: { version: 4n, digest: fakeDigest('deleted'), owner },
      idOperation: 'deleted',
      type: `${PKG}::wal::Ticket`,
    },
    {
      id: addr('0x5a'),
      input: {
        version: 30n,
        digest: fakeDigest('shared'),
        owner: { kind: 'shared', initialSharedVersion: 7n },
      },
      output: {
        version: LAMPORT,
        digest: out('shared'),
        owner: { kind: 'shared', initialSharedVersion: 7n },
        type: `${PKG}::system::System`,
      },
      idOperation: 'none',
      type: `${PKG}::system::System`,
    },
    {
      id: addr('0x9ac'),
      output: { version: 1n, digest: out('package'), owner: { kind: 'immutable' }, type: 'package' },
      idOperation: 'created',
      type: 'package',
    },
    {
      id: addr('0x3a9'),
      input: { version: 2n, digest: fakeDigest('wrapped'), owner },
      idOperation: 'none',
      type: `${PKG}::wal::Blob`,
    },
  ];
  const events: EventRecord[] = [
    {
      packageId: PKG,
      module: 'system',
      sender: SENDER,
      type: `${PKG}::events::BlobRegistered<0x2::sui::SUI>`,
      contents: new Uint8Array([1, 2, 3, 4]),
    },
  ];
  const fields = {
    digest,
    status,
    gasUsed: { computationCost: 1000n, storageCost: 2000n, storageRebate: 500n, nonRefundableStorageFee: 5n },
    gasObjectId: gasCoin.id,
    lamportVersion: LAMPORT,
    epoch: 3n,
    changedObjects,
    unchangedShared: [{ id: addr('0x6'), version: 99n, digest: fakeDigest('clock') }],
    dependencies: [fakeDigest('dep1'), fakeDigest('dep2')],
    events,
    eventsDigest: eventsDigest(events),
  };
  const effects = effectsBcs(fields);
  return {
    ...fields,
    transactionBcs,
    signatures,
    effectsBcs: effects.bytes,
    effectsDigest: effects.digest,
    balanceChanges: [
      { address: SENDER, coinType: '0x2::sui::SUI', amount: -2600n },
      { address: addr('0xb0b'), coinType: '0x2::sui::SUI', amount: 100n },
    ],
    checkpoint: 17n,
    timestampMs: 1_700_000_000_123n,
  };
}

type Failure = Extract<TransactionRecord['status'], { success: false }>;

/** The record of a transfer that failed with `kind` and `message` (and `more`: the command, an abort). */
async function failedTransfer(
  kind: Failure['kind'],
  message: string,
  more: Omit<Failure, 'success' | 'kind' | 'message'> = {},
): Promise<TransactionRecord> {
  return sampleRecord(await buildTransfer(), [], { success: false, kind, message, ...more });
}

function wire(record: TransactionRecord): GrpcTypes.ExecutedTransaction {
  const proto = executedTransactionToProto(record);
  return GrpcTypes.ExecutedTransaction.fromBinary(GrpcTypes.ExecutedTransaction.toBinary(proto));
}

const ALL = {
  effects: true,
  events: true,
  balanceChanges: true,
  objectTypes: true,
  transaction: true,
  bcs: true,
} as const;

describe('effectsBcs', () => {
  it('parses back with bcs.TransactionEffects to the same changed objects, in canonical order', async () => {
    const record = sampleRecord(await buildTransfer(), []);
    const effects = bcs.TransactionEffects.parse(record.effectsBcs);
    const v2 = effects.V2!;
    expect(effects.$kind).toBe('V2');
    expect(record.effectsDigest).toBe(effectsDigest(record.effectsBcs));
    expect(v2.transactionDigest).toBe(record.digest);
    expect(v2.executedEpoch).toBe('3');
    expect(v2.lamportVersion).toBe('13');
    expect(v2.status.$kind).toBe('Success');
    expect(v2.eventsDigest).toBe(record.eventsDigest);
    expect(v2.dependencies).toEqual(record.dependencies);
    expect(v2.auxDataDigest).toBeNull();
    expect(v2.gasUsed).toEqual({
      computationCost: '1000',
      storageCost: '2000',
      storageRebate: '500',
      nonRefundableStorageFee: '5',
    });

    const ids = v2.changedObjects.map(([id]) => id);
    expect(ids).toEqual([...record.changedObjects.map((c) => c.id)].sort());
    expect(v2.gasObjectIndex).toBe(ids.indexOf(gasCoin.id));
    expect(v2.gasObjectIndex).toBe(gasObjectIndex(record.changedObjects, gasCoin.id));

    const byId = new Map(v2.changedObjects);
    const gas = byId.get(gasCoin.id)!;
    expect(gas.inputState.Exist).toEqual([
      ['12', gasCoin.digest],
      { $kind: 'AddressOwner', AddressOwner: SENDER },
    ]);
    expect(gas.outputState.ObjectWrite?.[0]).toBe(record.changedObjects[1]!.output!.digest);
    expect(gas.idOperation.$kind).toBe('None');
    expect(byId.get(addr('0xc4ea7e'))?.inputState.$kind).toBe('NotExist');
    expect(byId.get(addr('0xc4ea7e'))?.idOperation.$kind).toBe('Created');
    expect(byId.get(addr('0xde1'))?.outputState.$kind).toBe('NotExist');
    expect(byId.get(addr('0xde1'))?.idOperation.$kind).toBe('Deleted');
    expect(byId.get(addr('0x9ac'))?.outputState.PackageWrite).toEqual([
      '1',
      record.changedObjects[4]!.output!.digest,
    ]);
    expect(byId.get(addr('0x5a'))?.outputState.ObjectWrite?.[1]).toEqual({
      $kind: 'Shared',
      Shared: { initialSharedVersion: '7' },
    });
    expect(byId.get(addr('0x3a9'))).toMatchObject({
      outputState: { $kind: 'NotExist' },
      idOperation: { $kind: 'None' },
    });
    expect(v2.unchangedConsensusObjects).toEqual([
      [addr('0x6'), { $kind: 'ReadOnlyRoot', ReadOnlyRoot: ['99', fakeDigest('clock')] }],
    ]);
  });

  it('does not depend on the order of record.changedObjects', async () => {
    const record = sampleRecord(await buildTransfer(), []);
    const reversed = effectsBcs({ ...record, changedObjects: [...record.changedObjects].reverse() });
    expect(reversed.bytes).toEqual(record.effectsBcs);
    expect(reversed.digest).toBe(record.effectsDigest);
  });

  it('refuses object writes whose version is not the lamport version', async () => {
    const record = sampleRecord(await buildTransfer(), []);
    const changedObjects = record.changedObjects.map((c) =>
      c.id === gasCoin.id ? { ...c, output: { ...c.output!, version: LAMPORT + 1n } } : c,
    );
    expect(() => effectsBcs({ ...record, changedObjects })).toThrow(/lamport version/);
  });

  it('feeds the SDK object cache the same objects as the structured effects', async () => {
    const record = sampleRecord(await buildTransfer(), []);
    const cache = new ObjectCache({});
    await cache.applyEffects(bcs.TransactionEffects.parse(record.effectsBcs));
    const [gas, created, deleted] = await cache.getObjects([gasCoin.id, addr('0xc4ea7e'), addr('0xde1')]);
    expect(gas).toMatchObject({
      objectId: gasCoin.id,
      version: '13',
      digest: record.changedObjects[1]!.output!.digest,
      owner: SENDER,
    });
    expect(created).toMatchObject({ version: '13', owner: addr('0xb0b') });
    expect(deleted).toBeNull();
  });

  it('encodes Move aborts with their location and code', async () => {
    const record = await failedTransfer('MoveAbort', `MoveAbort in ${PKG}::system::deposit (code 2)`, {
      command: 1,
      abort: { packageId: PKG, module: 'system', function: 'deposit', code: 2n },
    });
    const v2 = bcs.TransactionEffects.parse(record.effectsBcs).V2!;
    expect(v2.status.Failure).toEqual({
      error: {
        $kind: 'MoveAbort',
        MoveAbort: [
          { module: { address: PKG, name: 'system' }, function: 0, instruction: 0, functionName: 'deposit' },
          '2',
        ],
      },
      command: '1',
    });

    const other = await failedTransfer('InsufficientCoinBalance', 'x');
    expect(bcs.TransactionEffects.parse(other.effectsBcs).V2?.status.Failure?.error.$kind).toBe(
      'InsufficientCoinBalance',
    );
    const unknown = await failedTransfer('Whatever', 'x');
    expect(bcs.TransactionEffects.parse(unknown.effectsBcs).V2?.status.Failure?.error.$kind).toBe(
      'InvariantViolation',
    );
  });
});

describe('executedTransactionToProto', () => {
  it('decodes with the SDK gRPC parser exactly as the record says', async () => {
    const bytes = await buildTransfer();
    const { signature } = await keypair.signTransaction(bytes);
    const record = sampleRecord(bytes, [fromBase64(signature)]);
    const proto = wire(record);

    expect(proto.signatures[0]?.scheme).toBe(GrpcTypes.SignatureScheme.ED25519);
    expect(proto.signatures[0]?.signature.oneofKind).toBe('simple');
    expect(() => GrpcTypes.ExecutedTransaction.toJson(proto)).not.toThrow();

    const result = parseGrpcTransactionResponse(proto, { include: ALL });
    expect(result.$kind).toBe('Transaction');
    const tx = result.Transaction!;
    expect(tx.digest).toBe(record.digest);
    expect(tx.epoch).toBe('3');
    expect(tx.checkpoint).toBe('17');
    expect(tx.timestampMs).toBe(1_700_000_000_123);
    expect(tx.status).toEqual({ success: true, error: null });
    expect(tx.signatures).toEqual([signature]);
    expect(tx.bcs).toEqual(bytes);
    expect(tx.transaction?.sender).toBe(SENDER);
    expect(tx.transaction?.gasData.payment).toEqual([
      { objectId: gasCoin.id, version: '12', digest: gasCoin.digest },
    ]);
    expect(tx.balanceChanges).toEqual([
      { coinType: `${addr(2)}::sui::SUI`, address: SENDER, amount: '-2600' },
      { coinType: `${addr(2)}::sui::SUI`, address: addr('0xb0b'), amount: '100' },
    ]);
    expect(tx.events).toEqual([
      {
        packageId: PKG,
        module: 'system',
        sender: SENDER,
        eventType: `${PKG}::events::BlobRegistered<${addr(2)}::sui::SUI>`,
        bcs: new Uint8Array([1, 2, 3, 4]),
        json: null,
      },
    ]);
    expect(tx.objectTypes).toEqual({
      [addr('0xc4ea7e')]: SUI_COIN,
      [gasCoin.id]: SUI_COIN,
      [addr('0xde1')]: `${PKG}::wal::Ticket`,
      [addr('0x5a')]: `${PKG}::system::System`,
      [addr('0x9ac')]: 'package',
      [addr('0x3a9')]: `${PKG}::wal::Blob`,
    });

    const effects = tx.effects!;
    expect(effects.bcs).toEqual(record.effectsBcs);
    expect(effects.version).toBe(2);
    expect(effects.transactionDigest).toBe(record.digest);
    expect(effects.lamportVersion).toBe('13');
    expect(effects.eventsDigest).toBe(record.eventsDigest);
    expect(effects.dependencies).toEqual(record.dependencies);
    expect(effects.gasUsed).toEqual({
      computationCost: '1000',
      storageCost: '2000',
      storageRebate: '500',
      nonRefundableStorageFee: '5',
    });
    expect(effects.gasObject).toEqual({
      objectId: gasCoin.id,
      inputState: 'Exists',
      inputVersion: '12',
      inputDigest: gasCoin.digest,
      inputOwner: { $kind: 'AddressOwner', AddressOwner: SENDER },
      outputState: 'ObjectWrite',
      outputVersion: '13',
      outputDigest: record.changedObjects[1]!.output!.digest,
      outputOwner: { $kind: 'AddressOwner', AddressOwner: SENDER },
      idOperation: 'None',
    });
    expect(effects.unchangedConsensusObjects).toEqual([
      { kind: 'ReadOnlyRoot', objectId: addr('0x6'), version: '99', digest: fakeDigest('clock') },
    ]);

    // Structured and BCS effects list the same objects in the same order.
    const v2 = bcs.TransactionEffects.parse(effects.bcs!).V2!;
    expect(effects.changedObjects.map((c) => c.objectId)).toEqual(v2.changedObjects.map(([id]) => id));
    expect(effects.changedObjects[v2.gasObjectIndex!]).toEqual(effects.gasObject);
    const states = Object.fromEntries(
      effects.changedObjects.map((c) => [c.objectId, [c.inputState, c.outputState, c.idOperation]]),
    );
    expect(states).toEqual({
      [addr('0xc4ea7e')]: ['DoesNotExist', 'ObjectWrite', 'Created'],
      [gasCoin.id]: ['Exists', 'ObjectWrite', 'None'],
      [addr('0xde1')]: ['Exists', 'DoesNotExist', 'Deleted'],
      [addr('0x5a')]: ['Exists', 'ObjectWrite', 'None'],
      [addr('0x9ac')]: ['DoesNotExist', 'PackageWrite', 'Created'],
      [addr('0x3a9')]: ['Exists', 'DoesNotExist', 'None'],
    });
    const shared = effects.changedObjects.find((c) => c.objectId === addr('0x5a'))!;
    expect(shared.outputOwner).toEqual({ $kind: 'Shared', Shared: { initialSharedVersion: '7' } });
    const pkg = effects.changedObjects.find((c) => c.objectId === addr('0x9ac'))!;
    expect(pkg).toMatchObject({ outputVersion: '1', outputOwner: null });
  });

  it('reports Move aborts the way the SDK formats them', async () => {
    const record = await failedTransfer('MoveAbort', 'MoveAbort in 0xabc::system::deposit (code 2)', {
      command: 1,
      abort: { packageId: PKG, module: 'system', function: 'deposit', code: 2n },
    });
    const result = parseGrpcTransactionResponse(wire(record), { include: { effects: true } });
    expect(result.$kind).toBe('FailedTransaction');
    const error = result.FailedTransaction!.status.error!;
    expect(error.$kind).toBe('MoveAbort');
    expect(error.command).toBe(1);
    expect(error.message).toBe(`MoveAbort in 2nd command, abort code: 2, in '${PKG}::system::deposit'`);
    expect(error.MoveAbort).toMatchObject({
      abortCode: '2',
      location: { package: PKG, module: 'system', functionName: 'deposit' },
    });
    expect(result.FailedTransaction?.effects?.status.success).toBe(false);
  });

  it('passes other failures through with their description', async () => {
    const record = await failedTransfer('InsufficientCoinBalance', 'Insufficient coin balance', {
      command: 0,
    });
    const proto = wire(record);
    expect(proto.effects?.status?.error?.kind).toBe(
      GrpcTypes.ExecutionError_ExecutionErrorKind.INSUFFICIENT_COIN_BALANCE,
    );
    const error = parseGrpcTransactionResponse(proto, {}).FailedTransaction!.status.error!;
    expect(error).toMatchObject({ message: 'Insufficient coin balance', command: 0 });
  });

  it('maps command-argument kinds and unknown kinds the same way in BCS and proto', async () => {
    const mismatch = await failedTransfer('TypeMismatch', 'MergeCoins: not a coin', { command: 0 });
    expect(bcs.TransactionEffects.parse(mismatch.effectsBcs).V2?.status.Failure?.error).toEqual({
      $kind: 'CommandArgumentError',
      CommandArgumentError: { argIdx: 0, kind: { $kind: 'TypeMismatch', TypeMismatch: true } },
    });
    expect(wire(mismatch).effects?.status?.error?.kind).toBe(
      GrpcTypes.ExecutionError_ExecutionErrorKind.COMMAND_ARGUMENT_ERROR,
    );
    const aliased = await failedTransfer('ObjectTooBig', 'x');
    expect(bcs.TransactionEffects.parse(aliased.effectsBcs).V2?.status.Failure?.error.$kind).toBe(
      'MoveObjectTooBig',
    );
    expect(wire(aliased).effects?.status?.error?.kind).toBe(
      GrpcTypes.ExecutionError_ExecutionErrorKind.OBJECT_TOO_BIG,
    );
    const unknown = await failedTransfer('Whatever', 'x');
    expect(wire(unknown).effects?.status?.error?.kind).toBe(
      GrpcTypes.ExecutionError_ExecutionErrorKind.EXECUTION_ERROR_KIND_UNKNOWN,
    );
  });
});

describe('through SuiGrpcClient and the SDK executors', () => {
  it('executeTransaction decodes the answer and SerialTransactionExecutor reuses the gas coin from effects.bcs', async () => {
    const executed: TransactionRecord[] = [];
    const client = clientFor({
      executeTransaction: (request) => {
        const r = request as GrpcTypes.ExecuteTransactionRequest;
        const record = sampleRecord(
          r.transaction!.bcs!.value!,
          r.signatures.map((s) => s.bcs!.value!),
        );
        executed.push(record);
        return {
          transaction: executedTransactionToProto(record),
        } satisfies GrpcTypes.ExecuteTransactionResponse;
      },
    });

    const bytes = await buildTransfer();
    const { signature } = await keypair.signTransaction(bytes);
    const direct = await client.executeTransaction({
      transaction: bytes,
      signatures: [signature],
      include: ALL,
    });
    expect(direct.Transaction?.digest).toBe(transactionDigest(bytes));
    expect(direct.Transaction?.effects?.changedObjects).toHaveLength(6);
    expect(toBase64(executed[0]!.signatures[0]!)).toBe(signature);

    const executor = new SerialTransactionExecutor({ client, signer: keypair });
    await executor.executeTransaction(bytes);
    const next = new Transaction();
    next.setGasPrice(1000);
    next.transferObjects([next.splitCoins(next.gas, [next.pure.u64(1)])[0]!], addr('0xb0b'));
    const nextBytes = await executor.buildTransaction(next);
    const gasOut = executed[1]!.changedObjects.find((c) => c.id === gasCoin.id)!.output!;
    expect(bcs.TransactionData.parse(nextBytes).V1.gasData.payment).toEqual([
      { objectId: gasCoin.id, version: gasOut.version.toString(), digest: gasOut.digest },
    ]);
  });
});

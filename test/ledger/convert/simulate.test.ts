/**
 * What `Transaction.build({ client })` sends through the SDK's gRPC resolver plugin, and that a resolution
 * done with these conversions is accepted by the SDK (`applyResolvedData` checks every input against the
 * unresolved one it sent).
 */

import { bcs } from '@mysten/sui/bcs';
import type { GrpcTypes } from '@mysten/sui/grpc';
import { Inputs, Transaction } from '@mysten/sui/transactions';
import { describe, expect, it } from 'vitest';
import type { ObjectRecord } from '../../../devnet/ledger/core/types.js';
import {
  type ResolvableTransaction,
  resolvableFromProto,
  resolvableToTransactionBcs,
  transactionBcsToProto,
  unresolvedInputs,
} from '../../../devnet/ledger/rpc/convert/index.js';
import { addr, clientFor, makeObject } from './helpers.js';

const SENDER = addr('0xa11ce');
const PKG = addr('0xabc');

const gasCoin = makeObject({ id: addr('0x9a5'), version: 12n, owner: { kind: 'address', address: SENDER } });
const ownedCoin = makeObject({ id: addr('0xc0'), version: 5n, owner: { kind: 'address', address: SENDER } });
const sharedSystem = makeObject({
  id: addr('0x5a'),
  version: 30n,
  type: `${PKG}::system::System`,
  contents: bcs.Address.serialize(addr('0x5a')).toBytes(),
  owner: { kind: 'shared', initialSharedVersion: 7n },
});
const OBJECTS = new Map<string, ObjectRecord>([gasCoin, ownedCoin, sharedSystem].map((o) => [o.id, o]));

/** A stand-in for the ledger's resolver: just enough to answer the SDK from an object table. */
function resolveForTest(tx: ResolvableTransaction): ResolvableTransaction {
  const inputs = tx.inputs.map((input) => {
    if (input.kind !== 'object' || input.objectKind) return input;
    const object = OBJECTS.get(input.objectId);
    if (!object) throw new Error(`unknown object ${input.objectId}`);
    if (object.owner.kind === 'shared') {
      return {
        kind: 'object' as const,
        objectId: object.id,
        objectKind: 'shared' as const,
        initialSharedVersion: object.owner.initialSharedVersion,
        mutable: input.mutable ?? true,
      };
    }
    return {
      kind: 'object' as const,
      objectId: object.id,
      objectKind: 'immOrOwned' as const,
      version: object.version,
      digest: object.digest,
    };
  });
  return {
    ...tx,
    inputs,
    gasPayment: tx.gasPayment ?? [{ objectId: gasCoin.id, version: gasCoin.version, digest: gasCoin.digest }],
    gasPrice: tx.gasPrice ?? 1000n,
    gasBudget: tx.gasBudget ?? 5_000_000n,
  };
}

describe('SimulateTransaction from the SDK resolver plugin', () => {
  it('parses the unresolved request and the SDK accepts the resolved answer', async () => {
    const seen: { request?: GrpcTypes.SimulateTransactionRequest; resolvable?: ResolvableTransaction } = {};
    const calls: string[] = [];
    const client = clientFor(
      {
        simulateTransaction: (request) => {
          const r = request as GrpcTypes.SimulateTransactionRequest;
          const resolvable = resolvableFromProto(r.transaction!);
          Object.assign(seen, { request: r, resolvable });
          const bytes = resolvableToTransactionBcs(resolveForTest(resolvable));
          const transaction = transactionBcsToProto(bytes);
          return {
            transaction: {
              digest: transaction.digest,
              transaction,
              signatures: [],
              balanceChanges: [],
              effects: {
                status: { success: true },
                epoch: 3n,
                dependencies: [],
                changedObjects: [],
                unchangedConsensusObjects: [],
                unchangedLoadedRuntimeObjects: [],
              },
            },
            commandOutputs: [],
          } satisfies GrpcTypes.SimulateTransactionResponse;
        },
      },
      calls,
    );

    const tx = new Transaction();
    tx.setSender(SENDER);
    const [part] = tx.splitCoins(tx.object(ownedCoin.id), [tx.pure.u64(10)]);
    tx.moveCall({
      target: `${PKG}::system::deposit`,
      arguments: [tx.object(sharedSystem.id), part!, tx.object.clock()],
    });
    tx.moveCall({
      target: `${PKG}::system::read`,
      arguments: [
        tx.object(
          Inputs.SharedObjectRef({ objectId: addr('0x5b'), initialSharedVersion: 8, mutable: false }),
        ),
      ],
    });
    const bytes = await tx.build({ client });
    expect(calls).toEqual(['simulateTransaction']);

    // What the SDK sent.
    expect(seen.request?.doGasSelection).toBe(true);
    const sent = seen.resolvable!;
    expect(sent.sender).toBe(SENDER);
    expect(sent.gasPayment).toBeUndefined();
    expect(sent.gasBudget).toBeUndefined();
    expect(sent.gasPrice).toBeUndefined();
    expect(sent.inputs[0]).toEqual({ kind: 'object', objectId: ownedCoin.id });
    expect(sent.inputs[1]).toEqual({ kind: 'pure', bytes: bcs.u64().serialize(10).toBytes() });
    expect(sent.inputs[2]).toEqual({ kind: 'object', objectId: sharedSystem.id });
    // The clock comes pre-resolved as an immutable shared input.
    expect(sent.inputs[3]).toEqual({
      kind: 'object',
      objectId: addr('0x6'),
      objectKind: 'shared',
      initialSharedVersion: 1n,
      mutable: false,
    });
    expect(sent.inputs[4]).toEqual({
      kind: 'object',
      objectId: addr('0x5b'),
      objectKind: 'shared',
      initialSharedVersion: 8n,
      mutable: false,
    });
    expect(unresolvedInputs(sent).map((u) => u.index)).toEqual([0, 2]);
    expect(sent.commands.map((c) => c.$kind)).toEqual(['SplitCoins', 'MoveCall', 'MoveCall']);

    // What the SDK built from the answer.
    const data = bcs.TransactionData.parse(bytes).V1;
    expect(data.gasData).toEqual({
      payment: [{ objectId: gasCoin.id, version: '12', digest: gasCoin.digest }],
      owner: SENDER,
      price: '1000',
      budget: '5000000',
    });
    const inputs = data.kind.ProgrammableTransaction?.inputs ?? [];
    expect(inputs[0]?.Object?.ImmOrOwnedObject).toEqual({
      objectId: ownedCoin.id,
      version: '5',
      digest: ownedCoin.digest,
    });
    expect(inputs[2]?.Object?.SharedObject).toEqual({
      objectId: sharedSystem.id,
      initialSharedVersion: '7',
      mutable: true,
    });
    expect(bytes).toEqual(resolvableToTransactionBcs(resolveForTest(sent)));
  });
});

import { bcs } from '@mysten/sui/bcs';
import { GrpcTypes, parseGrpcTransactionResponse } from '@mysten/sui/grpc';
import { Inputs, Transaction, TransactionDataBuilder } from '@mysten/sui/transactions';
import { describe, expect, it } from 'vitest';
import { transactionDigest } from '../../../devnet/ledger/core/digests.js';
import {
  resolvableFromProto,
  resolvableFromTransactionBcs,
  resolvableToTransactionBcs,
  transactionBcsToProto,
  unresolvedInputs,
} from '../../../devnet/ledger/rpc/convert/index.js';
import { addr, fakeDigest } from './helpers.js';

const SENDER = addr('0xa11ce');
const SPONSOR = addr('0x5905');
const PKG = addr('0xabc');

const GAS = { objectId: addr('0x9a5'), version: '12', digest: fakeDigest('gas') };
const OWNED = { objectId: addr('0x0b1'), version: '3', digest: fakeDigest('owned') };
const RECEIVING = { objectId: addr('0x4ec'), version: '9', digest: fakeDigest('receiving') };

/** A transaction exercising every input kind, command kind and argument kind, built offline. */
function kitchenSinkTransaction(): Transaction {
  const tx = new Transaction();
  tx.setSender(SENDER);
  tx.setGasOwner(SPONSOR);
  tx.setGasPayment([GAS]);
  tx.setGasPrice(1000);
  tx.setGasBudget(50_000_000);
  tx.setExpiration({ Epoch: 42 });

  const owned = tx.object(Inputs.ObjectRef(OWNED));
  const sharedMut = tx.object(
    Inputs.SharedObjectRef({ objectId: addr('0x5a'), initialSharedVersion: 7, mutable: true }),
  );
  const sharedRead = tx.object(
    Inputs.SharedObjectRef({ objectId: addr('0x6'), initialSharedVersion: 1, mutable: false }),
  );
  const receiving = tx.object(Inputs.ReceivingRef(RECEIVING));

  const [a, b] = tx.splitCoins(tx.gas, [tx.pure.u64(100), tx.pure.u64(200)]);
  tx.mergeCoins(tx.gas, [a!]);
  const [ticket] = tx.moveCall({
    target: `${PKG}::system::authorize`,
    typeArguments: ['0x2::sui::SUI', `vector<${PKG}::wal::WAL>`],
    arguments: [sharedMut, sharedRead, owned, receiving, tx.pure.string('hello'), b!],
  });
  const vec = tx.makeMoveVec({ elements: [tx.pure.u8(1), tx.pure.u8(2)], type: 'u8' });
  tx.makeMoveVec({ elements: [owned] });
  const cap = tx.publish({
    modules: [[1, 2, 3], [4]],
    dependencies: ['0x1', '0x2'],
  });
  const receipt = tx.upgrade({
    modules: [[9, 9]],
    dependencies: ['0x1', '0x2', PKG],
    package: PKG,
    ticket: ticket!,
  });
  tx.moveCall({ target: `${PKG}::system::commit`, arguments: [cap, receipt, vec] });
  tx.transferObjects([cap], tx.pure.address(SENDER));
  return tx;
}

type Expiration = NonNullable<Parameters<Transaction['setExpiration']>[0]>;

const EXPIRATIONS: [string, Expiration][] = [
  ['None', { None: true }],
  ['Epoch', { Epoch: 7 }],
  [
    'ValidDuring',
    {
      ValidDuring: {
        minEpoch: '3',
        maxEpoch: '4',
        minTimestamp: '1700000000123',
        maxTimestamp: null,
        chain: fakeDigest('chain'),
        nonce: 77,
      },
    },
  ],
  [
    'Validity',
    {
      Validity: {
        minEpoch: null,
        maxEpoch: '9',
        minTimestamp: null,
        maxTimestamp: '1700000000999',
        chain: fakeDigest('chain'),
        nonce: 1,
        allowedProposers: { epoch: '9', proposers: [0, 2, 5] },
      },
    },
  ],
];

describe('transaction BCS -> proto -> resolvable -> BCS', () => {
  it('round-trips a transaction with every input, command and argument kind', async () => {
    const tx = kitchenSinkTransaction();
    const bytes = await tx.build();

    const proto = transactionBcsToProto(bytes);
    const wire = GrpcTypes.Transaction.fromBinary(GrpcTypes.Transaction.toBinary(proto));
    const resolvable = resolvableFromProto({ ...wire, bcs: undefined });
    expect(unresolvedInputs(resolvable)).toEqual([]);
    expect(resolvableToTransactionBcs(resolvable)).toEqual(bytes);

    expect(resolvableFromTransactionBcs(bytes)).toEqual(resolvable);
    expect(resolvableFromProto({ bcs: { value: bytes } })).toEqual(resolvable);
  });

  it('fills bcs, digest and the structured fields the way the SDK reads them', async () => {
    const tx = kitchenSinkTransaction();
    const bytes = await tx.build();
    const proto = transactionBcsToProto(bytes);

    expect(proto.digest).toBe(await tx.getDigest());
    expect(proto.digest).toBe(TransactionDataBuilder.getDigestFromBytes(bytes));
    expect(proto.digest).toBe(transactionDigest(bytes));
    expect(proto.bcs?.value).toEqual(bytes);
    expect(proto.version).toBe(1);
    expect(proto.sender).toBe(SENDER);
    expect(proto.gasPayment).toEqual({
      objects: [{ objectId: GAS.objectId, version: 12n, digest: GAS.digest }],
      owner: SPONSOR,
      price: 1000n,
      budget: 50_000_000n,
    });
    expect(proto.expiration).toEqual({
      kind: GrpcTypes.TransactionExpiration_TransactionExpirationKind.EPOCH,
      epoch: 42n,
    });

    const ptb =
      proto.kind?.data.oneofKind === 'programmableTransaction'
        ? proto.kind.data.programmableTransaction
        : undefined;
    const Kind = GrpcTypes.Input_InputKind;
    expect(ptb?.inputs.map((i) => i.kind)).toEqual([
      Kind.IMMUTABLE_OR_OWNED,
      Kind.SHARED,
      Kind.SHARED,
      Kind.RECEIVING,
      Kind.PURE,
      Kind.PURE,
      Kind.PURE,
      Kind.PURE,
      Kind.PURE,
      Kind.PURE,
    ]);
    expect(ptb?.inputs[1]).toMatchObject({ objectId: addr('0x5a'), version: 7n, mutable: true });
    expect(ptb?.inputs[2]).toMatchObject({ objectId: addr('0x6'), version: 1n, mutable: false });
    expect(ptb?.commands.map((c) => c.command.oneofKind)).toEqual([
      'splitCoins',
      'mergeCoins',
      'moveCall',
      'makeMoveVector',
      'makeMoveVector',
      'publish',
      'upgrade',
      'moveCall',
      'transferObjects',
    ]);
    const move = ptb?.commands[2]?.command;
    expect(move?.oneofKind === 'moveCall' && move.moveCall.typeArguments).toEqual([
      `${addr(2)}::sui::SUI`,
      `vector<${PKG}::wal::WAL>`,
    ]);
    expect(move?.oneofKind === 'moveCall' && move.moveCall.arguments.at(-1)).toEqual({
      kind: GrpcTypes.Argument_ArgumentKind.RESULT,
      result: 0,
      subresult: 1,
    });

    // The SDK's own reader (used for `include: { transaction: true }` and by its resolver plugin).
    const parsed = parseGrpcTransactionResponse(
      {
        digest: proto.digest,
        transaction: proto,
        signatures: [],
        balanceChanges: [],
        effects: {
          status: { success: true },
          dependencies: [],
          changedObjects: [],
          unchangedConsensusObjects: [],
          unchangedLoadedRuntimeObjects: [],
        },
      },
      { include: { transaction: true, bcs: true } },
    );
    const data = TransactionDataBuilder.fromBytes(bytes).snapshot();
    expect(parsed.Transaction?.transaction).toMatchObject({
      sender: data.sender,
      gasData: data.gasData,
      expiration: { $kind: 'Epoch', Epoch: '42' },
      inputs: data.inputs,
      commands: data.commands,
    });
    expect(parsed.Transaction?.bcs).toEqual(bytes);
  });

  it.each(EXPIRATIONS)('round-trips %s expirations', async (_name, expiration) => {
    const tx = new Transaction();
    tx.setSender(SENDER);
    tx.setGasPayment([GAS]);
    tx.setGasPrice(1000);
    tx.setGasBudget(10_000_000);
    tx.setExpiration(expiration);
    tx.transferObjects([tx.gas], SENDER);
    const bytes = await tx.build();
    const wire = GrpcTypes.Transaction.fromBinary(
      GrpcTypes.Transaction.toBinary(transactionBcsToProto(bytes)),
    );
    expect(resolvableToTransactionBcs(resolvableFromProto({ ...wire, bcs: undefined }))).toEqual(bytes);
  });

  it('accepts an empty gas payment (address-balance gas) in resolved transactions', async () => {
    const tx = new Transaction();
    tx.setSender(SENDER);
    tx.setGasPayment([]);
    tx.setGasPrice(1000);
    tx.setGasBudget(10_000_000);
    tx.setExpiration({ Epoch: 1 });
    tx.splitCoins(tx.gas, [1]);
    const bytes = await tx.build();
    const resolvable = resolvableFromTransactionBcs(bytes);
    expect(resolvable.gasPayment).toEqual([]);
    expect(resolvableToTransactionBcs(resolvable)).toEqual(bytes);
    // Through the structured proto an empty payment reads as "none given".
    expect(
      resolvableFromProto({ ...transactionBcsToProto(bytes), bcs: undefined }).gasPayment,
    ).toBeUndefined();
  });
});

describe('resolvableToTransactionBcs', () => {
  it('refuses unresolved inputs and missing gas data', () => {
    const base = {
      sender: SENDER,
      inputs: [{ kind: 'object' as const, objectId: OWNED.objectId }],
      commands: [],
      gasPayment: [{ objectId: GAS.objectId, version: 12n, digest: GAS.digest }],
      gasPrice: 1000n,
      gasBudget: 1n,
    };
    expect(() => resolvableToTransactionBcs(base)).toThrow(/no object kind/);
    expect(() => resolvableToTransactionBcs({ ...base, inputs: [], gasBudget: undefined })).toThrow(
      /gas budget/,
    );
    expect(() => resolvableToTransactionBcs({ ...base, inputs: [], sender: undefined })).toThrow(/sender/);
    const bytes = resolvableToTransactionBcs({
      ...base,
      inputs: [
        {
          kind: 'object',
          objectId: OWNED.objectId,
          objectKind: 'immOrOwned',
          version: 3n,
          digest: OWNED.digest,
        },
      ],
    });
    const parsed = bcs.TransactionData.parse(bytes);
    expect(parsed.V1.gasData.owner).toBe(SENDER);
    expect(parsed.V1.expiration.$kind).toBe('None');
  });
});

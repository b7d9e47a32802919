import { bcs } from '@mysten/sui/bcs';
import { GrpcTypes } from '@mysten/sui/grpc';
import { toBase58 } from '@mysten/sui/utils';
import { blake2b } from '@noble/hashes/blake2.js';
import { describe, expect, it } from 'vitest';
import { moveObjectType, objectBcs, objectDigest } from '../../../devnet/ledger/core/digests.js';
import { objectToProto, packageToProto, typeToString } from '../../../devnet/ledger/rpc/convert/index.js';
import { addr, clientFor, coinContents, fakeDigest, makeObject, SUI_COIN } from './helpers.js';

const OWNER = addr('0xa11ce');
const TWO = addr(2);

describe('objectDigest', () => {
  const coin = makeObject({ id: addr('0xc0'), owner: { kind: 'address', address: OWNER } });

  it('is Blake2b256("Object::" || bcs(ObjectInner)), base58', () => {
    const inner = objectBcs(coin);
    const salted = new Uint8Array([...new TextEncoder().encode('Object::'), ...inner]);
    expect(objectDigest(coin)).toBe(toBase58(blake2b(salted, { dkLen: 32 })));
    expect(coin.digest).toBe(objectDigest(coin));
  });

  it('is stable', () => {
    const again = makeObject({ id: addr('0xc0'), owner: { kind: 'address', address: OWNER } });
    expect(objectDigest(again)).toBe(objectDigest(coin));
    expect(objectDigest({ ...coin })).toBe(coin.digest);
  });

  it('changes with contents, version, owner, previous transaction and rebate', () => {
    const variants = [
      { ...coin, contents: coinContents(coin.id, 5n) },
      { ...coin, version: 2n },
      { ...coin, owner: { kind: 'immutable' } as const },
      { ...coin, owner: { kind: 'shared', initialSharedVersion: 1n } as const },
      { ...coin, previousTransaction: fakeDigest('other') },
      { ...coin, storageRebate: 1n },
      { ...coin, hasPublicTransfer: false },
    ];
    const digests = new Set([coin.digest, ...variants.map(objectDigest)]);
    expect(digests.size).toBe(variants.length + 1);
  });
});

describe('objectBcs', () => {
  it('parses back with bcs.Object (ObjectInner)', () => {
    const coin = makeObject({
      id: addr('0xc1'),
      version: 7n,
      owner: { kind: 'object', address: addr('0xbeef') },
    });
    const parsed = bcs.Object.parse(objectBcs(coin));
    expect(parsed.data.Move?.type.$kind).toBe('GasCoin');
    expect(parsed.data.Move?.version).toBe('7');
    expect(parsed.data.Move?.hasPublicTransfer).toBe(true);
    expect(Uint8Array.from(parsed.data.Move?.contents ?? [])).toEqual(coin.contents);
    expect(parsed.owner).toEqual({ $kind: 'ObjectOwner', ObjectOwner: addr('0xbeef') });
    expect(parsed.previousTransaction).toBe(coin.previousTransaction);
    expect(parsed.storageRebate).toBe(coin.storageRebate.toString());
  });

  it('uses the compact MoveObjectType variants', () => {
    expect(moveObjectType(SUI_COIN)).toEqual({ GasCoin: true });
    expect(moveObjectType('0x2::coin::Coin<0x2::sui::SUI>')).toEqual({ GasCoin: true });
    const wal = `${addr('0xabc')}::wal::WAL`;
    expect(moveObjectType(`0x2::coin::Coin<${wal}>`)).toEqual({
      Coin: { struct: { address: addr('0xabc'), module: 'wal', name: 'WAL', typeParams: [] } },
    });
    expect(moveObjectType('0x3::staking_pool::StakedSui')).toEqual({ StakedSui: true });
    const other = moveObjectType('0x2::coin::TreasuryCap<0x2::sui::SUI>');
    expect('Other' in other && other.Other).toMatchObject({
      address: TWO,
      module: 'coin',
      name: 'TreasuryCap',
    });

    const custom = makeObject({
      id: addr('0xc2'),
      type: `0x2::coin::Coin<${wal}>`,
      owner: { kind: 'address', address: OWNER },
    });
    const parsed = bcs.Object.parse(objectBcs(custom));
    expect(parsed.data.Move?.type).toEqual({ $kind: 'Coin', Coin: typeToString(wal) });
  });
});

describe('objectToProto', () => {
  const wal = `${addr('0xabc')}::wal::WAL`;
  const coin = makeObject({ id: addr('0xc3'), version: 4n, owner: { kind: 'address', address: OWNER } });
  const shared = makeObject({
    id: addr('0x5a'),
    type: `${addr('0xabc')}::system::System`,
    contents: new Uint8Array([...bcs.Address.serialize(addr('0x5a')).toBytes(), 1, 2, 3]),
    owner: { kind: 'shared', initialSharedVersion: 3n },
  });

  it('fills every field the SDK reads and survives protobuf encoding', () => {
    const proto = GrpcTypes.Object.fromBinary(GrpcTypes.Object.toBinary(objectToProto(coin)));
    expect(proto.objectId).toBe(coin.id);
    expect(proto.version).toBe(4n);
    expect(proto.digest).toBe(coin.digest);
    expect(proto.owner).toEqual({ kind: GrpcTypes.Owner_OwnerKind.ADDRESS, address: OWNER });
    expect(proto.objectType).toBe(SUI_COIN);
    expect(proto.contents?.value).toEqual(coin.contents);
    expect(proto.bcs?.value).toEqual(objectBcs(coin));
    expect(proto.previousTransaction).toBe(coin.previousTransaction);
    expect(proto.storageRebate).toBe(coin.storageRebate);
    expect(proto.hasPublicTransfer).toBe(true);
    expect(proto.balance).toBe(1_000_000_000n);
    expect(proto.json).toBeUndefined();
    expect(objectToProto(shared).balance).toBeUndefined();
    expect(objectToProto(shared).owner).toEqual({ kind: GrpcTypes.Owner_OwnerKind.SHARED, version: 3n });
  });

  it('prints multi-parameter types the way Sui does', () => {
    const field = makeObject({
      id: addr('0xf1'),
      type: `0x2::dynamic_field::Field<u64,${wal}>`,
      owner: { kind: 'object', address: addr('0x5a') },
    });
    expect(objectToProto(field).objectType).toBe(
      `${TWO}::dynamic_field::Field<u64, ${addr('0xabc')}::wal::WAL>`,
    );
  });

  it('decodes through the SDK gRPC client (getObjects, listCoins)', async () => {
    const objects = new Map([coin, shared].map((o) => [o.id, o]));
    const client = clientFor({
      batchGetObjects: (request) => {
        const r = request as GrpcTypes.BatchGetObjectsRequest;
        return {
          objects: r.requests.map((req) => {
            const object = objects.get(req.objectId ?? '');
            return object
              ? { result: { oneofKind: 'object', object: objectToProto(object) } }
              : { result: { oneofKind: 'error', error: { code: 5, message: 'not found', details: [] } } };
          }),
        } satisfies GrpcTypes.BatchGetObjectsResponse;
      },
      listOwnedObjects: () =>
        ({ objects: [objectToProto(coin)] }) satisfies GrpcTypes.ListOwnedObjectsResponse,
    });

    const { objects: got } = await client.getObjects({
      objectIds: [coin.id, shared.id, addr('0xdead')],
      include: { content: true, objectBcs: true, previousTransaction: true },
    });
    const [gotCoin, gotShared, missing] = got;
    if (!gotCoin || !gotShared) throw new Error('expected two objects');
    expect(gotCoin).toMatchObject({
      objectId: coin.id,
      version: '4',
      digest: coin.digest,
      owner: { $kind: 'AddressOwner', AddressOwner: OWNER },
      type: SUI_COIN,
      previousTransaction: coin.previousTransaction,
    });
    if (gotCoin instanceof Error || gotShared instanceof Error) throw new Error('expected objects');
    expect(gotCoin.content).toEqual(coin.contents);
    expect(bcs.Object.parse(gotCoin.objectBcs!).data.Move?.type.$kind).toBe('GasCoin');
    expect(gotShared.owner).toEqual({ $kind: 'Shared', Shared: { initialSharedVersion: '3' } });
    expect(missing).toBeInstanceOf(Error);

    const coins = await client.listCoins({ owner: OWNER });
    expect(coins.objects[0]).toMatchObject({ objectId: coin.id, balance: '1000000000', version: '4' });
  });
});

describe('packageToProto', () => {
  it('marks packages as immutable objects of type "package"', () => {
    const proto = packageToProto({
      id: addr('0xabc'),
      version: 1n,
      digest: fakeDigest('pkg'),
      modules: ['wal'],
      previousTransaction: fakeDigest('publish'),
    });
    expect(proto.objectType).toBe('package');
    expect(proto.owner?.kind).toBe(GrpcTypes.Owner_OwnerKind.IMMUTABLE);
    expect(GrpcTypes.Object.fromBinary(GrpcTypes.Object.toBinary(proto))).toEqual(proto);
  });
});

/**
 * The pure parts of the natives, without a ledger: BLS12-381 G1 arithmetic and min_pk verification
 * (interoperating with @noble/curves and @mysten/walrus-wasm), the BCS reader, RedStuff sizes, blob
 * ids, proofs of possession and the storage ring buffer.
 */
import { bcs } from '@mysten/sui/bcs';
import { BlobEncoder, bls12381_min_pk_aggregate } from '@mysten/walrus-wasm';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { describe, expect, it } from 'vitest';
import {
  BcsReader,
  type BcsValue,
  bcsModule,
} from '../../../devnet/contract-runtime/natives/framework/bcs.js';
import {
  bls12381MinPkVerify,
  g1Add,
  g1FromBytes,
  g1Generator,
  g1Identity,
  g1Neg,
  g1Sub,
  g1ToUncompressedG1,
  MIN_PK_DST,
  uncompressedG1Sum,
  uncompressedG1ToG1,
} from '../../../devnet/contract-runtime/natives/framework/bls12381.js';
import type { LocatedAbort } from '../../../devnet/contract-runtime/natives/support/natives-kit.js';
import { blobIdOf } from '../../../devnet/contract-runtime/natives/walrus/blob.js';
import * as bls from '../../../devnet/contract-runtime/natives/walrus/bls_aggregate.js';
import * as messages from '../../../devnet/contract-runtime/natives/walrus/messages.js';
import * as redstuff from '../../../devnet/contract-runtime/natives/walrus/redstuff.js';
import * as accounting from '../../../devnet/contract-runtime/natives/walrus/storage_accounting.js';
import { LayoutCache } from '../../../devnet/ledger/core/move/layouts.js';
import { MoveAbortError, type NativeContext } from '../../../devnet/ledger/core/natives/native-types.js';
import { ADDRESSES, aggregateSignature, testNodes } from './natives-fixture.js';

/** A context for natives that need no ledger: aborts throw, nothing else is used. */
function fakeContext(): NativeContext {
  const unused = () => {
    throw new Error('not available in this test');
  };
  return {
    sender: `0x${'11'.repeat(32)}`,
    txDigest: '11111111111111111111111111111111',
    epoch: 0n,
    epochTimestampMs: 0n,
    layouts: new LayoutCache(() => undefined),
    freshId: unused,
    transfer: unused,
    deleteObject: unused,
    emit: unused,
    abort: (code) => {
      throw new MoveAbortError(BigInt(code));
    },
    children: { exists: unused, typeOf: unused, borrow: unused, add: unused, remove: unused },
    receive: unused,
    // The staking side's WalrusContext shape: natives find the package addresses here.
    walrus: { addresses: ADDRESSES },
  } as NativeContext;
}

/** The abort a call raises: code and location. */
function abortOf(call: () => unknown) {
  try {
    call();
  } catch (error) {
    if (error instanceof MoveAbortError) {
      const { location } = error as LocatedAbort;
      return { code: Number(error.code), module: location?.module, function: location?.function };
    }
    throw error;
  }
  throw new Error('expected an abort');
}

const ctx = fakeContext();
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const G1 = bls12_381.G1.Point;

describe('0x2::bls12381', () => {
  const nodes = testNodes([1, 1, 1]);

  it('does G1 arithmetic in Sui encodings (48 compressed, 96 uncompressed)', () => {
    expect(hex(g1Identity(ctx).bytes)).toBe(`c0${'00'.repeat(47)}`);
    expect(hex(g1Generator(ctx).bytes)).toBe(hex(G1.BASE.toBytes(true)));
    const [a, b] = nodes.map((n) => g1FromBytes(ctx, n.publicKey));
    const sum = g1Add(ctx, a!, b!);
    expect(hex(sum.bytes)).toBe(
      hex(G1.fromBytes(nodes[0]!.publicKey).add(G1.fromBytes(nodes[1]!.publicKey)).toBytes(true)),
    );
    expect(hex(g1Sub(ctx, sum, b!).bytes)).toBe(hex(a!.bytes));
    expect(hex(g1Add(ctx, a!, g1Neg(ctx, a!)).bytes)).toBe(hex(g1Identity(ctx).bytes));
    const uncompressed = g1ToUncompressedG1(ctx, a!);
    expect(uncompressed.bytes).toHaveLength(96);
    expect(hex(uncompressed.bytes)).toBe(hex(nodes[0]!.publicKeyUncompressed));
    expect(hex(uncompressedG1ToG1(ctx, uncompressed).bytes)).toBe(hex(a!.bytes));
    const total = uncompressedG1Sum(
      ctx,
      nodes.map((n) => ({ bytes: n.publicKeyUncompressed })),
    );
    const expected = bls12_381.longSignatures.aggregatePublicKeys(nodes.map((n) => n.publicKey));
    expect(hex(total.bytes)).toBe(hex(expected.toBytes(false)));
    expect(hex(uncompressedG1Sum(ctx, []).bytes)).toBe(`40${'00'.repeat(95)}`);
  });

  it('refuses invalid G1 bytes with group_ops::EInvalidInput', () => {
    const notOnCurve = new Uint8Array(48);
    notOnCurve[0] = 0x80;
    notOnCurve[47] = 5;
    expect(abortOf(() => g1FromBytes(ctx, notOnCurve))).toEqual({
      code: 1,
      module: 'group_ops',
      function: 'from_bytes',
    });
    expect(abortOf(() => g1FromBytes(ctx, nodes[0]!.publicKeyUncompressed))).toMatchObject({ code: 1 });
  });

  it('verifies min_pk signatures and aggregates, interoperating with noble and walrus-wasm', () => {
    const message = new TextEncoder().encode('certify me');
    const hashed = bls12_381.longSignatures.hash(message, MIN_PK_DST);
    const signatures = nodes.map((n) =>
      bls12_381.longSignatures.Signature.toBytes(bls12_381.longSignatures.sign(hashed, n.secretKey)),
    );
    expect(bls12381MinPkVerify(ctx, signatures[0]!, nodes[0]!.publicKey, message)).toBe(true);
    expect(bls12381MinPkVerify(ctx, signatures[0]!, nodes[1]!.publicKey, message)).toBe(false);
    // walrus-wasm aggregates the noble signatures; the sum of the keys verifies the aggregate.
    const aggregate = bls12381_min_pk_aggregate(signatures.map((s) => Array.from(s)));
    expect(hex(aggregate)).toBe(hex(aggregateSignature(nodes, [0, 1, 2], message)));
    const key = uncompressedG1ToG1(
      ctx,
      uncompressedG1Sum(
        ctx,
        nodes.map((n) => ({ bytes: n.publicKeyUncompressed })),
      ),
    );
    expect(bls12381MinPkVerify(ctx, aggregate, key.bytes, message)).toBe(true);
    expect(bls12381MinPkVerify(ctx, aggregate, key.bytes, new TextEncoder().encode('other'))).toBe(false);
    // Malformed inputs are false, as on Sui, never an abort.
    expect(bls12381MinPkVerify(ctx, new Uint8Array(96), key.bytes, message)).toBe(false);
    expect(bls12381MinPkVerify(ctx, aggregate.subarray(0, 95), key.bytes, message)).toBe(false);
    expect(bls12381MinPkVerify(ctx, aggregate, nodes[0]!.publicKeyUncompressed, message)).toBe(false);
  });

  it('answers a repeated verification as the first time, and a changed input afresh', () => {
    const message = new TextEncoder().encode('certify twice: dry run, then execution');
    const hashed = bls12_381.longSignatures.hash(message);
    const signature = bls12_381.longSignatures.Signature.toBytes(
      bls12_381.longSignatures.sign(hashed, nodes[0]!.secretKey),
    );
    for (let round = 0; round < 2; round++) {
      expect(bls12381MinPkVerify(ctx, signature, nodes[0]!.publicKey, message)).toBe(true);
      expect(bls12381MinPkVerify(ctx, signature, nodes[1]!.publicKey, message)).toBe(false);
      const flipped = Uint8Array.from(message);
      flipped[0]! ^= 1;
      expect(bls12381MinPkVerify(ctx, signature, nodes[0]!.publicKey, flipped)).toBe(false);
      const badSignature = Uint8Array.from(signature);
      badSignature[95]! ^= 1;
      expect(bls12381MinPkVerify(ctx, badSignature, nodes[0]!.publicKey, message)).toBe(false);
    }
  });
});

describe('walrus::bls_aggregate', () => {
  const nodes = testNodes([4, 3, 3, 2, 1]); // 13 shards: quorum 3w >= 27 → w >= 9; validity 3w >= 14 → w >= 5
  const committee = bls.newBlsCommittee(
    ctx,
    7,
    nodes.map((n, i) =>
      bls.newBlsCommitteeMember(ctx, { bytes: n.publicKeyUncompressed }, n.weight, {
        bytes: `0x${`${i}`.padStart(64, '0')}`,
      }),
    ),
  );
  const message = (epoch = 7) =>
    Uint8Array.from([1, 0, 3, ...bcs.u32().serialize(epoch).toBytes(), ...new Uint8Array(33)]);
  const bitmap = (signers: number[]) => Uint8Array.from([signers.reduce((b, i) => b | (1 << i), 0)]);

  it('sums the weights and keys', () => {
    expect(committee.n_shards).toBe(13);
    expect(bls.isQuorum(ctx, committee, 9)).toBe(true);
    expect(bls.isQuorum(ctx, committee, 8)).toBe(false);
    expect(bls.includesOneCorrectNode(ctx, committee, 5)).toBe(true);
    expect(bls.includesOneCorrectNode(ctx, committee, 4)).toBe(false);
    expect(bls.findIndex(ctx, committee, { bytes: `0x${'3'.padStart(64, '0')}` })).toEqual({ vec: [3n] });
    expect(bls.toVecMap(ctx, committee).contents.map((e) => e.value)).toEqual([4, 3, 3, 2, 1]);
  });

  it('verifies a quorum certificate: signers by bitmap, the key as total minus non-signers', () => {
    const signers = [0, 2, 3]; // 4 + 3 + 2 = 9
    const certified = bls.verifyQuorumInEpoch(
      ctx,
      committee,
      aggregateSignature(nodes, signers, message()),
      bitmap(signers),
      message(),
    );
    expect(certified).toMatchObject({ intent_type: 1, cert_epoch: 7, stake_support: 9 });
    expect(certified.message).toHaveLength(33);
    const under = [0, 3, 4]; // 7
    expect(
      abortOf(() =>
        bls.verifyQuorumInEpoch(
          ctx,
          committee,
          aggregateSignature(nodes, under, message()),
          bitmap(under),
          message(),
        ),
      ),
    ).toEqual({ code: 2, module: 'bls_aggregate', function: 'verify_certificate_and_weight' });
    expect(
      bls.verifyOneCorrectNodeInEpoch(
        ctx,
        committee,
        aggregateSignature(nodes, under, message()),
        bitmap(under),
        message(),
      ).stake_support,
    ).toBe(7);
    expect(
      abortOf(() =>
        bls.verifyQuorumInEpoch(
          ctx,
          committee,
          aggregateSignature(nodes, signers, message(8)),
          bitmap(signers),
          message(8),
        ),
      ),
    ).toEqual({ code: 1, module: 'messages', function: 'new_certified_message' });
    // Bit 5 is past the 5 members.
    expect(
      abortOf(() =>
        bls.verifyQuorumInEpoch(ctx, committee, new Uint8Array(96), Uint8Array.from([0b100111]), message()),
      ),
    ).toMatchObject({ code: 0 });
  });
});

describe('0x2::bcs', () => {
  it('reads like sui::bcs and aborts with its codes', () => {
    const bytes = Uint8Array.from([
      7,
      ...bcs.u16().serialize(513).toBytes(),
      ...bcs
        .u64()
        .serialize(2n ** 40n)
        .toBytes(),
      1,
      ...bcs
        .byteVector()
        .serialize(Uint8Array.from([9, 8]))
        .toBytes(),
      0xaa,
    ]);
    const reader = new BcsReader(ctx, bytes);
    expect(reader.peelU8()).toBe(7);
    expect(reader.peelU16()).toBe(513);
    expect(reader.peelU64()).toBe(2n ** 40n);
    expect(reader.peelBool()).toBe(true);
    expect(Array.from(reader.peelVecU8())).toEqual([9, 8]);
    expect(Array.from(reader.intoRemainderBytes())).toEqual([0xaa]);
    expect(abortOf(() => reader.peelU16())).toEqual({ code: 0, module: 'bcs', function: 'peel_u16' });
    expect(abortOf(() => new BcsReader(ctx, Uint8Array.from([2])).peelBool())).toMatchObject({ code: 1 });
    expect(
      abortOf(() => new BcsReader(ctx, Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 1])).peelVecLength()),
    ).toMatchObject({
      code: 2,
    });
  });

  it('keeps a BCS value reversed, as Sui does', () => {
    const impl = (name: string) => bcsModule.functions.find((f) => f.name === name)!.impl;
    const [value] = impl('new')(ctx, [Uint8Array.from([1, 2, 3, 4, 5])], []) as [BcsValue];
    expect(Array.from(value.bytes)).toEqual([5, 4, 3, 2, 1]);
    expect(impl('peel_u8')(ctx, [value], [])).toEqual([1]);
    expect(impl('peel_u16')(ctx, [value], [])).toEqual([2 + 3 * 256]);
    expect(impl('into_remainder_bytes')(ctx, [value], [])).toEqual([Uint8Array.from([4, 5])]);
  });
});

describe('walrus::redstuff and blob ids', () => {
  /** §1 of the protocol, written out. */
  const expected = (size: bigint, n: number) => {
    const f = BigInt(Math.floor((n - 1) / 3));
    const N = BigInt(n);
    const p = N - 2n * f;
    const s = N - f;
    let symbol = ((size > 0n ? size : 1n) + p * s - 1n) / (p * s);
    if (symbol % 2n) symbol += 1n;
    return N * (N * 64n + 32n) + N * (p + s) * symbol;
  };

  it('computes the encoded length of the protocol for shard counts 4 to 1000', () => {
    for (const n of [4, 5, 7, 10, 13, 32, 100, 1000]) {
      const largest = redstuff.primarySymbols(ctx, n) * redstuff.secondarySymbols(ctx, n) * 65_534n;
      for (const size of [0n, 1n, 2n, 1000n, 65_535n, 1_000_000n, largest]) {
        if (size > largest) continue;
        expect(redstuff.encodedBlobLength(ctx, size, 1, n), `n=${n} size=${size}`).toBe(expected(size, n));
      }
    }
    expect(
      [4, 10, 100, 1000].map((n) => [redstuff.primarySymbols(ctx, n), redstuff.secondarySymbols(ctx, n)]),
    ).toEqual([
      [2n, 3n],
      [4n, 7n],
      [34n, 67n],
      [334n, 667n],
    ]);
  });

  it('refuses another encoding, fewer than 4 shards and blobs beyond the largest symbol', () => {
    const largest = 2n * 3n * 65_534n; // n = 4: 384 KiB
    expect(redstuff.encodedBlobLength(ctx, largest, 1, 4)).toBe(expected(largest, 4));
    expect(abortOf(() => redstuff.encodedBlobLength(ctx, largest + 1n, 1, 4))).toEqual({
      code: 1,
      module: 'redstuff',
      function: 'symbol_size',
    });
    expect(abortOf(() => redstuff.encodedBlobLength(ctx, 10n, 1, 3))).toMatchObject({ code: 2 });
    expect(abortOf(() => redstuff.encodedBlobLength(ctx, 10n, 0, 10))).toMatchObject({ code: 0 });
  });

  it('derives the blob id the SDK encoder computes', () => {
    for (const [n, size] of [
      [4, 1],
      [10, 1000],
      [13, 70_000],
    ] as const) {
      const data = new Uint8Array(size).map((_, i) => (i * 7 + n) % 256);
      const [id, root] = new BlobEncoder(n).compute_metadata(data) as [number[], { Digest: number[] }];
      const rootHash = BigInt(bcs.u256().parse(Uint8Array.from(root.Digest)));
      expect(blobIdOf(rootHash, 1, BigInt(size))).toBe(BigInt(bcs.u256().parse(Uint8Array.from(id))));
    }
  });
});

describe('walrus::messages', () => {
  it('builds and verifies a proof of possession: header, epoch, address, key', () => {
    const [node] = testNodes([1], 3);
    const sender = `0x${'ab'.repeat(32)}`;
    const pop = messages.newProofOfPossessionMsg(ctx, 5, sender, node!.publicKey);
    const bytes = messages.toBcs(ctx, pop);
    expect(hex(bytes)).toBe(`000003${'05000000'}${'ab'.repeat(32)}${hex(node!.publicKey)}`);
    const signature = bls12_381.longSignatures.Signature.toBytes(
      bls12_381.longSignatures.sign(bls12_381.longSignatures.hash(bytes, MIN_PK_DST), node!.secretKey),
    );
    expect(messages.verifyProofOfPossession(ctx, pop, signature)).toBe(true);
    expect(messages.verifyProofOfPossession(ctx, { ...pop, epoch: 6 }, signature)).toBe(false);
    expect(
      abortOf(() => messages.newProofOfPossessionMsg(ctx, 5, sender, node!.publicKeyUncompressed)),
    ).toMatchObject({
      code: 6,
    });
  });

  it('parses blob certification bodies, permanent and deletable', () => {
    const body = (tail: number[]) => ({
      intent_type: 1,
      intent_version: 0,
      cert_epoch: 1,
      message: Uint8Array.from([...bcs.u256().serialize(42n).toBytes(), ...tail]),
      stake_support: 7,
    });
    expect(messages.certifyBlobMessage(ctx, body([0]))).toEqual({
      blob_id: 42n,
      blob_persistence_type: { Permanent: true },
    });
    const object = `0x${'cd'.repeat(32)}`;
    const deletable = messages.certifyBlobMessage(ctx, body([1, ...bcs.Address.serialize(object).toBytes()]));
    expect(messages.objectId(ctx, deletable.blob_persistence_type)).toEqual({ bytes: object });
    expect(abortOf(() => messages.certifyBlobMessage(ctx, body([2])))).toMatchObject({ code: 4 });
    expect(abortOf(() => messages.objectId(ctx, { Permanent: true }))).toMatchObject({ code: 5 });
  });
});

describe('walrus::storage_accounting', () => {
  it('pops the current epoch and appends one `length` epochs later', () => {
    const ring = accounting.ringNew(ctx, 3);
    accounting.ringLookupMut(ctx, ring, 0).rewards_to_distribute.value = 1000n;
    expect(accounting.extractBurnBalance(ctx, ring)).toEqual({ value: 30n });
    const popped = accounting.ringPopExpand(ctx, ring);
    expect(popped).toMatchObject({ epoch: 0, rewards_to_distribute: { value: 970n } });
    expect([0, 1, 2].map((o) => accounting.ringLookup(ctx, ring, o).epoch)).toEqual([1, 2, 3]);
    expect(abortOf(() => accounting.ringLookup(ctx, ring, 3))).toMatchObject({ code: 0 });
  });
});

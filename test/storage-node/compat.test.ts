// Holds the node's own encoding helpers, BCS types and messages equal to the SDK's and the wasm's.
import { bls12381_min_pk_verify } from '@mysten/walrus-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBlobMetadata, parseSliver, serializeSliver } from '../../devnet/storage-node/bcs-types.js';
import { BlsKeyPair, proofOfPossessionMessage, verifyBls } from '../../devnet/storage-node/bls-keys.js';
import { storageConfirmationMessage } from '../../devnet/storage-node/confirmations.js';
import {
  blobIdToString,
  encodedBlobLength,
  encodingParams,
  maxBlobSize,
  pairForShard,
  parseBlobId,
  shardForPair,
  sliverIndexOf,
  symbolSizeFor,
} from '../../devnet/storage-node/encoding.js';
import { decodeColumns, expandSlivers } from '../../devnet/storage-node/expansion.js';
import { bytesEqual, MerkleTree, rootFromProof } from '../../devnet/storage-node/merkle.js';
import {
  computeRootHash,
  metadataProblem,
  sliverHashes,
  sliverShapeProblem,
} from '../../devnet/storage-node/metadata.js';
import { encode, loadSdk, randomBlob, type Sdk } from './helpers.js';

let sdk: Sdk;
beforeAll(async () => {
  sdk = await loadSdk();
});

describe('encoding arithmetic matches the SDK', () => {
  it.each([4, 7, 8, 10, 100, 1000])('n = %i', (n) => {
    const { primarySymbols, secondarySymbols } = encodingParams(n);
    expect({ primarySymbols, secondarySymbols }).toEqual(sdk.utils.getSourceSymbols(n));
    for (const size of [0, 1, 1000, 1 << 20]) {
      // The SDK does not check the largest size; the node refuses what the shard count cannot hold.
      expect(encodedBlobLength(size, n)).toBe(
        size <= maxBlobSize(n) ? sdk.utils.encodedBlobLength(size, n) : undefined,
      );
    }
    const blobId = 'Y5pf0f9YyuZ8fGTJS1-2lqlkmsUDr5Aq0ETjV0dwSBQ';
    const bytes = parseBlobId(blobId)!;
    expect(blobIdToString(bytes)).toBe(blobId);
    for (const pair of [0, 1, n - 1]) {
      expect(shardForPair(pair, bytes, n)).toBe(sdk.utils.toShardIndex(pair, blobId, n));
      expect(pairForShard(pair, bytes, n)).toBe(sdk.utils.toPairIndex(pair, blobId, n));
    }
  });

  it('rejects malformed blob ids', () => {
    for (const bad of ['', 'abc', `${'A'.repeat(42)}=`, `${'A'.repeat(44)}`, `${'A'.repeat(42)}+`]) {
      expect(parseBlobId(bad)).toBeUndefined();
    }
  });
});

describe('metadata and slivers', () => {
  it('verifies the SDK-encoded metadata against its blob id and rejects tampering', async () => {
    const blob = await encode(10, randomBlob(5_000, 51));
    const bytes = sdk.bcs.BlobMetadata.serialize(blob.metadata).toBytes();
    const metadata = parseBlobMetadata(bytes);
    const blobId = parseBlobId(blob.blobId)!;
    expect(metadataProblem(blobId, metadata, 10)).toBeUndefined();
    expect(metadataProblem(blobId, metadata, 13)).toMatch(/shards/);
    const tampered = { ...metadata, unencodedLength: metadata.unencodedLength + 1n };
    expect(metadataProblem(blobId, tampered, 10)).toMatch(/does not match/);
    const swapped = { ...metadata, hashes: [...metadata.hashes].reverse() };
    expect(metadataProblem(blobId, swapped, 10)).toMatch(/does not match/);
    expect(computeRootHash(metadata).length).toBe(32);
  });

  it('computes every sliver hash of the metadata, and parses slivers like the SDK writes them', async () => {
    for (const n of [4, 8, 10]) {
      const blob = await encode(n, randomBlob(7_777, n));
      const metadata = parseBlobMetadata(sdk.bcs.BlobMetadata.serialize(blob.metadata).toBytes());
      for (const type of ['primary', 'secondary'] as const) {
        const slivers = (type === 'primary' ? blob.primary : blob.secondary).map((bytes) =>
          parseSliver(bytes),
        );
        slivers.forEach((sliver, pair) => {
          expect(sliver.index).toBe(sliverIndexOf(type, pair, n));
          expect(sliverShapeProblem(metadata, n, type, pair, sliver)).toBeUndefined();
          expect(
            Buffer.from(serializeSliver(sliver)).equals(
              Buffer.from((type === 'primary' ? blob.primary : blob.secondary)[pair]!),
            ),
          ).toBe(true);
        });
        const hashes = await sliverHashes(n, type, slivers);
        hashes.forEach((hash, pair) => {
          expect(
            bytesEqual(
              hash,
              type === 'primary' ? metadata.hashes[pair]!.primary : metadata.hashes[pair]!.secondary,
            ),
          ).toBe(true);
        });
      }
    }
  });

  it('expands slivers to symbols whose Merkle proofs verify, and rebuilds columns from p symbols', async () => {
    const n = 10;
    const { primarySymbols: p } = encodingParams(n);
    const blob = await encode(n, randomBlob(3_000, 52));
    const metadata = parseBlobMetadata(sdk.bcs.BlobMetadata.serialize(blob.metadata).toBytes());
    const rows = blob.primary.map((b) => parseSliver(b));
    const size = rows[0]!.symbolSize;
    const expanded = expandSlivers(
      n,
      'primary',
      rows.map((r) => r.data),
      size,
      true,
    );
    expanded.forEach((row, r) => {
      const tree = MerkleTree.build(row.symbols!);
      expect(bytesEqual(tree.root, metadata.hashes[r]!.primary)).toBe(true);
      expect(bytesEqual(rootFromProof(row.symbols![5]!, 5, tree.proof(5)), tree.root)).toBe(true);
    });
    // Column 6 (secondary sliver index 6, pair 3) from rows 9, 2, 7, 5.
    const picked = [9, 2, 7, 5].slice(0, p);
    const [column] = decodeColumns(n, size, picked, [picked.map((r) => expanded[r]!.symbols![6]!)]);
    expect(Buffer.from(column!).equals(Buffer.from(parseSliver(blob.secondary[n - 1 - 6]!).data))).toBe(true);
  });

  it('symbol sizes agree with what the wasm writes', async () => {
    for (const [n, size] of [
      [4, 1],
      [8, 100_000],
      [10, 3],
    ] as const) {
      const blob = await encode(n, randomBlob(size, 53));
      expect(parseSliver(blob.primary[0]!).symbolSize).toBe(symbolSizeFor(size, n));
    }
  });
});

describe('signed messages', () => {
  it('builds confirmation bytes identical to the SDK', () => {
    const blobId = 'Y5pf0f9YyuZ8fGTJS1-2lqlkmsUDr5Aq0ETjV0dwSBQ';
    const objectId = `0x${'12'.repeat(32)}`;
    const permanent = storageConfirmationMessage(7, parseBlobId(blobId)!, { kind: 'permanent' });
    expect(Buffer.from(permanent).toString('base64')).toBe(
      sdk.bcs.StorageConfirmation.serialize({
        intent: sdk.bcs.IntentType.BLOB_CERT_MSG,
        epoch: 7,
        messageContents: { blobId, blobType: { Permanent: null } },
      }).toBase64(),
    );
    expect(permanent.length).toBe(40);
    const deletable = storageConfirmationMessage(7, parseBlobId(blobId)!, {
      kind: 'deletable',
      objectId: Buffer.from('12'.repeat(32), 'hex'),
    });
    expect(deletable.length).toBe(72);
    expect(Buffer.from(deletable).toString('base64')).toBe(
      sdk.bcs.StorageConfirmation.serialize({
        intent: sdk.bcs.IntentType.BLOB_CERT_MSG,
        epoch: 7,
        messageContents: { blobId, blobType: { Deletable: { objectId } } },
      }).toBase64(),
    );
  });

  it('signs BLS min_pk messages the wasm verifies, and proofs of possession', () => {
    const key = BlsKeyPair.generate();
    const message = new Uint8Array([1, 2, 3]);
    const signature = key.sign(message);
    expect(signature.length).toBe(96);
    expect(key.publicKey.length).toBe(48);
    expect(key.publicKeyUncompressed.length).toBe(96);
    expect(bls12381_min_pk_verify(signature, key.publicKey, message)).toBe(true);
    expect(bls12381_min_pk_verify(signature, key.publicKeyUncompressed, message)).toBe(true);
    expect(verifyBls(signature, new Uint8Array([1, 2]), key.publicKey)).toBe(false);
    const address = `0x${'cd'.repeat(32)}`;
    const pop = key.proofOfPossession(3, address);
    const popMessage = proofOfPossessionMessage(3, address, key.publicKey);
    expect(Array.from(popMessage.subarray(0, 7))).toEqual([0, 0, 3, 3, 0, 0, 0]);
    expect(popMessage.length).toBe(7 + 32 + 48);
    expect(bls12381_min_pk_verify(pop, key.publicKey, popMessage)).toBe(true);
    expect(BlsKeyPair.fromSecretKey(key.exportSecretKey()).publicKey).toEqual(key.publicKey);
  });
});

import { describe, expect, it } from 'vitest';
import { parseBlobMetadata } from '../../devnet/storage-node/bcs-types.js';
import { parseBlobId, sliverIndexOf } from '../../devnet/storage-node/encoding.js';
import { bytesEqual, rootFromProof } from '../../devnet/storage-node/merkle.js';
import { parseRecoverySymbols, symbolRoot } from '../../devnet/storage-node/recovery-symbols.js';
import {
  encode,
  pairsOfNode,
  randomBlob,
  readBlob,
  reasonOf,
  sharedCluster,
  storeBlob,
  writeToNode,
} from './helpers.js';

const fixture = sharedCluster({ nodes: 4, nShards: 8 });

describe('storage node REST API, driven by the SDK client', () => {
  it('stores metadata and slivers of a registered blob and signs a confirmation the SDK accepts', async () => {
    const blob = await encode(fixture.cluster.nShards, randomBlob(10_000, 7));
    fixture.cluster.chain.registerBlob({ blobId: blob.blobId, size: blob.bytes.length });
    const confirmation = await writeToNode(fixture.cluster, 0, blob);
    const expected = fixture.sdk.bcs.StorageConfirmation.serialize({
      intent: fixture.sdk.bcs.IntentType.BLOB_CERT_MSG,
      epoch: fixture.cluster.chain.epoch,
      messageContents: { blobId: blob.blobId, blobType: { Permanent: null } },
    }).toBase64();
    expect(confirmation?.serializedMessage).toBe(expected);
    expect(
      fixture.sdk.wasm.getVerifySignature()(confirmation!, fixture.cluster.keys[0]!.publicKeyUncompressed),
    ).toBe(true);
    expect(
      fixture.sdk.wasm.getVerifySignature()(confirmation!, fixture.cluster.keys[1]!.publicKeyUncompressed),
    ).toBe(false);
    const nodeUrl = fixture.cluster.node(0).url;
    expect(await fixture.sdk.client.getMetadataStatus({ blobId: blob.blobId }, { nodeUrl })).toBe('Stored');
    const pair = pairsOfNode(fixture.cluster, blob.blobId, 0, fixture.sdk)[0]!;
    expect(
      await fixture.sdk.client.getSliverStatus(
        { blobId: blob.blobId, sliverPairIndex: pair, sliverType: 'secondary' },
        { nodeUrl },
      ),
    ).toBe('Stored');
    const again = await fixture.sdk.client.storeBlobMetadata(
      { blobId: blob.blobId, metadata: blob.metadata },
      { nodeUrl },
    );
    expect(again.success).toEqual({ code: 200, data: 'metadata already stored' });
  });

  it('signs deletable confirmations for the Blob object only', async () => {
    const blob = await encode(fixture.cluster.nShards, randomBlob(5_000, 8));
    const objectId = fixture.cluster.chain.registerBlob({
      blobId: blob.blobId,
      size: blob.bytes.length,
      deletable: true,
    });
    const confirmation = await writeToNode(fixture.cluster, 2, blob, { deletable: true, objectId });
    const expected = fixture.sdk.bcs.StorageConfirmation.serialize({
      intent: fixture.sdk.bcs.IntentType.BLOB_CERT_MSG,
      epoch: fixture.cluster.chain.epoch,
      messageContents: { blobId: blob.blobId, blobType: { Deletable: { objectId } } },
    }).toBase64();
    expect(confirmation?.serializedMessage).toBe(expected);
    expect(fixture.sdk.wasm.getVerifySignature()(confirmation!, fixture.cluster.keys[2]!.publicKey)).toBe(
      true,
    );
    const nodeUrl = fixture.cluster.node(2).url;
    const other = `0x${'ab'.repeat(32)}`;
    const refused = await fixture.sdk.client
      .getDeletableBlobConfirmation({ blobId: blob.blobId, objectId: other }, { nodeUrl })
      .catch((e: unknown) => e);
    expect(reasonOf(refused)).toBe('NOT_REGISTERED');
    const permanent = await fixture.sdk.client
      .getPermanentBlobConfirmation({ blobId: blob.blobId }, { nodeUrl })
      .catch((e: unknown) => e);
    expect(reasonOf(permanent)).toBe('NOT_REGISTERED');
  });

  it('refuses metadata of an unregistered blob with NOT_REGISTERED, then buffers it until registration', async () => {
    const blob = await encode(fixture.cluster.nShards, randomBlob(3_000, 9));
    const nodeUrl = fixture.cluster.node(1).url;
    const error = await fixture.sdk.client
      .storeBlobMetadata({ blobId: blob.blobId, metadata: blob.metadata }, { nodeUrl })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(fixture.sdk.errors.BlobNotRegisteredError);
    expect((error as { status: number }).status).toBe(400);
    expect(await fixture.sdk.client.getMetadataStatus({ blobId: blob.blobId }, { nodeUrl })).toBe('Buffered');
    fixture.cluster.chain.registerBlob({ blobId: blob.blobId, size: blob.bytes.length });
    await fixture.cluster.node(1).idle();
    expect(await fixture.sdk.client.getMetadataStatus({ blobId: blob.blobId }, { nodeUrl })).toBe('Stored');
  });

  it('lets the SDK retry land once the registration arrives', async () => {
    const blob = await encode(fixture.cluster.nShards, randomBlob(3_000, 10));
    const nodeUrl = fixture.cluster.node(3).url;
    let attempts = 0;
    const result = await fixture.sdk.retry(
      async () => {
        attempts++;
        // Between the first attempt (refused, buffered) and the retry, the registration lands and the node
        // has handled it.
        if (attempts === 2) {
          fixture.cluster.chain.registerBlob({ blobId: blob.blobId, size: blob.bytes.length });
          await fixture.cluster.node(3).idle();
        }
        return fixture.sdk.client.storeBlobMetadata(
          { blobId: blob.blobId, metadata: blob.metadata },
          { nodeUrl },
        );
      },
      { count: 3, delay: 1, condition: (e) => e instanceof fixture.sdk.errors.BlobNotRegisteredError! },
    );
    expect(attempts).toBe(2);
    // Buffered by the first attempt, stored when the registration landed, so the retry finds it.
    expect([200, 201]).toContain(result.success.code);
    expect(await fixture.sdk.client.getMetadataStatus({ blobId: blob.blobId }, { nodeUrl })).toBe('Stored');
  });

  it('refuses slivers of shards the node does not hold, and slivers whose hash does not match', async () => {
    const blob = await encode(fixture.cluster.nShards, randomBlob(20_000, 11));
    const other = await encode(fixture.cluster.nShards, randomBlob(20_000, 12));
    fixture.cluster.chain.registerBlob({ blobId: blob.blobId, size: blob.bytes.length });
    const nodeUrl = fixture.cluster.node(0).url;
    await fixture.sdk.client.storeBlobMetadata({ blobId: blob.blobId, metadata: blob.metadata }, { nodeUrl });
    const mine = pairsOfNode(fixture.cluster, blob.blobId, 0, fixture.sdk);
    const notMine = Array.from({ length: fixture.cluster.nShards }, (_, i) => i).find(
      (p) => !mine.includes(p),
    )!;
    /** Stores one sliver of `blob` on node 0; returns what it throws (or its result, should it be accepted). */
    const refusal = (sliverPairIndex: number, sliverType: 'primary' | 'secondary', sliver: Uint8Array) =>
      fixture.sdk.client
        .storeSliver({ blobId: blob.blobId, sliverPairIndex, sliverType, sliver }, { nodeUrl })
        .catch((e: unknown) => e);
    const refused = await refusal(notMine, 'primary', blob.primary[notMine]!);
    expect(refused).toBeInstanceOf(fixture.sdk.errors.BadRequestError);
    expect(reasonOf(refused)).toBe('SHARD_NOT_ASSIGNED');
    // Same pair, same size, another blob's content: only the hash check can tell.
    const wrong = await refusal(mine[0]!, 'primary', other.primary[mine[0]!]!);
    expect(reasonOf(wrong)).toBe('INVALID_SLIVER');
    expect(String((wrong as Error).message)).toContain('hash');
    const wrongSecondary = await refusal(mine[1]!, 'secondary', other.secondary[mine[1]!]!);
    expect(reasonOf(wrongSecondary)).toBe('INVALID_SLIVER');
    expect(
      await fixture.sdk.client.getSliverStatus(
        { blobId: blob.blobId, sliverPairIndex: mine[0]!, sliverType: 'primary' },
        { nodeUrl },
      ),
    ).toBe('Nonexistent');
  });

  it('confirms only once all of its slivers are stored', async () => {
    const blob = await encode(fixture.cluster.nShards, randomBlob(8_000, 13));
    fixture.cluster.chain.registerBlob({ blobId: blob.blobId, size: blob.bytes.length });
    const nodeUrl = fixture.cluster.node(1).url;
    await fixture.sdk.client.storeBlobMetadata({ blobId: blob.blobId, metadata: blob.metadata }, { nodeUrl });
    const pairs = pairsOfNode(fixture.cluster, blob.blobId, 1, fixture.sdk);
    const early = await fixture.sdk.client
      .getPermanentBlobConfirmation({ blobId: blob.blobId }, { nodeUrl })
      .catch((e: unknown) => e);
    expect(reasonOf(early)).toBe('MISSING_SLIVERS');
    for (const pair of pairs) {
      await fixture.sdk.client.storeSliver(
        { blobId: blob.blobId, sliverPairIndex: pair, sliverType: 'primary', sliver: blob.primary[pair]! },
        { nodeUrl },
      );
    }
    const half = await fixture.sdk.client
      .getPermanentBlobConfirmation({ blobId: blob.blobId }, { nodeUrl })
      .catch((e: unknown) => e);
    expect(reasonOf(half)).toBe('MISSING_SLIVERS');
    for (const pair of pairs) {
      await fixture.sdk.client.storeSliver(
        {
          blobId: blob.blobId,
          sliverPairIndex: pair,
          sliverType: 'secondary',
          sliver: blob.secondary[pair]!,
        },
        { nodeUrl },
      );
    }
    const done = await fixture.sdk.client.getPermanentBlobConfirmation({ blobId: blob.blobId }, { nodeUrl });
    const signed = (done.success.data as { signed: { serializedMessage: string; signature: string } }).signed;
    expect(
      fixture.sdk.wasm.getVerifySignature()(signed, fixture.cluster.keys[1]!.publicKeyUncompressed),
    ).toBe(true);
  });

  it('reads back identical bytes, reports blob status and metadata like Walrus nodes', async () => {
    const bytes = randomBlob(30_000, 3);
    const blob = await encode(fixture.cluster.nShards, bytes);
    await storeBlob(fixture.cluster, blob);
    const read = await readBlob(fixture.cluster, blob.blobId, bytes.length);
    expect(Buffer.from(read).equals(Buffer.from(bytes))).toBe(true);
    const status = await fixture.sdk.client.getBlobStatus(
      { blobId: blob.blobId },
      { nodeUrl: fixture.cluster.node(1).url },
    );
    expect(status).toMatchObject({
      type: 'permanent',
      isCertified: true,
      endEpoch: fixture.cluster.chain.epoch + 5,
      initialCertifiedEpoch: fixture.cluster.chain.epoch,
      deletableCounts: { count_deletable_total: 0, count_deletable_certified: 0 },
    });
    expect((status.statusEvent as { txDigest: string }).txDigest).toMatch(/^[1-9A-HJ-NP-Za-km-z]{40,50}$/);
    const metadata = await fixture.sdk.client.getBlobMetadata(
      { blobId: blob.blobId },
      { nodeUrl: fixture.cluster.node(2).url },
    );
    expect(metadata.blobId).toBe(blob.blobId);
    const unknown = await encode(fixture.cluster.nShards, randomBlob(100, 99));
    expect(
      await fixture.sdk.client.getBlobStatus(
        { blobId: unknown.blobId },
        { nodeUrl: fixture.cluster.node(0).url },
      ),
    ).toEqual({
      type: 'nonexistent',
    });
    const missing = await fixture.sdk.client
      .getBlobMetadata({ blobId: unknown.blobId }, { nodeUrl: fixture.cluster.node(0).url })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(fixture.sdk.errors.NotFoundError);
  });

  it('serves recovery symbols whose proofs verify against the metadata', async () => {
    const bytes = randomBlob(12_000, 21);
    const blob = await encode(fixture.cluster.nShards, bytes);
    await storeBlob(fixture.cluster, blob);
    const node = fixture.cluster.node(3);
    const metadata = parseBlobMetadata(fixture.sdk.bcs.BlobMetadata.serialize(blob.metadata).toBytes());
    const n = fixture.cluster.nShards;
    const ownPair = pairsOfNode(fixture.cluster, blob.blobId, 3, fixture.sdk)[0]!;
    const target = (ownPair + 1) % n;
    const response = await fetch(
      `${node.url}/v1/blobs/${blob.blobId}/recoverySymbols?targetSliver=${target}&targetType=primary`,
    );
    expect(response.status).toBe(200);
    const symbols = parseRecoverySymbols(new Uint8Array(await response.arrayBuffer()));
    expect(symbols.length).toBe(pairsOfNode(fixture.cluster, blob.blobId, 3, fixture.sdk).length);
    for (const symbol of symbols) {
      expect(symbol.recovers).toBe('primary');
      expect(symbol.targetIndex).toBe(target);
      expect(
        bytesEqual(
          rootFromProof(symbol.data, symbol.targetIndex, symbol.proof),
          symbolRoot(metadata, n, symbol)!,
        ),
      ).toBe(true);
    }
    // A symbol at a systematic position equals the bytes of the target primary sliver.
    const column = sliverIndexOf('secondary', ownPair, n);
    const one = await fetch(
      `${node.url}/v1/blobs/${blob.blobId}/recoverySymbols?id=${target}-${column}&proofAxis=secondary`,
    );
    const [symbol] = parseRecoverySymbols(new Uint8Array(await one.arrayBuffer()));
    if (column < n - Math.floor((n - 1) / 3)) {
      const sliver = blob.primary[target]!;
      const size = symbol!.data.length;
      const offset = sliver.length - 4 - (n - Math.floor((n - 1) / 3)) * size + column * size;
      expect(Buffer.from(symbol!.data).equals(Buffer.from(sliver.subarray(offset, offset + size)))).toBe(
        true,
      );
    }
    const single = await fetch(`${node.url}/v1/blobs/${blob.blobId}/recoverySymbols/${target}-${column}`);
    expect(single.status).toBe(200);
    expect(parseBlobId(blob.blobId)).toBeDefined();
  });

  it('answers health like Walrus nodes', async () => {
    const response = await fetch(`${fixture.cluster.node(0).url}/v1/health?detailed=true`);
    const body = (await response.json()) as { success: { code: number; data: Record<string, unknown> } };
    expect(body.success.code).toBe(200);
    expect(body.success.data).toMatchObject({
      epoch: fixture.cluster.chain.epoch,
      nodeStatus: expect.any(String),
      shardSummary: { owned: 2 },
    });
    expect(body.success.data.shardDetail).toBeDefined();
  });

  it('keeps idle connections open long enough that the SDK never sends on one the node is closing', async () => {
    // undici reuses a connection for the advertised timeout minus 1 s; 5 s made every 1000-shard upload reset
    // (see KEEP_ALIVE_TIMEOUT_MS).
    const response = await fetch(`${fixture.cluster.node(0).url}/v1/health`);
    await response.arrayBuffer();
    const timeout = Number(/timeout=(\d+)/.exec(response.headers.get('keep-alive') ?? '')?.[1]);
    expect(timeout).toBeGreaterThanOrEqual(60);
  });
});

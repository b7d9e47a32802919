/**
 * The CLI's `WalrusClient`: the official client with one step of its write flow done by the project's RedStuff
 * kernels. `writeBlobFlow` (register, upload to every node, confirmations, certify) gets the blob id, metadata and
 * each node's slivers from `encodeBlob`; this class computes them with the devnet's RedStuff encoder (`loadBlobEncoder`)
 * (bit-exact with `@mysten/walrus-wasm`, by test/redstuff and test/clients/kernel-walrus-client.test.ts, and about 5x
 * faster) and hands the SDK the same values its own `encodeBlob` would: the metadata as the SDK's BCS input, each
 * sliver as the `SliverData` BCS bytes the SDK's storage-node client sends as they are, grouped by the node of the
 * active committee that holds its shard. Users' own code keeps the official client; nothing of the SDK is patched.
 */
import { WalrusClient } from '@mysten/walrus';
import { loadBlobEncoder } from '../../devnet/cli-api.js';
import { sliverBcsLength } from '../protocol/bcs-types.js';
import { blobIdToString, shardForPair } from '../protocol/encoding.js';

type Encoded = Awaited<ReturnType<WalrusClient['encodeBlob']>>;
type NodeSlivers = Encoded['sliversByNode'][number];

/** `SliverData` BCS (`uleb128 length || symbols || symbol_size u16 || index u16`) without a BCS writer. */
export function sliverDataBytes(data: Uint8Array, symbolSize: number, index: number): Uint8Array {
  const out = new Uint8Array(sliverBcsLength(data.length));
  let offset = 0;
  let length = data.length;
  while (length >= 0x80) {
    out[offset++] = (length & 0x7f) | 0x80;
    length >>>= 7;
  }
  out[offset++] = length;
  out.set(data, offset);
  const view = new DataView(out.buffer, offset + data.length, 4);
  view.setUint16(0, symbolSize, true);
  view.setUint16(2, index, true);
  return out;
}

/** `WalrusClient` whose `encodeBlob` runs on the RedStuff kernels; see the module comment. */
export class KernelWalrusClient extends WalrusClient {
  override async encodeBlob(blob: Uint8Array): Promise<Encoded> {
    const systemState = await this.systemState();
    const nShards = systemState.committee.n_shards;
    const encoded = (await loadBlobEncoder())(nShards, blob);
    const blobId = blobIdToString(encoded.blobId);
    // The SDK's node order: the active committee (the staking object's), as `writeEncodedBlobToNodes` reads it.
    const staking = await this.stakingState();
    const nodeOfShard = new Map<number, number>();
    staking.committee[0]!.contents.forEach((entry, nodeIndex) => {
      for (const shard of entry.value) nodeOfShard.set(shard, nodeIndex);
    });
    const sliversByNode: NodeSlivers[] = Array.from({ length: systemState.committee.members.length }, () => ({
      primary: [],
      secondary: [],
    }));
    for (let pair = 0; pair < nShards; pair++) {
      const shardIndex = shardForPair(pair, encoded.blobId, nShards);
      const node = sliversByNode[nodeOfShard.get(shardIndex) ?? -1];
      if (!node) throw new Error(`No node of the committee holds shard ${shardIndex}`);
      const secondaryIndex = nShards - 1 - pair;
      // Copies: the encoder's slivers are views into its memory, reused by the next encode.
      node.primary.push({
        sliverIndex: pair,
        sliverPairIndex: pair,
        shardIndex,
        sliver: sliverDataBytes(encoded.primary[pair]!, encoded.symbolSize, pair),
      });
      node.secondary.push({
        sliverIndex: pair,
        sliverPairIndex: pair,
        shardIndex,
        sliver: sliverDataBytes(encoded.secondary[secondaryIndex]!, encoded.symbolSize, secondaryIndex),
      });
    }
    return {
      blobId,
      metadata: {
        V1: {
          encoding_type: { RS2: true },
          unencoded_length: BigInt(blob.length),
          hashes: encoded.hashes.map((pair) => ({
            primary_hash: { Digest: pair.primary },
            secondary_hash: { Digest: pair.secondary },
          })),
        },
      },
      rootHash: encoded.rootHash,
      sliversByNode,
    };
  }
}

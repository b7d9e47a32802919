/**
 * The BCS bodies of the storage-node REST API, as the SDK and the Walrus nodes serialize them
 * (field order matters). The test suite checks them byte for byte against the SDK's definitions.
 */
import { bcs } from '@mysten/bcs';

/** A Merkle node: `Empty` (all zeros) or a 32-byte digest. */
export const MerkleNode = bcs.enum('MerkleNode', { Empty: null, Digest: bcs.bytes(32) });

/** The hashes of one sliver pair. */
export const SliverPairMetadata = bcs.struct('SliverPairMetadata', {
  primary_hash: MerkleNode,
  secondary_hash: MerkleNode,
});

/** Encoding type: `RedStuff` (0, retired) or `RS2` (1, what the SDK writes). */
export const EncodingTypeBcs = bcs.enum('EncodingType', { RedStuff: null, RS2: null });

/** `BlobMetadata::V1`: the body of `PUT /v1/blobs/{id}/metadata`. */
export const BlobMetadata = bcs.enum('BlobMetadata', {
  V1: bcs.struct('BlobMetadataV1', {
    encoding_type: EncodingTypeBcs,
    unencoded_length: bcs.u64(),
    hashes: bcs.vector(SliverPairMetadata),
  }),
});

/** `BlobMetadataWithId`: the reply of `GET /v1/blobs/{id}/metadata` (blob id as 32 raw bytes). */
export const BlobMetadataWithId = bcs.struct('BlobMetadataWithId', {
  blob_id: bcs.bytes(32),
  metadata: BlobMetadata,
});

/** `SliverData`: a sliver's symbols and its sliver index (the body of a sliver PUT or GET). */
export const SliverData = bcs.struct('SliverData', {
  symbols: bcs.struct('Symbols', { data: bcs.byteVector(), symbol_size: bcs.u16() }),
  index: bcs.u16(),
});

/** A decoding symbol: the index of the sliver it came from and its bytes. */
export const DecodingSymbol = bcs.struct('DecodingSymbol', { index: bcs.u16(), data: bcs.byteVector() });

/** A Merkle proof: the sibling hashes from the leaf up to the root. */
export const MerkleProof = bcs.struct('MerkleProof', { path: bcs.vector(MerkleNode) });

/**
 * `GeneralRecoverySymbol`: a symbol at the crossing of a primary and a secondary sliver, with a
 * Merkle proof against the hash of the sliver it was taken from. `Primary` symbols recover primary
 * slivers (taken from a secondary sliver), `Secondary` symbols recover secondary slivers.
 */
export const GeneralRecoverySymbol = bcs.struct('GeneralRecoverySymbol', {
  symbol: bcs.enum('EitherDecodingSymbol', { Primary: DecodingSymbol, Secondary: DecodingSymbol }),
  target_index: bcs.u16(),
  proof: MerkleProof,
});

/** A list of recovery symbols (the reply of `GET /v1/blobs/{id}/recoverySymbols`). */
export const RecoverySymbolList = bcs.vector(GeneralRecoverySymbol);

/** Parsed `BlobMetadata::V1`. */
export type BlobMetadataV1 = {
  encodingType: 'RedStuff' | 'RS2';
  unencodedLength: bigint;
  /** Per pair: primary and secondary sliver hashes (32 zero bytes for `Empty`). */
  hashes: { primary: Uint8Array; secondary: Uint8Array }[];
};

/** Parses `BlobMetadata` bytes into {@link BlobMetadataV1}; throws on malformed BCS or trailing bytes. */
export function parseBlobMetadata(bytes: Uint8Array): BlobMetadataV1 {
  const parsed = BlobMetadata.parse(bytes);
  if (BlobMetadata.serialize(parsed).toBytes().length !== bytes.length) {
    throw new Error('trailing bytes after the metadata');
  }
  const v1 = parsed.V1;
  const node = (value: typeof MerkleNode.$inferType): Uint8Array =>
    value.Digest ? Uint8Array.from(value.Digest) : new Uint8Array(32);
  return {
    encodingType: v1.encoding_type.RS2 !== undefined ? 'RS2' : 'RedStuff',
    unencodedLength: BigInt(v1.unencoded_length),
    hashes: v1.hashes.map((pair) => ({
      primary: node(pair.primary_hash),
      secondary: node(pair.secondary_hash),
    })),
  };
}

/** A parsed sliver. */
export interface ParsedSliver {
  /** The symbols, `symbolSize` bytes each. */
  data: Uint8Array;
  symbolSize: number;
  /** The sliver index (pair index for primary slivers, `n - 1 - pair` for secondary ones). */
  index: number;
}

/** Parses `SliverData` bytes without copying the symbols; throws on malformed BCS or trailing bytes. */
export function parseSliver(bytes: Uint8Array): ParsedSliver {
  let length = 0;
  let shift = 0;
  let offset = 0;
  for (;;) {
    if (offset >= bytes.length || shift > 28) throw new Error('truncated sliver length');
    const byte = bytes[offset++]!;
    length += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
    shift += 7;
  }
  if (offset + length + 4 !== bytes.length) {
    throw new Error(`sliver body is ${bytes.length} bytes, its header announces ${offset + length + 4}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    data: bytes.subarray(offset, offset + length),
    symbolSize: view.getUint16(offset + length, true),
    index: view.getUint16(offset + length + 2, true),
  };
}

/** Byte length of a serialized sliver holding `dataLength` bytes of symbols. */
export function sliverBcsLength(dataLength: number): number {
  let uleb = 1;
  for (let v = dataLength >>> 7; v !== 0; v >>>= 7) uleb++;
  return uleb + dataLength + 4;
}

/** Serializes a sliver as `SliverData`. */
export function serializeSliver(sliver: ParsedSliver): Uint8Array {
  return SliverData.serialize({
    symbols: { data: sliver.data, symbol_size: sliver.symbolSize },
    index: sliver.index,
  }).toBytes();
}

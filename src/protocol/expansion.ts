/**
 * Sliver hashes through the `@mysten/walrus-wasm` encoder, for the CLI's read path (src/blob/verified-read.ts),
 * which may only use the SDK and its wasm; the storage nodes check slivers with the RedStuff kernel
 * (devnet/redstuff) instead. The wasm encoder only exposes whole-blob `encode`/`decode`, and the code is linear
 * and applied row- or column-wise, so a sliver is **expanded** (to its `n` symbols, whose Merkle root is the
 * sliver hash in the metadata) by encoding a *probe blob* that holds up to `p` primary slivers as its source
 * rows, or up to `s` secondary slivers as its source columns, with zeros elsewhere. The probe has the same symbol
 * size, so its metadata holds exactly the hashes of those slivers, and its output slivers their expanded symbols.
 *
 * Cost: one probe costs about one encode of the original blob, whatever the number of slivers in it.
 */
import { BlobEncoder } from '@mysten/walrus-wasm';
import { parseSliver, sliverBcsLength } from './bcs-types.js';
import { encodingParams, type SliverType } from './encoding.js';

const encoders = new Map<number, BlobEncoder>();

/** The (cached) wasm encoder for a shard count. */
export function blobEncoder(nShards: number): BlobEncoder {
  let encoder = encoders.get(nShards);
  if (!encoder) {
    encoder = new BlobEncoder(nShards);
    encoders.set(nShards, encoder);
  }
  return encoder;
}

/** One expanded sliver. */
export interface ExpandedSliver {
  /** Merkle root over the `n` expanded symbols: what the metadata must hold for this sliver. */
  hash: Uint8Array;
  /** The `n` expanded symbols (only when asked for). */
  symbols?: Uint8Array[];
}

type ProbeMetadata = { metadata: { V1: { hashes: { primary_hash: Node; secondary_hash: Node }[] } } };
type Node = { Digest?: number[] } | 'Empty' | { Empty: null };

function digestOf(node: Node): Uint8Array {
  return typeof node === 'object' && 'Digest' in node && node.Digest
    ? Uint8Array.from(node.Digest)
    : new Uint8Array(32);
}

function isProbeResult(value: unknown): value is [ProbeMetadata, unknown] {
  if (!Array.isArray(value) || value.length !== 2) return false;
  const meta = value[0] as { metadata?: { V1?: { hashes?: unknown } } } | undefined;
  return Array.isArray(meta?.metadata?.V1?.hashes);
}

/**
 * Expands slivers of one type and symbol size, returning each one's hash (and symbols if
 * `withSymbols`). `slivers` are the symbol bytes of each sliver (`s` symbols for primary slivers,
 * `p` for secondary ones).
 * @example expandSlivers(8, 'primary', [sliver.data], sliver.symbolSize)[0].hash
 */
export function expandSlivers(
  nShards: number,
  type: SliverType,
  slivers: readonly Uint8Array[],
  symbolSize: number,
  withSymbols = false,
): ExpandedSliver[] {
  const { primarySymbols: p, secondarySymbols: s } = encodingParams(nShards);
  const perProbe = type === 'primary' ? p : s;
  const out: ExpandedSliver[] = [];
  for (let start = 0; start < slivers.length; start += perProbe) {
    const chunk = slivers.slice(start, start + perProbe);
    const probe = new Uint8Array(p * s * symbolSize);
    chunk.forEach((data, slot) => {
      if (type === 'primary') probe.set(data, slot * s * symbolSize);
      else {
        for (let r = 0; r < p; r++) {
          probe.set(data.subarray(r * symbolSize, (r + 1) * symbolSize), (r * s + slot) * symbolSize);
        }
      }
    });
    const primaryBuffers = Array.from(
      { length: nShards },
      () => new Uint8Array(sliverBcsLength(s * symbolSize)),
    );
    const secondaryBuffers = Array.from(
      { length: nShards },
      () => new Uint8Array(sliverBcsLength(p * symbolSize)),
    );
    const result: unknown = blobEncoder(nShards).encode(probe, primaryBuffers, secondaryBuffers);
    if (!isProbeResult(result)) throw new Error('unexpected result from the wasm encoder');
    const hashes = result[0].metadata.V1.hashes;
    chunk.forEach((data, slot) => {
      const hash =
        type === 'primary'
          ? digestOf(hashes[slot]!.primary_hash)
          : digestOf(hashes[nShards - 1 - slot]!.secondary_hash);
      if (!withSymbols) {
        out.push({ hash });
        return;
      }
      const symbols: Uint8Array[] = [];
      if (type === 'primary') {
        // Row `slot`: its own s symbols, then column c's symbol `slot` for the repair columns.
        for (let c = 0; c < s; c++) symbols.push(data.slice(c * symbolSize, (c + 1) * symbolSize));
        for (let c = s; c < nShards; c++) {
          const column = parseSliver(secondaryBuffers[nShards - 1 - c]!).data;
          symbols.push(column.slice(slot * symbolSize, (slot + 1) * symbolSize));
        }
      } else {
        // Column `slot`: its own p symbols, then row r's symbol `slot` for the repair rows.
        for (let r = 0; r < p; r++) symbols.push(data.slice(r * symbolSize, (r + 1) * symbolSize));
        for (let r = p; r < nShards; r++) {
          const row = parseSliver(primaryBuffers[r]!).data;
          symbols.push(row.slice(slot * symbolSize, (slot + 1) * symbolSize));
        }
      }
      out.push({ hash, symbols });
    });
  }
  return out;
}

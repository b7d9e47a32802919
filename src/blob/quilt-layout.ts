/**
 * Reads a quilt (QuiltV1, as `@mysten/walrus`'s `encodeQuilt` and the Walrus CLI write it) from the bytes of the whole
 * quilt blob. The blob is a matrix of `p` rows × `s` columns of `symbolSize` bytes (row-major); a patch occupies
 * consecutive columns and its bytes run down each column, then on to the next one. Column 0… holds the index:
 * u8 version (1), u32 LE index length, BCS `QuiltIndexV1 { patches: vector<{ endIndex: u16, identifier: string,
 * tags: map<string,string> }> }`; the first patch starts at column ceil(index bytes with prefix / column size) and
 * each next one at the previous one's end. A patch starts with u8 version, u32 LE length (of what follows the
 * 6-byte header), u8 mask (bit 0: tags), then u16 LE identifier length, the BCS identifier, and with tags a u16 LE
 * length and the BCS tags; the contents follow.
 *
 * Why not the SDK's reader: `@mysten/walrus` 1.2.13 reads a patch column by column from secondary slivers and takes
 * ceil(length / column size) columns, ignoring where in its first column the contents start, so a patch whose
 * contents cross one more column boundary comes back as its first bytes then zeros (the smallest reproduction in
 * docs/daemon.md). Here the bytes come from the CLI's verified read (src/blob/read-blob.ts), whole.
 */
import { bcs, fromBase64, toBase64 } from '@mysten/bcs';
import { blobIdFromInt, blobIdToInt } from '@mysten/walrus';
import { sourceSymbols } from './blob-math.js';

const QuiltPatchTags = bcs.map(bcs.string(), bcs.string());
const QuiltIndexV1 = bcs.struct('QuiltIndexV1', {
  patches: bcs.vector(
    bcs.struct('QuiltPatchV1', { endIndex: bcs.u16(), identifier: bcs.string(), tags: QuiltPatchTags }),
  ),
});
/** A quilt patch id: the quilt's blob id, then version 1 and the patch's columns [start, end). */
const QuiltPatchId = bcs.struct('QuiltPatchId', {
  quiltId: bcs.u256(),
  patchId: bcs.struct('InternalQuiltPatchId', {
    version: bcs.u8(),
    startIndex: bcs.u16(),
    endIndex: bcs.u16(),
  }),
});
const INDEX_PREFIX_BYTES = 5;
const PATCH_HEADER_BYTES = 6;
const HAS_TAGS = 1;

/** Thrown when the bytes are not a QuiltV1 quilt (the callers turn it into a not-found error). */
export class NotAQuiltError extends Error {
  override name = 'NotAQuiltError';
}

export interface QuiltPatch {
  identifier: string;
  tags: Record<string, string>;
  /** Columns [startIndex, endIndex) of the quilt. */
  startIndex: number;
  endIndex: number;
  patchId: string;
}

/** Encodes a quilt patch id as the SDK and the Walrus CLI print it (URL-safe base64, no padding). */
export function encodePatchId(quiltId: string, startIndex: number, endIndex: number): string {
  const bytes = QuiltPatchId.serialize({
    quiltId: blobIdToInt(quiltId),
    patchId: { version: 1, startIndex, endIndex },
  }).toBytes();
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The quilt's blob id and the patch's first column, or undefined when `id` is not a quilt patch id. */
export function parsePatchId(
  id: string,
): { quiltId: string; startIndex: number; endIndex: number } | undefined {
  if (!/^[A-Za-z0-9_-]{50}$/.test(id)) return undefined;
  try {
    const parsed = QuiltPatchId.parse(fromBase64(id.replace(/-/g, '+').replace(/_/g, '/')));
    const { version, startIndex, endIndex } = parsed.patchId;
    if (version !== 1 || endIndex <= startIndex) return undefined;
    return { quiltId: blobIdFromInt(BigInt(parsed.quiltId)), startIndex, endIndex };
  } catch {
    return undefined;
  }
}

/** A quilt blob's bytes, read column-major as the quilt layout stores them. */
export class QuiltBytes {
  readonly symbolSize: number;
  readonly rows: number;
  readonly columns: number;

  constructor(
    readonly quiltId: string,
    private readonly blob: Uint8Array,
    nShards: number,
  ) {
    const { primary, secondary } = sourceSymbols(nShards);
    this.rows = primary;
    this.columns = secondary;
    this.symbolSize = blob.length / (primary * secondary);
    if (!Number.isInteger(this.symbolSize) || this.symbolSize === 0)
      throw new NotAQuiltError(
        `a ${blob.length}-byte blob is not a quilt at ${nShards} shards (not ${primary}×${secondary} symbols)`,
      );
  }

  get columnSize(): number {
    return this.symbolSize * this.rows;
  }

  /** `length` bytes starting `offset` bytes into column `column` (continuing into the next columns). */
  read(column: number, offset: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    const rowSize = this.symbolSize * this.columns;
    let symbol = Math.floor(offset / this.symbolSize);
    let within = offset % this.symbolSize;
    for (let done = 0; done < length; ) {
      const col = column + Math.floor(symbol / this.rows);
      if (col >= this.columns)
        throw new NotAQuiltError(`a patch runs past the quilt's last column (${this.columns})`);
      const start = (symbol % this.rows) * rowSize + col * this.symbolSize + within;
      const n = Math.min(this.symbolSize - within, length - done);
      out.set(this.blob.subarray(start, start + n), done);
      done += n;
      within = 0;
      symbol++;
    }
    return out;
  }

  /** The index: every patch with its identifier, tags, columns and patch id. */
  patches(): QuiltPatch[] {
    const prefix = new DataView(this.read(0, 0, INDEX_PREFIX_BYTES).buffer);
    if (prefix.getUint8(0) !== 1) throw new NotAQuiltError(`quilt version ${prefix.getUint8(0)} is not 1`);
    const indexBytes = prefix.getUint32(1, true);
    if (INDEX_PREFIX_BYTES + indexBytes > this.columns * this.columnSize)
      throw new NotAQuiltError('the quilt index is longer than the blob');
    let index: ReturnType<typeof QuiltIndexV1.parse>;
    try {
      index = QuiltIndexV1.parse(this.read(0, INDEX_PREFIX_BYTES, indexBytes));
    } catch (error) {
      throw new NotAQuiltError(`the quilt index does not parse: ${(error as Error).message}`);
    }
    let start = Math.ceil((INDEX_PREFIX_BYTES + indexBytes) / this.columnSize);
    return index.patches.map((p) => {
      const patch = {
        identifier: p.identifier,
        tags: Object.fromEntries(p.tags),
        startIndex: start,
        endIndex: p.endIndex,
        patchId: encodePatchId(this.quiltId, start, p.endIndex),
      };
      start = p.endIndex;
      return patch;
    });
  }

  /** The patch starting at column `startIndex`: its identifier, tags and contents. */
  patchAt(startIndex: number): { identifier: string; tags: Record<string, string>; bytes: Uint8Array } {
    if (startIndex >= this.columns)
      throw new NotAQuiltError(`column ${startIndex} is past the quilt's last column`);
    const header = new DataView(this.read(startIndex, 0, PATCH_HEADER_BYTES + 2).buffer);
    if (header.getUint8(0) !== 1) throw new NotAQuiltError(`no patch starts at column ${startIndex}`);
    const length = header.getUint32(1, true);
    const mask = header.getUint8(5);
    const identifierBytes = header.getUint16(6, true);
    let offset = PATCH_HEADER_BYTES + 2;
    const identifier = bcs.string().parse(this.read(startIndex, offset, identifierBytes));
    offset += identifierBytes;
    let tags: Record<string, string> = {};
    if (mask & HAS_TAGS) {
      const tagBytes = new DataView(this.read(startIndex, offset, 2).buffer).getUint16(0, true);
      tags = Object.fromEntries(QuiltPatchTags.parse(this.read(startIndex, offset + 2, tagBytes)));
      offset += 2 + tagBytes;
    }
    const contents = length - (offset - PATCH_HEADER_BYTES);
    if (contents < 0) throw new NotAQuiltError(`the patch at column ${startIndex} has a bad length`);
    return { identifier, tags, bytes: this.read(startIndex, offset, contents) };
  }
}

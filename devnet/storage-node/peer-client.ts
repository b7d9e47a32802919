/**
 * The node's client for its peers' REST APIs (the node-to-node part: metadata and recovery
 * symbols), over `fetch` with a timeout per request.
 */
import type { SliverType } from './encoding.js';
import { parseRecoverySymbols, type RecoverySymbol, type SymbolId } from './recovery-symbols.js';

/** Options of {@link PeerClient}. */
export interface PeerClientOptions {
  /** Timeout of one request. @default 15000 */
  timeoutMs?: number;
  /** Most symbol ids per request (longer lists are split). @default 512 */
  maxIdsPerRequest?: number;
}

/** A failed peer request. */
export class PeerRequestError extends Error {
  constructor(
    readonly url: string,
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'PeerRequestError';
  }
}

/** Talks to other storage nodes. */
export class PeerClient {
  private readonly timeoutMs: number;
  private readonly maxIds: number;

  constructor(options: PeerClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxIds = options.maxIdsPerRequest ?? 512;
  }

  private async get(url: string): Promise<Uint8Array | undefined> {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/octet-stream' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new PeerRequestError(
        url,
        undefined,
        `${url}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new PeerRequestError(
        url,
        response.status,
        `${url}: HTTP ${response.status} ${text.slice(0, 200)}`,
      );
    }
    return new Uint8Array(await response.arrayBuffer());
  }

  /** A peer's metadata of a blob (`BlobMetadata` BCS, without the id prefix); `undefined` if it has none. */
  async getMetadata(
    baseUrl: string,
    blobId: string,
    blobIdBytes: Uint8Array,
  ): Promise<Uint8Array | undefined> {
    const bytes = await this.get(`${baseUrl}/v1/blobs/${blobId}/metadata`);
    if (!bytes) return undefined;
    if (bytes.length < 33 || !blobIdBytes.every((b, i) => bytes[i] === b)) {
      throw new PeerRequestError(baseUrl, 200, `${baseUrl} answered metadata for another blob id`);
    }
    return bytes.subarray(32);
  }

  /** Recovery symbols by id from one peer, each taken from a sliver of `proofAxis`. */
  async getRecoverySymbols(
    baseUrl: string,
    blobId: string,
    ids: readonly SymbolId[],
    proofAxis: SliverType,
  ): Promise<RecoverySymbol[]> {
    const out: RecoverySymbol[] = [];
    for (let start = 0; start < ids.length; start += this.maxIds) {
      const query = ids
        .slice(start, start + this.maxIds)
        .map((id) => `id=${id.primary}-${id.secondary}`)
        .join('&');
      const bytes = await this.get(
        `${baseUrl}/v1/blobs/${blobId}/recoverySymbols?${query}&proofAxis=${proofAxis}`,
      );
      if (bytes) out.push(...parseRecoverySymbols(bytes));
    }
    return out;
  }
}

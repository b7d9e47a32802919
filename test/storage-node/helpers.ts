// Test fixtures: a small cluster of storage nodes over an in-memory chain, and the SDK's own
// storage-node client pieces (not exported by the package, so loaded from its dist files).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BlsKeyPair } from '../../devnet/storage-node/bls-keys.js';
import { InMemoryChainView } from '../../devnet/storage-node/in-memory-chain-view.js';
import { StorageNodeProcess } from '../../devnet/storage-node/node-process.js';
import { StorageNode, type StorageNodeOptions } from '../../devnet/storage-node/storage-node.js';
import { fileFixture } from '../file-fixture.js';

const sdkDist = dirname(createRequire(import.meta.url).resolve('@mysten/walrus'));

async function sdkModule<T>(path: string): Promise<T> {
  return (await import(pathToFileURL(join(sdkDist, path)).href)) as T;
}

type RequestOptions = { nodeUrl: string; signal?: AbortSignal; timeout?: number };
type Json = { success: { code: number; data: unknown } };

/** The SDK's `StorageNodeClient` (dist/storage-node/client.mjs), typed for what the tests call. */
export interface SdkStorageNodeClient {
  getBlobMetadata(
    input: { blobId: string },
    options: RequestOptions,
  ): Promise<{ blobId: string; metadata: unknown }>;
  getBlobStatus(
    input: { blobId: string },
    options: RequestOptions,
  ): Promise<{ type: string } & Record<string, unknown>>;
  storeBlobMetadata(input: { blobId: string; metadata: unknown }, options: RequestOptions): Promise<Json>;
  getSliver(
    input: { blobId: string; sliverPairIndex: number; sliverType: 'primary' | 'secondary' },
    options: RequestOptions,
  ): Promise<Uint8Array>;
  storeSliver(
    input: {
      blobId: string;
      sliverPairIndex: number;
      sliverType: 'primary' | 'secondary';
      sliver: Uint8Array;
    },
    options: RequestOptions,
  ): Promise<Json>;
  getPermanentBlobConfirmation(input: { blobId: string }, options: RequestOptions): Promise<Json>;
  getDeletableBlobConfirmation(
    input: { blobId: string; objectId: string },
    options: RequestOptions,
  ): Promise<Json>;
  getSliverStatus(
    input: { blobId: string; sliverPairIndex: number; sliverType: 'primary' | 'secondary' },
    options: RequestOptions,
  ): Promise<string>;
  getMetadataStatus(input: { blobId: string }, options: RequestOptions): Promise<string>;
}

/** The SDK pieces the tests drive the nodes with. */
export interface Sdk {
  client: SdkStorageNodeClient;
  /** `retry` from dist/utils/retry.mjs (what `writeMetadataToNode` uses). */
  retry<T>(
    fn: () => Promise<T>,
    options: { count: number; delay: number; condition: (e: unknown) => boolean },
  ): Promise<T>;
  errors: Record<string, new (...args: never[]) => Error>;
  /** `getWasmBindings()` of dist/wasm.mjs. */
  wasm: {
    encodeBlob(
      nShards: number,
      bytes: Uint8Array,
    ): {
      blobId: string;
      metadata: unknown;
      primarySlivers: Uint8Array[];
      secondarySlivers: Uint8Array[];
      rootHash: Uint8Array;
    };
    decodePrimarySlivers(
      blobId: string,
      nShards: number,
      size: number | bigint,
      slivers: Uint8Array[],
    ): Uint8Array;
    computeMetadata(nShards: number, bytes: Uint8Array): { blobId: string };
    getVerifySignature(): (
      confirmation: { signature: string; serializedMessage: string },
      publicKey: Uint8Array,
    ) => boolean;
  };
  utils: {
    toShardIndex(pair: number, blobId: string, n: number): number;
    toPairIndex(shard: number, blobId: string, n: number): number;
    getSourceSymbols(n: number): { primarySymbols: number; secondarySymbols: number };
    encodedBlobLength(length: number, n: number): number;
  };
  bcs: {
    StorageConfirmation: { serialize(value: unknown): { toBase64(): string; toBytes(): Uint8Array } };
    BlobMetadata: { serialize(value: unknown): { toBytes(): Uint8Array } };
    SliverData: { serialize(value: unknown): { toBytes(): Uint8Array } };
    IntentType: Record<string, number>;
  };
}

let sdkPromise: Promise<Sdk> | undefined;

/** Loads the unmodified SDK pieces. */
export function loadSdk(): Promise<Sdk> {
  sdkPromise ??= (async () => {
    const { StorageNodeClient } = await sdkModule<{
      StorageNodeClient: new (options?: object) => SdkStorageNodeClient;
    }>('storage-node/client.mjs');
    const { retry } = await sdkModule<Pick<Sdk, 'retry'>>('utils/retry.mjs');
    const errors = await sdkModule<Sdk['errors']>('storage-node/error.mjs');
    const { getWasmBindings } = await sdkModule<{ getWasmBindings(): Promise<Sdk['wasm']> }>('wasm.mjs');
    const utils = await sdkModule<Sdk['utils']>('utils/index.mjs');
    const bcs = await sdkModule<Sdk['bcs']>('utils/bcs.mjs');
    return {
      client: new StorageNodeClient({ timeout: 120_000 }),
      retry,
      errors,
      wasm: await getWasmBindings(),
      utils,
      bcs,
    };
  })();
  return sdkPromise;
}

/** What the helpers need of a node, in process or not. */
export type NodeHandle = StorageNode | StorageNodeProcess;

/** A running cluster. */
export interface Cluster {
  chain: InMemoryChainView;
  /** Every node by committee index (in-process nodes and child processes). */
  handles: NodeHandle[];
  /** The in-process nodes (child-process slots hold `undefined`). */
  nodes: StorageNode[];
  keys: BlsKeyPair[];
  nShards: number;
  /** In-process node by committee index. */
  node(index: number): StorageNode;
  /** Child-process node by committee index. */
  process(index: number): StorageNodeProcess;
  /** Stops every node and removes the directories. */
  close(): Promise<void>;
}

/** Options of {@link startCluster}. */
export interface ClusterOptions {
  nodes?: number;
  nShards?: number;
  node?: Partial<StorageNodeOptions>;
  /** Committee indices of nodes to run in child processes. */
  childProcess?: number[];
}

/** The cluster and SDK a test file shares, set before its first test runs. */
export interface ClusterFixture {
  readonly cluster: Cluster;
  readonly sdk: Sdk;
}

/**
 * Registers the file's hooks: loads the SDK and starts a cluster with `options` before the tests, closes it after
 * them. Read `cluster` and `sdk` inside tests and hooks only (they are set in `beforeAll`).
 */
export function sharedCluster(options: ClusterOptions = {}, startTimeoutMs?: number): ClusterFixture {
  const started = fileFixture(
    'the cluster',
    async () => ({ sdk: await loadSdk(), cluster: await startCluster(options) }),
    ({ cluster }) => cluster.close(),
    startTimeoutMs,
  );
  return {
    get cluster() {
      return started().cluster;
    },
    get sdk() {
      return started().sdk;
    },
  };
}

/** The reason code a storage node's error response names (`details[0].reason`), as the SDK surfaces it. */
export function reasonOf(error: unknown): string | undefined {
  return (error as { error?: { error?: { details?: { reason?: string }[] } } }).error?.error?.details?.[0]
    ?.reason;
}

/** Deterministic node id `0x00…0i`. */
export function nodeIdOf(index: number): string {
  return `0x${(index + 1).toString(16).padStart(64, '0')}`;
}

/**
 * Options of a lone storage node (a one-member committee over its own in-memory chain with 4 shards),
 * keeping its data in `dataRoot/name`.
 */
export function loneNodeOptions(dataRoot: string, name: string) {
  const key = BlsKeyPair.generate();
  const chainView = new InMemoryChainView({ nShards: 4 });
  chainView.setMembers([
    { nodeId: nodeIdOf(0), publicKey: key.publicKeyUncompressed, networkAddress: '127.0.0.1:1' },
  ]);
  return {
    nodeId: nodeIdOf(0),
    name,
    chainView,
    dataDir: join(dataRoot, name),
    blsSecretKey: key.exportSecretKey(),
  };
}

/** Starts `nodes` storage nodes (default 4) over a fresh in-memory chain with `nShards` shards (default 8). */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const count = options.nodes ?? 4;
  const nShards = options.nShards ?? 8;
  const chain = new InMemoryChainView({ nShards });
  const keys = Array.from({ length: count }, () => BlsKeyPair.generate());
  chain.setMembers(
    keys.map((key, i) => ({
      nodeId: nodeIdOf(i),
      publicKey: key.publicKeyUncompressed,
      networkAddress: '127.0.0.1:1',
    })),
  );
  const root = mkdtempSync(join(tmpdir(), 'walrus-storage-node-'));
  const handles: NodeHandle[] = keys.map((key, i) => {
    const nodeOptions = {
      nodeId: nodeIdOf(i),
      name: `node-${i}`,
      chainView: chain,
      dataDir: join(root, `node-${i}`),
      blsSecretKey: key.exportSecretKey(),
      healDelayMs: 200,
      recoveryRetryMs: 300,
      registrationWaitMs: 300,
      ...options.node,
    };
    return options.childProcess?.includes(i)
      ? new StorageNodeProcess(nodeOptions)
      : new StorageNode(nodeOptions);
  });
  for (const node of handles) {
    await node.start();
    chain.setNetworkAddress(node.nodeId, node.networkAddress);
  }
  const nodes = handles.map((h) => (h instanceof StorageNode ? h : undefined)) as StorageNode[];
  return {
    chain,
    handles,
    nodes,
    keys,
    nShards,
    node: (index) => {
      const node = handles[index];
      if (!(node instanceof StorageNode)) throw new Error(`node ${index} is not in process`);
      return node;
    },
    process: (index) => {
      const node = handles[index];
      if (!(node instanceof StorageNodeProcess)) throw new Error(`node ${index} is not a child process`);
      return node;
    },
    close: async () => {
      for (const node of handles) await node.stop().catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Deterministic pseudo-random bytes. */
export function randomBlob(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** An encoded blob as the SDK's `encodeBlob` makes it. */
export interface EncodedBlob {
  bytes: Uint8Array;
  blobId: string;
  metadata: unknown;
  primary: Uint8Array[];
  secondary: Uint8Array[];
}

/** Encodes with the SDK's wasm bindings. */
export async function encode(nShards: number, bytes: Uint8Array): Promise<EncodedBlob> {
  const sdk = await loadSdk();
  const encoded = sdk.wasm.encodeBlob(nShards, bytes);
  return {
    bytes,
    blobId: encoded.blobId,
    metadata: encoded.metadata,
    primary: encoded.primarySlivers,
    secondary: encoded.secondarySlivers,
  };
}

/** The committee index holding each pair of a blob. */
export function pairsOfNode(cluster: Cluster, blobId: string, index: number, sdk: Sdk): number[] {
  const shards = new Set(
    (cluster.chain as unknown as { members: { shards: number[] }[] }).members[index]!.shards,
  );
  return Array.from({ length: cluster.nShards }, (_, pair) => pair).filter((pair) =>
    shards.has(sdk.utils.toShardIndex(pair, blobId, cluster.nShards)),
  );
}

/**
 * Writes a blob to one node the way `WalrusClient.writeEncodedBlobToNode` does: metadata status,
 * metadata (retried on NOT_REGISTERED), every sliver, then the confirmation.
 */
export async function writeToNode(
  cluster: Cluster,
  index: number,
  blob: EncodedBlob,
  persistence: { deletable: false } | { deletable: true; objectId: string } = { deletable: false },
): Promise<{ serializedMessage: string; signature: string } | null> {
  const sdk = await loadSdk();
  const nodeUrl = cluster.handles[index]!.url;
  const status = await sdk.client
    .getMetadataStatus({ blobId: blob.blobId }, { nodeUrl })
    .catch(() => 'error');
  if (status !== 'Stored' && status !== 'Buffered') {
    await sdk.retry(
      () => sdk.client.storeBlobMetadata({ blobId: blob.blobId, metadata: blob.metadata }, { nodeUrl }),
      {
        count: 3,
        delay: 1000,
        condition: (error) => error instanceof sdk.errors.BlobNotRegisteredError!,
      },
    );
  }
  const pairs = pairsOfNode(cluster, blob.blobId, index, sdk);
  await Promise.all(
    pairs.flatMap((pair) => [
      sdk.client.storeSliver(
        { blobId: blob.blobId, sliverPairIndex: pair, sliverType: 'primary', sliver: blob.primary[pair]! },
        { nodeUrl },
      ),
      sdk.client.storeSliver(
        {
          blobId: blob.blobId,
          sliverPairIndex: pair,
          sliverType: 'secondary',
          sliver: blob.secondary[pair]!,
        },
        { nodeUrl },
      ),
    ]),
  );
  const reply = persistence.deletable
    ? await sdk.client.getDeletableBlobConfirmation(
        { blobId: blob.blobId, objectId: persistence.objectId },
        { nodeUrl },
      )
    : await sdk.client.getPermanentBlobConfirmation({ blobId: blob.blobId }, { nodeUrl });
  return (
    (reply?.success?.data as { signed?: { serializedMessage: string; signature: string } })?.signed ?? null
  );
}

/** Registers, uploads to every node and certifies a blob; returns its object id. */
export async function storeBlob(
  cluster: Cluster,
  blob: EncodedBlob,
  options: { deletable?: boolean; endEpoch?: number; skip?: number[] } = {},
): Promise<string> {
  const objectId = cluster.chain.registerBlob({
    blobId: blob.blobId,
    size: blob.bytes.length,
    deletable: options.deletable ?? false,
    endEpoch: options.endEpoch,
  });
  await Promise.all(
    cluster.handles.map((_, i) =>
      options.skip?.includes(i)
        ? null
        : writeToNode(
            cluster,
            i,
            blob,
            options.deletable ? { deletable: true, objectId } : { deletable: false },
          ),
    ),
  );
  cluster.chain.certifyBlob(objectId);
  return objectId;
}

/** Reads a blob back like `WalrusClient.readBlob`: `p` primary slivers from the nodes, decoded and checked. */
export async function readBlob(cluster: Cluster, blobId: string, size: number): Promise<Uint8Array> {
  const sdk = await loadSdk();
  const { primarySymbols } = sdk.utils.getSourceSymbols(cluster.nShards);
  const slivers: Uint8Array[] = [];
  for (let pair = 0; pair < cluster.nShards && slivers.length < primarySymbols; pair++) {
    const shard = sdk.utils.toShardIndex(pair, blobId, cluster.nShards);
    const index = (cluster.chain as unknown as { members: { shards: number[] }[] }).members.findIndex((m) =>
      m.shards.includes(shard),
    );
    const node = cluster.handles[index];
    if (node?.status !== 'started') continue;
    try {
      slivers.push(
        await sdk.client.getSliver(
          { blobId, sliverPairIndex: pair, sliverType: 'primary' },
          { nodeUrl: node.url },
        ),
      );
    } catch {
      // try the next pair, like the SDK does
    }
  }
  const bytes = sdk.wasm.decodePrimarySlivers(blobId, cluster.nShards, size, slivers);
  if (sdk.wasm.computeMetadata(cluster.nShards, bytes).blobId !== blobId) {
    throw new Error('The specified blob was encoded incorrectly.');
  }
  return bytes;
}

/** A temporary directory removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

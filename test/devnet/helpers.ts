// Shared fixtures of the devnet integration tests: an in-process devnet on free ports, WAL balances, the
// chain's view of a user's Blob objects and of shard assignments, and where a node keeps a blob on disk.
// Everything that touches Walrus goes through the unmodified `@mysten/walrus` WalrusClient.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import {
  RetryableWalrusClientError,
  type StorageNodeClientOptions,
  type UploadRelayConfig,
  WalrusClient,
} from '@mysten/walrus';
import {
  type Devnet,
  type DevnetNode,
  type StartDevnetOptions,
  startDevnet,
} from '../../devnet/start-devnet.js';
import { sdkReadRefusal } from '../../src/blob/sdk-refusals.js';
import { fileFixture } from '../file-fixture.js';

export const MiB = 1024 * 1024;

/** A 4-node, 100-shard devnet on free ports, epochs only on `advanceEpoch()`, temporary state. */
export function startTestDevnet(options: StartDevnetOptions = {}): Promise<Devnet> {
  return startDevnet({
    nodes: 4,
    shards: 100,
    autoEpochs: false,
    ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 },
    ...options,
  });
}

/**
 * Registers the file's hooks: starts a {@link startTestDevnet} devnet with `options` before the tests and
 * stops it after them. Read `devnet` inside tests and hooks only (it is set in `beforeAll`).
 */
export function sharedTestDevnet(
  options: StartDevnetOptions = {},
  startTimeoutMs?: number,
): { readonly devnet: Devnet } {
  const started = fileFixture(
    'the devnet',
    () => startTestDevnet(options),
    (devnet) => devnet.stop(),
    startTimeoutMs,
  );
  return {
    get devnet() {
      return started();
    },
  };
}

/** Random bytes (incompressible, so every blob id is new). */
export function randomBlob(size: number): Uint8Array {
  return new Uint8Array(randomBytes(size));
}

/**
 * A WalrusClient of the devnet built by hand (the unmodified SDK), e.g. with a longer node timeout or
 * through an upload relay.
 */
export function walrusClientFor(devnet: Devnet, options: DevnetWalrusClientOptions = {}): WalrusClient {
  return new WalrusClient({
    suiClient: devnet.suiClient,
    packageConfig: {
      systemObjectId: devnet.deployment.systemObjectId,
      stakingPoolId: devnet.deployment.stakingObjectId,
    },
    storageNodeUrlScheme: 'http',
    ...options,
  });
}

/** What a test or bench sets on {@link walrusClientFor}'s client beyond the devnet's packages. */
export interface DevnetWalrusClientOptions {
  storageNodeClientOptions?: StorageNodeClientOptions;
  uploadRelay?: UploadRelayConfig;
}

/** The WAL coin type of the devnet. */
export function walType(devnet: Devnet): string {
  return `${devnet.descriptor.packages!.wal}::wal::WAL`;
}

/** An address's WAL balance in FROST, read through the Sui core API. */
export async function walBalance(devnet: Devnet, owner: string): Promise<bigint> {
  const { balance } = await devnet.suiClient.core.getBalance({ owner, coinType: walType(devnet) });
  return BigInt(balance.balance);
}

/**
 * The current Walrus epoch, read fresh from the chain by a new client (`devnet.epochs.epoch()` would reset and
 * refill the cache of `devnet.walrusClient`, which the tests leave alone).
 */
export async function currentEpoch(devnet: Devnet): Promise<number> {
  return (await walrusClientFor(devnet).stakingState()).epoch;
}

export type BlobObject = Awaited<ReturnType<WalrusClient['getBlobObject']>>;

/** Every `Blob` object `owner` holds, parsed by the SDK. */
export async function ownedBlobObjects(devnet: Devnet, owner: string): Promise<BlobObject[]> {
  const client = walrusClientFor(devnet);
  const type = await client.getBlobType();
  const blobs: BlobObject[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof devnet.suiClient.core.listOwnedObjects>> =
      await devnet.suiClient.core.listOwnedObjects({ owner, type, cursor });
    for (const object of page.objects) blobs.push(await client.getBlobObject(object.objectId));
    cursor = page.hasNextPage ? page.cursor : null;
  } while (cursor);
  return blobs;
}

/**
 * Blob ids the nodes must hold in `epoch`: certified and not expired, over the Blob objects of every devnet
 * account (the tests only store from those).
 */
export async function liveCertifiedBlobIds(devnet: Devnet, epoch: number): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const signer of devnet.signers) {
    for (const blob of await ownedBlobObjects(devnet, signer.toSuiAddress())) {
      if (blob.certified_epoch !== null && blob.storage.end_epoch > epoch) ids.add(blob.blob_id);
    }
  }
  return ids;
}

/** Shards of each node (by node id) in the current committee, as the SDK reads the staking object. */
export async function shardsByNode(devnet: Devnet): Promise<Map<string, number[]>> {
  const staking = await walrusClientFor(devnet).stakingState();
  const shards = new Map<string, number[]>();
  for (const entry of staking.committee[0].contents) shards.set(normalizeSuiAddress(entry.key), entry.value);
  return shards;
}

/**
 * The directory a node of a devnet started with `stateDir` keeps a blob's metadata and slivers in
 * (`<stateDir>/nodes/<name>/store/blobs/<blob id hex>`).
 */
export function blobDirOnNode(stateDir: string, node: DevnetNode, blobId: string): string {
  return join(
    stateDir,
    'nodes',
    node.name,
    'store',
    'blobs',
    Buffer.from(blobId, 'base64url').toString('hex'),
  );
}

/** What each storage node says of a blob's metadata: "Stored", "Buffered" or "Nonexistent". */
export async function metadataStatusOn(devnet: Devnet, blobId: string): Promise<string[]> {
  return Promise.all(
    devnet.nodes.map(async (node) => {
      const response = await fetch(`${node.url}/v1/blobs/${blobId}/metadata/status`);
      const body = (await response.json()) as { success?: { data?: string } };
      return body.success?.data ?? JSON.stringify(body);
    }),
  );
}

/** Waits for every started node to handle the chain changes seen so far and finish recovery. */
export async function settle(devnet: Devnet): Promise<void> {
  await Promise.all(devnet.nodes.filter((n) => n.node.status === 'started').map((n) => n.node.idle()));
}

/** The unmodified SDK's known transient read refusals: one check, shared with the CLI (see its file). */
export { sdkReadRefusal } from '../../src/blob/sdk-refusals.js';

/**
 * Reads a blob as an application that retries the SDK's own refusals ({@link sdkReadRefusal}) does; any other
 * error fails. Returns the bytes and the refusals met on the way.
 */
export async function readWithRetries(
  client: WalrusClient,
  blobId: string,
  attempts = 30,
): Promise<{ bytes: Uint8Array; refusals: string[] }> {
  const refusals: string[] = [];
  for (let i = 0; i < attempts; i++) {
    try {
      return { bytes: await client.readBlob({ blobId }), refusals };
    } catch (error) {
      const refusal = sdkReadRefusal(error);
      if (!refusal) throw error;
      refusals.push(refusal);
    }
  }
  throw new Error(`readBlob(${blobId}) was refused ${attempts} times: ${refusals.join(', ')}`);
}

/**
 * Reads a blob `count` times, one call each: every call must return exactly `expected` or be one of the SDK's
 * own refusals ({@link sdkReadRefusal}). Returns how many calls returned the bytes and the refusals by kind.
 */
export async function readRepeatedly(
  client: WalrusClient,
  blobId: string,
  expected: Uint8Array,
  count: number,
): Promise<{ right: number; refused: Record<string, number> }> {
  let right = 0;
  const refused: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    try {
      const bytes = await client.readBlob({ blobId });
      if (!sameBytes(bytes, expected)) throw new Error(`readBlob(${blobId}) returned wrong bytes`);
      right++;
    } catch (error) {
      const refusal = sdkReadRefusal(error);
      if (!refusal) throw error;
      refused[refusal] = (refused[refusal] ?? 0) + 1;
    }
  }
  return { right, refused };
}

/** Byte equality without printing megabytes on failure. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

type WriteBlobOptions = Parameters<WalrusClient['writeBlob']>[0];
type WriteBlobStep = NonNullable<WriteBlobOptions['resume']>;

/**
 * `WalrusClient.writeBlob` as an application following the SDK's README ("Error handling") calls it: on a
 * `RetryableWalrusClientError` (e.g. the epoch changed between the client reading the committee and the nodes
 * signing), reset the client and retry, resuming from the last step so a registered blob is not paid twice.
 */
export async function writeBlobWithSdkRetry(
  client: WalrusClient,
  options: Omit<WriteBlobOptions, 'resume'>,
  attempts = 3,
): Promise<Awaited<ReturnType<WalrusClient['writeBlob']>>> {
  let last: WriteBlobStep | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.writeBlob({
        ...options,
        ...(last && last.step !== 'encoded' ? { resume: last } : {}),
        onStep: async (step) => {
          last = step;
          await options.onStep?.(step);
        },
      });
    } catch (error) {
      if (!(error instanceof RetryableWalrusClientError) || attempt >= attempts) throw error;
      client.reset();
    }
  }
}

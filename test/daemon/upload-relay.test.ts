// The upload relay against an in-process devnet: the unmodified SDK (`uploadRelay: { host, sendTip: { max } }`)
// writes through it with a tip; Mysten's own examples upload-relay/write-blob.ts, upload-relay/resume-upload.ts and
// quilt/write-flow.ts (MystenLabs/ts-sdks packages/walrus/examples) run with only their setup glue changed; and the
// relay refuses what the real relay refuses (no tip, too small a tip, a stale transaction, a body that is not the
// blob the id names, a body over the limit).
import type { Keypair } from '@mysten/sui/cryptography';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { WalrusClient, WalrusFile, type WriteBlobStep } from '@mysten/walrus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/start-devnet.js';
import { type RunningDaemon, startDaemon } from '../../src/daemon/daemon-server.js';
import { tipFor } from '../../src/daemon/upload-relay.js';
import { randomBlob, walrusClientFor } from '../devnet/helpers.js';
import { devnetSession, startDaemonDevnet } from './daemon-fixture.js';

const TIP = 105;
let env: Awaited<ReturnType<typeof startDaemonDevnet>>;
let devnet: Devnet;
let relay: RunningDaemon;
let relayAddress: string;
const extraRelays: RunningDaemon[] = [];

/** A relay on a free port, tips paid to devnet.signers[9]. */
async function startRelay(options: Parameters<typeof startDaemon>[0]['relay'], maxBodyBytes = 1 << 20) {
  const server = await startDaemon({
    session: devnetSession(devnet, devnet.signers[9]!),
    port: 0,
    aggregator: false,
    publisher: false,
    maxBodyBytes,
    ...(options ? { relay: options } : {}),
  });
  extraRelays.push(server);
  return server;
}

/** A 100-byte deletable blob for one epoch, written by `client` through its relay: the refusal cases' write. */
function writeSmallBlob(client: ReturnType<typeof exampleClient>, signer: Keypair) {
  return client.walrus.writeBlob({ blob: randomBlob(100), deletable: true, epochs: 1, signer });
}

/**
 * The setup glue the examples need on the devnet (instead of testnet's URLs). `client.$extend(walrus({...}))`
 * cannot be used: the SDK's `walrus()` extension throws "Walrus client only supports mainnet and testnet" for any
 * other network even when given a packageConfig (@mysten/walrus 1.x, client.mjs `register`); so the same
 * `WalrusClient` options sit on `client.walrus`, next to the Sui client's own `signAndExecuteTransaction`.
 * Each gets its own Sui client: the SDK caches the relay's tip config in the Sui client's cache, so WalrusClients
 * sharing one Sui client would all use the first one's tip settings.
 */
function exampleClient(
  host: string,
  sendTip: { max: number } | { address: string; kind: { const: number } },
) {
  const suiClient = new SuiGrpcClient({ network: 'localnet', transport: devnet.ledger.transport });
  const walrusClient = new WalrusClient({
    suiClient,
    packageConfig: {
      systemObjectId: devnet.deployment.systemObjectId,
      stakingPoolId: devnet.deployment.stakingObjectId,
    },
    storageNodeUrlScheme: 'http',
    storageNodeClientOptions: { timeout: 60_000 },
    uploadRelay: { host, sendTip },
  });
  return {
    walrus: walrusClient,
    signAndExecuteTransaction: suiClient.signAndExecuteTransaction.bind(suiClient),
  };
}

const suiBalance = async (owner: string) =>
  BigInt((await devnet.suiClient.core.getBalance({ owner })).balance.balance);

beforeAll(async () => {
  env = await startDaemonDevnet({ aggregator: false, publisher: false });
  devnet = env.devnet;
  relay = await startRelay({ tip: { const: TIP }, tipFreshnessMs: 3_600_000 });
  relayAddress = devnet.signers[9]!.toSuiAddress();
}, 60_000);
afterAll(async () => {
  await Promise.all(extraRelays.map((r) => r.close()));
  await env?.stop();
});

describe('upload relay', () => {
  it('GET /v1/tip-config: the const tip and the address it goes to; no_tip without one', async () => {
    expect(await (await fetch(`${relay.url}/v1/tip-config`)).json()).toEqual({
      send_tip: { address: relayAddress, kind: { const: TIP } },
    });
    const free = await startRelay({ tipFreshnessMs: 1000 });
    expect(await (await fetch(`${free.url}/v1/tip-config`)).json()).toBe('no_tip');
    const linear = await startRelay({
      tip: { linear: { base: 10, perEncodedKib: 2 } },
      tipFreshnessMs: 1000,
    });
    expect(await (await fetch(`${linear.url}/v1/tip-config`)).json()).toMatchObject({
      send_tip: { kind: { linear: { base: 10, encoded_size_mul_per_kib: 2 } } },
    });
  });

  it('the unmodified SDK writes through the relay and pays its tip', async () => {
    const client = walrusClientFor(devnet, { uploadRelay: { host: relay.url, sendTip: { max: 1_000 } } });
    const before = await suiBalance(relayAddress);
    const blob = randomBlob(3000);
    const { blobId } = await client.writeBlob({
      blob,
      deletable: true,
      epochs: 2,
      signer: devnet.signers[1]!,
    });
    expect(await env.session.walrus.readBlob({ blobId })).toEqual(blob);
    expect((await suiBalance(relayAddress)) - before).toBe(BigInt(TIP));
  }, 30_000);

  it("Mysten's upload-relay/write-blob.ts", async () => {
    const client = exampleClient(relay.url, { max: 1_000 });
    const keypair: Keypair = devnet.signers[2]!;
    // --- the example's body, unchanged ---
    const file = new TextEncoder().encode('Hello from the TS SDK!!!\n');
    const { blobId, blobObject } = await client.walrus.writeBlob({
      blob: file,
      deletable: true,
      epochs: 3,
      signer: keypair,
    });
    // ---
    expect(blobObject.blob_id).toBeTruthy();
    expect(new TextDecoder().decode(await env.session.walrus.readBlob({ blobId }))).toBe(
      'Hello from the TS SDK!!!\n',
    );
  }, 30_000);

  it("Mysten's upload-relay/resume-upload.ts", async () => {
    const client = exampleClient(relay.url, { max: 1_000 });
    const keypair: Keypair = devnet.signers[3]!;
    // --- the example's body, unchanged (console output dropped) ---
    const blob = new TextEncoder().encode(`Resume test - ${Date.now()}`);
    const flow1 = client.walrus.writeBlobFlow({ blob });
    let savedCheckpoint: WriteBlobStep | undefined;
    for await (const step of flow1.run({ signer: keypair, epochs: 3, deletable: true })) {
      savedCheckpoint = step;
      if (step.step === 'registered') break;
    }
    // biome-ignore lint/complexity/useOptionalChain: the example's code, unchanged
    if (!savedCheckpoint || savedCheckpoint.step !== 'registered') {
      throw new Error('Expected to have a registered checkpoint');
    }
    const flow2 = client.walrus.writeBlobFlow({ blob, resume: savedCheckpoint });
    for await (const _step of flow2.run({ signer: keypair, epochs: 3, deletable: true })) {
      // Register is skipped since we already have a blobObjectId
    }
    const result = await flow2.getBlob();
    // ---
    expect(await env.session.walrus.readBlob({ blobId: result.blobId })).toEqual(blob);
  }, 30_000);

  it("Mysten's quilt/write-flow.ts", async () => {
    const client = exampleClient(relay.url, { max: 1_000 });
    const keypair: Keypair = devnet.signers[4]!;
    // --- the example's body, unchanged ---
    const files = [
      WalrusFile.from({
        contents: new TextEncoder().encode('test 1'),
        identifier: 'test1',
        tags: { a: 'a', aa: 'aa', b: 'b' },
      }),
      WalrusFile.from({ contents: new TextEncoder().encode('test 2'), identifier: 'test2' }),
    ];
    const flow = await client.walrus.writeFilesFlow({ files });
    await flow.encode();
    const registerResult = await client.signAndExecuteTransaction({
      transaction: flow.register({ deletable: true, epochs: 3, owner: keypair.toSuiAddress() }),
      signer: keypair,
    });
    if (registerResult.FailedTransaction) {
      throw new Error('Register transaction failed');
    }
    await flow.upload({ digest: registerResult.Transaction.digest });
    await client.signAndExecuteTransaction({ transaction: flow.certify(), signer: keypair });
    const result = await flow.listFiles();
    // ---
    expect(result).toHaveLength(2);
    const [read] = await env.session.walrus.getFiles({ ids: [result[1]!.id] });
    expect(await read!.text()).toBe('test 2');
  }, 30_000);
});

describe('upload relay refusals', () => {
  it('a tip above the client’s max fails in the SDK before anything is paid', async () => {
    const client = exampleClient(relay.url, { max: TIP - 1 });
    await expect(writeSmallBlob(client, devnet.signers[5]!)).rejects.toThrow(
      /exceeds the maximum allowed tip/,
    );
  });

  it('a transaction paying less than the tip is refused (400 BAD_TIP)', async () => {
    const client = exampleClient(relay.url, { address: relayAddress, kind: { const: TIP - 5 } });
    await expect(writeSmallBlob(client, devnet.signers[5]!)).rejects.toThrow(/the tip is 105 MIST/);
  }, 30_000);

  it('a stale tip transaction is refused', async () => {
    const stale = await startRelay({ tip: { const: TIP }, tipFreshnessMs: 0 });
    const client = exampleClient(stale.url, { max: 1_000 });
    await expect(writeSmallBlob(client, devnet.signers[6]!)).rejects.toThrow(/older than this relay accepts/);
  }, 30_000);

  it('no tx_id/nonce with a tip, a body that is not the named blob, a bad blob id, too large a body', async () => {
    const id = (await env.session.walrus.encodeBlob(randomBlob(10))).blobId;
    const post = (base: string, query: string, body: Uint8Array) =>
      fetch(`${base}/v1/blob-upload-relay?${query}`, { method: 'POST', body });
    const noTip = await post(relay.url, `blob_id=${id}`, randomBlob(10));
    expect(noTip.status).toBe(400);
    expect(((await noTip.json()) as { error: { code: string } }).error.code).toBe('BAD_TIP');
    const free = await startRelay({ tipFreshnessMs: 1000 }, 64);
    const mismatch = await post(free.url, `blob_id=${id}`, randomBlob(10));
    expect(((await mismatch.json()) as { error: { code: string } }).error.code).toBe('BLOB_ID_MISMATCH');
    expect((await post(free.url, 'blob_id=nope', randomBlob(10))).status).toBe(400);
    expect((await post(free.url, '', randomBlob(10))).status).toBe(400);
    expect((await post(free.url, `blob_id=${id}`, randomBlob(65))).status).toBe(413);
  });

  it('tipFor matches the SDK’s linear formula', () => {
    expect(tipFor({ const: 7 }, 123, 100)).toBe(7n);
    expect(tipFor({ linear: { base: 10, perEncodedKib: 2 } }, 0, 100)).toBeGreaterThan(10n);
  });
});

/**
 * Aggregator and publisher throughput against the SDK path, in the same run on one in-process devnet (4 nodes,
 * 100 shards): store N blobs of each size through `PUT /v1/blobs` and directly with `WalrusClient.writeBlob`; read
 * them back through `GET /v1/blobs/<id>` and with `WalrusClient.readBlob`. Also the upload relay path
 * (`uploadRelay` in the SDK). Prints a table and JSON (MB/s = 10^6 bytes per second of blob payload).
 *
 *   node --import tsx bench/daemon.ts [runs per size, default 3]
 */
import { randomBytes } from 'node:crypto';
import { WalrusClient } from '@mysten/walrus';
import { startDevnet } from '../devnet/start-devnet.js';
import { createWalrusSession } from '../src/clients/walrus-session.js';
import { startDaemon } from '../src/daemon/daemon-server.js';

const runs = Number(process.argv[2] ?? '3');
const sizes = [10_000, 1_000_000, 5_000_000];
const devnet = await startDevnet({
  nodes: 4,
  shards: 100,
  autoEpochs: false,
  ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 },
});
const packageConfig = {
  systemObjectId: devnet.deployment.systemObjectId,
  stakingPoolId: devnet.deployment.stakingObjectId,
};
const sdk = new WalrusClient({ suiClient: devnet.suiClient, packageConfig, storageNodeUrlScheme: 'http' });
const session = createWalrusSession(
  {
    network: {
      name: 'devnet',
      builtIn: true,
      local: true,
      rpcUrl: devnet.descriptor.rpcUrl,
      systemObjectId: packageConfig.systemObjectId,
      stakingObjectId: packageConfig.stakingPoolId,
    },
    suiClient: devnet.suiClient,
    walrusClient: new WalrusClient({
      suiClient: devnet.suiClient,
      packageConfig,
      storageNodeUrlScheme: 'http',
    }),
    descriptor: devnet.descriptor,
    walrusObjects: { system: packageConfig.systemObjectId, staking: packageConfig.stakingPoolId },
  },
  devnet.signers[0]!,
);
const daemon = await startDaemon({ session, port: 0, maxBodyBytes: 64 * 1024 * 1024 });
const relay = await startDaemon({
  session,
  port: 0,
  aggregator: false,
  publisher: false,
  relay: { tipFreshnessMs: 3_600_000 },
  maxBodyBytes: 64 * 1024 * 1024,
});
const viaRelay = new WalrusClient({
  suiClient: devnet.suiClient,
  packageConfig,
  storageNodeUrlScheme: 'http',
  uploadRelay: { host: relay.url },
});

const rows: Array<{ path: string; op: string; size: number; medianMs: number; mbPerS: number }> = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const record = (path: string, op: string, size: number, ms: number[]) => {
  const m = median(ms);
  rows.push({
    path,
    op,
    size,
    medianMs: Math.round(m),
    mbPerS: Number((size / 1e6 / (m / 1000)).toFixed(2)),
  });
};
const timed = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

for (const size of sizes) {
  const put: number[] = [];
  const write: number[] = [];
  const relayed: number[] = [];
  const get: number[] = [];
  const read: number[] = [];
  for (let i = 0; i < runs; i++) {
    const a = new Uint8Array(randomBytes(size));
    const b = new Uint8Array(randomBytes(size));
    const c = new Uint8Array(randomBytes(size));
    let idA = '';
    let idB = '';
    put.push(
      await timed(async () => {
        const res = await fetch(`${daemon.url}/v1/blobs`, { method: 'PUT', body: a });
        idA = ((await res.json()) as { newlyCreated: { blobObject: { blobId: string } } }).newlyCreated
          .blobObject.blobId;
      }),
    );
    write.push(
      await timed(async () => {
        idB = (await sdk.writeBlob({ blob: b, deletable: true, epochs: 1, signer: devnet.signers[1]! }))
          .blobId;
      }),
    );
    relayed.push(
      await timed(() =>
        viaRelay.writeBlob({ blob: c, deletable: true, epochs: 1, signer: devnet.signers[2]! }),
      ),
    );
    get.push(await timed(async () => (await fetch(`${daemon.url}/v1/blobs/${idA}`)).arrayBuffer()));
    read.push(
      await timed(() =>
        new WalrusClient({
          suiClient: devnet.suiClient,
          packageConfig,
          storageNodeUrlScheme: 'http',
        }).readBlob({ blobId: idB }),
      ),
    );
  }
  record('publisher PUT /v1/blobs', 'write', size, put);
  record('SDK writeBlob', 'write', size, write);
  record('SDK via upload relay', 'write', size, relayed);
  record('aggregator GET /v1/blobs', 'read', size, get);
  record('SDK readBlob (new client)', 'read', size, read);
}
await relay.close();
await daemon.close();
await devnet.stop();

console.log('| path | op | size (bytes) | median ms | MB/s |\n|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.path} | ${r.op} | ${r.size} | ${r.medianMs} | ${r.mbPerS} |`);
console.log(JSON.stringify({ runs, rows }));

/**
 * One storage-challenge round (a devnet extension) on an in-process 4-node, 12-shard devnet holding
 * 10, 100 and 1000 small certified blobs: wall time of `devnet.challenge()` (open, prove to every peer,
 * certificates on chain, resolve) and proof bytes sent per node. The sample is capped at 64 blobs per
 * node by the contract, so past 64 blobs the proof size stops growing (the peers still rank every
 * certified blob to recompute the sample). The resolve step now also settles penalties (none here:
 * every node is honest). Prints a table and JSON.
 *
 *   node --import tsx bench/challenge-round.ts [blob counts, default 10,100,1000]
 */
import { randomBytes } from 'node:crypto';
import { startDevnet } from '../devnet/start-devnet.js';
import { walrusClientFor } from '../test/devnet/helpers.js';

const counts = (process.argv[2] ?? '10,100,1000').split(',').map(Number);
const devnet = await startDevnet({
  nodes: 4,
  shards: 12,
  autoEpochs: false,
  fsync: false,
  ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 },
});
const client = walrusClientFor(devnet);
const rows: Array<{
  blobs: number;
  roundMs: number;
  proofBytesPerNode: number;
  sampled: number;
  passed: number;
  /** Round time relative to the first row's, measured in this run (absolute times depend on the machine's load). */
  vsFirst: number;
}> = [];
let stored = 0;
try {
  for (const count of counts) {
    // Writes in parallel, one per funded account (each has its own gas coins).
    while (stored < count) {
      const batch = devnet.signers.slice(0, Math.min(devnet.signers.length, count - stored));
      await Promise.all(
        batch.map((signer) =>
          client.writeBlob({ blob: randomBytes(1024), deletable: false, epochs: 3, signer }),
        ),
      );
      stored += batch.length;
    }
    await Promise.all(devnet.nodes.map((n) => n.node.idle()));
    const start = performance.now();
    const outcome = await devnet.challenge();
    const roundMs = performance.now() - start;
    const proof = outcome.nodes.map((n) => n.proofBytes);
    rows.push({
      blobs: count,
      roundMs: Math.round(roundMs),
      proofBytesPerNode: Math.round(proof.reduce((a, b) => a + b, 0) / proof.length),
      sampled: outcome.nodes[0]!.sampled,
      passed: outcome.nodes.filter((n) => n.passed).length,
      vsFirst: rows[0] ? Math.round((roundMs / rows[0].roundMs) * 100) / 100 : 1,
    });
    console.error(JSON.stringify(rows.at(-1)));
  }
} finally {
  await devnet.stop();
}
console.table(rows);
console.log(JSON.stringify({ bench: 'challenge-round', nodes: 4, shards: 12, blobBytes: 1024, rows }));

/**
 * One read of bench/read-memory.ts in a process of its own, so its peak RSS is the read's: `sdk` (the unmodified
 * `WalrusClient.readBlob`), `verified` (the CLI's whole-blob reader, `readBlob` in src/blob/read-blob.ts: what
 * quilts and `blob read --decrypt` use) or `stream` (the streamed reader, `openBlobRead`, written to a temporary file
 * as `walrus blob read -o FILE` does). Prints `{ path, bytes, baselineRssMiB, peakRssMiB }`.
 *
 *   node --import tsx bench/read-memory-child.ts <sdk|verified|stream> <descriptor.json> <blob-id>
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DevnetDescriptor } from '../devnet/index.js';
import { openBlobRead, readBlob } from '../src/blob/read-blob.js';
import { createWalrusSession } from '../src/clients/walrus-session.js';
import { connectToDevnet } from '../src/testing/connection.js';
import { writeFileSafely } from '../src/util/safe-write.js';

const [path, descriptorFile, blobId] = process.argv.slice(2) as [string, string, string];
const descriptor = JSON.parse(readFileSync(descriptorFile, 'utf8')) as DevnetDescriptor;
const devnet = connectToDevnet(descriptor);
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
const baseline = process.memoryUsage().rss;
let bytes: number;
if (path === 'sdk') {
  bytes = (await devnet.walrusClient.readBlob({ blobId })).length;
} else {
  const session = createWalrusSession(
    {
      network: {
        name: 'devnet',
        builtIn: true,
        local: true,
        rpcUrl: descriptor.rpcUrl,
        systemObjectId: descriptor.objects!.system,
        stakingObjectId: descriptor.objects!.staking,
      },
      suiClient: devnet.suiClient,
      walrusClient: devnet.walrusClient,
      descriptor,
      walrusObjects: descriptor.objects!,
    },
    devnet.signers[0]!,
  );
  if (path === 'stream') {
    const dir = mkdtempSync(join(tmpdir(), 'walrus-read-memory-out-'));
    try {
      await writeFileSafely(join(dir, 'blob.bin'), (await openBlobRead(session, blobId)).bytes());
      bytes = statSync(join(dir, 'blob.bin')).size;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    bytes = (await readBlob(session, blobId)).bytes.length;
  }
}
// maxRSS is in KiB.
console.log(
  JSON.stringify({
    path,
    bytes,
    baselineRssMiB: mib(baseline),
    peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
  }),
);
process.exit(0);

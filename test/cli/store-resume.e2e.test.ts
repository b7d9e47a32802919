/**
 * Ctrl-C during `walrus blob store`, through the built binary against a detached devnet, checked with the official
 * clients: interrupted after the register step, the store exits 130 saying what it paid and for which Blob object,
 * and the command it prints, pasted into a shell, reuses that object (no new WAL) and certifies it. The same when
 * the nodes refuse the upload after the register step (exit 2).
 *
 * Deterministic: node 1 answers nothing for 10 minutes (its `slow` fault), so the upload cannot finish before the
 * SIGINT, which is sent once the `registered` step line is on stderr.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { WalrusClient } from '@mysten/walrus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/config/defaults.js';
import { detachedProject, QUIET_DEVNET, RUN, removeDevnetProject, runWalrus } from './devnet-project.js';

interface Descriptor {
  rpcUrl: string;
  adminUrl: string;
  accounts: Array<{ address: string }>;
  packages: { wal: string };
  objects: { system: string; staking: string };
}

let project: string;
let descriptor: Descriptor;
let sui: SuiGrpcClient;
let walrusClient: WalrusClient;
const walrus = (args: string[]) => runWalrus(project, args);

beforeAll(() => {
  const started = detachedProject('walrus-resume-e2e-', { ...QUIET_DEVNET, nodes: 4, shards: 8 });
  project = started.project;
  descriptor = started.up.json() as unknown as Descriptor;
  sui = new SuiGrpcClient({ network: 'localnet', baseUrl: descriptor.rpcUrl });
  walrusClient = new WalrusClient({
    suiClient: sui,
    packageConfig: { systemObjectId: descriptor.objects.system, stakingPoolId: descriptor.objects.staking },
    storageNodeUrlScheme: 'http',
  });
}, 120_000);

afterAll(() => removeDevnetProject(project));

async function walBalance(): Promise<bigint> {
  const { balance } = await sui.core.getBalance({
    owner: descriptor.accounts[0]!.address,
    coinType: `${descriptor.packages.wal}::wal::WAL`,
  });
  return BigInt(balance.balance);
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command without blocking this process (a blocked event loop would leave the clients' kept-alive sockets
 * stale); with `interruptWhen`, sends SIGINT once a stderr line matches it.
 */
function run(command: string, args: string[], interruptWhen?: RegExp): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: project,
      env: { ...process.env, NO_COLOR: '1', WALRUS_HOME: '' },
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      if (interruptWhen && !sent && stderr.split('\n').some((line) => interruptWhen.test(line))) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('Ctrl-C during blob store', () => {
  it('after register: exits 130 naming what was paid; the printed command reuses the Blob and pays no WAL', async () => {
    const file = join(project, 'asset.bin');
    const bytes = randomBytes(200_000);
    writeFileSync(file, bytes);
    const dry = walrus(['blob', 'store', file, '--epochs', '2', '--dry-run', '--json']);
    const cost = BigInt((dry.json().blobs as Array<{ cost: { total: string } }>)[0]!.cost.total);

    const slow = await fetch(`${descriptor.adminUrl}/node/slow`, {
      method: 'POST',
      body: JSON.stringify({ node: 1, ms: 600_000 }),
    });
    expect(slow.status).toBe(200);
    const before = await walBalance();
    const interrupted = await run(
      process.execPath,
      [RUN, 'blob', 'store', file, '--epochs', '2', '--json'],
      /: registered$/,
    );
    expect(interrupted.code, interrupted.stderr).toBe(130);
    const { error } = JSON.parse(interrupted.stdout) as {
      error: {
        code: string;
        message: string;
        hint: string;
        details: { registered: { objectId: string; blobId: string; paid: string }; resume: string };
      };
    };
    expect(error.code).toBe('INTERRUPTED');
    const { objectId, blobId, paid } = error.details.registered;
    expect(BigInt(paid)).toBe(cost);
    expect(before - (await walBalance())).toBe(cost);
    expect(error.message).toContain(`Blob ${objectId}`);
    expect(error.message).toContain(`(${cost} FROST)`);
    expect(error.hint).toBe(`To finish, run: walrus blob store ${file} --epochs 2`);
    expect((await walrusClient.getBlobObject(objectId)).certified_epoch).toBeNull();

    expect((await run(process.execPath, [RUN, 'node', 'heal', '1'])).code).toBe(0);
    const afterInterrupt = await walBalance();
    // The hint, pasted into a shell (`walrus` being this build).
    const pasted = error.details.resume.replace(/^walrus /, `"${process.execPath}" "${RUN}" `);
    const resumed = await run('sh', ['-c', `${pasted} --json`]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const [stored] = JSON.parse(resumed.stdout).blobs as Array<{
      objectId: string;
      blobId: string;
      spent: string;
      reused: boolean;
    }>;
    expect(stored).toMatchObject({ objectId, blobId, spent: '0', reused: true });
    expect(await walBalance()).toBe(afterInterrupt);

    walrusClient.reset();
    expect((await walrusClient.getBlobObject(objectId)).certified_epoch).not.toBeNull();
    expect(await walrusClient.readBlob({ blobId })).toEqual(new Uint8Array(bytes));
  }, 120_000);

  it('an upload the nodes refuse after register: exit 2 naming the paid Blob; the hinted command reuses it', async () => {
    const file = join(project, 'refused.bin');
    writeFileSync(file, randomBytes(20_000));
    for (const node of [1, 2]) {
      const refuse = await fetch(`${descriptor.adminUrl}/node/refuse-writes`, {
        method: 'POST',
        body: JSON.stringify({ node }),
      });
      expect(refuse.status).toBe(200);
    }
    const before = await walBalance();
    const failed = await run(process.execPath, [RUN, 'blob', 'store', file, '--json']);
    expect(failed.code, failed.stderr).toBe(2);
    const { error } = JSON.parse(failed.stdout) as { error: { code: string; message: string; hint: string } };
    expect(error.code).toBe('NETWORK_ERROR');
    const objectId = /registered as Blob (0x[0-9a-f]+) \(paid /.exec(error.message)?.[1];
    expect(objectId, error.message).toBeDefined();
    // Stored without --epochs: the hint repeats the default it paid for.
    const command = `walrus blob store ${file} --epochs ${DEFAULTS.blob.epochs}`;
    expect(error.hint).toContain(`run: ${command} (it reuses that Blob and pays no more WAL)`);
    const afterFailure = await walBalance();
    expect(afterFailure).toBeLessThan(before);

    for (const node of ['1', '2'])
      expect((await run(process.execPath, [RUN, 'node', 'heal', node])).code).toBe(0);
    const pasted = command.replace(/^walrus /, `"${process.execPath}" "${RUN}" `);
    const resumed = await run('sh', ['-c', `${pasted} --json`]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).blobs[0]).toMatchObject({ objectId, spent: '0', reused: true });
    expect(await walBalance()).toBe(afterFailure);
  }, 120_000);
});

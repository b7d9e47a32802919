/**
 * `dev up --detach`'s parent side (src/dev/detached-devnet.ts) against stand-in children: it learns readiness and
 * failure from the child's IPC message (never by polling or a timeout), and sends the child its start request.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DetachedStartRequest, startDetached } from '../../src/dev/detached-devnet.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
/** Far longer than any of these children take: reaching it fails the test with a timeout error. */
const NEVER_MS = 120_000;

let dir: string;
let logFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'walrus-detached-'));
  logFile = join(dir, 'devnet.log');
  writeFileSync(logFile, 'Error: a stale line from an earlier run\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const request = {
  config: { devnet: { accounts: { balanceMist: 10n ** 18n } } },
  fresh: true,
  rpcPort: 0,
} as unknown as DetachedStartRequest;

describe('startDetached', () => {
  it("resolves with the child's descriptor when it says it is ready; the request reached it intact", async () => {
    const descriptor = (await startDetached({
      request,
      logFile,
      timeoutMs: NEVER_MS,
      entry: fixture('ready-child.mjs'),
    })) as unknown as { pid: number; request: typeof request };
    try {
      expect(descriptor.request).toEqual(request);
      // A bigint survives the channel (balances are MIST).
      expect(
        (descriptor.request.config as unknown as { devnet: { accounts: { balanceMist: bigint } } }).devnet
          .accounts.balanceMist,
      ).toBe(10n ** 18n);
    } finally {
      process.kill(descriptor.pid, 'SIGTERM');
    }
  });

  it("reports the child's own error (code, message, hint and the log) when its start fails", async () => {
    const failed = startDetached({
      request,
      logFile,
      timeoutMs: NEVER_MS,
      entry: fixture('failing-child.mjs'),
    });
    await expect(failed).rejects.toMatchObject({
      code: 'PORT_IN_USE',
      message: 'Port 9000 (RPC) is already in use',
      hint: `Stop the other process. Log: ${logFile}`,
      exitCode: 1,
    });
  });

  it("reports this run's log lines, not an earlier run's, when the child dies without a word", async () => {
    const crashed = startDetached({
      request,
      logFile,
      timeoutMs: NEVER_MS,
      entry: fixture('crashing-child.mjs'),
    });
    const error = await crashed.then(
      () => undefined,
      (e: unknown) => e as Error & { code: string },
    );
    expect(error?.code).toBe('DEVNET_START_FAILED');
    expect(error?.message).toContain('exited before it was ready');
    expect(error?.message).toContain('Segmentation fault (simulated)');
    expect(error?.message).not.toContain('stale line');
  });
});

/**
 * Walrus matchers for vitest's `expect`, checked against the devnet of the running `useDevnet()`:
 *   await expect(blobId).toBeCertified();
 *   await expect(blobId).toBeReadable();
 *   await expect(promise).toAbortWith('EInvalidEpochsAhead');
 */
import { expect } from 'vitest';
import { abortOf, unknownAbortName } from './abort-name.js';
import { currentDevnet } from './current.js';

interface WalrusMatchers {
  /** The storage nodes report the blob id as certified (a verified status with a certification epoch). */
  toBeCertified(): Promise<void>;
  /** The blob reads back from the storage nodes (decoded and checked against its id by the SDK). */
  toBeReadable(): Promise<void>;
  /** The promise rejects with a Move abort whose constant is `name` (e.g. `EInvalidEpochsAhead`). */
  toAbortWith(name: string): Promise<void>;
}

declare module 'vitest' {
  interface Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown>
    extends WalrusMatchers {}
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

expect.extend({
  async toBeCertified(blobId: unknown) {
    const { walrusClient } = currentDevnet();
    walrusClient.reset();
    const status = await walrusClient
      .getVerifiedBlobStatus({ blobId: String(blobId) })
      .catch((error: unknown) => ({ type: 'error', error: message(error) }) as const);
    const certified =
      (status.type === 'permanent' || status.type === 'deletable') && status.initialCertifiedEpoch !== null;
    return {
      pass: certified,
      message: () =>
        certified
          ? `expected blob ${String(blobId)} not to be certified`
          : `expected blob ${String(blobId)} to be certified; the nodes report ${JSON.stringify(status)}`,
    };
  },
  async toBeReadable(blobId: unknown) {
    const { walrusClient } = currentDevnet();
    const outcome = await walrusClient.readBlob({ blobId: String(blobId) }).then(
      (bytes) => ({ ok: true, detail: `${bytes.length} bytes` }),
      (error: unknown) => ({ ok: false, detail: message(error) }),
    );
    return {
      pass: outcome.ok,
      message: () =>
        outcome.ok
          ? `expected blob ${String(blobId)} not to be readable, but it read back (${outcome.detail})`
          : `expected blob ${String(blobId)} to be readable: ${outcome.detail}`,
    };
  },
  async toAbortWith(received: unknown, name: string) {
    const outcome = await Promise.resolve(received).then(
      () => ({ rejected: false, text: 'it resolved' }),
      (error: unknown) => ({ rejected: true, text: message(error) }),
    );
    const abort = outcome.rejected ? abortOf(outcome.text) : undefined;
    const pass = abort?.name === name;
    const got = abort
      ? `${abort.module} aborted with ${abort.name ?? 'an unnamed code'} (code ${abort.code})`
      : outcome.rejected
        ? `it failed without a Move abort: ${outcome.text}`
        : outcome.text;
    const unknown = pass ? undefined : unknownAbortName(name);
    return {
      pass,
      message: () =>
        pass
          ? `expected no abort with ${name}`
          : `expected an abort with ${name}, but ${got}${unknown ? `; ${unknown}` : ''}`,
    };
  },
});

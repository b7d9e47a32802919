// The confirmation signer: signatures made on the worker pool (and ahead of the request) are the node's own
// min_pk signatures the wasm verifies; a prepared confirmation is signed once; a failing worker falls back.
import { bls12381_min_pk_verify } from '@mysten/walrus-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { BlsKeyPair } from '../../devnet/storage-node/bls-keys.js';
import { ConfirmationSigner, storageConfirmationMessage } from '../../devnet/storage-node/confirmations.js';
import { sharedExpansionPool } from '../../devnet/storage-node/expansion-pool.js';

const blobId = new Uint8Array(32).fill(7);
const objectId = new Uint8Array(32).fill(9);

afterAll(() => sharedExpansionPool().close());

/** A key whose off-thread signing is counted (and can be made to fail). */
function countingKey(fail = false): { key: BlsKeyPair; calls: () => number } {
  const key = BlsKeyPair.generate();
  let calls = 0;
  const offThread = key.signOffThread.bind(key);
  key.signOffThread = (message: Uint8Array) => {
    calls++;
    return fail ? Promise.reject(new Error('worker gone')) : offThread(message);
  };
  return { key, calls: () => calls };
}

describe('ConfirmationSigner', () => {
  it('signs on the worker pool what the wasm verifies, the same bytes as signing here', async () => {
    const key = BlsKeyPair.generate();
    const message = storageConfirmationMessage(3, blobId, { kind: 'permanent' });
    const offThread = await key.signOffThread(message);
    expect(offThread).toEqual(key.sign(message));
    expect(bls12381_min_pk_verify(offThread, key.publicKey, message)).toBe(true);
  });

  it('hands out the prepared signature: one signing per confirmation', async () => {
    const { key, calls } = countingKey();
    const signer = new ConfirmationSigner(key);
    const persistence = { kind: 'deletable' as const, objectId };
    signer.prepare(4, blobId, persistence);
    expect(calls()).toBe(1);
    const first = await signer.sign(4, blobId, persistence);
    const again = await signer.sign(4, blobId, persistence);
    expect(calls()).toBe(1);
    expect(again).toEqual(first);
    const message = storageConfirmationMessage(4, blobId, persistence);
    expect(Buffer.from(first.serializedMessage, 'base64')).toEqual(Buffer.from(message));
    expect(bls12381_min_pk_verify(Buffer.from(first.signature, 'base64'), key.publicKey, message)).toBe(true);
    // Another epoch is another message: signed anew.
    await signer.sign(5, blobId, persistence);
    expect(calls()).toBe(2);
  });

  it('signs on the calling thread when the worker fails', async () => {
    const { key } = countingKey(true);
    const signer = new ConfirmationSigner(key);
    const signed = await signer.sign(1, blobId, { kind: 'permanent' });
    const message = storageConfirmationMessage(1, blobId, { kind: 'permanent' });
    expect(bls12381_min_pk_verify(Buffer.from(signed.signature, 'base64'), key.publicKey, message)).toBe(
      true,
    );
  });

  it('keeps at most `kept` prepared signatures', async () => {
    const { key, calls } = countingKey();
    const signer = new ConfirmationSigner(key, 2);
    for (const epoch of [1, 2, 3]) signer.prepare(epoch, blobId, { kind: 'permanent' });
    await signer.sign(1, blobId, { kind: 'permanent' }); // dropped: signed again
    await signer.sign(3, blobId, { kind: 'permanent' }); // kept
    expect(calls()).toBe(4);
  });
});

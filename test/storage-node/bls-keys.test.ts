/**
 * A node's BLS key computes its public key on first use (devnet/storage-node/bls-keys.ts): the keys must be those
 * noble's `keygen` gives for the same seed, or a resumed state's registered nodes would no longer match.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { describe, expect, it } from 'vitest';
import { nodeIdentity } from '../../devnet/node-identity.js';
import { BlsKeyPair, proofOfPossessionMessage, verifyBls } from '../../devnet/storage-node/bls-keys.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('BlsKeyPair', () => {
  it("derives from a seed the key noble's keygen gives, public keys in both encodings", () => {
    const seed = new Uint8Array(48).map((_, i) => i * 7);
    const ours = BlsKeyPair.generate(seed);
    const noble = bls12_381.longSignatures.keygen(seed);
    expect(hex(ours.exportSecretKey())).toBe(hex(noble.secretKey));
    expect(hex(ours.publicKey)).toBe(hex(noble.publicKey.toBytes(true)));
    expect(hex(ours.publicKeyUncompressed)).toBe(hex(noble.publicKey.toBytes(false)));
  });

  it('signs what its public key verifies, rebuilt from the exported secret too', () => {
    const { bls } = nodeIdentity(3);
    const rebuilt = BlsKeyPair.fromSecretKey(bls.exportSecretKey());
    expect(hex(rebuilt.publicKey)).toBe(hex(bls.publicKey));
    const message = proofOfPossessionMessage(1, `0x${'ab'.repeat(32)}`, bls.publicKey);
    expect(verifyBls(rebuilt.sign(message), message, bls.publicKeyUncompressed)).toBe(true);
    expect(verifyBls(rebuilt.sign(message), message, nodeIdentity(4).bls.publicKey)).toBe(false);
  });
});

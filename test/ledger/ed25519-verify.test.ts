/**
 * The ledger's native Ed25519 check (devnet/ledger/core/ed25519-verify.ts) agrees with the SDK's
 * `isValidTransactionSignature` on valid signatures, tampered bytes, the wrong signer and other schemes.
 */
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Secp256k1Keypair } from '@mysten/sui/keypairs/secp256k1';
import { isValidTransactionSignature } from '@mysten/sui/verify';
import { describe, expect, it } from 'vitest';
import { verifyEd25519TransactionSignature } from '../../devnet/ledger/core/ed25519-verify.js';

const txBytes = new Uint8Array(200).map((_, i) => (i * 31) % 256);

describe('verifyEd25519TransactionSignature', () => {
  it('accepts what the SDK accepts and refuses what it refuses', async () => {
    const signer = Ed25519Keypair.generate();
    const other = Ed25519Keypair.generate();
    const { signature } = await signer.signTransaction(txBytes);
    const tampered = Uint8Array.from(txBytes);
    tampered[7]! ^= 1;
    const cases: Array<[Uint8Array, string]> = [
      [txBytes, signer.toSuiAddress()],
      [tampered, signer.toSuiAddress()],
      [txBytes, other.toSuiAddress()],
    ];
    for (const [bytes, address] of cases) {
      const sdk = await isValidTransactionSignature(bytes, signature, { address });
      expect(verifyEd25519TransactionSignature(bytes, signature, address)).toBe(sdk);
    }
    expect(verifyEd25519TransactionSignature(txBytes, signature, signer.toSuiAddress())).toBe(true);
  });

  it('refuses a corrupted signature and leaves other schemes to the SDK', async () => {
    const signer = Ed25519Keypair.generate();
    const bytes = Buffer.from((await signer.signTransaction(txBytes)).signature, 'base64');
    bytes[10]! ^= 0x40;
    expect(verifyEd25519TransactionSignature(txBytes, bytes.toString('base64'), signer.toSuiAddress())).toBe(
      false,
    );
    const secp = Secp256k1Keypair.generate();
    const { signature } = await secp.signTransaction(txBytes);
    expect(verifyEd25519TransactionSignature(txBytes, signature, secp.toSuiAddress())).toBeUndefined();
  });
});

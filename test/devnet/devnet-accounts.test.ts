/**
 * The devnet's keys are derived with node:crypto (devnet/devnet-accounts.ts) for speed; they must be exactly the
 * keys the SDK derives from the same mnemonic and path, or every published devnet address would change.
 */
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { describe, expect, it } from 'vitest';
import {
  accountKeypair,
  DEVNET_MNEMONIC,
  deriveDevnetAccounts,
  devnetKeypair,
} from '../../devnet/devnet-accounts.js';

describe('devnetKeypair', () => {
  it.each([
    "m/44'/784'/0'/0'/0'",
    "m/44'/784'/7'/0'/0'",
    "m/44'/784'/1001'/0'/0'",
    "m/44'/784'/2010'/0'/0'",
    "m/44'/784'/4294967'/3'/12'",
  ])('derives the SDK key at %s', async (path) => {
    const ours = devnetKeypair(path);
    const sdk = Ed25519Keypair.deriveKeypair(DEVNET_MNEMONIC, path);
    expect(ours.getSecretKey()).toBe(sdk.getSecretKey());
    expect(ours.toSuiAddress()).toBe(sdk.toSuiAddress());
    expect(ours.getPublicKey().toBase64()).toBe(sdk.getPublicKey().toBase64());
    const message = new TextEncoder().encode('signed by a devnet key');
    expect((await ours.signPersonalMessage(message)).signature).toBe(
      (await sdk.signPersonalMessage(message)).signature,
    );
  });

  it('refuses a path with an unhardened segment, as the SDK does', () => {
    expect(() => devnetKeypair("m/44'/784'/0'/0/0'")).toThrow(/hardened/);
    expect(() => Ed25519Keypair.deriveKeypair(DEVNET_MNEMONIC, "m/44'/784'/0'/0/0'")).toThrow();
  });

  it("gives the accounts anvil-style users know: the first one's address", () => {
    const [first] = deriveDevnetAccounts(1, 1n);
    expect(first!.address).toBe(Ed25519Keypair.deriveKeypair(DEVNET_MNEMONIC).toSuiAddress());
  });
});

describe('accountKeypair', () => {
  it("rebuilds the SDK's signer from an account's exported key", async () => {
    for (const account of deriveDevnetAccounts(3, 1n)) {
      const ours = accountKeypair(account);
      const sdk = Ed25519Keypair.fromSecretKey(account.secretKey);
      expect(ours.toSuiAddress()).toBe(account.address);
      expect(ours.getSecretKey()).toBe(sdk.getSecretKey());
      const message = new TextEncoder().encode('a transfer');
      expect((await ours.signPersonalMessage(message)).signature).toBe(
        (await sdk.signPersonalMessage(message)).signature,
      );
    }
  });
});

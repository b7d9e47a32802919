import { mnemonicToSeedHex } from '@mysten/sui/cryptography';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';

/**
 * The mnemonic behind the devnet's funded accounts. Public on purpose, like anvil's: the same keys on
 * every machine and every run, never to be used for real funds.
 */
export const DEVNET_MNEMONIC = 'test test test test test test test test test test test junk';

let seedHex: string | undefined;

/**
 * The Ed25519 key at `path` (e.g. `m/44'/784'/0'/0'/0'`) under {@link DEVNET_MNEMONIC}. The mnemonic's seed (2048
 * rounds of PBKDF2-HMAC-SHA512, about 25 ms of CPU) is computed once per process, not once per key.
 */
export function devnetKeypair(path: string): Ed25519Keypair {
  seedHex ??= mnemonicToSeedHex(DEVNET_MNEMONIC);
  return Ed25519Keypair.deriveKeypairFromSeed(seedHex, path);
}

/** One deterministic, funded devnet account. */
export interface DevnetAccount {
  index: number;
  address: string;
  /** Bech32 `suiprivkey…` export form, importable with `sui keytool import`. */
  secretKey: string;
  /** Genesis balance in MIST. */
  balance: bigint;
}

/**
 * The first `count` accounts derived from {@link DEVNET_MNEMONIC} on Sui's Ed25519 path
 * `m/44'/784'/i'/0'/0'`.
 * @example deriveDevnetAccounts(2, 1_000_000_000_000n)[0].address
 */
export function deriveDevnetAccounts(count: number, balance: bigint): DevnetAccount[] {
  return Array.from({ length: count }, (_, index) => {
    const keypair = devnetKeypair(`m/44'/784'/${index}'/0'/0'`);
    return { index, address: keypair.toSuiAddress(), secretKey: keypair.getSecretKey(), balance };
  });
}

/** The signer of a devnet account. */
export function accountKeypair(account: Pick<DevnetAccount, 'secretKey'>): Ed25519Keypair {
  return Ed25519Keypair.fromSecretKey(account.secretKey);
}

import { createHmac, createPrivateKey, createPublicKey, pbkdf2Sync } from 'node:crypto';
import { decodeSuiPrivateKey } from '@mysten/sui/cryptography';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';

/**
 * The mnemonic behind the devnet's funded accounts. Public on purpose, like anvil's: the same keys on
 * every machine and every run, never to be used for real funds.
 */
export const DEVNET_MNEMONIC = 'test test test test test test test test test test test junk';

let seed: Buffer | undefined;

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const HARDENED = 0x8000_0000;

/**
 * The SLIP-10 Ed25519 key at a hardened `path` under BIP-39 `seed`: what `Ed25519Keypair.deriveKeypairFromSeed`
 * computes, with node:crypto's native HMAC-SHA512 instead of @noble/hashes in JavaScript.
 */
function slip10Ed25519(seedBytes: Buffer, path: string): Buffer {
  if (!/^m(\/[0-9]+')+$/.test(path)) throw new Error(`Not a hardened derivation path: ${path}`);
  let node = createHmac('sha512', 'ed25519 seed').update(seedBytes).digest();
  for (const segment of path.split('/').slice(1)) {
    const data = Buffer.alloc(37);
    node.copy(data, 1, 0, 32);
    data.writeUInt32BE((Number.parseInt(segment, 10) + HARDENED) >>> 0, 33);
    node = createHmac('sha512', node.subarray(32)).update(data).digest();
  }
  return node.subarray(0, 32);
}

/** The Ed25519 public key of a 32-byte secret seed, computed natively. */
function ed25519PublicKey(secret: Buffer): Uint8Array {
  const key = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, secret]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - 32));
}

/**
 * The Ed25519 key at `path` (e.g. `m/44'/784'/0'/0'/0'`) under {@link DEVNET_MNEMONIC}: the key the SDK's
 * `Ed25519Keypair.deriveMnemonic` gives, derived with node:crypto. The SDK's JavaScript PBKDF2, HMAC and curve
 * arithmetic cost a boot of 11 nodes about 0.5 s of CPU (seed ~250 ms, ~13 ms per key); natively it is ~1 ms.
 * The mnemonic's seed (2048 rounds of PBKDF2-HMAC-SHA512) is computed once per process, not once per key.
 */
export function devnetKeypair(path: string): Ed25519Keypair {
  // BIP-39: the salt is "mnemonic" + passphrase (empty), both NFKD-normalised.
  seed ??= pbkdf2Sync(DEVNET_MNEMONIC.normalize('NFKD'), 'mnemonic', 2048, 64, 'sha512');
  const secretKey = slip10Ed25519(seed, path);
  return new Ed25519Keypair({ publicKey: ed25519PublicKey(secretKey), secretKey: new Uint8Array(secretKey) });
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
  // `Ed25519Keypair.fromSecretKey` also signs and verifies a test message in JavaScript (~12 ms per account).
  const decoded = decodeSuiPrivateKey(account.secretKey);
  if (decoded.scheme !== 'ED25519') throw new Error(`Expected an ED25519 key, got ${decoded.scheme}`);
  const secretKey = Buffer.from(decoded.secretKey);
  return new Ed25519Keypair({ publicKey: ed25519PublicKey(secretKey), secretKey: decoded.secretKey });
}

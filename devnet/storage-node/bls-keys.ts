/**
 * A storage node's BLS12-381 key in Walrus's min_pk scheme (public keys in G1, 96-byte signatures
 * in G2, DST `BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_`), via `@noble/curves`'
 * `bls12_381.longSignatures`, which interoperates with `@mysten/walrus-wasm` and Sui's
 * `bls12381_min_pk_verify`.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { hashToG2, signWithSecretKey } from './bls-sign.js';
import { parseObjectId } from './encoding.js';
import { sharedExpansionPool } from './expansion-pool.js';
import { IntentType, protocolMessageHeader } from './protocol-message.js';

const bls = bls12_381.longSignatures;

/** A node's BLS key pair. */
export class BlsKeyPair {
  #point: ReturnType<typeof bls.getPublicKey> | undefined;

  private constructor(private readonly secretKey: Uint8Array) {}

  /**
   * The public point, computed on first use: a G1 multiplication costs 5-20 ms of CPU in @noble/curves, and a
   * resumed devnet's nodes only sign (their keys are registered already), so a warm boot never pays for it.
   */
  #publicPoint(): ReturnType<typeof bls.getPublicKey> {
    this.#point ??= bls.getPublicKey(this.secretKey);
    return this.#point;
  }

  /** The compressed G1 public key (48 bytes), what `register_candidate` takes. */
  get publicKey(): Uint8Array {
    return this.#publicPoint().toBytes(true);
  }

  /** The uncompressed G1 public key (96 bytes), what `StorageNodeInfo.public_key` holds on chain. */
  get publicKeyUncompressed(): Uint8Array {
    return this.#publicPoint().toBytes(false);
  }

  /** A fresh random key; pass 32+ bytes of `seed` for a deterministic one. */
  static generate(seed?: Uint8Array): BlsKeyPair {
    // The secret scalar alone: `keygen` would also compute the public key, which a resumed node never needs.
    return new BlsKeyPair(bls12_381.utils.randomSecretKey(seed));
  }

  /** The key with the given 32-byte secret scalar. */
  static fromSecretKey(secretKey: Uint8Array): BlsKeyPair {
    if (secretKey.length !== 32) throw new Error(`A BLS secret key is 32 bytes (got ${secretKey.length})`);
    return new BlsKeyPair(Uint8Array.from(secretKey));
  }

  /**
   * Loads the key kept at `path` (hex of the secret scalar), creating it (mode 0600) if missing.
   * @example const key = await BlsKeyPair.loadOrCreate('/state/node-0/bls.key');
   */
  static async loadOrCreate(path: string): Promise<BlsKeyPair> {
    try {
      const text = (await readFile(path, 'utf8')).trim();
      if (!/^[0-9a-f]{64}$/.test(text))
        throw new Error(`${path} does not hold a BLS secret key (64 hex digits)`);
      return BlsKeyPair.fromSecretKey(Uint8Array.from(Buffer.from(text, 'hex')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const key = BlsKeyPair.generate();
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${Buffer.from(key.secretKey).toString('hex')}\n`, { mode: 0o600 });
    await chmod(path, 0o600);
    return key;
  }

  /** The secret scalar (32 bytes); keep it private. */
  exportSecretKey(): Uint8Array {
    return Uint8Array.from(this.secretKey);
  }

  /** Signs raw message bytes (hashed to G2 with the min_pk DST); returns the 96-byte signature. */
  sign(message: Uint8Array): Uint8Array {
    return signWithSecretKey(this.secretKey, message);
  }

  /** {@link sign} on the shared worker pool, leaving this thread free (the same signature). */
  signOffThread(message: Uint8Array): Promise<Uint8Array> {
    return sharedExpansionPool().sign(this.secretKey, message);
  }

  /**
   * The proof of possession `register_candidate` checks: a signature of
   * `header(type 0, epoch) || sui_address (32 bytes) || public_key (48 bytes)`.
   */
  proofOfPossession(epoch: number, suiAddress: string): Uint8Array {
    return this.sign(proofOfPossessionMessage(epoch, suiAddress, this.publicKey));
  }
}

/** The message a proof of possession signs. */
export function proofOfPossessionMessage(
  epoch: number,
  suiAddress: string,
  publicKey: Uint8Array,
): Uint8Array {
  const address = parseObjectId(suiAddress);
  if (!address) throw new Error(`Not a Sui address: ${suiAddress}`);
  const message = new Uint8Array(7 + 32 + publicKey.length);
  message.set(protocolMessageHeader(IntentType.ProofOfPossession, epoch), 0);
  message.set(address, 7);
  message.set(publicKey, 39);
  return message;
}

/** Verifies a min_pk signature; the public key may be compressed (48) or uncompressed (96 bytes). */
export function verifyBls(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return bls.verify(signature, hashToG2(message), publicKey);
  } catch {
    return false;
  }
}

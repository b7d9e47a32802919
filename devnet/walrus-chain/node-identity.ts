import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { blake2b } from '@noble/hashes/blake2.js';
import { DEVNET_MNEMONIC } from '../ledger/genesis/accounts.js';
import { BlsKeyPair } from '../storage-node/bls-keys.js';

/** Derivation index of the first node operator, far from user accounts and the faucet. */
const OPERATOR_INDEX_BASE = 2000;

/**
 * The deterministic identity of devnet node `index`: its operator account (signs registration, staking and
 * epoch-sync transactions; holds the StorageNodeCap) and its BLS key (signs storage confirmations).
 * Public on purpose, like the devnet accounts.
 */
export function nodeIdentity(index: number): { name: string; operator: Ed25519Keypair; bls: BlsKeyPair } {
  const operator = Ed25519Keypair.deriveKeypair(
    DEVNET_MNEMONIC,
    `m/44'/784'/${OPERATOR_INDEX_BASE + index}'/0'/0'`,
  );
  const seed = blake2b(new TextEncoder().encode(`walrus-devkit storage node ${index}`), { dkLen: 48 }); // noble's BLS keygen wants at least 48 bytes of seed
  return { name: `node-${index}`, operator, bls: BlsKeyPair.generate(seed) };
}

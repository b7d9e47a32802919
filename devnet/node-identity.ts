import type { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { blake2b } from '@noble/hashes/blake2.js';
import { devnetKeypair } from './devnet-accounts.js';
import { BlsKeyPair } from './storage-node/bls-keys.js';

/** Derivation index of the first node operator, far from user accounts and the faucet. */
const OPERATOR_INDEX_BASE = 2000;

type NodeIdentity = { name: string; operator: Ed25519Keypair; bls: BlsKeyPair };

/** Derived once per process: a boot asks for each node's identity several times. */
const identities = new Map<number, NodeIdentity>();

/**
 * The deterministic identity of devnet node `index`: its operator account (signs registration, staking and
 * epoch-sync transactions; holds the StorageNodeCap) and its BLS key (signs storage confirmations).
 * Public on purpose, like the devnet accounts.
 */
export function nodeIdentity(index: number): NodeIdentity {
  let identity = identities.get(index);
  if (!identity) {
    const operator = devnetKeypair(`m/44'/784'/${OPERATOR_INDEX_BASE + index}'/0'/0'`);
    const seed = blake2b(new TextEncoder().encode(`walrus-devkit storage node ${index}`), { dkLen: 48 }); // noble's BLS keygen wants at least 48 bytes of seed
    identity = { name: `node-${index}`, operator, bls: BlsKeyPair.generate(seed) };
    identities.set(index, identity);
  }
  return identity;
}

/**
 * Walrus's Merkle tree over Blake2b-256: leaves are hashed with a `0x00` prefix, inner nodes over
 * `0x01 || left || right`; a level with an odd number of nodes is padded with an empty node (32 zero
 * bytes). Sliver hashes, the blob's root hash and recovery-symbol proofs all use it.
 */
import { blake2b } from '@noble/hashes/blake2.js';

const EMPTY_NODE = new Uint8Array(32);

/** Blake2b-256 over the concatenation of `parts`. */
export function blake2b256(...parts: Uint8Array[]): Uint8Array {
  const hash = blake2b.create({ dkLen: 32 });
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** The hash of one leaf. */
export function leafHash(data: Uint8Array): Uint8Array {
  return blake2b256(Uint8Array.of(0), data);
}

function innerHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return blake2b256(Uint8Array.of(1), left, right);
}

/** A built tree: every level from the leaf hashes up to the root. */
export class MerkleTree {
  private readonly levels: Uint8Array[][];

  private constructor(levels: Uint8Array[][]) {
    this.levels = levels;
  }

  /** Builds the tree over the given leaves' data. */
  static build(leaves: readonly Uint8Array[]): MerkleTree {
    return MerkleTree.fromLeafHashes(leaves.map(leafHash));
  }

  /** Builds the tree from already hashed leaves. */
  static fromLeafHashes(hashes: Uint8Array[]): MerkleTree {
    const levels: Uint8Array[][] = [hashes];
    let level = hashes;
    while (level.length > 1) {
      const next: Uint8Array[] = [];
      for (let i = 0; i < level.length; i += 2) next.push(innerHash(level[i]!, level[i + 1] ?? EMPTY_NODE));
      levels.push(next);
      level = next;
    }
    return new MerkleTree(levels);
  }

  /** The root (32 zero bytes for an empty tree). */
  get root(): Uint8Array {
    return this.levels.at(-1)?.[0] ?? EMPTY_NODE;
  }

  /** The sibling path of leaf `index`, bottom-up. */
  proof(index: number): Uint8Array[] {
    const path: Uint8Array[] = [];
    let i = index;
    for (let depth = 0; depth < this.levels.length - 1; depth++) {
      const level = this.levels[depth]!;
      path.push(level[i ^ 1] ?? EMPTY_NODE);
      i >>= 1;
    }
    return path;
  }
}

/** Recomputes the root from a leaf's data, its index and its sibling path. */
export function rootFromProof(leaf: Uint8Array, index: number, path: readonly Uint8Array[]): Uint8Array {
  let hash = leafHash(leaf);
  let i = index;
  for (const sibling of path) {
    hash = i % 2 === 0 ? innerHash(hash, sibling) : innerHash(sibling, hash);
    i = Math.floor(i / 2);
  }
  return hash;
}

/** Byte-wise equality. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

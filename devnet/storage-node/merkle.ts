// Walrus's Merkle tree lives in src/protocol/merkle.ts, shared by the storage nodes and the CLI's read path.
export * from '../../src/protocol/merkle.js';

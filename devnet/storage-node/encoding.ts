// RedStuff (RS2) parameters and index arithmetic live in src/protocol/encoding.ts, shared by the storage nodes
// and the CLI's read path.
export * from '../../src/protocol/encoding.js';

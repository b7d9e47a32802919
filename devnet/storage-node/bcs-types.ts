// The storage-node API's BCS types live in src/protocol/bcs-types.ts, shared by the storage nodes and the CLI's
// read path.
export * from '../../src/protocol/bcs-types.js';

/**
 * Pure conversions between the ledger core's records and the `sui.rpc.v2` protobuf messages the SDK's
 * `SuiGrpcClient` speaks, plus the BCS values and digests Sui derives from them.
 */

export * from './checkpoint-to-proto.js';
export * from './common.js';
export * from './effects-to-proto.js';
export * from './json-to-proto.js';
export * from './object-to-proto.js';
export * from './proto-to-transaction.js';
export * from './transaction-to-proto.js';

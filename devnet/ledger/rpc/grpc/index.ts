/** gRPC transport layer of the ledger: router, grpc-web HTTP server and wire format, in-process transport. */

export * from './grpc-web-server.js';
export * from './grpc-web-wire.js';
export * from './in-process-transport.js';
export * from './service-registry.js';

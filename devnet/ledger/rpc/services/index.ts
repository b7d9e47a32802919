import type { Ledger } from '../../core/ledger.js';
import type { RpcRouter } from '../grpc/index.js';
import { registerExecutionService } from './execution-service.js';
import { registerForkingService } from './forking-service.js';
import { registerMovePackageService } from './move-package-service.js';
import { registerReadServices } from './read-services.js';
import { registerSubscriptionService } from './subscription-service.js';

/** Protocol version the ledger reports; the SDK only displays it. */
const PROTOCOL_VERSION = 100n;

/** Registers every `sui.rpc.v2` service the ledger implements, plus the forking service. */
export function registerLedgerServices(router: RpcRouter, ledger: Ledger): void {
  registerReadServices(router, ledger, {
    epochDurationMs: ledger.epochDurationMs,
    protocolVersion: PROTOCOL_VERSION,
  });
  registerMovePackageService(router, ledger);
  registerExecutionService(router, ledger);
  registerForkingService(router, ledger);
  registerSubscriptionService(router, ledger);
}

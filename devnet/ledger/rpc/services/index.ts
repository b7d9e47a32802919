import type { Ledger } from '../../core/ledger.js';
import protocolConfig from '../../core/sui-protocol-config.json' with { type: 'json' };
import type { RpcRouter } from '../grpc/index.js';
import { registerExecutionService } from './execution-service.js';
import { registerForkingService } from './forking-service.js';
import { registerMovePackageService } from './move-package-service.js';
import { registerReadServices } from './read-services.js';
import { registerSubscriptionService } from './subscription-service.js';

/** Registers every `sui.rpc.v2` service the ledger implements, plus the forking service. */
export function registerLedgerServices(router: RpcRouter, ledger: Ledger): void {
  registerReadServices(router, ledger, {
    epochDurationMs: ledger.epochDurationMs,
    protocolConfig: {
      // A real Sui protocol version's flags and attributes (see the file's `source`).
      protocolVersion: BigInt(protocolConfig.protocolVersion),
      featureFlags: protocolConfig.featureFlags,
      attributes: protocolConfig.attributes,
    },
  });
  registerMovePackageService(router, ledger);
  registerExecutionService(router, ledger);
  registerForkingService(router, ledger);
  registerSubscriptionService(router, ledger);
}

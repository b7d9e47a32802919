/** A tiny router standing in for the ledger, shared by the gRPC transport tests. */

import { GrpcTypes } from '@mysten/sui/grpc';
import { toBase58 } from '@mysten/sui/utils';
import {
  createRpcRouter,
  type RpcCallContext,
  type RpcRouter,
  RpcStatusError,
  StatusCode,
  SuiServices,
} from '../../../devnet/ledger/rpc/grpc/service-registry.js';

/** A chain id as Sui prints it: base58 of a 32-byte digest. */
export const CHAIN_ID = toBase58(Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + 3) & 0xff));

export const UNICODE_ERROR = 'boom ✓ 100% done\nsecond line: ok';

export const EVENT_TYPE = '0x2::devnet::Ping';

export interface FixtureState {
  /** Requests GetPackage saw (after the handler mutated them). */
  packageRequests: GrpcTypes.GetPackageRequest[];
  /** The reason SubscribeCheckpoints streams were aborted with, one per ended stream. */
  subscriptionAborts: unknown[];
  /** The contexts handlers saw, by method name (last call wins). */
  contexts: Map<string, RpcCallContext>;
  /** The response GetServiceInfo returns each time (same object). */
  serviceInfo: { chainId: string; chain: string; epoch: bigint; checkpointHeight: bigint };
}

export function createFixtureRouter(): { router: RpcRouter; state: FixtureState } {
  const router = createRpcRouter();
  const state: FixtureState = {
    packageRequests: [],
    subscriptionAborts: [],
    contexts: new Map(),
    serviceInfo: { chainId: CHAIN_ID, chain: 'localnet', epoch: 0n, checkpointHeight: 3n },
  };
  const { LedgerService, MovePackageService, SubscriptionService } = SuiServices;

  router
    .unary(LedgerService, 'GetServiceInfo', async (_request, ctx) => {
      state.contexts.set('GetServiceInfo', ctx);
      ctx.setHeader('x-sui-chain-id', CHAIN_ID);
      return state.serviceInfo;
    })
    .unary(LedgerService, 'GetObject', async (request) => {
      throw RpcStatusError.notFound(`object ${request.objectId} not found`);
    })
    .unary(LedgerService, 'BatchGetObjects', async (request) => {
      throw new RpcStatusError(StatusCode.NOT_FOUND, `none of ${request.requests.length} objects exist`);
    })
    .unary(LedgerService, 'GetTransaction', async (request) => {
      throw RpcStatusError.notFound(`transaction ${request.digest} not found`);
    })
    .unary(LedgerService, 'GetCheckpoint', () => {
      // not an RpcStatusError: becomes INTERNAL with this message
      throw new Error(UNICODE_ERROR);
    })
    .unary(MovePackageService, 'GetPackage', async (request, ctx) => {
      state.contexts.set('GetPackage', ctx);
      // Mutating the request must not reach the caller's object.
      request.packageId = `${request.packageId}-mutated`;
      state.packageRequests.push(request);
      return { package: { storageId: request.packageId, modules: [{ name: 'devnet' }] } };
    })
    .serverStreaming(LedgerService, 'ListTransactions', async function* (request) {
      const count = Number(request.options?.limit ?? 3);
      for (let i = 0; i < count; i++) {
        yield { transaction: { digest: `tx-${i}` }, watermark: { cursor: Uint8Array.of(i) } };
      }
      yield { end: { reason: GrpcTypes.QueryEndReason.ITEM_LIMIT } };
    })
    .serverStreaming(LedgerService, 'ListEvents', async function* (request) {
      const limit = Number(request.options?.limit ?? 50);
      for (let i = 0; i < Math.min(limit, 2); i++) {
        yield {
          event: {
            packageId: '0x2',
            module: 'devnet',
            sender: '0x1',
            eventType: EVENT_TYPE,
            contents: { name: EVENT_TYPE, value: Uint8Array.of(i) },
            checkpoint: BigInt(i + 1),
            transactionDigest: `tx-${i}`,
            eventIndex: 0,
          },
          watermark: { cursor: Uint8Array.of(i), checkpoint: BigInt(i + 1) },
        };
      }
    })
    .serverStreaming(LedgerService, 'ListCheckpoints', async function* () {
      yield { checkpoint: { sequenceNumber: 1n } };
      throw RpcStatusError.failedPrecondition('checkpoint 2 was pruned');
    })
    .serverStreaming(SubscriptionService, 'SubscribeCheckpoints', async function* (_request, ctx) {
      state.contexts.set('SubscribeCheckpoints', ctx);
      try {
        yield { cursor: 1n, checkpoint: { sequenceNumber: 1n } };
        // A live subscription: nothing more until the client or the server ends it.
        await new Promise<void>((resolve) => {
          if (ctx.signal.aborted) resolve();
          else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
        });
      } finally {
        state.subscriptionAborts.push(ctx.signal.reason);
      }
    });

  return { router, state };
}

/** A promise and the function that resolves it (a handler signals with it that it was reached). */
export function signal(): { reached: Promise<void>; reach: () => void } {
  let reach!: () => void;
  const reached = new Promise<void>((resolve) => {
    reach = resolve;
  });
  return { reached, reach };
}

/**
 * A router whose GetServiceInfo handler ignores its signal and hangs until `release()`, answering `response`;
 * `inHandler` resolves once a call has reached it.
 */
export function stuckUnaryRouter(response: GrpcTypes.GetServiceInfoResponse | object = {}): {
  router: RpcRouter;
  inHandler: Promise<void>;
  release: () => void;
} {
  const router = createRpcRouter();
  const stuck = signal();
  const entered = signal();
  router.unary(SuiServices.LedgerService, 'GetServiceInfo', async () => {
    entered.reach();
    await stuck.reached;
    return response;
  });
  return { router, inHandler: entered.reached, release: stuck.reach };
}

import type { Ledger } from '../../core/ledger.js';
import type { CheckpointRecord } from '../../core/types.js';
import { type RpcRouter, SuiServices } from '../grpc/index.js';
import { fullCheckpoint } from './checkpoint-proto.js';

/**
 * Registers SubscriptionService/SubscribeCheckpoints: a stream of every new checkpoint with its transactions
 * and events, from the moment of subscription (as on Sui). Transaction filters are not applied.
 */
export function registerSubscriptionService(router: RpcRouter, ledger: Ledger): void {
  router.serverStreaming(
    SuiServices.SubscriptionService,
    'SubscribeCheckpoints',
    async function* (request, ctx) {
      const queue: CheckpointRecord[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = ledger.onCheckpoint((checkpoint) => {
        queue.push(checkpoint);
        wake?.();
      });
      const aborted = new Promise<void>((resolve) =>
        ctx.signal.addEventListener('abort', () => resolve(), { once: true }),
      );
      try {
        while (!ctx.signal.aborted) {
          const next = queue.shift();
          if (next) {
            yield { cursor: next.sequenceNumber, checkpoint: fullCheckpoint(ledger, next, request.readMask) };
            continue;
          }
          await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
          wake = undefined;
        }
      } finally {
        unsubscribe();
      }
    },
  );
}

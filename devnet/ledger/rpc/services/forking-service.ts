import type { Ledger } from '../../core/ledger.js';
import { type RpcRouter, RpcStatusError, StatusCode, SuiServices } from '../grpc/index.js';

/** Registers `sui.forking.v1alpha.ForkingService`: move the clock, cut a checkpoint, read the status. */
export function registerForkingService(router: RpcRouter, ledger: Ledger): void {
  router.unary(SuiServices.ForkingService, 'AdvanceClock', (request) => {
    const duration = request.durationMs ?? 0n;
    if (duration <= 0n) throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, 'duration_ms must be positive');
    const checkpoint = ledger.advanceClock(duration);
    return { timestampMs: checkpoint.timestampMs, txDigest: checkpoint.transactions[0] ?? checkpoint.digest };
  });
  router.unary(SuiServices.ForkingService, 'AdvanceCheckpoint', () => {
    const checkpoint = ledger.createCheckpoint();
    return { checkpointSequenceNumber: checkpoint.sequenceNumber, timestampMs: checkpoint.timestampMs };
  });
  router.unary(SuiServices.ForkingService, 'GetStatus', () => {
    const latest = ledger.state.latestCheckpoint()!;
    return {
      epoch: ledger.state.meta.epoch,
      checkpointSequenceNumber: latest.sequenceNumber,
      timestampMs: ledger.now(),
      forkedAtCheckpoint: 0n,
    };
  });
}

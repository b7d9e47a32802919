import { GrpcTypes } from '@mysten/sui/grpc';
import { toBase64 } from '@mysten/sui/utils';
import { TransactionRejectedError } from '../../core/execution/execution-error.js';
import type { Ledger } from '../../core/ledger.js';
import {
  executedTransactionToProto,
  resolvableFromProto,
  resolvableFromTransactionBcs,
} from '../convert/index.js';
import { type RpcRouter, RpcStatusError, StatusCode, SuiServices } from '../grpc/index.js';
import { resolveTransaction } from './resolve-transaction.js';

/** Maps a ledger refusal to its gRPC status; other errors pass through. */
function asStatus(error: unknown): unknown {
  if (error instanceof TransactionRejectedError)
    return new RpcStatusError(StatusCode[error.code], error.message);
  return error;
}

/** Transaction bytes from a request's transaction: its BCS when given. */
function bcsOf(transaction: GrpcTypes.Transaction | undefined): Uint8Array | undefined {
  const value = transaction?.bcs?.value;
  return value && value.length > 0 ? value : undefined;
}

/** Registers TransactionExecutionService (execute and simulate, with server-side resolution). */
export function registerExecutionService(router: RpcRouter, ledger: Ledger): void {
  router.unary(SuiServices.TransactionExecutionService, 'ExecuteTransaction', async (request) => {
    const bytes = bcsOf(request.transaction);
    if (!bytes)
      throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, 'ExecuteTransaction needs transaction.bcs');
    const signatures = request.signatures.map((s) => {
      const raw = s.bcs?.value;
      if (!raw || raw.length === 0)
        throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, 'Each signature needs its bcs bytes');
      return toBase64(raw);
    });
    try {
      const { record } = await ledger.execute(bytes, signatures);
      return { transaction: executedTransactionToProto(record) };
    } catch (error) {
      throw asStatus(error);
    }
  });

  router.unary(SuiServices.TransactionExecutionService, 'SimulateTransaction', (request) => {
    const checks = request.checks !== GrpcTypes.SimulateTransactionRequest_TransactionChecks.DISABLED;
    const given = bcsOf(request.transaction);
    let resolvable: ReturnType<typeof resolvableFromProto>;
    try {
      resolvable = given
        ? resolvableFromTransactionBcs(given)
        : resolvableFromProto(request.transaction ?? {});
    } catch (error) {
      throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, (error as Error).message);
    }
    try {
      const bytes = resolveTransaction(ledger, resolvable, {
        doGasSelection: request.doGasSelection ?? false,
      });
      const { record, commandOutputs } = ledger.simulate(bytes);
      const executed = executedTransactionToProto(record);
      delete executed.checkpoint;
      delete executed.timestamp;
      return {
        transaction: executed,
        commandOutputs: commandOutputs.map((outputs) => ({
          returnValues: outputs.map((o) => ({ value: { name: o.type, value: o.bytes } })),
          mutatedByRef: [],
        })),
        suggestedGasPrice: ledger.state.meta.referenceGasPrice,
      };
    } catch (error) {
      if (!checks && error instanceof TransactionRejectedError) {
        // With checks disabled (transaction-kind builds) a refusal still yields the resolved kind.
        throw new RpcStatusError(StatusCode.FAILED_PRECONDITION, error.message);
      }
      throw asStatus(error);
    }
  });
}

/**
 * Worker thread running the symbol operations of `expansion.ts` and BLS signatures off the main thread
 * (see `expansion-pool.ts`): several nodes may share one process.
 */
import { parentPort } from 'node:worker_threads';
import { signWithSecretKey } from './bls-sign.js';
import { decodeColumns, expandSlivers } from './expansion.js';
import type { ExpansionRequest, ExpansionResponse } from './expansion-pool.js';

const port = parentPort;
if (!port) throw new Error('expansion-worker.ts must run in a worker thread');

port.on('message', (request: ExpansionRequest) => {
  try {
    if (request.op === 'expand') {
      const value = expandSlivers(
        request.nShards,
        request.type,
        request.slivers,
        request.symbolSize,
        request.withSymbols,
      );
      // Recovery symbols share one buffer per sliver: transfer each buffer once.
      const transfer = new Set(
        value.flatMap((e) => [e.hash.buffer, ...(e.symbols ?? []).map((s) => s.buffer)]),
      );
      port.postMessage({ id: request.id, ok: true, op: 'expand', value } satisfies ExpansionResponse, [
        ...transfer,
      ] as ArrayBuffer[]);
    } else if (request.op === 'sign') {
      const value = signWithSecretKey(request.secretKey, request.message);
      port.postMessage({ id: request.id, ok: true, op: 'sign', value } satisfies ExpansionResponse);
    } else {
      const value = decodeColumns(
        request.nShards,
        request.symbolSize,
        request.rows,
        request.symbolsPerColumn,
      );
      port.postMessage(
        { id: request.id, ok: true, op: 'decode', value } satisfies ExpansionResponse,
        value.map((v) => v.buffer) as ArrayBuffer[],
      );
    }
  } catch (error) {
    port.postMessage({
      id: request.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    } satisfies ExpansionResponse);
  }
});

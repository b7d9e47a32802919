import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidSuiAddress, normalizeSuiAddress } from '@mysten/sui/utils';
import type { Ledger } from '../core/ledger.js';
import type { Faucet } from './faucet.js';
import { HttpError, isLoopback, readJson, sendJson } from './json-http.js';

/** Reads a non-negative integer field (number or decimal string), or the fallback. */
export function bigintField(body: Record<string, unknown>, name: string, fallback?: bigint): bigint {
  const value = body[name];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
  throw new HttpError(400, `"${name}" must be a non-negative integer (a number or a decimal string)`);
}

/**
 * The devnet admin API (JSON over HTTP, loopback only): status, snapshot/revert, mint SUI,
 * advance the clock, cut a checkpoint, advance the epoch.
 */
/** One admin route: takes the JSON body, returns the JSON reply (throw HttpError for 4xx). */
export type AdminRoute = (body: Record<string, unknown>) => Promise<unknown> | unknown;

export function createAdminHandler(ledger: Ledger, faucet: Faucet) {
  const routes: Record<string, AdminRoute> = {
    'GET /status': () => ({
      chainId: ledger.chainId,
      epoch: ledger.state.meta.epoch,
      epochStartMs: ledger.state.meta.epochStartMs,
      checkpoint: ledger.state.latestCheckpoint()?.sequenceNumber,
      timestampMs: ledger.now(),
      referenceGasPrice: ledger.state.meta.referenceGasPrice,
      snapshots: ledger.state.snapshotCount,
    }),
    'POST /snapshot': () => ({ id: ledger.snapshot() }),
    'POST /revert': (body) => {
      const id = Number(bigintField(body, 'id'));
      if (id >= ledger.state.snapshotCount)
        throw new HttpError(404, `No snapshot ${id} (there are ${ledger.state.snapshotCount})`);
      ledger.revert(id);
      return { reverted: id };
    },
    'POST /mint': async (body) => {
      const address = typeof body.address === 'string' ? normalizeSuiAddress(body.address) : '';
      if (!isValidSuiAddress(address)) throw new HttpError(400, '"address" must be a Sui address');
      const sent = await faucet.send(address, bigintField(body, 'amount', faucet.amount));
      return { coinId: sent.coinId, digest: sent.digest, amount: sent.amount };
    },
    'POST /advance-clock': (body) => {
      const ms = bigintField(body, 'ms');
      const checkpoint = ledger.advanceClock(ms);
      return { timestampMs: checkpoint.timestampMs, epoch: ledger.state.meta.epoch };
    },
    'POST /checkpoint': () => {
      const checkpoint = ledger.createCheckpoint();
      return { sequenceNumber: checkpoint.sequenceNumber, timestampMs: checkpoint.timestampMs };
    },
    'POST /advance-epoch': (body) => {
      const count = Number(bigintField(body, 'count', 1n));
      if (count < 1 || count > 1000) throw new HttpError(400, '"count" must be between 1 and 1000');
      for (let i = 0; i < count; i++) ledger.advanceEpoch();
      return { epoch: ledger.state.meta.epoch };
    },
  };

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      if (!isLoopback(req)) throw new HttpError(403, 'The admin API answers loopback clients only');
      const path = (req.url ?? '/').split('?')[0];
      const route = routes[`${req.method} ${path}`];
      if (!route)
        throw new HttpError(
          404,
          `Unknown admin route ${req.method} ${path}; routes: ${Object.keys(routes).join(', ')}`,
        );
      const body = req.method === 'POST' ? await readJson(req) : {};
      sendJson(res, 200, await route(body));
    } catch (error) {
      sendJson(res, error instanceof HttpError ? error.status : 500, { error: (error as Error).message });
    }
  };
  /**
   * Adds a route (`'POST /epoch/advance'`), e.g. the devnet's epoch and node controls; `replace` lets the devnet
   * take over one of the ledger's (its `POST /revert` also waits for the storage nodes).
   */
  const addRoute = (key: string, route: AdminRoute, options: { replace?: boolean } = {}) => {
    if (routes[key] && !options.replace) throw new Error(`Admin route ${key} exists`);
    routes[key] = route;
  };
  return { handler, addRoute };
}

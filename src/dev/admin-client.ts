import type { DevnetDescriptor } from '../../devnet/index.js';
import type { ResolvedConfig } from '../config/types.js';
import { ErrorCode } from '../errors/codes.js';
import { NetworkError } from '../errors/network-error.js';
import { UserError } from '../errors/user-error.js';
import { findRunningDevnet } from './devnet-paths.js';

/** The running devnet's descriptor, or a clear error (the devnet-only commands need one). */
export function requireDevnet(config: ResolvedConfig, networkName?: string): DevnetDescriptor {
  if (networkName && networkName !== 'devnet') {
    throw new UserError(
      ErrorCode.InvalidArguments,
      `This command controls the local devnet only (got --network ${networkName}).`,
      {
        hint: 'Drop --network (or pass --network devnet); on testnet and mainnet use the blob and stake commands.',
      },
    );
  }
  const running = findRunningDevnet(config);
  if (!running || 'stale' in running) {
    throw new UserError(ErrorCode.DevnetNotRunning, 'No devnet is running for this project.', {
      hint: 'Start one with `walrus dev up --detach`.',
    });
  }
  return running.descriptor;
}

/** Calls the devnet's admin API (loopback); 4xx become user errors, transport failures network errors. */
export async function adminRequest<T>(
  descriptor: DevnetDescriptor,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${descriptor.adminUrl}${path}`, {
      method,
      ...(method === 'POST'
        ? { body: JSON.stringify(body ?? {}), headers: { 'content-type': 'application/json' } }
        : {}),
    });
  } catch (error) {
    throw new NetworkError(
      ErrorCode.NetworkUnreachable,
      `The devnet admin API at ${descriptor.adminUrl} does not answer: ${(error as Error).message}`,
    );
  }
  const json = (await response.json().catch(() => ({}))) as { error?: string };
  if (response.status === 404 && /Unknown admin route/.test(json.error ?? '')) {
    throw new UserError(
      ErrorCode.InvalidArguments,
      'This devnet runs the ledger alone (no Walrus nodes or epochs).',
      {
        hint: 'Restart it with `walrus dev down` and `walrus dev up`.',
      },
    );
  }
  if (response.status >= 400 && response.status < 500)
    throw new UserError(ErrorCode.InvalidArguments, json.error ?? `Admin API: HTTP ${response.status}`);
  if (!response.ok)
    throw new NetworkError(ErrorCode.NetworkError, json.error ?? `Admin API: HTTP ${response.status}`);
  return json as T;
}

import type { DevnetDescriptor } from '../../devnet/index.js';
import { formatToken } from '../util/format.js';

/** Balances of an account now, in MIST and FROST. */
export interface LiveBalance {
  sui: string;
  wal: string | null;
}

/**
 * The key facts of a running devnet, for people (anvil-style account list included). Accounts show their genesis
 * balance, or `balances` (by address) when given: what they hold now.
 */
export function formatDescriptor(
  descriptor: DevnetDescriptor,
  { keys = true, balances }: { keys?: boolean; balances?: ReadonlyMap<string, LiveBalance> } = {},
): string {
  const lines = [
    `RPC (gRPC-Web)  ${descriptor.rpcUrl}`,
    `Faucet          ${descriptor.faucetUrl}/v2/gas`,
    `Admin           ${descriptor.adminUrl}`,
    ...(descriptor.aggregatorUrl ? [`Aggregator      ${descriptor.aggregatorUrl}/v1/blobs/<blob-id>`] : []),
    ...(descriptor.publisherUrl ? [`Publisher       ${descriptor.publisherUrl}/v1/blobs (PUT)`] : []),
    ...(descriptor.uploadRelayUrl ? [`Upload relay    ${descriptor.uploadRelayUrl}`] : []),
    `Chain id        ${descriptor.chainId}`,
    `State           ${descriptor.stateDir ?? '(in memory)'}`,
    `Process         ${descriptor.pid}`,
    '',
    'Accounts (deterministic; test keys, never use them for real funds):',
  ];
  for (const account of descriptor.accounts) {
    const now = balances?.get(account.address);
    const amounts = now
      ? `${formatToken(now.sui, 'SUI')}${now.wal === null ? '' : `  ${formatToken(now.wal, 'WAL')}`}`
      : formatToken(account.balance, 'SUI');
    lines.push(`  (${account.index}) ${account.address}  ${amounts}`);
    if (keys) lines.push(`      ${account.secretKey}`);
  }
  return lines.join('\n');
}

import type { DevnetDescriptor } from '../../devnet/descriptor.js';
import { formatToken } from '../ui/dashboard/format.js';

/** Formats MIST as SUI, e.g. `10,000 SUI`. */
export function formatSui(mist: bigint | string): string {
  return `${formatToken(mist)} SUI`;
}

/** The key facts of a running devnet, for people (anvil-style account list included). */
export function formatDescriptor(descriptor: DevnetDescriptor, { keys = true } = {}): string {
  const lines = [
    `RPC (gRPC-Web)  ${descriptor.rpcUrl}`,
    `Faucet          ${descriptor.faucetUrl}/v2/gas`,
    `Admin           ${descriptor.adminUrl}`,
    `Chain id        ${descriptor.chainId}`,
    `State           ${descriptor.stateDir ?? '(in memory)'}`,
    `Process         ${descriptor.pid}`,
    '',
    'Accounts (deterministic; test keys, never use them for real funds):',
  ];
  for (const account of descriptor.accounts) {
    lines.push(`  (${account.index}) ${account.address}  ${formatSui(account.balance)}`);
    if (keys) lines.push(`      ${account.secretKey}`);
  }
  return lines.join('\n');
}

import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { formatToken } from '../util/format.js';

/** 1 WAL in FROST. */
const FROST_PER_WAL = 1_000_000_000n;

/**
 * The error for an account short of WAL, in WAL, with a hint that works when pasted: on the devnet the exact
 * `walrus account fund <address> --wal <amount>` that covers the shortfall.
 */
export function notEnoughWal(options: {
  /** What the WAL is for, e.g. `to stake 500 WAL` or `to store a.txt`. */
  doing: string;
  needed: bigint;
  balance: bigint;
  address: string;
  /** The network is the local devnet (it has a WAL faucet). */
  devnet: boolean;
  /** An extra way out, e.g. `or store fewer epochs`. */
  alternative?: string;
}): UserError {
  const { needed, balance, address } = options;
  // Whole WAL, rounded up, so the pasted command is enough.
  const shortfall = (needed - balance + FROST_PER_WAL - 1n) / FROST_PER_WAL;
  const alternative = options.alternative ? `, ${options.alternative}` : '';
  return new UserError(
    ErrorCode.InsufficientFunds,
    `Not enough WAL ${options.doing}: it needs ${formatToken(needed, 'WAL')} and ${address} has ${formatToken(balance, 'WAL')}.`,
    {
      hint: options.devnet
        ? `Get WAL with \`walrus account fund ${address} --wal ${shortfall}\`${alternative}.`
        : `Send at least ${formatToken(needed - balance, 'WAL')} to ${address}${alternative}.`,
    },
  );
}

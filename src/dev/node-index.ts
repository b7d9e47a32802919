import { normalizeSuiAddress } from '@mysten/sui/utils';
import type { DevnetDescriptor } from '../../devnet/index.js';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';

/** A node given as an index (`0`) or a node id (`0x…`), as its index in the devnet. */
export function resolveNodeIndex(descriptor: DevnetDescriptor, value: string): number {
  const nodes = descriptor.nodes ?? [];
  const found = /^\d+$/.test(value)
    ? nodes.find((n) => n.index === Number(value))
    : nodes.find((n) => n.nodeId === normalizeSuiAddress(value));
  if (!found) {
    throw new UserError(
      ErrorCode.InvalidArguments,
      `No storage node "${value}"; the devnet has ${nodes.length} (indices 0–${nodes.length - 1}).`,
      {
        hint: 'See `walrus node list`.',
      },
    );
  }
  return found.index;
}

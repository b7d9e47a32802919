/** `0x2::transfer` (contracts/sui/sources/transfer.move): ownership changes. The `public_` forms need `store`, as in Move. */
import type { MoveType } from '../../../ledger/core/move/type-parser.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import type { Owner } from '../../../ledger/core/types.js';
import { implement } from '../support/implement.js';

/** The owner a transfer-like native gives the object: `args[1]` is the recipient of a transfer. */
function ownerOf(to: Owner['kind'], args: unknown[]): Owner {
  if (to === 'address') return { kind: 'address', address: args[1] as string };
  if (to === 'shared') return { kind: 'shared', initialSharedVersion: 0n }; // the executor sets the real version
  return { kind: 'immutable' };
}

/** A transfer-like native: `to` says what kind of owner the object gets. */
const handOver =
  (to: Owner['kind']) =>
  (ctx: NativeContext, args: unknown[], [type]: MoveType[]): [] => {
    ctx.transfer(type!, args[0], ownerOf(to, args));
    return [];
  };

/** The natives of `0x2::transfer`. */
export const transferNatives = implement('transfer', {
  receive: (ctx, [parent, ticket], [type]) => [ctx.receive(parent.id.bytes, ticket, type!)],
  public_receive: (ctx, [parent, ticket], [type]) => [ctx.receive(parent.id.bytes, ticket, type!)],
  transfer: handOver('address'),
  public_transfer: handOver('address'),
  share_object: handOver('shared'),
  public_share_object: handOver('shared'),
  freeze_object: handOver('immutable'),
  public_freeze_object: handOver('immutable'),
});

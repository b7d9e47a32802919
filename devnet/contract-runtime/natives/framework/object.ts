/**
 * `0x2::object` (contracts/sui/sources/object.move): object identity, and `0x2::tx_context`
 * (contracts/sui/sources/tx_context.move): the transaction context every entry function may take last.
 */
import { objectIdOf, uid } from '../../../ledger/core/natives/framework/values.js';
import { implement } from '../support/implement.js';

/** The natives of `0x2::object`. */
export const objectNatives = implement('object', {
  new: (ctx) => [uid(ctx.freshId())],
  delete(ctx, [id]) {
    ctx.deleteObject(id.id.bytes);
    return [];
  },
  uid_to_inner: (_ctx, [id]) => [{ ...id.id }],
  uid_to_address: (_ctx, [id]) => [id.id.bytes],
  id_to_address: (_ctx, [id]) => [id.bytes],
  id_from_address: (_ctx, [bytes]) => [{ bytes }],
  id: (_ctx, [obj]) => [{ bytes: objectIdOf(obj) }],
});

/** The natives of `0x2::tx_context`. */
export const txContextNatives = implement('tx_context', {
  sender: (ctx) => [ctx.sender],
  epoch: (ctx) => [ctx.epoch],
  epoch_timestamp_ms: (ctx) => [ctx.epochTimestampMs],
  fresh_object_address: (ctx) => [ctx.freshId()],
});

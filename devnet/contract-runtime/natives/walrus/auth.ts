/**
 * Natives of `walrus::auth`: who may act on a staking pool, an address (checked against the
 * transaction sender) or the holder of an object (usually the node's `StorageNodeCap`).
 */
import type { IdValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import type { AuthenticatedValue, AuthorizedValue } from '../../generated/move-types.js';
import { implement, returning } from '../support/implement.js';

export type { AuthenticatedValue, AuthorizedValue };

/** Authenticates the sender of the transaction. */
export function authenticateSender(ctx: NativeContext): AuthenticatedValue {
  return { Sender: { pos0: ctx.sender } };
}

/** Authenticates as the holder of `obj` (any object: its id). */
export function authenticateWithObject(
  _ctx: NativeContext,
  obj: { id: { id: IdValue } },
): AuthenticatedValue {
  return { Object: { pos0: { bytes: obj.id.id.bytes } } };
}

/** Authorizes an address. */
export function authorizedAddress(_ctx: NativeContext, addr: string): AuthorizedValue {
  return { Address: { pos0: addr } };
}

/** Authorizes the holder of the object with id `id`. */
export function authorizedObject(_ctx: NativeContext, id: IdValue): AuthorizedValue {
  return { ObjectID: { pos0: { bytes: id.bytes } } };
}

/** True when `authenticated` satisfies `authorized`. */
export function matches(
  _ctx: NativeContext,
  authenticated: AuthenticatedValue,
  authorized: AuthorizedValue,
): boolean {
  if ('Sender' in authenticated)
    return 'Address' in authorized && authorized.Address.pos0 === authenticated.Sender.pos0;
  return 'ObjectID' in authorized && authorized.ObjectID.pos0.bytes === authenticated.Object.pos0.bytes;
}

/** The natives of `walrus::auth`. */
export const authNatives = implement('auth', {
  authenticate_sender: returning(authenticateSender),
  authenticate_with_object: (ctx, [obj]) => [authenticateWithObject(ctx, obj as { id: { id: IdValue } })],
  authorized_address: returning(authorizedAddress),
  authorized_object: returning(authorizedObject),
});

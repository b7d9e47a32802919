/**
 * Natives of `walrus::auth`: who may act on a staking pool, an address (checked against the
 * transaction sender) or the holder of an object (usually the node's `StorageNodeCap`).
 */
import type { IdValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext, NativeModule } from '../../../ledger/core/natives/native-types.js';
import { fn, type WalrusAddresses, withWalrusAddresses } from '../support/natives-kit.js';

/** `Authenticated`, decoded (`$kind` is present on decoded values only). */
export type AuthenticatedValue =
  | { $kind?: 'Sender'; Sender: { pos0: string } }
  | { $kind?: 'Object'; Object: { pos0: IdValue } };

/** `Authorized`, decoded. */
export type AuthorizedValue =
  | { $kind?: 'Address'; Address: { pos0: string } }
  | { $kind?: 'ObjectID'; ObjectID: { pos0: IdValue } };

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

/**
 * The `walrus::auth` module: `Authenticated`, `Authorized` and their constructors.
 * @example registry.register(authModule(addresses))
 */
export function authModule(addresses: WalrusAddresses): NativeModule {
  const struct = { address: addresses.walrus, module: 'auth', typeParams: [] };
  return withWalrusAddresses(
    {
      address: addresses.walrus,
      name: 'auth',
      structs: [
        {
          ...struct,
          name: 'Authenticated',
          abilities: ['drop'],
          variants: [
            { name: 'Sender', fields: [{ name: 'pos0', type: 'address' }] },
            { name: 'Object', fields: [{ name: 'pos0', type: 'ID' }] },
          ],
        },
        {
          ...struct,
          name: 'Authorized',
          abilities: ['copy', 'drop', 'store'],
          variants: [
            { name: 'Address', fields: [{ name: 'pos0', type: 'address' }] },
            { name: 'ObjectID', fields: [{ name: 'pos0', type: 'ID' }] },
          ],
        },
      ],
      functions: [
        fn('authenticate_sender', ['&TxContext'], ['Authenticated'], (ctx) => [authenticateSender(ctx)]),
        fn(
          'authenticate_with_object',
          ['&T'],
          ['Authenticated'],
          (ctx, [obj]) => [authenticateWithObject(ctx, obj as { id: { id: IdValue } })],
          { typeParams: [{ name: 'T', abilities: ['key'] }] },
        ),
        fn('authorized_address', ['address'], ['Authorized'], (ctx, [addr]) => [
          authorizedAddress(ctx, addr as string),
        ]),
        fn('authorized_object', ['ID'], ['Authorized'], (ctx, [id]) => [
          authorizedObject(ctx, id as IdValue),
        ]),
      ],
    },
    addresses,
  );
}

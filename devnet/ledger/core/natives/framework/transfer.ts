import type { Owner } from '../../types.js';
import type { NativeFunction, NativeModule } from '../native-types.js';
import { SUI_FRAMEWORK, type UidValue } from './values.js';

/** A transfer-like native: `to` says what kind of owner the object gets. */
function handOver(name: string, store: boolean, to: Owner['kind']): NativeFunction {
  return {
    name,
    visibility: 'public',
    isEntry: false,
    typeParams: [{ name: 'T', abilities: store ? ['key', 'store'] : ['key'] }],
    params: to === 'address' ? ['T', 'address'] : ['T'],
    returns: [],
    impl: (ctx, args, [type]) => {
      const owner: Owner =
        to === 'address'
          ? { kind: 'address', address: args[1] as string }
          : to === 'shared'
            ? { kind: 'shared', initialSharedVersion: 0n } // the executor sets the real version
            : { kind: 'immutable' };
      ctx.transfer(type!, args[0], owner);
      return [];
    },
  };
}

/** `receive`/`public_receive`: takes an object sent to `parent`'s address out of its ticket. */
function receiveFn(name: string, store: boolean): NativeFunction {
  return {
    name,
    visibility: 'public',
    isEntry: false,
    typeParams: [{ name: 'T', abilities: store ? ['key', 'store'] : ['key'] }],
    params: ['&mut UID', 'Receiving<T>'],
    returns: ['T'],
    impl: (ctx, [parent, ticket], [type]) => [ctx.receive((parent as UidValue).id.bytes, ticket, type!)],
  };
}

/** `0x2::transfer`: ownership changes. The `public_` forms need `store`, as in Move. */
export const transferModule: NativeModule = {
  address: SUI_FRAMEWORK,
  name: 'transfer',
  structs: [
    {
      address: SUI_FRAMEWORK,
      module: 'transfer',
      name: 'Receiving',
      typeParams: ['T'],
      phantomParams: ['T'],
      abilities: ['drop'],
      fields: [
        { name: 'id', type: 'ID' },
        { name: 'version', type: 'u64' },
      ],
    },
  ],
  functions: [
    receiveFn('receive', false),
    receiveFn('public_receive', true),
    handOver('transfer', false, 'address'),
    handOver('public_transfer', true, 'address'),
    handOver('share_object', false, 'shared'),
    handOver('public_share_object', true, 'shared'),
    handOver('freeze_object', false, 'immutable'),
    handOver('public_freeze_object', true, 'immutable'),
  ],
};

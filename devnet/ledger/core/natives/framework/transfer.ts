import type { Owner } from '../../types.js';
import type { NativeFunction, NativeModule } from '../native-types.js';
import { SUI_FRAMEWORK } from './values.js';

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

/** `0x2::transfer`: ownership changes. The `public_` forms need `store`, as in Move. */
export const transferModule: NativeModule = {
  address: SUI_FRAMEWORK,
  name: 'transfer',
  structs: [],
  functions: [
    handOver('transfer', false, 'address'),
    handOver('public_transfer', true, 'address'),
    handOver('share_object', false, 'shared'),
    handOver('public_share_object', true, 'shared'),
    handOver('freeze_object', false, 'immutable'),
    handOver('public_freeze_object', true, 'immutable'),
  ],
};

import type { NativeModule } from '../native-types.js';
import { SUI_FRAMEWORK } from './values.js';

/** `0x2::sui`: the SUI one-time witness type. */
export const suiModule: NativeModule = {
  address: SUI_FRAMEWORK,
  name: 'sui',
  structs: [
    {
      address: SUI_FRAMEWORK,
      module: 'sui',
      name: 'SUI',
      typeParams: [],
      abilities: ['drop'],
      fields: [{ name: 'dummy_field', type: 'bool' }],
    },
  ],
  functions: [],
};

/** `0x2::clock`: the shared Clock at 0x6, moved by the ledger. */
export const clockModule: NativeModule = {
  address: SUI_FRAMEWORK,
  name: 'clock',
  structs: [
    {
      address: SUI_FRAMEWORK,
      module: 'clock',
      name: 'Clock',
      typeParams: [],
      abilities: ['key'],
      fields: [
        { name: 'id', type: 'UID' },
        { name: 'timestamp_ms', type: 'u64' },
      ],
    },
  ],
  functions: [
    {
      name: 'timestamp_ms',
      visibility: 'public',
      isEntry: false,
      typeParams: [],
      params: ['&Clock'],
      returns: ['u64'],
      impl: (_ctx, [clock]) => [(clock as { timestamp_ms: bigint }).timestamp_ms],
    },
  ],
};

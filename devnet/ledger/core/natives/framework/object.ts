import type { NativeModule } from '../native-types.js';
import { SUI_FRAMEWORK, type UidValue, uid } from './values.js';

/** `0x2::object`: object identity. */
export const objectModule: NativeModule = {
  address: SUI_FRAMEWORK,
  name: 'object',
  structs: [
    {
      address: SUI_FRAMEWORK,
      module: 'object',
      name: 'ID',
      typeParams: [],
      abilities: ['copy', 'drop', 'store'],
      fields: [{ name: 'bytes', type: 'address' }],
    },
    {
      address: SUI_FRAMEWORK,
      module: 'object',
      name: 'UID',
      typeParams: [],
      abilities: ['store'],
      fields: [{ name: 'id', type: 'ID' }],
    },
  ],
  functions: [
    {
      name: 'new',
      visibility: 'public',
      isEntry: false,
      typeParams: [],
      params: ['&mut TxContext'],
      returns: ['UID'],
      impl: (ctx) => [uid(ctx.freshId())],
    },
    {
      name: 'delete',
      visibility: 'public',
      isEntry: false,
      typeParams: [],
      params: ['UID'],
      returns: [],
      impl: (ctx, [value]) => {
        ctx.deleteObject((value as UidValue).id.bytes);
        return [];
      },
    },
    {
      name: 'uid_to_inner',
      visibility: 'public',
      isEntry: false,
      typeParams: [],
      params: ['&UID'],
      returns: ['ID'],
      impl: (_ctx, [u]) => [{ ...(u as UidValue).id }],
    },
    {
      name: 'uid_to_address',
      visibility: 'public',
      isEntry: false,
      typeParams: [],
      params: ['&UID'],
      returns: ['address'],
      impl: (_ctx, [u]) => [(u as UidValue).id.bytes],
    },
    {
      name: 'id_to_address',
      visibility: 'public',
      isEntry: false,
      typeParams: [],
      params: ['&ID'],
      returns: ['address'],
      impl: (_ctx, [i]) => [(i as { bytes: string }).bytes],
    },
    {
      name: 'id_from_address',
      visibility: 'public',
      isEntry: false,
      typeParams: [],
      params: ['address'],
      returns: ['ID'],
      impl: (_ctx, [a]) => [{ bytes: a }],
    },
    {
      name: 'id',
      visibility: 'public',
      isEntry: false,
      typeParams: [{ name: 'T', abilities: ['key'] }],
      params: ['&T'],
      returns: ['ID'],
      impl: (_ctx, [obj]) => [{ ...(obj as { id: UidValue }).id.id }],
    },
  ],
};

/** `0x2::tx_context`: the transaction context every entry function may take last. */
export const txContextModule: NativeModule = {
  address: SUI_FRAMEWORK,
  name: 'tx_context',
  structs: [
    {
      address: SUI_FRAMEWORK,
      module: 'tx_context',
      name: 'TxContext',
      typeParams: [],
      abilities: ['drop'],
      fields: [
        { name: 'sender', type: 'address' },
        { name: 'tx_hash', type: 'vector<u8>' },
        { name: 'epoch', type: 'u64' },
        { name: 'epoch_timestamp_ms', type: 'u64' },
        { name: 'ids_created', type: 'u64' },
      ],
    },
  ],
  functions: [
    {
      name: 'sender',
      visibility: 'public',
      isEntry: false,
      typeParams: [],
      params: ['&TxContext'],
      returns: ['address'],
      impl: (ctx) => [ctx.sender],
    },
    {
      name: 'epoch',
      visibility: 'public',
      isEntry: false,
      typeParams: [],
      params: ['&TxContext'],
      returns: ['u64'],
      impl: (ctx) => [ctx.epoch],
    },
    {
      name: 'epoch_timestamp_ms',
      visibility: 'public',
      isEntry: false,
      typeParams: [],
      params: ['&TxContext'],
      returns: ['u64'],
      impl: (ctx) => [ctx.epochTimestampMs],
    },
    {
      name: 'fresh_object_address',
      visibility: 'public',
      isEntry: false,
      typeParams: [],
      params: ['&mut TxContext'],
      returns: ['address'],
      impl: (ctx) => [ctx.freshId()],
    },
  ],
};

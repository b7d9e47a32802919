/** Natives of `walrus::metadata`: key-value attributes of a blob (a dynamic field of the `Blob`). */

import type { OptionValue } from '../../../ledger/core/natives/framework/values.js';
import { SUI_FRAMEWORK } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext, NativeModule } from '../../../ledger/core/natives/native-types.js';
import {
  abortAt,
  fn,
  type StringValue,
  sameBytes,
  type WalrusAddresses,
  withWalrusAddresses,
} from '../support/natives-kit.js';
import type { VecMapValue } from '../support/vec-map.js';

/** `vec_map::EKeyDoesNotExist`: `remove` of an absent key aborts with it. */
export const EKeyDoesNotExist = 1;

/** `Metadata`, decoded: the attributes in insertion order. */
export interface MetadataValue {
  metadata: VecMapValue<StringValue, StringValue>;
}

const indexOf = (self: MetadataValue, key: StringValue) =>
  self.metadata.contents.findIndex((e) => sameBytes(e.key.bytes, key.bytes));

/** No attributes. Move `new`; also exported as `new`. */
export function newMetadata(_ctx: NativeContext): MetadataValue {
  return { metadata: { contents: [] } };
}
export { newMetadata as new };

/** Sets `key` to `value`, keeping the position of an existing key. */
export function insertOrUpdate(
  _ctx: NativeContext,
  self: MetadataValue,
  key: StringValue,
  value: StringValue,
): void {
  const index = indexOf(self, key);
  if (index >= 0) self.metadata.contents[index]!.value = value;
  else self.metadata.contents.push({ key, value });
}

/** Removes `key` and returns the pair; aborts (vec_map `EKeyDoesNotExist`) if absent. */
export function remove(
  ctx: NativeContext,
  self: MetadataValue,
  key: StringValue,
): [StringValue, StringValue] {
  const index = indexOf(self, key);
  if (index < 0)
    abortAt(ctx, { address: SUI_FRAMEWORK, module: 'vec_map', function: 'get_idx' }, EKeyDoesNotExist);
  const [entry] = self.metadata.contents.splice(index, 1);
  return [entry!.key, entry!.value];
}

/** Removes `key` if present and returns its value. */
export function removeIfExists(
  ctx: NativeContext,
  self: MetadataValue,
  key: StringValue,
): OptionValue<StringValue> {
  if (indexOf(self, key) < 0) return { vec: [] };
  return { vec: [remove(ctx, self, key)[1]] };
}

/**
 * The `walrus::metadata` module: `Metadata` and its functions.
 * @example registry.register(metadataModule(addresses))
 */
export function metadataModule(addresses: WalrusAddresses): NativeModule {
  const asMetadata = (v: unknown) => v as MetadataValue;
  const asString = (v: unknown) => v as StringValue;
  return withWalrusAddresses(
    {
      address: addresses.walrus,
      name: 'metadata',
      imports: { VecMap: '0x2::vec_map::VecMap' },
      structs: [
        {
          address: addresses.walrus,
          module: 'metadata',
          name: 'Metadata',
          typeParams: [],
          abilities: ['drop', 'store'],
          fields: [{ name: 'metadata', type: 'VecMap<String, String>' }],
        },
      ],
      functions: [
        fn('new', [], ['Metadata'], (ctx) => [newMetadata(ctx)]),
        fn('insert_or_update', ['&mut Metadata', 'String', 'String'], [], (ctx, [m, k, v]) => {
          insertOrUpdate(ctx, asMetadata(m), asString(k), asString(v));
          return [];
        }),
        fn('remove', ['&mut Metadata', '&String'], ['String', 'String'], (ctx, [m, k]) =>
          remove(ctx, asMetadata(m), asString(k)),
        ),
        fn('remove_if_exists', ['&mut Metadata', '&String'], ['Option<String>'], (ctx, [m, k]) => [
          removeIfExists(ctx, asMetadata(m), asString(k)),
        ]),
      ],
    },
    addresses,
  );
}

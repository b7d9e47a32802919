/** Natives of `walrus::metadata`: key-value attributes of a blob (a dynamic field of the `Blob`). */

import type { OptionValue } from '../../../ledger/core/natives/framework/values.js';
import { SUI_FRAMEWORK } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import type { MetadataValue } from '../../generated/move-types.js';
import { effect, implement, returning } from '../support/implement.js';
import { abortAt, type StringValue, sameBytes } from '../support/natives-kit.js';

/** `vec_map::EKeyDoesNotExist` (a framework constant): `remove` of an absent key aborts with it. */
const EKeyDoesNotExist = 1;

const indexOf = (self: MetadataValue, key: StringValue) =>
  self.metadata.contents.findIndex((e) => sameBytes(e.key.bytes, key.bytes));

/** No attributes. Move `new`; also exported as `new`. */
export function newMetadata(_ctx: NativeContext): MetadataValue {
  return { metadata: { contents: [] } };
}
export { newMetadata as new };

/** Removes `key` and returns the pair; aborts (vec_map `EKeyDoesNotExist`) if absent. */
export function remove(
  ctx: NativeContext,
  self: MetadataValue,
  key: StringValue,
): [StringValue, StringValue] {
  const index = indexOf(self, key);
  if (index < 0)
    abortAt(
      ctx,
      { address: SUI_FRAMEWORK, module: 'vec_map', function: 'get_idx' },
      EKeyDoesNotExist,
      'EKeyDoesNotExist',
    );
  const [entry] = self.metadata.contents.splice(index, 1);
  return [entry!.key, entry!.value];
}

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

/** Removes `key` if present and returns its value. */
export function removeIfExists(
  ctx: NativeContext,
  self: MetadataValue,
  key: StringValue,
): OptionValue<StringValue> {
  if (indexOf(self, key) < 0) return { vec: [] };
  return { vec: [remove(ctx, self, key)[1]] };
}

/** The natives of `walrus::metadata`. */
export const metadataNatives = implement('metadata', {
  new: returning(newMetadata),
  insert_or_update: effect(insertOrUpdate),
  remove: (ctx, [self, key]) => remove(ctx, self, key),
  remove_if_exists: returning(removeIfExists),
});

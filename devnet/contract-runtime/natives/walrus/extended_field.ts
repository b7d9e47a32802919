/**
 * Natives of `walrus::extended_field`: a value kept in a dynamic field (name `Key()`) of its own
 * object, so the struct holding the `ExtendedField<T>` keeps a fixed layout. No public functions; the
 * twins take the value's Move type `T` as their last argument (type arguments come last).
 */
import type { MoveType } from '../../../ledger/core/move/type-parser.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import type { ExtendedFieldValue } from '../../generated/move-types.js';
import { addField, borrowField, type FieldSlot, fieldSlot, removeField } from '../support/fields.js';
import { newUid, walrusType } from '../support/natives-kit.js';

/** The dynamic-field name `Key()` (a fieldless struct has the compiler's `dummy_field`). */
const KEY_VALUE = { dummy_field: false };

function slot(ctx: NativeContext, field: ExtendedFieldValue, valueType: MoveType): FieldSlot {
  const keyType = walrusType(ctx, 'extended_field', 'Key');
  return fieldSlot(ctx, field.id.id.bytes, keyType, KEY_VALUE, valueType);
}

/** Stores `value` (of type `valueType`) in a new handle. Move `new`; also exported as `new`. */
export function newExtendedField(
  ctx: NativeContext,
  value: unknown,
  valueType: MoveType,
): ExtendedFieldValue {
  const field: ExtendedFieldValue = { id: newUid(ctx) };
  addField(ctx, slot(ctx, field, valueType), { ...KEY_VALUE }, value);
  return field;
}
export { newExtendedField as new };

/** The stored value (live: do not mutate through `borrow`). */
export function borrow<T>(ctx: NativeContext, field: ExtendedFieldValue, valueType: MoveType): T {
  return borrowField(ctx, slot(ctx, field, valueType));
}

/** The stored value, live: mutate it in place. */
export function borrowMut<T>(ctx: NativeContext, field: ExtendedFieldValue, valueType: MoveType): T {
  return borrow<T>(ctx, field, valueType);
}

/** Replaces the stored value and returns the previous one. */
export function swap<T>(ctx: NativeContext, field: ExtendedFieldValue, value: T, valueType: MoveType): T {
  const entry = slot(ctx, field, valueType);
  const previous = removeField<T>(ctx, entry);
  addField(ctx, entry, { ...KEY_VALUE }, value);
  return previous;
}

/** Deletes the handle and returns the value. */
export function destroy<T>(ctx: NativeContext, field: ExtendedFieldValue, valueType: MoveType): T {
  const entry = slot(ctx, field, valueType);
  const value = removeField<T>(ctx, entry);
  ctx.deleteObject(entry.parent);
  return value;
}

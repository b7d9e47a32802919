import type { MoveType } from '../../../ledger/core/move/type-parser.js';
import { fieldId } from '../../../ledger/core/natives/framework/dynamic-field.js';
import { SUI_FRAMEWORK } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import { addField, borrowField, type FieldSlot, fieldSlot, removeField } from './fields.js';
import type { TableValue } from './framework-values.js';
import { ID_TYPE } from './natives-kit.js';

/**
 * Sui's `Table`, `ObjectTable` and `Bag` for natives: a `{ id: UID, size: u64 }` value whose entries are
 * dynamic fields of its UID, stored exactly as Sui stores them so clients can list and read them:
 * - Table/Bag entry: `Field<K, V>` child of the table's UID.
 * - ObjectTable entry (a dynamic object field): `Field<Wrapper<K>, ID>` child of the table's UID, and the value
 *   object itself as a child of that field, keeping its own id (so `getObjects(valueId)` finds it).
 */
export type { TableValue };

/** `0x2::dynamic_object_field::Wrapper<K>`: the name type of a dynamic object field. */
export function wrapperType(key: MoveType): MoveType {
  return {
    kind: 'struct',
    address: SUI_FRAMEWORK,
    module: 'dynamic_object_field',
    name: 'Wrapper',
    typeArgs: [key],
  };
}

/** The slot of `name` in `table`; aborts with dynamic_field's code 1 if there is no such entry. */
function existingSlot(
  ctx: NativeContext,
  table: TableValue,
  nameType: MoveType,
  name: unknown,
  valueType: MoveType,
): FieldSlot {
  const slot = fieldSlot(ctx, table.id.id.bytes, nameType, name, valueType);
  if (!ctx.children.exists(slot.parent, slot.id)) ctx.abort(1);
  return slot;
}

/** A new empty table value with a fresh UID. */
export function tableNew(ctx: NativeContext): TableValue {
  return { id: { id: { bytes: ctx.freshId() } }, size: 0n };
}

/** Adds `key → value` to a Table/Bag; aborts with dynamic_field's code 0 if the key exists. */
export function tableAdd(
  ctx: NativeContext,
  table: TableValue,
  keyType: MoveType,
  key: unknown,
  valueType: MoveType,
  value: unknown,
): void {
  const slot = fieldSlot(ctx, table.id.id.bytes, keyType, key, valueType);
  if (ctx.children.exists(slot.parent, slot.id)) ctx.abort(0);
  addField(ctx, slot, key, value);
  table.size += 1n;
}

/** True if a Table/Bag has `key`. */
export function tableContains(
  ctx: NativeContext,
  table: TableValue,
  keyType: MoveType,
  key: unknown,
): boolean {
  const parent = table.id.id.bytes;
  return ctx.children.exists(parent, fieldId(ctx, parent, keyType, key));
}

/** The live value for `key` (mutate in place); aborts with code 1 if absent. */
export function tableBorrow(
  ctx: NativeContext,
  table: TableValue,
  keyType: MoveType,
  key: unknown,
  valueType: MoveType,
): unknown {
  return borrowField(ctx, existingSlot(ctx, table, keyType, key, valueType));
}

/** Removes `key` and returns its value; aborts with code 1 if absent. */
export function tableRemove(
  ctx: NativeContext,
  table: TableValue,
  keyType: MoveType,
  key: unknown,
  valueType: MoveType,
): unknown {
  const slot = existingSlot(ctx, table, keyType, key, valueType);
  table.size -= 1n;
  return removeField(ctx, slot);
}

/** Adds an object to an ObjectTable under `key` (a dynamic object field); the object keeps its id. */
export function objectTableAdd(
  ctx: NativeContext,
  table: TableValue,
  keyType: MoveType,
  key: unknown,
  objectType: MoveType,
  object: { id: { id: { bytes: string } } },
): void {
  const name = { name: key };
  const slot = fieldSlot(ctx, table.id.id.bytes, wrapperType(keyType), name, ID_TYPE);
  if (ctx.children.exists(slot.parent, slot.id)) ctx.abort(0);
  const objectId = object.id.id.bytes;
  addField(ctx, slot, name, { bytes: objectId });
  ctx.children.add(slot.id, objectId, objectType, object);
  table.size += 1n;
}

/** True if an ObjectTable has `key`. */
export function objectTableContains(
  ctx: NativeContext,
  table: TableValue,
  keyType: MoveType,
  key: unknown,
): boolean {
  return tableContains(ctx, table, wrapperType(keyType), { name: key });
}

/** The live object stored under `key` (mutate in place); aborts with code 1 if absent. */
export function objectTableBorrow(
  ctx: NativeContext,
  table: TableValue,
  keyType: MoveType,
  key: unknown,
  objectType: MoveType,
): unknown {
  const slot = existingSlot(ctx, table, wrapperType(keyType), { name: key }, ID_TYPE);
  const pointer = borrowField<{ bytes: string }>(ctx, slot);
  return ctx.children.borrow(slot.id, pointer.bytes, objectType);
}

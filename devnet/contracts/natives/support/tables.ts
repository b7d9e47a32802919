import type { MoveType } from '../../../ledger/core/move/type-parser.js';
import { fieldId, fieldType } from '../../../ledger/core/natives/framework/dynamic-field.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';

/**
 * Sui's `Table`, `ObjectTable` and `Bag` for natives: a `{ id: UID, size: u64 }` value whose entries are
 * dynamic fields of its UID, stored exactly as Sui stores them so clients can list and read them:
 * - Table/Bag entry: `Field<K, V>` child of the table's UID.
 * - ObjectTable entry (a dynamic object field): `Field<Wrapper<K>, ID>` child of the table's UID, and the value
 *   object itself as a child of that field, keeping its own id (so `getObjects(valueId)` finds it).
 */
export interface TableValue {
  id: { id: { bytes: string } };
  size: bigint;
}

const FRAMEWORK = '0x0000000000000000000000000000000000000000000000000000000000000002';
const ID_TYPE: MoveType = { kind: 'struct', address: FRAMEWORK, module: 'object', name: 'ID', typeArgs: [] };

/** `0x2::dynamic_object_field::Wrapper<K>`: the name type of a dynamic object field. */
export function wrapperType(key: MoveType): MoveType {
  return {
    kind: 'struct',
    address: FRAMEWORK,
    module: 'dynamic_object_field',
    name: 'Wrapper',
    typeArgs: [key],
  };
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
  const parent = table.id.id.bytes;
  const id = fieldId(ctx, parent, keyType, key);
  if (ctx.children.exists(parent, id)) ctx.abort(0);
  ctx.children.add(parent, id, fieldType(keyType, valueType), {
    id: { id: { bytes: id } },
    name: key,
    value,
  });
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
  const parent = table.id.id.bytes;
  const id = fieldId(ctx, parent, keyType, key);
  if (!ctx.children.exists(parent, id)) ctx.abort(1);
  return (ctx.children.borrow(parent, id, fieldType(keyType, valueType)) as { value: unknown }).value;
}

/** Removes `key` and returns its value; aborts with code 1 if absent. */
export function tableRemove(
  ctx: NativeContext,
  table: TableValue,
  keyType: MoveType,
  key: unknown,
  valueType: MoveType,
): unknown {
  const parent = table.id.id.bytes;
  const id = fieldId(ctx, parent, keyType, key);
  if (!ctx.children.exists(parent, id)) ctx.abort(1);
  table.size -= 1n;
  return (ctx.children.remove(parent, id, fieldType(keyType, valueType)) as { value: unknown }).value;
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
  const parent = table.id.id.bytes;
  const nameType = wrapperType(keyType);
  const name = { name: key };
  const id = fieldId(ctx, parent, nameType, name);
  if (ctx.children.exists(parent, id)) ctx.abort(0);
  const objectId = object.id.id.bytes;
  ctx.children.add(parent, id, fieldType(nameType, ID_TYPE), {
    id: { id: { bytes: id } },
    name,
    value: { bytes: objectId },
  });
  ctx.children.add(id, objectId, objectType, object);
  table.size += 1n;
}

/** True if an ObjectTable has `key`. */
export function objectTableContains(
  ctx: NativeContext,
  table: TableValue,
  keyType: MoveType,
  key: unknown,
): boolean {
  const parent = table.id.id.bytes;
  return ctx.children.exists(parent, fieldId(ctx, parent, wrapperType(keyType), { name: key }));
}

/** The live object stored under `key` (mutate in place); aborts with code 1 if absent. */
export function objectTableBorrow(
  ctx: NativeContext,
  table: TableValue,
  keyType: MoveType,
  key: unknown,
  objectType: MoveType,
): unknown {
  const parent = table.id.id.bytes;
  const nameType = wrapperType(keyType);
  const id = fieldId(ctx, parent, nameType, { name: key });
  if (!ctx.children.exists(parent, id)) ctx.abort(1);
  const pointer = ctx.children.borrow(parent, id, fieldType(nameType, ID_TYPE)) as {
    value: { bytes: string };
  };
  return ctx.children.borrow(id, pointer.value.bytes, objectType);
}

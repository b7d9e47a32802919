import type { MoveType } from '../../../ledger/core/move/type-parser.js';
import { fieldId } from '../../../ledger/core/natives/framework/dynamic-field.js';
import { SUI_FRAMEWORK } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import { addField, borrowField, type FieldSlot, fieldSlot, removeField, setField } from './fields.js';
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

/**
 * A `Table<K, V>` or `Bag` value read and written as Sui's `table` module does; `borrow`, `set` and
 * `remove` abort with dynamic_field's code 1 if the key is absent, `add` with code 0 if it exists.
 */
export interface TypedTable<K, V> {
  contains(key: K): boolean;
  add(key: K, value: V): void;
  /** The live value for `key` (mutate a struct in place). */
  borrow(key: K): V;
  /** `*table.borrow_mut(key) = value`. */
  set(key: K, value: V): void;
  remove(key: K): V;
}

/** `table` with keys of Move type `keyType` and values of `valueType`. */
export function tableOf<K, V>(
  ctx: NativeContext,
  table: TableValue,
  keyType: MoveType,
  valueType: MoveType,
): TypedTable<K, V> {
  const parent = table.id.id.bytes;
  const entry = (key: K) => existingSlot(ctx, table, keyType, key, valueType);
  return {
    contains: (key) => ctx.children.exists(parent, fieldId(ctx, parent, keyType, key)),
    add(key, value) {
      const slot = fieldSlot(ctx, parent, keyType, key, valueType);
      if (ctx.children.exists(slot.parent, slot.id)) ctx.abort(0);
      addField(ctx, slot, key, value);
      table.size += 1n;
    },
    borrow: (key) => borrowField<V>(ctx, entry(key)),
    set: (key, value) => setField(ctx, entry(key), value),
    remove(key) {
      const slot = entry(key);
      table.size -= 1n;
      return removeField<V>(ctx, slot);
    },
  };
}

/**
 * An `ObjectTable<K, V>` value read and written as Sui's `object_table` module does: each entry is
 * a dynamic object field, so the object keeps its own id. `borrow` aborts with code 1 if the key is
 * absent, `add` with code 0 if it exists.
 */
export interface TypedObjectTable<K, V> {
  contains(key: K): boolean;
  add(key: K, object: V): void;
  /** The live object stored under `key` (mutate in place). */
  borrow(key: K): V;
}

/** `table` with keys of Move type `keyType` and objects of `objectType`. */
export function objectTableOf<K, V extends { id: { id: { bytes: string } } }>(
  ctx: NativeContext,
  table: TableValue,
  keyType: MoveType,
  objectType: MoveType,
): TypedObjectTable<K, V> {
  const names = tableOf<{ name: K }, { bytes: string }>(ctx, table, wrapperType(keyType), ID_TYPE);
  const slotOf = (key: K) => fieldSlot(ctx, table.id.id.bytes, wrapperType(keyType), { name: key }, ID_TYPE);
  return {
    contains: (key) => names.contains({ name: key }),
    add(key, object) {
      const objectId = object.id.id.bytes;
      names.add({ name: key }, { bytes: objectId });
      ctx.children.add(slotOf(key).id, objectId, objectType, object);
    },
    borrow(key) {
      const pointer = names.borrow({ name: key });
      return ctx.children.borrow(slotOf(key).id, pointer.bytes, objectType) as V;
    },
  };
}

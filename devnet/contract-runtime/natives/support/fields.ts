/**
 * Dynamic fields as the natives keep them, exactly as Sui stores them: a `Field<Name, Value>` child of
 * the parent object, at the id Sui derives from the name (so clients find it), holding
 * `{ id, name, value }`. The helpers do no existence checks of their own; callers abort as their Move
 * code does (see {@link assertField} for `dynamic_field::borrow`'s).
 */
import { formatMoveType, type MoveType } from '../../../ledger/core/move/type-parser.js';
import { fieldId, fieldType } from '../../../ledger/core/natives/framework/dynamic-field.js';
import { SUI_FRAMEWORK } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import { abortAt } from './natives-kit.js';

/** Where a dynamic field lives: its parent's id, its own id and its `Field<Name, Value>` type. */
export interface FieldSlot {
  parent: string;
  id: string;
  type: MoveType;
}

/** The slot of the field `name` (of type `nameType`) under `parent`, holding a `valueType`. */
export function fieldSlot(
  ctx: NativeContext,
  parent: string,
  nameType: MoveType,
  name: unknown,
  valueType: MoveType,
): FieldSlot {
  return { parent, id: fieldId(ctx, parent, nameType, name), type: fieldType(nameType, valueType) };
}

/** Adds the field `name → value` at `slot`. */
export function addField(ctx: NativeContext, slot: FieldSlot, name: unknown, value: unknown): void {
  ctx.children.add(slot.parent, slot.id, slot.type, { id: { id: { bytes: slot.id } }, name, value });
}

/** The value of the field at `slot` (live: mutate it in place). */
export function borrowField<T>(ctx: NativeContext, slot: FieldSlot): T {
  return (ctx.children.borrow(slot.parent, slot.id, slot.type) as { value: T }).value;
}

/** Replaces the value of the field at `slot` (`*dynamic_field::borrow_mut(..) = value`). */
export function setField(ctx: NativeContext, slot: FieldSlot, value: unknown): void {
  (ctx.children.borrow(slot.parent, slot.id, slot.type) as { value: unknown }).value = value;
}

/** Removes the field at `slot` and returns its value. */
export function removeField<T>(ctx: NativeContext, slot: FieldSlot): T {
  return (ctx.children.remove(slot.parent, slot.id, slot.type) as { value: T }).value;
}

/**
 * The checks of `dynamic_field::borrow` / `borrow_mut` (`fun`): aborts with `EFieldDoesNotExist` (1)
 * if there is no field at `slot`, and with `EFieldTypeMismatch` (2) if it holds another type.
 */
export function assertField(ctx: NativeContext, slot: FieldSlot, fun: 'borrow' | 'borrow_mut'): void {
  const actual = ctx.children.typeOf(slot.parent, slot.id);
  const site = { address: SUI_FRAMEWORK, module: 'dynamic_field', function: fun };
  if (actual === undefined) abortAt(ctx, site, 1); // EFieldDoesNotExist
  if (actual !== formatMoveType(slot.type)) abortAt(ctx, site, 2); // EFieldTypeMismatch
}

import type { LayoutCache } from '../move/layouts.js';
import { formatMoveType, type MoveType } from '../move/type-parser.js';

/** A value living in a PTB: an input, a command result, or the gas coin. */
export interface Slot {
  type: MoveType;
  value: unknown;
  /** Set once the value was passed by value (moved). */
  moved: boolean;
  /** A reference returned by a function (`&T`/`&mut T`): usable only as a reference argument. */
  reference?: 'imm' | 'mut';
  /** For object inputs: the object's id and how it may be used. */
  object?: { id: string; mutable: boolean; shared: boolean; input: boolean };
}

/** Abilities of a concrete type: primitives and vectors of them are copy+drop+store. */
export function abilitiesOf(layouts: LayoutCache, type: MoveType): Set<string> {
  switch (type.kind) {
    case 'vector':
      return abilitiesOf(layouts, type.element);
    case 'struct': {
      const def = layouts.structDef(type);
      if (!def) return new Set();
      const own = new Set<string>(def.abilities);
      // A generic struct has an ability only if every non-phantom type argument has it too.
      type.typeArgs.forEach((arg, i) => {
        if (def.phantomParams?.includes(def.typeParams[i]!)) return;
        const argAbilities = abilitiesOf(layouts, arg);
        for (const a of ['copy', 'drop', 'store']) if (!argAbilities.has(a)) own.delete(a);
      });
      return own;
    }
    default:
      return new Set(['copy', 'drop', 'store']);
  }
}

/** Structural type equality via the canonical string. */
export function sameType(a: MoveType, b: MoveType): boolean {
  return formatMoveType(a) === formatMoveType(b);
}

/** Deep copy of a decoded value (for copyable values used by value more than once). */
export function copyValue(layouts: LayoutCache, type: MoveType, value: unknown): unknown {
  return layouts.decode(type, layouts.encode(type, value));
}

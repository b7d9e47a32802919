import { type BcsType, bcs } from '@mysten/bcs';
import { bcs as suiBcs } from '@mysten/sui/bcs';
import { formatMoveType, type MoveType, parseMoveType, substituteType } from './type-parser.js';

/** A Move struct (or enum) definition: enough to lay out its BCS and to describe it to clients. */
export interface StructDef {
  address: string;
  module: string;
  name: string;
  /** Type parameter names, e.g. `['T']`; `phantom` ones are listed in `phantomParams`. */
  typeParams: string[];
  phantomParams?: string[];
  abilities: Array<'copy' | 'drop' | 'store' | 'key'>;
  /** Fields in declaration order (structs). Types may mention the type parameters by name. */
  fields?: Array<{ name: string; type: string }>;
  /** Variants in declaration order (Move enums); each variant has positional or named fields. */
  variants?: Array<{ name: string; fields: Array<{ name: string; type: string }> }>;
}

/** Resolves struct definitions by `address::module::name`. */
export type StructLookup = (baseName: string) => StructDef | undefined;

// Decoded values use bigint for u64/u128/u256 so natives can do exact arithmetic.
const bigU64 = bcs.u64().transform({ input: (v: bigint | number | string) => v, output: (v) => BigInt(v) });
const bigU128 = bcs.u128().transform({ input: (v: bigint | number | string) => v, output: (v) => BigInt(v) });
const bigU256 = bcs.u256().transform({ input: (v: bigint | number | string) => v, output: (v) => BigInt(v) });

/**
 * Builds and caches BCS layouts for concrete Move types.
 * Values decode to: number (u8/u16/u32), bigint (u64+), boolean, normalized address string,
 * Uint8Array (vector<u8>), arrays, and plain objects with fields in declaration order.
 * Enums decode to `{ [variant]: fields | true }`, as @mysten/bcs enums do.
 */
export class LayoutCache {
  readonly #cache = new Map<string, BcsType<unknown, unknown>>();
  readonly #lookup: StructLookup;

  constructor(lookup: StructLookup) {
    this.#lookup = lookup;
  }

  /** Layout of a concrete type given as string or tree. */
  layout(type: string | MoveType): BcsType<unknown, unknown> {
    const tree = typeof type === 'string' ? parseMoveType(type) : type;
    const key = formatMoveType(tree);
    let cached = this.#cache.get(key);
    if (!cached) {
      cached = this.#build(tree);
      this.#cache.set(key, cached);
    }
    return cached;
  }

  /** Decodes BCS bytes of a concrete type. */
  decode(type: string | MoveType, bytes: Uint8Array): unknown {
    return this.layout(type).parse(bytes);
  }

  /** Encodes a decoded value of a concrete type. */
  encode(type: string | MoveType, value: unknown): Uint8Array {
    return this.layout(type).serialize(value).toBytes();
  }

  /** The struct definition behind a concrete struct type, or undefined for non-structs/unknown. */
  structDef(type: MoveType): StructDef | undefined {
    if (type.kind !== 'struct') return undefined;
    return this.#lookup(`${type.address}::${type.module}::${type.name}`);
  }

  /** The concrete types of a struct's fields, or of one enum variant's fields, with type arguments applied. */
  fieldTypes(
    type: Extract<MoveType, { kind: 'struct' }>,
    variant?: string,
  ): Array<{ name: string; type: MoveType }> {
    const def = this.structDef(type);
    if (!def) throw new Error(`Unknown struct ${formatMoveType(type)}`);
    const fields =
      variant === undefined
        ? (def.fields ?? [])
        : (def.variants?.find((v) => v.name === variant)?.fields ?? []);
    return fields.map((f) => ({
      name: f.name,
      type: substituteType(parseMoveType(f.type, def.typeParams), type.typeArgs),
    }));
  }

  #build(type: MoveType): BcsType<unknown, unknown> {
    switch (type.kind) {
      case 'bool':
        return bcs.bool() as BcsType<unknown, unknown>;
      case 'u8':
        return bcs.u8() as BcsType<unknown, unknown>;
      case 'u16':
        return bcs.u16() as BcsType<unknown, unknown>;
      case 'u32':
        return bcs.u32() as BcsType<unknown, unknown>;
      case 'u64':
        return bigU64 as BcsType<unknown, unknown>;
      case 'u128':
        return bigU128 as BcsType<unknown, unknown>;
      case 'u256':
        return bigU256 as BcsType<unknown, unknown>;
      case 'address':
      case 'signer':
        return suiBcs.Address as BcsType<unknown, unknown>;
      case 'vector':
        if (type.element.kind === 'u8') return bcs.byteVector() as BcsType<unknown, unknown>;
        return bcs.vector(this.layout(type.element)) as BcsType<unknown, unknown>;
      case 'param':
        throw new Error(`Cannot lay out an uninstantiated type parameter ${type.name}`);
      case 'struct': {
        const name = formatMoveType(type);
        const def = this.#lookup(`${type.address}::${type.module}::${type.name}`);
        if (!def) throw new Error(`Unknown struct ${name}`);
        const fieldLayouts = (fields: Array<{ name: string; type: string }>) =>
          Object.fromEntries(
            fields.map((f) => [
              f.name,
              this.layout(substituteType(parseMoveType(f.type, def.typeParams), type.typeArgs)),
            ]),
          );
        if (def.variants) {
          return bcs.enum(
            name,
            Object.fromEntries(
              def.variants.map((v) => [
                v.name,
                v.fields.length ? bcs.struct(v.name, fieldLayouts(v.fields)) : null,
              ]),
            ),
          ) as unknown as BcsType<unknown, unknown>;
        }
        return bcs.struct(name, fieldLayouts(def.fields ?? [])) as unknown as BcsType<unknown, unknown>;
      }
    }
  }
}

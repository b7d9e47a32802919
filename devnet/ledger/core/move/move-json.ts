/**
 * A Move value as the JSON Sui's RPC serves (`Object.json`, `Event.json`): the rules of Sui's `RpcVisitor`
 * (crates/sui-types/src/object/rpc_visitor.rs). u8, u16 and u32 are numbers; u64, u128 and u256 are decimal
 * strings; addresses are full 0x strings; `vector<u8>` is standard base64; other vectors are arrays; structs
 * are objects keyed by their Move field names; enum values are `{"@variant": name, ...fields}`. A few framework
 * types collapse: `String`, `ascii::String` and `Url` to their text, `UID` and `ID` to the 0x id,
 * `Option<T>` to the value or null, `Balance<T>` to its amount string.
 * The layouts come from the ledger's struct definitions (the `LayoutCache`), never from a per-type table.
 */
import { MOVE_STDLIB, SUI_FRAMEWORK } from '../natives/framework/values.js';
import type { LayoutCache } from './layouts.js';
import { type MoveType, parseMoveType } from './type-parser.js';

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type StructType = Extract<MoveType, { kind: 'struct' }>;

const is = (type: StructType, address: string, module: string, name: string) =>
  type.address === address && type.module === module && type.name === name;

/**
 * Renders BCS bytes of a concrete Move type as Sui's RPC JSON.
 * @example moveJson(ledger.layouts, '0x2::coin::Coin<0x2::sui::SUI>', bytes) // { id: '0x…', balance: '100' }
 */
export function moveJson(layouts: LayoutCache, type: string | MoveType, bytes: Uint8Array): Json {
  const tree = typeof type === 'string' ? parseMoveType(type) : type;
  return valueJson(layouts, tree, layouts.decode(tree, bytes));
}

/** Renders a value the `LayoutCache` decoded (bigint for u64+, Uint8Array for `vector<u8>`). */
export function valueJson(layouts: LayoutCache, type: MoveType, value: unknown): Json {
  switch (type.kind) {
    case 'bool':
      return value as boolean;
    case 'u8':
    case 'u16':
    case 'u32':
      return value as number;
    case 'u64':
    case 'u128':
    case 'u256':
      return (value as bigint).toString();
    case 'address':
    case 'signer':
      return value as string;
    case 'vector':
      if (type.element.kind === 'u8') return Buffer.from(value as Uint8Array).toString('base64');
      return (value as unknown[]).map((element) => valueJson(layouts, type.element, element));
    case 'param':
      throw new Error(`Cannot render an uninstantiated type parameter ${type.name}`);
    case 'struct':
      return structJson(layouts, type, value as Record<string, unknown>);
  }
}

function structJson(layouts: LayoutCache, type: StructType, value: Record<string, unknown>): Json {
  if (
    is(type, MOVE_STDLIB, 'string', 'String') ||
    is(type, MOVE_STDLIB, 'ascii', 'String') ||
    is(type, SUI_FRAMEWORK, 'url', 'Url')
  ) {
    const bytes = (type.module === 'url' ? (value.url as { bytes: Uint8Array }) : value).bytes as Uint8Array;
    return new TextDecoder().decode(bytes);
  }
  if (is(type, SUI_FRAMEWORK, 'object', 'UID')) return (value.id as { bytes: string }).bytes;
  if (is(type, SUI_FRAMEWORK, 'object', 'ID')) return value.bytes as string;
  if (is(type, SUI_FRAMEWORK, 'balance', 'Balance')) return (value.value as bigint).toString();
  if (is(type, MOVE_STDLIB, 'option', 'Option')) {
    const [inner] = value.vec as unknown[];
    return inner === undefined ? null : valueJson(layouts, type.typeArgs[0]!, inner);
  }
  const def = layouts.structDef(type);
  if (def?.variants) {
    const variant = def.variants.find((v) => v.name in value);
    if (!variant) throw new Error(`Value of ${type.name} has no known variant`);
    const fields = value[variant.name];
    const json: Record<string, Json> = { '@variant': variant.name };
    for (const field of layouts.fieldTypes(type, variant.name)) {
      json[field.name] = valueJson(layouts, field.type, (fields as Record<string, unknown>)[field.name]);
    }
    return json;
  }
  const json: Record<string, Json> = {};
  for (const field of layouts.fieldTypes(type))
    json[field.name] = valueJson(layouts, field.type, value[field.name]);
  return json;
}

/**
 * Sample values for ledger layouts and a common shape for comparing them with values the SDK's
 * BCS types decode: the SDK flattens UID/ID to an address, strings to text, options to
 * `value | null`, tuples to arrays; the ledger keeps the Move structs.
 */
import { normalizeSuiAddress } from '@mysten/sui/utils';
import type { StructDef } from '../../devnet/ledger/core/move/layouts.js';
import { type MoveType, parseMoveType, substituteType } from '../../devnet/ledger/core/move/type-parser.js';

/** Looks a struct definition up by `address::module::Name` (full-length address). */
export type Lookup = (baseName: string) => StructDef | undefined;

const OBJECT = normalizeSuiAddress('0x2');
const STD = normalizeSuiAddress('0x1');
const base = (t: MoveType & { kind: 'struct' }) => `${t.address}::${t.module}::${t.name}`;
const isStd = (t: MoveType & { kind: 'struct' }, module: string, name: string) =>
  t.address === STD && t.module === module && t.name === name;
const isPositionalName = (name: string) => /^pos\d+$/.test(name);

/**
 * A value of `type` in the ledger's decoded shape, with a distinct value at every leaf.
 * `seed` picks enum variants and whether options are set, so several seeds cover them.
 */
export function sampleValue(type: MoveType, lookup: Lookup, seed: number): unknown {
  let counter = seed * 1000 + 1;
  const next = () => counter++;
  const build = (t: MoveType, depth: number): unknown => {
    switch (t.kind) {
      case 'bool':
        return next() % 2 === 0;
      case 'u8':
        return next() % 0x100;
      case 'u16':
        return (next() * 257) % 0x10000;
      case 'u32':
        return (next() * 65_537) % 0x1_0000_0000;
      case 'u64':
        return BigInt(next()) * 1_000_000_007n;
      case 'u128':
        return BigInt(next()) << 70n;
      case 'u256':
        return (BigInt(next()) << 200n) + 5n;
      case 'address':
      case 'signer':
        return normalizeSuiAddress(`0x${next().toString(16)}ab`);
      case 'vector': {
        if (t.element.kind === 'u8') return Uint8Array.from([next() % 256, next() % 256, next() % 256]);
        const length = depth > 3 ? 1 : 2;
        return Array.from({ length }, () => build(t.element, depth + 1));
      }
      case 'param':
        throw new Error(`cannot sample an uninstantiated type parameter ${t.name}`);
      case 'struct': {
        if (isStd(t, 'string', 'String') || isStd(t, 'ascii', 'String')) {
          return { bytes: new TextEncoder().encode(`s${next()}`) };
        }
        if (isStd(t, 'option', 'Option')) {
          return { vec: next() % 2 === 0 ? [build(t.typeArgs[0]!, depth + 1)] : [] };
        }
        const def = lookup(base(t));
        if (!def) throw new Error(`no layout for ${base(t)}`);
        const fieldType = (f: { type: string }) =>
          substituteType(parseMoveType(f.type, def.typeParams), t.typeArgs);
        const fields = (list: Array<{ name: string; type: string }>) =>
          Object.fromEntries(list.map((f) => [f.name, build(fieldType(f), depth + 1)]));
        if (def.variants) {
          const variant = def.variants[next() % def.variants.length]!;
          return { [variant.name]: variant.fields.length ? fields(variant.fields) : true };
        }
        return fields(def.fields ?? []);
      }
    }
  };
  return build(type, 0);
}

/**
 * The ledger value of `type` in the common shape. `positional(baseName)` tells which structs were
 * declared positional (`struct S(A, B)`); the SDK reads those as arrays.
 */
export function normalizeLedgerValue(
  type: MoveType,
  value: unknown,
  lookup: Lookup,
  positional: (baseName: string) => boolean,
): unknown {
  const walk = (t: MoveType, v: unknown): unknown => {
    switch (t.kind) {
      case 'u64':
      case 'u128':
      case 'u256':
        return String(v);
      case 'vector':
        if (t.element.kind === 'u8') return Array.from(v as Uint8Array);
        return (v as unknown[]).map((e) => walk(t.element, e));
      case 'struct': {
        const record = v as Record<string, unknown>;
        if (t.address === OBJECT && t.module === 'object' && t.name === 'UID') {
          return (record.id as { bytes: string }).bytes;
        }
        if (t.address === OBJECT && t.module === 'object' && t.name === 'ID') return record.bytes;
        if (isStd(t, 'string', 'String') || isStd(t, 'ascii', 'String')) {
          return new TextDecoder().decode(record.bytes as Uint8Array);
        }
        if (isStd(t, 'option', 'Option')) {
          const vec = record.vec as unknown[];
          return vec.length ? walk(t.typeArgs[0]!, vec[0]) : null;
        }
        const def = lookup(base(t))!;
        const fieldType = (f: { type: string }) =>
          substituteType(parseMoveType(f.type, def.typeParams), t.typeArgs);
        const named = (fields: Array<{ name: string; type: string }>, r: Record<string, unknown>) =>
          Object.fromEntries(fields.map((f) => [f.name, walk(fieldType(f), r[f.name])]));
        const tuple = (fields: Array<{ name: string; type: string }>, r: Record<string, unknown>) =>
          fields.map((f) => walk(fieldType(f), r[f.name]));
        if (def.variants) {
          const [name] = Object.keys(record) as [string];
          const variant = def.variants.find((x) => x.name === name)!;
          const payload = record[name];
          if (!variant.fields.length) return { [name]: true };
          if (variant.fields.every((f) => isPositionalName(f.name))) {
            const items = tuple(variant.fields, payload as Record<string, unknown>);
            return { [name]: items.length === 1 ? items[0] : items };
          }
          return { [name]: named(variant.fields, payload as Record<string, unknown>) };
        }
        const fields = def.fields ?? [];
        return positional(base(t)) ? tuple(fields, record) : named(fields, record);
      }
      default:
        return v;
    }
  };
  return walk(type, value);
}

/** An SDK-decoded value in the common shape: `$kind` markers dropped, integers as strings or numbers. */
export function normalizeSdkValue(value: unknown): unknown {
  if (typeof value === 'bigint') return String(value);
  if (value instanceof Uint8Array) return Array.from(value);
  if (Array.isArray(value)) return value.map(normalizeSdkValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== '$kind')
        .map(([key, v]) => [key, normalizeSdkValue(v)]),
    );
  }
  return value;
}

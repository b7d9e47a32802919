/**
 * `0x2::bls12381`: BLS12-381 signature verification and the G1 operations the Walrus contracts use
 * (committee keys are summed and subtracted in G1; signatures are min_pk: public keys in G1,
 * signatures in G2, DST `BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_`).
 *
 * Encodings are Sui's (ZCash): `Element<G1>` is a 48-byte compressed point, `Element<UncompressedG1>`
 * 96 bytes uncompressed. Verification runs in `@mysten/walrus-wasm` (fastcrypto, as on Sui); point
 * arithmetic in `@noble/curves`.
 */
import { bls12381_min_pk_verify } from '@mysten/walrus-wasm';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { SUI_FRAMEWORK } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext, NativeModule } from '../../../ledger/core/natives/native-types.js';
import { frameworkNativeSource } from '../../framework-sources.js';
import { implement, nativeModule, returning } from '../support/implement.js';
import { abortAt } from '../support/natives-kit.js';
import { EInputTooLong, EInvalidInput, type ElementValue } from './group_ops.js';

/** Bytes of a compressed G1 element. */
export const G1_COMPRESSED_LENGTH = 48;
/** Bytes of an uncompressed G1 element. */
export const G1_UNCOMPRESSED_LENGTH = 96;
/** The most terms `uncompressed_g1_sum` adds. */
export const MAX_G1_SUM_TERMS = 1200;
/** The domain separation tag of min_pk signatures. */
export const MIN_PK_DST = 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_';

type G1Point = InstanceType<typeof bls12_381.G1.Point>;
const G1 = bls12_381.G1.Point;

/** Parsed points by encoding: parsing checks the curve and the subgroup, which is slow. */
const pointCache = new Map<string, G1Point>();
const CACHE_LIMIT = 4096;

function parsePoint(bytes: Uint8Array): G1Point {
  const key = Buffer.from(bytes).toString('hex');
  const cached = pointCache.get(key);
  if (cached) return cached;
  const point = G1.fromBytes(bytes);
  point.assertValidity();
  if (pointCache.size >= CACHE_LIMIT) pointCache.delete(pointCache.keys().next().value!);
  pointCache.set(key, point);
  return point;
}

/** A G1 element, or undefined if `bytes` is not a valid encoding of the given length. */
export function tryG1(bytes: Uint8Array, length: number): G1Point | undefined {
  if (bytes.length !== length) return undefined;
  try {
    return parsePoint(bytes);
  } catch {
    return undefined;
  }
}

const site = (fun: string) => ({ address: SUI_FRAMEWORK, module: 'bls12381', function: fun });

/** A trusted element's point (elements built by these functions are always valid). */
function pointOf(ctx: NativeContext, e: ElementValue, length: number, fun: string): G1Point {
  return tryG1(e.bytes, length) ?? abortAt(ctx, site(fun), EInvalidInput);
}

/** The identity's encodings (ZCash flags: compressed + infinity, infinity). */
const IDENTITY_COMPRESSED = Uint8Array.from([0xc0, ...new Uint8Array(47)]);
const IDENTITY_UNCOMPRESSED = Uint8Array.from([0x40, ...new Uint8Array(95)]);

const compressed = (p: G1Point): ElementValue => ({
  bytes: p.is0() ? Uint8Array.from(IDENTITY_COMPRESSED) : p.toBytes(true),
});
const uncompressed = (p: G1Point): ElementValue => ({
  bytes: p.is0() ? Uint8Array.from(IDENTITY_UNCOMPRESSED) : p.toBytes(false),
});

/**
 * True if `signature` (96-byte compressed G2) is the signature of `msg` under `publicKey` (48-byte
 * compressed G1), min_pk. Invalid encodings give false, as on Sui.
 */
export function bls12381MinPkVerify(
  _ctx: NativeContext,
  signature: Uint8Array,
  publicKey: Uint8Array,
  msg: Uint8Array,
): boolean {
  if (signature.length !== 96 || publicKey.length !== G1_COMPRESSED_LENGTH) return false;
  const key = `${Buffer.from(signature).toString('hex')}:${Buffer.from(publicKey).toString('hex')}:${Buffer.from(msg).toString('hex')}`;
  const known = recentVerifications.get(key);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    valid = bls12381_min_pk_verify(signature, publicKey, msg);
  } catch {
    valid = false;
  }
  recentVerifications.set(key, valid);
  if (recentVerifications.size > RECENT_VERIFICATIONS_KEPT)
    recentVerifications.delete(recentVerifications.keys().next().value!);
  return valid;
}

/**
 * The last verifications' results. A pairing check costs 14-30 ms on this kind of machine, and the same one comes
 * twice in a row: the SDK dry-runs a transaction (`certify_blob`, `register_candidate`) before it executes it.
 * The result depends only on the three byte strings, so a repeat is answered from here.
 */
const recentVerifications = new Map<string, boolean>();
const RECENT_VERIFICATIONS_KEPT = 256;

/** A G1 element from 48 compressed bytes; aborts with group_ops `EInvalidInput` if invalid. */
export function g1FromBytes(ctx: NativeContext, bytes: Uint8Array): ElementValue {
  const point = tryG1(bytes, G1_COMPRESSED_LENGTH);
  if (!point)
    abortAt(ctx, { address: SUI_FRAMEWORK, module: 'group_ops', function: 'from_bytes' }, EInvalidInput);
  return { bytes: Uint8Array.from(bytes) };
}

/** The identity of G1 (compressed: 0xc0 then zeros). */
export function g1Identity(_ctx: NativeContext): ElementValue {
  return compressed(G1.ZERO);
}

/** The generator of G1. */
export function g1Generator(_ctx: NativeContext): ElementValue {
  return compressed(G1.BASE);
}

/** `e1 + e2` in G1. */
export function g1Add(ctx: NativeContext, e1: ElementValue, e2: ElementValue): ElementValue {
  const a = pointOf(ctx, e1, G1_COMPRESSED_LENGTH, 'g1_add');
  return compressed(a.add(pointOf(ctx, e2, G1_COMPRESSED_LENGTH, 'g1_add')));
}

/** `e1 - e2` in G1. */
export function g1Sub(ctx: NativeContext, e1: ElementValue, e2: ElementValue): ElementValue {
  const a = pointOf(ctx, e1, G1_COMPRESSED_LENGTH, 'g1_sub');
  return compressed(a.subtract(pointOf(ctx, e2, G1_COMPRESSED_LENGTH, 'g1_sub')));
}

/** `-e` in G1. */
export function g1Neg(ctx: NativeContext, e: ElementValue): ElementValue {
  return compressed(pointOf(ctx, e, G1_COMPRESSED_LENGTH, 'g1_neg').negate());
}

/** The uncompressed (96-byte) form of a G1 element. */
export function g1ToUncompressedG1(ctx: NativeContext, e: ElementValue): ElementValue {
  return uncompressed(pointOf(ctx, e, G1_COMPRESSED_LENGTH, 'g1_to_uncompressed_g1'));
}

/** The compressed (48-byte) form of an uncompressed G1 element. */
export function uncompressedG1ToG1(ctx: NativeContext, e: ElementValue): ElementValue {
  return compressed(pointOf(ctx, e, G1_UNCOMPRESSED_LENGTH, 'uncompressed_g1_to_g1'));
}

/** The sum of uncompressed G1 elements (uncompressed); at most {@link MAX_G1_SUM_TERMS} terms. */
export function uncompressedG1Sum(ctx: NativeContext, terms: ElementValue[]): ElementValue {
  if (terms.length > MAX_G1_SUM_TERMS) abortAt(ctx, site('uncompressed_g1_sum'), EInputTooLong);
  let sum = G1.ZERO;
  for (const term of terms) sum = sum.add(pointOf(ctx, term, G1_UNCOMPRESSED_LENGTH, 'uncompressed_g1_sum'));
  return uncompressed(sum);
}

/** The natives of `0x2::bls12381` (contracts/sui/sources/bls12381.move): min_pk verification and G1 operations. */
export const bls12381Natives = implement('bls12381', {
  bls12381_min_pk_verify: returning(bls12381MinPkVerify),
  g1_from_bytes: returning(g1FromBytes),
  g1_identity: returning(g1Identity),
  g1_generator: returning(g1Generator),
  g1_add: returning(g1Add),
  g1_sub: returning(g1Sub),
  g1_neg: returning(g1Neg),
  g1_to_uncompressed_g1: returning(g1ToUncompressedG1),
  uncompressed_g1_to_g1: returning(uncompressedG1ToG1),
  uncompressed_g1_sum: returning(uncompressedG1Sum),
});

/** The `0x2::bls12381` module: marker structs, min_pk verification and G1 operations. */
export const bls12381Module: NativeModule = nativeModule(frameworkNativeSource('bls12381'), bls12381Natives);

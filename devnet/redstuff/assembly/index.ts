// RedStuff kernels in AssemblyScript (compiled to wasm with SIMD by `npm run build`): the
// Reed-Solomon encoder of reed-solomon-simd (Leopard, GF(2^16)), Blake2b-256 and the Walrus Merkle
// tree, so that one call expands a sliver's k symbols to n and returns its Merkle root.
// The readable version of the same algorithm is ../reference.ts; walrus-protocol.md §12 has the facts.
//
// Memory: field tables first, then one work region reused by every call (grown on demand):
//   input (k symbols) | recovery output (m symbols) | work shards | leaf hashes | root.
// The JavaScript side calls `prepare`, writes the input at the returned pointer, calls `expand`,
// then reads `rootPtr()` (32 bytes) and `recoveryPtr()` (m symbols, contiguous).

import { compress, compress2v, IV0, IV1, IV2, IV3, IV4, IV5, IV6, IV7 } from './generated/blake2b-rounds';

const ORDER: u32 = 65536;
const MODULUS: u32 = 65535;
const POLYNOMIAL: u32 = 0x1002d;

const CANTOR_BASIS: StaticArray<u16> = [
  0x0001, 0xacca, 0x3c0e, 0x163e, 0xc582, 0xed2e, 0x914c, 0x4012, 0x6c98, 0x10d8, 0x6a72, 0xb900,
  0xfdb8, 0xfb34, 0xff38, 0x991e,
];


let EXP: usize = 0;
let LOG: usize = 0;
let SKEW: usize = 0;
/** Per log-multiplier, 128 bytes: 4 nibble tables of product low bytes, then 4 of high bytes. */
let MUL: usize = 0;
/** The log table (log 0 taken as 0) through the Walsh-Hadamard transform, for decoding. */
let LOG_WALSH: usize = 0;
/** Erasure locator values of one decode (65536 u16). */
let ERASURES: usize = 0;
let HASH_STATE: usize = 0;
let HASH_BLOCK: usize = 0;
/** Two-lane state of `blake2b256x2`: word i of both states at `HASH_STATE2 + 16 * i`. */
let HASH_STATE2: usize = 0;
let HASH_BLOCK2: usize = 0;
/** Two blocks' message words, interleaved (`compress2v`). */
let HASH_MSG2: usize = 0;
let WORK_BASE: usize = 0;
let capacity: usize = 0;

let inputAt: usize = 0;
let recoveryAt: usize = 0;
let workAt: usize = 0;
let leavesAt: usize = 0;
let rootAt: usize = 0;

function ensureMemory(end: usize): void {
  const have = (<usize>memory.size()) << 16;
  if (end > have) {
    const pages = <i32>((end - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) unreachable();
  }
}

@inline function addMod(a: u32, b: u32): u32 {
  const sum = a + b;
  return (sum + (sum >> 16)) & 0xffff;
}

@inline function expAt(i: u32): u32 {
  return <u32>load<u16>(EXP + ((<usize>i) << 1));
}

@inline function logAt(i: u32): u32 {
  return <u32>load<u16>(LOG + ((<usize>i) << 1));
}

function mulLog(x: u32, logM: u32): u32 {
  return x == 0 ? 0 : expAt(addMod(logAt(x), logM));
}

function buildExpLog(): void {
  let state: u32 = 1;
  for (let i: u32 = 0; i < MODULUS; i++) {
    store<u16>(EXP + ((<usize>state) << 1), <u16>i);
    state <<= 1;
    if (state >= ORDER) state ^= POLYNOMIAL;
  }
  store<u16>(EXP, <u16>MODULUS);
  store<u16>(LOG, 0);
  for (let bit = 0; bit < 16; bit++) {
    const width: u32 = 1 << bit;
    const basis = <u32>CANTOR_BASIS[bit];
    for (let j: u32 = 0; j < width; j++) {
      store<u16>(LOG + ((<usize>(j + width)) << 1), <u16>(logAt(j) ^ basis));
    }
  }
  for (let i: u32 = 0; i < ORDER; i++) store<u16>(LOG + ((<usize>i) << 1), <u16>expAt(logAt(i)));
  for (let i: u32 = 0; i < ORDER; i++) store<u16>(EXP + ((<usize>logAt(i)) << 1), <u16>i);
  store<u16>(EXP + ((<usize>MODULUS) << 1), <u16>expAt(0));
}

function buildSkew(): void {
  // Static scratch, not a heap object: the tables live where the heap would start.
  const temp = memory.data(64, 16);
  for (let i = 0; i < 15; i++) store<u32>(temp + (<usize>i << 2), (<u32>1) << (<u32>(i + 1)));
  for (let m = 0; m < 15; m++) {
    const step: u32 = (<u32>1) << (<u32>(m + 1));
    store<u16>(SKEW + ((((<usize>1) << m) - 1) << 1), 0);
    for (let i = m; i < 15; i++) {
      const s: u32 = (<u32>1) << (<u32>(i + 1));
      for (let j: u32 = ((<u32>1) << (<u32>m)) - 1; j < s; j += step) {
        const v = <u32>load<u16>(SKEW + ((<usize>j) << 1)) ^ load<u32>(temp + (<usize>i << 2));
        store<u16>(SKEW + ((<usize>(j + s)) << 1), <u16>v);
      }
    }
    const tm = load<u32>(temp + (<usize>m << 2));
    const logTm = MODULUS - logAt(mulLog(tm, logAt(tm ^ 1)));
    store<u32>(temp + (<usize>m << 2), logTm);
    for (let i = m + 1; i < 15; i++) {
      const at = temp + (<usize>i << 2);
      const ti = load<u32>(at);
      store<u32>(at, mulLog(ti, addMod(logAt(ti ^ 1), logTm)));
    }
  }
  for (let i: u32 = 0; i < MODULUS; i++) {
    const at = SKEW + ((<usize>i) << 1);
    store<u16>(at, <u16>logAt(<u32>load<u16>(at)));
  }
}

function buildMul(): void {
  for (let logM: u32 = 0; logM < ORDER; logM++) {
    const lut = MUL + ((<usize>logM) << 7);
    for (let nibble: u32 = 0; nibble < 4; nibble++) {
      for (let x: u32 = 0; x < 16; x++) {
        const prod = mulLog(x << (nibble * 4), logM);
        store<u8>(lut + (<usize>(nibble * 16 + x)), <u8>prod);
        store<u8>(lut + 64 + (<usize>(nibble * 16 + x)), <u8>(prod >> 8));
      }
    }
  }
}

/** Builds the field tables; call once before anything else. */
export function init(): void {
  if (EXP != 0) return;
  const base = (__heap_base + 63) & ~(<usize>63);
  EXP = base;
  LOG = EXP + (<usize>ORDER << 1);
  SKEW = LOG + (<usize>ORDER << 1);
  MUL = SKEW + (<usize>ORDER << 1);
  LOG_WALSH = MUL + (<usize>ORDER << 7);
  ERASURES = LOG_WALSH + (<usize>ORDER << 1);
  HASH_STATE = ERASURES + (<usize>ORDER << 1);
  HASH_BLOCK = HASH_STATE + 64;
  HASH_STATE2 = HASH_BLOCK + 128;
  HASH_BLOCK2 = HASH_STATE2 + 128;
  HASH_MSG2 = HASH_BLOCK2 + 256;
  WORK_BASE = HASH_MSG2 + 256;
  ensureMemory(WORK_BASE);
  buildExpLog();
  buildSkew();
  buildMul();
  memory.copy(LOG_WALSH, LOG, <usize>ORDER << 1);
  store<u16>(LOG_WALSH, 0);
  fwht(LOG_WALSH, ORDER);
}

// ---------------------------------------------------------------- GF(2^16) SIMD butterflies

/** The product of the 16 words (`lo`, `hi` byte planes) with the multiplier of table `lut`. */
@inline function productLo(lo: v128, hi: v128, lut: usize): v128 {
  const mask = i8x16.splat(15);
  return v128.xor(
    v128.xor(
      i8x16.swizzle(v128.load(lut), v128.and(lo, mask)),
      i8x16.swizzle(v128.load(lut + 16), i8x16.shr_u(lo, 4)),
    ),
    v128.xor(
      i8x16.swizzle(v128.load(lut + 32), v128.and(hi, mask)),
      i8x16.swizzle(v128.load(lut + 48), i8x16.shr_u(hi, 4)),
    ),
  );
}

/** FFT butterfly over one shard pair: `x ^= y * m; y ^= x` (the multiply skipped when `m` is 0). */
function fftButterfly(x: usize, y: usize, bytes: usize, logM: u32): void {
  if (logM == MODULUS) {
    for (let o: usize = 0; o < bytes; o += 16) v128.store(y + o, v128.xor(v128.load(y + o), v128.load(x + o)));
    return;
  }
  const lut = MUL + ((<usize>logM) << 7);
  for (let o: usize = 0; o < bytes; o += 64) {
    for (let half: usize = 0; half < 32; half += 16) {
      const yLo = v128.load(y + o + half);
      const yHi = v128.load(y + o + 32 + half);
      const xLo = v128.xor(v128.load(x + o + half), productLo(yLo, yHi, lut));
      const xHi = v128.xor(v128.load(x + o + 32 + half), productLo(yLo, yHi, lut + 64));
      v128.store(x + o + half, xLo);
      v128.store(x + o + 32 + half, xHi);
      v128.store(y + o + half, v128.xor(yLo, xLo));
      v128.store(y + o + 32 + half, v128.xor(yHi, xHi));
    }
  }
}

/** IFFT butterfly over one shard pair: `y ^= x; x ^= y * m` (the multiply skipped when `m` is 0). */
function ifftButterfly(x: usize, y: usize, bytes: usize, logM: u32): void {
  if (logM == MODULUS) {
    for (let o: usize = 0; o < bytes; o += 16) v128.store(y + o, v128.xor(v128.load(y + o), v128.load(x + o)));
    return;
  }
  const lut = MUL + ((<usize>logM) << 7);
  for (let o: usize = 0; o < bytes; o += 64) {
    for (let half: usize = 0; half < 32; half += 16) {
      const xLo = v128.load(x + o + half);
      const xHi = v128.load(x + o + 32 + half);
      const yLo = v128.xor(v128.load(y + o + half), xLo);
      const yHi = v128.xor(v128.load(y + o + 32 + half), xHi);
      v128.store(y + o + half, yLo);
      v128.store(y + o + 32 + half, yHi);
      v128.store(x + o + half, v128.xor(xLo, productLo(yLo, yHi, lut)));
      v128.store(x + o + 32 + half, v128.xor(xHi, productLo(yLo, yHi, lut + 64)));
    }
  }
}

@inline function skewAt(i: u32): u32 {
  return <u32>load<u16>(SKEW + ((<usize>i) << 1));
}

/**
 * Two FFT layers over four shards (`dist` bytes apart) in registers: (s0, s2) and (s1, s3) by
 * `m02`, then (s0, s1) by `m01` and (s2, s3) by `m23`.
 */
function fftTwoLayers(s0: usize, dist: usize, bytes: usize, m01: u32, m23: u32, m02: u32): void {
  const s1 = s0 + dist;
  const s2 = s1 + dist;
  const s3 = s2 + dist;
  const lut01 = MUL + ((<usize>m01) << 7);
  const lut23 = MUL + ((<usize>m23) << 7);
  const lut02 = MUL + ((<usize>m02) << 7);
  for (let o: usize = 0; o < bytes; o += 64) {
    for (let a: usize = o; a < o + 32; a += 16) {
      let a0 = v128.load(s0 + a), b0 = v128.load(s0 + a + 32);
      let a1 = v128.load(s1 + a), b1 = v128.load(s1 + a + 32);
      let a2 = v128.load(s2 + a), b2 = v128.load(s2 + a + 32);
      let a3 = v128.load(s3 + a), b3 = v128.load(s3 + a + 32);
      if (m02 != MODULUS) {
        a0 = v128.xor(a0, productLo(a2, b2, lut02));
        b0 = v128.xor(b0, productLo(a2, b2, lut02 + 64));
        a1 = v128.xor(a1, productLo(a3, b3, lut02));
        b1 = v128.xor(b1, productLo(a3, b3, lut02 + 64));
      }
      a2 = v128.xor(a2, a0);
      b2 = v128.xor(b2, b0);
      a3 = v128.xor(a3, a1);
      b3 = v128.xor(b3, b1);
      if (m01 != MODULUS) {
        a0 = v128.xor(a0, productLo(a1, b1, lut01));
        b0 = v128.xor(b0, productLo(a1, b1, lut01 + 64));
      }
      a1 = v128.xor(a1, a0);
      b1 = v128.xor(b1, b0);
      if (m23 != MODULUS) {
        a2 = v128.xor(a2, productLo(a3, b3, lut23));
        b2 = v128.xor(b2, productLo(a3, b3, lut23 + 64));
      }
      a3 = v128.xor(a3, a2);
      b3 = v128.xor(b3, b2);
      v128.store(s0 + a, a0);
      v128.store(s0 + a + 32, b0);
      v128.store(s1 + a, a1);
      v128.store(s1 + a + 32, b1);
      v128.store(s2 + a, a2);
      v128.store(s2 + a + 32, b2);
      v128.store(s3 + a, a3);
      v128.store(s3 + a + 32, b3);
    }
  }
}

/** Two IFFT layers over four shards: (s0, s1) by `m01` and (s2, s3) by `m23`, then (s0, s2) and (s1, s3) by `m02`. */
function ifftTwoLayers(s0: usize, dist: usize, bytes: usize, m01: u32, m23: u32, m02: u32): void {
  const s1 = s0 + dist;
  const s2 = s1 + dist;
  const s3 = s2 + dist;
  const lut01 = MUL + ((<usize>m01) << 7);
  const lut23 = MUL + ((<usize>m23) << 7);
  const lut02 = MUL + ((<usize>m02) << 7);
  for (let o: usize = 0; o < bytes; o += 64) {
    for (let a: usize = o; a < o + 32; a += 16) {
      let a0 = v128.load(s0 + a), b0 = v128.load(s0 + a + 32);
      let a1 = v128.load(s1 + a), b1 = v128.load(s1 + a + 32);
      let a2 = v128.load(s2 + a), b2 = v128.load(s2 + a + 32);
      let a3 = v128.load(s3 + a), b3 = v128.load(s3 + a + 32);
      a1 = v128.xor(a1, a0);
      b1 = v128.xor(b1, b0);
      if (m01 != MODULUS) {
        a0 = v128.xor(a0, productLo(a1, b1, lut01));
        b0 = v128.xor(b0, productLo(a1, b1, lut01 + 64));
      }
      a3 = v128.xor(a3, a2);
      b3 = v128.xor(b3, b2);
      if (m23 != MODULUS) {
        a2 = v128.xor(a2, productLo(a3, b3, lut23));
        b2 = v128.xor(b2, productLo(a3, b3, lut23 + 64));
      }
      a2 = v128.xor(a2, a0);
      b2 = v128.xor(b2, b0);
      a3 = v128.xor(a3, a1);
      b3 = v128.xor(b3, b1);
      if (m02 != MODULUS) {
        a0 = v128.xor(a0, productLo(a2, b2, lut02));
        b0 = v128.xor(b0, productLo(a2, b2, lut02 + 64));
        a1 = v128.xor(a1, productLo(a3, b3, lut02));
        b1 = v128.xor(b1, productLo(a3, b3, lut02 + 64));
      }
      v128.store(s0 + a, a0);
      v128.store(s0 + a + 32, b0);
      v128.store(s1 + a, a1);
      v128.store(s1 + a + 32, b1);
      v128.store(s2 + a, a2);
      v128.store(s2 + a + 32, b2);
      v128.store(s3 + a, a3);
      v128.store(s3 + a + 32, b3);
    }
  }
}

/**
 * In-place FFT of shards `pos .. pos + size`, two layers at a time from the widest butterflies,
 * then a last single layer when log2(size) is odd; only the first `truncated` outputs are valid.
 */
function fft(work: usize, stride: usize, pos: u32, size: u32, truncated: u32, skewDelta: u32): void {
  let dist4 = size;
  let dist = size >> 2;
  while (dist != 0) {
    for (let r: u32 = 0; r < truncated; r += dist4) {
      const base = r + dist + skewDelta - 1;
      const m01 = skewAt(base);
      const m02 = skewAt(base + dist);
      const m23 = skewAt(base + 2 * dist);
      for (let i: u32 = r; i < r + dist; i++) {
        fftTwoLayers(work + <usize>(pos + i) * stride, <usize>dist * stride, stride, m01, m23, m02);
      }
    }
    dist4 = dist;
    dist >>= 2;
  }
  if (dist4 == 2) {
    for (let r: u32 = 0; r < truncated; r += 2) {
      const x = work + <usize>(pos + r) * stride;
      fftButterfly(x, x + stride, stride, skewAt(r + skewDelta));
    }
  }
}

/** In-place IFFT of shards `pos .. pos + size`, two layers at a time; inputs from `truncated` on must be zero. */
function ifft(work: usize, stride: usize, pos: u32, size: u32, truncated: u32, skewDelta: u32): void {
  let dist: u32 = 1;
  let dist4: u32 = 4;
  while (dist4 <= size) {
    for (let r: u32 = 0; r < truncated; r += dist4) {
      const base = r + dist + skewDelta - 1;
      const m01 = skewAt(base);
      const m02 = skewAt(base + dist);
      const m23 = skewAt(base + 2 * dist);
      for (let i: u32 = r; i < r + dist; i++) {
        ifftTwoLayers(work + <usize>(pos + i) * stride, <usize>dist * stride, stride, m01, m23, m02);
      }
    }
    dist = dist4;
    dist4 <<= 2;
  }
  if (dist < size) {
    const logM = skewAt(dist + skewDelta - 1);
    for (let i: u32 = 0; i < dist; i++) {
      const x = work + <usize>(pos + i) * stride;
      ifftButterfly(x, x + <usize>dist * stride, stride, logM);
    }
  }
}

function xorInto(x: usize, y: usize, bytes: usize): void {
  for (let o: usize = 0; o < bytes; o += 16) v128.store(x + o, v128.xor(v128.load(x + o), v128.load(y + o)));
}

function nextPow2(x: u32): u32 {
  let p: u32 = 1;
  while (p < x) p <<= 1;
  return p;
}

function isHighRate(k: u32, m: u32): bool {
  const kp = nextPow2(k);
  const mp = nextPow2(m);
  return kp == mp ? k <= m : kp > mp;
}

function workShards(k: u32, m: u32): u32 {
  if (isHighRate(k, m)) {
    const chunk = nextPow2(m);
    return ((k + chunk - 1) / chunk) * chunk;
  }
  const chunk = nextPow2(k);
  return ((m + chunk - 1) / chunk) * chunk;
}

/** Symbol bytes into a work shard: whole 64-byte blocks as they are, a tail split into its halves. */
function toShard(shard: usize, symbol: usize, symbolSize: usize): void {
  const whole = symbolSize & ~(<usize>63);
  memory.copy(shard, symbol, whole);
  const half = (symbolSize - whole) >> 1;
  if (half > 0) {
    memory.copy(shard + whole, symbol + whole, half);
    memory.copy(shard + whole + 32, symbol + whole + half, half);
  }
}

function fromShard(symbol: usize, shard: usize, symbolSize: usize): void {
  const whole = symbolSize & ~(<usize>63);
  memory.copy(symbol, shard, whole);
  const half = (symbolSize - whole) >> 1;
  if (half > 0) {
    memory.copy(symbol + whole, shard + whole, half);
    memory.copy(symbol + whole + half, shard + whole + 32, half);
  }
}

function encodeHighRate(k: u32, m: u32, stride: usize): void {
  const chunk = nextPow2(m);
  ifft(workAt, stride, 0, chunk, k < chunk ? k : chunk, chunk);
  for (let start: u32 = chunk; start < k; start += chunk) {
    const count = k - start < chunk ? k - start : chunk;
    ifft(workAt, stride, start, chunk, count, start + chunk);
    xorInto(workAt, workAt + <usize>start * stride, <usize>chunk * stride);
  }
  fft(workAt, stride, 0, chunk, m, 0);
}

function encodeLowRate(k: u32, m: u32, stride: usize): void {
  const chunk = nextPow2(k);
  ifft(workAt, stride, 0, chunk, k, 0);
  const chunkBytes = <usize>chunk * stride;
  for (let start: u32 = chunk; start < m; start += chunk) {
    memory.copy(workAt + <usize>start * stride, workAt, chunkBytes);
  }
  for (let start: u32 = 0; start < m; start += chunk) {
    const count = m - start < chunk ? m - start : chunk;
    fft(workAt, stride, start, chunk, count, start + chunk);
  }
}

// ---------------------------------------------------------------- Blake2b-256 and Merkle

// `compress` and `compress2v` (two messages at once) are generated: generated/blake2b-rounds.ts.

/** Blake2b with a 32-byte digest (digest length in the parameter block) of `len` bytes at `ptr`. */
export function blake2b256(ptr: usize, len: usize, out: usize): void {
  const h = HASH_STATE;
  initState();
  let offset: usize = 0;
  while (len - offset > 128) {
    offset += 128;
    compress(HASH_STATE, ptr + offset - 128, <u64>offset, false);
  }
  const rest = len - offset;
  memory.fill(HASH_BLOCK, 0, 128);
  memory.copy(HASH_BLOCK, ptr + offset, rest);
  compress(HASH_STATE, HASH_BLOCK, <u64>len, true);
  memory.copy(out, h, 32);
}

function initState(): void {
  const h = HASH_STATE;
  // Parameter block: digest length 32, no key, fanout 1, depth 1.
  store<u64>(h, IV0 ^ 0x01010020);
  store<u64>(h, IV1, 8);
  store<u64>(h, IV2, 16);
  store<u64>(h, IV3, 24);
  store<u64>(h, IV4, 32);
  store<u64>(h, IV5, 40);
  store<u64>(h, IV6, 48);
  store<u64>(h, IV7, 56);
}

/**
 * Blake2b-256 of `prefix || bytes` (a Merkle leaf or inner node) without copying the bytes: the
 * first block is built with the prefix, the next ones are read in place one byte back.
 */
function prefixedHash(prefix: u8, ptr: usize, len: usize, out: usize): void {
  initState();
  const total = len + 1;
  memory.fill(HASH_BLOCK, 0, 128);
  store<u8>(HASH_BLOCK, prefix);
  if (total <= 128) {
    memory.copy(HASH_BLOCK + 1, ptr, len);
    compress(HASH_STATE, HASH_BLOCK, <u64>total, true);
  } else {
    memory.copy(HASH_BLOCK + 1, ptr, 127);
    compress(HASH_STATE, HASH_BLOCK, 128, false);
    let offset: usize = 128;
    while (total - offset > 128) {
      compress(HASH_STATE, ptr + offset - 1, <u64>(offset + 128), false);
      offset += 128;
    }
    memory.fill(HASH_BLOCK, 0, 128);
    memory.copy(HASH_BLOCK, ptr + offset - 1, total - offset);
    compress(HASH_STATE, HASH_BLOCK, <u64>total, true);
  }
  memory.copy(out, HASH_STATE, 32);
}

// ---------------------------------------------------------------- Blake2b-256, two messages at once

// Two independent messages of the same length are hashed in the two 64-bit lanes of v128 values:
// the rounds of `compress`, lane 0 for the first message, lane 1 for the second.

@inline function pair(x: u64, y: u64): v128 {
  return i64x2.replace_lane(i64x2.splat(x), 1, y);
}

/** `compress` of the blocks at `a` and `b`, in the two lanes. */
function compress2(a: usize, b: usize, t: u64, last: bool): void {
  const msg = HASH_MSG2;
  for (let i: usize = 0; i < 128; i += 8) v128.store(msg + (i << 1), pair(load<u64>(a + i), load<u64>(b + i)));
  compress2v(HASH_STATE2, msg, t, last);
}

function initState2(): void {
  const h = HASH_STATE2;
  v128.store(h, i64x2.splat(IV0 ^ 0x01010020));
  v128.store(h, i64x2.splat(IV1), 16);
  v128.store(h, i64x2.splat(IV2), 32);
  v128.store(h, i64x2.splat(IV3), 48);
  v128.store(h, i64x2.splat(IV4), 64);
  v128.store(h, i64x2.splat(IV5), 80);
  v128.store(h, i64x2.splat(IV6), 96);
  v128.store(h, i64x2.splat(IV7), 112);
}

function storeDigests2(outX: usize, outY: usize): void {
  const h = HASH_STATE2;
  for (let i: usize = 0; i < 4; i++) {
    const word = v128.load(h + (i << 4));
    store<u64>(outX + (i << 3), i64x2.extract_lane(word, 0));
    store<u64>(outY + (i << 3), i64x2.extract_lane(word, 1));
  }
}

/**
 * Two Merkle inner nodes at once: Blake2b-256 of `0x01 || x[0..64]` and `0x01 || y[0..64]`. The
 * 65-byte message is one block, built in registers: word i is the children's bytes shifted by the
 * prefix byte, `(d[i-1] >> 56) | (d[i] << 8)` over their little-endian words d.
 */
function nodeHash2(x: usize, y: usize, outX: usize, outY: usize): void {
  initState2();
  const msg = HASH_MSG2;
  let previous = i64x2.splat(1 << 56);
  for (let i: usize = 0; i < 8; i++) {
    const d = pair(load<u64>(x + (i << 3)), load<u64>(y + (i << 3)));
    v128.store(msg + (i << 4), v128.or(i64x2.shr_u(previous, 56), i64x2.shl(d, 8)));
    previous = d;
  }
  v128.store(msg + 128, i64x2.shr_u(previous, 56));
  for (let i: usize = 9; i < 16; i++) v128.store(msg + (i << 4), i64x2.splat(0));
  compress2v(HASH_STATE2, msg, 65, true);
  storeDigests2(outX, outY);
}

/** Blake2b-256 of `prefix || x` and `prefix || y` (both `len` bytes), in place like `prefixedHash`. */
function prefixedHash2(prefix: u8, x: usize, y: usize, len: usize, outX: usize, outY: usize): void {
  const h = HASH_STATE2;
  v128.store(h, i64x2.splat(IV0 ^ 0x01010020));
  v128.store(h, i64x2.splat(IV1), 16);
  v128.store(h, i64x2.splat(IV2), 32);
  v128.store(h, i64x2.splat(IV3), 48);
  v128.store(h, i64x2.splat(IV4), 64);
  v128.store(h, i64x2.splat(IV5), 80);
  v128.store(h, i64x2.splat(IV6), 96);
  v128.store(h, i64x2.splat(IV7), 112);
  const total = len + 1;
  const a = HASH_BLOCK2;
  const b = HASH_BLOCK2 + 128;
  memory.fill(a, 0, 256);
  store<u8>(a, prefix);
  store<u8>(b, prefix);
  if (total <= 128) {
    memory.copy(a + 1, x, len);
    memory.copy(b + 1, y, len);
    compress2(a, b, <u64>total, true);
  } else {
    memory.copy(a + 1, x, 127);
    memory.copy(b + 1, y, 127);
    compress2(a, b, 128, false);
    let offset: usize = 128;
    while (total - offset > 128) {
      compress2(x + offset - 1, y + offset - 1, <u64>(offset + 128), false);
      offset += 128;
    }
    memory.fill(a, 0, 256);
    memory.copy(a, x + offset - 1, total - offset);
    memory.copy(b, y + offset - 1, total - offset);
    compress2(a, b, <u64>total, true);
  }
  for (let i: usize = 0; i < 4; i++) {
    const word = v128.load(h + (i << 4));
    store<u64>(outX + (i << 3), i64x2.extract_lane(word, 0));
    store<u64>(outY + (i << 3), i64x2.extract_lane(word, 1));
  }
}

/**
 * Two leaves of under 120 bytes at once: Blake2b-256 of `0x00 || x[0..len]` and `0x00 || y[0..len]`,
 * one block built in registers like `nodeHash2` (the bytes past `len` masked off).
 */
function shortLeafHash2(x: usize, y: usize, len: usize, outX: usize, outY: usize): void {
  initState2();
  const msg = HASH_MSG2;
  const words = (len + 7) >> 3;
  const rest = len & 7;
  const lastMask = i64x2.splat(rest == 0 ? <u64>-1 : (<u64>1 << (<u64>rest << 3)) - 1);
  let previous = i64x2.splat(0);
  for (let i: usize = 0; i < words; i++) {
    let d = pair(load<u64>(x + (i << 3)), load<u64>(y + (i << 3)));
    if (i + 1 == words) d = v128.and(d, lastMask);
    v128.store(msg + (i << 4), v128.or(i64x2.shr_u(previous, 56), i64x2.shl(d, 8)));
    previous = d;
  }
  v128.store(msg + (words << 4), i64x2.shr_u(previous, 56));
  for (let i: usize = words + 1; i < 16; i++) v128.store(msg + (i << 4), i64x2.splat(0));
  compress2v(HASH_STATE2, msg, <u64>(len + 1), true);
  storeDigests2(outX, outY);
}

/** Leaf hashes of `count` symbols of `size` bytes at `symbols` (contiguous), two at a time. */
function leafHashes(symbols: usize, size: usize, count: usize, out: usize): void {
  let i: usize = 0;
  // Up to 119 bytes the block's words (the prefix byte shifts them by one) fit 16 words.
  if (size < 120) {
    for (; i + 1 < count; i += 2) {
      shortLeafHash2(symbols + i * size, symbols + (i + 1) * size, size, out + (i << 5), out + ((i + 1) << 5));
    }
  }
  for (; i + 1 < count; i += 2) {
    prefixedHash2(0, symbols + i * size, symbols + (i + 1) * size, size, out + (i << 5), out + ((i + 1) << 5));
  }
  if (i < count) prefixedHash(0, symbols + i * size, size, out + (i << 5));
}

/** The Merkle root over `count` leaf hashes at `leaves` (overwritten), written to `out`. */
function merkleRoot(leaves: usize, count: u32, out: usize): void {
  if (count == 0) {
    memory.fill(out, 0, 32);
    return;
  }
  let level = count;
  while (level > 1) {
    // Pad an odd level with the empty node, then hash pairs two at a time into the level above.
    if (level & 1) memory.fill(leaves + (<usize>level << 5), 0, 32);
    const next = (level + 1) >> 1;
    let i: u32 = 0;
    for (; i + 1 < next; i += 2) {
      nodeHash2(leaves + (<usize>i << 6), leaves + (<usize>(i + 1) << 6), leaves + (<usize>i << 5), leaves + (<usize>(i + 1) << 5));
    }
    if (i < next) prefixedHash(1, leaves + (<usize>i << 6), 64, leaves + (<usize>i << 5));
    level = next;
  }
  memory.copy(out, leaves, 32);
}

// ---------------------------------------------------------------- one call per sliver

/**
 * Lays out the work region for `k` source symbols expanded by `m` recovery symbols of
 * `symbolSize` bytes, and returns where the caller writes the k source symbols (contiguous).
 */
export function prepare(k: u32, m: u32, symbolSize: u32): usize {
  const stride = ((<usize>symbolSize + 63) >> 6) << 6;
  inputAt = WORK_BASE;
  recoveryAt = inputAt + ((<usize>k * symbolSize + 63) & ~(<usize>63));
  workAt = recoveryAt + ((<usize>m * symbolSize + 63) & ~(<usize>63));
  leavesAt = workAt + <usize>workShards(k, m) * stride;
  // The Merkle levels pad in place: room for one more node.
  rootAt = align64(leavesAt + (<usize>(k + m + 1) << 5));
  const end = rootAt + 32;
  if (end > capacity) {
    ensureMemory(end);
    capacity = end;
  }
  return inputAt;
}

/** Where `expand` wrote the m recovery symbols (contiguous, `symbolSize` bytes each). */
export function recoveryPtr(): usize {
  return recoveryAt;
}

/** Where `expand` wrote the Merkle root over all k + m symbols. */
export function rootPtr(): usize {
  return rootAt;
}

/**
 * Encodes k source symbols (symbol i at `input + i * inStride`) and writes the m recovery symbols
 * (symbol j at `output + j * outStride`), through the work shards at `workAt`.
 */
function encodeSymbols(
  k: u32,
  m: u32,
  symbolSize: u32,
  input: usize,
  inStride: usize,
  output: usize,
  outStride: usize,
): void {
  const size = <usize>symbolSize;
  const stride = ((size + 63) >> 6) << 6;
  const high = isHighRate(k, m);
  // Zero only what the source symbols leave: the padding of a tail block, and the shards after
  // them that the transforms read (low rate: up to the first chunk's end; the others are copies).
  const tail = (size & 63) != 0;
  for (let i: u32 = 0; i < k; i++) {
    const shard = workAt + <usize>i * stride;
    if (tail) memory.fill(shard + stride - 64, 0, 64);
    toShard(shard, input + <usize>i * inStride, size);
  }
  const zeroEnd = high ? workShards(k, m) : nextPow2(k);
  memory.fill(workAt + <usize>k * stride, 0, <usize>(zeroEnd - k) * stride);
  if (high) encodeHighRate(k, m, stride);
  else encodeLowRate(k, m, stride);
  for (let j: u32 = 0; j < m; j++) fromShard(output + <usize>j * outStride, workAt + <usize>j * stride, size);
}

/**
 * Expands the k source symbols written at `prepare`'s pointer by m recovery symbols (equal to
 * reed_solomon_simd's encoder), and computes the Merkle root of the k + m symbols.
 */
export function expand(k: u32, m: u32, symbolSize: u32): void {
  const size = <usize>symbolSize;
  encodeSymbols(k, m, symbolSize, inputAt, size, recoveryAt, size);
  leafHashes(inputAt, size, <usize>k, leavesAt);
  leafHashes(recoveryAt, size, <usize>m, leavesAt + (<usize>k << 5));
  merkleRoot(leavesAt, k + m, rootAt);
}

// ---------------------------------------------------------------- whole blob

let matrixAt: usize = 0;
let columnsAt: usize = 0;
let leafHashesAt: usize = 0;
let rootsAt: usize = 0;

@inline function align64(x: usize): usize {
  return (x + 63) & ~(<usize>63);
}

/**
 * Lays out a whole-blob encode for n shards (p x s source matrix) and returns the matrix: the
 * caller writes source row r (s symbols) at `matrix + r * n * symbolSize`. The matrix holds all
 * n x n symbols row-major after `encodeBlob`; `columnsPtr()` the n secondary slivers (p symbols
 * each, contiguous); `rootsPtr()` the n primary then the n secondary sliver roots.
 */
export function prepareBlob(n: u32, p: u32, s: u32, symbolSize: u32): usize {
  const size = <usize>symbolSize;
  const stride = ((size + 63) >> 6) << 6;
  const rowWork = workShards(s, n - s);
  const columnWork = workShards(p, n - p);
  matrixAt = WORK_BASE;
  columnsAt = matrixAt + align64(<usize>n * n * size);
  leafHashesAt = columnsAt + align64(<usize>n * p * size);
  rootsAt = leafHashesAt + ((<usize>n * n) << 5);
  leavesAt = rootsAt + ((<usize>n * 2) << 5);
  workAt = align64(leavesAt + ((<usize>n + 1) << 5));
  const batchBytes = batchStride(size, batchMembers(symbolSize));
  const end = workAt + <usize>(rowWork > columnWork ? rowWork : columnWork) * (batchBytes > stride ? batchBytes : stride);
  if (end > capacity) {
    ensureMemory(end);
    capacity = end;
  }
  return matrixAt;
}

export function columnsPtr(): usize {
  return columnsAt;
}

export function rootsPtr(): usize {
  return rootsAt;
}

/**
 * Encodes the source rows written at `prepareBlob`'s matrix: rows 0..p by the primary code fill
 * columns s..n, every column by the secondary code fills rows p..n; then every symbol is hashed
 * once as a leaf (a symbol is the same leaf in its row's tree and its column's) and the 2n roots
 * are built from those leaves.
 */
export function encodeBlob(n: u32, p: u32, s: u32, symbolSize: u32): void {
  const size = <usize>symbolSize;
  const rowBytes = <usize>n * size;
  const batch = batchMembers(symbolSize);
  // Rows: `batch` rows at a time, member b is the row below member b - 1.
  for (let r: u32 = 0; r < p; r += batch) {
    const row = matrixAt + <usize>r * rowBytes;
    const members = p - r < batch ? p - r : batch;
    encodeBatch(s, n - s, symbolSize, members, rowBytes, row, size, row + <usize>s * size, size);
  }
  // Columns: `batch` adjacent columns at a time, straight from and into the matrix.
  for (let c: u32 = 0; c < n; c += batch) {
    const column = matrixAt + <usize>c * size;
    const members = n - c < batch ? n - c : batch;
    encodeBatch(p, n - p, symbolSize, members, size, column, rowBytes, column + <usize>p * rowBytes, rowBytes);
  }
  // Secondary slivers: the first p symbols of each column, contiguous.
  for (let c: u32 = 0; c < n; c++) {
    const column = columnsAt + <usize>c * p * size;
    for (let r: u32 = 0; r < p; r++) {
      memory.copy(column + <usize>r * size, matrixAt + <usize>r * rowBytes + <usize>c * size, size);
    }
  }
  const cells = <usize>n * n;
  leafHashes(matrixAt, size, cells, leafHashesAt);
  for (let r: u32 = 0; r < n; r++) {
    memory.copy(leavesAt, leafHashesAt + ((<usize>r * n) << 5), (<usize>n) << 5);
    merkleRoot(leavesAt, n, rootsAt + ((<usize>r) << 5));
  }
  for (let c: u32 = 0; c < n; c++) {
    for (let r: u32 = 0; r < n; r++) {
      memory.copy(leavesAt + ((<usize>r) << 5), leafHashesAt + ((<usize>r * n + c) << 5), 32);
    }
    merkleRoot(leavesAt, n, rootsAt + ((<usize>(n + c)) << 5));
  }
}

// A symbol of `size` bytes is `size & ~63` bytes of whole 64-byte blocks and a tail of two
// `half`-byte planes (low bytes, high bytes) that occupies a 64-byte block of its own. Every GF(2^16)
// word of a shard is transformed on its own, so the whole blocks of several rows or columns (members)
// and their tails packed side by side into shared tail blocks form one wider shard with the same
// words: one transform encodes all members, without the padding each small symbol would carry.

/** How many members a whole-blob encode batches for `symbolSize`-byte symbols. */
function batchMembers(symbolSize: u32): u32 {
  const whole = symbolSize & ~63;
  const half = (symbolSize - whole) >> 1;
  if (half == 0 || whole >= 512) return 1;
  return 32 / half;
}

/** Work-shard bytes of `members` symbols of `size` bytes packed together. */
function batchStride(size: usize, members: u32): usize {
  const whole = size & ~(<usize>63);
  const half = (size - whole) >> 1;
  if (half == 0) return whole * <usize>members;
  const perBlock = <u32>(<usize>32 / half);
  return whole * <usize>members + (<usize>((members + perBlock - 1) / perBlock) << 6);
}

function toBatchShard(shard: usize, symbol: usize, size: usize, members: u32, memberStride: usize): void {
  const whole = size & ~(<usize>63);
  const half = (size - whole) >> 1;
  const tails = shard + whole * <usize>members;
  const perBlock = half == 0 ? 1 : <u32>(<usize>32 / half);
  for (let b: u32 = 0; b < members; b++) {
    const from = symbol + <usize>b * memberStride;
    memory.copy(shard + <usize>b * whole, from, whole);
    if (half > 0) {
      const block = tails + (<usize>(b / perBlock) << 6) + <usize>(b % perBlock) * half;
      memory.copy(block, from + whole, half);
      memory.copy(block + 32, from + whole + half, half);
    }
  }
}

function fromBatchShard(symbol: usize, shard: usize, size: usize, members: u32, memberStride: usize): void {
  const whole = size & ~(<usize>63);
  const half = (size - whole) >> 1;
  const tails = shard + whole * <usize>members;
  const perBlock = half == 0 ? 1 : <u32>(<usize>32 / half);
  for (let b: u32 = 0; b < members; b++) {
    const to = symbol + <usize>b * memberStride;
    memory.copy(to, shard + <usize>b * whole, whole);
    if (half > 0) {
      const block = tails + (<usize>(b / perBlock) << 6) + <usize>(b % perBlock) * half;
      memory.copy(to + whole, block, half);
      memory.copy(to + whole + half, block + 32, half);
    }
  }
}

/**
 * Encodes `members` (k, m) codes at once: source symbol i of member b at
 * `input + i * inStride + b * memberStride`, recovery symbol j of member b written at
 * `output + j * outStride + b * memberStride`.
 */
function encodeBatch(
  k: u32,
  m: u32,
  symbolSize: u32,
  members: u32,
  memberStride: usize,
  input: usize,
  inStride: usize,
  output: usize,
  outStride: usize,
): void {
  const size = <usize>symbolSize;
  const stride = batchStride(size, members);
  const high = isHighRate(k, m);
  const whole = size & ~(<usize>63);
  const tailBytes = stride - whole * <usize>members;
  for (let i: u32 = 0; i < k; i++) {
    const shard = workAt + <usize>i * stride;
    if (tailBytes > 0) memory.fill(shard + stride - tailBytes, 0, tailBytes);
    toBatchShard(shard, input + <usize>i * inStride, size, members, memberStride);
  }
  const zeroEnd = high ? workShards(k, m) : nextPow2(k);
  memory.fill(workAt + <usize>k * stride, 0, <usize>(zeroEnd - k) * stride);
  if (high) encodeHighRate(k, m, stride);
  else encodeLowRate(k, m, stride);
  for (let j: u32 = 0; j < m; j++) {
    fromBatchShard(output + <usize>j * outStride, workAt + <usize>j * stride, size, members, memberStride);
  }
}

// ---------------------------------------------------------------- decoding

@inline function subMod(a: u32, b: u32): u32 {
  const dif = a - b;
  return (dif + (dif >> 16)) & 0xffff;
}

/** In-place Walsh-Hadamard transform mod 65535 of the 65536 u16 at `data`, radix 4. */
function fwht(data: usize, truncated: u32): void {
  for (let dist: u32 = 1; dist * 4 <= ORDER; dist *= 4) {
    for (let r: u32 = 0; r < truncated; r += dist * 4) {
      for (let i: u32 = r; i < r + dist; i++) {
        const p0 = data + ((<usize>i) << 1);
        const p1 = p0 + ((<usize>dist) << 1);
        const p2 = p1 + ((<usize>dist) << 1);
        const p3 = p2 + ((<usize>dist) << 1);
        const a = <u32>load<u16>(p0);
        const b = <u32>load<u16>(p1);
        const c = <u32>load<u16>(p2);
        const d = <u32>load<u16>(p3);
        const s0 = addMod(a, b);
        const d0 = subMod(a, b);
        const s1 = addMod(c, d);
        const d1 = subMod(c, d);
        store<u16>(p0, <u16>addMod(s0, s1));
        store<u16>(p1, <u16>addMod(d0, d1));
        store<u16>(p2, <u16>subMod(s0, s1));
        store<u16>(p3, <u16>subMod(d0, d1));
      }
    }
  }
}

/** Evaluates the erasure locator: ERASURES holds 1 at erased positions, their logs after. */
function evalErasures(truncated: u32): void {
  fwht(ERASURES, truncated);
  for (let i: usize = 0; i < <usize>ORDER; i++) {
    const at = ERASURES + (i << 1);
    const product = <u32>load<u16>(at) * <u32>load<u16>(LOG_WALSH + (i << 1));
    store<u16>(at, <u16>addMod(product & 0xffff, product >> 16));
  }
  fwht(ERASURES, ORDER);
}

/** `x *= exp(logM)` over one shard. */
function mulShard(x: usize, bytes: usize, logM: u32): void {
  const lut = MUL + ((<usize>logM) << 7);
  for (let o: usize = 0; o < bytes; o += 64) {
    for (let half: usize = 0; half < 32; half += 16) {
      const lo = v128.load(x + o + half);
      const hi = v128.load(x + o + 32 + half);
      v128.store(x + o + half, productLo(lo, hi, lut));
      v128.store(x + o + 32 + half, productLo(lo, hi, lut + 64));
    }
  }
}

function formalDerivative(count: u32, stride: usize): void {
  for (let i: u32 = 1; i < count; i++) {
    const width = i & (0 - i);
    xorInto(workAt + <usize>(i - width) * stride, workAt + <usize>i * stride, <usize>width * stride);
  }
}

let indicesAt: usize = 0;
let receivedAt: usize = 0;
let decodedAt: usize = 0;

function decodeLayout(k: u32, m: u32): u32 {
  const high = isHighRate(k, m);
  return nextPow2(high ? nextPow2(m) + k : nextPow2(k) + m);
}

/**
 * Lays out a decode of `k` originals from `count` known shards of the (k, m) code and returns
 * where the caller writes the known shards' bytes (contiguous); their indices (u32, originals
 * `0..k`, recovery `k..k + m`) go to `indicesPtr()`.
 */
export function prepareDecode(k: u32, m: u32, symbolSize: u32, count: u32): usize {
  const stride = ((<usize>symbolSize + 63) >> 6) << 6;
  const size = decodeLayout(k, m);
  inputAt = WORK_BASE;
  indicesAt = inputAt + ((<usize>count * symbolSize + 63) & ~(<usize>63));
  decodedAt = indicesAt + ((<usize>count * 4 + 63) & ~(<usize>63));
  workAt = decodedAt + ((<usize>k * symbolSize + 63) & ~(<usize>63));
  receivedAt = workAt + <usize>size * stride;
  const end = receivedAt + <usize>size;
  if (end > capacity) {
    ensureMemory(end);
    capacity = end;
  }
  return inputAt;
}

export function indicesPtr(): usize {
  return indicesAt;
}

/** Where `decode` wrote the k originals (contiguous). */
export function decodedPtr(): usize {
  return decodedAt;
}

/**
 * Decodes the k originals from the known shards laid out by `prepareDecode` (reed_solomon_simd's
 * decoder). `sameErasures` skips evaluating the erasure locator again: the caller knows the last
 * decode had the same (k, m) and known positions.
 */
export function decode(k: u32, m: u32, symbolSize: u32, count: u32, sameErasures: bool): void {
  const size = <usize>symbolSize;
  const stride = ((size + 63) >> 6) << 6;
  const high = isHighRate(k, m);
  const originalBase: u32 = high ? nextPow2(m) : 0;
  const recoveryBase: u32 = high ? 0 : nextPow2(k);
  const originalEnd = originalBase + k;
  const recoveryEnd = recoveryBase + m;
  const workCount = decodeLayout(k, m);
  memory.fill(workAt, 0, <usize>workCount * stride);
  memory.fill(receivedAt, 0, <usize>workCount);
  for (let j: u32 = 0; j < count; j++) {
    const index = load<u32>(indicesAt + ((<usize>j) << 2));
    const at = index < k ? originalBase + index : recoveryBase + index - k;
    toShard(workAt + <usize>at * stride, inputAt + <usize>j * size, size);
    store<u8>(receivedAt + <usize>at, 1);
  }
  if (sameErasures) {
    // ERASURES already holds the locator of these positions.
  } else if (high) {
    memory.fill(ERASURES, 0, <usize>ORDER << 1);
    for (let i: u32 = 0; i < originalEnd; i++) {
      if ((i >= m && i < originalBase) || load<u8>(receivedAt + <usize>i) == 0) store<u16>(ERASURES + ((<usize>i) << 1), 1);
    }
    evalErasures(originalEnd);
  } else {
    memory.fill(ERASURES, 0, <usize>ORDER << 1);
    for (let i: u32 = 0; i < k; i++) if (load<u8>(receivedAt + <usize>i) == 0) store<u16>(ERASURES + ((<usize>i) << 1), 1);
    for (let i: u32 = recoveryBase; i < recoveryEnd; i++) {
      if (load<u8>(receivedAt + <usize>i) == 0) store<u16>(ERASURES + ((<usize>i) << 1), 1);
    }
    for (let i: u32 = recoveryEnd; i < ORDER; i++) store<u16>(ERASURES + ((<usize>i) << 1), 1);
    evalErasures(ORDER);
  }
  for (let i: u32 = 0; i < <u32>workCount; i++) {
    if (load<u8>(receivedAt + <usize>i) != 0) {
      mulShard(workAt + <usize>i * stride, stride, <u32>load<u16>(ERASURES + ((<usize>i) << 1)));
    }
  }
  const end = high ? originalEnd : recoveryEnd;
  ifft(workAt, stride, 0, workCount, end, 0);
  formalDerivative(workCount, stride);
  fft(workAt, stride, 0, workCount, end, 0);
  for (let i: u32 = 0; i < k; i++) {
    const at = originalBase + i;
    const shard = workAt + <usize>at * stride;
    if (load<u8>(receivedAt + <usize>at) == 0) {
      mulShard(shard, stride, MODULUS - <u32>load<u16>(ERASURES + ((<usize>at) << 1)));
    }
  }
  // Known originals are copied back as they came; recovered ones leave the work layout.
  for (let j: u32 = 0; j < count; j++) {
    const index = load<u32>(indicesAt + ((<usize>j) << 2));
    if (index < k) memory.copy(decodedAt + <usize>index * size, inputAt + <usize>j * size, size);
  }
  for (let i: u32 = 0; i < k; i++) {
    const at = originalBase + i;
    if (load<u8>(receivedAt + <usize>at) == 0) fromShard(decodedAt + <usize>i * size, workAt + <usize>at * stride, size);
  }
}

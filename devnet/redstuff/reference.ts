/**
 * Readable TypeScript reference of the Reed-Solomon code RedStuff uses (the Leopard construction of
 * the `reed-solomon-simd` crate, which Walrus calls): GF(2^16) with polynomial 0x1002D in the Cantor
 * basis, additive FFT/IFFT with the crate's skew factors, and its high-rate and low-rate encoders.
 * It exists to state the algorithm plainly and to test the wasm kernel against; it is slow
 * (a table look-up per 16-bit word). Facts: walrus-protocol.md §12.
 *
 * Shard bytes to field words: every 64-byte block holds 32 low bytes then the 32 high bytes of its
 * 32 words; a tail of t < 64 bytes holds t/2 low bytes then t/2 high bytes. Recovery shards come
 * back in the same layout.
 */

const ORDER = 65_536;
/** `ORDER - 1`; as a logarithm it stands for multiplication by zero. */
const MODULUS = 65_535;
const POLYNOMIAL = 0x1002d;
const CANTOR_BASIS = [
  0x0001, 0xacca, 0x3c0e, 0x163e, 0xc582, 0xed2e, 0x914c, 0x4012, 0x6c98, 0x10d8, 0x6a72, 0xb900, 0xfdb8,
  0xfb34, 0xff38, 0x991e,
];

/** Field tables: exponentials and logarithms (Cantor basis), and the FFT skew factors as logs. */
export interface FieldTables {
  exp: Uint16Array;
  log: Uint16Array;
  skew: Uint16Array;
}

let tables: FieldTables | undefined;

/** `(a + b) mod 65535`, with 65535 kept as is (the crate's `add_mod`). */
export function addMod(a: number, b: number): number {
  const sum = a + b;
  return (sum + (sum >>> 16)) & 0xffff;
}

/** `x * exp(logM)` in the field. */
function mulLog(x: number, logM: number, t: { exp: Uint16Array; log: Uint16Array }): number {
  return x === 0 ? 0 : t.exp[addMod(t.log[x]!, logM)]!;
}

function buildExpLog(): { exp: Uint16Array; log: Uint16Array } {
  const exp = new Uint16Array(ORDER);
  const log = new Uint16Array(ORDER);
  // LFSR: `exp` first holds the discrete log of each state in the polynomial basis.
  let state = 1;
  for (let i = 0; i < MODULUS; i++) {
    exp[state] = i;
    state <<= 1;
    if (state >= ORDER) state ^= POLYNOMIAL;
  }
  exp[0] = MODULUS;
  // Element j in the Cantor basis is the XOR of the basis vectors of its set bits.
  log[0] = 0;
  for (let bit = 0; bit < 16; bit++) {
    const width = 1 << bit;
    for (let j = 0; j < width; j++) log[j + width] = log[j]! ^ CANTOR_BASIS[bit]!;
  }
  for (let i = 0; i < ORDER; i++) log[i] = exp[log[i]!]!;
  for (let i = 0; i < ORDER; i++) exp[log[i]!] = i;
  exp[MODULUS] = exp[0]!;
  return { exp, log };
}

function buildSkew(t: { exp: Uint16Array; log: Uint16Array }): Uint16Array {
  const skew = new Uint16Array(MODULUS);
  const temp = Array.from({ length: 15 }, (_, i) => 1 << (i + 1));
  for (let m = 0; m < 15; m++) {
    const step = 1 << (m + 1);
    skew[(1 << m) - 1] = 0;
    for (let i = m; i < 15; i++) {
      const s = 1 << (i + 1);
      for (let j = (1 << m) - 1; j < s; j += step) skew[j + s] = skew[j]! ^ temp[i]!;
    }
    temp[m] = MODULUS - t.log[mulLog(temp[m]!, t.log[temp[m]! ^ 1]!, t)]!;
    for (let i = m + 1; i < 15; i++) {
      temp[i] = mulLog(temp[i]!, addMod(t.log[temp[i]! ^ 1]!, temp[m]!), t);
    }
  }
  for (let i = 0; i < MODULUS; i++) skew[i] = t.log[skew[i]!]!;
  return skew;
}

/** The field tables (built once, about 10 ms). */
export function fieldTables(): FieldTables {
  if (!tables) {
    const expLog = buildExpLog();
    tables = { ...expLog, skew: buildSkew(expLog) };
  }
  return tables;
}

/** `x * exp(logM)` in GF(2^16). */
export function gfMul(x: number, logM: number): number {
  return mulLog(x, logM, fieldTables());
}

type Shards = Uint16Array[];

/** `x ^= y * exp(logM)` over whole shards. */
function mulAdd(x: Uint16Array, y: Uint16Array, logM: number, t: FieldTables): void {
  for (let i = 0; i < x.length; i++) x[i]! ^= mulLog(y[i]!, logM, t);
}

function xorInto(x: Uint16Array, y: Uint16Array): void {
  for (let i = 0; i < x.length; i++) x[i]! ^= y[i]!;
}

/**
 * In-place decimation-in-time FFT of `data[pos .. pos + size]`, one layer at a time from the widest
 * butterflies down. Only the first `truncated` outputs are meaningful.
 */
export function fft(data: Shards, pos: number, size: number, truncated: number, skewDelta: number): void {
  const t = fieldTables();
  for (let width = size >> 1; width > 0; width >>= 1) {
    for (let r = 0; r < truncated; r += 2 * width) {
      const logM = t.skew[r + width + skewDelta - 1]!;
      for (let i = r; i < r + width; i++) {
        const x = data[pos + i]!;
        const y = data[pos + i + width]!;
        if (logM !== MODULUS) mulAdd(x, y, logM, t);
        xorInto(y, x);
      }
    }
  }
}

/**
 * In-place IFFT of `data[pos .. pos + size]`, one layer at a time from the narrowest butterflies
 * up. Inputs from `truncated` on must be zero.
 */
export function ifft(data: Shards, pos: number, size: number, truncated: number, skewDelta: number): void {
  const t = fieldTables();
  for (let width = 1; width < size; width <<= 1) {
    for (let r = 0; r < truncated; r += 2 * width) {
      const logM = t.skew[r + width + skewDelta - 1]!;
      for (let i = r; i < r + width; i++) {
        const x = data[pos + i]!;
        const y = data[pos + i + width]!;
        xorInto(y, x);
        if (logM !== MODULUS) mulAdd(x, y, logM, t);
      }
    }
  }
}

/** Smallest power of two `>= x` (1 for 0 and 1). */
export function nextPow2(x: number): number {
  let p = 1;
  while (p < x) p <<= 1;
  return p;
}

/** The crate's rate choice: high-rate unless the recovery count rounds up to more shards. */
export function isHighRate(originalCount: number, recoveryCount: number): boolean {
  const k = nextPow2(originalCount);
  const m = nextPow2(recoveryCount);
  return k === m ? originalCount <= recoveryCount : k > m;
}

/** Recovery shards from `originals` (field words), the crate's high-rate encoder. */
function encodeHighRate(originals: Shards, recoveryCount: number, words: number): Shards {
  const k = originals.length;
  const chunk = nextPow2(recoveryCount);
  const work: Shards = Array.from({ length: Math.ceil(k / chunk) * chunk }, (_, i) =>
    i < k ? Uint16Array.from(originals[i]!) : new Uint16Array(words),
  );
  ifft(work, 0, chunk, Math.min(k, chunk), chunk);
  for (let start = chunk; start < k; start += chunk) {
    ifft(work, start, chunk, Math.min(chunk, k - start), start + chunk);
    for (let i = 0; i < chunk; i++) xorInto(work[i]!, work[start + i]!);
  }
  fft(work, 0, chunk, recoveryCount, 0);
  return work.slice(0, recoveryCount);
}

/** Recovery shards from `originals` (field words), the crate's low-rate encoder. */
function encodeLowRate(originals: Shards, recoveryCount: number, words: number): Shards {
  const k = originals.length;
  const chunk = nextPow2(k);
  const first: Shards = Array.from({ length: chunk }, (_, i) =>
    i < k ? Uint16Array.from(originals[i]!) : new Uint16Array(words),
  );
  ifft(first, 0, chunk, k, 0);
  const out: Shards = [];
  for (let start = 0; start < recoveryCount; start += chunk) {
    const copy = first.map((s) => Uint16Array.from(s));
    fft(copy, 0, chunk, Math.min(chunk, recoveryCount - start), start + chunk);
    out.push(...copy.slice(0, Math.min(chunk, recoveryCount - start)));
  }
  return out;
}

/** A shard's bytes as field words (see the module comment for the layout). */
export function bytesToWords(bytes: Uint8Array): Uint16Array {
  const words = new Uint16Array(bytes.length / 2);
  const whole = bytes.length - (bytes.length % 64);
  for (let block = 0; block < whole; block += 64) {
    for (let i = 0; i < 32; i++) words[block / 2 + i] = bytes[block + i]! | (bytes[block + 32 + i]! << 8);
  }
  const half = (bytes.length - whole) / 2;
  for (let i = 0; i < half; i++) words[whole / 2 + i] = bytes[whole + i]! | (bytes[whole + half + i]! << 8);
  return words;
}

/** Field words back to a shard's bytes (inverse of {@link bytesToWords}). */
export function wordsToBytes(words: Uint16Array): Uint8Array {
  const bytes = new Uint8Array(words.length * 2);
  const whole = bytes.length - (bytes.length % 64);
  for (let block = 0; block < whole; block += 64) {
    for (let i = 0; i < 32; i++) {
      const w = words[block / 2 + i]!;
      bytes[block + i] = w & 0xff;
      bytes[block + 32 + i] = w >>> 8;
    }
  }
  const half = (bytes.length - whole) / 2;
  for (let i = 0; i < half; i++) {
    const w = words[whole / 2 + i]!;
    bytes[whole + i] = w & 0xff;
    bytes[whole + half + i] = w >>> 8;
  }
  return bytes;
}

/**
 * The `recoveryCount` recovery shards of `originals` (all of the same even byte length), equal to
 * `reed_solomon_simd::encode(k, recoveryCount, originals)`.
 */
export function referenceEncode(originals: readonly Uint8Array[], recoveryCount: number): Uint8Array[] {
  const k = originals.length;
  const bytes = originals[0]?.length ?? 0;
  if (k === 0 || recoveryCount === 0 || bytes % 2 !== 0 || originals.some((s) => s.length !== bytes)) {
    throw new RangeError('needs at least one original and one recovery shard, all of one even length');
  }
  const words = originals.map(bytesToWords);
  const recovery = isHighRate(k, recoveryCount)
    ? encodeHighRate(words, recoveryCount, bytes / 2)
    : encodeLowRate(words, recoveryCount, bytes / 2);
  return recovery.map(wordsToBytes);
}

/** The `k + recoveryCount` symbols of an expanded sliver: its own symbols, then the recovery ones. */
export function referenceExpand(symbols: readonly Uint8Array[], recoveryCount: number): Uint8Array[] {
  return [...symbols, ...referenceEncode(symbols, recoveryCount)];
}

// ---------------------------------------------------------------- decoding

/** `(a - b) mod 65535`, the crate's `sub_mod`. */
function subMod(a: number, b: number): number {
  const dif = (a - b) >>> 0;
  return ((dif + (dif >>> 16)) >>> 0) & 0xffff;
}

/** In-place Walsh-Hadamard transform mod 65535 over `data` (65536 entries), radix 4. */
function fwht(data: Uint16Array, truncated: number): void {
  for (let dist = 1; dist * 4 <= ORDER; dist *= 4) {
    for (let r = 0; r < truncated; r += dist * 4) {
      for (let i = r; i < r + dist; i++) {
        const a = data[i]!;
        const b = data[i + dist]!;
        const c = data[i + 2 * dist]!;
        const d = data[i + 3 * dist]!;
        const s0 = addMod(a, b);
        const d0 = subMod(a, b);
        const s1 = addMod(c, d);
        const d1 = subMod(c, d);
        data[i] = addMod(s0, s1);
        data[i + dist] = addMod(d0, d1);
        data[i + 2 * dist] = subMod(s0, s1);
        data[i + 3 * dist] = subMod(d0, d1);
      }
    }
  }
}

let logWalsh: Uint16Array | undefined;

/** The logarithm table (log 0 taken as 0) through the Walsh-Hadamard transform. */
function logWalshTable(): Uint16Array {
  if (!logWalsh) {
    logWalsh = Uint16Array.from(fieldTables().log);
    logWalsh[0] = 0;
    fwht(logWalsh, ORDER);
  }
  return logWalsh;
}

/** Evaluates the erasure locator polynomial: `erasures` holds 1 at erased positions, logs after. */
function evalErasures(erasures: Uint16Array, truncated: number): void {
  const walsh = logWalshTable();
  fwht(erasures, truncated);
  for (let i = 0; i < ORDER; i++) {
    const product = erasures[i]! * walsh[i]!;
    erasures[i] = addMod(product & 0xffff, Math.floor(product / 65_536));
  }
  fwht(erasures, ORDER);
}

function formalDerivative(work: Shards): void {
  for (let i = 1; i < work.length; i++) {
    const width = i & -i;
    for (let j = 0; j < width; j++) xorInto(work[i - width + j]!, work[i + j]!);
  }
}

function mulShard(x: Uint16Array, logM: number, t: FieldTables): void {
  for (let i = 0; i < x.length; i++) x[i] = mulLog(x[i]!, logM, t);
}

/**
 * The `k` original shards from any `k` of the `k + m` shards of the code: `known` maps a shard
 * index (originals `0..k`, recovery shards `k..k + m`) to its bytes. Equal to
 * `reed_solomon_simd::decode` with those shards.
 */
export function referenceDecode(k: number, m: number, known: ReadonlyMap<number, Uint8Array>): Uint8Array[] {
  const bytes = known.values().next().value?.length ?? 0;
  if (known.size < k || bytes % 2 !== 0 || bytes === 0) {
    throw new RangeError(`decoding needs ${k} shards of one even length, got ${known.size}`);
  }
  const t = fieldTables();
  const words = bytes / 2;
  const high = isHighRate(k, m);
  // Positions in the work: high rate puts recovery first, low rate originals first.
  const originalBase = high ? nextPow2(m) : 0;
  const recoveryBase = high ? 0 : nextPow2(k);
  const originalEnd = originalBase + k;
  const recoveryEnd = recoveryBase + m;
  const size = nextPow2(high ? originalEnd : recoveryEnd);
  const work: Shards = Array.from({ length: size }, () => new Uint16Array(words));
  const received = new Uint8Array(size);
  for (const [index, shard] of known) {
    const at = index < k ? originalBase + index : recoveryBase + index - k;
    work[at] = bytesToWords(shard);
    received[at] = 1;
  }
  const erasures = new Uint16Array(ORDER);
  if (high) {
    for (let i = 0; i < originalBase; i++) if (i >= m || !received[i]) erasures[i] = 1;
    for (let i = originalBase; i < originalEnd; i++) if (!received[i]) erasures[i] = 1;
    evalErasures(erasures, originalEnd);
  } else {
    for (let i = 0; i < k; i++) if (!received[i]) erasures[i] = 1;
    for (let i = recoveryBase; i < recoveryEnd; i++) if (!received[i]) erasures[i] = 1;
    erasures.fill(1, recoveryEnd);
    evalErasures(erasures, ORDER);
  }
  for (let i = 0; i < size; i++) {
    if (received[i]) mulShard(work[i]!, erasures[i]!, t);
    else work[i]!.fill(0);
  }
  const end = high ? originalEnd : recoveryEnd;
  ifft(work, 0, size, end, 0);
  formalDerivative(work);
  fft(work, 0, size, end, 0);
  const out: Uint8Array[] = [];
  for (let i = 0; i < k; i++) {
    const at = originalBase + i;
    if (received[at]) out.push(Uint8Array.from(known.get(i)!));
    else {
      mulShard(work[at]!, MODULUS - erasures[at]!, t);
      out.push(wordsToBytes(work[at]!));
    }
  }
  return out;
}

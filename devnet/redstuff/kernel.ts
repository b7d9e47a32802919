/**
 * Loads the RedStuff wasm kernel (`assembly/index.ts`, built into dist/ by `npm run build`) and
 * wraps its one call per sliver: k source symbols in, the Merkle root over the n = k + m expanded
 * symbols out (and the m recovery symbols when asked), and the decoder (k originals from any k of
 * the k + m symbols). Bit-exact with reed-solomon-simd and
 * walrus-wasm (test/redstuff). Two instances per thread (whole-blob encodes, and the rest); the tables cost about 10 ms and 8.5 MiB each.
 */
import { readFileSync } from 'node:fs';

interface KernelExports {
  memory: WebAssembly.Memory;
  init(): void;
  prepare(k: number, m: number, symbolSize: number): number;
  expand(k: number, m: number, symbolSize: number): void;
  recoveryPtr(): number;
  rootPtr(): number;
  blake2b256(ptr: number, len: number, out: number): void;
  prepareDecode(k: number, m: number, symbolSize: number, count: number): number;
  indicesPtr(): number;
  decodedPtr(): number;
  decode(k: number, m: number, symbolSize: number, count: number, sameErasures: boolean): void;
  prepareBlob(n: number, p: number, s: number, symbolSize: number): number;
  columnsPtr(): number;
  rootsPtr(): number;
  encodeBlob(n: number, p: number, s: number, symbolSize: number): void;
}

/** A blob's full RedStuff encoding as the kernel computes it. */
export interface MatrixEncoding {
  /** Primary slivers by index: the first `s` symbols of each of the n expanded rows (kernel memory views). */
  primary: Uint8Array[];
  /** Secondary slivers by index: the first `p` symbols of each of the n expanded columns (kernel memory views). */
  secondary: Uint8Array[];
  /** Merkle roots of the expanded rows (primary sliver hashes), by sliver index. */
  primaryRoots: Uint8Array[];
  /** Merkle roots of the expanded columns (secondary sliver hashes), by sliver index. */
  secondaryRoots: Uint8Array[];
}

/** A sliver's expansion: its Merkle root and, when asked, its recovery symbols. */
export interface Expansion {
  /** Merkle root over the k source and m recovery symbols (the sliver hash of the metadata). */
  root: Uint8Array;
  /** The m recovery symbols, contiguous (only when asked for). */
  recovery?: Uint8Array;
}

function wasmLocation(): URL {
  const here = new URL(import.meta.url);
  return here.pathname.endsWith('.ts')
    ? new URL('../../dist/devnet/redstuff/redstuff.wasm', here)
    : new URL('./redstuff.wasm', here);
}

function nextPow2(x: number): number {
  let p = 1;
  while (p < x) p *= 2;
  return p;
}

/** reed-solomon-simd's limit on shard counts: the smaller count's power of two plus the larger one. */
function supportedCounts(k: number, m: number): boolean {
  return k >= 1 && m >= 1 && Math.min(nextPow2(k), nextPow2(m)) + Math.max(k, m) <= 65_536;
}

/**
 * The kernel instances of this thread: whole-blob encodes get their own, so the slivers they leave
 * in its memory survive sliver checks and decodes (which use the other).
 */
const instances = new Map<'blob' | 'sliver', KernelExports>();
/** `k,m,positions` of the last decode: the next one with the same key reuses its erasure locator. */
let lastDecode = '';

function kernel(role: 'blob' | 'sliver' = 'sliver'): KernelExports {
  const existing = instances.get(role);
  if (existing) return existing;
  const location = wasmLocation();
  let bytes: Buffer;
  try {
    bytes = readFileSync(location);
  } catch (error) {
    throw new Error(
      `The RedStuff wasm kernel is missing at ${location.pathname} (${(error as Error).message}); run \`npm run build\``,
    );
  }
  const module = new WebAssembly.Module(bytes);
  // The module exports exactly the functions of KernelExports (assembly/index.ts).
  const exports = new WebAssembly.Instance(module, {
    env: {
      abort: () => {
        throw new Error('the RedStuff wasm kernel aborted');
      },
    },
  }).exports as unknown as KernelExports;
  exports.init();
  instances.set(role, exports);
  return exports;
}

/**
 * Expands `k = symbols.length / symbolSize` source symbols by `recoveryCount` recovery symbols with
 * reed-solomon-simd's encoder and returns the Merkle root of all of them (and the recovery symbols
 * if `withRecovery`).
 */
export function expandSymbols(
  symbols: Uint8Array,
  symbolSize: number,
  recoveryCount: number,
  withRecovery = false,
): Expansion {
  if (symbolSize <= 0 || symbolSize % 2 !== 0 || symbolSize > 65_534) {
    throw new RangeError(`a symbol size must be even and from 2 to 65534 bytes (got ${symbolSize})`);
  }
  const k = symbols.length / symbolSize;
  if (!Number.isInteger(k) || !supportedCounts(k, recoveryCount)) {
    throw new RangeError(
      `cannot expand ${symbols.length} bytes of ${symbolSize}-byte symbols by ${recoveryCount} symbols`,
    );
  }
  const wasm = kernel();
  const input = wasm.prepare(k, recoveryCount, symbolSize);
  new Uint8Array(wasm.memory.buffer, input, symbols.length).set(symbols);
  wasm.expand(k, recoveryCount, symbolSize);
  const memory = new Uint8Array(wasm.memory.buffer);
  const rootAt = wasm.rootPtr();
  const root = memory.slice(rootAt, rootAt + 32);
  if (!withRecovery) return { root };
  const recoveryAt = wasm.recoveryPtr();
  return { root, recovery: memory.slice(recoveryAt, recoveryAt + recoveryCount * symbolSize) };
}

/**
 * Decodes the `k` source symbols of a `(k, m)` code from `k` known symbols (reed-solomon-simd's
 * decoder): `indices[j]` is the position of `symbols[j]`, source symbols `0..k`, recovery ones
 * `k..k + m`. Returns the k source symbols, contiguous.
 */
export function decodeSymbols(
  k: number,
  m: number,
  symbolSize: number,
  indices: readonly number[],
  symbols: readonly Uint8Array[],
): Uint8Array {
  const distinct = new Set(indices);
  if (
    indices.length !== k ||
    symbols.length !== k ||
    distinct.size !== k ||
    indices.some((i) => !Number.isInteger(i) || i < 0 || i >= k + m) ||
    symbols.some((s) => s.length !== symbolSize)
  ) {
    throw new RangeError(
      `decoding needs ${k} distinct symbols of ${symbolSize} bytes at positions below ${k + m}`,
    );
  }
  if (symbolSize <= 0 || symbolSize % 2 !== 0 || !supportedCounts(k, m)) {
    throw new RangeError(`cannot decode a (${k}, ${m}) code of ${symbolSize}-byte symbols`);
  }
  const wasm = kernel();
  const input = wasm.prepareDecode(k, m, symbolSize, k);
  const memory = new Uint8Array(wasm.memory.buffer);
  symbols.forEach((symbol, j) => {
    memory.set(symbol, input + j * symbolSize);
  });
  new Uint32Array(wasm.memory.buffer, wasm.indicesPtr(), k).set(indices);
  const key = `${k},${m},${indices.join(',')}`;
  wasm.decode(k, m, symbolSize, k, key === lastDecode);
  lastDecode = key;
  const at = wasm.decodedPtr();
  return new Uint8Array(wasm.memory.buffer).slice(at, at + k * symbolSize);
}

/**
 * Encodes a whole blob in the kernel: `source` fills the p source rows (`s * symbolSize` bytes each,
 * zero padded), expanded to the n x n symbol matrix; every symbol is hashed once.
 *
 * The slivers are views into the kernel's memory, not copies (copying ~4.5x the blob out cost as much
 * as the encode at 100 shards): they hold until the next `encodeMatrix` on this thread (which has a
 * kernel instance of its own), so serialise or copy them before encoding another blob.
 */
export function encodeMatrix(
  n: number,
  p: number,
  s: number,
  symbolSize: number,
  source: Uint8Array,
): MatrixEncoding {
  const rowBytes = s * symbolSize;
  if (source.length > p * rowBytes) throw new RangeError('the source is larger than the p x s matrix');
  const wasm = kernel('blob');
  const matrix = wasm.prepareBlob(n, p, s, symbolSize);
  const memory = new Uint8Array(wasm.memory.buffer);
  for (let r = 0; r < p; r++) {
    const at = matrix + r * n * symbolSize;
    const from = Math.min(r * rowBytes, source.length);
    const to = Math.min((r + 1) * rowBytes, source.length);
    memory.set(source.subarray(from, to), at);
    // The encode overwrites the rest of the matrix; only the source rows' padding must be zero.
    if (to - from < rowBytes) memory.fill(0, at + to - from, at + rowBytes);
  }
  wasm.encodeBlob(n, p, s, symbolSize);
  const columns = wasm.columnsPtr();
  const roots = wasm.rootsPtr();
  const out: MatrixEncoding = { primary: [], secondary: [], primaryRoots: [], secondaryRoots: [] };
  for (let i = 0; i < n; i++) {
    const row = matrix + i * n * symbolSize;
    out.primary.push(memory.subarray(row, row + rowBytes));
    const column = columns + i * p * symbolSize;
    out.secondary.push(memory.subarray(column, column + p * symbolSize));
    out.primaryRoots.push(memory.slice(roots + i * 32, roots + (i + 1) * 32));
    out.secondaryRoots.push(memory.slice(roots + (n + i) * 32, roots + (n + i + 1) * 32));
  }
  return out;
}

/** Blake2b-256 of `data` in the kernel (for tests of the kernel's hash). */
export function kernelBlake2b256(data: Uint8Array): Uint8Array {
  const wasm = kernel();
  const input = wasm.prepare(1, 1, Math.max(2, data.length + (data.length % 2)));
  new Uint8Array(wasm.memory.buffer, input, data.length).set(data);
  const out = wasm.rootPtr();
  wasm.blake2b256(input, data.length, out);
  return new Uint8Array(wasm.memory.buffer).slice(out, out + 32);
}

/**
 * The chaos suite's only source of randomness: a seeded PRNG (sfc32, seeded through splitmix32), so a seed
 * replays the same decisions — blob sizes and flags, fault kinds, targets, delays. Independent streams
 * (`fork`) keep the workload's choices apart from the scheduler's, so one consuming more numbers (a retry) does
 * not shift the other's sequence.
 */

/** splitmix32: spreads a 32-bit state into well-mixed words (used only to seed sfc32). */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a of a label, to derive a fork's seed. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

/** A seeded pseudo-random generator; see the module comment. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: number) {
    const mix = splitmix32(seed);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.nextUint32(); // discard the first outputs, as sfc32's authors advise
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Prng.pick needs a non-empty list');
    return items[this.int(0, items.length - 1)]!;
  }

  /** An element chosen with the given weights (all ≥ 0, at least one > 0). */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let x = this.next() * total;
    for (const [item, w] of items) {
      if (x < w) return item;
      x -= w;
    }
    return items[items.length - 1]![0];
  }

  /** An independent stream for `label`, the same for the same seed and label. */
  fork(label: string): Prng {
    return new Prng((this.seed ^ hashLabel(label)) >>> 0);
  }

  /** `length` pseudo-random bytes (fast: whole 32-bit words). */
  bytes(length: number): Uint8Array {
    const words = new Uint32Array(Math.ceil(length / 4));
    for (let i = 0; i < words.length; i++) words[i] = this.nextUint32();
    return new Uint8Array(words.buffer, 0, length);
  }
}

/** A seed from `--seed` text: a decimal or 0x-hex 32-bit integer; else undefined. */
export function parseSeed(text: string): number | undefined {
  const value = /^0x[0-9a-f]{1,8}$/i.test(text)
    ? Number.parseInt(text, 16)
    : /^\d{1,10}$/.test(text)
      ? Number(text)
      : NaN;
  return Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff ? value : undefined;
}

/** A fresh random seed (for runs without `--seed`; the report prints it so the run can be replayed). */
export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}

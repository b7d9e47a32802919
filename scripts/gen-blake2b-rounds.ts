/**
 * Writes devnet/redstuff/assembly/generated/blake2b-rounds.ts: Blake2b's compression function for the RedStuff
 * kernels, with its 12 rounds unrolled and the message schedule (SIGMA) resolved here, once as u64 words
 * (`compress`) and once as two messages in the lanes of v128 values (`compress2v`). `--check` writes nothing and
 * exits 1 if the file is stale (test/redstuff/blake2b-rounds.test.ts runs the same check).
 * Run: npm run gen:blake2b [-- --check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The generated file's absolute path. */
export const target = fileURLToPath(
  new URL('../devnet/redstuff/assembly/generated/blake2b-rounds.ts', import.meta.url),
);

/** Blake2b's message schedule (RFC 7693 §2.7); rounds 10 and 11 repeat rounds 0 and 1. */
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/** The state words each G mixes: four columns, then four diagonals. */
const G_WORDS = [
  [0, 4, 8, 12],
  [1, 5, 9, 13],
  [2, 6, 10, 14],
  [3, 7, 11, 15],
  [0, 5, 10, 15],
  [1, 6, 11, 12],
  [2, 7, 8, 13],
  [3, 4, 9, 14],
];

type Half = (a: string, b: string, c: string, d: string, m: string, r1: number, r2: number) => string;

/** One G half-step on u64 words. */
const scalarHalf: Half = (a, b, c, d, m, r1, r2) =>
  `  ${a} += ${b} + ${m}; ${d} = rotr<u64>(${d} ^ ${a}, ${r1}); ${c} += ${d}; ${b} = rotr<u64>(${b} ^ ${c}, ${r2});`;

/** One G half-step on two lanes. */
const laneHalf: Half = (a, b, c, d, m, r1, r2) =>
  `  ${a} = i64x2.add(i64x2.add(${a}, ${b}), ${m}); ${d} = rotr${r1}(v128.xor(${d}, ${a})); ` +
  `${c} = i64x2.add(${c}, ${d}); ${b} = rotr${r2}(v128.xor(${b}, ${c}));`;

/** The 12 unrolled rounds. */
function rounds(half: Half): string[] {
  const lines: string[] = [];
  for (let round = 0; round < 12; round++) {
    const s = SIGMA[round % 10]!;
    lines.push(`  // round ${round}`);
    G_WORDS.forEach(([a, b, c, d], g) => {
      const [va, vb, vc, vd] = [a, b, c, d].map((w) => `v${w}`) as [string, string, string, string];
      lines.push(half(va, vb, vc, vd, `m${s[2 * g]}`, 32, 24));
      lines.push(half(va, vb, vc, vd, `m${s[2 * g + 1]}`, 16, 63));
    });
  }
  return lines;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function scalarCompress(): string[] {
  const loads = (name: string, base: string, from: number) =>
    range(4)
      .map((i) => `${name}${from + i} = load<u64>(${base}${from + i ? `, ${(from + i) * 8}` : ''})`)
      .join(', ');
  return [
    '/** Blake2b compression of the block at `block` into the state at `h`; `t` bytes so far, `last` for the final block. */',
    'export function compress(h: usize, block: usize, t: u64, last: bool): void {',
    ...[0, 4, 8, 12].map((i) => `  const ${loads('m', 'block', i)};`),
    ...[0, 4].map((i) => `  let ${loads('v', 'h', i)};`),
    '  let v8 = IV0, v9 = IV1, v10 = IV2, v11 = IV3;',
    '  let v12 = IV4 ^ t, v13 = IV5, v14 = last ? ~IV6 : IV6, v15 = IV7;',
    ...rounds(scalarHalf),
    ...range(8).map(
      (i) =>
        `  store<u64>(h, load<u64>(h${i ? `, ${i * 8}` : ''}) ^ v${i} ^ v${i + 8}${i ? `, ${i * 8}` : ''});`,
    ),
    '}',
  ];
}

function laneCompress(): string[] {
  const state = (from: number) =>
    range(4)
      .map((i) => `v${from + i} = v128.load(h${from + i ? `, ${(from + i) * 16}` : ''})`)
      .join(', ');
  return [
    '/** `compress` of two blocks whose message words are interleaved at `msg`: word i of both at `msg + 16 i`. */',
    'export function compress2v(h: usize, msg: usize, t: u64, last: bool): void {',
    ...range(16).map((i) => `  const m${i} = v128.load(msg, ${i * 16});`),
    `  let ${state(0)};`,
    `  let ${state(4)};`,
    '  let v8 = i64x2.splat(IV0), v9 = i64x2.splat(IV1), v10 = i64x2.splat(IV2), v11 = i64x2.splat(IV3);',
    '  let v12 = i64x2.splat(IV4 ^ t), v13 = i64x2.splat(IV5);',
    '  let v14 = i64x2.splat(last ? ~IV6 : IV6), v15 = i64x2.splat(IV7);',
    ...rounds(laneHalf),
    ...range(8).map(
      (i) =>
        `  v128.store(h, v128.xor(v128.load(h${i ? `, ${i * 16}` : ''}), v128.xor(v${i}, v${i + 8}))${i ? `, ${i * 16}` : ''});`,
    ),
    '}',
  ];
}

const IV = [
  '0x6a09e667f3bcc908',
  '0xbb67ae8584caa73b',
  '0x3c6ef372fe94f82b',
  '0xa54ff53a5f1d36f1',
  '0x510e527fade682d1',
  '0x9b05688c2b3e6c1f',
  '0x1f83d9abfb41bd6b',
  '0x5be0cd19137e2179',
];

const ROTATIONS = [
  ['rotr32', 'i8x16.shuffle(x, x, 4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11)'],
  ['rotr24', 'i8x16.shuffle(x, x, 3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10)'],
  ['rotr16', 'i8x16.shuffle(x, x, 2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9)'],
  ['rotr63', 'v128.or(i64x2.add(x, x), i64x2.shr_u(x, 63))'],
];

/** The generated file's text. */
export function renderBlake2bRounds(): string {
  return [
    '// Generated by `npm run gen:blake2b` (scripts/gen-blake2b-rounds.ts). Do not edit: change the generator.',
    '// Blake2b compression (RFC 7693) for the RedStuff kernels in ../index.ts: the 12 rounds unrolled with the',
    '// message schedule resolved at generation; each line pair is one G(a, b, c, d, x, y) mixing step.',
    '',
    "// Blake2b's initial vector.",
    ...IV.map((value, i) => `export const IV${i}: u64 = ${value};`),
    '',
    ...scalarCompress(),
    '',
    '// Rotations of both 64-bit lanes of a v128 (byte shuffles where the amount is a multiple of 8).',
    ...ROTATIONS.flatMap(([name, body]) => [
      '',
      `@inline function ${name}(x: v128): v128 {`,
      `  return ${body};`,
      '}',
    ]),
    '',
    ...laneCompress(),
    '',
  ].join('\n');
}

/** The file on disk, or undefined if there is none. */
export function currentBlake2bRounds(): string | undefined {
  try {
    return readFileSync(target, 'utf8');
  } catch {
    return undefined;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const text = renderBlake2bRounds();
  const current = currentBlake2bRounds();
  if (process.argv.includes('--check')) {
    if (current !== text) {
      console.error('devnet/redstuff/assembly/generated/blake2b-rounds.ts is stale: run npm run gen:blake2b');
      process.exit(1);
    }
  } else if (current !== text) {
    writeFileSync(target, text);
    console.error('wrote devnet/redstuff/assembly/generated/blake2b-rounds.ts');
  }
}

/**
 * CI's short chaos form (docs/chaos.md): `walrus dev chaos` twice through the built CLI — a fixed seed with the
 * ledger killed, then a random seed (printed first, so a failure can be replayed) — each with a short workload.
 * Exits non-zero if either run reports a problem. Run by `.ci/run` after `npm test` (`npm run test:chaos`); its
 * own step, since `npm test`'s budget is full. `CHAOS_SEED` overrides the random seed, `CHAOS_DURATION` both
 * durations.
 */
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const FIXED_SEED = 20261203;
const duration = process.env.CHAOS_DURATION ?? '40s';
const randomSeed = Number(process.env.CHAOS_SEED ?? randomInt(0, 2 ** 32 - 1));

const runs = [
  { label: 'fixed seed, ledger killed', args: ['--seed', String(FIXED_SEED), '--ledger-kill'] },
  { label: 'random seed', args: ['--seed', String(randomSeed)] },
];
process.stderr.write(
  `chaos (CI): fixed seed ${FIXED_SEED}, random seed ${randomSeed} (replay: CHAOS_SEED=${randomSeed} npm run test:chaos)\n`,
);
let failed = 0;
for (const run of runs) {
  const start = performance.now();
  const args = [
    fileURLToPath(new URL('../bin/run.js', import.meta.url)),
    'dev',
    'chaos',
    '--duration',
    duration,
    ...run.args,
  ];
  process.stderr.write(`\n== chaos: ${run.label}: walrus ${args.slice(1).join(' ')}\n`);
  try {
    execFileSync(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    failed++;
  }
  process.stderr.write(`== chaos: ${run.label}: ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
}
process.exit(failed === 0 ? 0 : 1);

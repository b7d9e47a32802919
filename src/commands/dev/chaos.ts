import { Flags } from '@oclif/core';
import {
  type ChaosReport,
  FAULT_KINDS,
  type FaultKind,
  formatChaosReport,
  parseFaultKinds,
  parseSeed,
  randomSeed,
  runChaos,
} from '../../../devnet/index.js';
import { BaseCommand } from '../../cli/base-command.js';
import { CHAOS_DEFAULTS, LIMITS } from '../../config/defaults.js';
import { parseDuration } from '../../config/duration.js';
import { ErrorCode } from '../../errors/codes.js';
import { UserError } from '../../errors/user-error.js';
import { withInterruptSignal } from '../../util/interrupt.js';

/** Shortest and longest `--duration`. */
const DURATION = { minMs: 10_000, maxMs: 24 * 3_600_000 };

export default class DevChaos extends BaseCommand<typeof DevChaos> {
  static override summary =
    'Run a chaos session: a blob workload on a fresh devnet while nodes crash, lose data and move shards.';

  static override description =
    `Boots a fresh, temporary devnet whose storage nodes are child processes, runs concurrent writes (0 B to 8 MiB, deletable and permanent, some extended, some deleted) and byte-for-byte reads through the unmodified WalrusClient, and meanwhile injects seeded faults: kill -9 of node processes (also mid-upload and mid-epoch-change), stops, wipes, corrupt or slow answers, lost slivers, stake moves that shift shards — never more than f shards' worth at once — on epochs of a few seconds. --ledger-kill also kills the ledger's process (SIGKILL, every second time an uncaught exception) and checks every acknowledged transaction afterwards. A final check reads every certified unexpired blob, compares each node's blob status with the chain's, looks for slivers outside a node's shards after GC and checks SUI and WAL conservation.

Exits 0 when the report has no problems, 2 when it has (findings or inconsistencies). The same --seed replays the same decisions. See docs/chaos.md. Does not touch a running devnet.`;

  static override examples = [
    '<%= config.bin %> dev chaos',
    '<%= config.bin %> dev chaos --seed 42 --duration 90s --ledger-kill',
    '<%= config.bin %> dev chaos --faults kill,wipe --nodes 5 --json',
  ];

  static override flags = {
    seed: Flags.string({
      description: 'Seed of every decision, 0 to 4294967295 (default: a random one, printed).',
    }),
    duration: Flags.string({
      description: `How long the workload runs, e.g. 90s or 10m (default ${CHAOS_DEFAULTS.duration}).`,
    }),
    nodes: Flags.integer({
      description: `Storage nodes, each a process (default ${CHAOS_DEFAULTS.nodes}).`,
      min: 4,
      max: LIMITS.nodes.max,
    }),
    faults: Flags.string({
      description: `Faults to inject, comma-separated, from ${FAULT_KINDS.join(',')} (default all).`,
    }),
    'ledger-kill': Flags.boolean({
      description:
        "Also end the ledger's process during the workload (kill -9; every second time an uncaught exception) and restart it.",
    }),
  };

  async run(): Promise<ChaosReport> {
    const seed = this.#seed();
    const durationMs = this.#duration();
    const faults = this.#faults();
    this.progress(`walrus dev chaos: seed ${seed} (replay with --seed ${seed})`);
    const report = await withInterruptSignal(
      'Interrupted: ending the workload, then the final check and clean-up (Ctrl-C again exits at once).',
      (signal) =>
        runChaos({
          seed,
          durationMs,
          ...(this.flags.nodes !== undefined ? { nodes: this.flags.nodes } : {}),
          ...(faults ? { faults } : {}),
          ledgerKill: this.flags['ledger-kill'],
          log: (line) => this.progress(line),
          verbose: Boolean(this.flags.verbose),
          signal,
        }),
    );
    this.log(formatChaosReport(report));
    if (report.problems > 0) process.exitCode = 2;
    return report;
  }

  #seed(): number {
    const text = this.flags.seed;
    if (text === undefined) return randomSeed();
    const seed = parseSeed(text);
    if (seed === undefined)
      throw new UserError(
        ErrorCode.InvalidArguments,
        `--seed must be an integer from 0 to 4294967295 (got "${text}").`,
        {
          hint: 'For example --seed 42, or leave it out for a random seed.',
        },
      );
    return seed;
  }

  #duration(): number {
    const text = this.flags.duration ?? CHAOS_DEFAULTS.duration;
    const ms = parseDuration(text);
    if (ms === undefined || ms < DURATION.minMs || ms > DURATION.maxMs)
      throw new UserError(
        ErrorCode.InvalidArguments,
        `--duration must be a duration from 10s to 24h (got "${text}").`,
        {
          hint: 'For example --duration 90s or --duration 10m.',
        },
      );
    return ms;
  }

  #faults(): FaultKind[] | undefined {
    const text = this.flags.faults;
    if (text === undefined) return undefined;
    const parsed = parseFaultKinds(text);
    if ('unknown' in parsed)
      throw new UserError(ErrorCode.InvalidArguments, `--faults: "${parsed.unknown}" is not a fault.`, {
        hint: `Pick from ${FAULT_KINDS.join(',')}, e.g. --faults kill,wipe.`,
      });
    return parsed.kinds;
  }
}

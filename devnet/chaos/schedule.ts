/**
 * The chaos scheduler's decisions, kept pure so a seed replays them and a unit test can hold them: which fault
 * comes next, on which node, when and for how long — never letting more than f shards' worth of nodes be down or
 * faulty at once (f = ⌊(n_shards − 1) / 3⌋, the shards Walrus tolerates losing; walrus-protocol.md).
 */
import type { Prng } from './prng.js';

/** The faults the scheduler injects (`--faults`); `stake` moves stake so shards shift at the next epoch. */
export const FAULT_KINDS = ['kill', 'stop', 'wipe', 'corrupt', 'slow', 'lose', 'stake'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** When a `kill` lands: at any moment, while a blob upload is under way, or during an epoch change. */
export type FaultMoment = 'any' | 'mid-upload' | 'mid-epoch-change';

/** One planned fault episode. */
export interface FaultPlan {
  kind: FaultKind;
  /** The node it hits (for `stake`, the node staked with). */
  node: number;
  moment: FaultMoment;
  /** How long the fault lasts before the node is restarted or healed. */
  durationMs: number;
  /** `slow`: the delay of every answer. */
  slowMs?: number;
  /** `lose`: the fraction of slivers dropped. */
  fraction?: number;
  /** `stake`: WAL staked (whole WAL). */
  stakeWal?: number;
}

/** The shards a node counts for: the most it holds in the current or the next committee. */
export type ShardsOf = (node: number) => number;

/** f for a system of `nShards` shards. */
export function faultTolerance(nShards: number): number {
  return Math.floor((nShards - 1) / 3);
}

/**
 * The nodes currently down or faulty (a fault in force, or back but still recovering), and whether one more may
 * join them without passing f shards.
 *
 * With the node count given, a node may also become faulty only while the SDK can still verify a blob's status
 * from the others: `@mysten/walrus` 1.2.13's `getVerifiedBlobStatus` checks the quorum (> 2f shards) before adding
 * the answering node's weight, so it resolves only if the answering nodes minus the largest of them hold > 2f
 * (`test/devnet/sdk-status-quorum.test.ts`; `readBlob` calls it during an epoch change). Without this, reads of
 * certified blobs fail with at most f shards faulty and the run reports the SDK's bug, not the devnet's.
 */
export class FaultBudget {
  readonly f: number;
  private readonly faulty = new Map<number, string>();

  constructor(
    private readonly nShards: number,
    private readonly nodeCount?: number,
  ) {
    this.f = faultTolerance(nShards);
  }

  /** Shards of the faulty nodes now. */
  faultyShards(shardsOf: ShardsOf): number {
    let total = 0;
    for (const node of this.faulty.keys()) total += shardsOf(node);
    return total;
  }

  /** Whether `node` may become faulty: it is not already, the total stays ≤ f, and the SDK's status check holds. */
  allows(node: number, shardsOf: ShardsOf): boolean {
    if (this.faulty.has(node) || this.faultyShards(shardsOf) + shardsOf(node) > this.f) return false;
    return this.nodeCount === undefined || this.#statusQuorumWithout(node, shardsOf);
  }

  /** The SDK's status check with `node` faulty too: the healthy nodes but their largest hold > 2f shards. */
  #statusQuorumWithout(node: number, shardsOf: ShardsOf): boolean {
    const healthy = Array.from({ length: this.nodeCount! }, (_, i) => i).filter(
      (i) => i !== node && !this.faulty.has(i),
    );
    const weights = healthy.map(shardsOf);
    const answering = Math.min(
      this.nShards,
      weights.reduce((a, b) => a + b, 0),
    );
    return answering - Math.max(0, ...weights) > 2 * this.f;
  }

  /** Whether more than f shards' worth are faulty (possible only when shards moved onto faulty nodes). */
  over(shardsOf: ShardsOf): boolean {
    return this.faultyShards(shardsOf) > this.f;
  }

  mark(node: number, why: string): void {
    this.faulty.set(node, why);
  }

  clear(node: number): void {
    this.faulty.delete(node);
  }

  /** Clears every node (after a devnet restart every node starts afresh). */
  clearAll(): void {
    this.faulty.clear();
  }

  /** The faulty nodes and why. */
  entries(): Array<[number, string]> {
    return [...this.faulty.entries()];
  }
}

/** The pause between two scheduling decisions, in ms. */
export function nextPauseMs(rng: Prng): number {
  return rng.int(400, 3000);
}

/**
 * The next fault among `kinds` on one of `nodes` that the budget allows, or undefined when none fits (every
 * candidate would pass f). `stake` is not a fault and needs no budget.
 */
export function planFault(
  rng: Prng,
  kinds: readonly FaultKind[],
  nodes: number,
  budget: FaultBudget,
  shardsOf: ShardsOf,
): FaultPlan | undefined {
  if (kinds.length === 0) return undefined;
  const kind = rng.pick(kinds);
  const node = rng.int(0, nodes - 1);
  if (kind === 'stake') return { kind, node, moment: 'any', durationMs: 0, stakeWal: rng.int(20, 150) };
  if (!budget.allows(node, shardsOf)) return undefined;
  const durationMs = rng.int(1000, 8000);
  switch (kind) {
    case 'kill':
      return {
        kind,
        node,
        moment: rng.weighted<FaultMoment>([
          ['any', 2],
          ['mid-upload', 2],
          ['mid-epoch-change', 1],
        ]),
        durationMs,
      };
    case 'slow':
      return { kind, node, moment: 'any', durationMs, slowMs: rng.int(200, 2500) };
    case 'lose':
      return { kind, node, moment: 'any', durationMs, fraction: rng.int(2, 8) / 10 };
    default:
      return { kind, node, moment: 'any', durationMs };
  }
}

/** `--faults` text → kinds, or the name that is not a fault. */
export function parseFaultKinds(text: string): { kinds: FaultKind[] } | { unknown: string } {
  const kinds: FaultKind[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    if (!(FAULT_KINDS as readonly string[]).includes(part)) return { unknown: part };
    if (!kinds.includes(part as FaultKind)) kinds.push(part as FaultKind);
  }
  return { kinds };
}

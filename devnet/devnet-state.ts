/**
 * A devnet's state directory: `ledger/` (the chain), `nodes/` (the storage nodes' slivers) and `walrus.json`, what
 * the devnet keeps to resume without a new genesis. The state fixes what genesis and registration put on chain:
 * the node count and their ports (network addresses), the shard count, the funded accounts. The epoch length is
 * the devnet's own clock and may change between runs.
 *
 * A new genesis is built so that a failed start never leaves a half state behind: `--fresh` moves the old state
 * aside and deletes it only once the new one is ready (on failure the old one comes back), and a failed first start
 * removes what it created.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WalrusAddresses } from './contract-runtime/contract-layouts.js';
import { DirectoryLock } from './ledger/persistence/lock.js';
import type { WalrusDeployment } from './walrus-chain/walrus-transactions.js';

/** `walrus.json`. */
export interface DevnetMetadata {
  version: 1;
  addresses: WalrusAddresses;
  deployment: WalrusDeployment;
  nShards: number;
  epochDurationMs: number;
  /** Funded accounts at genesis (absent in states written before it was recorded). */
  accounts?: number;
  /** SUI (MIST) each account got at genesis, decimal (absent in older states). */
  accountBalance?: string;
  nodes: Array<{ index: number; nodeId: string; capId: string; port: number }>;
}

/** The settings a state directory fixed, as {@link startDevnet} options name them. */
export interface DevnetStateSettings {
  nodes: number;
  shards: number;
  accounts: number | undefined;
  accountBalance: bigint | undefined;
  /** Each node's port, in node order (registered on chain). */
  nodePorts: number[];
  epochDurationMs: number;
}

/** A setting asked for that the state fixed otherwise. */
export interface StateConflict {
  setting: 'nodes' | 'shards' | 'accounts' | 'accountBalance' | 'storageNodeBase';
  state: string;
  requested: string;
}

const METADATA_FILE = 'walrus.json';

/** `startDevnet` was asked for settings its state directory fixed otherwise (code `STATE_MISMATCH`). */
export class DevnetStateMismatchError extends Error {
  readonly code = 'STATE_MISMATCH';

  constructor(
    readonly stateDir: string,
    readonly conflicts: StateConflict[],
  ) {
    super(
      `The devnet state in ${stateDir} fixes ${conflicts.map((c) => `${c.setting} = ${c.state}`).join(', ')}; ` +
        `asked for ${conflicts.map((c) => `${c.setting} = ${c.requested}`).join(', ')}. Start with fresh: true for a new genesis.`,
    );
  }
}

export function readDevnetMetadata(stateDir: string): DevnetMetadata | undefined {
  const path = join(stateDir, METADATA_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as DevnetMetadata) : undefined;
}

export function writeDevnetMetadata(stateDir: string, metadata: DevnetMetadata): void {
  writeFileSync(join(stateDir, METADATA_FILE), `${JSON.stringify(metadata, null, 2)}\n`);
}

/** What the devnet in `stateDir` was created with, or undefined when it holds none. */
export function readDevnetState(stateDir: string): DevnetStateSettings | undefined {
  const metadata = readDevnetMetadata(stateDir);
  if (!metadata) return undefined;
  return {
    nodes: metadata.nodes.length,
    shards: metadata.nShards,
    accounts: metadata.accounts,
    accountBalance: metadata.accountBalance === undefined ? undefined : BigInt(metadata.accountBalance),
    nodePorts: [...metadata.nodes].sort((a, b) => a.index - b.index).map((n) => n.port),
    epochDurationMs: metadata.epochDurationMs,
  };
}

/** The requested settings the state fixed otherwise (only those given are compared). */
export function stateConflicts(
  state: DevnetStateSettings,
  requested: {
    nodes?: number | undefined;
    shards?: number | undefined;
    accounts?: number | undefined;
    accountBalance?: bigint | undefined;
    storageNodeBase?: number | undefined;
  },
): StateConflict[] {
  const conflicts: StateConflict[] = [];
  const compare = (setting: StateConflict['setting'], had: unknown, asked: unknown) => {
    if (asked !== undefined && had !== undefined && had !== asked)
      conflicts.push({ setting, state: String(had), requested: String(asked) });
  };
  compare('nodes', state.nodes, requested.nodes);
  compare('shards', state.shards, requested.shards);
  compare('accounts', state.accounts, requested.accounts);
  compare('accountBalance', state.accountBalance, requested.accountBalance);
  const base = requested.storageNodeBase;
  if (base && state.nodePorts.some((port, i) => port !== base + i)) {
    conflicts.push({ setting: 'storageNodeBase', state: state.nodePorts.join(','), requested: String(base) });
  }
  return conflicts;
}

/** True when `dir` is missing, empty, or holds a devnet state (`walrus.json` or `ledger/`): safe to replace. */
export function isReplaceableStateDir(dir: string): boolean {
  if (!existsSync(dir)) return true;
  if (!statSync(dir).isDirectory()) return false;
  const entries = readdirSync(dir);
  return entries.length === 0 || entries.includes(METADATA_FILE) || entries.includes('ledger');
}

/** `fresh` or a reset on a directory that holds something else than a devnet state (code `NOT_A_STATE_DIR`). */
export class NotAStateDirError extends Error {
  readonly code = 'NOT_A_STATE_DIR';

  constructor(readonly stateDir: string) {
    super(`${stateDir} does not hold a devnet state (no walrus.json, no ledger/): refusing to replace it`);
  }
}

/** How a start that may create a new genesis ends: keep the new state, or put back what was there. */
export interface StateTransaction {
  /** The start succeeded: the state it built stays; a state moved aside by `fresh` is deleted. */
  commit(): void;
  /** The start failed: what it built goes; a state moved aside by `fresh` comes back. */
  rollback(): void;
}

/**
 * Prepares `stateDir` for a start. With `fresh`, a state that no running devnet holds is moved aside (and a
 * locked one refused). A state that will get a new genesis (fresh, or none there) is removed again if the start
 * fails; a resumed state is never touched.
 */
export function beginStateTransaction(stateDir: string, fresh: boolean): StateTransaction {
  let aside: string | undefined;
  if (fresh && existsSync(stateDir)) {
    if (!isReplaceableStateDir(stateDir)) throw new NotAStateDirError(stateDir);
    assertUnlocked(join(stateDir, 'ledger'));
    aside = `${stateDir}.previous-${process.pid}-${Date.now()}`;
    renameSync(stateDir, aside);
  }
  // What a new genesis creates; a failed one removes exactly these (never a folder it did not make).
  const created = existsSync(join(stateDir, METADATA_FILE))
    ? []
    : [stateDir, ...['ledger', 'nodes', METADATA_FILE].map((name) => join(stateDir, name))].filter(
        (path) => !existsSync(path),
      );
  return {
    commit: () => {
      if (aside) rmSync(aside, { recursive: true, force: true });
    },
    rollback: () => {
      for (const path of created.reverse()) rmSync(path, { recursive: true, force: true });
      if (aside) renameSync(aside, stateDir);
    },
  };
}

/** Throws the ledger's `LOCKED` error when a live devnet holds `ledgerDir`. */
function assertUnlocked(ledgerDir: string): void {
  if (!existsSync(ledgerDir)) return;
  DirectoryLock.acquire(ledgerDir).release();
}

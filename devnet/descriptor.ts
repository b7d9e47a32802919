import { readFileSync, rmSync } from 'node:fs';

/** One funded devnet account as the descriptor lists it. */
export interface DescriptorAccount {
  index: number;
  address: string;
  /** `suiprivkey…` export form. Devnet keys are public by design; never reuse them for real funds. */
  secretKey: string;
  /** Genesis balance in MIST, as a decimal string. */
  balance: string;
}

/**
 * `.walrus/devnet.json`: how every other command, the templates and external tools find a running devnet.
 * Field names are stable; new fields may be added.
 */
export interface DevnetDescriptor {
  version: 1;
  network: 'devnet';
  chainId: string;
  rpcUrl: string;
  faucetUrl: string;
  adminUrl: string;
  accounts: DescriptorAccount[];
  faucetAddress: string;
  /** Absolute state directory, or null for an in-memory devnet. */
  stateDir: string | null;
  /** Process id of the devnet. */
  pid: number;
  /** ISO 8601 start time. */
  startedAt: string;
  /** Package ids of the deployed Walrus packages (absent while the devnet runs the ledger alone). */
  packages?: { wal: string; walrus: string; walExchange: string };
  /** Shared objects of the Walrus deployment. */
  objects?: { system: string; staking: string; exchange: string };
  /** Storage nodes: id (the staking pool id), REST URL, shards held in the current committee. */
  nodes?: DescriptorNode[];
  /** Number of shards of the Walrus system. */
  nShards?: number;
  /** Walrus epoch length in ms. */
  epochDurationMs?: number;
  /** The Walrus daemon `walrus dev up` runs: aggregator (reads) and publisher (writes, paid by `publisherAddress`). */
  aggregatorUrl?: string;
  publisherUrl?: string;
  publisherAddress?: string;
  /** The upload relay `walrus dev up` runs. */
  uploadRelayUrl?: string;
}

/** One storage node as the descriptor lists it. */
export interface DescriptorNode {
  index: number;
  /** Node id = staking pool object id. */
  nodeId: string;
  name: string;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  shards: number[];
}

/**
 * The descriptor file's text. The CLI writes it (0600) with its safe writer (src/util/safe-write.ts): temp file +
 * fsync + rename, so readers never see half a file.
 */
export function serializeDescriptor(descriptor: DevnetDescriptor): string {
  return `${JSON.stringify(descriptor, null, 2)}\n`;
}

/** Reads a descriptor; undefined when there is none. Throws on a file that is not a descriptor. */
export function readDescriptor(path: string): DevnetDescriptor | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const value = JSON.parse(text) as Partial<DevnetDescriptor>;
  if (value.version !== 1 || typeof value.rpcUrl !== 'string' || typeof value.pid !== 'number') {
    throw new Error(`${path} is not a walrus-devkit devnet descriptor (version 1)`);
  }
  return value as DevnetDescriptor;
}

/** Removes the descriptor if it is still the one written by `pid`. */
export function removeDescriptor(path: string, pid: number = process.pid): void {
  try {
    if (readDescriptor(path)?.pid === pid) rmSync(path, { force: true });
  } catch {
    // A foreign or unreadable file is left alone.
  }
}

/** True if a process with this id exists (signal 0 probes without signalling). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

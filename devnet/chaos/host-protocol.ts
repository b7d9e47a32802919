/**
 * Messages between the chaos runner and its devnet host: the child process that runs the ledger, the epoch driver
 * and the storage nodes' parents, so that `kill -9` of it is a real crash of the ledger (see `devnet-host.ts`).
 */
import type { IpcReply } from '../../src/util/ipc-reply.js';
import type { DevnetDescriptor } from '../descriptor.js';

/** How the host starts its devnet. */
export interface HostSettings {
  stateDir: string;
  nodes: number;
  shards: number;
  accounts: number;
  epochDurationMs: number;
  /** WAL (FROST, decimal: IPC carries JSON) each account gets at genesis. @default the devnet's */
  accountWalFrost?: string;
  /** Ports of the ledger's services: 0 on the first start, then the same ones again after a crash. */
  ports: { rpc: number; faucet: number; admin: number };
  /** Resuming the state directory after a crash (node ports come from the state). */
  resume: boolean;
}

/** What a node action does in the host. */
export type NodeAction = 'kill' | 'stop' | 'start' | 'wipe' | 'corrupt' | 'slow' | 'lose' | 'heal' | 'sync';

export type HostCommand =
  | { op: 'node'; id: number; node: number; action: NodeAction; value?: number }
  | { op: 'stake'; id: number; node: number; account: number; frost: string }
  | { op: 'pids'; id: number }
  | { op: 'freeze'; id: number }
  | { op: 'audit'; id: number }
  /** Makes the host die from an uncaught exception (not a signal): the other way a ledger's process ends. */
  | { op: 'crash'; id: number }
  | { op: 'stop'; id: number };

/** The host's answer to `audit`: slivers held for shards not owned, and broken conservation. */
export interface HostAudit {
  foreignSlivers: string[];
  totals: string[];
}

export type HostMessage =
  | { type: 'ready'; descriptor: DevnetDescriptor; walType: string }
  | IpcReply<unknown>;

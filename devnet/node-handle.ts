import type { FaultSwitches } from './storage-node/faults.js';
import { NO_FAULTS } from './storage-node/faults.js';
import type { StorageNodeProcess } from './storage-node/node-process.js';
import type { StorageNode, StorageNodeStats, StorageNodeStatus } from './storage-node/storage-node.js';

/** What the devnet needs from a storage node, whether it runs in this process or in a child process. */
export interface NodeHandle {
  readonly status: StorageNodeStatus;
  /** The fault switches in force. */
  readonly faults: FaultSwitches;
  setFaults(update: Partial<FaultSwitches>): Promise<FaultSwitches>;
  stats(): Promise<StorageNodeStats>;
  wipe(): Promise<void>;
  /** Drops `fraction` of the node's slivers and switches its recovery off. */
  lose(fraction: number): Promise<number>;
  /** Slivers stored for shards the node does not hold now (`blobId:type:pair`). */
  foreignSlivers(): Promise<string[]>;
  /** Runs garbage collection now. */
  gc(): Promise<void>;
  /** Resolves once the node holds everything it should (its recovery is done). */
  idle(): Promise<void>;
  /** Resolves once the node has handled the chain changes it was told about (recovery may still run). */
  settled(): Promise<void>;
  /** Forgets blobs kept aside for a revert (no snapshot is left); child-process nodes keep none. */
  forgetRetired(): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Child processes only: the process id, and a real signal (`kill -9`). */
  readonly pid?: number | undefined;
  kill?(signal?: NodeJS.Signals): Promise<void>;
}

/** A node in this process. */
export function inProcessHandle(node: StorageNode): NodeHandle {
  return {
    get status() {
      return node.status;
    },
    get faults() {
      return node.faults;
    },
    setFaults: async (update) => node.setFaults(update),
    stats: () => node.stats(),
    wipe: () => node.wipe(),
    lose: (fraction) => node.lose(fraction),
    foreignSlivers: () => node.foreignSlivers(),
    gc: async () => void (await node.gc()),
    idle: async () => void (await node.idle()),
    settled: () => node.settled(),
    forgetRetired: () => node.forgetRetired(),
    start: () => node.start(),
    stop: () => node.stop(),
  };
}

/** A node in its own child process (so it can be killed for real); faults are mirrored from the child. */
export function childProcessHandle(node: StorageNodeProcess): NodeHandle {
  let faults: FaultSwitches = { ...NO_FAULTS };
  return {
    get status() {
      return node.status;
    },
    get faults() {
      return faults;
    },
    get pid() {
      return node.pid;
    },
    setFaults: async (update) => {
      faults = await node.setFaults(update);
      return faults;
    },
    stats: () => node.stats(),
    wipe: () => node.wipe(),
    lose: async (fraction) => {
      const lost = await node.lose(fraction);
      faults = { ...faults, noRecovery: true };
      return lost;
    },
    foreignSlivers: () => node.foreignSlivers(),
    gc: async () => void (await node.gc()),
    // The child's sync() recovers everything it lacks and returns once done.
    idle: async () => void (await node.sync()),
    // The child applies chain changes on its own; its sync() is the one wait the process protocol offers.
    settled: async () => void (await node.sync()),
    forgetRetired: () => {},
    start: async () => {
      await node.start();
      faults = { ...NO_FAULTS };
    },
    stop: () => node.stop(),
    kill: (signal) => node.kill(signal),
  };
}

/**
 * Fault switches of a storage node, for tests and demos of what users see when nodes misbehave.
 * Stopping/starting and wiping are methods of the node itself (`stop()`, `start()`, `wipe()`); the
 * switches below change how a running node answers.
 */

/** The switchable faults. */
export interface FaultSwitches {
  /** Serve slivers and recovery symbols with flipped bytes (valid BCS, wrong content). @default false */
  corruptSlivers: boolean;
  /** Delay every answer by this many milliseconds. @default 0 */
  slowMs: number;
  /** Answer every metadata or sliver upload with 503 UNAVAILABLE. @default false */
  refuseWrites: boolean;
  /** Never recover missing slivers (the `lose` fault sets it). @default false */
  noRecovery: boolean;
}

/** All switches off. */
export const NO_FAULTS: Readonly<FaultSwitches> = Object.freeze({
  corruptSlivers: false,
  slowMs: 0,
  refuseWrites: false,
  noRecovery: false,
});

/** Checks and merges a partial update of the switches. */
export function mergeFaults(current: FaultSwitches, update: Partial<FaultSwitches>): FaultSwitches {
  const next = { ...current, ...update };
  if (!Number.isFinite(next.slowMs) || next.slowMs < 0 || next.slowMs > 600_000) {
    throw new RangeError(`slowMs must be from 0 to 600000 (got ${next.slowMs})`);
  }
  return {
    corruptSlivers: Boolean(next.corruptSlivers),
    slowMs: next.slowMs,
    refuseWrites: Boolean(next.refuseWrites),
    noRecovery: Boolean(next.noRecovery),
  };
}

/**
 * A corrupted copy of a sliver's symbol bytes: every byte inverted, so the BCS stays valid but the
 * content no longer matches the metadata (readers detect it by the sliver hash or blob id).
 */
export function corruptBytes(data: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(data);
  for (let i = 0; i < copy.length; i++) copy[i] = copy[i]! ^ 0xff;
  return copy;
}

/**
 * Natives of `walrus::event_blob`: the event-blob certification state kept in the system object (the
 * SDK reads it; the devnet does not certify event blobs). No public functions.
 */
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import type { EventBlobCertificationStateValue } from '../../generated/move-types.js';

/** A state with nothing certified. */
export function createWithEmptyState(_ctx: NativeContext): EventBlobCertificationStateValue {
  return { latest_certified_blob: { vec: [] }, aggregate_weight_per_blob: { contents: [] } };
}

/** Forgets the attestations of the finished epoch (the certified blob stays). */
export function reset(_ctx: NativeContext, self: EventBlobCertificationStateValue): void {
  self.aggregate_weight_per_blob = { contents: [] };
}

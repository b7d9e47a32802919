/**
 * Natives of `walrus::event_blob`: the event-blob certification state kept in the system object (the
 * SDK reads it; the devnet does not certify event blobs). No public functions.
 */

import type { OptionValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext, NativeModule } from '../../../ledger/core/natives/native-types.js';
import type {
  EventBlobAttestationValue,
  EventBlobCertificationStateValue,
} from '../../generated/move-types.js';
import type { WalrusAddresses } from '../support/natives-kit.js';
import type { VecMapValue } from '../support/vec-map.js';

/** A state with nothing certified. */
export function createWithEmptyState(_ctx: NativeContext): EventBlobCertificationStateValue {
  return { latest_certified_blob: { vec: [] }, aggregate_weight_per_blob: { contents: [] } };
}

/** Forgets the attestations of the finished epoch (the certified blob stays). */
export function reset(_ctx: NativeContext, self: EventBlobCertificationStateValue): void {
  self.aggregate_weight_per_blob = { contents: [] };
}

/** An attestation. */
export function newAttestation(
  _ctx: NativeContext,
  checkpointSequenceNum: bigint,
  epoch: number,
): EventBlobAttestationValue {
  return { checkpoint_sequence_num: checkpointSequenceNum, epoch };
}

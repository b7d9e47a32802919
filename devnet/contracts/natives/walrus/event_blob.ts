import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import type {
  EventBlobAttestationValue,
  EventBlobCertificationStateValue,
} from '../../generated/move-types.js';

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

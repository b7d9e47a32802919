/**
 * Natives of `walrus::event_blob`: the event-blob certification state kept in the system object (the
 * SDK reads it; the devnet does not certify event blobs). No public functions.
 */

import type { OptionValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext, NativeModule } from '../../../ledger/core/natives/native-types.js';
import type { WalrusAddresses } from '../support/natives-kit.js';
import type { VecMapValue } from '../support/vec-map.js';

/** `EventBlobAttestation`, decoded. */
export interface EventBlobAttestationValue {
  checkpoint_sequence_num: bigint;
  epoch: number;
}

/** `EventBlob`, decoded. */
export interface EventBlobValue {
  blob_id: bigint;
  ending_checkpoint_sequence_number: bigint;
}

/** `EventBlobCertificationState`, decoded. */
export interface EventBlobCertificationStateValue {
  latest_certified_blob: OptionValue<EventBlobValue>;
  aggregate_weight_per_blob: VecMapValue<EventBlobValue, number>;
}

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

/**
 * The `walrus::event_blob` module: its structs (no public functions).
 * @example registry.register(eventBlobModule(addresses))
 */
export function eventBlobModule(addresses: WalrusAddresses): NativeModule {
  const base = { address: addresses.walrus, module: 'event_blob', typeParams: [] };
  return {
    address: addresses.walrus,
    name: 'event_blob',
    imports: { VecMap: '0x2::vec_map::VecMap' },
    structs: [
      {
        ...base,
        name: 'EventBlobAttestation',
        abilities: ['copy', 'drop', 'store'],
        fields: [
          { name: 'checkpoint_sequence_num', type: 'u64' },
          { name: 'epoch', type: 'u32' },
        ],
      },
      {
        ...base,
        name: 'EventBlob',
        abilities: ['copy', 'drop', 'store'],
        fields: [
          { name: 'blob_id', type: 'u256' },
          { name: 'ending_checkpoint_sequence_number', type: 'u64' },
        ],
      },
      {
        ...base,
        name: 'EventBlobCertificationState',
        abilities: ['store'],
        fields: [
          { name: 'latest_certified_blob', type: 'Option<EventBlob>' },
          { name: 'aggregate_weight_per_blob', type: 'VecMap<EventBlob, u16>' },
        ],
      },
    ],
    functions: [],
  };
}

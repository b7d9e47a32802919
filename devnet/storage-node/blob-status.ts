/**
 * The JSON a node answers on `GET /v1/blobs/{id}/status`, derived from the chain's view of the blob
 * the way Walrus nodes aggregate their blob events. The SDK groups these answers by
 * `JSON.stringify`, so every node must produce the same key order.
 */
import { activeObjects, type BlobChainState, type ChainEventId } from './chain-view.js';

/** Counts of active deletable `Blob` objects (snake_case, as Walrus serializes them). */
export interface DeletableCounts {
  count_deletable_total: number;
  count_deletable_certified: number;
}

/** The blob status as the REST API returns it in `success.data`. */
export type BlobStatusJson =
  | 'nonexistent'
  | { invalid: { event: ChainEventId } }
  | {
      permanent: {
        endEpoch: number;
        isCertified: boolean;
        statusEvent: ChainEventId;
        deletableCounts: DeletableCounts;
        initialCertifiedEpoch: number | null;
      };
    }
  | { deletable: { initialCertifiedEpoch: number | null; deletableCounts: DeletableCounts } };

/** The status of a blob in `epoch`. */
export function blobStatusOf(state: BlobChainState | undefined, epoch: number): BlobStatusJson {
  if (state?.invalidatedEvent) return { invalid: { event: state.invalidatedEvent } };
  const active = activeObjects(state, epoch);
  if (active.length === 0) return 'nonexistent';
  const deletable = active.filter((o) => o.deletable);
  const deletableCounts: DeletableCounts = {
    count_deletable_total: deletable.length,
    count_deletable_certified: deletable.filter((o) => o.certifiedEpoch !== null).length,
  };
  const certifiedEpochs = active.flatMap((o) => (o.certifiedEpoch === null ? [] : [o.certifiedEpoch]));
  const initialCertifiedEpoch = certifiedEpochs.length > 0 ? Math.min(...certifiedEpochs) : null;
  const permanent = active.filter((o) => !o.deletable);
  if (permanent.length === 0) return { deletable: { initialCertifiedEpoch, deletableCounts } };
  const certified = permanent.filter((o) => o.certifiedEpoch !== null && o.certifiedEvent !== null);
  const pool = certified.length > 0 ? certified : permanent;
  const chosen = pool.reduce((best, o) => (o.endEpoch > best.endEpoch ? o : best));
  return {
    permanent: {
      endEpoch: chosen.endEpoch,
      isCertified: certified.length > 0,
      statusEvent:
        (certified.length > 0 ? chosen.certifiedEvent : chosen.registeredEvent) ?? chosen.registeredEvent,
      deletableCounts,
      initialCertifiedEpoch,
    },
  };
}

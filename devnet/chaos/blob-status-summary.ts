/**
 * The part of a blob's status that the chain fixes and every node must agree on: whether it exists, is
 * permanent or deletable, certified, until which epoch, and how many deletable objects it has. The chaos suite's
 * final check compares each node's `GET /v1/blobs/{id}/status` with this, computed from the chain's `Blob`
 * objects (event ids are left out: they identify the same events in both).
 */

/** One `Blob` object as the chain holds it. */
export interface ChainBlobObject {
  deletable: boolean;
  certifiedEpoch: number | null;
  endEpoch: number;
}

/** The comparable summary of a blob status. */
export interface BlobStatusSummary {
  kind: 'nonexistent' | 'invalid' | 'permanent' | 'deletable';
  endEpoch?: number;
  isCertified?: boolean;
  deletableTotal?: number;
  deletableCertified?: number;
}

/** What the chain's objects of one blob id say in `epoch` (the aggregation Walrus nodes apply). */
export function chainStatus(objects: readonly ChainBlobObject[], epoch: number): BlobStatusSummary {
  const active = objects.filter((o) => o.endEpoch > epoch);
  if (active.length === 0) return { kind: 'nonexistent' };
  const deletable = active.filter((o) => o.deletable);
  const counts = {
    deletableTotal: deletable.length,
    deletableCertified: deletable.filter((o) => o.certifiedEpoch !== null).length,
  };
  const permanent = active.filter((o) => !o.deletable);
  if (permanent.length === 0) return { kind: 'deletable', ...counts };
  const certified = permanent.filter((o) => o.certifiedEpoch !== null);
  const pool = certified.length > 0 ? certified : permanent;
  return {
    kind: 'permanent',
    endEpoch: Math.max(...pool.map((o) => o.endEpoch)),
    isCertified: certified.length > 0,
    ...counts,
  };
}

type Counts = { count_deletable_total: number; count_deletable_certified: number };

/** The summary of a node's status JSON (`success.data` of `GET /v1/blobs/{id}/status`). */
export function nodeStatus(data: unknown): BlobStatusSummary {
  if (data === 'nonexistent') return { kind: 'nonexistent' };
  const record = (data ?? {}) as Record<string, unknown>;
  if ('invalid' in record) return { kind: 'invalid' };
  if ('permanent' in record) {
    const p = record.permanent as { endEpoch: number; isCertified: boolean; deletableCounts: Counts };
    return {
      kind: 'permanent',
      endEpoch: p.endEpoch,
      isCertified: p.isCertified,
      deletableTotal: p.deletableCounts.count_deletable_total,
      deletableCertified: p.deletableCounts.count_deletable_certified,
    };
  }
  if ('deletable' in record) {
    const d = record.deletable as { deletableCounts: Counts };
    return {
      kind: 'deletable',
      deletableTotal: d.deletableCounts.count_deletable_total,
      deletableCertified: d.deletableCounts.count_deletable_certified,
    };
  }
  throw new Error(`Not a blob status: ${JSON.stringify(data)}`);
}

/** Whether two summaries agree. */
export function sameStatus(a: BlobStatusSummary, b: BlobStatusSummary): boolean {
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
}

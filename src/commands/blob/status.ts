import { Args, Flags } from '@oclif/core';
import { blobIdOfFile } from '../../blob/blob-id.js';
import { parseBlobId } from '../../blob/blob-input.js';
import { listBlobs } from '../../blob/blob-objects.js';
import { epochClock } from '../../blob/epoch-time.js';
import { BaseCommand } from '../../cli/base-command.js';
import { guard } from '../../clients/walrus-session.js';
import { ErrorCode } from '../../errors/codes.js';
import { UserError } from '../../errors/user-error.js';
import { formatWallClock } from '../../util/format.js';

/** An end epoch with the estimated time it starts (ISO 8601). */
export interface Expiry {
  endEpoch: number;
  expiresAt: string;
}

/** `walrus blob status --json`: the nodes' verified status, in camelCase, and until when the blob is stored. */
export interface BlobStatusResult {
  blobId: string;
  status: {
    type: 'nonexistent' | 'invalid' | 'permanent' | 'deletable';
    initialCertifiedEpoch?: number | null;
    /** Permanent blobs: certified (not only registered). */
    isCertified?: boolean;
    /** The chain event the status comes from. */
    statusEvent?: { eventSeq: string; txDigest: string };
    /** Permanent blobs: the end epoch of the longest-lived permanent copy, and when that is. */
    endEpoch?: number;
    expiresAt?: string;
    deletableCounts?: { total: number; certified: number };
  };
  /** The active account's Blob objects of this blob, with their expiry. */
  objects: Array<Expiry & { objectId: string; deletable: boolean }>;
}

export default class BlobStatus extends BaseCommand<typeof BlobStatus> {
  static override summary =
    'Show whether a blob is stored and certified, and until when (asks the storage nodes).';

  static override examples = [
    '<%= config.bin %> blob status <blob-id>',
    '<%= config.bin %> blob status --file ./asset.glb',
  ];

  static override args = {
    blobId: Args.string({ description: 'The blob id (or use --file).' }),
  };

  static override flags = {
    file: Flags.string({ description: 'Compute the blob id of this file and show its status.' }),
  };

  async run(): Promise<BlobStatusResult> {
    const session = await this.walrusSession();
    let blobId: string;
    if (this.flags.file) blobId = (await blobIdOfFile(this.flags.file, await session.nShards())).blobId;
    else if (this.args.blobId) blobId = parseBlobId(this.args.blobId);
    else
      throw new UserError(ErrorCode.InvalidArguments, 'Pass a blob id or --file <path>.', {
        hint: 'For example: walrus blob status --file ./asset.glb',
      });
    const [verified, clock, owned] = await Promise.all([
      guard(() => session.walrus.getVerifiedBlobStatus({ blobId })),
      epochClock(session),
      listBlobs(session),
    ]);
    const expiresAt = (epoch: number) => new Date(clock.startOf(epoch)).toISOString();
    // The nodes' status as the SDK gives it, but for the one snake_case record.
    const status: BlobStatusResult['status'] = { ...verified } as BlobStatusResult['status'];
    if (verified.type === 'permanent' || verified.type === 'deletable') {
      status.deletableCounts = {
        total: verified.deletableCounts.count_deletable_total,
        certified: verified.deletableCounts.count_deletable_certified,
      };
    }
    if (verified.type === 'permanent') {
      status.endEpoch = verified.endEpoch;
      status.expiresAt = expiresAt(verified.endEpoch);
    }
    const objects = owned
      .filter((b) => b.blobId === blobId)
      .map((b) => ({
        objectId: b.objectId,
        deletable: b.deletable,
        endEpoch: b.endEpoch,
        expiresAt: expiresAt(b.endEpoch),
      }));
    if (!this.jsonEnabled()) this.log(describeStatus(blobId, status, objects, clock.startOf));
    return { blobId, status, objects };
  }
}

function describeStatus(
  blobId: string,
  status: BlobStatusResult['status'],
  objects: BlobStatusResult['objects'],
  startOf: (epoch: number) => number,
): string {
  const until = (epoch: number) => `until epoch ${epoch} (about ${formatWallClock(startOf(epoch))})`;
  if (status.type === 'nonexistent') {
    const expired = objects.map(
      (o) =>
        `  your object ${o.objectId}: expired at epoch ${o.endEpoch} (about ${formatWallClock(startOf(o.endEpoch))})`,
    );
    return [`${blobId}: not stored (never stored, deleted, or expired)`, ...expired].join('\n');
  }
  if (status.type === 'invalid') return `${blobId}: invalid (marked inconsistent)`;
  const certified =
    status.initialCertifiedEpoch === null || status.initialCertifiedEpoch === undefined
      ? 'registered, not certified'
      : `certified since epoch ${status.initialCertifiedEpoch}`;
  const lines = [
    `${blobId}: ${status.type}, ${certified}${status.endEpoch !== undefined ? `, stored ${until(status.endEpoch)}` : ''}`,
    `  deletable copies: ${status.deletableCounts?.total ?? 0} (${status.deletableCounts?.certified ?? 0} certified)`,
  ];
  for (const o of objects)
    lines.push(
      `  your object ${o.objectId}: ${o.deletable ? 'deletable' : 'permanent'}, ${until(o.endEpoch)}`,
    );
  if (objects.length === 0 && status.type === 'deletable')
    lines.push(
      '  (each deletable copy is stored until its own end epoch; its owner sees it in `walrus blob list`)',
    );
  return lines.join('\n');
}

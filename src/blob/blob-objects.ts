import { Transaction } from '@mysten/sui/transactions';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { blobIdFromInt } from '@mysten/walrus';
import { parseObjectId } from '../clients/object-id.js';
import { executeAsSigner, guard, type WalrusSession } from '../clients/walrus-session.js';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { formatWallClock } from '../util/format.js';
import { parseBlobId } from './blob-input.js';
import { epochClock } from './epoch-time.js';

/** A Blob object as the CLI reports it. */
export interface BlobInfo {
  objectId: string;
  blobId: string;
  size: number;
  deletable: boolean;
  registeredEpoch: number;
  certifiedEpoch: number | null;
  startEpoch: number;
  endEpoch: number;
  /** `certified`, `registered` (not yet certified) or `expired`. */
  status: 'certified' | 'registered' | 'expired';
}

type BlobObject = Awaited<ReturnType<WalrusSession['walrus']['getBlobObject']>>;

function toInfo(objectId: string, blob: BlobObject, epoch: number): BlobInfo {
  const endEpoch = blob.storage.end_epoch;
  return {
    objectId,
    blobId: blobIdFromInt(BigInt(blob.blob_id)),
    size: Number(blob.size),
    deletable: blob.deletable,
    registeredEpoch: blob.registered_epoch,
    certifiedEpoch: blob.certified_epoch ?? null,
    startEpoch: blob.storage.start_epoch,
    endEpoch,
    status: endEpoch <= epoch ? 'expired' : blob.certified_epoch === null ? 'registered' : 'certified',
  };
}

/** True when `value` is a well-formed blob id (43 characters of URL-safe base64), not an object id. */
function looksLikeBlobId(value: string): boolean {
  try {
    parseBlobId(value);
    return true;
  } catch {
    return false;
  }
}

/** The error for a blob id given where a Blob object id is expected: it lists the signer's objects of that blob. */
async function blobIdNotObjectId(session: WalrusSession, blobId: string): Promise<UserError> {
  const objects = (await listBlobs(session)).filter((b) => b.blobId === blobId).map((b) => b.objectId);
  const yours = objects.length
    ? `Your Blob objects of this blob: ${objects.join(', ')}.`
    : 'You own no Blob object of this blob.';
  return new UserError(
    ErrorCode.InvalidArguments,
    `"${blobId}" is a blob id; this command takes a Blob object id (0x…). ${yours}`,
    { hint: 'See `walrus blob list` for your Blob objects and their ids.' },
  );
}

/** Loads a Blob object owned by the signer; clear errors for unknown ids, other types and other owners. */
export async function loadOwnedBlob(session: WalrusSession, objectIdText: string): Promise<BlobInfo> {
  if (looksLikeBlobId(objectIdText)) throw await blobIdNotObjectId(session, objectIdText);
  const objectId = parseObjectId(objectIdText);
  const { objects } = await guard(() => session.sui.core.getObjects({ objectIds: [objectId] }));
  const object = objects[0];
  if (!object || object instanceof Error) {
    throw new UserError(ErrorCode.NotFound, `Object ${objectId} does not exist (or was deleted).`, {
      hint: 'See `walrus blob list` for your Blob objects.',
    });
  }
  const packageId = await session.walrusPackageId();
  if (object.type !== `${packageId}::blob::Blob`) {
    throw new UserError(
      ErrorCode.InvalidArguments,
      `Object ${objectId} is a ${object.type}, not a Walrus Blob.`,
      { hint: 'See `walrus blob list` for your Blob objects.' },
    );
  }
  const owner = session.signer.toSuiAddress();
  const ownerAddress = object.owner.$kind === 'AddressOwner' ? object.owner.AddressOwner : undefined;
  if (ownerAddress !== owner) {
    throw new UserError(
      ErrorCode.NotOwner,
      `Blob object ${objectId} belongs to ${ownerAddress ?? 'no address'}, not to ${owner}.`,
      {
        hint: 'Choose its owner with `walrus account use <address>`.',
      },
    );
  }
  session.walrus.reset(); // its object cache may hold this blob from before our last transaction
  const blob = await guard(() => session.walrus.getBlobObject(objectId));
  return toInfo(objectId, blob, await session.epoch());
}

/** Extends a blob's storage by `epochs`, paying in WAL. */
export async function extendBlob(session: WalrusSession, objectId: string, epochs: number) {
  const blob = await loadOwnedBlob(session, objectId);
  if (blob.status === 'expired') {
    throw new UserError(
      ErrorCode.InvalidArguments,
      `Blob object ${blob.objectId} expired at epoch ${blob.endEpoch}; it cannot be extended.`,
      { hint: 'Store the file again with `walrus blob store`; `walrus blob burn` drops the expired object.' },
    );
  }
  await checkExtension(session, blob, epochs);
  const { digest } = await guard(() =>
    session.walrus.executeExtendBlobTransaction({
      blobObjectId: blob.objectId,
      epochs,
      signer: session.signer,
    }),
  );
  return { digest, ...(await loadOwnedBlob(session, blob.objectId)) };
}

/** Refuses an extension beyond how far ahead the system sells storage, naming `--epochs` and the limit. */
async function checkExtension(session: WalrusSession, blob: BlobInfo, epochs: number): Promise<void> {
  const [state, epoch] = await Promise.all([guard(() => session.walrus.systemState()), session.epoch()]);
  const maxAhead = state.future_accounting.length;
  const most = maxAhead - (blob.endEpoch - epoch);
  if (epochs <= most) return;
  throw new UserError(
    ErrorCode.InvalidArguments,
    most > 0
      ? `--epochs ${epochs} is too many: storage is sold at most ${maxAhead} epochs ahead, and blob object ${blob.objectId} is stored until epoch ${blob.endEpoch} (now epoch ${epoch}), so it can be extended by at most ${most} epochs.`
      : `Blob object ${blob.objectId} is already stored until epoch ${blob.endEpoch}, the furthest the system sells storage (${maxAhead} epochs ahead of epoch ${epoch}).`,
    {
      hint:
        most > 0
          ? `Use --epochs ${most} or fewer.`
          : 'Extend it later, once the network has moved on by an epoch or more.',
    },
  );
}

/**
 * For a blob the storage nodes no longer know: the signer's Blob object of it that has expired, with the epoch it
 * ended at and when that was. Undefined when the signer holds no expired object of this blob.
 */
export async function expiredBlobInfo(
  session: WalrusSession,
  blobId: string,
): Promise<{ endEpoch: number; endedAtMs: number; objectId: string } | undefined> {
  const expired = (await listBlobs(session))
    .filter((b) => b.blobId === blobId && b.status === 'expired')
    .sort((a, b) => b.endEpoch - a.endEpoch)[0];
  if (!expired) return undefined;
  const clock = await epochClock(session);
  return {
    endEpoch: expired.endEpoch,
    endedAtMs: clock.startOf(expired.endEpoch),
    objectId: expired.objectId,
  };
}

/** `until epoch 12 (about 2026-12-03 16:05 UTC)`: an end epoch with its estimated wall-clock time. */
export async function describeEndEpoch(session: WalrusSession, endEpoch: number): Promise<string> {
  const clock = await epochClock(session);
  return `epoch ${endEpoch} (about ${formatWallClock(clock.startOf(endEpoch))})`;
}

/** Deletes a deletable blob; its storage resource goes back to the owner. */
export async function deleteBlob(session: WalrusSession, objectId: string) {
  const blob = await loadOwnedBlob(session, objectId);
  if (!blob.deletable) {
    throw new UserError(
      ErrorCode.InvalidArguments,
      `Blob object ${blob.objectId} is permanent; only deletable blobs can be deleted.`,
      {
        hint: 'A permanent blob stays until its storage ends; `walrus blob burn` drops the object without deleting the data.',
      },
    );
  }
  const { digest } = await guard(() =>
    session.walrus.executeDeleteBlobTransaction({ blobObjectId: blob.objectId, signer: session.signer }),
  );
  return { digest, objectId: blob.objectId, blobId: blob.blobId };
}

/** Burns Blob objects (drops them, no refund): the given ones, or every expired one the signer owns. */
export async function burnBlobs(session: WalrusSession, objectIds: string[], allExpired: boolean) {
  const blobs = allExpired
    ? (await listBlobs(session)).filter((b) => b.status === 'expired')
    : await Promise.all(objectIds.map((id) => loadOwnedBlob(session, id)));
  if (blobs.length === 0) return { digest: null, burned: [] as string[] };
  const packageId = await session.walrusPackageId();
  const tx = new Transaction();
  for (const blob of blobs)
    tx.moveCall({ target: `${packageId}::blob::burn`, arguments: [tx.object(blob.objectId)] });
  const { digest } = await executeAsSigner(session, tx, 'Burning');
  return { digest, burned: blobs.map((b) => b.objectId) };
}

/** Transfers a Blob object to another address. */
export async function transferBlob(session: WalrusSession, objectId: string, recipient: string) {
  const blob = await loadOwnedBlob(session, objectId);
  const to = normalizeSuiAddress(recipient);
  if (!/^0x[0-9a-fA-F]{1,64}$/.test(recipient))
    throw new UserError(ErrorCode.InvalidArguments, `"${recipient}" is not an address.`, {
      hint: 'An address is 0x followed by up to 64 hex digits; `walrus account list` shows yours.',
    });
  const tx = new Transaction();
  tx.transferObjects([tx.object(blob.objectId)], to);
  const { digest } = await executeAsSigner(session, tx, 'Transfer');
  return { digest, objectId: blob.objectId, to };
}

/**
 * Wraps the signer's Blob `objectId` in a new shared `SharedBlob` (`walrus::shared_blob::new`, what the Walrus
 * publisher's `share=true` does): anyone may then fund and extend it, and no one can delete it. Returns the
 * SharedBlob's object id.
 */
export async function shareBlob(
  session: WalrusSession,
  objectId: string,
): Promise<{ digest: string; sharedBlobId: string }> {
  const blob = await loadOwnedBlob(session, objectId);
  const packageId = await session.walrusPackageId();
  const tx = new Transaction();
  tx.moveCall({ target: `${packageId}::shared_blob::new`, arguments: [tx.object(blob.objectId)] });
  const result = await executeAsSigner(session, tx, `Sharing Blob ${blob.objectId}`);
  const shared = result.effects?.changedObjects.find(
    (o) => o.idOperation === 'Created' && o.outputOwner?.$kind === 'Shared',
  );
  if (!shared) throw new Error(`shared_blob::new created no shared object (transaction ${result.digest})`);
  return { digest: result.digest, sharedBlobId: shared.objectId };
}

/** The signer's Blob objects with status and expiry. */
export async function listBlobs(
  session: WalrusSession,
  owner = session.signer.toSuiAddress(),
): Promise<BlobInfo[]> {
  const packageId = await session.walrusPackageId();
  const epoch = await session.epoch();
  const ids: string[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await guard(() =>
      session.sui.core.listOwnedObjects({
        owner,
        type: `${packageId}::blob::Blob`,
        ...(cursor ? { cursor } : {}),
      }),
    );
    ids.push(...page.objects.map((o) => o.objectId));
    cursor = page.hasNextPage ? page.cursor : null;
  } while (cursor);
  const blobs = await Promise.all(ids.map((id) => guard(() => session.walrus.getBlobObject(id))));
  return blobs.map((blob, i) => toInfo(ids[i]!, blob, epoch));
}

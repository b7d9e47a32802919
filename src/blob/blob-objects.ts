import { Transaction } from '@mysten/sui/transactions';
import { isValidSuiObjectId, normalizeSuiAddress, normalizeSuiObjectId } from '@mysten/sui/utils';
import { blobIdFromInt } from '@mysten/walrus';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { guard, type WalrusSession } from './walrus-session.js';

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

/** Normalizes and validates an object id argument. */
export function parseObjectId(value: string): string {
  const id = normalizeSuiObjectId(value);
  if (!/^0x[0-9a-fA-F]+$/.test(value) || !isValidSuiObjectId(id)) {
    throw new UserError(
      ErrorCode.InvalidArguments,
      `"${value}" is not an object id (0x followed by up to 64 hex digits).`,
    );
  }
  return id;
}

/** Loads a Blob object owned by the signer; clear errors for unknown ids, other types and other owners. */
export async function loadOwnedBlob(session: WalrusSession, objectIdText: string): Promise<BlobInfo> {
  const objectId = parseObjectId(objectIdText);
  const { objects } = await guard(() => session.sui.core.getObjects({ objectIds: [objectId] }));
  const object = objects[0];
  if (!object || object instanceof Error) {
    throw new UserError(ErrorCode.NotFound, `Object ${objectId} does not exist (or was deleted).`);
  }
  const packageId = await session.walrusPackageId();
  if (object.type !== `${packageId}::blob::Blob`) {
    throw new UserError(
      ErrorCode.InvalidArguments,
      `Object ${objectId} is a ${object.type}, not a Walrus Blob.`,
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
    );
  }
  const { digest } = await guard(() =>
    session.walrus.executeExtendBlobTransaction({
      blobObjectId: blob.objectId,
      epochs,
      signer: session.signer,
    }),
  );
  return { digest, ...(await loadOwnedBlob(session, blob.objectId)) };
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
  const result = await guard(() =>
    session.sui.core.signAndExecuteTransaction({ transaction: tx, signer: session.signer }),
  );
  if (result.$kind !== 'Transaction') {
    throw new UserError(
      ErrorCode.CommandFailed,
      `Burning failed: ${result.FailedTransaction?.status.error?.message ?? 'unknown error'}`,
    );
  }
  return { digest: result.Transaction.digest, burned: blobs.map((b) => b.objectId) };
}

/** Transfers a Blob object to another address. */
export async function transferBlob(session: WalrusSession, objectId: string, recipient: string) {
  const blob = await loadOwnedBlob(session, objectId);
  const to = normalizeSuiAddress(recipient);
  if (!/^0x[0-9a-fA-F]{1,64}$/.test(recipient))
    throw new UserError(ErrorCode.InvalidArguments, `"${recipient}" is not an address.`);
  const tx = new Transaction();
  tx.transferObjects([tx.object(blob.objectId)], to);
  const result = await guard(() =>
    session.sui.core.signAndExecuteTransaction({ transaction: tx, signer: session.signer }),
  );
  if (result.$kind !== 'Transaction') {
    throw new UserError(
      ErrorCode.CommandFailed,
      `Transfer failed: ${result.FailedTransaction?.status.error?.message ?? 'unknown error'}`,
    );
  }
  return { digest: result.Transaction.digest, objectId: blob.objectId, to };
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

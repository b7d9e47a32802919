/**
 * A Blob object's attributes (the `metadata` dynamic field: string key → string value), read and written with the
 * SDK's `readBlobAttributes`/`writeBlobAttributes`. The SDK's reader throws when a blob has no attributes yet
 * (the dynamic field does not exist, on any network), and its writer with `blobObjectId` reads first, so it
 * fails on such a blob too; here "no field" is an empty set, and the first write adds the field.
 */
import { Transaction } from '@mysten/sui/transactions';
import { executeAsSigner, guard, type WalrusSession } from '../clients/walrus-session.js';

/** True for the SDK's "no such object/field" answer. */
function isNotFound(error: unknown): boolean {
  const e = error as { message?: string; cause?: { code?: string } };
  return e?.cause?.code === 'notExists' || /not found/i.test(e?.message ?? '');
}

/** The blob's attributes, or null when it has none (no metadata field). */
export async function readAttributes(
  session: WalrusSession,
  objectId: string,
): Promise<Record<string, string> | null> {
  try {
    return await guard(() => session.walrus.readBlobAttributes({ blobObjectId: objectId }));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Sets (string) or removes (null) attributes of a Blob object the signer owns; returns the transaction digest. */
export async function writeAttributes(
  session: WalrusSession,
  objectId: string,
  attributes: Record<string, string | null>,
): Promise<string> {
  const existing = await readAttributes(session, objectId);
  const tx = new Transaction();
  tx.add(
    existing === null
      ? session.walrus.writeBlobAttributes({ blobObject: tx.object(objectId), attributes })
      : session.walrus.writeBlobAttributes({ blobObjectId: objectId, attributes }),
  );
  return (await executeAsSigner(session, tx, `Setting attributes of ${objectId}`)).digest;
}

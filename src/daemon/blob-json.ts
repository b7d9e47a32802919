/** The Walrus daemon's JSON shape of a Blob object (camelCase, blob id in base64, as the Rust daemon serializes it). */
import { blobIdFromInt, type WalrusClient } from '@mysten/walrus';

type ChainBlob = Awaited<ReturnType<WalrusClient['getBlobObject']>>;

/** `blobObject` of a `newlyCreated` reply. */
export interface BlobObjectJson {
  id: string;
  registeredEpoch: number;
  blobId: string;
  size: number;
  encodingType: 'RS2' | 'RedStuff';
  certifiedEpoch: number | null;
  storage: { id: string; startEpoch: number; endEpoch: number; storageSize: number };
  deletable: boolean;
}

export function blobObjectJson(blob: ChainBlob): BlobObjectJson {
  return {
    id: blob.id,
    registeredEpoch: blob.registered_epoch,
    blobId: blobIdFromInt(BigInt(blob.blob_id)),
    size: Number(blob.size),
    encodingType: blob.encoding_type === 1 ? 'RS2' : 'RedStuff',
    certifiedEpoch: blob.certified_epoch,
    storage: {
      id: blob.storage.id,
      startEpoch: blob.storage.start_epoch,
      endEpoch: blob.storage.end_epoch,
      storageSize: Number(blob.storage.storage_size),
    },
    deletable: blob.deletable,
  };
}

/**
 * The header of every message a Walrus storage node signs: `intent_type u8 || intent_version u8 (0)
 * || app_id u8 (3, Walrus) || epoch u32 LE`, followed by the message body's BCS.
 */

/** Intent types of Walrus's signed messages. */
export const IntentType = {
  ProofOfPossession: 0,
  BlobCertification: 1,
  InvalidBlobId: 2,
  SyncShard: 3,
} as const;

/** The 7-byte header of every signed message. */
export function protocolMessageHeader(intentType: number, epoch: number): Uint8Array {
  const header = new Uint8Array(7);
  header[0] = intentType;
  header[1] = 0;
  header[2] = 3;
  new DataView(header.buffer).setUint32(3, epoch, true);
  return header;
}

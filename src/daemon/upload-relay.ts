/**
 * The upload relay (walrus-protocol.md §13): what `new WalrusClient({ uploadRelay: { host, sendTip } })` writes
 * through. `GET /v1/tip-config` → `"no_tip"` or `{send_tip: {address, kind: {const} | {linear: {base,
 * encoded_size_mul_per_kib}}}}`. `POST /v1/blob-upload-relay?blob_id&tx_id&nonce&deletable_blob_object&encoding_type`
 * with the raw blob: the relay encodes it, checks the blob id, sends the slivers to the nodes, gathers their
 * confirmations and returns the aggregated certificate `{blob_id, confirmation_certificate: {signers,
 * serialized_message, signature}}`. With a tip, the transaction `tx_id` must be fresh, carry as input 0 the auth
 * payload `sha256(blob) || sha256(nonce) || u64 LE length` and pay the relay at least the tip, as the real relay
 * checks.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bcs } from '@mysten/sui/bcs';
import { fromBase64, normalizeSuiAddress } from '@mysten/sui/utils';
import { parseBlobId } from '../blob/blob-input.js';
import { encodedBlobLength } from '../blob/blob-math.js';
import { guard, type WalrusSession } from '../clients/walrus-session.js';
import { HttpError, readBody, sendJson } from './http.js';

/** The relay's tip: none, a constant, or base + per KiB of encoded size (MIST). */
export type TipKind = { const: number } | { linear: { base: number; perEncodedKib: number } };

export interface RelayOptions {
  session: WalrusSession;
  /** Tip paid to the session's signer; undefined: no tip. */
  tip?: TipKind;
  /** How old the tip transaction may be. */
  tipFreshnessMs: number;
  maxBodyBytes: number;
}

/** What the relay asks for a blob of `size` bytes (the SDK's formula, so client and relay agree). */
export function tipFor(tip: TipKind, size: number, nShards: number): bigint {
  if ('const' in tip) return BigInt(tip.const);
  const kib = (BigInt(encodedBlobLength(size, nShards)) + 1023n) / 1024n;
  return BigInt(tip.linear.base) + BigInt(tip.linear.perEncodedKib) * kib;
}

/** Parses `none`, `const:N` or `linear:BASE,PER_KIB` (amounts in MIST). */
export function parseTip(text: string): TipKind | undefined {
  if (text === 'none') return undefined;
  const constant = /^const:(\d+)$/.exec(text);
  if (constant) return { const: Number(constant[1]) };
  const linear = /^linear:(\d+),(\d+)$/.exec(text);
  if (linear) return { linear: { base: Number(linear[1]), perEncodedKib: Number(linear[2]) } };
  throw new HttpError(400, 'BAD_TIP', `Unknown tip "${text}": use none, const:MIST or linear:BASE,PER_KIB.`);
}

export function tipConfig(options: RelayOptions) {
  if (!options.tip) return 'no_tip';
  const address = options.session.signer.toSuiAddress();
  const kind =
    'const' in options.tip
      ? { const: options.tip.const }
      : {
          linear: {
            base: options.tip.linear.base,
            encoded_size_mul_per_kib: options.tip.linear.perEncodedKib,
          },
        };
  return { send_tip: { address, kind } };
}

const badTip = (message: string) =>
  new HttpError(
    400,
    'BAD_TIP',
    message,
    'Send the tip in the register transaction, as the SDK does with sendTip.',
  );

/**
 * The chain's time: the shared Clock (0x6, `{id: UID, timestamp_ms: u64}`). A transaction's age is measured on the
 * chain's clock, which a devnet may run ahead of the wall clock (epoch changes move it).
 */
async function chainNowMs(session: WalrusSession): Promise<number> {
  const { object } = await guard(() =>
    session.sui.core.getObject({ objectId: '0x6', include: { content: true } }),
  );
  return Number(bcs.u64().parse(object.content.subarray(32, 40)));
}

/** Checks the tip transaction: it exists, is fresh, carries the auth payload as input 0, and pays the tip. */
async function checkTip(options: RelayOptions, query: URLSearchParams, blob: Uint8Array): Promise<void> {
  const { session, tip } = options;
  if (!tip) return;
  const txId = query.get('tx_id');
  const nonceText = query.get('nonce');
  if (!txId || !nonceText) throw badTip('This relay requires a tip: tx_id and nonce are missing.');
  let tx: Awaited<
    ReturnType<typeof session.sui.core.getTransaction<{ transaction: true; balanceChanges: true }>>
  >;
  try {
    tx = await guard(() =>
      session.sui.core.getTransaction({ digest: txId, include: { transaction: true, balanceChanges: true } }),
    );
  } catch (error) {
    throw badTip(`Tip transaction ${txId} not found: ${(error as Error).message}`);
  }
  const result = tx.Transaction ?? tx.FailedTransaction;
  if (!tx.Transaction || !result) throw badTip(`Tip transaction ${txId} failed.`);
  if (
    result.timestampMs !== null &&
    (await chainNowMs(session)) - result.timestampMs >= options.tipFreshnessMs
  )
    throw badTip(
      `Tip transaction ${txId} is older than this relay accepts (${Math.round(options.tipFreshnessMs / 1000)} s).`,
    );
  const nonce = fromBase64(nonceText.replace(/-/g, '+').replace(/_/g, '/'));
  const expected = Buffer.concat([
    createHash('sha256').update(blob).digest(),
    createHash('sha256').update(nonce).digest(),
    bcs.u64().serialize(blob.length).toBytes(),
  ]);
  const input = result.transaction?.inputs[0];
  const given =
    input && 'Pure' in input && input.Pure ? Buffer.from(fromBase64(input.Pure.bytes)) : undefined;
  if (!given?.equals(expected))
    throw badTip(
      `Tip transaction ${txId} does not authenticate this blob (input 0 is not its auth payload).`,
    );
  const relay = normalizeSuiAddress(session.signer.toSuiAddress());
  const paid = (result.balanceChanges ?? [])
    .filter((c) => normalizeSuiAddress(c.address) === relay && c.coinType.endsWith('::sui::SUI'))
    .reduce((sum, c) => sum + BigInt(c.amount), 0n);
  const due = tipFor(tip, blob.length, await session.nShards());
  if (paid < due)
    throw badTip(`Tip transaction ${txId} pays the relay ${paid} MIST; the tip is ${due} MIST.`);
}

/** `POST /v1/blob-upload-relay`. */
export async function relayUpload(
  options: RelayOptions,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  const { session } = options;
  const blobIdText = query.get('blob_id');
  if (!blobIdText) throw new HttpError(400, 'BAD_REQUEST', 'blob_id is required.');
  const blobId = parseBlobId(blobIdText);
  const encoding = query.get('encoding_type');
  if (encoding !== null && encoding !== 'RS2')
    throw new HttpError(400, 'BAD_REQUEST', `Unsupported encoding_type ${encoding} (this network uses RS2).`);
  const blob = new Uint8Array(await readBody(req, options.maxBodyBytes));
  await checkTip(options, query, blob);
  const encoded = await guard(() => session.walrus.encodeBlob(blob));
  if (encoded.blobId !== blobId)
    throw new HttpError(
      400,
      'BLOB_ID_MISMATCH',
      `The body encodes to blob ${encoded.blobId}, not ${blobId}.`,
    );
  const objectId = query.get('deletable_blob_object') ?? undefined;
  const confirmations = await guard(() =>
    session.walrus.writeEncodedBlobToNodes({
      blobId,
      metadata: encoded.metadata,
      sliversByNode: encoded.sliversByNode,
      deletable: objectId !== undefined,
      ...(objectId ? { objectId } : {}),
    } as Parameters<typeof session.walrus.writeEncodedBlobToNodes>[0]),
  );
  const certificate = await guard(() =>
    session.walrus.certificateFromConfirmations({
      confirmations,
      blobId,
      deletable: objectId !== undefined,
      ...(objectId ? { blobObjectId: objectId } : {}),
    } as Parameters<typeof session.walrus.certificateFromConfirmations>[0]),
  );
  sendJson(res, 200, {
    blob_id: blobId,
    confirmation_certificate: {
      signers: certificate.signers,
      serialized_message: Array.from(certificate.serializedMessage),
      signature: Buffer.from(certificate.signature).toString('base64url'),
    },
  });
}

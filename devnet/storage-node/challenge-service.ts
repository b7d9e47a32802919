/**
 * A storage node's part in storage challenges (a devnet extension; the contract is
 * `contracts/walrus/sources/challenge.move`, the sample and message `challenge-sample.ts`).
 *
 * - As the challenged node ({@link ChallengeService.respond}): for each blob of its sample and each
 *   peer, the symbols they share — row `r` of each of its primary slivers at the columns `c` of the
 *   peer's secondary slivers — each with its Merkle opening against the primary sliver's hash in the
 *   blob's metadata; sends them to the peer (`POST /v1/challenges/{round}/proof`), checks the
 *   signatures it gets back and aggregates them (its own included) into a certificate.
 * - As a peer ({@link ChallengeService.verifyProof}): reads the round from the chain (never from the
 *   challenged node), recomputes the node's sample from its own view of certified blobs, checks every
 *   expected symbol's opening against its own copy of the metadata (which it checked against the blob
 *   id when it stored it), and signs `(epoch, round, node, sample digest)`.
 * Reads are not affected: a round only reads slivers.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { ApiError } from './api-error.js';
import type { BlsKeyPair } from './bls-keys.js';
import { verifyBls } from './bls-keys.js';
import { type ChainView, type ChallengeRoundInfo, type Committee, isCertified } from './chain-view.js';
import { challengeMessage, challengeSample, challengeSampleDigest } from './challenge-sample.js';
import { blobIdToString, pairForShard, parseBlobId, sliverIndexOf, symbolSizeFor } from './encoding.js';
import { bytesEqual, rootFromProof } from './merkle.js';
import type { NodeService } from './node-service.js';
import {
  parseRecoverySymbols,
  type RecoverySymbol,
  type SymbolId,
  serializeRecoverySymbols,
  symbolRoot,
} from './recovery-symbols.js';

/** What a challenged node sends one peer. */
interface ProofJson {
  round: string;
  nodeId: string;
  blobs: Array<{ blobId: string; symbols: string }>;
}

/** A node's certificate for a round, ready for `submit_challenge_certificate`. */
export interface ChallengeCertificate {
  round: bigint;
  nodeId: string;
  message: Uint8Array;
  signature: Uint8Array;
  signersBitmap: Uint8Array;
  /** Shards of the signers. */
  weight: number;
  /** Shards of the committee. */
  nShards: number;
  sample: string[];
  /** Bytes of proofs sent to peers. */
  proofBytes: number;
  /** Peers that refused or did not answer, with why. */
  refusals: Array<{ nodeId: string; reason: string }>;
}

/** Options of {@link ChallengeService}. */
export interface ChallengeServiceOptions {
  nodeId: string;
  chainView: ChainView;
  service: NodeService;
  key: BlsKeyPair;
  /** Timeout of one peer request. @default 15000 */
  timeoutMs?: number;
  /** How long a peer waits for its chain view to see a certification the challenged node saw. @default 5000 */
  catchUpMs?: number;
  /** Runs before the node answers a round (the storage node waits for its pending recoveries). */
  prepare?: () => Promise<void>;
}

export type { ChallengeRoundInfo };

const refuse = (message: string) => new ApiError('FAILED_PRECONDITION', 'CHALLENGE_PROOF_REFUSED', message);

/** A blob id (URL-safe base64) as the u256 the chain and the sample use (little-endian). */
export function blobIdToBigInt(blobId: string): bigint {
  const bytes = parseBlobId(blobId);
  if (!bytes) throw new Error(`${blobId} is not a blob id`);
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  return value;
}

function bigIntToBlobId(value: bigint): string {
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number((value >> BigInt(8 * i)) & 0xffn);
  return blobIdToString(bytes);
}

/** The node's challenge handling; see the module comment. */
export class ChallengeService {
  constructor(private readonly options: ChallengeServiceOptions) {}

  private async openRound(round: bigint): Promise<ChallengeRoundInfo> {
    const info = await this.options.chainView.getChallengeRound?.();
    if (!info || info.round !== round || info.resolved) throw refuse(`round ${round} is not open on chain`);
    return info;
  }

  private async committeeOf(info: ChallengeRoundInfo): Promise<Committee> {
    const committee = await this.options.chainView.getCommittee();
    if (committee.epoch !== info.epoch) throw refuse(`round ${info.round} belongs to epoch ${info.epoch}`);
    return committee;
  }

  /** The sample of `nodeId` in the round, from this node's view of the chain. */
  async sample(info: ChallengeRoundInfo, nodeId: string): Promise<string[]> {
    const certified = (await this.options.chainView.listBlobs())
      .filter((blob) => isCertified(blob, info.epoch))
      .map((blob) => blobIdToBigInt(blob.blobId));
    return challengeSample(info.seed, nodeId, certified, info.sampleSize).map(bigIntToBlobId);
  }

  /**
   * `node`'s sample if it is `sent`, waiting up to `catchUpMs` for this node's view of the chain to
   * see certifications the challenged node saw first; `undefined` if they still differ.
   */
  private async agreedSample(
    info: ChallengeRoundInfo,
    node: string,
    sent: string[],
  ): Promise<string[] | undefined> {
    const same = (sample: string[]) =>
      sample.length === sent.length && sample.every((id, i) => id === sent[i]);
    let sample = await this.sample(info, node);
    if (same(sample)) return sample;
    const deadline = Date.now() + (this.options.catchUpMs ?? 5000);
    while (Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, deadline - Date.now());
        const unsubscribe = this.options.chainView.subscribe(done);
        function done() {
          clearTimeout(timer);
          unsubscribe();
          resolve();
        }
      });
      sample = await this.sample(info, node);
      if (same(sample)) return sample;
    }
    return undefined;
  }

  /** The symbols `node` shares with `peer` for a blob: its primary rows × the peer's secondary columns. */
  private sharedIds(committee: Committee, blobId: string, node: string, peer: string): SymbolId[] {
    const n = committee.nShards;
    const bytes = parseBlobId(blobId)!;
    const shardsOf = (id: string) => committee.members.find((m) => m.nodeId === id)?.shards ?? [];
    const rows = shardsOf(node).map((s) => sliverIndexOf('primary', pairForShard(s, bytes, n), n));
    const columns = shardsOf(peer).map((s) => sliverIndexOf('secondary', pairForShard(s, bytes, n), n));
    return rows.flatMap((primary) => columns.map((secondary) => ({ primary, secondary })));
  }

  /** The proof for one peer (what `POST /v1/challenges/{round}/proof` takes). */
  async buildProof(info: ChallengeRoundInfo, committee: Committee, sample: string[], peer: string) {
    const blobs: ProofJson['blobs'] = [];
    for (const blobId of sample) {
      const ids = this.sharedIds(committee, blobId, this.options.nodeId, peer);
      let symbols: RecoverySymbol[] = [];
      try {
        symbols = await this.options.service.recoverySymbols(blobId, { ids, proofAxis: 'primary' });
      } catch {
        // Without the metadata the node has nothing to show for this blob; the peer will refuse.
      }
      blobs.push({ blobId, symbols: Buffer.from(serializeRecoverySymbols(symbols)).toString('base64') });
    }
    const proof: ProofJson = { round: info.round.toString(), nodeId: this.options.nodeId, blobs };
    return new TextEncoder().encode(JSON.stringify(proof));
  }

  /** Checks a proof sent by a challenged node; returns this node's signature of the round message. */
  async verifyProof(round: bigint, body: Uint8Array): Promise<Uint8Array> {
    let proof: ProofJson;
    try {
      proof = JSON.parse(new TextDecoder().decode(body)) as ProofJson;
      if (typeof proof.nodeId !== 'string' || !Array.isArray(proof.blobs)) throw new Error('shape');
    } catch {
      throw new ApiError('INVALID_ARGUMENT', 'INVALID_CHALLENGE_PROOF', 'the body is not a challenge proof');
    }
    if (proof.round !== round.toString()) throw refuse(`the proof is for round ${proof.round}, not ${round}`);
    const info = await this.openRound(round);
    const committee = await this.committeeOf(info);
    const node = proof.nodeId;
    if (!info.nodes.includes(node)) throw refuse(`node ${node} is not challenged in round ${round}`);
    if (node === this.options.nodeId) throw refuse('a node does not certify itself through this route');
    const sent = proof.blobs.map((b) => b.blobId);
    const sample = await this.agreedSample(info, node, sent);
    if (!sample) throw refuse(`the proof covers other blobs than node ${node}'s sample`);
    for (const entry of proof.blobs) await this.checkBlob(committee, node, entry);
    return this.options.key.sign(challengeMessage(info.epoch, round, node, digestOf(sample)));
  }

  private async checkBlob(committee: Committee, node: string, entry: ProofJson['blobs'][number]) {
    const n = committee.nShards;
    const metadata = await this.options.service.metadata(entry.blobId);
    if (!metadata) throw refuse(`this node has no metadata of blob ${entry.blobId} to check against`);
    const symbolSize = symbolSizeFor(metadata.unencodedLength, n);
    let symbols: RecoverySymbol[];
    try {
      symbols = parseRecoverySymbols(Uint8Array.from(Buffer.from(entry.symbols, 'base64')));
    } catch {
      throw refuse(`the symbols of blob ${entry.blobId} are malformed`);
    }
    const byKey = new Map(symbols.map((s) => [`${s.sourceIndex}-${s.targetIndex}`, s]));
    for (const id of this.sharedIds(committee, entry.blobId, node, this.options.nodeId)) {
      const symbol = byKey.get(`${id.primary}-${id.secondary}`);
      const root = symbol && symbol.recovers === 'secondary' ? symbolRoot(metadata, n, symbol) : undefined;
      const valid =
        symbol !== undefined &&
        root !== undefined &&
        symbol.data.length === symbolSize &&
        bytesEqual(rootFromProof(symbol.data, symbol.targetIndex, symbol.proof), root);
      if (!valid)
        throw refuse(
          `blob ${entry.blobId}: symbol ${id.primary}-${id.secondary} is missing or does not open`,
        );
    }
  }

  /** As the challenged node: proves the sample to every peer and aggregates their signatures. */
  async respond(round: bigint): Promise<ChallengeCertificate> {
    const info = await this.openRound(round);
    const committee = await this.committeeOf(info);
    const me = this.options.nodeId;
    if (!info.nodes.includes(me)) throw refuse(`this node is not challenged in round ${round}`);
    // An honest node first fetches what it lacks (pending recoveries), as it would before any read.
    await this.options.prepare?.();
    const sample = await this.sample(info, me);
    const message = challengeMessage(info.epoch, round, me, digestOf(sample));
    const signatures = new Map<number, Uint8Array>();
    const refusals: ChallengeCertificate['refusals'] = [];
    let proofBytes = 0;
    await Promise.all(
      committee.members.map(async (member, index) => {
        if (member.nodeId === me) {
          signatures.set(index, this.options.key.sign(message));
          return;
        }
        const proof = await this.buildProof(info, committee, sample, member.nodeId);
        proofBytes += proof.length;
        try {
          const signature = await this.sendProof(member.networkAddress, round, proof);
          if (!verifyBls(signature, message, member.publicKey))
            throw new Error('its signature does not verify');
          signatures.set(index, signature);
        } catch (error) {
          refusals.push({
            nodeId: member.nodeId,
            reason: error instanceof Error ? error.message : String(error),
          });
        }
      }),
    );
    const signers = [...signatures.keys()].sort((a, b) => a - b);
    const bitmap = new Uint8Array(Math.ceil(committee.members.length / 8));
    for (const i of signers) bitmap[i >> 3]! |= 1 << (i % 8);
    const bls = bls12_381.longSignatures;
    const aggregate = bls.Signature.toBytes(
      bls.aggregateSignatures(signers.map((i) => bls.Signature.fromBytes(signatures.get(i)!))),
    );
    const weight = signers.reduce((sum, i) => sum + committee.members[i]!.shards.length, 0);
    return {
      round,
      nodeId: me,
      message,
      signature: aggregate,
      signersBitmap: bitmap,
      weight,
      nShards: committee.nShards,
      sample,
      proofBytes,
      refusals,
    };
  }

  private async sendProof(networkAddress: string, round: bigint, proof: Uint8Array): Promise<Uint8Array> {
    const url = `http://${networkAddress}/v1/challenges/${round}/proof`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: proof,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status} ${text.slice(0, 300)}`);
    const signature = (JSON.parse(text) as { success?: { data?: { signature?: string } } }).success?.data
      ?.signature;
    if (typeof signature !== 'string') throw new Error('no signature in the answer');
    return Uint8Array.from(Buffer.from(signature, 'base64'));
  }
}

function digestOf(sample: string[]): Uint8Array {
  return challengeSampleDigest(sample.map(blobIdToBigInt));
}

/** A certificate as JSON (byte fields base64, round as a decimal string). */
export function challengeCertificateJson(certificate: ChallengeCertificate) {
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return {
    ...certificate,
    round: certificate.round.toString(),
    message: b64(certificate.message),
    signature: b64(certificate.signature),
    signersBitmap: b64(certificate.signersBitmap),
  };
}

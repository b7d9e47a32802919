/**
 * What a storage node needs to know from the chain, and nothing more. A node never reads ledger
 * internals: the devnet implements this interface over the public Sui client API (`SuiGrpcClient`
 * object reads plus Walrus events), tests over {@link InMemoryChainView}.
 *
 * Implementations must keep, per blob id, the **live** `Blob` objects (registered and not deleted,
 * including expired ones until they are garbage: the node filters by `endEpoch`), and call
 * `subscribe` listeners after every change they apply, with the blob id or the new epoch.
 *
 * How each field maps to Walrus events:
 *
 * | field | source |
 * |---|---|
 * | `Committee.epoch`, `members`, `nShards` | `StakingInnerV1.committee` (node order and shards) + `StakingPool.node_info` (`public_key`, `network_address`), refreshed on `EpochChangeStart` |
 * | `BlobObjectState` added | `BlobRegistered{blob_id, object_id, end_epoch, deletable, size, encoding_type, epoch}` |
 * | `certifiedEpoch`, `certifiedEvent`, `endEpoch` | `BlobCertified{object_id, epoch, end_epoch}` (also sent on extension: `is_extension`) |
 * | object removed | `BlobDeleted{object_id}` (and `blob::burn`, which emits nothing: re-read the object on demand) |
 * | `invalidatedEvent` | `InvalidBlobID{blob_id}` |
 * | event ids | the Sui event id: transaction digest (base58) and the event's index in it (decimal string) |
 *
 * @module
 */

/** One storage node of the committee, in on-chain order. */
export interface CommitteeMember {
  /** The node's id (its staking pool's object id), `0x` + 64 hex digits. */
  nodeId: string;
  /** The node's BLS12-381 G1 public key, compressed (48 bytes) or uncompressed (96 bytes). */
  publicKey: Uint8Array;
  /** The shards the node holds this epoch. */
  shards: number[];
  /** `host:port` of the node's REST API (the SDK reaches `http://<networkAddress>`). */
  networkAddress: string;
}

/** The committee of one epoch. */
export interface Committee {
  epoch: number;
  /** Number of shards (and of sliver pairs per blob). */
  nShards: number;
  /** The members in on-chain order (the order of signer bitmaps). */
  members: CommitteeMember[];
}

/** A Sui event id, as the blob-status endpoint prints it. */
export interface ChainEventId {
  /** Transaction digest, base58. */
  txDigest: string;
  /** The event's index within the transaction, as a decimal string. */
  eventSeq: string;
}

/** One live `Blob` object of a blob id. */
export interface BlobObjectState {
  /** The `Blob` object's id, `0x` + 64 hex digits. */
  objectId: string;
  deletable: boolean;
  /** Unencoded size in bytes. */
  size: bigint;
  registeredEpoch: number;
  /** First epoch in which the blob is no longer stored (exclusive end). */
  endEpoch: number;
  /** Epoch of certification, or `null` while only registered. */
  certifiedEpoch: number | null;
  registeredEvent: ChainEventId;
  certifiedEvent: ChainEventId | null;
}

/** Everything the chain says about one blob id. */
export interface BlobChainState {
  /** URL-safe base64 blob id, as printed by the SDK. */
  blobId: string;
  /** Live (not deleted) `Blob` objects with this blob id, expired ones included. */
  objects: BlobObjectState[];
  /** Set once the blob id was proven invalid. */
  invalidatedEvent: ChainEventId | null;
}

/** A change a node reacts to. */
export type ChainChange =
  /** Some object of this blob id was registered, certified, extended or deleted, or the id was invalidated. */
  | { kind: 'blob'; blobId: string }
  /**
   * A new epoch started (`start`: its committee, and so shard assignments, may differ) or its change is done
   * (`done`, `EpochChangeDone`: the new committee has synced, so clients stop reading the previous one and a node
   * may drop slivers of shards that moved away). Views that cannot tell leave `phase` out (read as `start`).
   */
  | { kind: 'epoch'; epoch: number; phase?: 'start' | 'done' };

/** A challenge round as the chain holds it (`challenge::ChallengeRound`). */
export interface ChallengeRoundInfo {
  round: bigint;
  epoch: number;
  seed: Uint8Array;
  deadlineMs: bigint;
  sampleSize: number;
  /** The challenged node ids. */
  nodes: string[];
  passed: string[];
  resolved: boolean;
}

/** The chain as a storage node sees it. */
export interface ChainView {
  /** The current committee. */
  getCommittee(): Promise<Committee>;
  /** What the chain holds for a blob id; `undefined` if it never saw it. */
  getBlob(blobId: string): Promise<BlobChainState | undefined>;
  /** Every blob id with at least one live object or an invalidation (for recovery sweeps and GC). */
  listBlobs(): Promise<BlobChainState[]>;
  /** Calls `listener` after each change; returns the unsubscribe function. */
  subscribe(listener: (change: ChainChange) => void): () => void;
  /** The last storage-challenge round (a devnet extension); absent where the view cannot read it. */
  getChallengeRound?(): Promise<ChallengeRoundInfo | undefined>;
}

/** The objects of a blob still stored in `epoch` (`endEpoch` is exclusive). */
export function activeObjects(state: BlobChainState | undefined, epoch: number): BlobObjectState[] {
  if (!state || state.invalidatedEvent) return [];
  return state.objects.filter((object) => object.endEpoch > epoch);
}

/** True if the blob is registered (and neither expired, deleted nor invalid) in `epoch`. */
export function isRegistered(state: BlobChainState | undefined, epoch: number): boolean {
  return activeObjects(state, epoch).length > 0;
}

/** True if some active object of the blob is certified in `epoch`. */
export function isCertified(state: BlobChainState | undefined, epoch: number): boolean {
  return activeObjects(state, epoch).some((object) => object.certifiedEpoch !== null);
}

/**
 * Natives of `walrus::storage_node`: a node's public description (kept in its staking pool) and the
 * `StorageNodeCap` that authorizes its operator.
 */
import type { IdValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import {
  MOVE_CONSTANTS,
  type NodeMetadataValue,
  type StorageNodeCapValue,
  type StorageNodeInfoValue,
} from '../../generated/move-types.js';
import { g1FromBytes, g1ToUncompressedG1 } from '../framework/bls12381.js';
import type { ElementValue } from '../framework/group_ops.js';
import { implement, returning } from '../support/implement.js';
import { abort, newUid, type StringValue, walrusType } from '../support/natives-kit.js';
import * as extendedField from './extended_field.js';

/**
 * `fun` aborts with `EInvalidNetworkPublicKey` unless `key` is a network public key: a flag byte and
 * a 32-byte Ed25519 key (`NETWORK_PUBLIC_KEY_LENGTH`).
 */
function checkNetworkPublicKey(ctx: NativeContext, key: Uint8Array, fun: string): void {
  if (BigInt(key.length) !== MOVE_CONSTANTS.storage_node.NETWORK_PUBLIC_KEY_LENGTH)
    abort(ctx, 'storage_node', fun, 'EInvalidNetworkPublicKey');
}

const metadataType = (ctx: NativeContext) => walrusType(ctx, 'storage_node', 'NodeMetadata');

/** `uncompressed(&public_key)`: a compressed G1 key (48 bytes) as the uncompressed element (96 bytes). */
export function uncompressedG1(ctx: NativeContext, publicKey: Uint8Array): ElementValue {
  return g1ToUncompressedG1(ctx, g1FromBytes(ctx, publicKey));
}

// === Constructors ===

/** Node metadata without extra fields. */
export function newMetadata(
  _ctx: NativeContext,
  imageUrl: StringValue,
  projectUrl: StringValue,
  description: StringValue,
): NodeMetadataValue {
  return { image_url: imageUrl, project_url: projectUrl, description, extra_fields: { contents: [] } };
}

/** The description of a new node (Move `storage_node::new`); `publicKey` is the compressed G1 key. */
export function newStorageNodeInfo(
  ctx: NativeContext,
  name: StringValue,
  nodeId: IdValue,
  networkAddress: StringValue,
  publicKey: Uint8Array,
  networkPublicKey: Uint8Array,
  metadata: NodeMetadataValue,
): StorageNodeInfoValue {
  checkNetworkPublicKey(ctx, networkPublicKey, 'new');
  return {
    name,
    node_id: { bytes: nodeId.bytes },
    network_address: networkAddress,
    public_key: uncompressedG1(ctx, publicKey),
    next_epoch_public_key: { vec: [] },
    network_public_key: networkPublicKey,
    metadata: extendedField.newExtendedField(ctx, metadata, metadataType(ctx)),
  };
}
export { newStorageNodeInfo as new };

/** A capability for `nodeId`. */
export function newCap(ctx: NativeContext, nodeId: IdValue): StorageNodeCapValue {
  return {
    id: newUid(ctx),
    node_id: { bytes: nodeId.bytes },
    last_epoch_sync_done: 0,
    last_event_blob_attestation: { vec: [] },
    deny_list_root: 0n,
    deny_list_sequence: 0n,
    deny_list_size: 0n,
  };
}

// === StorageNodeCap ===

/** The node the capability is for. */
export function nodeId(_ctx: NativeContext, cap: StorageNodeCapValue): IdValue {
  return { bytes: cap.node_id.bytes };
}

/** The last epoch for which the node signalled that it had all its shards. */
export function lastEpochSyncDone(_ctx: NativeContext, cap: StorageNodeCapValue): number {
  return cap.last_epoch_sync_done;
}

// === StorageNodeInfo ===

/** The node id. */
export function id(_ctx: NativeContext, self: StorageNodeInfoValue): IdValue {
  return { bytes: self.node_id.bytes };
}

/** The current (uncompressed) BLS key. */
export function publicKey(_ctx: NativeContext, self: StorageNodeInfoValue): ElementValue {
  return self.public_key;
}

/** A copy of the node's metadata. */
export function metadata(ctx: NativeContext, self: StorageNodeInfoValue): NodeMetadataValue {
  return structuredClone(extendedField.borrow<NodeMetadataValue>(ctx, self.metadata, metadataType(ctx)));
}

/** Sets the key used from the next epoch the node is in the committee (compressed, 48 bytes). */
export function setNextPublicKey(ctx: NativeContext, self: StorageNodeInfoValue, key: Uint8Array): void {
  self.next_epoch_public_key = { vec: [uncompressedG1(ctx, key)] };
}

/** At an epoch change: the pending key, if any, becomes the current key. */
export function rotatePublicKey(_ctx: NativeContext, self: StorageNodeInfoValue): void {
  const next = self.next_epoch_public_key.vec[0];
  if (next) {
    self.public_key = next;
    self.next_epoch_public_key = { vec: [] };
  }
}

/** Sets the node's name. */
export function setName(_ctx: NativeContext, self: StorageNodeInfoValue, name: StringValue): void {
  self.name = name;
}

/** Sets the node's `host:port`. */
export function setNetworkAddress(
  _ctx: NativeContext,
  self: StorageNodeInfoValue,
  address: StringValue,
): void {
  self.network_address = address;
}

/** Sets the node's network public key (33 bytes). */
export function setNetworkPublicKey(ctx: NativeContext, self: StorageNodeInfoValue, key: Uint8Array): void {
  checkNetworkPublicKey(ctx, key, 'set_network_public_key');
  self.network_public_key = key;
}

/** Replaces the node's metadata. */
export function setMetadata(ctx: NativeContext, self: StorageNodeInfoValue, value: NodeMetadataValue): void {
  extendedField.swap(ctx, self.metadata, value, metadataType(ctx));
}

/** The natives of `walrus::storage_node`. */
export const storageNodeNatives = implement('storage_node', {
  new_metadata: returning(newMetadata),
  node_id: returning(nodeId),
  last_epoch_sync_done: returning(lastEpochSyncDone),
});

// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// Sizes of RedStuff-encoded blobs (encoding type RS2 = 1), as the SDK and storage nodes compute
/// them: `n` shards tolerate `f = (n - 1) / 3` faults; a blob is cut into `p * s` source symbols
/// (`p = n - 2f` primary, `s = n - f` secondary); every node stores one primary sliver of `s`
/// symbols, one secondary sliver of `p` symbols, and the metadata (2n hashes and the blob id).
module walrus::redstuff;

/// Encoding type: RedStuff with Reed-Solomon (RS2).
const RS2: u8 = 1;
/// Bytes of a sliver hash.
const DIGEST_LEN: u64 = 32;
/// Bytes of a blob id.
const BLOB_ID_LEN: u64 = 32;
/// The largest symbol size (even, fits a u16).
const MAX_SYMBOL_SIZE: u64 = 65_534;

/// The encoding type is not RS2.
const EInvalidEncodingType: u64 = 0;
/// The blob needs symbols larger than `MAX_SYMBOL_SIZE`.
const EBlobTooLarge: u64 = 1;
/// There must be at least 4 shards.
const ETooFewShards: u64 = 2;

/// The bytes storage must cover for a blob of `unencoded_length` bytes: all slivers on all nodes
/// plus each node's copy of the metadata.
public(package) fun encoded_blob_length(
    unencoded_length: u64,
    encoding_type: u8,
    n_shards: u16,
): u64 {
    assert!(encoding_type == RS2, EInvalidEncodingType);
    let n = n_shards as u64;
    let slivers_per_node =
        (primary_symbols(n_shards) + secondary_symbols(n_shards))
        * symbol_size(unencoded_length, n_shards);
    n * (slivers_per_node + metadata_size(n_shards))
}

/// Source symbols of a secondary sliver (`n - 2f`).
public(package) fun primary_symbols(n_shards: u16): u64 {
    (n_shards as u64) - 2 * max_byzantine(n_shards)
}

/// Source symbols of a primary sliver (`n - f`).
public(package) fun secondary_symbols(n_shards: u16): u64 {
    (n_shards as u64) - max_byzantine(n_shards)
}

/// `f`: the faulty shards tolerated.
public(package) fun max_byzantine(n_shards: u16): u64 {
    assert!(n_shards >= 4, ETooFewShards);
    ((n_shards as u64) - 1) / 3
}

/// `ceil(max(len, 1) / (p * s))`, rounded up to even.
fun symbol_size(unencoded_length: u64, n_shards: u16): u64 {
    let length = unencoded_length.max(1);
    let n_symbols = primary_symbols(n_shards) * secondary_symbols(n_shards);
    let mut size = (length - 1) / n_symbols + 1;
    if (size % 2 == 1) size = size + 1;
    assert!(size <= MAX_SYMBOL_SIZE, EBlobTooLarge);
    size
}

/// Per node: a primary and a secondary hash for every sliver pair, and the blob id.
fun metadata_size(n_shards: u16): u64 {
    (n_shards as u64) * DIGEST_LEN * 2 + BLOB_ID_LEN
}

// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// Key-value attributes of a blob, stored in a dynamic field of the `Blob` (see `blob`).
module walrus::metadata;

use std::string::String;
use sui::vec_map::{Self, VecMap};

/// The attributes, in insertion order.
public struct Metadata has drop, store {
    metadata: VecMap<String, String>,
}

/// No attributes.
public fun new(): Metadata {
    Metadata { metadata: vec_map::empty() }
}

/// Sets `key` to `value`, keeping the position of an existing key.
public fun insert_or_update(self: &mut Metadata, key: String, value: String) {
    if (self.metadata.contains(&key)) {
        *(&mut self.metadata[&key]) = value;
    } else {
        self.metadata.insert(key, value);
    }
}

/// Removes `key` and returns the pair; aborts if it is absent.
public fun remove(self: &mut Metadata, key: &String): (String, String) {
    self.metadata.remove(key)
}

/// Removes `key` if present and returns its value.
public fun remove_if_exists(self: &mut Metadata, key: &String): Option<String> {
    if (self.metadata.contains(key)) {
        let (_, value) = self.metadata.remove(key);
        option::some(value)
    } else {
        option::none()
    }
}

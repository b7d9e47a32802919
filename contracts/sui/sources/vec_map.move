// Declarations of Sui's `sui::vec_map`: the structs only (the Walrus natives read and write maps directly).
module sui::vec_map;

/// A map data structure backed by a vector, guaranteed not to contain duplicate keys.
public struct VecMap<K: copy, V> has copy, drop, store {
    contents: vector<Entry<K, V>>,
}

/// An entry in the map.
public struct Entry<K: copy, V> has copy, drop, store {
    key: K,
    value: V,
}

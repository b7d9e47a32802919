// Declarations of Sui's `sui::bag`: the struct only (entries are dynamic fields of its UID).
module sui::bag;

public struct Bag has key, store {
    /// The ID of this bag.
    id: UID,
    /// The number of key-value pairs in the bag.
    size: u64,
}

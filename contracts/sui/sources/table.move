// Declarations of Sui's `sui::table`: the struct only (entries are dynamic fields of its UID).
module sui::table;

public struct Table<phantom K: copy + drop + store, phantom V: store> has key, store {
    /// The ID of this table.
    id: UID,
    /// The number of key-value pairs in the table.
    size: u64,
}

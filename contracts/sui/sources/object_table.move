// Declarations of Sui's `sui::object_table`: the struct only (entries are dynamic object fields of its UID).
module sui::object_table;

public struct ObjectTable<phantom K: copy + drop + store, phantom V: key + store> has key, store {
    /// The ID of this table.
    id: UID,
    /// The number of key-value pairs in the table.
    size: u64,
}

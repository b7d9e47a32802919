// Declarations of Sui's `sui::clock` that the devnet implements natively: the shared Clock at 0x6, which the
// ledger moves.
module sui::clock;

/// Singleton shared object that exposes time to Move calls.
public struct Clock has key {
    id: UID,
    /// The clock's timestamp, set by the consensus commit prologue of every checkpoint.
    timestamp_ms: u64,
}

/// The `clock`'s current timestamp as a running total of milliseconds since the Unix epoch.
public fun timestamp_ms(clock: &Clock): u64 {
    clock.timestamp_ms
}

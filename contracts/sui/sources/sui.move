// Declarations of Sui's `sui::sui`: the SUI coin type (its one-time witness).
module sui::sui;

/// Name of the coin.
public struct SUI has drop {}

// Signatures of Sui's `sui::group_ops` that the devnet implements natively (bodies are Sui's).
module sui::group_ops;

public struct Element<phantom T> has copy, drop, store {
    bytes: vector<u8>,
}

public native fun bytes<G>(e: &Element<G>): &vector<u8>;

public native fun equal<G>(e1: &Element<G>, e2: &Element<G>): bool;

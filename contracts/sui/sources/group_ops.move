// Signatures of Sui's `sui::group_ops` that the devnet implements natively (bodies are Sui's).
module sui::group_ops;

/// The operation is not supported for these groups.
const ENotSupported: u64 = 0;
/// The bytes are not a valid element.
const EInvalidInput: u64 = 1;
/// Too many inputs.
const EInputTooLong: u64 = 2;
/// A buffer has the wrong length.
const EInvalidBufferLength: u64 = 3;

public struct Element<phantom T> has copy, drop, store {
    bytes: vector<u8>,
}

public native fun bytes<G>(e: &Element<G>): &vector<u8>;

public native fun equal<G>(e1: &Element<G>, e2: &Element<G>): bool;

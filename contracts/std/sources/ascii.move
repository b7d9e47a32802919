// Declarations of Sui's `std::ascii` that the devnet implements natively.
module std::ascii;

/// An invalid ASCII character was encountered when creating an ASCII string.
const EInvalidASCIICharacter: u64 = 0x10000;

/// The `String` struct holds a vector of bytes that all represent valid ASCII characters.
public struct String has copy, drop, store {
    bytes: vector<u8>,
}

/// Convert a vector of bytes `bytes` into an `String`. Aborts if `bytes` contains non-ASCII characters.
public fun string(bytes: vector<u8>): String {
    assert!(bytes.all!(|byte| *byte <= 0x7F), EInvalidASCIICharacter);
    String { bytes }
}

// Declarations of Sui's `std::string` that the devnet implements natively.
module std::string;

/// An invalid UTF-8 encoding.
const EInvalidUTF8: u64 = 1;

/// A `String` holds a sequence of bytes which is guaranteed to be in utf8 format.
public struct String has copy, drop, store {
    bytes: vector<u8>,
}

/// Creates a new string from a sequence of bytes. Aborts if the bytes do not represent valid utf8.
public fun utf8(bytes: vector<u8>): String {
    assert!(internal_check_utf8(&bytes), EInvalidUTF8);
    String { bytes }
}

native fun internal_check_utf8(v: &vector<u8>): bool;

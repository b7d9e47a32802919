// Declarations of Sui's `sui::url`: only the struct, for `CoinMetadata`'s icon.
module sui::url;

use std::ascii::String;

/// Standard Uniform Resource Locator (URL) string.
public struct Url has copy, drop, store {
    url: String,
}

// Declarations of Sui's `std::option` that the devnet implements natively.
module std::option;

/// The option is `Some` while it should be `None`.
const EOPTION_IS_SET: u64 = 0x40000;
/// The option is `None` while it should be `Some`.
const EOPTION_NOT_SET: u64 = 0x40001;

/// Abstraction of a value that may or may not be present: a vector of size zero or one.
public struct Option<Element> has copy, drop, store {
    vec: vector<Element>,
}

public fun none<Element>(): Option<Element> {
    Option { vec: vector[] }
}

public fun some<Element>(e: Element): Option<Element> {
    Option { vec: vector[e] }
}

public fun is_none<Element>(t: &Option<Element>): bool {
    t.vec.is_empty()
}

public fun is_some<Element>(t: &Option<Element>): bool {
    !t.vec.is_empty()
}

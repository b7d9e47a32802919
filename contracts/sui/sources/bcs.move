// Signatures of Sui's `sui::bcs` that the devnet implements natively (bodies are Sui's).
module sui::bcs;

public struct BCS has copy, drop, store {
    bytes: vector<u8>,
}

public native fun to_bytes<T>(value: &T): vector<u8>;

public native fun new(bytes: vector<u8>): BCS;

public native fun into_remainder_bytes(bcs: BCS): vector<u8>;

public native fun peel_address(bcs: &mut BCS): address;

public native fun peel_bool(bcs: &mut BCS): bool;

public native fun peel_u8(bcs: &mut BCS): u8;

public native fun peel_u16(bcs: &mut BCS): u16;

public native fun peel_u32(bcs: &mut BCS): u32;

public native fun peel_u64(bcs: &mut BCS): u64;

public native fun peel_u128(bcs: &mut BCS): u128;

public native fun peel_u256(bcs: &mut BCS): u256;

public native fun peel_vec_length(bcs: &mut BCS): u64;

public native fun peel_vec_u8(bcs: &mut BCS): vector<u8>;

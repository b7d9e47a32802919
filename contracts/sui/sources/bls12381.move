// Signatures of Sui's `sui::bls12381` that the devnet implements natively (bodies are Sui's).
module sui::bls12381;

use sui::group_ops::Element;

public struct Scalar {}
public struct G1 {}
public struct G2 {}
public struct GT {}
public struct UncompressedG1 {}

public native fun bls12381_min_pk_verify(
    signature: &vector<u8>,
    public_key: &vector<u8>,
    msg: &vector<u8>,
): bool;

public native fun g1_from_bytes(bytes: &vector<u8>): Element<G1>;

public native fun g1_identity(): Element<G1>;

public native fun g1_generator(): Element<G1>;

public native fun g1_add(e1: &Element<G1>, e2: &Element<G1>): Element<G1>;

public native fun g1_sub(e1: &Element<G1>, e2: &Element<G1>): Element<G1>;

public native fun g1_neg(e: &Element<G1>): Element<G1>;

public native fun g1_to_uncompressed_g1(e: &Element<G1>): Element<UncompressedG1>;

public native fun uncompressed_g1_to_g1(e: &Element<UncompressedG1>): Element<G1>;

public native fun uncompressed_g1_sum(terms: &vector<Element<UncompressedG1>>): Element<UncompressedG1>;

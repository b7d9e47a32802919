// Declarations of Sui's `sui::transfer` that the devnet implements natively. The `public_` forms need `store`.
module sui::transfer;

/// A ticket for an object sent to another object's address, redeemed with `receive`.
public struct Receiving<phantom T: key> has drop {
    id: ID,
    version: u64,
}

public fun receive<T: key>(parent: &mut UID, to_receive: Receiving<T>): T {
    abort 0
}

public fun public_receive<T: key + store>(parent: &mut UID, to_receive: Receiving<T>): T {
    abort 0
}

public fun transfer<T: key>(obj: T, recipient: address) {
    transfer_impl(obj, recipient)
}

public fun public_transfer<T: key + store>(obj: T, recipient: address) {
    transfer_impl(obj, recipient)
}

public fun share_object<T: key>(obj: T) {
    share_object_impl(obj)
}

public fun public_share_object<T: key + store>(obj: T) {
    share_object_impl(obj)
}

public fun freeze_object<T: key>(obj: T) {
    freeze_object_impl(obj)
}

public fun public_freeze_object<T: key + store>(obj: T) {
    freeze_object_impl(obj)
}

native fun transfer_impl<T: key>(obj: T, recipient: address);

native fun share_object_impl<T: key>(obj: T);

native fun freeze_object_impl<T: key>(obj: T);

// Declarations of Sui's `sui::object` that the devnet implements natively.
module sui::object;

/// An object ID: the address of the object, as a value that cannot be forged.
public struct ID has copy, drop, store {
    bytes: address,
}

/// The globally unique ID that every object (a struct with `key`) has as its first field.
public struct UID has store {
    id: ID,
}

public fun uid_to_inner(uid: &UID): ID {
    uid.id
}

public fun uid_to_address(uid: &UID): address {
    uid.id.bytes
}

public fun id_to_address(id: &ID): address {
    id.bytes
}

public fun id_from_address(bytes: address): ID {
    ID { bytes }
}

/// Creates a new object: its UID must be the first field of a struct with `key`.
public fun new(ctx: &mut TxContext): UID {
    UID { id: ID { bytes: ctx.fresh_object_address() } }
}

/// Deletes the object: its UID is the only field that cannot be dropped.
public fun delete(id: UID) {
    let UID { id: ID { bytes } } = id;
    delete_impl(bytes)
}

/// The underlying `ID` of `obj`.
public fun id<T: key>(obj: &T): ID {
    borrow_uid(obj).id
}

native fun borrow_uid<T: key>(obj: &T): &UID;

native fun delete_impl(id: address);

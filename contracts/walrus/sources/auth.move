// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// Who may act on a staking pool: an address (checked against the transaction sender) or the
/// holder of an object, usually the node's `StorageNodeCap`.
module walrus::auth;

/// Proof, made in the current transaction, of who is acting. It cannot be stored: it is used at
/// once or dropped.
public enum Authenticated has drop {
    Sender(address),
    Object(ID),
}

/// A standing rule for who may act: an address or an object id.
public enum Authorized has copy, drop, store {
    Address(address),
    ObjectID(ID),
}

/// Authenticates the sender of the transaction.
public fun authenticate_sender(ctx: &TxContext): Authenticated {
    Authenticated::Sender(ctx.sender())
}

/// Authenticates as the holder of `obj`: only someone with access to the object can call this.
public fun authenticate_with_object<T: key>(obj: &T): Authenticated {
    Authenticated::Object(object::id(obj))
}

/// Authorizes an address.
public fun authorized_address(addr: address): Authorized {
    Authorized::Address(addr)
}

/// Authorizes the holder of the object with id `id`.
public fun authorized_object(id: ID): Authorized {
    Authorized::ObjectID(id)
}

/// True when `authenticated` satisfies `authorized`.
public(package) fun matches(authenticated: &Authenticated, authorized: &Authorized): bool {
    match (authenticated) {
        Authenticated::Sender(sender) => match (authorized) {
            Authorized::Address(addr) => sender == addr,
            Authorized::ObjectID(_) => false,
        },
        Authenticated::Object(id) => match (authorized) {
            Authorized::ObjectID(authorized_id) => id == authorized_id,
            Authorized::Address(_) => false,
        },
    }
}

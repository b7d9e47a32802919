// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// A value kept in a dynamic field of its own object, so that the struct holding the
/// `ExtendedField` keeps a fixed BCS layout however the value grows.
module walrus::extended_field;

use sui::dynamic_field as df;

/// Handle to the stored value; `T` is the type of the value.
public struct ExtendedField<phantom T: store> has key, store {
    id: UID,
}

/// The dynamic-field name the value is stored under.
public struct Key() has copy, drop, store;

/// Stores `value` and returns the handle.
public(package) fun new<T: store>(value: T, ctx: &mut TxContext): ExtendedField<T> {
    let mut id = object::new(ctx);
    df::add(&mut id, Key(), value);
    ExtendedField { id }
}

/// Borrows the value.
public(package) fun borrow<T: store>(field: &ExtendedField<T>): &T {
    df::borrow(&field.id, Key())
}

/// Borrows the value mutably.
public(package) fun borrow_mut<T: store>(field: &mut ExtendedField<T>): &mut T {
    df::borrow_mut(&mut field.id, Key())
}

/// Replaces the value and returns the previous one.
public(package) fun swap<T: store>(field: &mut ExtendedField<T>, value: T): T {
    let previous = df::remove(&mut field.id, Key());
    df::add(&mut field.id, Key(), value);
    previous
}

/// Deletes the handle and returns the value.
public(package) fun destroy<T: store>(field: ExtendedField<T>): T {
    let ExtendedField { mut id } = field;
    let value = df::remove(&mut id, Key());
    id.delete();
    value
}

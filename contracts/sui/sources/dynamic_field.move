// Declarations of Sui's `sui::dynamic_field` that the devnet implements natively: fields are child objects
// `Field<Name, Value>` owned by the parent, at the id Sui derives from the parent and the name.
module sui::dynamic_field;

/// The object already has a dynamic field with this name (with the value and type specified).
const EFieldAlreadyExists: u64 = 0;
/// Cannot load dynamic field. The object does not have a dynamic field with this name (with the value
/// and type specified).
const EFieldDoesNotExist: u64 = 1;
/// The object has a field with that name, but the value type does not match.
const EFieldTypeMismatch: u64 = 2;

/// Internal object used for storing the field and value.
public struct Field<Name: copy + drop + store, Value: store> has key {
    /// Determined by the hash of the object ID, the field name value and its type.
    id: UID,
    /// The value for the name of this field.
    name: Name,
    /// The value bound to this field.
    value: Value,
}

public fun add<Name: copy + drop + store, Value: store>(object: &mut UID, name: Name, value: Value) {
    abort 0
}

public fun borrow<Name: copy + drop + store, Value: store>(object: &UID, name: Name): &Value {
    abort 0
}

public fun borrow_mut<Name: copy + drop + store, Value: store>(
    object: &mut UID,
    name: Name,
): &mut Value {
    abort 0
}

public fun remove<Name: copy + drop + store, Value: store>(object: &mut UID, name: Name): Value {
    abort 0
}

public fun exists_<Name: copy + drop + store>(object: &UID, name: Name): bool {
    abort 0
}

public fun remove_if_exists<Name: copy + drop + store, Value: store>(
    object: &mut UID,
    name: Name,
): Option<Value> {
    abort 0
}

public fun exists_with_type<Name: copy + drop + store, Value: store>(object: &UID, name: Name): bool {
    abort 0
}

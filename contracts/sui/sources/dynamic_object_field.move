// Declarations of Sui's `sui::dynamic_object_field`: only the name wrapper, so object tables can be laid out
// and listed.
module sui::dynamic_object_field;

/// The name of a dynamic object field, wrapped so it cannot clash with a dynamic field's.
public struct Wrapper<Name> has copy, drop, store {
    name: Name,
}

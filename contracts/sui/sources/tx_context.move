// Declarations of Sui's `sui::tx_context` that the devnet implements natively.
module sui::tx_context;

/// Information about the transaction currently being executed; the executor appends it to entry calls.
public struct TxContext has drop {
    /// The address of the user that signed the current transaction.
    sender: address,
    /// Hash of the current transaction.
    tx_hash: vector<u8>,
    /// The current epoch number.
    epoch: u64,
    /// Timestamp that the epoch started at.
    epoch_timestamp_ms: u64,
    /// Counter recording the number of fresh IDs created while executing this transaction.
    ids_created: u64,
}

public fun sender(self: &TxContext): address {
    self.sender
}

public fun epoch(self: &TxContext): u64 {
    self.epoch
}

public fun epoch_timestamp_ms(self: &TxContext): u64 {
    self.epoch_timestamp_ms
}

/// A fresh address, derived from the transaction hash and the count of IDs created so far.
public fun fresh_object_address(ctx: &mut TxContext): address {
    let ids_created = ctx.ids_created;
    let id = derive_id(*&ctx.tx_hash, ids_created);
    ctx.ids_created = ids_created + 1;
    id
}

native fun derive_id(tx_hash: vector<u8>, ids_created: u64): address;

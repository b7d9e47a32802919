import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Transaction } from '@mysten/sui/transactions';
import { describe, expect, it } from 'vitest';
import { TransactionRejectedError } from '../../../devnet/ledger/core/execution/execution-error.js';
import { Ledger } from '../../../devnet/ledger/core/ledger.js';
import type { ObjectRecord } from '../../../devnet/ledger/core/types.js';

const SUI = 1_000_000_000n;

function setup() {
  const alice = Ed25519Keypair.fromSecretKey(new Uint8Array(32).fill(1));
  const bob = Ed25519Keypair.fromSecretKey(new Uint8Array(32).fill(2));
  const ledger = new Ledger({
    clock: 'manual',
    genesisAccounts: [
      { address: alice.toSuiAddress(), balance: 100n * SUI },
      { address: bob.toSuiAddress(), balance: 50n * SUI },
    ],
  });
  return { ledger, alice, bob };
}

function coinsOf(ledger: Ledger, owner: string): ObjectRecord[] {
  return ledger.state
    .ownedBy(owner)
    .map((id) => ledger.state.object(id)!)
    .filter((o) =>
      o.type.endsWith(
        '::coin::Coin<0x0000000000000000000000000000000000000000000000000000000000000002::sui::SUI>',
      ),
    );
}

function balanceOf(ledger: Ledger, owner: string): bigint {
  return coinsOf(ledger, owner).reduce(
    (sum, c) =>
      sum + (ledger.layouts.decode(c.type, c.contents) as { balance: { value: bigint } }).balance.value,
    0n,
  );
}

async function transfer(
  ledger: Ledger,
  from: Ed25519Keypair,
  to: string,
  amount: bigint,
  gasCoin?: ObjectRecord,
) {
  const gas = gasCoin ?? coinsOf(ledger, from.toSuiAddress())[0]!;
  const tx = new Transaction();
  tx.setSender(from.toSuiAddress());
  tx.setGasPrice(1000);
  tx.setGasBudget(10_000_000);
  tx.setGasPayment([{ objectId: gas.id, version: gas.version.toString(), digest: gas.digest }]);
  const [coin] = tx.splitCoins(tx.gas, [amount]);
  tx.transferObjects([coin!], to);
  const bytes = await tx.build();
  const { signature } = await from.signTransaction(bytes);
  return { bytes, signature, outcome: () => ledger.execute(bytes, [signature]) };
}

describe('Ledger core', () => {
  it('executes a signed SUI transfer and charges gas exactly once', async () => {
    const { ledger, alice, bob } = setup();
    const before = balanceOf(ledger, alice.toSuiAddress());
    const { outcome } = await transfer(ledger, alice, bob.toSuiAddress(), 5n * SUI);
    const { record } = await outcome();
    expect(record.status).toEqual({ success: true });
    expect(balanceOf(ledger, bob.toSuiAddress())).toBe(55n * SUI);
    const gas = record.gasUsed.computationCost + record.gasUsed.storageCost - record.gasUsed.storageRebate;
    expect(balanceOf(ledger, alice.toSuiAddress())).toBe(before - 5n * SUI - gas);
    expect(record.changedObjects.filter((c) => c.idOperation === 'created')).toHaveLength(1);
    expect(record.balanceChanges).toContainEqual({
      address: bob.toSuiAddress(),
      coinType: '0x0000000000000000000000000000000000000000000000000000000000000002::sui::SUI',
      amount: 5n * SUI,
    });
  });

  it('refuses a replay, a bad signature and a stale version without changing state', async () => {
    const { ledger, alice, bob } = setup();
    const first = await transfer(ledger, alice, bob.toSuiAddress(), SUI);
    await first.outcome();
    await expect(first.outcome()).rejects.toThrow(/already executed/);
    const gas = coinsOf(ledger, alice.toSuiAddress())[0]!;
    const stale = await transfer(ledger, alice, bob.toSuiAddress(), SUI, {
      ...gas,
      version: gas.version - 1n,
    });
    await expect(stale.outcome()).rejects.toThrow(/not available for consumption/);
    const forged = await transfer(ledger, alice, bob.toSuiAddress(), SUI);
    const { signature } = await bob.signTransaction(forged.bytes);
    await expect(ledger.execute(forged.bytes, [signature])).rejects.toBeInstanceOf(TransactionRejectedError);
    expect(balanceOf(ledger, bob.toSuiAddress())).toBe(51n * SUI);
  });

  it('refuses someone else’s coin', async () => {
    const { ledger, alice, bob } = setup();
    const bobsCoin = coinsOf(ledger, bob.toSuiAddress())[0]!;
    const attempt = await transfer(ledger, alice, alice.toSuiAddress(), SUI, bobsCoin);
    await expect(attempt.outcome()).rejects.toThrow(/not owned by the gas owner/);
  });

  it('commits a failed transaction that pays gas when a split asks too much', async () => {
    const { ledger, alice, bob } = setup();
    const { outcome } = await transfer(ledger, alice, bob.toSuiAddress(), 1000n * SUI);
    const { record } = await outcome();
    expect(record.status.success).toBe(false);
    expect(balanceOf(ledger, bob.toSuiAddress())).toBe(50n * SUI);
    expect(balanceOf(ledger, alice.toSuiAddress())).toBeLessThan(100n * SUI);
  });

  it('reverts to a snapshot in O(changes)', async () => {
    const { ledger, alice, bob } = setup();
    const snap = ledger.snapshot();
    await (await transfer(ledger, alice, bob.toSuiAddress(), SUI)).outcome();
    expect(balanceOf(ledger, bob.toSuiAddress())).toBe(51n * SUI);
    ledger.revert(snap);
    expect(balanceOf(ledger, bob.toSuiAddress())).toBe(50n * SUI);
    expect(balanceOf(ledger, alice.toSuiAddress())).toBe(100n * SUI);
  });
});

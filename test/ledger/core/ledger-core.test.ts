import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Transaction } from '@mysten/sui/transactions';
import { describe, expect, it } from 'vitest';
import { ledgerFramework } from '../../../devnet/contract-runtime/natives/framework/index.js';
import { TransactionRejectedError } from '../../../devnet/ledger/core/execution/execution-error.js';
import { Ledger } from '../../../devnet/ledger/core/ledger.js';
import type { StateDiff } from '../../../devnet/ledger/core/ledger-state.js';
import type { ObjectRecord } from '../../../devnet/ledger/core/types.js';

const SUI = 1_000_000_000n;

/** A ledger where alice has 100 SUI and bob 50, plus `others` funded accounts (to make the state large). */
function setup(others = 0) {
  const alice = Ed25519Keypair.fromSecretKey(new Uint8Array(32).fill(1));
  const bob = Ed25519Keypair.fromSecretKey(new Uint8Array(32).fill(2));
  const ledger = new Ledger({
    framework: ledgerFramework(),
    clock: 'manual',
    genesisAccounts: [
      { address: alice.toSuiAddress(), balance: 100n * SUI },
      { address: bob.toSuiAddress(), balance: 50n * SUI },
      ...Array.from({ length: others }, (_, i) => ({
        address: `0x${(i + 1).toString(16).padStart(64, '0')}`,
        balance: SUI,
      })),
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

  it('reverts to a snapshot in O(changes): the undo touches what the transfer changed, not the whole state', async () => {
    const { ledger, alice, bob } = setup(500);
    const objectsInState = ledger.state.fullDiff().objects.length;
    expect(objectsInState).toBeGreaterThan(500);
    const snap = ledger.snapshot();
    const { record } = await (await transfer(ledger, alice, bob.toSuiAddress(), SUI)).outcome();
    expect(balanceOf(ledger, bob.toSuiAddress())).toBe(51n * SUI);
    const changed = record.changedObjects.map((change) => change.id);
    // Only what the revert itself writes reaches persistence from here on.
    const commits: StateDiff[] = [];
    ledger.state.takeDiff();
    ledger.attach({ commit: (diff) => commits.push(diff) });
    ledger.revert(snap);
    expect(balanceOf(ledger, bob.toSuiAddress())).toBe(50n * SUI);
    expect(balanceOf(ledger, alice.toSuiAddress())).toBe(100n * SUI);
    const undone = commits.flatMap((d) => [...d.objects.map((o) => o.id), ...d.deletedObjects]);
    expect(new Set(undone)).toEqual(new Set(changed));
    expect(undone.length).toBe(changed.length);
    expect(changed.length).toBeLessThanOrEqual(3); // gas coin, new coin (and at most the Clock)
    expect(commits.flatMap((d) => d.removedTransactions)).toEqual([record.digest]);
  });
});

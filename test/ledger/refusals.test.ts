import { SuiGrpcClient } from '@mysten/sui/grpc';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Transaction } from '@mysten/sui/transactions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountKeypair } from '../../devnet/devnet-accounts.js';
import type { LedgerInstance } from '../../devnet/ledger/start-ledger.js';
import { startTestLedger } from './fixtures/test-ledger.js';

const SUI = 1_000_000_000n;
let node: LedgerInstance;
let client: SuiGrpcClient;
let alice: Ed25519Keypair;
let bob: Ed25519Keypair;

beforeAll(async () => {
  node = await startTestLedger({ accounts: 2 });
  client = new SuiGrpcClient({ network: 'localnet', transport: node.transport });
  alice = accountKeypair(node.accounts[0]!);
  bob = accountKeypair(node.accounts[1]!);
});
afterAll(() => node?.stop());

/** Everything a refusal must leave untouched: every object's version and the checkpoint height. */
function fingerprint() {
  const objects = [...node.ledger.state.allObjects()].map((o) => `${o.id}@${o.version}`).sort();
  return { objects, checkpoint: node.ledger.state.latestCheckpoint()!.sequenceNumber };
}

async function transferBytes(signer: Ed25519Keypair, amount: bigint, budget?: number) {
  const tx = new Transaction();
  tx.setSender(signer.toSuiAddress());
  if (budget !== undefined) tx.setGasBudget(budget);
  const [coin] = tx.splitCoins(tx.gas, [amount]);
  tx.transferObjects([coin!], bob.toSuiAddress());
  return tx.build({ client });
}

describe('the ledger refuses bad transactions with a clear error and changes nothing', () => {
  it('bad signature', async () => {
    const bytes = await transferBytes(alice, SUI);
    const { signature } = await bob.signTransaction(bytes);
    const before = fingerprint();
    await expect(
      client.core.executeTransaction({ transaction: bytes, signatures: [signature] }),
    ).rejects.toThrow(/Invalid signature: no signature from 0x[0-9a-f]{64} verifies/);
    expect(fingerprint()).toEqual(before);
  });

  it("someone else's coin as an input", async () => {
    const { objects } = await client.core.listCoins({ owner: bob.toSuiAddress() });
    const tx = new Transaction();
    tx.setSender(alice.toSuiAddress());
    tx.transferObjects([tx.object(objects[0]!.objectId)], alice.toSuiAddress());
    const before = fingerprint();
    await expect(tx.build({ client })).rejects.toThrow(/is owned by 0x[0-9a-f]{64}, not by the sender/);
    expect(fingerprint()).toEqual(before);
  });

  it('stale object version and replay', async () => {
    const bytes = await transferBytes(alice, SUI);
    const { signature } = await alice.signTransaction(bytes);
    await client.core.executeTransaction({ transaction: bytes, signatures: [signature] });
    const before = fingerprint();
    // The same bytes again: refused as a replay.
    await expect(
      client.core.executeTransaction({ transaction: bytes, signatures: [signature] }),
    ).rejects.toThrow(/already executed/);
    // A different transaction on the old gas coin version: refused as stale.
    const stale = Transaction.from(bytes);
    stale.setGasBudget(Number(stale.getData().gasData.budget) + 1);
    const staleBytes = await stale.build();
    const staleSig = await alice.signTransaction(staleBytes);
    await expect(
      client.core.executeTransaction({ transaction: staleBytes, signatures: [staleSig.signature] }),
    ).rejects.toThrow(/is not available for consumption; its current version is/);
    expect(fingerprint()).toEqual(before);
  });

  it('insufficient gas', async () => {
    const poor = Ed25519Keypair.generate();
    await fetch(`${node.adminUrl}/mint`, {
      method: 'POST',
      body: JSON.stringify({ address: poor.toSuiAddress(), amount: 10_000_000 }),
    });
    const before = fingerprint();
    const tx = new Transaction();
    tx.setSender(poor.toSuiAddress());
    tx.setGasBudget(20_000_000);
    tx.transferObjects([tx.gas], alice.toSuiAddress());
    await expect(tx.build({ client })).rejects.toThrow(
      /Insufficient SUI for gas: 0x[0-9a-f]+ holds 10000000 MIST/,
    );
    // Built offline with the coin as payment, the ledger itself refuses it.
    const bytes = await offline(poor, 20_000_000, (t) => t.transferObjects([t.gas], alice.toSuiAddress()));
    const { signature } = await poor.signTransaction(bytes);
    await expect(
      client.core.executeTransaction({ transaction: bytes, signatures: [signature] }),
    ).rejects.toThrow(/Insufficient gas: the gas coins hold 10000000 MIST but the budget is 20000000/);
    expect(fingerprint()).toEqual(before);
  });

  it('a budget below the cost: refused at build, and fails with only gas charged when forced', async () => {
    await expect(transferBytes(alice, SUI, 1_000_000)).rejects.toThrow(
      /Insufficient gas: the transaction needs \d+ but its budget is 1000000/,
    );
    const bobBefore = BigInt((await client.core.getBalance({ owner: bob.toSuiAddress() })).balance.balance);
    const bytes = await offline(alice, 1_000_000, (t) => {
      const [coin] = t.splitCoins(t.gas, [SUI]);
      t.transferObjects([coin!], bob.toSuiAddress());
    });
    const result = await executeSigned(alice, bytes);
    expect(result.$kind).toBe('FailedTransaction');
    expect(result.FailedTransaction!.effects!.status.error?.message).toMatch(/Insufficient gas/);
    expect(BigInt((await client.core.getBalance({ owner: bob.toSuiAddress() })).balance.balance)).toBe(
      bobBefore,
    );
  });

  it('unknown function', async () => {
    const tx = new Transaction();
    tx.setSender(alice.toSuiAddress());
    tx.moveCall({
      target: '0x2::coin::no_such_function',
      typeArguments: ['0x2::sui::SUI'],
      arguments: [tx.gas],
    });
    const before = fingerprint();
    await expect(tx.build({ client })).rejects.toThrow(/no_such_function does not exist/);
    expect(fingerprint()).toEqual(before);
  });

  it('a Move abort names the module, function and code and rolls back all but gas', async () => {
    const abort = (t: Transaction) => {
      const [coin] = t.splitCoins(t.gas, [5n]);
      t.moveCall({ target: '0x2::coin::destroy_zero', typeArguments: ['0x2::sui::SUI'], arguments: [coin!] });
    };
    const tx = new Transaction();
    tx.setSender(alice.toSuiAddress());
    abort(tx);
    await expect(tx.build({ client })).rejects.toThrow(
      /MoveAbort in 2nd command, abort code: 0, in '0x0+2::coin::destroy_zero'/,
    );
    const bytes = await offline(alice, 10_000_000, abort);
    const result = await executeSigned(alice, bytes);
    expect(result.$kind).toBe('FailedTransaction');
    const effects = result.FailedTransaction!.effects!;
    expect(effects.status.error?.$kind).toBe('MoveAbort');
    expect(effects.changedObjects.filter((o) => o.idOperation === 'Created')).toHaveLength(0);
  });
});

/** Signs `bytes` with `signer` and executes them, effects included. */
async function executeSigned(signer: Ed25519Keypair, bytes: Uint8Array) {
  const { signature } = await signer.signTransaction(bytes);
  return client.core.executeTransaction({
    transaction: bytes,
    signatures: [signature],
    include: { effects: true },
  });
}

/** Builds a transaction without the client: explicit gas coin, price and budget. */
async function offline(signer: Ed25519Keypair, budget: number, body: (tx: Transaction) => void) {
  const { objects } = await client.core.listCoins({ owner: signer.toSuiAddress() });
  const gas = objects[0]!;
  const tx = new Transaction();
  tx.setSender(signer.toSuiAddress());
  tx.setGasPrice(1000);
  tx.setGasBudget(budget);
  tx.setGasPayment([{ objectId: gas.objectId, version: gas.version, digest: gas.digest }]);
  body(tx);
  return tx.build();
}

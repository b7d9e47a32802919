/**
 * Issue 9 item 1, in the ledger: the Clock object `0x6` follows the wall clock. A transaction reads it at the
 * time of its own commit (Sui's consensus commit prologue), not at the last transaction's, and with nobody
 * transacting the ledger's empty commits still move it. Waits are on the clock's condition, never fixed delays.
 */
import { bcs } from '@mysten/sui/bcs';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Transaction } from '@mysten/sui/transactions';
import { describe, expect, it } from 'vitest';
import { ledgerFramework } from '../../../devnet/contract-runtime/natives/framework/index.js';
import { Ledger } from '../../../devnet/ledger/core/ledger.js';
import { CLOCK_ID, SUI_COIN_TYPE } from '../../../devnet/ledger/core/natives/framework/values.js';
import { startLedger } from '../../../devnet/ledger/start-ledger.js';

const SUI = 1_000_000_000n;

function clockMs(ledger: Ledger): bigint {
  const clock = ledger.state.object(CLOCK_ID)!;
  return (ledger.layouts.decode(clock.type, clock.contents) as { timestamp_ms: bigint }).timestamp_ms;
}

/** Resolves once `condition()` holds, checking every few ms; fails after `limitMs`. */
async function until(condition: () => boolean | Promise<boolean>, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the ledger clock', () => {
  it('a transaction reads the Clock at its own commit time, however long the ledger was idle', async () => {
    const alice = Ed25519Keypair.fromSecretKey(new Uint8Array(32).fill(7));
    const ledger = new Ledger({
      framework: ledgerFramework(),
      genesisAccounts: [{ address: alice.toSuiAddress(), balance: 10n * SUI }],
    });
    const genesisClock = clockMs(ledger);
    await until(() => ledger.now() >= genesisClock + 20n);

    const gas = ledger.state
      .ownedBy(alice.toSuiAddress())
      .map((id) => ledger.state.object(id)!)
      .find((o) => o.type === SUI_COIN_TYPE)!;
    const tx = new Transaction();
    tx.setSender(alice.toSuiAddress());
    tx.setGasPrice(1000);
    tx.setGasBudget(10_000_000);
    tx.setGasPayment([{ objectId: gas.id, version: gas.version.toString(), digest: gas.digest }]);
    tx.moveCall({ target: '0x2::clock::timestamp_ms', arguments: [tx.object.clock()] });
    const bytes = await tx.build();

    const simulated = ledger.simulate(bytes);
    const seenBySimulation = bcs.u64().parse(simulated.commandOutputs[0]![0]!.bytes);
    expect(BigInt(seenBySimulation)).toBeGreaterThanOrEqual(genesisClock + 20n);

    const { signature } = await alice.signTransaction(bytes);
    const { record } = await ledger.execute(bytes, [signature]);
    expect(record.status).toEqual({ success: true });
    // The stored Clock is what the transaction read: its commit's time, at the version its effects name.
    expect(clockMs(ledger)).toBe(record.timestampMs);
    const read = record.unchangedShared.find((u) => u.id === CLOCK_ID);
    expect(read).toMatchObject({ version: ledger.state.object(CLOCK_ID)!.version });
  });

  it('moves with no transactions: empty commits advance the Clock object and the checkpoints', async () => {
    const node = await startLedger({
      rpcPort: 0,
      faucetPort: 0,
      adminPort: 0,
      accounts: 1,
      commitIntervalMs: 20,
    });
    try {
      const client = new SuiGrpcClient({ network: 'localnet', transport: node.transport });
      const clockJson = async () =>
        BigInt(
          (
            (await client.core.getObject({ objectId: '0x6', include: { json: true } })).object.json as {
              timestamp_ms: string;
            }
          ).timestamp_ms,
        );
      const before = await clockJson();
      const transactions = node.ledger.state.checkpoints().flatMap((c) => c.transactions).length;
      await until(async () => (await clockJson()) >= before + 100n);
      expect(node.ledger.state.checkpoints().flatMap((c) => c.transactions)).toHaveLength(transactions);
      expect((await clockJson()) - BigInt(Date.now())).toBeLessThanOrEqual(0n);
    } finally {
      await node.stop();
    }
  });
});

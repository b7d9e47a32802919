import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { Transaction } from '@mysten/sui/transactions';
import { afterAll, describe, expect, it } from 'vitest';
import { accountKeypair, deriveDevnetAccounts } from '../../devnet/devnet-accounts.js';
import { startLedger } from '../../devnet/ledger/start-ledger.js';

const fixture = new URL('./fixtures/ledger-process.ts', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Starts the ledger in a child process and waits for its URL. */
async function spawnLedger(stateDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, stateDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`ledger process exited with ${code}`)));
  });
  return { child, ...(JSON.parse(line) as { rpcUrl: string }) };
}

describe('crash safety', () => {
  it('keeps every acknowledged transfer after kill -9 in the middle of 500', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'walrus-ledger-crash-'));
    dirs.push(stateDir);
    const { child, rpcUrl } = await spawnLedger(stateDir);
    const client = new SuiGrpcClient({ network: 'localnet', baseUrl: rpcUrl });
    const [alice, bob] = deriveDevnetAccounts(2, 0n).map(accountKeypair) as [
      ReturnType<typeof accountKeypair>,
      ReturnType<typeof accountKeypair>,
    ];

    const acknowledged: string[] = [];
    const killAfter = 150 + Math.floor(Math.random() * 200);
    let killed = false;
    for (let i = 0; i < 500 && !killed; i++) {
      const tx = new Transaction();
      const [coin] = tx.splitCoins(tx.gas, [1000n + BigInt(i)]);
      tx.transferObjects([coin!], bob.toSuiAddress());
      const sending = client.core.signAndExecuteTransaction({ transaction: tx, signer: alice });
      if (i === killAfter) {
        // Kill while this request is in flight; whether it committed is unknown, but nothing may be torn.
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 3);
        killed = true;
        await sending.catch(() => undefined);
        break;
      }
      const result = await sending;
      acknowledged.push(result.Transaction!.digest);
    }
    await new Promise((resolve) =>
      child.exitCode !== null || child.signalCode ? resolve(null) : child.once('exit', resolve),
    );
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    // Restart on the same state directory (the dead process's lock is taken over).
    const restarted = await startLedger({ stateDir, rpcPort: 0, faucetPort: 0, adminPort: 0, accounts: 2 });
    try {
      const { state, layouts } = restarted.ledger;
      for (const digest of acknowledged) expect(state.transaction(digest), digest).toBeDefined();
      let coins = 0n;
      for (const object of state.allObjects()) {
        if (
          object.type.endsWith(
            '::coin::Coin<0x0000000000000000000000000000000000000000000000000000000000000002::sui::SUI>',
          )
        ) {
          coins += (layouts.decode(object.type, object.contents) as { balance: { value: bigint } }).balance
            .value;
        }
      }
      let burned = 0n;
      for (const checkpoint of state.checkpoints()) {
        for (const digest of checkpoint.transactions) {
          const tx = state.transaction(digest);
          if (tx) burned += tx.gasUsed.computationCost + tx.gasUsed.storageCost - tx.gasUsed.storageRebate;
        }
      }
      expect(coins + burned).toBe(state.meta.totalSuiMinted);
      // The restarted ledger keeps working.
      const c = new SuiGrpcClient({ network: 'localnet', transport: restarted.transport });
      const tx = new Transaction();
      tx.transferObjects([tx.splitCoins(tx.gas, [1n])[0]!], bob.toSuiAddress());
      const result = await c.core.signAndExecuteTransaction({ transaction: tx, signer: alice });
      expect(result.$kind).toBe('Transaction');
    } finally {
      await restarted.stop();
    }
  });
});

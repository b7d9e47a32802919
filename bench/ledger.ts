/**
 * Ledger throughput and start-up: SUI transfers per second through the core, through the unmodified
 * SuiGrpcClient in-process and over gRPC-Web HTTP, and cold/warm start times. Prints a table and JSON.
 *
 *   node --import tsx bench/ledger.ts [transfers per case, default 300]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import type { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Transaction } from '@mysten/sui/transactions';
import { accountKeypair } from '../devnet/devnet-accounts.js';
import { type LedgerInstance, startLedger } from '../devnet/ledger/start-ledger.js';

const count = Number(process.argv[2] ?? '300');
const free = { rpcPort: 0, faucetPort: 0, adminPort: 0 };
const rows: Array<{ case: string; value: number; unit: string }> = [];

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

/** Pre-signed transfers executed straight on the ledger core (no RPC, no resolution). */
async function coreRate(node: LedgerInstance, signer: Ed25519Keypair): Promise<number> {
  const { state } = node.ledger;
  const recipient = node.accounts[1]!.address;
  let elapsed = 0;
  for (let i = 0; i < count; i++) {
    const gas = state.ownedBy(signer.toSuiAddress()).map((id) => state.object(id)!)[0]!;
    const tx = new Transaction();
    tx.setSender(signer.toSuiAddress());
    tx.setGasPrice(1000);
    tx.setGasBudget(10_000_000);
    tx.setGasPayment([{ objectId: gas.id, version: gas.version.toString(), digest: gas.digest }]);
    tx.transferObjects([tx.splitCoins(tx.gas, [1000])[0]!], recipient);
    const bytes = await tx.build();
    const { signature } = await signer.signTransaction(bytes);
    const start = performance.now();
    await node.ledger.execute(bytes, [signature]);
    elapsed += performance.now() - start;
  }
  return count / (elapsed / 1000);
}

/** Full SDK flow per transfer: build (server-side resolution), sign, execute. */
async function sdkRate(client: SuiGrpcClient, signer: Ed25519Keypair, recipient: string): Promise<number> {
  const [, ms] = await timed(async () => {
    for (let i = 0; i < count; i++) {
      const tx = new Transaction();
      tx.transferObjects([tx.splitCoins(tx.gas, [1000])[0]!], recipient);
      await client.core.signAndExecuteTransaction({ transaction: tx, signer });
    }
  });
  return count / (ms / 1000);
}

const stateDir = mkdtempSync(join(tmpdir(), 'walrus-ledger-bench-'));
try {
  const [ephemeral, coldMemory] = await timed(() => startLedger({ ...free, accounts: 4 }));
  rows.push({ case: 'cold start, in memory (10 accounts)', value: coldMemory, unit: 'ms' });
  const signers = ephemeral.accounts.map(accountKeypair);
  rows.push({
    case: 'transfers/s, ledger core (pre-signed)',
    value: await coreRate(ephemeral, signers[0]!),
    unit: 'tx/s',
  });
  const inProcess = new SuiGrpcClient({ network: 'localnet', transport: ephemeral.transport });
  rows.push({
    case: 'transfers/s, SuiGrpcClient in-process',
    value: await sdkRate(inProcess, signers[2]!, ephemeral.accounts[1]!.address),
    unit: 'tx/s',
  });
  const http = new SuiGrpcClient({ network: 'localnet', baseUrl: ephemeral.rpcUrl });
  rows.push({
    case: 'transfers/s, SuiGrpcClient over HTTP',
    value: await sdkRate(http, signers[3]!, ephemeral.accounts[1]!.address),
    unit: 'tx/s',
  });
  await ephemeral.stop();

  const [durable, coldDisk] = await timed(() => startLedger({ ...free, stateDir, accounts: 4 }));
  rows.push({ case: 'cold start, new state directory', value: coldDisk, unit: 'ms' });
  const durableClient = new SuiGrpcClient({ network: 'localnet', baseUrl: durable.rpcUrl });
  rows.push({
    case: 'transfers/s, HTTP with fsync journal',
    value: await sdkRate(durableClient, accountKeypair(durable.accounts[0]!), durable.accounts[1]!.address),
    unit: 'tx/s',
  });
  await durable.stop();
  const [warm, warmStart] = await timed(() => startLedger({ ...free, stateDir, accounts: 4 }));
  rows.push({ case: `warm start, replaying ${count} transactions`, value: warmStart, unit: 'ms' });
  await warm.stop();
} finally {
  rmSync(stateDir, { recursive: true, force: true });
}

console.log(`\nLedger benchmark (${count} transfers per case, Node ${process.versions.node})\n`);
console.table(rows.map((r) => ({ case: r.case, value: Number(r.value.toFixed(1)), unit: r.unit })));
console.log(JSON.stringify({ benchmark: 'ledger', transfersPerCase: count, rows }));

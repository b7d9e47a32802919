/**
 * Fresh state per test with `walrus-devkit/testing`: what `useDevnet()` adds around every test (a snapshot before,
 * a revert to it after, over the devnet admin API like a test worker), after an empty test, one that sends a SUI
 * transfer and one that stores a blob (register, upload to the nodes, certify). The revert returns once every
 * storage node follows the reverted chain (the stored blob dropped), so the figure is the whole cost. The devnet
 * runs in this process, as the global setup's does in vitest's main process. Prints a table and JSON.
 *
 *   node --import tsx bench/test-fixture.ts [rounds per case, default 10]
 */
import { Transaction } from '@mysten/sui/transactions';
import { registerDevnetControls, startDevnet } from '../devnet/index.js';
import { connectToDevnet } from '../src/testing/connection.js';
import { testDevnet } from '../src/testing/test-devnet.js';

const rounds = Number(process.argv[2] ?? '10');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const max = (xs: number[]) => Math.max(...xs);

const devnet = await startDevnet({
  autoEpochs: false,
  fsync: false,
  ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 },
});
registerDevnetControls(devnet, devnet.ledger.addAdminRoute);
const test = testDevnet(connectToDevnet(devnet.descriptor));

/** A SUI transfer from signer 0 to signer 1, through the official client. */
async function transferSui(): Promise<void> {
  const tx = new Transaction();
  tx.transferObjects([tx.splitCoins(tx.gas, [1_000_000])], test.signers[1]!.toSuiAddress());
  await test.suiClient.signAndExecuteTransaction({ transaction: tx, signer: test.signers[0]! });
}

/** One test's worth: snapshot, `work` (untimed), revert; returns snapshot + revert in ms. */
async function round(work: () => Promise<unknown>): Promise<number> {
  let start = performance.now();
  const id = await test.snapshot();
  let ms = performance.now() - start;
  await work();
  start = performance.now();
  await test.revert(id);
  ms += performance.now() - start;
  return ms;
}

const rows: Array<{ case: string; medianMs: number; maxMs: number }> = [];
for (const [name, work] of [
  ['empty test', async () => {}],
  ['test that transfers SUI', () => transferSui()],
  ['test that stores a blob', () => test.storeBlob(`bench ${Math.random()}`)],
] as const) {
  await round(work); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) ms.push(await round(work));
  rows.push({ case: name, medianMs: Number(median(ms).toFixed(2)), maxMs: Number(max(ms).toFixed(2)) });
}
await devnet.stop();

console.table(rows);
console.log(JSON.stringify({ bench: 'test-fixture', rounds, rows }));

/**
 * Entry of the chaos suite's devnet host (see `host-protocol.ts`): starts a devnet on the state directory with its
 * storage nodes as child processes and answers the runner's commands. Killed with SIGKILL it leaves the ledger's
 * journal as a crash would; its nodes exit once their IPC channel closes; started again on the same state directory
 * it resumes the same chain.
 */
import { getEachMessage, sendMessage } from 'execa';
import { replyWhenDone } from '../../src/util/ipc-reply.js';
import { startDevnet } from '../start-devnet.js';
import { stakeWithPool } from '../walrus-chain/walrus-transactions.js';
import type { HostAudit, HostCommand, HostMessage, HostSettings } from './host-protocol.js';
import { conservationProblems } from './totals.js';

const settings = JSON.parse(process.argv[2] ?? '{}') as HostSettings;
const devnet = await startDevnet({
  stateDir: settings.stateDir,
  nodes: settings.nodes,
  shards: settings.shards,
  accounts: settings.accounts,
  ...(settings.accountWalFrost ? { accountWal: BigInt(settings.accountWalFrost) } : {}),
  epochDurationMs: settings.epochDurationMs,
  nodeProcess: 'child',
  ports: {
    ...settings.ports,
    ...(settings.resume ? {} : { storageNodeBase: 0 }),
  },
  log: (line) => process.stderr.write(`${line}\n`),
});
const walType = `${devnet.descriptor.packages!.wal}::wal::WAL`;

async function nodeAction(command: Extract<HostCommand, { op: 'node' }>): Promise<unknown> {
  const node = devnet.nodes[command.node];
  if (!node) throw new Error(`No node ${command.node}`);
  const handle = node.node;
  switch (command.action) {
    case 'kill':
      return handle.kill!('SIGKILL');
    case 'stop':
      return node.stop();
    case 'start':
      return handle.status === 'started' ? undefined : node.start();
    case 'wipe':
      return handle.wipe();
    case 'corrupt':
      return handle.setFaults({ corruptSlivers: true });
    case 'slow':
      return handle.setFaults({ slowMs: command.value ?? 1000 });
    case 'lose':
      return handle.lose(command.value ?? 0.5);
    case 'heal':
      return handle.setFaults({ corruptSlivers: false, slowMs: 0, refuseWrites: false, noRecovery: false });
    case 'sync':
      return handle.idle();
  }
}

async function audit(): Promise<HostAudit> {
  const foreignSlivers: string[] = [];
  for (const node of devnet.nodes) {
    if (node.node.status !== 'started') continue;
    await node.node.idle();
    await node.node.gc();
    for (const sliver of await node.node.foreignSlivers())
      foreignSlivers.push(`${node.name} holds ${sliver}`);
  }
  return { foreignSlivers, totals: conservationProblems(devnet.ledger.ledger, walType) };
}

async function handle(command: HostCommand): Promise<unknown> {
  switch (command.op) {
    case 'node':
      return nodeAction(command);
    case 'stake': {
      const node = devnet.nodes[command.node]!;
      const signer = devnet.signers[command.account]!;
      // The StakedWal's id: the runner checks it is still there after a crash of the ledger.
      return stakeWithPool(devnet.suiClient, signer, devnet.deployment, node.nodeId, BigInt(command.frost));
    }
    case 'pids':
      return devnet.nodes.map((n) => n.node.pid ?? null);
    case 'freeze':
      await devnet.epochs.stop();
      return null;
    case 'audit':
      return audit();
    case 'crash':
      setImmediate(() => {
        throw new Error('Crash injected by the chaos runner (host command crash)');
      });
      return null;
    case 'stop':
      return null;
  }
}

await sendMessage({ type: 'ready', descriptor: devnet.descriptor, walType } satisfies HostMessage);
for await (const message of getEachMessage()) {
  const command = message as HostCommand;
  if (command.op === 'stop') break;
  const work = handle(command).then((value) => value ?? null);
  replyWhenDone(command.id, work, (reply: HostMessage) => sendMessage(reply));
}
await devnet.stop();
process.exit(0);

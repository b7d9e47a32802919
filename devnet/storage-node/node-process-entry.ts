/**
 * Entry of a storage node running in its own process (see `node-process.ts`). It waits for a
 * `start` message with the node's options, follows the parent's chain view over IPC and answers
 * control messages; it exits when the parent disconnects or asks it to.
 */
import { getEachMessage, sendMessage } from 'execa';
import { IpcChainView, isChainViewMessage } from './ipc-chain-view.js';
import type { ChildCommand, ChildReply, ChildReplyValue } from './node-process.js';
import { StorageNode } from './storage-node.js';

const chainView = new IpcChainView((message) => {
  void sendMessage(message);
});
let node: StorageNode | undefined;

async function handle(command: ChildCommand): Promise<ChildReplyValue> {
  switch (command.op) {
    case 'start': {
      node ??= new StorageNode({
        ...command.options,
        chainView,
        log: command.options.verbose ? (line) => process.stderr.write(`${line}\n`) : undefined,
      });
      await node.start();
      return { port: node.port, pid: process.pid, publicKey: node.key.publicKey };
    }
    case 'stop':
      await node?.stop();
      return null;
    case 'setFaults':
      return node ? node.setFaults(command.faults) : null;
    case 'wipe':
      await node?.wipe();
      return null;
    case 'sync':
      return node ? node.sync() : null;
    case 'stats':
      return node ? node.stats() : null;
    case 'gc':
      return node ? node.gc() : null;
    default:
      return null;
  }
}

for await (const message of getEachMessage()) {
  if (isChainViewMessage(message)) {
    chainView.receive(message);
    continue;
  }
  const command = message as ChildCommand;
  if (command.op === 'exit') break;
  handle(command).then(
    (value) => sendMessage({ type: 'reply', id: command.id, ok: true, value } satisfies ChildReply),
    (error: unknown) =>
      sendMessage({
        type: 'reply',
        id: command.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies ChildReply),
  );
}
await node?.stop().catch(() => undefined);
chainView.close();
process.exit(0);

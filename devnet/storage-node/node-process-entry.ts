/**
 * Entry of a storage node running in its own process (see `node-process.ts`). It waits for a
 * `start` message with the node's options, follows the parent's chain view over IPC and answers
 * control messages; it exits when the parent disconnects or asks it to.
 */

import { Server } from 'node:net';
import { getEachMessage, sendMessage } from 'execa';
import { replyWhenDone } from '../../src/util/ipc-reply.js';
import { IpcChainView, isChainViewMessage } from './ipc-chain-view.js';
import {
  type ChildCommand,
  type ChildReply,
  type ChildReplyValue,
  isListenHandleMessage,
} from './node-process.js';
import { StorageNode } from './storage-node.js';

const chainView = new IpcChainView((message) => {
  void sendMessage(message);
});
let node: StorageNode | undefined;
/** The server the parent bound for this node, once its handle has arrived (see `LISTEN_HANDLE_MESSAGE`). */
let resolveListenHandle: (server: Server) => void = () => {};
const listenHandle = new Promise<Server>((resolve) => {
  resolveListenHandle = resolve;
});
process.on('message', (message, handle) => {
  if (isListenHandleMessage(message) && handle instanceof Server) resolveListenHandle(handle);
});

async function handle(command: ChildCommand): Promise<ChildReplyValue> {
  switch (command.op) {
    case 'start': {
      const { listenHandle: hasHandle, ...options } = command.options;
      const listenOn = hasHandle && !node ? await listenHandle : undefined;
      node ??= new StorageNode({
        ...options,
        ...(listenOn ? { listenOn } : {}),
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
    case 'lose':
      return node ? node.lose(command.fraction) : null;
    case 'foreignSlivers':
      return node ? node.foreignSlivers() : null;
    default:
      return null;
  }
}

for await (const message of getEachMessage()) {
  if (isChainViewMessage(message)) {
    chainView.receive(message);
    continue;
  }
  if (isListenHandleMessage(message)) continue;
  const command = message as ChildCommand;
  if (command.op === 'exit') break;
  replyWhenDone(command.id, handle(command), (reply: ChildReply) => sendMessage(reply));
}
await node?.stop().catch(() => undefined);
chainView.close();
process.exit(0);

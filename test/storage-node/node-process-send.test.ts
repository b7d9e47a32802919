// Found by the chaos suite: a chain-view answer for a storage node killed with -9 meanwhile went to execa's
// sendMessage, which throws synchronously once the child has exited; the unhandled error crashed the devnet.
import { execaNode } from 'execa';
import { describe, expect, it } from 'vitest';
import { sendOrDrop } from '../../devnet/storage-node/node-process.js';

describe('messages to a storage node child that has exited', () => {
  it('are dropped, not thrown', async () => {
    const child = execaNode('--eval', ['process.exit(0)'], { ipc: true, reject: false });
    await child;
    expect(() => child.sendMessage({ type: 'chain-change' })).toThrow(/exited or disconnected/);
    expect(() => sendOrDrop(child, { type: 'chain-change' })).not.toThrow();
  });
});

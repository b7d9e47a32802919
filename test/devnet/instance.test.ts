/**
 * One lifecycle for the devnet's instances (devnet/instance.ts, prool's shape): the status is observable, concurrent
 * starts and stops share one call, and a call the status does not allow names the status.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Devnet,
  InstanceStateError,
  type InstanceStatus,
  Lifecycle,
  startDevnet,
  startLedger,
} from '../../devnet/index.js';
import { StorageNodeProcess } from '../../devnet/storage-node/node-process.js';
import { StorageNode } from '../../devnet/storage-node/storage-node.js';
import { loneNodeOptions } from '../storage-node/helpers.js';

/** A promise with its resolve and reject, to hold a step open while the test looks at the status. */
function gate() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A lifecycle whose steps wait for the test, counting how often each ran. */
function heldLifecycle() {
  const runs = { start: 0, stop: 0 };
  let starting = gate();
  let stopping = gate();
  const lifecycle = new Lifecycle('node 3', {
    start: () => {
      runs.start++;
      return starting.promise;
    },
    stop: () => {
      runs.stop++;
      return stopping.promise;
    },
  });
  return {
    lifecycle,
    runs,
    finishStart: (error?: Error) => {
      if (error) starting.reject(error);
      else starting.resolve();
      starting = gate();
    },
    finishStop: (error?: Error) => {
      if (error) stopping.reject(error);
      else stopping.resolve();
      stopping = gate();
    },
  };
}

describe('Lifecycle', () => {
  it('goes idle → starting → started → stopping → stopped, and starts again from stopped', async () => {
    const { lifecycle, finishStart, finishStop } = heldLifecycle();
    const seen: InstanceStatus[] = [lifecycle.status];
    const started = lifecycle.start();
    seen.push(lifecycle.status);
    finishStart();
    await started;
    seen.push(lifecycle.status);
    const stopped = lifecycle.stop();
    seen.push(lifecycle.status);
    finishStop();
    await stopped;
    seen.push(lifecycle.status);
    expect(seen).toEqual(['idle', 'starting', 'started', 'stopping', 'stopped']);
    const again = lifecycle.start();
    finishStart();
    await again;
    expect(lifecycle.status).toBe('started');
  });

  it('concurrent starts share one start, concurrent stops one stop', async () => {
    const { lifecycle, runs, finishStart, finishStop } = heldLifecycle();
    const first = lifecycle.start();
    const second = lifecycle.start();
    expect(second).toBe(first);
    finishStart();
    await Promise.all([first, second]);
    const stop1 = lifecycle.stop();
    const stop2 = lifecycle.stop();
    expect(stop2).toBe(stop1);
    finishStop();
    await Promise.all([stop1, stop2]);
    expect(runs).toEqual({ start: 1, stop: 1 });
    await lifecycle.stop(); // stopped: nothing to do
    expect(runs.stop).toBe(1);
  });

  it('refuses what the status does not allow, naming the status', async () => {
    const { lifecycle, finishStart, finishStop } = heldLifecycle();
    const starting = lifecycle.start();
    await expect(lifecycle.stop()).rejects.toThrow(`cannot stop: node 3's status is "starting"`);
    finishStart();
    await starting;
    await expect(lifecycle.start()).rejects.toThrow(`cannot start: node 3's status is "started"`);
    const stopping = lifecycle.stop();
    const refused = await lifecycle.start().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InstanceStateError);
    expect(refused).toMatchObject({
      message: `cannot start: node 3's status is "stopping"`,
      status: 'stopping',
    });
    finishStop();
    await stopping;
    expect(() => lifecycle.requireStarted('sync')).toThrow(`cannot sync: node 3's status is "stopped"`);
  });

  it('a failed start returns to where it started from; a failed stop stays started', async () => {
    const { lifecycle, finishStart, finishStop } = heldLifecycle();
    const first = lifecycle.start();
    finishStart(new Error('port taken'));
    await expect(first).rejects.toThrow('port taken');
    expect(lifecycle.status).toBe('idle');
    const second = lifecycle.start();
    finishStart();
    await second;
    const stop = lifecycle.stop();
    finishStop(new Error('store busy'));
    await expect(stop).rejects.toThrow('store busy');
    expect(lifecycle.status).toBe('started');
  });

  it('is started from the moment its start step says so, and stopped when it exits on its own', async () => {
    let serve!: () => void;
    const rest = gate();
    const lifecycle = new Lifecycle('node 3', {
      start: async (started) => {
        serve = started;
        await rest.promise;
      },
      stop: async () => {},
    });
    const start = lifecycle.start();
    expect(lifecycle.status).toBe('starting');
    serve();
    expect(lifecycle.status).toBe('started');
    rest.resolve();
    await start;
    lifecycle.exited();
    expect(lifecycle.status).toBe('stopped');
  });
});

const root = mkdtempSync(join(tmpdir(), 'walrus-instance-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function nodeOptions(name: string) {
  return loneNodeOptions(root, name);
}

/** Two concurrent `stop()` calls share one promise; the instance is stopping until it settles, then stopped. */
async function expectOneSharedStop(instance: { readonly status: InstanceStatus; stop(): Promise<void> }) {
  const stop1 = instance.stop();
  const stop2 = instance.stop();
  expect(stop2).toBe(stop1);
  expect(instance.status).toBe('stopping');
  await stop1;
  expect(instance.status).toBe('stopped');
}

describe.each([
  ['in this process', (name: string) => new StorageNode(nodeOptions(name))],
  ['in a child process', (name: string) => new StorageNodeProcess(nodeOptions(name))],
])('a storage node %s', (where, create) => {
  it('shares one start and one stop between concurrent calls, and names its status when refusing', async () => {
    const name = `node-${where.replaceAll(' ', '-')}`;
    const node = create(name);
    expect(node.status).toBe('idle');
    const first = node.start();
    const second = node.start();
    expect(second).toBe(first);
    expect(node.status).toBe('starting');
    await Promise.all([first, second]);
    expect(node.status).toBe('started');
    await expect(node.start()).rejects.toThrow(
      new RegExp(`^cannot start: (child-process )?storage node ${name}`),
    );
    await expect(node.start()).rejects.toThrow(/'s status is "started"$/);
    await expectOneSharedStop(node);
    expect(() => node.port).not.toThrow(); // the port is kept for the restart
  }, 60_000);
});

describe('the ledger instance and the devnet', () => {
  it('the ledger is started, then shares one stop', async () => {
    const ledger = await startLedger({ rpcPort: 0, faucetPort: 0, adminPort: 0 });
    expect(ledger.status).toBe('started');
    await expectOneSharedStop(ledger);
    await ledger.stop(); // stopped: nothing to do
  });

  it('the devnet is started, then shares one stop, which stops its nodes and ledger', async () => {
    const devnet: Devnet = await startDevnet({
      nodes: 1,
      shards: 4,
      autoEpochs: false,
      ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 },
    });
    expect(devnet.status).toBe('started');
    await expectOneSharedStop(devnet);
    expect(devnet.ledger.status).toBe('stopped');
    expect(devnet.nodes.map((n) => n.node.status)).toEqual(['stopped']);
  }, 120_000);
});

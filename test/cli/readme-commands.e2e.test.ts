/**
 * The README, row by row, through the built binary: every command and flag it documents, and every error path it
 * documents, run in sequence against ONE devnet (started in the foreground, off a terminal, with every `dev up`
 * flag), then the state and crash story (`dev down`/`dev up`, `kill -9`), then the foreground dashboard on a
 * terminal. Assertions are on effects (bytes read back, balances, ports, the chain through its RPC) and on exit
 * codes and error codes, not on prose. Needs `npm run build` first (`npm test` does that).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { decodeSuiPrivateKey } from '@mysten/sui/cryptography';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DevnetDescriptor } from '../../devnet/descriptor.js';
import { BOOT_STEP_TITLES } from '../../src/ui/boot-progress.js';
import { connectTo } from '../tcp-probe.js';
import { ANY_PORTS, assertFreshBuild } from './devnet-project.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

import {
  type BackgroundWalrus,
  type BinaryProject,
  binaryEnv,
  run,
  runForBytes,
  spawnWalrus,
  walrusInTerminal,
} from './binary-harness.js';

/** The first devnet accounts, from `test test … junk` on m/44'/784'/i'/0'/0' (Ed25519), as the SDK derives them. */
const KNOWN_ACCOUNTS = [
  {
    address: '0xc88ef07b9b8b2fc3b7daad9478f4e1337f01792e2eab9c3794494e610636026e',
    secretKey: 'suiprivkey1qrna7zx5a9xfr0ljh6uwc2nnwu3up6uhl9nr2y5cfufhyzjuqr8mkqymtvk',
  },
  {
    address: '0x31e57c79ce7793434b5f607d19832d74821bbeca30596b99eb27050c36b543a7',
    secretKey: 'suiprivkey1qzgyvl08hhzqw5gu6gn87tn9cv7svces6t3e980eudvys92utmcwzd9htvv',
  },
  { address: '0x7d6c4056c17e8415feb89311d8a512aa8401942fc4aa5c86a0c77e37701f22db' },
];

/** The `dev up` flags of the README, kept for every restart of the same devnet. */
const UP_FLAGS = (stateDir: string) => [
  '--nodes',
  '4',
  '--shards',
  '20',
  '--epoch-duration',
  '1h',
  '--accounts',
  '3',
  '--port',
  '0',
  '--state-dir',
  stateDir,
];
/** The largest blob at 20 shards: f = 6, p = 8, s = 14, p·s·65534 bytes. */
const MAX_BLOB_AT_20_SHARDS = 8 * 14 * 65534;

interface StoredBlob {
  blobId: string;
  objectId: string;
  endEpoch: number;
  epochs: number;
  deletable: boolean;
  spent: string;
  cost: { total: string };
}
interface ListedBlob {
  objectId: string;
  blobId: string;
  endEpoch: number;
  deletable: boolean;
  status: string;
}
interface Account {
  address: string;
  active: boolean;
  source: string;
  sui: string;
  wal: string;
}
interface NodeReport {
  index: number;
  nodeId: string;
  url: string;
  status: string;
  shards: number[];
  stats: { diskBytes: number } | null;
}

let project: BinaryProject;
let stateDir: string;
let devnet: BackgroundWalrus;
let descriptor: DevnetDescriptor;
let sui: SuiGrpcClient;
/** Digests of transactions the CLI reported as done: they must survive `dev down` and `kill -9`. */
const acknowledged: string[] = [];
/** A blob stored for one epoch, to expire. */
let shortLived: StoredBlob;
/** A permanent blob that outlives the epochs advanced below. */
let longLived: StoredBlob;

const walrus = (...args: string[]) => run(project, args);
/** Runs `walrus ...args --json`, expects exit 0, returns the document (and remembers a reported digest). */
const ok = async (...args: string[]) => {
  const result = await run(project, [...args, '--json']);
  expect(result.code, `walrus ${args.join(' ')}: ${result.stdout}${result.stderr}`).toBe(0);
  const doc = result.json<Record<string, unknown>>();
  if (typeof doc.digest === 'string') acknowledged.push(doc.digest);
  return doc;
};
/** `walrus stake add --node <first node> --amount <wal>`; returns the new StakedWal's id. */
const stakeOnFirstNode = async (wal: string) =>
  (
    (await ok('stake', 'add', '--node', descriptor.nodes![0]!.nodeId, '--amount', wal)) as {
      stakedWal: string;
    }
  ).stakedWal;
/** Runs `walrus ...args --json`, expects the exit code and error code, and no stack. */
const failsWith = async (exitCode: number, code: string, ...args: string[]) => {
  const result = await run(project, [...args, '--json']);
  expect(result.code, `walrus ${args.join(' ')}: ${result.stdout}${result.stderr}`).toBe(exitCode);
  expect(result.error().code).toBe(code);
  expect(result.stdout + result.stderr).not.toMatch(/^\s+at /m);
  return result.error();
};
const inProject = (name: string) => join(project.dir, name);
const store = async (...args: string[]) => (await ok('blob', 'store', ...args)).blobs as StoredBlob[];
const blobList = async () => (await ok('blob', 'list')).blobs as ListedBlob[];
const readBytes = async (blobId: string) => {
  const out = inProject(`read-${blobId.slice(0, 8)}.bin`);
  const read = await walrus('blob', 'read', blobId, '-o', out);
  expect(read.code, read.stderr).toBe(0);
  return readFileSync(out);
};
const descriptorFile = (home = project.home) => join(home, 'devnet.json');
const readDescriptorFile = (home = project.home) =>
  JSON.parse(readFileSync(descriptorFile(home), 'utf8')) as DevnetDescriptor;
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Uses the devnet `current` describes from now on (ports change on every start with port 0). */
function attach(current: DevnetDescriptor): void {
  descriptor = current;
  sui = new SuiGrpcClient({ network: 'localnet', baseUrl: current.rpcUrl });
}

/** SUI and WAL balances of an address, read through the RPC. */
async function balances(address: string): Promise<{ sui: string; wal: string }> {
  const [gas, wal] = await Promise.all([
    sui.core.getBalance({ owner: address }),
    sui.core.getBalance({ owner: address, coinType: `${descriptor.packages!.wal}::wal::WAL` }),
  ]);
  return { sui: gas.balance.balance, wal: wal.balance.balance };
}
const allBalances = () => Promise.all(KNOWN_ACCOUNTS.map((a) => balances(a.address)));

/** The address owning an object, or 'deleted'. */
async function ownerOf(objectId: string): Promise<string> {
  const [object] = (await sui.core.getObjects({ objectIds: [objectId] })).objects;
  if (object instanceof Error) return 'deleted';
  return (object!.owner as { AddressOwner?: string }).AddressOwner ?? JSON.stringify(object!.owner);
}

/** Expects every acknowledged transaction to be on the chain, successful. */
async function expectAcknowledgedOnChain(): Promise<void> {
  expect(acknowledged.length).toBeGreaterThan(0);
  for (const digest of acknowledged) {
    const result = await sui.core.getTransaction({ digest });
    expect(result.$kind, digest).toBe('Transaction');
  }
}

/** Whether new TCP connections to the node at `url` are refused (nothing listens there). */
async function refused(url: string): Promise<boolean> {
  return (await connectTo(Number(new URL(url).port))) === 'ECONNREFUSED';
}

async function admin<T>(adminUrl: string, path: string, body?: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${adminUrl}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}
const currentEpoch = async (adminUrl = descriptor.adminUrl!) =>
  (await admin<{ epoch: number }>(adminUrl, '/epoch')).epoch;
const adminNodes = async (adminUrl = descriptor.adminUrl!) =>
  (await admin<{ nodes: NodeReport[] }>(adminUrl, '/nodes')).nodes;

/** Waits until the descriptor in `home` names a live process `pid` (or any, without `pid`). */
async function readyDescriptor(home: string, process?: BackgroundWalrus): Promise<DevnetDescriptor> {
  await vi.waitFor(
    () => {
      if (process && process.child.exitCode !== null) {
        throw new Error(`dev up exited: ${process.stdout()}${process.stderr()}`);
      }
      expect(existsSync(descriptorFile(home))).toBe(true);
      if (process) expect(readDescriptorFile(home).pid).toBe(process.child.pid);
    },
    { timeout: 60_000, interval: 50 },
  );
  return readDescriptorFile(home);
}

/** A scratch project: its directory, WALRUS_HOME, Sui config directory and config file. */
function newProject(prefix: string, config: Record<string, unknown>): BinaryProject {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const created = { dir, home: join(dir, 'walrus-home'), suiConfig: join(dir, 'sui-config') };
  mkdirSync(created.suiConfig);
  writeFileSync(join(dir, 'walrus.config.json'), JSON.stringify(config));
  return created;
}

beforeAll(async () => {
  assertFreshBuild();
  project = newProject('walrus-readme-e2e-', {
    // RPC port 9000 here, so that `--port 0` visibly wins over the config. The daemon and relay ports are set to
    // 0: with a non-zero `rpc` in the config they would default to the fixed 31415 and 57391, which another test
    // file running at the same time may hold.
    devnet: { ports: { ...ANY_PORTS, rpc: 9000, daemon: 0, relay: 0 } },
    // Nothing listens on port 1: the network-failure path (exit 2).
    networks: {
      unreachable: { rpcUrl: 'http://127.0.0.1:1', systemObjectId: '0x1', stakingObjectId: '0x2' },
    },
  });
  stateDir = join(project.dir, 'state');
  devnet = spawnWalrus(project, ['dev', 'up', ...UP_FLAGS(stateDir)]);
  attach(await readyDescriptor(project.home, devnet));
}, 90_000);

afterAll(async () => {
  if (project && existsSync(descriptorFile())) await walrus('dev', 'down');
  if (devnet?.child.exitCode === null) devnet.child.kill('SIGKILL');
  if (project) rmSync(project.dir, { recursive: true, force: true });
});

describe('walrus dev up (foreground, off a terminal) with every flag', () => {
  it('--nodes --shards --epoch-duration --accounts --port 0 --state-dir take effect', async () => {
    expect(descriptor.nodes).toHaveLength(4);
    expect(descriptor.nShards).toBe(20);
    expect(descriptor.epochDurationMs).toBe(3_600_000);
    expect(descriptor.accounts).toHaveLength(3);
    expect(Number(new URL(descriptor.rpcUrl).port)).not.toBe(9000);
    expect(descriptor.stateDir).toBe(stateDir);
    expect(existsSync(stateDir)).toBe(true);
  });

  it('prints plain log lines: each boot step, the endpoints, then every log line', async () => {
    await vi.waitFor(() => expect(devnet.stdout()).toContain(descriptor.rpcUrl));
    const stderr = devnet.stderr();
    for (const step of ['ledger', 'contracts', 'nodes', 'epoch']) expect(stderr).toContain(`${step} ready (`);
    expect(stderr).toContain('devnet ready');
    expect(devnet.stdout() + stderr).not.toContain('\u001b[');
  });

  it('refuses to start twice', async () => {
    await failsWith(1, 'DEVNET_ALREADY_RUNNING', 'dev', 'up', '--detach');
  });

  it('funds the deterministic accounts, the same on every machine (known answer)', async () => {
    expect(descriptor.accounts.map((a) => a.address)).toEqual(KNOWN_ACCOUNTS.map((a) => a.address));
    expect(descriptor.accounts[0]!.secretKey).toBe(KNOWN_ACCOUNTS[0]!.secretKey);
    expect(descriptor.accounts[1]!.secretKey).toBe(KNOWN_ACCOUNTS[1]!.secretKey);
    for (const funded of await allBalances()) {
      expect(funded).toEqual({ sui: '10000000000000', wal: '1000000000000' });
    }
  });
});

describe('walrus dev status, dev logs, config show, epoch info', () => {
  it('dev status: running, its endpoints and chain', async () => {
    const status = (await ok('dev', 'status')) as { running: boolean; descriptor: DevnetDescriptor };
    expect(status.running).toBe(true);
    expect(status.descriptor.rpcUrl).toBe(descriptor.rpcUrl);
  });

  it('dev logs -n N prints the last N lines', async () => {
    expect(((await ok('dev', 'logs', '-n', '2')).lines as string[]).length).toBe(2);
    const human = await walrus('dev', 'logs', '-n', '3');
    expect(human.code).toBe(0);
    expect(human.stdout.trimEnd().split('\n')).toHaveLength(3);
  });

  it('dev logs -f follows new lines as they are written', async () => {
    const follow = spawnWalrus(project, ['dev', 'logs', '-f']);
    try {
      await vi.waitFor(() => expect(follow.stdout()).toContain('devnet ready'), { timeout: 30_000 });
      const before = follow.stdout().length;
      const faucet = await fetch(`${descriptor.faucetUrl}/v2/gas`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ FixedAmountRequest: { recipient: Ed25519Keypair.generate().toSuiAddress() } }),
      });
      expect(faucet.status).toBe(200);
      await vi.waitFor(() => expect(follow.stdout().slice(before)).toMatch(/ tx \S+ ok/), {
        timeout: 30_000,
      });
    } finally {
      follow.child.kill('SIGINT');
    }
    expect(await follow.exited).toBe(0);
  });

  it('config show: the resolved config and its sources', async () => {
    const shown = (await ok('config', 'show')) as { explicitKeys: string[]; network: { name: string } };
    expect(shown.network.name).toBe('devnet');
    expect(shown.explicitKeys).toContain('devnet.ports.faucet');
  });

  it('epoch info: the Walrus epoch of the devnet', async () => {
    expect(await ok('epoch', 'info')).toMatchObject({ epoch: 1, nShards: 20, epochDurationMs: 3_600_000 });
  });
});

describe('walrus account', () => {
  const active = async () =>
    ((await ok('account', 'list')).accounts as Account[]).find((a) => a.active)!.address;

  it('account list marks the signer; account use <address> and <index> change it', async () => {
    expect(await active()).toBe(KNOWN_ACCOUNTS[0]!.address);
    await ok('account', 'use', KNOWN_ACCOUNTS[1]!.address);
    expect(await active()).toBe(KNOWN_ACCOUNTS[1]!.address);
    // Back to account 0 by index: the blob and stake tests below sign (and are checked) as account 0.
    expect((await ok('account', 'use', '0')).address).toBe(KNOWN_ACCOUNTS[0]!.address);
  });

  it('account import <key>, --stdin and --keystore; account fund --sui --wal', async () => {
    const [byArg, byStdin, byKeystore] = [0, 1, 2].map(() => Ed25519Keypair.generate()) as [
      Ed25519Keypair,
      Ed25519Keypair,
      Ed25519Keypair,
    ];
    const imported = await ok('account', 'import', byArg.getSecretKey());
    expect(imported.imported).toEqual([byArg.toSuiAddress()]);
    expect(JSON.stringify(imported)).not.toContain('suiprivkey');
    const piped = await run(project, ['account', 'import', '--stdin', '--json'], {
      input: byStdin.getSecretKey(),
    });
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.json().imported).toEqual([byStdin.toSuiAddress()]);
    // A Sui CLI keystore: a JSON array of base64 (flag ‖ 32-byte secret key); flag 0 is Ed25519.
    const { secretKey } = decodeSuiPrivateKey(byKeystore.getSecretKey());
    const keystore = inProject('sui.keystore');
    writeFileSync(keystore, JSON.stringify([Buffer.from([0, ...secretKey]).toString('base64')]));
    expect((await ok('account', 'import', '--keystore', keystore)).imported).toEqual([
      byKeystore.toSuiAddress(),
    ]);
    expect(statSync(join(project.home, 'accounts.json')).mode & 0o777).toBe(0o600);
    const listed = (await ok('account', 'list')).accounts as Account[];
    for (const key of [byArg, byStdin, byKeystore]) {
      expect(listed.find((a) => a.address === key.toSuiAddress())?.source).toBe('imported');
    }

    const funded = (await ok('account', 'fund', byArg.toSuiAddress(), '--sui', '--wal', '2')) as {
      coins: Array<{ digest: string }>;
      wal: { digest: string };
    };
    acknowledged.push(funded.wal.digest, ...funded.coins.map((c) => c.digest));
    // One faucet request: 5 coins of 200 SUI, as Sui's faucet sends.
    expect(funded.coins).toHaveLength(5);
    expect(await balances(byArg.toSuiAddress())).toEqual({ sui: '1000000000000', wal: '2000000000' });
  });
});

describe('walrus blob', () => {
  const a = () => inProject('a.bin');
  const b = () => inProject('b.txt');
  const c = () => inProject('c.txt');
  let permanent: StoredBlob[];
  let offlineId: string;
  let deletable: StoredBlob;

  it('blob id computes the id offline; --shards changes it', async () => {
    writeFileSync(a(), randomBytes(3000));
    writeFileSync(b(), 'hello walrus\n');
    writeFileSync(c(), 'burn me');
    const id = await ok('blob', 'id', a());
    offlineId = id.blobId as string;
    expect(id).toMatchObject({ size: 3000, shards: 20 });
    expect((await ok('blob', 'id', a(), '--shards', '1000')).blobId).not.toBe(id.blobId);
  });

  it('blob store --dry-run prices without spending', async () => {
    const before = await balances(KNOWN_ACCOUNTS[0]!.address);
    const [priced] = (await store(a(), '--epochs', '2', '--dry-run')) as Array<Partial<StoredBlob>>;
    expect(BigInt(priced!.cost!.total)).toBeGreaterThan(0n);
    expect(priced!.objectId).toBeUndefined();
    expect(await balances(KNOWN_ACCOUNTS[0]!.address)).toEqual(before);
  });

  it('blob store with several files, --epochs N and --permanent stores each, non-deletable', async () => {
    const before = BigInt((await balances(KNOWN_ACCOUNTS[0]!.address)).wal);
    const epoch = await currentEpoch();
    permanent = await store(a(), b(), c(), '--epochs', '2', '--permanent');
    expect(permanent).toHaveLength(3);
    expect(permanent[0]!.blobId).toBe(offlineId);
    for (const blob of permanent) {
      expect(blob.deletable).toBe(false);
      expect(blob.endEpoch).toBe(epoch + 2);
      expect(await ownerOf(blob.objectId)).toBe(KNOWN_ACCOUNTS[0]!.address);
    }
    const spent = permanent.reduce((sum, blob) => sum + BigInt(blob.spent), 0n);
    expect(BigInt((await balances(KNOWN_ACCOUNTS[0]!.address)).wal)).toBe(before - spent);
  });

  it('blob store --epochs max buys as many epochs ahead as the system allows; deletable by default', async () => {
    [deletable, shortLived] = [
      (await store(b(), '--epochs', 'max'))[0]!,
      (await store(b(), '--epochs', '1'))[0]!,
    ];
    expect(deletable.deletable).toBe(true);
    expect(deletable.epochs).toBeGreaterThan(2);
    expect(deletable.endEpoch).toBe((await currentEpoch()) + deletable.epochs);
  });

  it('blob store of a file over the size limit fails with BLOB_TOO_LARGE before anything is spent', async () => {
    const big = inProject('big.bin');
    closeSync(openSync(big, 'w'));
    truncateSync(big, MAX_BLOB_AT_20_SHARDS + 1);
    const before = await allBalances();
    const tooLarge = await failsWith(1, 'BLOB_TOO_LARGE', 'blob', 'store', big);
    expect(tooLarge.message).toMatch(/largest blob is .* with 20 shards|with 20 shards the largest blob/);
    expect(await allBalances()).toEqual(before);
  });

  it('blob read to stdout gives the bytes; -o writes them to a file', async () => {
    const piped = await runForBytes(project, ['blob', 'read', permanent[0]!.blobId]);
    expect(piped.code).toBe(0);
    expect(piped.stdout.equals(readFileSync(a()))).toBe(true);
    expect((await readBytes(permanent[1]!.blobId)).equals(readFileSync(b()))).toBe(true);
  });

  it('blob read refuses to write binary to a terminal', async () => {
    const onTerminal = walrusInTerminal(project, ['blob', 'read', permanent[0]!.blobId]);
    expect(await onTerminal.exited).toBe(1);
    expect(onTerminal.stdout()).toMatch(/terminal/);
  });

  it('blob status <id> and --file report what the nodes report', async () => {
    const status = (await ok('blob', 'status', permanent[0]!.blobId)) as {
      status: { type: string; isCertified: boolean; endEpoch: number };
    };
    expect(status.status).toMatchObject({ type: 'permanent', isCertified: true });
    expect(status.status.endEpoch).toBe(permanent[0]!.endEpoch);
    const byFile = (await ok('blob', 'status', '--file', b())) as {
      blobId: string;
      status: { type: string };
    };
    expect(byFile.blobId).toBe(permanent[1]!.blobId);
    expect(byFile.status.type).toBe('permanent');
  });

  it('blob list lists the Blob objects with status and expiry', async () => {
    const listed = await blobList();
    for (const blob of [...permanent, deletable, shortLived]) {
      expect(listed.find((l) => l.objectId === blob.objectId)).toMatchObject({
        blobId: blob.blobId,
        endEpoch: blob.endEpoch,
        status: 'certified',
      });
    }
  });

  it('blob extend buys more epochs', async () => {
    const extended = await ok('blob', 'extend', permanent[0]!.objectId, '--epochs', '1');
    expect(extended.endEpoch).toBe(permanent[0]!.endEpoch + 1);
    longLived = { ...permanent[0]!, endEpoch: permanent[0]!.endEpoch + 1 };
    expect(
      ((await ok('blob', 'status', permanent[0]!.blobId)) as { status: { endEpoch: number } }).status
        .endEpoch,
    ).toBe(permanent[0]!.endEpoch + 1);
  });

  it('blob delete deletes a deletable blob', async () => {
    await ok('blob', 'delete', deletable.objectId);
    expect(await ownerOf(deletable.objectId)).toBe('deleted');
  });

  it('blob transfer gives a Blob object away', async () => {
    await ok('blob', 'transfer', permanent[1]!.objectId, KNOWN_ACCOUNTS[1]!.address);
    expect(await ownerOf(permanent[1]!.objectId)).toBe(KNOWN_ACCOUNTS[1]!.address);
  });

  it('blob burn <object-id> drops a Blob object', async () => {
    await ok('blob', 'burn', permanent[2]!.objectId);
    expect(await ownerOf(permanent[2]!.objectId)).toBe('deleted');
  });
});

describe('walrus stake and epoch advance', () => {
  const stateOf = async (stakedWal: string) =>
    ((await ok('stake', 'list')).stakes as Array<{ objectId: string; state: string }>).find(
      (s) => s.objectId === stakedWal,
    )?.state;

  it('stake add, stake list, stake withdraw of a pending stake (back at once)', async () => {
    const before = (await balances(KNOWN_ACCOUNTS[0]!.address)).wal;
    const stakedWal = await stakeOnFirstNode('5');
    expect(await stateOf(stakedWal)).toBe('pending');
    expect(await ok('stake', 'withdraw', stakedWal)).toMatchObject({
      action: 'withdrawn',
      received: '5000000000',
    });
    expect((await balances(KNOWN_ACCOUNTS[0]!.address)).wal).toBe(before);
    expect(await ownerOf(stakedWal)).toBe('deleted');
  });

  let stakedWal: string;

  it('stake add, then epoch advance --count N: the stake activates; blob burn --all-expired drops exactly the expired', async () => {
    ({ stakedWal } = (await ok('stake', 'add', '--node', descriptor.nodes![1]!.nodeId, '--amount', '3')) as {
      stakedWal: string;
    });
    const start = await currentEpoch();
    await ok('epoch', 'advance', '--count', '2');
    expect(await currentEpoch()).toBe(start + 2);
    expect(await stateOf(stakedWal)).toBe('active');
    expect(shortLived.endEpoch).toBeLessThanOrEqual(start + 2);
    expect((await ok('blob', 'burn', '--all-expired')).burned).toEqual([shortLived.objectId]);
    expect(await ownerOf(shortLived.objectId)).toBe('deleted');
    expect(await ownerOf(longLived.objectId)).toBe(KNOWN_ACCOUNTS[0]!.address);
  });

  it('stake withdraw of an active stake: requested, then taken from its withdrawal epoch', async () => {
    const requested = (await ok('stake', 'withdraw', stakedWal)) as { action: string; withdrawEpoch: number };
    expect(requested.action).not.toBe('withdrawn');
    expect(await stateOf(stakedWal)).toMatch(/withdraw/);
    await ok('epoch', 'advance', '--count', String(requested.withdrawEpoch - (await currentEpoch())));
    const before = BigInt((await balances(KNOWN_ACCOUNTS[0]!.address)).wal);
    const taken = (await ok('stake', 'withdraw', stakedWal)) as { action: string; received: string };
    expect(taken.action).toBe('withdrawn');
    expect(BigInt(taken.received)).toBeGreaterThanOrEqual(3_000_000_000n);
    expect(BigInt((await balances(KNOWN_ACCOUNTS[0]!.address)).wal)).toBe(before + BigInt(taken.received));
  });
});

describe('walrus node: the fault switches, checked by their effect', () => {
  let blob: { blobId: string; bytes: Buffer };

  it('node list: every node up, the shards split between them', async () => {
    const listed = (await ok('node', 'list')).nodes as NodeReport[];
    expect(listed).toHaveLength(4);
    expect(listed.every((n) => n.status === 'started')).toBe(true);
    expect(listed.flatMap((n) => n.shards).sort((x, y) => x - y)).toEqual([...Array(20).keys()]);
    blob = {
      blobId: (await store(inProject('a.bin'), '--epochs', '5'))[0]!.blobId,
      bytes: readFileSync(inProject('a.bin')),
    };
  });

  it('node stop <node-id>: its port refuses connections and blobs stay readable; node start serves again', async () => {
    const node = descriptor.nodes![1]!;
    await ok('node', 'stop', node.nodeId);
    expect(await refused(node.url)).toBe(true);
    expect((await readBytes(blob.blobId)).equals(blob.bytes)).toBe(true);
    await ok('node', 'start', node.nodeId);
    expect((await fetch(`${node.url}/v1/health`)).status).toBe(200);
  });

  it('node wipe: node list shows its stored bytes drop, then come back once peers can serve them', async () => {
    const [wiped, , ...others] = descriptor.nodes!;
    const diskBytes = (listed: NodeReport[]) =>
      listed.find((n) => n.nodeId === wiped!.nodeId)!.stats!.diskBytes;
    const held = diskBytes(await adminNodes());
    expect(held).toBeGreaterThan(0);
    // With two of its three peers stopped too few shards remain to recover from, so the drop stays visible.
    for (const peer of others) await admin(descriptor.adminUrl!, '/node/stop', { node: peer.index });
    try {
      await ok('node', 'wipe', wiped!.nodeId);
      expect(diskBytes((await ok('node', 'list')).nodes as NodeReport[])).toBeLessThan(held);
    } finally {
      for (const peer of others) await admin(descriptor.adminUrl!, '/node/start', { node: peer.index });
    }
    await vi.waitFor(async () => expect(diskBytes(await adminNodes())).toBe(held), {
      timeout: 30_000,
      interval: 100,
    });
    expect(diskBytes((await ok('node', 'list')).nodes as NodeReport[])).toBe(held);
  });

  it('admin /node/refuse-writes: the node answers uploads with 503 until node heal', async () => {
    const node = descriptor.nodes![2]!;
    const putMetadata = async () =>
      (
        await fetch(`${node.url}/v1/blobs/${blob.blobId}/metadata`, {
          method: 'PUT',
          body: new Uint8Array([1]),
        })
      ).status;
    expect(await putMetadata()).not.toBe(503);
    await admin(descriptor.adminUrl!, '/node/refuse-writes', { node: 2 });
    expect(await putMetadata()).toBe(503);
    expect((await fetch(`${node.url}/v1/health`)).status).toBe(200);
    await ok('node', 'heal', node.nodeId);
    expect(await putMetadata()).not.toBe(503);
  });

  it('admin /node/slow: a fast node answers while the slow one has not, until node heal', async () => {
    const [fast, slow] = [descriptor.nodes![0]!, descriptor.nodes![3]!];
    await admin(descriptor.adminUrl!, '/node/slow', { node: 3, ms: 3000 });
    const aborter = new AbortController();
    let slowAnswered = false;
    const pending = fetch(`${slow.url}/v1/health`, { signal: aborter.signal }).then(
      () => {
        slowAnswered = true;
      },
      () => undefined,
    );
    try {
      expect((await fetch(`${fast.url}/v1/health`)).status).toBe(200);
      expect(slowAnswered).toBe(false);
    } finally {
      aborter.abort();
      await pending;
      await ok('node', 'heal', slow.nodeId);
    }
    expect((await fetch(`${slow.url}/v1/health`)).status).toBe(200);
  });
});

describe('a user stores, reads, extends and burns a 5 MiB blob, stakes for a reward, runs short of WAL', () => {
  const big = () => inProject('asset.bin');
  let stored: StoredBlob;

  it('blob store of 5 MiB pays exactly what --dry-run quoted; blob read gives it back identical', async () => {
    writeFileSync(big(), randomBytes(5 * 1024 * 1024));
    const [priced] = (await store(big(), '--epochs', '2', '--dry-run')) as Array<
      Partial<StoredBlob> & { encodedSize: number }
    >;
    expect(priced!.blobId).toBeUndefined();
    // RedStuff at 20 shards (f = 6): 20 · (8 + 14) symbols for every 8 · 14 of the blob, metadata on top.
    expect(priced!.encodedSize).toBeGreaterThan((5 * 1024 * 1024 * 20 * (8 + 14)) / (8 * 14));
    const result = await run(project, ['blob', 'store', big(), '--epochs', '2', '--json']);
    expect(result.code, result.stderr).toBe(0);
    [stored] = result.json<{ blobs: StoredBlob[] }>().blobs as [StoredBlob];
    expect(result.stderr).toMatch(/certified/);
    expect(stored.spent).toBe(stored.cost.total);
    expect(stored.cost.total).toBe(priced!.cost!.total);
    expect(BigInt(stored.spent)).toBeGreaterThan(0n);
    expect((await readBytes(stored.blobId)).equals(readFileSync(big()))).toBe(true);
  });

  it('blob extend adds its epochs; blob burn takes it out of blob list', async () => {
    expect((await ok('blob', 'extend', stored.objectId, '--epochs', '2')).endEpoch).toBe(stored.endEpoch + 2);
    expect((await ok('blob', 'burn', stored.objectId)).burned).toEqual([stored.objectId]);
    expect((await blobList()).some((listed) => listed.objectId === stored.objectId)).toBe(false);
  });

  it('a stake is pending with no reward, and two epochs later active with a reward', async () => {
    type Stake = { objectId: string; rewards: string; state: string };
    const stakes = async () => (await ok('stake', 'list')).stakes as Stake[];
    const stakedWal = await stakeOnFirstNode('500');
    expect((await stakes()).find((s) => s.objectId === stakedWal)).toMatchObject({
      rewards: '0',
      state: 'pending',
    });
    await ok('epoch', 'advance', '--count', '2');
    const stake = (await stakes()).find((s) => s.objectId === stakedWal)!;
    expect(stake.state).toBe('active');
    expect(BigInt(stake.rewards)).toBeGreaterThan(0n);
    expect(await ok('epoch', 'info')).toMatchObject({ nShards: 20, state: 'EpochChangeDone' });
  });

  it('node stop/start/corrupt/heal/wipe by index print the new state; a blob stays readable', async () => {
    writeFileSync(inProject('controls.txt'), 'still readable');
    const [small] = await store(inProject('controls.txt'), '--epochs', '3');
    const readBack = async () => (await readBytes(small!.blobId)).toString('utf8');
    expect(await ok('node', 'stop', '1')).toMatchObject({ index: 1, status: 'stopped' });
    expect(await readBack()).toBe('still readable');
    expect(await ok('node', 'start', '1')).toMatchObject({ status: 'started' });
    expect(await ok('node', 'corrupt', '2')).toMatchObject({ faults: { corruptSlivers: true } });
    expect(await ok('node', 'heal', '2')).toMatchObject({ faults: { corruptSlivers: false } });
    expect(await ok('node', 'wipe', '3')).toMatchObject({ status: 'started' });
    expect(await readBack()).toBe('still readable');
  });

  it('an account with SUI but no WAL can neither store nor stake (INSUFFICIENT_FUNDS) until funded', async () => {
    const poor = Ed25519Keypair.generate();
    const imported = await run(project, ['account', 'import', '--stdin', '--json'], {
      input: poor.getSecretKey(),
    });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json().imported).toEqual([poor.toSuiAddress()]);
    await ok('account', 'fund', poor.toSuiAddress());
    await ok('account', 'use', poor.toSuiAddress());
    try {
      const notEnough = /Not enough WAL/;
      const small = inProject('poor.txt');
      writeFileSync(small, 'paid for at last');
      expect((await failsWith(1, 'INSUFFICIENT_FUNDS', 'blob', 'store', small)).message).toMatch(notEnough);
      const nodeId = descriptor.nodes![0]!.nodeId;
      expect(
        (await failsWith(1, 'INSUFFICIENT_FUNDS', 'stake', 'add', '--node', nodeId, '--amount', '1')).message,
      ).toMatch(notEnough);
      await ok('account', 'fund', poor.toSuiAddress(), '--wal', '5');
      expect(await store(small)).toHaveLength(1);
    } finally {
      await ok('account', 'use', '0');
    }
  });
});

describe('the documented error paths', () => {
  it('a network failure exits 2 from the binary, naming the endpoint', async () => {
    const error = await failsWith(
      2,
      'NETWORK_UNREACHABLE',
      'blob',
      'store',
      inProject('b.txt'),
      '--dry-run',
      '--network',
      'unreachable',
    );
    expect(error.message).toContain('127.0.0.1:1');
  });

  it('account use of an unknown account and account import of a non-key exit 1', async () => {
    await failsWith(1, 'INVALID_ARGUMENTS', 'account', 'use', '7');
    await failsWith(1, 'INVALID_ARGUMENTS', 'account', 'import', 'not-a-key');
  });

  it.each([
    ['node', 'list'],
    ['node', 'stop', '0'],
    ['epoch', 'info'],
    ['epoch', 'advance'],
  ])('the devnet-only %s %s refuses --network testnet, changing nothing', async (...args) => {
    const before = await currentEpoch();
    await failsWith(1, 'INVALID_ARGUMENTS', ...args, '--network', 'testnet');
    expect(await currentEpoch()).toBe(before);
    expect((await adminNodes()).every((n) => n.status === 'started')).toBe(true);
  });
});

describe('the public API: connect() and readDescriptor() from walrus-devkit', () => {
  it('a script using only the package exports and the official clients reads a stored blob', async () => {
    const { blobId } = (await store(inProject('b.txt'), '--epochs', '2'))[0]!;
    const app = inProject('app');
    mkdirSync(join(app, 'node_modules'), { recursive: true });
    symlinkSync(REPO, join(app, 'node_modules', 'walrus-devkit'), 'dir');
    symlinkSync(join(REPO, 'node_modules', '@mysten'), join(app, 'node_modules', '@mysten'), 'dir');
    writeFileSync(join(app, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    writeFileSync(join(app, 'read.mjs'), PUBLIC_API_SCRIPT);
    const script = spawnSync(process.execPath, ['read.mjs', descriptorFile(), blobId, project.dir], {
      cwd: app,
      env: binaryEnv(project),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(script.status, script.stderr).toBe(0);
    expect(JSON.parse(script.stdout)).toEqual({
      rpcUrl: descriptor.rpcUrl,
      chainId: descriptor.chainId,
      viaReadme: 'hello walrus\n',
      viaConnect: 'hello walrus\n',
    });
  });
});

describe('state and crash, end to end', () => {
  let before: { blobs: ListedBlob[]; balances: Array<{ sui: string; wal: string }>; chainId: string };
  let kept: { blobId: string; objectId: string; bytes: Buffer };

  it('dev down stops the foreground devnet gracefully; dev up --detach resumes bytes, blobs and balances', async () => {
    const [stored] = await store(inProject('a.bin'), '--epochs', '3');
    kept = { blobId: stored!.blobId, objectId: stored!.objectId, bytes: readFileSync(inProject('a.bin')) };
    before = { blobs: await blobList(), balances: await allBalances(), chainId: descriptor.chainId };
    expect(await ok('dev', 'down')).toMatchObject({ stopped: true, pid: devnet.child.pid });
    expect(await devnet.exited).toBe(0);
    expect(existsSync(descriptorFile())).toBe(false);

    attach((await ok('dev', 'up', '--detach', ...UP_FLAGS(stateDir))) as unknown as DevnetDescriptor);
    expect(descriptor.chainId).toBe(before.chainId);
    expect(await blobList()).toEqual(before.blobs);
    expect(await allBalances()).toEqual(before.balances);
    expect((await readBytes(kept.blobId)).equals(kept.bytes)).toBe(true);
    await expectAcknowledgedOnChain();
  });

  it('kill -9 of the devnet: dev status reports it dead; dev up resumes every acknowledged transaction', async () => {
    const last = (await store(inProject('b.txt'), '--epochs', '2'))[0]!;
    await ok('account', 'fund', KNOWN_ACCOUNTS[2]!.address, '--wal', '1');
    const balancesAtKill = await allBalances();
    const { pid } = descriptor;
    process.kill(pid, 'SIGKILL');
    await vi.waitFor(() => expect(isAlive(pid)).toBe(false), { timeout: 10_000, interval: 20 });

    const status = await failsWith(1, 'DEVNET_NOT_RUNNING', 'dev', 'status');
    expect(status.message).toContain(String(pid));

    attach((await ok('dev', 'up', '--detach', ...UP_FLAGS(stateDir))) as unknown as DevnetDescriptor);
    expect(descriptor.chainId).toBe(before.chainId);
    expect(await allBalances()).toEqual(balancesAtKill);
    expect(await ownerOf(last.objectId)).toBe(KNOWN_ACCOUNTS[0]!.address);
    expect((await readBytes(last.blobId)).equals(readFileSync(inProject('b.txt')))).toBe(true);
    expect((await readBytes(kept.blobId)).equals(kept.bytes)).toBe(true);
    await expectAcknowledgedOnChain();
  });

  it('dev up --fresh starts a new genesis; dev reset --state-dir deletes the state', async () => {
    await ok('dev', 'down');
    attach(
      (await ok('dev', 'up', '--detach', '--fresh', ...UP_FLAGS(stateDir))) as unknown as DevnetDescriptor,
    );
    expect(descriptor.chainId).not.toBe(before.chainId);
    expect(await ownerOf(kept.objectId)).toBe('deleted');
    await ok('dev', 'down');
    expect(await ok('dev', 'reset', '--state-dir', stateDir)).toEqual({ deleted: stateDir });
    expect(existsSync(stateDir)).toBe(false);
  });
});

describe('walrus dev up in the foreground on a terminal: boot steps, then the dashboard and its keys', () => {
  let terminal: BinaryProject;
  let session: BackgroundWalrus;
  let shown: DevnetDescriptor;

  beforeAll(async () => {
    terminal = newProject('walrus-dashboard-e2e-', { devnet: { ports: ANY_PORTS } });
    // Nine nodes: one for each of the keys 1–9.
    session = walrusInTerminal(terminal, [
      'dev',
      'up',
      '--nodes',
      '9',
      '--shards',
      '9',
      '--epoch-duration',
      '1h',
      '--accounts',
      '1',
      '--port',
      '0',
      '--node-process',
      'child',
    ]);
    shown = await readyDescriptor(terminal.home);
  }, 90_000);
  afterAll(async () => {
    if (session?.child.exitCode === null) session.child.kill('SIGKILL');
    if (terminal && existsSync(descriptorFile(terminal.home))) {
      await run(terminal, ['dev', 'down']);
    }
    if (terminal) rmSync(terminal.dir, { recursive: true, force: true });
  });

  it('shows each boot step, then the live dashboard with the endpoints', async () => {
    for (const title of Object.values(BOOT_STEP_TITLES)) expect(session.stdout()).toContain(title);
    await vi.waitFor(() => expect(session.stdout()).toContain(shown.rpcUrl), { timeout: 30_000 });
  });

  it('e advances the epoch', async () => {
    const adminUrl = shown.adminUrl!;
    const start = await currentEpoch(adminUrl);
    session.child.stdin!.write('e');
    await vi.waitFor(async () => expect(await currentEpoch(adminUrl)).toBe(start + 1), { timeout: 30_000 });
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9])(
    'key %i stops the node of that number alone (its port refuses connections, the dashboard shows it down); again starts it',
    async (key) => {
      const adminUrl = shown.adminUrl!;
      const node = shown.nodes![key - 1]!;
      const statuses = async () => (await adminNodes(adminUrl)).map((n) => n.status);
      const others = (status: string[]) => status.filter((_, index) => index !== key - 1);
      /** The node's row and the key's message as the terminal shows them after the key press. */
      const shows = (from: number, row: string, message: string) => {
        const screen = stripVTControlCharacters(session.stdout().slice(from));
        expect(screen).toContain(` ${key}. ${row} ${node.name}`);
        expect(screen).toContain(`${node.name} ${message}`);
      };
      expect(await statuses()).toEqual(Array(9).fill('started'));

      let from = session.stdout().length;
      session.child.stdin!.write(String(key));
      await vi.waitFor(async () => expect((await statuses())[key - 1]).toBe('stopped'), { timeout: 30_000 });
      expect(others(await statuses()).every((status) => status === 'started')).toBe(true);
      expect(await refused(node.url)).toBe(true);
      await vi.waitFor(() => shows(from, '○ down', 'stopped'), { timeout: 30_000 });

      from = session.stdout().length;
      session.child.stdin!.write(String(key));
      await vi.waitFor(async () => expect(await statuses()).toEqual(Array(9).fill('started')), {
        timeout: 30_000,
      });
      expect((await fetch(`${node.url}/v1/health`)).status).toBe(200);
      await vi.waitFor(() => shows(from, '● up  ', 'started'), { timeout: 30_000 });
    },
  );

  it('q quits: the devnet stops and its descriptor is removed', async () => {
    session.child.stdin!.write('q');
    expect(await session.exited).toBe(0);
    expect(existsSync(descriptorFile(terminal.home))).toBe(false);
    expect(isAlive(shown.pid)).toBe(false);
  });
});

const PUBLIC_API_SCRIPT = `import { SuiGrpcClient } from '@mysten/sui/grpc';
import { WalrusClient } from '@mysten/walrus';
import { connect } from 'walrus-devkit';
import { readDescriptor } from 'walrus-devkit/devnet';

const [descriptorPath, blobId, projectDir] = process.argv.slice(2);
// The README's snippet, verbatim but for the path.
const devnet = readDescriptor(descriptorPath);
const suiClient = new SuiGrpcClient({ network: 'localnet', baseUrl: devnet.rpcUrl });
const walrus = new WalrusClient({
  suiClient,
  packageConfig: { systemObjectId: devnet.objects.system, stakingPoolId: devnet.objects.staking },
  storageNodeUrlScheme: 'http',
});
const viaReadme = await walrus.readBlob({ blobId });
const connection = await connect('devnet', { cwd: projectDir });
const viaConnect = await connection.walrusClient.readBlob({ blobId });
const chain = await connection.suiClient.core.getChainIdentifier();
console.log(JSON.stringify({
  rpcUrl: connection.descriptor.rpcUrl,
  chainId: chain.chainIdentifier,
  viaReadme: new TextDecoder().decode(viaReadme),
  viaConnect: new TextDecoder().decode(viaConnect),
}));
`;

/**
 * testnet, mainnet and custom networks cannot be reached from the development machine, so their configuration path
 * is tested here in-process: msw (`setupServer` from msw/node) intercepts the `fetch` calls of the official
 * `SuiGrpcClient`, answers them as a Sui full node would (grpc-web-text, framed with the devnet server's own
 * helpers) or fails them like an unreachable network, and the tests check where the requests went and what the
 * user gets back.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSuiPrivateKey } from '@mysten/sui/cryptography';
import { GrpcTypes, SuiGrpcClient } from '@mysten/sui/grpc';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { toBase64 } from '@mysten/sui/utils';
import { MAINNET_WALRUS_PACKAGE_CONFIG, TESTNET_WALRUS_PACKAGE_CONFIG, WalrusClient } from '@mysten/walrus';
import { HttpResponse, http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  decodeGrpcWebText,
  encodeFrame,
  encodeTrailer,
  parseRequestFrames,
} from '../../devnet/ledger/rpc/grpc/grpc-web-wire.js';
import { storeBlobs } from '../../src/blob/store-blobs.js';
import { normalizeCliError } from '../../src/cli/normalize-error.js';
import { renderError } from '../../src/cli/render-error.js';
import { connect } from '../../src/clients/connect.js';
import { openWalrusSession } from '../../src/clients/walrus-session.js';
import { PUBLIC_NETWORKS } from '../../src/config/defaults.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { requireDevnet } from '../../src/dev/admin-client.js';
import { NetworkError } from '../../src/errors/network-error.js';
import { UserError } from '../../src/errors/user-error.js';
import { expectUserError, thrownBy } from '../user-error.js';

const GET_SERVICE_INFO = 'sui.rpc.v2.LedgerService/GetServiceInfo';
const BATCH_GET_OBJECTS = 'sui.rpc.v2.LedgerService/BatchGetObjects';

/** A custom network, as a project would add it under `networks.staging` in walrus.config.ts. */
const STAGING = {
  rpcUrl: 'https://rpc.staging.example:8443',
  systemObjectId: `0x${'5a'.repeat(32)}`,
  stakingObjectId: `0x${'6b'.repeat(32)}`,
};

/** The URL `SuiGrpcClient` posts a method to, for a full node at `rpcUrl` (as `fetch` normalises it). */
function methodUrl(rpcUrl: string, method: string): string {
  return new URL(`${rpcUrl.replace(/\/$/, '')}/${method}`).href;
}

/** A grpc-web-text unary answer: the framed message, then a `grpc-status: 0` trailer, all base64. */
function grpcWebOk(message: Uint8Array): HttpResponse<string> {
  const body = Buffer.concat([encodeFrame(0x00, message), encodeTrailer(0, '')]).toString('base64');
  return new HttpResponse(body, { status: 200, headers: { 'content-type': 'application/grpc-web-text' } });
}

/** The protobuf message of a grpc-web-text request. */
async function requestMessage(request: Request): Promise<Uint8Array> {
  return parseRequestFrames(decodeGrpcWebText(new Uint8Array(await request.arrayBuffer())));
}

interface Seen {
  url: string;
  contentType: string | null;
  /** Object ids asked for, for BatchGetObjects. */
  objectIds?: string[];
}

/** The GetServiceInfo request `SuiGrpcClient` sends to the full node at `rpcUrl`, as {@link fakeFullNode} records it. */
const serviceInfoCall = (rpcUrl: string): Seen => ({
  url: methodUrl(rpcUrl, GET_SERVICE_INFO),
  contentType: 'application/grpc-web-text',
});

/** The BatchGetObjects request for one object, as {@link fakeFullNode} records it. */
const objectsCall = (rpcUrl: string, objectId: string): Seen => ({
  url: methodUrl(rpcUrl, BATCH_GET_OBJECTS),
  contentType: 'application/grpc-web-text',
  objectIds: [objectId],
});

/** A full node that answers GetServiceInfo with `chainId` and BatchGetObjects with NOT_FOUND, recording requests. */
function fakeFullNode(chainId: string): { seen: Seen[]; handlers: ReturnType<typeof http.post>[] } {
  const seen: Seen[] = [];
  return {
    seen,
    handlers: [
      http.post(`*/${GET_SERVICE_INFO}`, ({ request }) => {
        seen.push({ url: request.url, contentType: request.headers.get('content-type') });
        return grpcWebOk(
          GrpcTypes.GetServiceInfoResponse.toBinary(
            GrpcTypes.GetServiceInfoResponse.create({ chainId, chain: 'msw', epoch: 1n }),
          ),
        );
      }),
      http.post(`*/${BATCH_GET_OBJECTS}`, async ({ request }) => {
        const batch = GrpcTypes.BatchGetObjectsRequest.fromBinary(await requestMessage(request));
        const objectIds = batch.requests.map((r) => r.objectId ?? '');
        seen.push({ url: request.url, contentType: request.headers.get('content-type'), objectIds });
        return grpcWebOk(
          GrpcTypes.BatchGetObjectsResponse.toBinary(
            GrpcTypes.BatchGetObjectsResponse.create({
              objects: objectIds.map((id) => ({
                result: {
                  oneofKind: 'error',
                  error: { code: 5, message: `Object ${id} not found`, details: [] },
                },
              })),
            }),
          ),
        );
      }),
    ],
  };
}

/** A loopback port that was free a moment ago (and so refuses connections). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const server = setupServer();
let home: string;
let config: ResolvedConfig;
/** The key in the Sui CLI keystore under `SUI_CONFIG_DIR`: the one testnet/mainnet sessions sign with. */
let keystoreKey: Ed25519Keypair;

beforeAll(() => {
  // Anything the tests do not answer must not leave the machine.
  server.listen({ onUnhandledFrame: 'error' });
});
afterAll(() => server.close());

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'walrus-networks-'));
  const suiConfigDir = join(home, 'sui_config');
  mkdirSync(suiConfigDir);
  keystoreKey = Ed25519Keypair.generate();
  const { secretKey } = decodeSuiPrivateKey(keystoreKey.getSecretKey());
  // The Sui CLI's format: base64 of flag byte (0 = Ed25519) ‖ 32-byte secret key.
  writeFileSync(
    join(suiConfigDir, 'sui.keystore'),
    JSON.stringify([toBase64(Uint8Array.of(0, ...secretKey))]),
  );
  vi.stubEnv('SUI_CONFIG_DIR', suiConfigDir);
  vi.stubEnv('WALRUS_HOME', join(home, '.walrus'));
  config = resolveConfig({ networks: { staging: STAGING } }, { projectRoot: home });
});

afterEach(() => {
  server.resetHandlers();
  vi.unstubAllEnvs();
  rmSync(home, { recursive: true, force: true });
});

describe.each([
  ['testnet', TESTNET_WALRUS_PACKAGE_CONFIG],
  ['mainnet', MAINNET_WALRUS_PACKAGE_CONFIG],
] as const)('connect(config, %s)', (name, sdkPackageConfig) => {
  const publicNetwork = PUBLIC_NETWORKS[name];

  it('resolves the public deployment (full node URL, System and Staking ids)', async () => {
    const connection = await connect(config, name);
    expect(connection.network).toMatchObject({ name, builtIn: true, local: false, ...publicNetwork });
    expect(connection.descriptor).toBeUndefined();
    expect(connection.walrusObjects).toEqual({
      system: publicNetwork.systemObjectId,
      staking: publicNetwork.stakingObjectId,
    });
    // The ids are those the official SDK ships for this network.
    expect(connection.walrusObjects).toEqual({
      system: sdkPackageConfig.systemObjectId,
      staking: sdkPackageConfig.stakingPoolId,
    });
    expect(connection.suiClient).toBeInstanceOf(SuiGrpcClient);
    expect(connection.suiClient.network).toBe(name);
    expect(connection.walrusClient).toBeInstanceOf(WalrusClient);
  });

  it('sends SuiGrpcClient calls to the configured full node as grpc-web', async () => {
    const node = fakeFullNode(`chain-of-${name}`);
    server.use(...node.handlers);
    const { suiClient } = await connect(config, name);

    await expect(suiClient.core.getChainIdentifier()).resolves.toEqual({
      chainIdentifier: `chain-of-${name}`,
    });
    expect(node.seen).toEqual([serviceInfoCall(publicNetwork.rpcUrl)]);
  });

  it('builds the WalrusClient on the public System and Staking objects', async () => {
    const node = fakeFullNode(`chain-of-${name}`);
    server.use(...node.handlers);
    const { walrusClient } = await connect(config, name);

    await expect(walrusClient!.systemObject()).rejects.toThrow(/not found/i);
    await expect(walrusClient!.stakingObject()).rejects.toThrow(/not found/i);
    expect(node.seen).toEqual([
      objectsCall(publicNetwork.rpcUrl, publicNetwork.systemObjectId),
      objectsCall(publicNetwork.rpcUrl, publicNetwork.stakingObjectId),
    ]);
  });

  it('opens a session signing with the key of the Sui keystore in SUI_CONFIG_DIR', async () => {
    const session = await openWalrusSession(config, name);
    expect(session.signer.toSuiAddress()).toBe(keystoreKey.toSuiAddress());
    expect(session.connection.network.name).toBe(name);
  });
});

describe('a custom network from the config (networks.staging)', () => {
  it('is resolved from the config', async () => {
    const connection = await connect(config, 'staging');
    expect(connection.network).toEqual({ name: 'staging', builtIn: false, local: false, ...STAGING });
    expect(connection.walrusObjects).toEqual({
      system: STAGING.systemObjectId,
      staking: STAGING.stakingObjectId,
    });
    expect(connection.suiClient.network).toBe('staging');
  });

  it('points SuiGrpcClient at its rpcUrl and WalrusClient at its System and Staking objects', async () => {
    const node = fakeFullNode('staging-chain');
    server.use(...node.handlers);
    const { suiClient, walrusClient } = await connect(config, 'staging');

    await expect(suiClient.core.getChainIdentifier()).resolves.toEqual({ chainIdentifier: 'staging-chain' });
    await expect(walrusClient!.systemObject()).rejects.toThrow(/not found/i);
    await expect(walrusClient!.stakingObject()).rejects.toThrow(/not found/i);
    expect(node.seen).toEqual([
      serviceInfoCall(STAGING.rpcUrl),
      objectsCall(STAGING.rpcUrl, STAGING.systemObjectId),
      objectsCall(STAGING.rpcUrl, STAGING.stakingObjectId),
    ]);
  });

  it('reads the System object at the configured id for a session operation', async () => {
    const node = fakeFullNode('staging-chain');
    server.use(...node.handlers);
    const session = await openWalrusSession(config, 'staging');
    // NOT_FOUND from the node is the network's answer, not a transport failure: no NetworkError.
    const error = await session.nShards().catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(NetworkError);
    expect(node.seen[0]).toEqual(objectsCall(STAGING.rpcUrl, STAGING.systemObjectId));
  });
});

describe('an unreachable network', () => {
  const cases = [
    ['testnet', PUBLIC_NETWORKS.testnet.rpcUrl],
    ['mainnet', PUBLIC_NETWORKS.mainnet.rpcUrl],
    ['staging', STAGING.rpcUrl],
  ] as const;

  beforeEach(() => {
    // Every request fails the way `fetch` does when the host cannot be reached.
    server.use(http.all('*', () => HttpResponse.error()));
  });

  it.each(cases)('fails a session operation on %s with a NetworkError naming %s', async (name, rpcUrl) => {
    const session = await openWalrusSession(config, name);
    const error = await session.nShards().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({
      code: 'NETWORK_UNREACHABLE',
      exitCode: 2,
      message: `Could not reach ${rpcUrl}.`,
    });
    expect((error as NetworkError).hint).toMatch(/RPC URL/);
  });

  it.each(cases)('fails `blob store --dry-run` on %s with a NetworkError naming %s', async (name, rpcUrl) => {
    const file = join(home, 'asset.bin');
    writeFileSync(file, 'hello walrus');
    const session = await openWalrusSession(config, name);
    const error = await storeBlobs(session, {
      files: [file],
      epochs: 1,
      deletable: true,
      dryRun: true,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'NETWORK_UNREACHABLE', exitCode: 2 });
    expect((error as Error).message).toContain(rpcUrl);
  });

  it('names the configured endpoint and the system error for a refused connection', async () => {
    // A real (loopback) refusal rather than msw's generic network error: a port nothing listens on.
    const port = await closedPort();
    const rpcUrl = `http://127.0.0.1:${port}`;
    server.use(http.all(`${rpcUrl}/*`, () => passthrough()));
    const offline = resolveConfig({ networks: { offline: { ...STAGING, rpcUrl } } }, { projectRoot: home });
    const session = await openWalrusSession(offline, 'offline');
    const error = await session.nShards().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({
      code: 'NETWORK_UNREACHABLE',
      exitCode: 2,
      message: `Could not reach ${rpcUrl} (ECONNREFUSED).`,
    });
  });

  it('is normalised by the CLI error handler to NETWORK_UNREACHABLE (exit 2) naming the endpoint, without a stack (the binary itself: test/cli/readme-commands.e2e.test.ts)', async () => {
    const { suiClient } = await connect(config, 'testnet');
    // A raw SDK call, not wrapped by the session: the CLI's error normalisation must still recognise it.
    const raw = await suiClient.core.getChainIdentifier().catch((e: unknown) => e);
    const error = normalizeCliError(raw);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).not.toBe('INTERNAL_ERROR');
    expect(error.exitCode).toBe(2);
    const { stdout, stderr } = renderError(error, { json: false, verbose: false, color: false });
    expect(stdout).toBe('');
    expect(stderr).toContain(`Error: Could not reach ${PUBLIC_NETWORKS.testnet.rpcUrl}.`);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toMatch(/RpcError|fetch failed/);
    const json = renderError(error, { json: true, verbose: false });
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: { code: 'NETWORK_UNREACHABLE', message: `Could not reach ${PUBLIC_NETWORKS.testnet.rpcUrl}.` },
    });
  });
});

describe('requireDevnet, the guard of the devnet-only commands (run through the binary in test/cli/readme-commands.e2e.test.ts)', () => {
  it.each(['testnet', 'mainnet', 'staging'])('refuses --network %s with a UserError', (name) => {
    const error = thrownBy(() => requireDevnet(config, name));
    expect(error).toBeInstanceOf(UserError);
    expectUserError(error, {
      code: 'INVALID_ARGUMENTS',
      message: `This command controls the local devnet only (got --network ${name}).`,
    });
  });
});

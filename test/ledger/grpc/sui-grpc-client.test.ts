/**
 * The unmodified `SuiGrpcClient` against the gRPC transport layer: over HTTP (grpc-web text, the
 * SDK's default, and binary) and in process.
 */

import { TransactionError } from '@mysten/sui/client';
import { RpcError, SuiGrpcClient } from '@mysten/sui/grpc';
import { normalizeStructTag } from '@mysten/sui/utils';
import { RpcError as RuntimeRpcError } from '@protobuf-ts/runtime-rpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GrpcWebServer, startGrpcWebServer } from '../../../devnet/ledger/rpc/grpc/grpc-web-server.js';
import { createInProcessTransport } from '../../../devnet/ledger/rpc/grpc/in-process-transport.js';
import { RpcStatusError, StatusCode } from '../../../devnet/ledger/rpc/grpc/service-registry.js';
import { CHAIN_ID, createFixtureRouter, EVENT_TYPE, type FixtureState, UNICODE_ERROR } from './fixtures.js';

type Mode = 'http-text' | 'http-binary' | 'in-process';

interface Harness {
  client: SuiGrpcClient;
  state: FixtureState;
  close(): Promise<void>;
}

async function startHarness(mode: Mode): Promise<Harness> {
  const { router, state } = createFixtureRouter();
  if (mode === 'in-process') {
    const client = new SuiGrpcClient({ network: 'localnet', transport: createInProcessTransport(router) });
    return { client, state, close: async () => {} };
  }
  const server: GrpcWebServer = await startGrpcWebServer({ router, port: 0 });
  const client = new SuiGrpcClient({
    network: 'localnet',
    baseUrl: server.url,
    ...(mode === 'http-binary' ? { format: 'binary' as const } : {}),
  });
  return { client, state, close: () => server.close() };
}

async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

it('the SDK and this layer share one RpcError class', () => {
  expect(RpcError).toBe(RuntimeRpcError);
});

describe.each<Mode>(['http-text', 'http-binary', 'in-process'])('SuiGrpcClient over %s', (mode) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(mode);
  });
  afterAll(async () => {
    await h.close();
  });

  it('getChainIdentifier returns the chain id of GetServiceInfo', async () => {
    const { chainIdentifier } = await h.client.core.getChainIdentifier();
    expect(chainIdentifier).toBe(CHAIN_ID);
  });

  it('delivers full responses, handler headers and request metadata', async () => {
    const call = h.client.ledgerService.getServiceInfo({});
    const { response, status, trailers } = await call;
    expect(response).toMatchObject({ chainId: CHAIN_ID, chain: 'localnet', epoch: 0n, checkpointHeight: 3n });
    expect(status.code).toBe('OK');
    expect(trailers).toBeTypeOf('object');
    const headers = await call.headers;
    expect(headers['x-sui-chain-id']).toBe(CHAIN_ID);
    const ctx = h.state.contexts.get('GetServiceInfo')!;
    expect(ctx.transport).toBe(mode === 'in-process' ? 'in-process' : 'grpc-web');
    expect(ctx.service).toBe('sui.rpc.v2.LedgerService');
    expect(ctx.method).toBe('GetServiceInfo');
    // SuiGrpcClient sends its protocol version as call metadata on every transport.
    expect(ctx.metadata['x-sui-client-protocol-version']).toMatch(/^\d+$/);
  });

  it('a NOT_FOUND status reaches the client as RpcError NOT_FOUND', async () => {
    const error = await rejection(h.client.ledgerService.getObject({ objectId: '0x5' }));
    expect(error).toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'object 0x5 not found' });

    const batch = await rejection(h.client.core.getObjects({ objectIds: ['0x5', '0x6'] }));
    expect(batch).toMatchObject({ code: 'NOT_FOUND', message: 'none of 2 objects exist' });
  });

  it('core.getTransaction maps NOT_FOUND to its notFound error', async () => {
    const error = await rejection(h.client.core.getTransaction({ digest: CHAIN_ID }));
    expect(error).toBeInstanceOf(TransactionError);
    expect(error).toMatchObject({ reason: 'notFound', digest: CHAIN_ID });
    expect((error as TransactionError).cause).toBeInstanceOf(RpcError);
    expect(((error as TransactionError).cause as RpcError).code).toBe('NOT_FOUND');
  });

  it('other handler errors become INTERNAL with the message intact (unicode, %, newline)', async () => {
    const error = await rejection(
      h.client.ledgerService.getCheckpoint({ checkpointId: { oneofKind: undefined } }),
    );
    expect(error).toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ code: 'INTERNAL', message: UNICODE_ERROR });
  });

  it('a method without a handler is UNIMPLEMENTED', async () => {
    const error = await rejection(h.client.ledgerService.getEpoch({}));
    expect(error).toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ code: 'UNIMPLEMENTED' });
    expect((error as Error).message).toContain('GetEpoch');
  });

  it('streams every message of a server-streaming method', async () => {
    const call = h.client.ledgerService.listTransactions({ options: { limit: 4 } });
    const frames = [];
    for await (const frame of call.responses) frames.push(frame);
    expect(frames.map((f) => f.transaction?.digest)).toEqual(['tx-0', 'tx-1', 'tx-2', 'tx-3', undefined]);
    expect(frames[2]?.watermark?.cursor).toEqual(Uint8Array.of(2));
    expect(frames.at(-1)?.end?.reason).toBe(1);
    expect((await call.status).code).toBe('OK');
  });

  it('core.listEvents pages through a streamed ListEvents', async () => {
    const page = await h.client.core.listEvents({ limit: 5 });
    expect(page.events).toHaveLength(2);
    expect(page.events[0]).toMatchObject({
      eventType: normalizeStructTag(EVENT_TYPE),
      transactionDigest: 'tx-0',
      checkpoint: '1',
    });
    expect(page.hasNextPage).toBe(false);
  });

  it('a stream that fails midway delivers what it sent, then the error', async () => {
    const call = h.client.ledgerService.listCheckpoints({});
    const seen: bigint[] = [];
    const error = await rejection(
      (async () => {
        for await (const frame of call.responses) seen.push(frame.checkpoint?.sequenceNumber ?? -1n);
      })(),
    );
    expect(seen).toEqual([1n]);
    expect(error).toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ code: 'FAILED_PRECONDITION', message: 'checkpoint 2 was pruned' });
    await expect(call.status).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
  });

  it('aborting a live subscription ends it for the client and the handler', async () => {
    const controller = new AbortController();
    const call = h.client.subscriptionService.subscribeCheckpoints({}, { abort: controller.signal });
    const received: bigint[] = [];
    let firstReceived!: () => void;
    const first = new Promise<void>((resolve) => {
      firstReceived = resolve;
    });
    const done = (async () => {
      for await (const frame of call.responses) {
        received.push(frame.cursor ?? -1n);
        firstReceived();
      }
    })();
    // Abort only once the client holds the first message, so the abort hits a live stream.
    await first;
    const before = h.state.subscriptionAborts.length;
    controller.abort();
    const error = await rejection(done);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe('CANCELLED');
    expect(received).toEqual([1n]);
    await expect.poll(() => h.state.subscriptionAborts.length).toBe(before + 1);
    const reason = h.state.subscriptionAborts.at(-1);
    expect(reason).toBeInstanceOf(RpcStatusError);
    expect((reason as RpcStatusError).code).toBe(StatusCode.CANCELLED);
  });
});

describe('in-process transport', () => {
  it('round-trips messages through bytes: no object is shared with handlers', async () => {
    const { router, state } = createFixtureRouter();
    const client = new SuiGrpcClient({ network: 'localnet', transport: createInProcessTransport(router) });

    const input = { packageId: '0x2' };
    const { response } = await client.movePackageService.getPackage(input);
    expect(input).toEqual({ packageId: '0x2' });
    expect(state.packageRequests[0]).not.toBe(input);
    expect(response.package?.storageId).toBe('0x2-mutated');
    expect(response.package?.modules[0]?.name).toBe('devnet');

    const first = (await client.ledgerService.getServiceInfo({})).response;
    expect(first).not.toBe(state.serviceInfo);
    first.chainId = 'changed by the client';
    const second = (await client.ledgerService.getServiceInfo({})).response;
    expect(second.chainId).toBe(CHAIN_ID);
    expect(state.serviceInfo.chainId).toBe(CHAIN_ID);
  });

  it('settles every promise of a failed unary call, all with the RpcError', async () => {
    const { router } = createFixtureRouter();
    const client = new SuiGrpcClient({ network: 'localnet', transport: createInProcessTransport(router) });
    const call = client.ledgerService.getObject({ objectId: '0x9' });
    const results = await Promise.allSettled([call.headers, call.response, call.status, call.trailers]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(RpcError);
      expect(reason).toMatchObject({
        code: 'NOT_FOUND',
        methodName: 'GetObject',
        serviceName: 'sui.rpc.v2.LedgerService',
      });
    }
  });

  it('settles every promise of a failed streaming call, including unknown methods', async () => {
    const { router } = createFixtureRouter();
    const client = new SuiGrpcClient({ network: 'localnet', transport: createInProcessTransport(router) });
    // No handler: fails before any handler could run.
    const call = client.subscriptionService.subscribeTransactions({});
    const [headers, status, trailers] = await Promise.allSettled([call.headers, call.status, call.trailers]);
    for (const result of [headers, status, trailers]) {
      expect(result?.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'UNIMPLEMENTED' });
    }
    await expect(
      (async () => {
        for await (const _ of call.responses) {
          // nothing arrives
        }
      })(),
    ).rejects.toMatchObject({ code: 'UNIMPLEMENTED' });
  });

  it('an already-aborted signal fails the call without running the handler', async () => {
    const { router, state } = createFixtureRouter();
    const client = new SuiGrpcClient({ network: 'localnet', transport: createInProcessTransport(router) });
    const error = await rejection(
      client.movePackageService.getPackage({ packageId: '0x2' }, { abort: AbortSignal.abort() }),
    );
    expect(error).toMatchObject({ code: 'CANCELLED' });
    expect(state.packageRequests).toHaveLength(0);
  });

  it('leaving a for-await over a stream early cancels the handler', async () => {
    const { router, state } = createFixtureRouter();
    const client = new SuiGrpcClient({ network: 'localnet', transport: createInProcessTransport(router) });
    const call = client.subscriptionService.subscribeCheckpoints({});
    for await (const frame of call.responses) {
      expect(frame.cursor).toBe(1n);
      break;
    }
    await expect.poll(() => state.subscriptionAborts.length).toBe(1);
    expect(state.subscriptionAborts[0]).toMatchObject({ code: StatusCode.CANCELLED });
    await expect(call.status).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('a timeout ends a call with DEADLINE_EXCEEDED', async () => {
    const { router, state } = createFixtureRouter();
    const transport = createInProcessTransport(router);
    const client = new SuiGrpcClient({ network: 'localnet', transport });
    const call = client.subscriptionService.subscribeCheckpoints({}, { timeout: 50 });
    const error = await rejection(
      (async () => {
        for await (const _ of call.responses) {
          // first checkpoint, then nothing until the deadline
        }
      })(),
    );
    expect(error).toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    expect(state.contexts.get('SubscribeCheckpoints')?.deadline).toBeInstanceOf(Date);
  });

  it('client-streaming and duplex calls fail with UNIMPLEMENTED instead of throwing', async () => {
    const { router } = createFixtureRouter();
    const transport = createInProcessTransport(router);
    const method = SuiGrpcClientMethod();
    const cs = transport.clientStreaming(method, transport.mergeOptions({}));
    await expect(cs.response).rejects.toMatchObject({ code: 'UNIMPLEMENTED' });
    await expect(cs.requests.send({})).rejects.toMatchObject({ code: 'UNIMPLEMENTED' });
    const dx = transport.duplex(method, transport.mergeOptions({}));
    await expect(dx.status).rejects.toMatchObject({ code: 'UNIMPLEMENTED' });
  });

  it('mergeOptions merges defaults with call options', () => {
    const { router } = createFixtureRouter();
    const transport = createInProcessTransport(router, { meta: { a: '1' }, timeout: 1000 });
    const merged = transport.mergeOptions({ meta: { b: '2' } });
    expect(merged.meta).toEqual({ a: '1', b: '2' });
    expect(merged.timeout).toBe(1000);
  });
});

function SuiGrpcClientMethod() {
  // Any MethodInfo will do for the unsupported call kinds.
  return new SuiGrpcClient({ network: 'localnet', baseUrl: 'http://127.0.0.1:1' }).ledgerService.methods[0]!;
}

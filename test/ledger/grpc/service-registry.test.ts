/** The router on its own: registration rules, dispatch by bytes, status mapping, typing. */

import { GrpcTypes, RpcError } from '@mysten/sui/grpc';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CallController,
  createRpcRouter,
  RpcStatusError,
  StatusCode,
  SUI_SERVICE_DESCRIPTORS,
  SuiServices,
  statusCodeName,
  statusFromAbortReason,
  toRpcStatusError,
  type UnaryRequest,
  type UnaryResponse,
} from '../../../devnet/ledger/rpc/grpc/service-registry.js';

function ctxFor(method: string, signals: AbortSignal[] = []) {
  return new CallController({
    transport: 'in-process',
    service: 'sui.rpc.v2.LedgerService',
    method,
    signals,
  });
}

async function failure(promise: Promise<unknown>): Promise<RpcStatusError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RpcStatusError);
    return error as RpcStatusError;
  }
  throw new Error('expected a failure');
}

describe('service descriptors', () => {
  it('are the SDK descriptors, ForkingService included', () => {
    expect(SuiServices.LedgerService).toBe(GrpcTypes.LedgerService);
    expect(SuiServices.ForkingService.typeName).toBe('sui.forking.v1alpha.ForkingService');
    expect(SuiServices.ForkingService.methods.map((m) => m.name)).toEqual(
      expect.arrayContaining(['AdvanceClock', 'AdvanceCheckpoint', 'GetStatus']),
    );
    expect(SUI_SERVICE_DESCRIPTORS.map((d) => d.typeName)).toEqual(
      expect.arrayContaining([
        'sui.rpc.v2.LedgerService',
        'sui.rpc.v2.StateService',
        'sui.rpc.v2.TransactionExecutionService',
        'sui.rpc.v2.SubscriptionService',
        'sui.rpc.v2.MovePackageService',
        'sui.rpc.v2.SignatureVerificationService',
        'sui.rpc.v2.NameService',
      ]),
    );
  });

  it('type requests and responses per method', () => {
    type Req = UnaryRequest<typeof SuiServices.LedgerService, 'GetObject'>;
    type Res = UnaryResponse<typeof SuiServices.LedgerService, 'GetServiceInfo'>;
    expectTypeOf<Req>().toEqualTypeOf<GrpcTypes.GetObjectRequest>();
    expectTypeOf<Res>().toEqualTypeOf<GrpcTypes.GetServiceInfoResponse>();

    const router = createRpcRouter();
    router.unary(SuiServices.LedgerService, 'GetObject', (request) => {
      expectTypeOf(request).toEqualTypeOf<GrpcTypes.GetObjectRequest>();
      return { object: { objectId: request.objectId } };
    });
    router.serverStreaming(
      SuiServices.SubscriptionService,
      'SubscribeCheckpoints',
      async function* (request) {
        expectTypeOf(request).toEqualTypeOf<GrpcTypes.SubscribeCheckpointsRequest>();
        yield { cursor: 1n };
      },
    );
    // Compile-time checks only: these registrations are never made.
    if (Math.random() > 2) {
      // @ts-expect-error not a method of LedgerService
      router.unary(SuiServices.LedgerService, 'GetBogus', () => ({}));
      // @ts-expect-error ListTransactions is server-streaming
      router.unary(SuiServices.LedgerService, 'ListTransactions', () => ({}));
      // @ts-expect-error GetServiceInfo is unary
      router.serverStreaming(SuiServices.LedgerService, 'GetServiceInfo', async function* () {});
      // @ts-expect-error chainId is a string
      router.unary(SuiServices.LedgerService, 'GetServiceInfo', () => ({ chainId: 5 }));
    }
  });
});

describe('registration', () => {
  it('rejects unknown methods, wrong kinds and duplicates', () => {
    const router = createRpcRouter();
    const untyped = GrpcTypes.LedgerService; // a plain ServiceType: any name type-checks
    expect(() => router.unary(untyped, 'GetBogus', () => ({}))).toThrow(/has no method GetBogus/);
    expect(() => router.unary(untyped, 'ListTransactions', () => ({}))).toThrow(/serverStreaming/);
    expect(() => router.serverStreaming(untyped, 'GetObject', () => [])).toThrow(/unary/);
    router.unary(SuiServices.LedgerService, 'GetObject', () => ({}));
    expect(() => router.unary(SuiServices.LedgerService, 'GetObject', () => ({}))).toThrow(/already/);
    expect(router.has('sui.rpc.v2.LedgerService', 'GetObject')).toBe(true);
    expect(router.routes()).toEqual(['sui.rpc.v2.LedgerService/GetObject']);
  });

  it('resolves unknown services and methods to UNIMPLEMENTED', () => {
    const router = createRpcRouter();
    for (const [service, method] of [
      ['sui.rpc.v2.LedgerService', 'GetObject'],
      ['sui.rpc.v2.LedgerService', 'Nope'],
      ['acme.Nope', 'Nope'],
    ] as const) {
      expect(() => router.resolve(service, method)).toThrow(
        expect.objectContaining({ code: StatusCode.UNIMPLEMENTED }),
      );
    }
  });
});

describe('dispatch', () => {
  it('decodes the request and encodes a partial response with defaults', async () => {
    const router = createRpcRouter();
    router.unary(SuiServices.LedgerService, 'GetObject', (request) => ({
      object: { objectId: request.objectId, version: 7n },
    }));
    const route = router.resolve('sui.rpc.v2.LedgerService', 'GetObject');
    expect(route.kind).toBe('unary');
    if (route.kind !== 'unary') return;
    const bytes = await route.invoke(
      GrpcTypes.GetObjectRequest.toBinary({ objectId: '0xabc' }),
      ctxFor('GetObject').context,
    );
    const response = GrpcTypes.GetObjectResponse.fromBinary(bytes);
    expect(response.object?.objectId).toBe('0xabc');
    expect(response.object?.version).toBe(7n);
  });

  it('maps handler failures to statuses', async () => {
    const router = createRpcRouter({ onInternalError: (error) => internal.push(error) });
    const internal: unknown[] = [];
    const { LedgerService } = SuiServices;
    router
      .unary(LedgerService, 'GetObject', () => {
        throw RpcStatusError.notFound('nope');
      })
      .unary(LedgerService, 'GetTransaction', async () => {
        throw new TypeError('bad thing');
      })
      .unary(LedgerService, 'GetEpoch', () => {
        throw new RpcError('from the sdk', 'ABORTED');
      })
      .unary(LedgerService, 'GetServiceInfo', () => undefined as unknown as object)
      .unary(LedgerService, 'GetCheckpoint', () => ({
        checkpoint: { sequenceNumber: 'x' as unknown as bigint },
      }));

    const call = async (method: string, bytes = new Uint8Array()) => {
      const route = router.resolve('sui.rpc.v2.LedgerService', method);
      if (route.kind !== 'unary') throw new Error('unary expected');
      return route.invoke(bytes, ctxFor(method).context);
    };
    expect(await failure(call('GetObject'))).toMatchObject({ code: StatusCode.NOT_FOUND, message: 'nope' });
    expect(await failure(call('GetTransaction'))).toMatchObject({
      code: StatusCode.INTERNAL,
      message: 'bad thing',
    });
    expect(await failure(call('GetEpoch'))).toMatchObject({
      code: StatusCode.ABORTED,
      message: 'from the sdk',
    });
    expect(await failure(call('GetServiceInfo'))).toMatchObject({ code: StatusCode.INTERNAL });
    expect(await failure(call('GetCheckpoint'))).toMatchObject({ code: StatusCode.INTERNAL });
    expect(await failure(call('GetObject', Uint8Array.of(0x0f)))).toMatchObject({
      code: StatusCode.INVALID_ARGUMENT,
    });
    // Only the non-status failures reach the hook: TypeError, missing response, encoding failure.
    expect(internal).toHaveLength(3);
    expect(internal[0]).toBeInstanceOf(TypeError);
  });

  it('returns the handler iterator when the consumer stops early', async () => {
    const router = createRpcRouter();
    let cleanedUp = false;
    router.serverStreaming(SuiServices.LedgerService, 'ListCheckpoints', function* () {
      try {
        for (let i = 1n; ; i++) yield { checkpoint: { sequenceNumber: i } };
      } finally {
        cleanedUp = true;
      }
    });
    const route = router.resolve('sui.rpc.v2.LedgerService', 'ListCheckpoints');
    if (route.kind !== 'serverStreaming') throw new Error('stream expected');
    const seen: bigint[] = [];
    for await (const bytes of route.invoke(new Uint8Array(), ctxFor('ListCheckpoints').context)) {
      seen.push(GrpcTypes.ListCheckpointsResponse.fromBinary(bytes).checkpoint?.sequenceNumber ?? 0n);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([1n, 2n, 3n]);
    await expect.poll(() => cleanedUp).toBe(true);
  });

  it('response headers freeze once the response started and reject reserved names', () => {
    const call = ctxFor('GetObject');
    call.context.setHeader('X-Sui-Epoch', '3');
    expect(call.responseHeaders).toEqual({ 'x-sui-epoch': '3' });
    expect(() => call.context.setHeader('grpc-status', '0')).toThrow();
    expect(() => call.context.setHeader('content-type', 'x')).toThrow();
    expect(() => call.context.setHeader('x-bad', 'line\nbreak')).toThrow();
    call.markHeadersSent();
    expect(() => call.context.setHeader('x-late', '1')).toThrow(/already started/);
  });
});

describe('status codes', () => {
  it('names codes as protobuf-ts does', () => {
    expect(statusCodeName(5)).toBe('NOT_FOUND');
    expect(statusCodeName(99)).toBe('UNKNOWN');
    expect(StatusCode).toMatchObject({
      INVALID_ARGUMENT: 3,
      NOT_FOUND: 5,
      RESOURCE_EXHAUSTED: 8,
      FAILED_PRECONDITION: 9,
      ABORTED: 10,
      UNIMPLEMENTED: 12,
      INTERNAL: 13,
    });
    expect(new RpcStatusError(0, 'not an error').code).toBe(StatusCode.UNKNOWN);
    expect(new RpcStatusError(5, 'x').codeName).toBe('NOT_FOUND');
  });

  it('converts thrown values and abort reasons', () => {
    expect(toRpcStatusError('a string')).toMatchObject({ code: StatusCode.INTERNAL, message: 'a string' });
    expect(toRpcStatusError(Object.assign(new Error('enoent'), { code: 'ENOENT' }))).toMatchObject({
      code: StatusCode.INTERNAL,
    });
    expect(statusFromAbortReason(new DOMException('stop', 'AbortError')).code).toBe(StatusCode.CANCELLED);
    expect(statusFromAbortReason(new DOMException('late', 'TimeoutError')).code).toBe(
      StatusCode.DEADLINE_EXCEEDED,
    );
    expect(statusFromAbortReason(undefined).message).toBe('The operation was aborted');
  });
});

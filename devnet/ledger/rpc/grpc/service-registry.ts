/**
 * The dispatch table between gRPC transports and ledger handlers.
 *
 * Handlers are registered against the service descriptors the SDK itself uses
 * (`GrpcTypes.LedgerService`, …), so method names, request and response types all come from
 * `@mysten/sui/grpc`. Transports (the grpc-web HTTP server, the in-process transport) resolve a
 * route by service and method name and invoke it with the request's protobuf bytes; a route
 * decodes the request, runs the handler and encodes the response, so both transports hand the
 * handler exactly the same thing.
 *
 * ```ts
 * const router = createRpcRouter();
 * router.unary(SuiServices.LedgerService, 'GetServiceInfo', async () => ({ chainId, epoch: 0n }));
 * router.serverStreaming(SuiServices.LedgerService, 'ListTransactions', async function* (req, ctx) {
 *   for (const tx of page(req)) yield { transaction: tx };
 * });
 * ```
 */

import { GrpcTypes, type SuiGrpcClient } from '@mysten/sui/grpc';
import type { PartialMessage } from '@protobuf-ts/runtime';
import type { MethodInfo, ServerStreamingCall, ServiceInfo, UnaryCall } from '@protobuf-ts/runtime-rpc';
import { type RpcCallContext, raceAbort } from './call-context.js';
import { RpcStatusError, StatusCode, toRpcStatusError } from './status.js';

export type { RpcCallContext, RpcMetadataMap } from './call-context.js';
export { CallController, raceAbort } from './call-context.js';
export {
  isStatusCode,
  RpcStatusError,
  StatusCode,
  type StatusCodeName,
  type StatusCodeValue,
  statusCodeFromName,
  statusCodeName,
  statusFromAbortReason,
  toRpcStatusError,
} from './status.js';

// ---------------------------------------------------------------------------------------------
// Typed service descriptors
// ---------------------------------------------------------------------------------------------

/**
 * A service descriptor (the SDK's `ServiceType` object, unchanged at runtime) that also carries, in
 * its type only, the generated client interface of the service. That is where the router reads
 * method names and their request / response message types from.
 */
export type TypedServiceDescriptor<Client> = ServiceInfo & { readonly __client?: Client };

function typed<Client>(descriptor: ServiceInfo): TypedServiceDescriptor<Client> {
  return descriptor as TypedServiceDescriptor<Client>;
}

/** The services `SuiGrpcClient` talks to, each typed by its generated client. */
export interface SuiServiceDescriptors {
  readonly LedgerService: TypedServiceDescriptor<SuiGrpcClient['ledgerService']>;
  readonly StateService: TypedServiceDescriptor<SuiGrpcClient['stateService']>;
  readonly TransactionExecutionService: TypedServiceDescriptor<SuiGrpcClient['transactionExecutionService']>;
  readonly SubscriptionService: TypedServiceDescriptor<SuiGrpcClient['subscriptionService']>;
  readonly MovePackageService: TypedServiceDescriptor<SuiGrpcClient['movePackageService']>;
  readonly SignatureVerificationService: TypedServiceDescriptor<
    SuiGrpcClient['signatureVerificationService']
  >;
  readonly NameService: TypedServiceDescriptor<SuiGrpcClient['nameService']>;
  readonly ForkingService: TypedServiceDescriptor<SuiGrpcClient['forkingService']>;
}

/**
 * Every service `SuiGrpcClient` talks to, typed. The values are the very `GrpcTypes.*` descriptor
 * objects of `@mysten/sui/grpc`.
 */
export const SuiServices: SuiServiceDescriptors = {
  LedgerService: typed<SuiGrpcClient['ledgerService']>(GrpcTypes.LedgerService),
  StateService: typed<SuiGrpcClient['stateService']>(GrpcTypes.StateService),
  TransactionExecutionService: typed<SuiGrpcClient['transactionExecutionService']>(
    GrpcTypes.TransactionExecutionService,
  ),
  SubscriptionService: typed<SuiGrpcClient['subscriptionService']>(GrpcTypes.SubscriptionService),
  MovePackageService: typed<SuiGrpcClient['movePackageService']>(GrpcTypes.MovePackageService),
  SignatureVerificationService: typed<SuiGrpcClient['signatureVerificationService']>(
    GrpcTypes.SignatureVerificationService,
  ),
  NameService: typed<SuiGrpcClient['nameService']>(GrpcTypes.NameService),
  /** `sui.forking.v1alpha.ForkingService`: clock / checkpoint control of a local network. */
  ForkingService: typed<SuiGrpcClient['forkingService']>(GrpcTypes.ForkingService),
};

/** All descriptors of {@link SuiServices}. */
export const SUI_SERVICE_DESCRIPTORS: readonly ServiceInfo[] = Object.values(SuiServices);

// --- type plumbing: from a typed descriptor to method names and message types -----------------

type ClientOf<S> = S extends { readonly __client?: infer C } ? C : unknown;
type IsUntyped<S> = unknown extends ClientOf<S> ? true : false;

type UnaryIO<F> = F extends (...args: never[]) => infer R
  ? R extends UnaryCall<infer I extends object, infer O extends object>
    ? { I: I; O: O }
    : never
  : never;
type StreamingIO<F> = F extends (...args: never[]) => infer R
  ? R extends ServerStreamingCall<infer I extends object, infer O extends object>
    ? { I: I; O: O }
    : never
  : never;

type UnaryNames<C> = {
  [K in keyof C & string]: [UnaryIO<C[K]>] extends [never] ? never : Capitalize<K>;
}[keyof C & string];
type StreamingNames<C> = {
  [K in keyof C & string]: [StreamingIO<C[K]>] extends [never] ? never : Capitalize<K>;
}[keyof C & string];

/** Unary method names of a descriptor (`'GetServiceInfo' | 'GetObject' | …`), or `string` if untyped. */
export type UnaryMethodName<S> = IsUntyped<S> extends true ? string : UnaryNames<ClientOf<S>>;
/** Server-streaming method names of a descriptor, or `string` if untyped. */
export type ServerStreamingMethodName<S> = IsUntyped<S> extends true ? string : StreamingNames<ClientOf<S>>;

type UnaryMethodIO<S, M extends string> =
  IsUntyped<S> extends true
    ? { I: object; O: object }
    : Uncapitalize<M> extends keyof ClientOf<S>
      ? UnaryIO<ClientOf<S>[Uncapitalize<M>]>
      : { I: object; O: object };
type StreamingMethodIO<S, M extends string> =
  IsUntyped<S> extends true
    ? { I: object; O: object }
    : Uncapitalize<M> extends keyof ClientOf<S>
      ? StreamingIO<ClientOf<S>[Uncapitalize<M>]>
      : { I: object; O: object };

/** Request message type of a unary method, e.g. `UnaryRequest<typeof SuiServices.LedgerService, 'GetObject'>`. */
export type UnaryRequest<S, M extends string> = UnaryMethodIO<S, M>['I'];
/** Response message type of a unary method. */
export type UnaryResponse<S, M extends string> = UnaryMethodIO<S, M>['O'];
/** Request message type of a server-streaming method. */
export type StreamingRequest<S, M extends string> = StreamingMethodIO<S, M>['I'];
/** Message type of each item of a server-streaming method. */
export type StreamingResponse<S, M extends string> = StreamingMethodIO<S, M>['O'];

/** Responses may be partial: unset fields take their protobuf defaults (as `MessageType.create`). */
export type ResponseMessage<O extends object> = PartialMessage<O>;

export type UnaryHandler<I extends object, O extends object> = (
  request: I,
  ctx: RpcCallContext,
) => ResponseMessage<O> | Promise<ResponseMessage<O>>;

export type ServerStreamingHandler<I extends object, O extends object> = (
  request: I,
  ctx: RpcCallContext,
) => AsyncIterable<ResponseMessage<O>> | Iterable<ResponseMessage<O>>;

// ---------------------------------------------------------------------------------------------
// Routes (the transport-facing side)
// ---------------------------------------------------------------------------------------------

/** A unary method with a handler. */
export interface UnaryRoute {
  readonly kind: 'unary';
  readonly method: MethodInfo;
  /**
   * Decodes the request, runs the handler, encodes its response. Rejects with an
   * {@link RpcStatusError} only (also when `ctx.signal` aborts first).
   */
  invoke(requestBytes: Uint8Array, ctx: RpcCallContext): Promise<Uint8Array>;
}

/** A server-streaming method with a handler. */
export interface ServerStreamingRoute {
  readonly kind: 'serverStreaming';
  readonly method: MethodInfo;
  /**
   * Decodes the request and yields each encoded response message. Throws an {@link RpcStatusError}
   * only (also when `ctx.signal` aborts). Stopping the iteration early returns the handler's iterator.
   */
  invoke(requestBytes: Uint8Array, ctx: RpcCallContext): AsyncGenerator<Uint8Array, void, undefined>;
}

export type RpcRoute = UnaryRoute | ServerStreamingRoute;

export interface RpcRouterOptions {
  /**
   * Called with every unexpected handler failure, i.e. one that ends the call as `INTERNAL`
   * because it carries no gRPC status (not an {@link RpcStatusError}). E.g. to log it.
   */
  onInternalError?: (error: unknown, call: { service: string; method: string }) => void;
}

export interface RpcRouter {
  /** Registers the handler of a unary method. Throws if the method is unknown, streaming or taken. */
  unary<S extends ServiceInfo, M extends UnaryMethodName<S> & string>(
    service: S,
    method: M,
    handler: UnaryHandler<UnaryRequest<S, M>, UnaryResponse<S, M>>,
  ): RpcRouter;
  /** Registers the handler of a server-streaming method. Throws if unknown, unary or taken. */
  serverStreaming<S extends ServiceInfo, M extends ServerStreamingMethodName<S> & string>(
    service: S,
    method: M,
    handler: ServerStreamingHandler<StreamingRequest<S, M>, StreamingResponse<S, M>>,
  ): RpcRouter;
  /**
   * The route of `service/method`, e.g. `('sui.rpc.v2.LedgerService', 'GetObject')`.
   * Throws an `UNIMPLEMENTED` {@link RpcStatusError} for unknown services, unknown methods and
   * methods without a handler.
   */
  resolve(service: string, method: string): RpcRoute;
  /** Whether `service/method` has a handler. */
  has(service: string, method: string): boolean;
  /** `service/method` of every registered handler. */
  routes(): string[];
}

// ---------------------------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------------------------

interface ServiceEntry {
  descriptor: ServiceInfo;
  routes: Map<string, RpcRoute>;
}

/** Creates an empty router. */
export function createRpcRouter(options: RpcRouterOptions = {}): RpcRouter {
  const services = new Map<string, ServiceEntry>();
  const known = new Map<string, ServiceInfo>(SUI_SERVICE_DESCRIPTORS.map((d) => [d.typeName, d]));

  /** The status a failure ends the call with; unexpected errors (→ INTERNAL) also go to the hook. */
  const failure = (error: unknown, method: MethodInfo): RpcStatusError => {
    const status = toRpcStatusError(error);
    if (status !== error && status.code === StatusCode.INTERNAL && options.onInternalError) {
      try {
        options.onInternalError(error, { service: method.service.typeName, method: method.name });
      } catch {
        // a logging hook must not change the call's outcome
      }
    }
    return status;
  };

  function register(descriptor: ServiceInfo, name: string, kind: RpcRoute['kind'], route: RpcRoute): void {
    const entry = services.get(descriptor.typeName) ?? { descriptor, routes: new Map() };
    if (entry.descriptor !== descriptor) {
      // Two descriptor objects for one service name could decode with different message types.
      throw new Error(`another descriptor is already registered for ${descriptor.typeName}`);
    }
    if (entry.routes.has(name)) throw new Error(`${descriptor.typeName}/${name} already has a handler`);
    const info = route.method;
    if (info.clientStreaming) throw new Error(`${descriptor.typeName}/${name} is client-streaming`);
    const actual: RpcRoute['kind'] = info.serverStreaming ? 'serverStreaming' : 'unary';
    if (actual !== kind) {
      throw new Error(`${descriptor.typeName}/${name} is ${actual}; register it with router.${actual}()`);
    }
    entry.routes.set(name, route);
    services.set(descriptor.typeName, entry);
    known.set(descriptor.typeName, descriptor);
  }

  function findMethod(descriptor: ServiceInfo, name: string): MethodInfo {
    const info = descriptor.methods.find((m) => m.name === name);
    if (!info) throw new Error(`${descriptor.typeName} has no method ${name}`);
    return info;
  }

  const router: RpcRouter = {
    unary(descriptor, name, handler) {
      const method = findMethod(descriptor, name);
      register(
        descriptor,
        name,
        'unary',
        unaryRoute(method, handler as unknown as UnaryHandler<object, object>, failure),
      );
      return router;
    },

    serverStreaming(descriptor, name, handler) {
      const method = findMethod(descriptor, name);
      const untyped = handler as unknown as ServerStreamingHandler<object, object>;
      register(descriptor, name, 'serverStreaming', streamingRoute(method, untyped, failure));
      return router;
    },

    resolve(service, method) {
      const entry = services.get(service);
      const route = entry?.routes.get(method);
      if (route) return route;
      const descriptor = entry?.descriptor ?? known.get(service);
      if (!descriptor) throw new RpcStatusError(StatusCode.UNIMPLEMENTED, `unknown service ${service}`);
      if (!descriptor.methods.some((m) => m.name === method)) {
        throw new RpcStatusError(StatusCode.UNIMPLEMENTED, `unknown method ${method} for service ${service}`);
      }
      throw new RpcStatusError(StatusCode.UNIMPLEMENTED, `method ${service}/${method} is not implemented`);
    },

    has(service, method) {
      return services.get(service)?.routes.has(method) ?? false;
    },

    routes() {
      const out: string[] = [];
      for (const [service, entry] of services)
        for (const method of entry.routes.keys()) out.push(`${service}/${method}`);
      return out;
    },
  };
  return router;
}

/** Maps a handler's failure to the status the call ends with. */
type FailureMapper = (error: unknown, method: MethodInfo) => RpcStatusError;

/** A unary route: decode, run the handler (abortable), encode; every failure becomes a status. */
function unaryRoute(
  method: MethodInfo,
  handler: UnaryHandler<object, object>,
  failure: FailureMapper,
): RpcRoute {
  return {
    kind: 'unary',
    method,
    async invoke(requestBytes, ctx) {
      ctx.signal.throwIfAborted();
      const request = decodeRequest(method, requestBytes);
      let response: unknown;
      try {
        response = await raceAbort(
          // A synchronous throw inside the handler still becomes a rejection here.
          Promise.resolve().then(() => handler(request, ctx)),
          ctx.signal,
        );
      } catch (error) {
        throw failure(error, method);
      }
      try {
        return encodeResponse(method, response);
      } catch (error) {
        throw failure(error, method);
      }
    },
  };
}

/** A server-streaming route: each value the handler yields is encoded; the handler is told when the call ends. */
function streamingRoute(
  method: MethodInfo,
  handler: ServerStreamingHandler<object, object>,
  failure: FailureMapper,
): RpcRoute {
  return {
    kind: 'serverStreaming',
    method,
    async *invoke(requestBytes, ctx) {
      ctx.signal.throwIfAborted();
      const request = decodeRequest(method, requestBytes);
      let iterator: AsyncIterator<unknown> | Iterator<unknown> | undefined;
      let finished = false;
      try {
        const iterable = handler(request, ctx);
        iterator = openIterator(iterable);
        while (true) {
          const step = await raceAbort(Promise.resolve(iterator.next()), ctx.signal);
          if (step.done) {
            finished = true;
            return;
          }
          let bytes: Uint8Array;
          try {
            bytes = encodeResponse(method, step.value);
          } catch (error) {
            throw failure(error, method);
          }
          yield bytes;
        }
      } catch (error) {
        throw failure(error, method);
      } finally {
        if (!finished && iterator?.return) {
          // Tell the handler we are done (consumer stopped, abort, or error). Not awaited: a
          // generator stuck in an await only runs `finally` once that await settles.
          const it = iterator;
          Promise.resolve()
            .then(() => it.return?.())
            .catch(() => {});
        }
      }
    },
  };
}

function openIterator(iterable: unknown): AsyncIterator<unknown> | Iterator<unknown> {
  if (iterable !== null && typeof iterable === 'object') {
    const asyncIt = (iterable as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator];
    if (typeof asyncIt === 'function') return asyncIt.call(iterable);
    const syncIt = (iterable as Partial<Iterable<unknown>>)[Symbol.iterator];
    if (typeof syncIt === 'function') return syncIt.call(iterable);
  }
  throw new Error('server-streaming handler did not return an iterable');
}

function decodeRequest(method: MethodInfo, bytes: Uint8Array): object {
  try {
    return method.I.fromBinary(bytes) as object;
  } catch (error) {
    throw new RpcStatusError(
      StatusCode.INVALID_ARGUMENT,
      `invalid ${method.I.typeName}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

function encodeResponse(method: MethodInfo, response: unknown): Uint8Array {
  if (response === null || typeof response !== 'object') {
    throw new Error(`${method.service.typeName}/${method.name} handler returned no ${method.O.typeName}`);
  }
  try {
    // `create` fills unset fields with defaults, so handlers may return partial messages.
    return method.O.toBinary(method.O.create(response as PartialMessage<object>));
  } catch (error) {
    throw new Error(
      `failed to encode ${method.O.typeName}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/**
 * A protobuf-ts `RpcTransport` that calls an {@link RpcRouter} directly, without HTTP:
 *
 * ```ts
 * const client = new SuiGrpcClient({ network: 'localnet', transport: createInProcessTransport(router) });
 * ```
 *
 * Requests and responses cross as protobuf bytes (`toBinary` / `fromBinary`), exactly as over the
 * wire, so handlers see what they would see over HTTP and never share objects with the client.
 * Failures reject with the SDK's `RpcError`, carrying the status name as its code (`'NOT_FOUND'`) and
 * the handler's message unencoded (what the SDK's own transport yields after decoding). Every
 * promise of a call settles, and none is left rejected without a handler.
 */

import { RpcError } from '@mysten/sui/grpc';
import {
  ClientStreamingCall,
  Deferred,
  DeferredState,
  DuplexStreamingCall,
  type MethodInfo,
  mergeRpcOptions,
  type RpcInputStream,
  type RpcMetadata,
  type RpcOptions,
  RpcOutputStreamController,
  type RpcStatus,
  type RpcTransport,
  ServerStreamingCall,
  UnaryCall,
} from '@protobuf-ts/runtime-rpc';
import { CallController } from './call-context.js';
import type { RpcRoute, RpcRouter } from './service-registry.js';
import { RpcStatusError, StatusCode, statusCodeName, toRpcStatusError } from './status.js';

const OK_STATUS: RpcStatus = Object.freeze({ code: 'OK', detail: '' });

/** How a mismatched call names the kind it was called as. */
const CALLED_AS: Record<RpcRoute['kind'], string> = { unary: 'unary', serverStreaming: 'server-streaming' };

export class InProcessTransport implements RpcTransport {
  readonly #router: RpcRouter;
  readonly #defaults: RpcOptions;

  constructor(router: RpcRouter, defaultOptions: RpcOptions = {}) {
    this.#router = router;
    this.#defaults = defaultOptions;
  }

  mergeOptions(options?: Partial<RpcOptions>): RpcOptions {
    return mergeRpcOptions(this.#defaults, options);
  }

  unary<I extends object, O extends object>(
    method: MethodInfo<I, O>,
    input: I,
    options: RpcOptions,
  ): UnaryCall<I, O> {
    const response = new Deferred<O>();
    const outcome = new CallOutcome((error) => response.rejectPending(error));
    this.#start(method, input, options, 'unary', outcome, async (route, requestBytes, controller) => {
      const bytes = await route.invoke(requestBytes, controller.context);
      const message = method.O.fromBinary(bytes, options.binaryOptions);
      outcome.sendHeaders(controller);
      response.resolvePending(message);
      outcome.succeed();
    });

    return new UnaryCall(
      method,
      options.meta ?? {},
      input,
      outcome.headers.promise,
      response.promise,
      outcome.status.promise,
      outcome.trailers.promise,
    );
  }

  serverStreaming<I extends object, O extends object>(
    method: MethodInfo<I, O>,
    input: I,
    options: RpcOptions,
  ): ServerStreamingCall<I, O> {
    let call: CallController | undefined;
    // Leaving a `for await` over the responses early cancels the call, so the handler stops.
    const responses = new CancellingOutputStream<O>(() =>
      call?.abort(new RpcStatusError(StatusCode.CANCELLED, 'the client stopped reading the stream')),
    );
    const outcome = new CallOutcome((error) => {
      if (!responses.closed) responses.notifyError(error);
    });
    call = this.#start(
      method,
      input,
      options,
      'serverStreaming',
      outcome,
      async (route, requestBytes, controller) => {
        for await (const bytes of route.invoke(requestBytes, controller.context)) {
          const message = method.O.fromBinary(bytes, options.binaryOptions);
          outcome.sendHeaders(controller);
          responses.notifyMessage(message);
        }
        outcome.sendHeaders(controller);
        responses.notifyComplete();
        outcome.succeed();
      },
    );

    return new ServerStreamingCall(
      method,
      options.meta ?? {},
      input,
      outcome.headers.promise,
      responses,
      outcome.status.promise,
      outcome.trailers.promise,
    );
  }

  /**
   * Starts a call of `method`: encodes `input`, resolves the route, which must be of `kind`, and runs
   * `exchange` on it with the call's controller. Any failure, here or in `exchange`, fails `outcome`;
   * the controller is released once `exchange` settles. Returns the controller, if the call started.
   */
  #start<K extends RpcRoute['kind']>(
    method: MethodInfo,
    input: object,
    options: RpcOptions,
    kind: K,
    outcome: CallOutcome,
    exchange: (
      route: Extract<RpcRoute, { kind: K }>,
      requestBytes: Uint8Array,
      controller: CallController,
    ) => Promise<void>,
  ): CallController | undefined {
    const fail = (error: unknown) => outcome.fail(toRpcError(error, method));
    let call: CallController | undefined;
    try {
      const requestBytes = method.I.toBinary(input, options.binaryOptions);
      const route = this.#router.resolve(method.service.typeName, method.name);
      if (route.kind !== kind) throw mismatch(method, CALLED_AS[kind]);
      const controller = startCall(method, options);
      call = controller;
      exchange(route as Extract<RpcRoute, { kind: K }>, requestBytes, controller)
        .catch(fail)
        .finally(() => controller.dispose());
    } catch (error) {
      call?.dispose();
      fail(error);
    }
    return call;
  }

  /** Not in Sui's API (grpc-web cannot carry it either): a call that fails with `UNIMPLEMENTED`. */
  clientStreaming<I extends object, O extends object>(
    method: MethodInfo<I, O>,
    options: RpcOptions,
  ): ClientStreamingCall<I, O> {
    const error = unsupported(method, 'client streaming');
    return new ClientStreamingCall(
      method,
      options.meta ?? {},
      rejectingInput(error),
      rejected(error),
      rejected(error),
      rejected(error),
      rejected(error),
    );
  }

  /** Not in Sui's API (grpc-web cannot carry it either): a call that fails with `UNIMPLEMENTED`. */
  duplex<I extends object, O extends object>(
    method: MethodInfo<I, O>,
    options: RpcOptions,
  ): DuplexStreamingCall<I, O> {
    const error = unsupported(method, 'duplex streaming');
    const responses = new RpcOutputStreamController<O>();
    responses.notifyError(error);
    return new DuplexStreamingCall(
      method,
      options.meta ?? {},
      rejectingInput(error),
      rejected(error),
      responses,
      rejected(error),
      rejected(error),
    );
  }
}

/**
 * The headers, status and trailers of a call. A failure rejects what is still pending, in the order a
 * client sees it: the headers, then the call's response or stream (`failResponse`), then status and
 * trailers.
 */
class CallOutcome {
  readonly headers = new Deferred<RpcMetadata>();
  readonly status = new Deferred<RpcStatus>();
  readonly trailers = new Deferred<RpcMetadata>();
  readonly #failResponse: (error: RpcError) => void;

  constructor(failResponse: (error: RpcError) => void) {
    this.#failResponse = failResponse;
  }

  /** Sends the response headers the handler set, unless they were already sent. */
  sendHeaders(controller: CallController): void {
    if (this.headers.state !== DeferredState.PENDING) return;
    controller.markHeadersSent();
    this.headers.resolvePending({ ...controller.responseHeaders });
  }

  /** Ends the call with `OK` and no trailers. */
  succeed(): void {
    this.status.resolvePending(OK_STATUS);
    this.trailers.resolvePending({});
  }

  /** Fails the call: rejects what is still pending with `error`. */
  fail(error: RpcError): void {
    this.headers.rejectPending(error);
    this.#failResponse(error);
    this.status.rejectPending(error);
    this.trailers.rejectPending(error);
  }
}

/** An output stream whose async iterator tells the call when the consumer leaves early. */
class CancellingOutputStream<T extends object> extends RpcOutputStreamController<T> {
  readonly #onReturn: () => void;

  constructor(onReturn: () => void) {
    super();
    this.#onReturn = onReturn;
  }

  override [Symbol.asyncIterator](): AsyncIterator<T> {
    const iterator = super[Symbol.asyncIterator]();
    return {
      next: () => iterator.next(),
      return: (value?: unknown) => {
        if (!this.closed) this.#onReturn();
        return Promise.resolve({ done: true, value: value as T });
      },
    };
  }
}

/** `new InProcessTransport(router, defaultOptions)`. */
export function createInProcessTransport(
  router: RpcRouter,
  defaultOptions: RpcOptions = {},
): InProcessTransport {
  return new InProcessTransport(router, defaultOptions);
}

function startCall(method: MethodInfo, options: RpcOptions): CallController {
  return new CallController({
    transport: 'in-process',
    service: method.service.typeName,
    method: method.name,
    metadata: options.meta,
    deadline: deadlineOf(options.timeout),
    signals: [options.abort],
  });
}

function deadlineOf(timeout: RpcOptions['timeout']): Date | undefined {
  if (timeout instanceof Date) return timeout;
  if (typeof timeout === 'number') return new Date(Date.now() + timeout);
  return undefined;
}

function mismatch(method: MethodInfo, calledAs: string): RpcStatusError {
  return new RpcStatusError(
    StatusCode.UNIMPLEMENTED,
    `${method.service.typeName}/${method.name} cannot be called as ${calledAs}`,
  );
}

function unsupported(method: MethodInfo, kind: string): RpcError {
  return toRpcError(new RpcStatusError(StatusCode.UNIMPLEMENTED, `${kind} is not supported`), method);
}

/** The SDK's `RpcError` for a failure: status name as code, message as the handler wrote it. */
function toRpcError(error: unknown, method: MethodInfo): RpcError {
  if (error instanceof RpcError) return error;
  const status = toRpcStatusError(error);
  const rpcError = new RpcError(status.message, statusCodeName(status.code));
  rpcError.methodName = method.name;
  rpcError.serviceName = method.service.typeName;
  return rpcError;
}

function rejected<T>(error: Error): Promise<T> {
  const promise = Promise.reject<T>(error);
  promise.catch(() => {});
  return promise;
}

function rejectingInput<T>(error: Error): RpcInputStream<T> {
  return {
    send: () => rejected<void>(error),
    complete: () => rejected<void>(error),
  };
}

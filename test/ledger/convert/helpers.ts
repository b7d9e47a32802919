import { bcs } from '@mysten/sui/bcs';
import type { RpcTransport } from '@mysten/sui/grpc';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { normalizeSuiAddress, toBase58 } from '@mysten/sui/utils';
import { blake2b } from '@noble/hashes/blake2.js';
import type { MethodInfo, RpcOptions } from '@protobuf-ts/runtime-rpc';
import { UnaryCall } from '@protobuf-ts/runtime-rpc';
import { objectDigest } from '../../../devnet/ledger/core/digests.js';
import type { ObjectRecord, Owner } from '../../../devnet/ledger/core/types.js';

export const SUI_COIN =
  '0x0000000000000000000000000000000000000000000000000000000000000002::coin::Coin<0x0000000000000000000000000000000000000000000000000000000000000002::sui::SUI>';

/** A normalized address from a small number or a hex string. */
export function addr(n: number | string): string {
  return normalizeSuiAddress(typeof n === 'number' ? n.toString(16) : n);
}

/** A deterministic base58 32-byte digest. */
export function fakeDigest(seed: string): string {
  return toBase58(blake2b(new TextEncoder().encode(seed), { dkLen: 32 }));
}

/** Move contents `{ id: UID, balance: u64 }` of a coin. */
export function coinContents(id: string, balance: bigint): Uint8Array {
  return bcs.struct('Coin', { id: bcs.Address, balance: bcs.u64() }).serialize({ id, balance }).toBytes();
}

export function makeObject(
  fields: Partial<Omit<ObjectRecord, 'digest'>> & { id: string; owner: Owner },
): ObjectRecord {
  const base = {
    version: 1n,
    type: SUI_COIN,
    contents: coinContents(fields.id, 1_000_000_000n),
    hasPublicTransfer: true,
    previousTransaction: fakeDigest('genesis'),
    storageRebate: 988_000n,
    ...fields,
  };
  return { ...base, digest: objectDigest(base) };
}

type Handler = (request: object, method: MethodInfo) => object | Promise<object>;

/**
 * A `RpcTransport` that answers unary calls from in-process handlers keyed by the method's local name
 * (`simulateTransaction`, `batchGetObjects`, ...). Requests and responses go through the messages' binary
 * encoding, as they would on the wire, so anything that does not survive protobuf encoding fails here too.
 */
export function inMemoryTransport(handlers: Record<string, Handler>, calls: string[] = []): RpcTransport {
  const unavailable = () => {
    throw new Error('streaming calls are not supported by the in-memory transport');
  };
  return {
    mergeOptions: (options?: Partial<RpcOptions>) => ({ ...options }) as RpcOptions,
    unary<I extends object, O extends object>(method: MethodInfo<I, O>, input: I, options: RpcOptions) {
      calls.push(method.localName);
      const request = method.I.fromBinary(method.I.toBinary(input));
      const response = (async () => {
        const handler = handlers[method.localName];
        if (!handler) throw new Error(`unexpected RPC ${method.service.typeName}/${method.name}`);
        const answer = (await handler(request, method as MethodInfo)) as O;
        return method.O.fromBinary(method.O.toBinary(answer));
      })();
      return new UnaryCall<I, O>(
        method,
        options.meta ?? {},
        input,
        Promise.resolve({}),
        response,
        response.then(() => ({ code: 'OK', detail: '' })),
        Promise.resolve({}),
      );
    },
    serverStreaming: unavailable,
    clientStreaming: unavailable,
    duplex: unavailable,
  } as RpcTransport;
}

export function clientFor(handlers: Record<string, Handler>, calls: string[] = []): SuiGrpcClient {
  return new SuiGrpcClient({ network: 'localnet', transport: inMemoryTransport(handlers, calls) });
}

import { GrpcTypes } from '@mysten/sui/grpc';
import { normalizeStructTag, normalizeSuiAddress } from '@mysten/sui/utils';
import type { Ledger } from '../../core/ledger.js';
import { formatMoveType, parseMoveType } from '../../core/move/type-parser.js';
import { COIN_TYPE_PREFIX, SUI_TYPE } from '../../core/natives/framework/values.js';
import type { ObjectRecord } from '../../core/types.js';
import { coinBalance, executedTransactionToProto, msToTimestamp, objectToProto } from '../convert/index.js';
import { type RpcRouter, RpcStatusError, StatusCode, SuiServices } from '../grpc/index.js';
import { fullCheckpoint } from './checkpoint-proto.js';
import { pageOf } from './pagination.js';

/** Static facts the read services report about the network. */
export interface NetworkFacts {
  /** Sui epoch length in ms, reported in the system state. */
  epochDurationMs: bigint;
  /** The Sui protocol config served (`GetEpoch.protocol_config`): a real version's flags and attributes. */
  protocolConfig: {
    protocolVersion: bigint;
    featureFlags: Record<string, boolean>;
    attributes: Record<string, string>;
  };
}

/** Normalizes a type filter the way clients write it (`0x2::sui::SUI` → full addresses). */
function normalizeType(type: string): string {
  try {
    return formatMoveType(parseMoveType(type));
  } catch {
    throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, `Invalid type "${type}"`);
  }
}

function requireAddress(value: string | undefined, what: string): string {
  if (!value) throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, `Missing ${what}`);
  try {
    return normalizeSuiAddress(value);
  } catch {
    throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, `Invalid ${what} "${value}"`);
  }
}

/** What the read handlers share: the ledger, its state and the lookups built on it. */
function readContext(ledger: Ledger) {
  const { state } = ledger;
  const lookup = (id: string | undefined, version?: bigint): ObjectRecord => {
    const objectId = requireAddress(id, 'object id');
    const record = state.object(objectId);
    if (!record || (version !== undefined && record.version !== version)) {
      throw RpcStatusError.notFound(
        version !== undefined && record
          ? `Object ${objectId} at version ${version} is not available (current version ${record.version})`
          : `Object ${objectId} not found`,
      );
    }
    return record;
  };

  const ownedCoins = (owner: string, coinType?: string) =>
    state
      .ownedBy(owner)
      .map((id) => state.object(id)!)
      .filter(
        (o) =>
          o.type.startsWith(COIN_TYPE_PREFIX) && (!coinType || o.type === `${COIN_TYPE_PREFIX}${coinType}>`),
      );

  const balanceOf = (owner: string, coinType: string): GrpcTypes.Balance => {
    const total = ownedCoins(owner, coinType).reduce((sum, c) => sum + (coinBalance(c) ?? 0n), 0n);
    return { coinType, balance: total, coinBalance: total, addressBalance: 0n };
  };

  /** The layouts to render `json` with, when the read mask asks for it (Sui's default masks do not). */
  const jsonFor = (mask: { paths: string[] } | undefined) =>
    mask?.paths.some((p) => p === 'json' || p.startsWith('json.')) ? ledger.layouts : undefined;
  return { ledger, state, lookup, ownedCoins, balanceOf, jsonFor };
}

type ReadContext = ReturnType<typeof readContext>;

/** Registers LedgerService, StateService and MovePackageService read methods for `ledger`. */
export function registerReadServices(router: RpcRouter, ledger: Ledger, facts: NetworkFacts): void {
  const context = readContext(ledger);
  registerObjectReads(router, context);
  registerEpochRead(router, context, facts);
  registerOwnerReads(router, context);
  registerTypeReads(router, context);
}

/** GetServiceInfo, GetObject, BatchGetObjects, GetTransaction, BatchGetTransactions, GetCheckpoint. */
function registerObjectReads(router: RpcRouter, { ledger, state, lookup, jsonFor }: ReadContext): void {
  router.unary(SuiServices.LedgerService, 'GetServiceInfo', () => {
    const latest = state.latestCheckpoint()!;
    return {
      chainId: ledger.chainId,
      chain: 'localnet',
      epoch: state.meta.epoch,
      checkpointHeight: latest.sequenceNumber,
      timestamp: msToTimestamp(latest.timestampMs),
      lowestAvailableCheckpoint: 0n,
      lowestAvailableCheckpointObjects: 0n,
      server: 'walrus-devkit',
    };
  });

  router.unary(SuiServices.LedgerService, 'GetObject', (request) => ({
    object: objectToProto(lookup(request.objectId, request.version), jsonFor(request.readMask)),
  }));

  router.unary(SuiServices.LedgerService, 'BatchGetObjects', (request) => {
    if (request.requests.length > 1000) {
      throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, 'At most 1000 objects per request');
    }
    const json = jsonFor(request.readMask);
    return {
      objects: request.requests.map((r) => {
        try {
          return {
            result: {
              oneofKind: 'object' as const,
              object: objectToProto(lookup(r.objectId, r.version), json),
            },
          };
        } catch (error) {
          const status =
            error instanceof RpcStatusError ? error : new RpcStatusError(StatusCode.INTERNAL, String(error));
          return {
            result: {
              oneofKind: 'error' as const,
              error: { code: status.code, message: status.message, details: [] },
            },
          };
        }
      }),
    };
  });

  router.unary(SuiServices.LedgerService, 'GetTransaction', (request) => {
    const record = request.digest ? state.transaction(request.digest) : undefined;
    if (!record) throw RpcStatusError.notFound(`Transaction ${request.digest} not found`);
    return { transaction: executedTransactionToProto(record) };
  });

  router.unary(SuiServices.LedgerService, 'BatchGetTransactions', (request) => ({
    transactions: request.digests.map((digest) => {
      const record = state.transaction(digest);
      return record
        ? { result: { oneofKind: 'transaction' as const, transaction: executedTransactionToProto(record) } }
        : {
            result: {
              oneofKind: 'error' as const,
              error: { code: StatusCode.NOT_FOUND, message: `Transaction ${digest} not found`, details: [] },
            },
          };
    }),
  }));

  router.unary(SuiServices.LedgerService, 'GetCheckpoint', (request) => {
    const checkpoints = state.checkpoints();
    const id = request.checkpointId;
    const checkpoint =
      id.oneofKind === 'sequenceNumber'
        ? checkpoints[Number(id.sequenceNumber)]
        : id.oneofKind === 'digest'
          ? checkpoints.find((c) => c.digest === id.digest)
          : checkpoints[checkpoints.length - 1];
    if (!checkpoint) throw RpcStatusError.notFound('Checkpoint not found');
    return { checkpoint: fullCheckpoint(ledger, checkpoint, request.readMask) };
  });
}

/** GetEpoch: the epoch, its system state and the protocol config. */
function registerEpochRead(router: RpcRouter, { state }: ReadContext, facts: NetworkFacts): void {
  router.unary(SuiServices.LedgerService, 'GetEpoch', (request) => {
    const meta = state.meta;
    if (request.epoch !== undefined && request.epoch !== meta.epoch) {
      throw RpcStatusError.notFound(`Only the current epoch (${meta.epoch}) is kept`);
    }
    const start = msToTimestamp(meta.epochStartMs);
    return {
      epoch: {
        epoch: meta.epoch,
        referenceGasPrice: meta.referenceGasPrice,
        start,
        protocolConfig: facts.protocolConfig,
        systemState: {
          version: 2n,
          epoch: meta.epoch,
          protocolVersion: facts.protocolConfig.protocolVersion,
          referenceGasPrice: meta.referenceGasPrice,
          epochStartTimestampMs: meta.epochStartMs,
          safeMode: false,
          safeModeStorageRewards: 0n,
          safeModeComputationRewards: 0n,
          safeModeStorageRebates: 0n,
          safeModeNonRefundableStorageFee: 0n,
          parameters: {
            epochDurationMs: facts.epochDurationMs,
            stakeSubsidyStartEpoch: 0n,
            maxValidatorCount: 150n,
            minValidatorJoiningStake: 0n,
            validatorLowStakeThreshold: 0n,
            validatorLowStakeGracePeriod: 0n,
          },
          storageFund: { totalObjectStorageRebates: 0n, nonRefundableBalance: 0n },
          stakeSubsidy: {
            balance: 0n,
            distributionCounter: 0n,
            currentDistributionAmount: 0n,
            stakeSubsidyPeriodLength: 0n,
            stakeSubsidyDecreaseRate: 0,
          },
          validatorReportRecords: [],
        },
      },
    };
  });
}

/** ListOwnedObjects, GetBalance, ListBalances. */
function registerOwnerReads(router: RpcRouter, { state, ownedCoins, balanceOf, jsonFor }: ReadContext): void {
  router.unary(SuiServices.StateService, 'ListOwnedObjects', (request) => {
    const owner = requireAddress(request.owner, 'owner');
    let filter: ((type: string) => boolean) | undefined;
    if (request.objectType) {
      const wanted = normalizeType(request.objectType);
      // A filter without type arguments matches every instantiation, as on Sui.
      filter = wanted.includes('<') ? (t) => t === wanted : (t) => t === wanted || t.startsWith(`${wanted}<`);
    }
    const ids = state.ownedBy(owner).filter((id) => {
      const record = state.object(id)!;
      return record.owner.kind === 'address' && (!filter || filter(record.type));
    });
    const page = pageOf(ids, request.pageSize, request.pageToken, 1000);
    return {
      objects: page.items.map((id) => objectToProto(state.object(id)!, jsonFor(request.readMask))),
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    };
  });

  router.unary(SuiServices.StateService, 'GetBalance', (request) => {
    const owner = requireAddress(request.owner, 'owner');
    const coinType = request.coinType ? normalizeType(request.coinType) : SUI_TYPE;
    return { balance: balanceOf(owner, coinType) };
  });

  router.unary(SuiServices.StateService, 'ListBalances', (request) => {
    const owner = requireAddress(request.owner, 'owner');
    const types = [
      ...new Set(ownedCoins(owner).map((c) => c.type.slice(COIN_TYPE_PREFIX.length, -1))),
    ].sort();
    const page = pageOf(types, request.pageSize, request.pageToken, 1000);
    return {
      balances: page.items.map((type) => balanceOf(owner, type)),
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    };
  });
}

/** GetCoinInfo, ListDynamicFields. */
function registerTypeReads(router: RpcRouter, { ledger, state }: ReadContext): void {
  router.unary(SuiServices.StateService, 'GetCoinInfo', (request) => {
    const coinType = request.coinType ? normalizeStructTag(request.coinType) : undefined;
    if (!coinType) throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, 'Missing coin type');
    const normalized = normalizeType(coinType);
    const metadataType = `0x0000000000000000000000000000000000000000000000000000000000000002::coin::CoinMetadata<${normalized}>`;
    if (normalized === SUI_TYPE) {
      return {
        coinType: normalized,
        metadata: { decimals: 9, name: 'Sui', symbol: 'SUI', description: '', iconUrl: '' },
      };
    }
    for (const record of state.allObjects()) {
      if (record.type !== metadataType) continue;
      const value = ledger.layouts.decode(record.type, record.contents) as {
        decimals: number;
        name: { bytes: Uint8Array };
        symbol: { bytes: Uint8Array };
        description: { bytes: Uint8Array };
        icon_url: { vec: Array<{ url: { bytes: Uint8Array } }> };
      };
      const text = (b: Uint8Array) => new TextDecoder().decode(b);
      return {
        coinType: normalized,
        metadata: {
          id: record.id,
          decimals: value.decimals,
          name: text(value.name.bytes),
          symbol: text(value.symbol.bytes),
          description: text(value.description.bytes),
          iconUrl: value.icon_url.vec[0] ? text(value.icon_url.vec[0].url.bytes) : '',
        },
      };
    }
    throw RpcStatusError.notFound(`No coin metadata for ${normalized}`);
  });

  router.unary(SuiServices.StateService, 'ListDynamicFields', (request) => {
    const parent = requireAddress(request.parent, 'parent');
    const fields = state
      .ownedBy(parent)
      .map((id) => state.object(id)!)
      .filter((r) => r.owner.kind === 'object' && r.type.startsWith(DYNAMIC_FIELD_PREFIX));
    const page = pageOf(fields, request.pageSize, request.pageToken, 1000);
    return {
      dynamicFields: page.items.map((record) => {
        const type = parseMoveType(record.type) as Extract<
          ReturnType<typeof parseMoveType>,
          { kind: 'struct' }
        >;
        const [nameType, valueType] = type.typeArgs as [
          ReturnType<typeof parseMoveType>,
          ReturnType<typeof parseMoveType>,
        ];
        const field = ledger.layouts.decode(type, record.contents) as { name: unknown; value: unknown };
        return {
          kind: GrpcTypes.DynamicField_DynamicFieldKind.FIELD,
          parent,
          fieldId: record.id,
          fieldObject: objectToProto(record),
          name: { name: formatMoveType(nameType), value: ledger.layouts.encode(nameType, field.name) },
          value: { name: formatMoveType(valueType), value: ledger.layouts.encode(valueType, field.value) },
          valueType: formatMoveType(valueType),
        };
      }),
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    };
  });
}

const DYNAMIC_FIELD_PREFIX =
  '0x0000000000000000000000000000000000000000000000000000000000000002::dynamic_field::Field<';

import type { Keypair } from '@mysten/sui/cryptography';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import type { Transaction } from '@mysten/sui/transactions';
import { parseStructTag } from '@mysten/sui/utils';
import type { WalrusClient } from '@mysten/walrus';
import { activeKey } from '../accounts/account-store.js';
import type { ResolvedConfig } from '../config/types.js';
import { ErrorCode } from '../errors/codes.js';
import { NetworkError, networkErrorFrom } from '../errors/network-error.js';
import { UserError } from '../errors/user-error.js';
import { type Connection, connect } from './connect.js';

/** Everything a blob or stake operation needs: the official clients and the signing key. */
export interface WalrusSession {
  connection: Connection;
  sui: SuiGrpcClient;
  walrus: WalrusClient;
  signer: Keypair;
  /** `<pkg>::wal::WAL`, read from the deployment the way the SDK does. */
  walType(): Promise<string>;
  /** Number of shards of the current committee. */
  nShards(): Promise<number>;
  /** The current Walrus epoch. */
  epoch(): Promise<number>;
  /** WAL balance of the signer, in FROST. */
  walBalance(owner?: string): Promise<bigint>;
  /** The Walrus package id (the address in the System object's type). */
  walrusPackageId(): Promise<string>;
}

/**
 * Connects to the network (`--network`, else the config's default) with `SuiGrpcClient` and `WalrusClient`,
 * and picks the signing account. Fails with a clear message when the network has no Walrus deployment.
 */
export async function openWalrusSession(
  config: ResolvedConfig,
  networkName?: string,
): Promise<WalrusSession> {
  const connection = await connect(config, networkName);
  const { walrusClient, descriptor, network } = connection;
  if (!walrusClient) {
    throw new UserError(ErrorCode.NoWalrusDeployment, `No Walrus deployment is known on ${network.name}.`, {
      hint: network.local
        ? 'This devnet runs the ledger alone; restart it with a version of walrus-devkit that deploys Walrus.'
        : `Set networks.${network.name}.systemObjectId and stakingObjectId in walrus.config.ts.`,
    });
  }
  return createWalrusSession({ ...connection, walrusClient }, activeKey(config, descriptor).keypair);
}

/**
 * A session over clients that already exist (the daemon serving an in-process devnet, or any `connect` result):
 * the same helpers as {@link openWalrusSession}, with `signer` paying.
 */
export function createWalrusSession(
  connection: Connection & { walrusClient: WalrusClient },
  signer: Keypair,
): WalrusSession {
  const { walrusClient, suiClient, descriptor } = connection;
  let walType: Promise<string> | undefined;
  let packageId: Promise<string> | undefined;
  const session: WalrusSession = {
    connection,
    sui: suiClient,
    walrus: walrusClient,
    signer,
    walType: () => {
      walType ??= guard(async () => {
        if (descriptor?.packages) return `${descriptor.packages.wal}::wal::WAL`;
        const { function: fn } = await suiClient.core.getMoveFunction({
          packageId: await session.walrusPackageId(),
          moduleName: 'staking',
          name: 'stake_with_pool',
        });
        const coin = fn.parameters[1]?.body;
        const inner = coin?.$kind === 'datatype' ? coin.datatype.typeParameters[0] : undefined;
        if (inner?.$kind !== 'datatype') throw new Error('Cannot find the WAL type of this deployment');
        return inner.datatype.typeName;
      });
      return walType;
    },
    nShards: () => guard(async () => (await walrusClient.systemState()).committee.n_shards),
    epoch: () => guard(async () => (await walrusClient.systemState()).committee.epoch),
    walrusPackageId: () => {
      packageId ??= guard(() => walrusPackageId(connection));
      return packageId;
    },
    walBalance: (owner = signer.toSuiAddress()) =>
      guard(async () =>
        BigInt(
          (await suiClient.core.getBalance({ owner, coinType: await session.walType() })).balance.balance,
        ),
      ),
  };
  return session;
}

/** The Walrus package id: the address in the System object's type. */
async function walrusPackageId({ suiClient, walrusObjects }: Connection): Promise<string> {
  const { object } = await suiClient.core.getObject({ objectId: walrusObjects!.system });
  return parseStructTag(object.type).address;
}

/** Runs a network call, turning transport failures into NetworkError (exit 2). */
export async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const network = networkErrorFrom(error);
    if (network) throw network;
    if (error instanceof UserError || error instanceof NetworkError) throw error;
    throw error;
  }
}

/**
 * Signs `tx` with the session's signer and executes it; a transaction that executes but fails (a Move abort, gas)
 * is a `CommandFailed` user error starting with `what` (e.g. `Burning failed: …`).
 */
export async function executeAsSigner(session: WalrusSession, tx: Transaction, what: string) {
  const result = await guard(() =>
    session.sui.core.signAndExecuteTransaction({
      transaction: tx,
      signer: session.signer,
      include: { effects: true },
    }),
  );
  if (result.$kind !== 'Transaction') {
    throw new UserError(
      ErrorCode.CommandFailed,
      `${what} failed: ${result.FailedTransaction?.status.error?.message ?? 'unknown error'}`,
    );
  }
  return result.Transaction;
}

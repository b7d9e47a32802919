import { RpcError, SuiGrpcClient } from '@mysten/sui/grpc';
import type { WalrusClient } from '@mysten/walrus';
import type { DevnetDescriptor } from '../../devnet/index.js';
import { resolveNetwork } from '../config/resolve-config.js';
import type { ResolvedConfig, ResolvedNetworkConfig } from '../config/types.js';
import { findRunningDevnet } from '../dev/devnet-paths.js';
import { ErrorCode } from '../errors/codes.js';
import { NetworkError, networkErrorFrom } from '../errors/network-error.js';
import { UserError } from '../errors/user-error.js';
import { KernelWalrusClient } from './kernel-walrus-client.js';

/** Clients for one network, built only from its public endpoints and ids. */
export interface Connection {
  network: ResolvedNetworkConfig;
  suiClient: SuiGrpcClient;
  /** Present when the network has a Walrus deployment (the devnet once its contracts are deployed). */
  walrusClient: WalrusClient | undefined;
  /** The running devnet's descriptor, for the local network. */
  descriptor: DevnetDescriptor | undefined;
  /** Walrus System and Staking object ids, when known. */
  walrusObjects: { system: string; staking: string } | undefined;
}

/**
 * Connects to a configured network with the official clients: `SuiGrpcClient`, and `WalrusClient` with the
 * network's System and Staking ids (a {@link KernelWalrusClient}: the same client, encoding with the project's
 * RedStuff kernels). The local devnet is found through its descriptor.
 * @example const { suiClient, walrusClient } = await connect(config, 'devnet');
 */
export async function connect(config: ResolvedConfig, networkName?: string): Promise<Connection> {
  const network = resolveNetwork(config, networkName);
  let descriptor: DevnetDescriptor | undefined;
  let rpcUrl = network.rpcUrl;
  let systemObjectId = network.systemObjectId;
  let stakingObjectId = network.stakingObjectId;
  if (network.local) {
    const running = findRunningDevnet(config);
    if (!running || 'stale' in running) {
      throw new UserError(ErrorCode.DevnetNotRunning, 'No devnet is running for this project.', {
        hint: 'Start one with `walrus dev up --detach`, or pick another network with --network.',
      });
    }
    descriptor = running.descriptor;
    rpcUrl = descriptor.rpcUrl;
    systemObjectId ??= descriptor.objects?.system;
    stakingObjectId ??= descriptor.objects?.staking;
  }
  const suiClient = new SuiGrpcClient({
    network: network.local ? 'localnet' : network.name,
    baseUrl: rpcUrl,
    fetch: reportingFetch(rpcUrl),
  });
  const walrusClient =
    systemObjectId && stakingObjectId
      ? new KernelWalrusClient({
          suiClient,
          packageConfig: { systemObjectId, stakingPoolId: stakingObjectId },
          storageNodeUrlScheme: network.local ? 'http' : 'https',
        })
      : undefined;
  const walrusObjects =
    systemObjectId && stakingObjectId ? { system: systemObjectId, staking: stakingObjectId } : undefined;
  return { network, suiClient, walrusClient, descriptor, walrusObjects };
}

/**
 * `fetch` for the gRPC-Web transport. On its own the transport turns a failed request into
 * `RpcError('fetch failed', 'INTERNAL')` with no cause, which would surface as an INTERNAL_ERROR; here the failure
 * becomes a {@link NetworkError} naming the endpoint, carried as the `cause` of an `UNAVAILABLE` RpcError (the
 * transport passes RpcErrors through unchanged), where `networkErrorFrom` finds it. Aborts pass through as they are.
 */
function reportingFetch(endpoint: string): typeof fetch {
  return async (input, init) => {
    try {
      return await fetch(input, init);
    } catch (error) {
      if (init?.signal?.aborted) throw error;
      const failure =
        networkErrorFrom(error, endpoint) ??
        new NetworkError(ErrorCode.NetworkUnreachable, `Could not reach ${endpoint}.`, {
          hint: 'Check the RPC URL and your connection; for the local devnet, make sure it is running.',
          cause: error,
        });
      const rpcError = new RpcError(failure.message, 'UNAVAILABLE');
      rpcError.cause = failure;
      throw rpcError;
    }
  };
}

/**
 * A test worker's view of the run's devnet: the official clients over its RPC, its funded signers, and its admin
 * API (loopback) for snapshot/revert, epochs and node faults. Built from the descriptor alone, so it works the
 * same for a devnet this run started and for one it attached to.
 */

import { SuiGrpcClient } from '@mysten/sui/grpc';
import type { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { WalrusClient } from '@mysten/walrus';
import { accountKeypair, type DevnetDescriptor } from '../../devnet/index.js';

/** Clients, signers and controls of the devnet, for tests. */
export interface DevnetConnection {
  descriptor: DevnetDescriptor;
  suiClient: SuiGrpcClient;
  walrusClient: WalrusClient;
  /** The descriptor's funded accounts (SUI and WAL), as signers. */
  signers: Ed25519Keypair[];
  /** Calls the devnet admin API; a refusal throws with the API's message. */
  admin<T>(path: string, body?: unknown): Promise<T>;
}

/** Connects to the devnet a descriptor describes. */
export function connectToDevnet(descriptor: DevnetDescriptor): DevnetConnection {
  if (!descriptor.objects) throw new Error('This devnet runs the ledger alone (no Walrus contracts).');
  const suiClient = new SuiGrpcClient({ network: 'localnet', baseUrl: descriptor.rpcUrl });
  const walrusClient = new WalrusClient({
    suiClient,
    packageConfig: { systemObjectId: descriptor.objects.system, stakingPoolId: descriptor.objects.staking },
    storageNodeUrlScheme: 'http',
  });
  return {
    descriptor,
    suiClient,
    walrusClient,
    signers: descriptor.accounts.map((account) => accountKeypair(account)),
    admin: (path, body) => adminPost(descriptor.adminUrl, path, body),
  };
}

async function adminPost<T>(adminUrl: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${adminUrl}${path}`, {
    method: 'POST',
    body: JSON.stringify(body ?? {}),
    headers: { 'content-type': 'application/json' },
  });
  const json = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new Error(`Devnet admin ${path}: ${json.error ?? `HTTP ${response.status}`}`);
  return json;
}

import type { Keypair } from '@mysten/sui/cryptography';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import type { WalrusAddresses } from '../contract-runtime/contract-layouts.js';
import { deployWalrus } from '../contract-runtime/deploy.js';
import { DEVNET_DEFAULTS } from '../defaults.js';
import { devnetKeypair } from '../devnet-accounts.js';
import type { DevnetMetadata } from '../devnet-state.js';
import type { StartDevnetOptions } from '../devnet-types.js';
import type { LedgerInstance } from '../ledger/start-ledger.js';
import { fundExchangeWithSui, sendWal, type WalrusDeployment } from '../walrus-chain/walrus-transactions.js';

const WAL = 1_000_000_000n;

/** The account that publishes the Walrus packages (keeps the WAL treasury's remainder). */
export function walrusDeployer(): Keypair {
  return devnetKeypair("m/44'/784'/1001'/0'/0'");
}

/** What {@link deployContracts} needs from the steps before it. */
export interface ContractsStepInput {
  ledger: LedgerInstance;
  suiClient: SuiGrpcClient;
  signers: Keypair[];
  addresses: WalrusAddresses;
  nShards: number;
  epochDurationMs: number;
  options: StartDevnetOptions;
}

/**
 * Boot step `contracts` on a new genesis: deploys Walrus from a dedicated deployer, hands every user account its
 * WAL and gives the exchange SUI; returns the state's metadata (no nodes yet).
 */
export async function deployContracts(input: ContractsStepInput): Promise<DevnetMetadata> {
  const { ledger, suiClient, signers, addresses, nShards, epochDurationMs, options } = input;
  // A dedicated deployer keeps the WAL treasury's remainder away from the user accounts.
  const deployer = walrusDeployer();
  await ledger.fund(deployer.toSuiAddress(), 1000n * WAL);
  const deployed = deployWalrus(ledger.ledger, {
    deployer: deployer.toSuiAddress(),
    nShards,
    epochDurationMs: BigInt(epochDurationMs),
    epochZeroDurationMs: 0n,
  });
  const deployment: WalrusDeployment = {
    addresses,
    systemObjectId: deployed.objects.system,
    stakingObjectId: deployed.objects.staking,
    exchangeObjectId: deployed.objects.exchange,
    treasuryObjectId: deployed.objects.treasury,
  };
  // Every user account gets WAL from the deployer (their SUI stays as configured).
  await sendWal(
    suiClient,
    deployer,
    deployment,
    signers.map((s) => s.toSuiAddress()),
    options.accountWal ?? DEVNET_DEFAULTS.accountWalFrost,
  );
  // The exchange needs SUI to pay out WAL→SUI swaps too: the deployer sells it some.
  await fundExchangeWithSui(suiClient, deployer, deployment, 100n * WAL);
  return {
    version: 1,
    addresses,
    deployment,
    nShards,
    epochDurationMs,
    accounts: options.accounts ?? DEVNET_DEFAULTS.accounts,
    accountBalance: String(options.accountBalance ?? DEVNET_DEFAULTS.accountBalanceMist),
    nodes: [],
  };
}

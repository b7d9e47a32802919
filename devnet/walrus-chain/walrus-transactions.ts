import type { Keypair } from '@mysten/sui/cryptography';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import { coinWithBalance, Transaction, type TransactionArgument } from '@mysten/sui/transactions';
import type { WalrusAddresses } from '../contract-runtime/contract-layouts.js';

/** The ids every Walrus transaction of the devnet needs. */
export interface WalrusDeployment {
  addresses: WalrusAddresses;
  systemObjectId: string;
  stakingObjectId: string;
  exchangeObjectId: string;
  /** The shared `ProtectedTreasury` of WAL (burns at epoch change). */
  treasuryObjectId: string;
}

const CLOCK = '0x6';

/** Signs and executes `tx`, failing with the Move error when the transaction fails. */
export async function run(client: SuiGrpcClient, signer: Keypair, tx: Transaction, what: string) {
  const result = await client.core.signAndExecuteTransaction({
    transaction: tx,
    signer,
    include: { effects: true, events: true },
  });
  if (result.$kind !== 'Transaction') {
    throw new Error(`${what} failed: ${result.FailedTransaction?.status.error?.message ?? 'unknown error'}`);
  }
  return result.Transaction;
}

/** Ids of the objects a transaction created, with their types' tails (e.g. `::storage_node::StorageNodeCap`). */
export async function createdObjects(client: SuiGrpcClient, digest: string) {
  const result = await client.core.getTransaction({ digest, include: { effects: true, objectTypes: true } });
  const tx = result.Transaction!;
  return tx
    .effects!.changedObjects.filter((c) => c.idOperation === 'Created')
    .map((c) => ({ id: c.objectId, type: tx.objectTypes?.[c.objectId] ?? '' }));
}

/** Adds to `tx` a `wal_exchange::<fn>(exchange, coin)` call given `amountSui` MIST split off the gas coin. */
function callExchangeWithSui(tx: Transaction, deployment: WalrusDeployment, fn: string, amountSui: bigint) {
  const [sui] = tx.splitCoins(tx.gas, [amountSui]);
  return tx.moveCall({
    target: `${deployment.addresses.wal_exchange}::wal_exchange::${fn}`,
    arguments: [tx.object(deployment.exchangeObjectId), sui!],
  });
}

/** Swaps `amountSui` MIST of the signer's SUI for WAL at the exchange; the WAL coin goes to the signer. */
export async function exchangeSuiForWal(
  client: SuiGrpcClient,
  signer: Keypair,
  deployment: WalrusDeployment,
  amountSui: bigint,
) {
  const tx = new Transaction();
  const wal = callExchangeWithSui(tx, deployment, 'exchange_all_for_wal', amountSui);
  tx.transferObjects([wal], signer.toSuiAddress());
  return run(client, signer, tx, 'Exchanging SUI for WAL');
}

/** Sends `amount` FROST of WAL from the signer to each of `recipients`, in one transaction. */
export async function sendWal(
  client: SuiGrpcClient,
  signer: Keypair,
  deployment: WalrusDeployment,
  recipients: string[],
  amount: bigint,
) {
  const tx = new Transaction();
  const type = `${deployment.addresses.wal}::wal::WAL`;
  for (const recipient of recipients)
    tx.transferObjects([coinWithBalance({ type, balance: amount })], recipient);
  return run(client, signer, tx, 'Sending WAL');
}

/** Adds `amountSui` MIST of the signer's SUI to the exchange (so it can pay out WAL→SUI swaps). */
export async function fundExchangeWithSui(
  client: SuiGrpcClient,
  signer: Keypair,
  deployment: WalrusDeployment,
  amountSui: bigint,
) {
  const tx = new Transaction();
  callExchangeWithSui(tx, deployment, 'add_all_sui', amountSui);
  return run(client, signer, tx, 'Funding the exchange with SUI');
}

/** What a node declares when it registers. */
export interface NodeRegistration {
  name: string;
  /** `host:port` of its REST API. */
  networkAddress: string;
  /** Compressed BLS public key (48 bytes). */
  publicKey: Uint8Array;
  /** BLS signature over the proof-of-possession message for the signer and the current epoch. */
  proofOfPossession: Uint8Array;
  /** 33-byte network key (any compressed point; unused by the devnet). */
  networkPublicKey: Uint8Array;
  commissionBps: number;
  storagePrice: bigint;
  writePrice: bigint;
  capacity: bigint;
}

/** Registers the signer as a storage node candidate; returns its node id and capability id. */
export async function registerCandidate(
  client: SuiGrpcClient,
  signer: Keypair,
  deployment: WalrusDeployment,
  node: NodeRegistration,
): Promise<{ nodeId: string; capId: string }> {
  const walrus = deployment.addresses.walrus;
  const tx = new Transaction();
  const metadata = tx.moveCall({
    target: `${walrus}::storage_node::new_metadata`,
    arguments: [tx.pure.string(''), tx.pure.string(''), tx.pure.string(`walrus-devkit ${node.name}`)],
  });
  const cap = tx.moveCall({
    target: `${walrus}::staking::register_candidate`,
    arguments: [
      tx.object(deployment.stakingObjectId),
      tx.pure.string(node.name),
      tx.pure.string(node.networkAddress),
      metadata,
      tx.pure.vector('u8', node.publicKey),
      tx.pure.vector('u8', node.networkPublicKey),
      tx.pure.vector('u8', node.proofOfPossession),
      tx.pure.u16(node.commissionBps),
      tx.pure.u64(node.storagePrice),
      tx.pure.u64(node.writePrice),
      tx.pure.u64(node.capacity),
    ],
  });
  tx.transferObjects([cap], signer.toSuiAddress());
  const result = await run(client, signer, tx, `Registering ${node.name}`);
  const created = await createdObjects(client, result.digest);
  const capObject = created.find((o) => o.type.endsWith('::storage_node::StorageNodeCap'));
  const pool = created.find((o) => o.type.endsWith('::staking_pool::StakingPool'));
  if (!capObject || !pool) throw new Error(`Registering ${node.name} created no StorageNodeCap/StakingPool`);
  return { nodeId: pool.id, capId: capObject.id };
}

/** Stakes `amount` FROST of WAL with a node; returns the StakedWal id. */
export async function stakeWithPool(
  client: SuiGrpcClient,
  signer: Keypair,
  deployment: WalrusDeployment,
  nodeId: string,
  amount: bigint,
): Promise<string> {
  const tx = new Transaction();
  const staked = tx.moveCall({
    target: `${deployment.addresses.walrus}::staking::stake_with_pool`,
    arguments: [
      tx.object(deployment.stakingObjectId),
      coinWithBalance({ type: `${deployment.addresses.wal}::wal::WAL`, balance: amount }),
      tx.pure.id(nodeId),
    ],
  });
  tx.transferObjects([staked], signer.toSuiAddress());
  const result = await run(client, signer, tx, 'Staking');
  const created = await createdObjects(client, result.digest);
  return created.find((o) => o.type.endsWith('::staked_wal::StakedWal'))!.id;
}

/** Runs one `staking::<fn>` call: its first argument is the Staking object, then `args`. */
function callStaking(
  client: SuiGrpcClient,
  signer: Keypair,
  deployment: WalrusDeployment,
  fn: string,
  args: (tx: Transaction) => TransactionArgument[],
  what: string,
) {
  const tx = new Transaction();
  tx.moveCall({
    target: `${deployment.addresses.walrus}::staking::${fn}`,
    arguments: [tx.object(deployment.stakingObjectId), ...args(tx)],
  });
  return run(client, signer, tx, what);
}

/** `staking::voting_end`: picks the next committee (allowed from half an epoch on). */
export async function votingEnd(client: SuiGrpcClient, signer: Keypair, deployment: WalrusDeployment) {
  return callStaking(
    client,
    signer,
    deployment,
    'voting_end',
    (tx) => [tx.object(CLOCK)],
    'Ending the committee vote',
  );
}

/** `staking::initiate_epoch_change_v2`: starts the next epoch (burns 3 %, pays rewards). */
export async function initiateEpochChange(
  client: SuiGrpcClient,
  signer: Keypair,
  deployment: WalrusDeployment,
) {
  return callStaking(
    client,
    signer,
    deployment,
    'initiate_epoch_change_v2',
    (tx) => [tx.object(deployment.systemObjectId), tx.object(deployment.treasuryObjectId), tx.object(CLOCK)],
    'Starting the next epoch',
  );
}

/** `staking::epoch_sync_done`, signed by the node's operator (who holds its capability). */
export async function epochSyncDone(
  client: SuiGrpcClient,
  signer: Keypair,
  deployment: WalrusDeployment,
  capId: string,
  epoch: number,
) {
  return callStaking(
    client,
    signer,
    deployment,
    'epoch_sync_done',
    (tx) => [tx.object(capId), tx.pure.u32(epoch), tx.object(CLOCK)],
    'Signalling epoch sync',
  );
}

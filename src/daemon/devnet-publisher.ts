/**
 * The account that pays for the devnet daemon's writes: a key of its own (derived from the devnet mnemonic on a
 * path no user account uses, so publisher writes never compete with a user's gas coins), funded by the devnet
 * with SUI from its faucet and WAL from the deployer's treasury, topped up when it runs low.
 */
import type { Keypair } from '@mysten/sui/cryptography';
import { coinWithBalance, Transaction } from '@mysten/sui/transactions';
import { type Devnet, devnetKeypair } from '../../devnet/index.js';
import { MIST_PER_SUI } from '../config/defaults.js';

const FROST_PER_WAL = 1_000_000_000n;
/** What the publisher gets, and tops up to when it falls below half. */
const PUBLISHER_SUI = 100n * MIST_PER_SUI;
const PUBLISHER_WAL = 500n * FROST_PER_WAL;

/** The devnet publisher's key (derived natively: the SDK's own derivation costs a boot ~250 ms of CPU). */
export function publisherKeypair(): Keypair {
  return devnetKeypair("m/44'/784'/1002'/0'/0'");
}

/** Funds the publisher account (SUI from the faucet, WAL from the deployer) when it holds less than half its allowance. */
export async function fundPublisher(devnet: Devnet, publisher: Keypair): Promise<void> {
  const owner = publisher.toSuiAddress();
  const walType = `${devnet.deployment.addresses.wal}::wal::WAL`;
  const balance = async (coinType?: string) =>
    BigInt(
      (await devnet.suiClient.core.getBalance({ owner, ...(coinType ? { coinType } : {}) })).balance.balance,
    );
  if ((await balance()) < PUBLISHER_SUI / 2n) await devnet.ledger.fund(owner, PUBLISHER_SUI);
  if ((await balance(walType)) < PUBLISHER_WAL / 2n) {
    const tx = new Transaction();
    tx.transferObjects([coinWithBalance({ type: walType, balance: PUBLISHER_WAL })], owner);
    const result = await devnet.suiClient.core.signAndExecuteTransaction({
      transaction: tx,
      signer: devnet.deployer,
    });
    if (result.$kind !== 'Transaction')
      throw new Error(
        `Funding the devnet publisher with WAL failed: ${result.FailedTransaction?.status.error?.message}`,
      );
    await devnet.suiClient.core.waitForTransaction({ digest: result.Transaction.digest });
  }
}

/**
 * Deploys the Walrus packages on an embedded ledger, as `sui client publish` plus the genesis
 * transactions of a real deployment would: the packages are natives registered when the ledger is
 * built (at the fixed addresses of {@link walrusPackageAddresses}); "publishing" runs each package's
 * `init` with its one-time witness, then `init::initialize_walrus` creates the `System` and `Staking`
 * objects and `wal_exchange::new_funded` opens the SUI↔WAL exchange. Each step is a real transaction
 * (built offline with the SDK's `Transaction`, executed with `ledger.executeTrusted`), so the objects,
 * versions, effects and checkpoints are what clients see on any Sui network.
 */
import { Transaction, TransactionDataBuilder } from '@mysten/sui/transactions';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { blake2b } from '@noble/hashes/blake2.js';
import type { ExecutionOutcome, Ledger } from '../ledger/core/ledger.js';
import { CLOCK_ID, SUI_COIN_TYPE } from '../ledger/core/natives/framework/values.js';
import type { ObjectRecord } from '../ledger/core/types.js';
import type { WalrusAddresses } from './walrus-addresses.js';

/** Package ids of the three Walrus packages. */
export type WalrusPackageAddresses = WalrusAddresses;

/** 1 WAL in FROST. */
export const FROST_PER_WAL = 1_000_000_000n;

/**
 * The fixed package ids of the devnet's Walrus packages: Blake2b-256 of
 * `walrus-devkit/package/<name>`, so every devnet (and every restart) has the same ids. Pass them to
 * `walrusLedgerModules` (devnet/contract-runtime/natives/index.ts) for the ledger's `modules` option.
 * @example const addresses = walrusPackageAddresses(); // { wal: '0x…', wal_exchange: '0x…', walrus: '0x…' }
 */
export function walrusPackageAddresses(): WalrusPackageAddresses {
  const id = (name: string) =>
    normalizeSuiAddress(
      Buffer.from(blake2b(new TextEncoder().encode(`walrus-devkit/package/${name}`), { dkLen: 32 })).toString(
        'hex',
      ),
    );
  return { wal: id('wal'), wal_exchange: id('wal_exchange'), walrus: id('walrus') };
}

/** Options of {@link deployWalrus}. */
export interface DeployWalrusOptions {
  /** The publisher: it pays gas, receives the WAL supply, the exchange's `AdminCap` (and the `InitCap`). */
  deployer: string | { toSuiAddress(): string };
  /** Shards of the Walrus system. */
  nShards: number;
  /** Length of every Walrus epoch after epoch 0, in ms. */
  epochDurationMs: bigint;
  /** How long after deployment the first epoch change may happen, in ms. @default 0n */
  epochZeroDurationMs?: bigint;
  /** How many epochs ahead storage can be bought. @default 53 */
  maxEpochsAhead?: number;
  /**
   * The storage price (FROST per MiB and epoch) nodes vote at registration. The deployment only
   * records it (prices come from the committee's votes); {@link DeployedWalrus.parameters}. @default 5n
   */
  storagePricePerUnit?: bigint;
  /** The write price (FROST per MiB) nodes vote at registration; recorded only. @default 1n */
  writePricePerUnit?: bigint;
  /** FROST of the deployer's WAL supply that funds the SUI↔WAL exchange. @default 4_000_000_000 WAL */
  exchangeWal?: bigint;
  /** Create `System` and `Staking` now. When false, the `InitCap` stays with the deployer. @default true */
  initialize?: boolean;
  /** Package ids; they must be the ones the ledger's native modules were built with. @default walrusPackageAddresses() */
  addresses?: WalrusPackageAddresses;
  /** Gas budget of each deployment transaction, in MIST. @default 1_000_000_000n */
  gasBudget?: bigint;
}

/** What a deployment made: what the devnet descriptor and every Walrus transaction need. */
export interface DeployedWalrus {
  /** The package ids, as the native factories take them. */
  addresses: WalrusPackageAddresses;
  /** The package ids as the descriptor lists them. */
  packages: { wal: string; walrus: string; walExchange: string };
  /** Shared objects: `System`, `Staking`, the `Exchange` and WAL's `ProtectedTreasury`; WAL's frozen metadata. */
  objects: { system: string; staking: string; exchange: string; treasury: string; walMetadata: string };
  /** The exchange's `AdminCap`, owned by the deployer. */
  adminCap: string;
  /** The unspent `InitCap` (only when `initialize` was false). */
  initCap?: string;
  /** The deployer's address and its WAL coin (the supply less the exchange funding). */
  deployer: string;
  walCoin: string;
  /** The parameters deployed with, and the prices nodes should vote. */
  parameters: {
    nShards: number;
    epochDurationMs: bigint;
    epochZeroDurationMs: bigint;
    maxEpochsAhead: number;
    storagePricePerUnit: bigint;
    writePricePerUnit: bigint;
    exchangeWal: bigint;
  };
  /** Digests of the deployment transactions, in order. */
  digests: string[];
}

/**
 * Publishes and initializes Walrus on `ledger` (whose modules must include the Walrus natives at
 * `options.addresses`), synchronously, in four transactions: `wal::init`, `walrus::init::init`,
 * `init::initialize_walrus` and `wal_exchange::new_funded`.
 * @throws Error naming the step when a transaction fails or the packages are not registered
 * @example const walrus = deployWalrus(ledger, { deployer: alice, nShards: 100, epochDurationMs: 60_000n });
 */
export function deployWalrus(ledger: Ledger, options: DeployWalrusOptions): DeployedWalrus {
  const addresses = normalized(options.addresses ?? walrusPackageAddresses());
  for (const [name, address] of Object.entries(addresses)) {
    if (!ledger.registry.hasPackage(address)) {
      throw new Error(
        `The ledger has no ${name} package at ${address}: build it with the Walrus native modules for these addresses`,
      );
    }
  }
  const deployer = normalizeSuiAddress(
    typeof options.deployer === 'string' ? options.deployer : options.deployer.toSuiAddress(),
  );
  const parameters = {
    nShards: options.nShards,
    epochDurationMs: options.epochDurationMs,
    epochZeroDurationMs: options.epochZeroDurationMs ?? 0n,
    maxEpochsAhead: options.maxEpochsAhead ?? 53,
    storagePricePerUnit: options.storagePricePerUnit ?? 5n,
    writePricePerUnit: options.writePricePerUnit ?? 1n,
    exchangeWal: options.exchangeWal ?? 4_000_000_000n * FROST_PER_WAL,
  };
  const run = (step: string, build: (tx: Transaction) => void) =>
    executeAs(ledger, deployer, options.gasBudget ?? 1_000_000_000n, step, build);
  const digests: string[] = [];
  const type = (address: string, module: string, name: string) => `${address}::${module}::${name}`;
  const walType = type(addresses.wal, 'wal', 'WAL');

  // 1. Publish wal: its init mints the supply to the deployer and shares the ProtectedTreasury.
  const published = run('Publishing wal (wal::init)', (tx) => {
    // The one-time witness `WAL` is a struct with one `dummy_field: bool`: BCS `false`.
    tx.moveCall({ target: `${addresses.wal}::wal::init`, arguments: [tx.pure.bool(false)] });
  });
  digests.push(published.record.digest);
  const treasury = created(published, type(addresses.wal, 'wal', 'ProtectedTreasury'), 'wal::init');
  const walMetadata = created(published, `0x2::coin::CoinMetadata<${walType}>`, 'wal::init');
  const walCoin = created(published, `0x2::coin::Coin<${walType}>`, 'wal::init');

  // 2. Publish walrus: its init hands the deployer the InitCap.
  const initialized = run('Publishing walrus (init::init)', (tx) => {
    tx.moveCall({ target: `${addresses.walrus}::init::init`, arguments: [tx.pure.bool(false)] });
  });
  digests.push(initialized.record.digest);
  const initCap = created(initialized, type(addresses.walrus, 'init', 'InitCap'), 'init::init');

  // 3. Create System and Staking.
  let system = '';
  let staking = '';
  if (options.initialize ?? true) {
    const start = run('Initializing Walrus (init::initialize_walrus)', (tx) => {
      tx.moveCall({
        target: `${addresses.walrus}::init::initialize_walrus`,
        arguments: [
          tx.objectRef(refOf(ledger, initCap)),
          tx.pure.u64(parameters.epochZeroDurationMs),
          tx.pure.u64(parameters.epochDurationMs),
          tx.pure.u16(parameters.nShards),
          tx.pure.u32(parameters.maxEpochsAhead),
          tx.sharedObjectRef(sharedRefOf(ledger, CLOCK_ID, false)),
        ],
      });
    });
    digests.push(start.record.digest);
    system = created(start, type(addresses.walrus, 'system', 'System'), 'initialize_walrus');
    staking = created(start, type(addresses.walrus, 'staking', 'Staking'), 'initialize_walrus');
  }

  // 4. Open the exchange with part of the deployer's WAL.
  const exchanged = run('Funding the WAL exchange (wal_exchange::new_funded)', (tx) => {
    const adminCap = tx.moveCall({
      target: `${addresses.wal_exchange}::wal_exchange::new_funded`,
      arguments: [tx.objectRef(refOf(ledger, walCoin)), tx.pure.u64(parameters.exchangeWal)],
    });
    tx.transferObjects([adminCap], deployer);
  });
  digests.push(exchanged.record.digest);
  const exchange = created(exchanged, type(addresses.wal_exchange, 'wal_exchange', 'Exchange'), 'new_funded');
  const adminCap = created(exchanged, type(addresses.wal_exchange, 'wal_exchange', 'AdminCap'), 'new_funded');

  return {
    addresses,
    packages: { wal: addresses.wal, walrus: addresses.walrus, walExchange: addresses.wal_exchange },
    objects: { system, staking, exchange, treasury, walMetadata },
    adminCap,
    ...((options.initialize ?? true) ? {} : { initCap }),
    deployer,
    walCoin,
    parameters,
    digests,
  };
}

function normalized(addresses: WalrusPackageAddresses): WalrusPackageAddresses {
  return {
    wal: normalizeSuiAddress(addresses.wal),
    wal_exchange: normalizeSuiAddress(addresses.wal_exchange),
    walrus: normalizeSuiAddress(addresses.walrus),
  };
}

/** Builds a transaction from `sender` paying with its largest SUI coin and executes it as trusted. */
function executeAs(
  ledger: Ledger,
  sender: string,
  budget: bigint,
  step: string,
  build: (tx: Transaction) => void,
): ExecutionOutcome {
  const gas = largestSuiCoin(ledger, sender);
  if (!gas) throw new Error(`${step}: the deployer ${sender} owns no SUI to pay gas`);
  const balance = (ledger.layouts.decode(gas.type, gas.contents) as { balance: { value: bigint } }).balance
    .value;
  const tx = new Transaction();
  tx.setSender(sender);
  tx.setGasPrice(ledger.state.meta.referenceGasPrice);
  tx.setGasBudget(budget < balance ? budget : balance);
  tx.setGasPayment([{ objectId: gas.id, version: gas.version.toString(), digest: gas.digest }]);
  build(tx);
  // Every input is resolved (pure values, object references), so the bytes build synchronously.
  const bytes = TransactionDataBuilder.restore(tx.getData()).build();
  const outcome = ledger.executeTrusted(bytes, { allowPrivate: true });
  const status = outcome.record.status;
  if (!status.success) throw new Error(`${step} failed: ${status.message}`);
  return outcome;
}

function largestSuiCoin(ledger: Ledger, owner: string): ObjectRecord | undefined {
  let best: { record: ObjectRecord; value: bigint } | undefined;
  for (const id of ledger.state.ownedBy(owner)) {
    const record = ledger.state.object(id);
    if (record?.type !== SUI_COIN_TYPE) continue;
    const value = (ledger.layouts.decode(record.type, record.contents) as { balance: { value: bigint } })
      .balance.value;
    if (!best || value > best.value) best = { record, value };
  }
  return best?.record;
}

function refOf(ledger: Ledger, id: string): { objectId: string; version: string; digest: string } {
  const record = ledger.state.object(id);
  if (!record) throw new Error(`Object ${id} does not exist`);
  return { objectId: id, version: record.version.toString(), digest: record.digest };
}

function sharedRefOf(
  ledger: Ledger,
  id: string,
  mutable: boolean,
): { objectId: string; initialSharedVersion: string; mutable: boolean } {
  const record = ledger.state.object(id);
  if (record?.owner.kind !== 'shared') throw new Error(`Object ${id} is not shared`);
  return { objectId: id, initialSharedVersion: record.owner.initialSharedVersion.toString(), mutable };
}

/** The one object of `type` the transaction created (types compared with full addresses). */
function created(outcome: ExecutionOutcome, type: string, step: string): string {
  const wanted = canonicalType(type);
  const ids = outcome.record.changedObjects
    .filter((c) => c.idOperation === 'created' && c.output && canonicalType(c.output.type) === wanted)
    .map((c) => c.id);
  if (ids.length !== 1) throw new Error(`${step} created ${ids.length} objects of type ${type}, expected 1`);
  return ids[0]!;
}

/** A type string with every address in full length. */
function canonicalType(type: string): string {
  return type.replace(/0x[0-9a-fA-F]+/g, (address) => normalizeSuiAddress(address));
}

/**
 * A Walrus deployment on an embedded ledger for the staking tests: the real native modules, the
 * deployment of `devnet/contract-runtime/deploy.ts`, funded accounts, signed transactions built offline, and
 * readers for the on-chain state (decoded with the ledger's layouts, as the SDK reads them).
 */
import { bcs } from '@mysten/sui/bcs';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Transaction, type TransactionArgument, TransactionDataBuilder } from '@mysten/sui/transactions';
import { deriveDynamicFieldID, normalizeSuiAddress } from '@mysten/sui/utils';
import {
  type DeployedWalrus,
  deployWalrus,
  walrusPackageAddresses,
} from '../../../../devnet/contract-runtime/deploy.js';
import { ledgerFramework } from '../../../../devnet/contract-runtime/natives/framework/index.js';
import { walrusLedgerModules } from '../../../../devnet/contract-runtime/natives/index.js';
import { Ledger } from '../../../../devnet/ledger/core/ledger.js';
import { CLOCK_ID, SUI_COIN_TYPE } from '../../../../devnet/ledger/core/natives/framework/values.js';
import type { ObjectRecord, TransactionRecord } from '../../../../devnet/ledger/core/types.js';
import { BlsKeyPair } from '../../../../devnet/storage-node/bls-keys.js';

export const WAL = 1_000_000_000n;
/** One MiB, the unit `reserve_space` sizes are counted in here. */
export const MiB = 1n << 20n;
export const SUI = 1_000_000_000n;

/** A registered storage node of the test network. */
export interface TestNode {
  index: number;
  name: string;
  operator: Ed25519Keypair;
  bls: BlsKeyPair;
  nodeId: string;
  capId: string;
}

/** Options of {@link WalrusTestNet.create}. */
export interface TestNetOptions {
  nShards?: number;
  epochDurationMs?: bigint;
  epochZeroDurationMs?: bigint;
  /** Funded accounts besides the deployer (operators and stakers). @default 8 */
  accounts?: number;
  /**
   * Deploy on this ledger (built with `walrusLedgerModules(walrusPackageAddresses())`) instead of a new
   * manual-clock one; `signers[0]` deploys, the others are the accounts. Each needs SUI.
   */
  on?: { ledger: Ledger; signers: Ed25519Keypair[] };
}

/** Decoded values, loosely typed for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: test readers of decoded Move values
type Decoded = any;

const keypair = (i: number) => Ed25519Keypair.fromSecretKey(new Uint8Array(32).fill(i + 1));

/** A ledger with Walrus deployed, and the helpers the staking tests share. */
export class WalrusTestNet {
  readonly addresses = walrusPackageAddresses();
  readonly deployer: Ed25519Keypair;
  readonly accounts: Ed25519Keypair[];
  readonly ledger: Ledger;
  readonly deployment: DeployedWalrus;
  readonly epochDurationMs: bigint;

  private constructor(options: TestNetOptions) {
    if (options.on) {
      [this.deployer, ...this.accounts] = options.on.signers as [Ed25519Keypair, ...Ed25519Keypair[]];
      this.ledger = options.on.ledger;
    } else {
      this.deployer = keypair(0);
      this.accounts = Array.from({ length: options.accounts ?? 8 }, (_, i) => keypair(i + 1));
      this.ledger = new Ledger({
        framework: ledgerFramework(),
        clock: 'manual',
        genesisAccounts: [this.deployer, ...this.accounts].map((k) => ({
          address: k.toSuiAddress(),
          balance: 1_000_000n * SUI,
        })),
        modules: walrusLedgerModules(this.addresses),
      });
    }
    this.epochDurationMs = options.epochDurationMs ?? 3_600_000n;
    this.deployment = deployWalrus(this.ledger, {
      deployer: this.deployer,
      nShards: options.nShards ?? 10,
      epochDurationMs: this.epochDurationMs,
      epochZeroDurationMs: options.epochZeroDurationMs ?? 0n,
    });
  }

  /** Deploys Walrus on a fresh ledger. */
  static create(options: TestNetOptions = {}): WalrusTestNet {
    return new WalrusTestNet(options);
  }

  get walrus(): string {
    return this.addresses.walrus;
  }

  get walType(): string {
    return `${this.addresses.wal}::wal::WAL`;
  }

  // ------------------------------------------------------------------ transactions

  /** A shared object argument (mutable unless `mutable` is false). */
  shared(tx: Transaction, id: string, mutable = true) {
    const record = this.object(id);
    if (record.owner.kind !== 'shared') throw new Error(`${id} is not shared`);
    return tx.sharedObjectRef({
      objectId: id,
      initialSharedVersion: record.owner.initialSharedVersion.toString(),
      mutable,
    });
  }

  /** An owned object argument at its current version. */
  owned(tx: Transaction, id: string) {
    const record = this.object(id);
    return tx.objectRef({ objectId: id, version: record.version.toString(), digest: record.digest });
  }

  clock(tx: Transaction) {
    return this.shared(tx, CLOCK_ID, false);
  }

  /** Builds, signs (by `signer`) and executes a transaction; returns the committed record. */
  async execute(signer: Ed25519Keypair, build: (tx: Transaction) => void): Promise<TransactionRecord> {
    const sender = signer.toSuiAddress();
    const gas = this.coins(sender, SUI_COIN_TYPE).sort((a, b) => (b.value > a.value ? 1 : -1))[0]!;
    const tx = new Transaction();
    tx.setSender(sender);
    tx.setGasPrice(1000);
    tx.setGasBudget(500_000_000);
    tx.setGasPayment([
      { objectId: gas.id, version: gas.record.version.toString(), digest: gas.record.digest },
    ]);
    build(tx);
    const bytes = TransactionDataBuilder.restore(tx.getData()).build();
    const { signature } = await signer.signTransaction(bytes);
    return (await this.ledger.execute(bytes, [signature])).record;
  }

  /** Calls `target` (`module::function`) of the Walrus package as `signer` with the arguments `args` builds. */
  call(
    signer: Ed25519Keypair,
    target: string,
    args: (tx: Transaction) => TransactionArgument[],
  ): Promise<TransactionRecord> {
    return this.execute(signer, (tx) => {
      tx.moveCall({ target: `${this.walrus}::${target}`, arguments: args(tx) });
    });
  }

  /** Calls `staking::fun` as the node's operator with the Staking object, the node's cap, then `args`. */
  nodeCall(
    node: TestNode,
    fun: string,
    args: (tx: Transaction) => TransactionArgument[],
  ): Promise<TransactionRecord> {
    return this.call(node.operator, `staking::${fun}`, (tx) => [
      this.shared(tx, this.deployment.objects.staking),
      this.owned(tx, node.capId),
      ...args(tx),
    ]);
  }

  /**
   * Builds and dry-runs a transaction from `signer` (no signature, nothing committed); returns the
   * record and each command's return values (type and BCS bytes).
   */
  simulate(signer: Ed25519Keypair, build: (tx: Transaction) => void) {
    const tx = new Transaction();
    tx.setSender(signer.toSuiAddress());
    tx.setGasPrice(1000);
    tx.setGasBudget(500_000_000);
    tx.setGasPayment([]);
    build(tx);
    return this.ledger.simulate(TransactionDataBuilder.restore(tx.getData()).build());
  }

  /**
   * Where a failed transaction aborted, as the ledger reports it (and Sui does): the Move function that
   * raised the abort (package, module, function) and the code.
   */
  abortOf(record: TransactionRecord): { packageId: string; module: string; function: string; code: number } {
    if (record.status.success) throw new Error('Expected the transaction to abort');
    const { abort } = record.status;
    if (!abort) throw new Error(`Expected a Move abort, got ${record.status.kind}: ${record.status.message}`);
    return {
      packageId: abort.packageId,
      module: abort.module,
      function: abort.function,
      code: Number(abort.code),
    };
  }

  /** An abort raised in the Walrus package's `module::fun` with `code`, as {@link abortOf} reports it. */
  walrusAbort(module: string, fun: string, code: number) {
    return { packageId: this.walrus, module, function: fun, code };
  }

  /** Like {@link execute}, failing the test with the status when the transaction fails. */
  async run(signer: Ed25519Keypair, build: (tx: Transaction) => void): Promise<TransactionRecord> {
    const record = await this.execute(signer, build);
    if (!record.status.success) throw new Error(`Transaction failed: ${record.status.message}`);
    return record;
  }

  /** Ids of the objects a transaction created whose type ends with `suffix`. */
  created(record: TransactionRecord, suffix: string): string[] {
    return record.changedObjects
      .filter((c) => c.idOperation === 'created' && c.output?.type.endsWith(suffix))
      .map((c) => c.id);
  }

  // ------------------------------------------------------------------ objects and coins

  object(id: string): ObjectRecord {
    const record = this.ledger.state.object(normalizeSuiAddress(id));
    if (!record) throw new Error(`Object ${id} does not exist`);
    return record;
  }

  decode(id: string): Decoded {
    const record = this.object(id);
    return this.ledger.layouts.decode(record.type, record.contents);
  }

  /** Coins of `type` owned by `owner`. */
  coins(owner: string, type: string): Array<{ id: string; value: bigint; record: ObjectRecord }> {
    return this.ledger.state
      .ownedBy(owner)
      .map((id) => this.ledger.state.object(id)!)
      .filter((r) => r.type === type)
      .map((r) => ({
        id: r.id,
        record: r,
        value: (this.ledger.layouts.decode(r.type, r.contents) as { balance: { value: bigint } }).balance
          .value,
      }));
  }

  walCoinType(): string {
    return `0x0000000000000000000000000000000000000000000000000000000000000002::coin::Coin<${this.walType}>`;
  }

  /** Total WAL (FROST) in coins owned by `owner`. */
  walBalance(owner: string): bigint {
    return this.coins(owner, this.walCoinType()).reduce((sum, c) => sum + c.value, 0n);
  }

  /** Sends `amount` FROST from the deployer's WAL to `to`. */
  async giveWal(to: string, amount: bigint): Promise<void> {
    await this.run(this.deployer, (tx) => {
      const [coin] = tx.splitCoins(this.owned(tx, this.deployment.walCoin), [amount]);
      tx.transferObjects([coin!], to);
    });
  }

  /** A single WAL coin of exactly `amount` for `owner` (merging and splitting its coins). */
  walCoinArg(tx: Transaction, owner: string, amount: bigint) {
    const coins = this.coins(owner, this.walCoinType());
    if (!coins.length) throw new Error(`${owner} has no WAL`);
    const [first, ...rest] = coins.map((c) => this.owned(tx, c.id));
    if (rest.length) tx.mergeCoins(first!, rest);
    const [coin] = tx.splitCoins(first!, [amount]);
    return coin!;
  }

  /**
   * `system::reserve_space` of `units` MiB for `epochsAhead` epochs, paid with exactly `cost` FROST of
   * `buyer`'s WAL (the emptied coin is destroyed); the Storage goes to `buyer`.
   */
  reserveSpace(
    buyer: Ed25519Keypair,
    units: bigint,
    epochsAhead: number,
    cost: bigint,
  ): Promise<TransactionRecord> {
    return this.run(buyer, (tx) => {
      const pay = this.walCoinArg(tx, buyer.toSuiAddress(), cost);
      const storage = tx.moveCall({
        target: `${this.walrus}::system::reserve_space`,
        arguments: [
          this.shared(tx, this.deployment.objects.system),
          tx.pure.u64(units * MiB),
          tx.pure.u32(epochsAhead),
          pay,
        ],
      });
      tx.moveCall({ target: '0x2::coin::destroy_zero', typeArguments: [this.walType], arguments: [pay] });
      tx.transferObjects([storage], buyer.toSuiAddress());
    });
  }

  // ------------------------------------------------------------------ state readers

  /** The `StakingInnerV1` value. */
  stakingInner(): Decoded {
    const id = deriveDynamicFieldID(
      this.deployment.objects.staking,
      'u64',
      bcs.u64().serialize(1n).toBytes(),
    );
    return this.decode(id).value;
  }

  /** The `SystemStateInnerV1` value. */
  systemInner(): Decoded {
    const id = deriveDynamicFieldID(this.deployment.objects.system, 'u64', bcs.u64().serialize(1n).toBytes());
    return this.decode(id).value;
  }

  /** The staking pool of a node (its object id is the node id). */
  pool(nodeId: string): Decoded {
    return this.decode(nodeId);
  }

  /** WAL's total supply (the treasury cap). */
  totalSupply(): bigint {
    return this.decode(this.deployment.objects.treasury).cap.total_supply.value;
  }

  /** The `ActiveSet` (through the extended field's `Key()` child). */
  activeSet(): Decoded {
    const inner = this.stakingInner();
    const key = `${this.walrus}::extended_field::Key`;
    const id = deriveDynamicFieldID(inner.active_set.id.id.bytes, key, new Uint8Array([0]));
    return this.decode(id).value;
  }

  /**
   * Every FROST of WAL on the ledger, wherever it is held: coins, staked principals, pools' rewards
   * and commission, penalty WAL awaiting its burn, the exchange, and the System's future-accounting
   * ring buffer.
   */
  walEverywhere(): bigint {
    let total = 0n;
    const walrus = normalizeSuiAddress(this.walrus);
    for (const record of this.ledger.state.allObjects()) {
      if (record.type === this.walCoinType()) {
        total += (this.ledger.layouts.decode(record.type, record.contents) as Decoded).balance
          .value as bigint;
      } else if (record.type === `${walrus}::staked_wal::StakedWal`) {
        total += (this.ledger.layouts.decode(record.type, record.contents) as Decoded).principal
          .value as bigint;
      } else if (record.type === `${walrus}::staking_pool::StakingPool`) {
        const pool = this.ledger.layouts.decode(record.type, record.contents) as Decoded;
        total += (pool.rewards_pool.value as bigint) + (pool.commission.value as bigint);
      } else if (record.type.includes('::staking::PenaltyBurnKey,')) {
        // Storage-challenge penalty WAL withheld from withdrawn stakes, burned at the next epoch change.
        total += (this.ledger.layouts.decode(record.type, record.contents) as Decoded).value.value as bigint;
      } else if (record.type.endsWith('::wal_exchange::Exchange')) {
        total += (this.ledger.layouts.decode(record.type, record.contents) as Decoded).wal.value as bigint;
      } else if (record.type.endsWith('::system_state_inner::SystemStateInnerV1>')) {
        const inner = (this.ledger.layouts.decode(record.type, record.contents) as Decoded).value;
        for (const entry of inner.future_accounting.ring_buffer)
          total += entry.rewards_to_distribute.value as bigint;
      }
    }
    return total;
  }

  // ------------------------------------------------------------------ nodes and staking

  /**
   * Registers `count` storage nodes (operators are `accounts[0..count)`), each with a BLS proof of
   * possession for the current Walrus epoch; returns them in registration order.
   */
  async registerTestNodes(
    count: number,
    options: { storagePrice?: bigint; writePrice?: bigint; capacity?: bigint; commissionBps?: number } = {},
  ): Promise<TestNode[]> {
    const nodes: TestNode[] = [];
    for (let index = 0; index < count; index++) {
      const operator = this.accounts[index]!;
      const bls = BlsKeyPair.generate(new Uint8Array(48).fill(100 + index));
      const name = `node-${index}`;
      const record = await this.registerCandidate(operator, bls, {
        name,
        proofOfPossession: bls.proofOfPossession(this.stakingInner().epoch, operator.toSuiAddress()),
        ...options,
      });
      if (!record.status.success) throw new Error(`Registering ${name} failed: ${record.status.message}`);
      const nodeId = this.created(record, '::staking_pool::StakingPool')[0]!;
      const capId = this.created(record, '::storage_node::StorageNodeCap')[0]!;
      nodes.push({ index, name, operator, bls, nodeId, capId });
    }
    return nodes;
  }

  /** `staking::register_candidate` (transferring the cap to the operator); the record, failed or not. */
  registerCandidate(
    operator: Ed25519Keypair,
    bls: BlsKeyPair,
    options: {
      name: string;
      proofOfPossession: Uint8Array;
      publicKey?: Uint8Array;
      storagePrice?: bigint;
      writePrice?: bigint;
      capacity?: bigint;
      commissionBps?: number;
    },
  ): Promise<TransactionRecord> {
    return this.execute(operator, (tx) => {
      const metadata = tx.moveCall({
        target: `${this.walrus}::storage_node::new_metadata`,
        arguments: [tx.pure.string(''), tx.pure.string(''), tx.pure.string(options.name)],
      });
      const cap = tx.moveCall({
        target: `${this.walrus}::staking::register_candidate`,
        arguments: [
          this.shared(tx, this.deployment.objects.staking),
          tx.pure.string(options.name),
          tx.pure.string(`127.0.0.1:${9100 + Number.parseInt(options.name.replace(/\D/g, '') || '0', 10)}`),
          metadata,
          tx.pure.vector('u8', options.publicKey ?? bls.publicKey),
          tx.pure.vector('u8', new Uint8Array(33).fill(2)),
          tx.pure.vector('u8', options.proofOfPossession),
          tx.pure.u16(options.commissionBps ?? 1000),
          tx.pure.u64(options.storagePrice ?? 5n),
          tx.pure.u64(options.writePrice ?? 1n),
          tx.pure.u64(options.capacity ?? 1n << 40n),
        ],
      });
      tx.transferObjects([cap], operator.toSuiAddress());
    });
  }

  /** `staking::stake_with_pool` of `amount` FROST from `staker`'s WAL; the record, failed or not. */
  stake(staker: Ed25519Keypair, nodeId: string, amount: bigint): Promise<TransactionRecord> {
    return this.execute(staker, (tx) => {
      const staked = tx.moveCall({
        target: `${this.walrus}::staking::stake_with_pool`,
        arguments: [
          this.shared(tx, this.deployment.objects.staking),
          this.walCoinArg(tx, staker.toSuiAddress(), amount),
          tx.pure.id(nodeId),
        ],
      });
      tx.transferObjects([staked], staker.toSuiAddress());
    });
  }

  /** Stakes and returns the new `StakedWal`'s id (failing the test if staking fails). */
  async stakeOk(staker: Ed25519Keypair, nodeId: string, amount: bigint): Promise<string> {
    const record = await this.stake(staker, nodeId, amount);
    if (!record.status.success) throw new Error(`Staking failed: ${record.status.message}`);
    return this.created(record, '::staked_wal::StakedWal')[0]!;
  }

  requestWithdraw(staker: Ed25519Keypair, stakedWal: string): Promise<TransactionRecord> {
    return this.execute(staker, (tx) => {
      tx.moveCall({
        target: `${this.walrus}::staking::request_withdraw_stake`,
        arguments: [this.shared(tx, this.deployment.objects.staking), this.owned(tx, stakedWal)],
      });
    });
  }

  withdraw(staker: Ed25519Keypair, stakedWal: string): Promise<TransactionRecord> {
    return this.execute(staker, (tx) => {
      const coin = tx.moveCall({
        target: `${this.walrus}::staking::withdraw_stake`,
        arguments: [this.shared(tx, this.deployment.objects.staking), this.owned(tx, stakedWal)],
      });
      tx.transferObjects([coin], staker.toSuiAddress());
    });
  }

  /** `staking::calculate_rewards` for `stakedWal`, read with a dry run by its owner. */
  calculateRewards(owner: Ed25519Keypair, stakedWal: string): bigint {
    const { record, commandOutputs } = this.simulate(owner, (tx) => {
      tx.moveCall({
        target: `${this.walrus}::staking::calculate_rewards`,
        arguments: [this.shared(tx, this.deployment.objects.staking, false), this.owned(tx, stakedWal)],
      });
    });
    if (!record.status.success) throw new Error(`calculate_rewards failed: ${record.status.message}`);
    const [output] = commandOutputs[0]!;
    if (output?.type !== 'u64') throw new Error(`calculate_rewards returned ${output?.type}`);
    return BigInt(bcs.u64().parse(output.bytes));
  }

  // ------------------------------------------------------------------ epochs

  /** Moves the ledger clock (and the shared Clock object) forward. */
  advanceClock(ms: bigint): void {
    this.ledger.advanceClock(ms);
  }

  votingEnd(signer: Ed25519Keypair = this.deployer): Promise<TransactionRecord> {
    return this.call(signer, 'staking::voting_end', (tx) => [
      this.shared(tx, this.deployment.objects.staking),
      this.clock(tx),
    ]);
  }

  initiateEpochChange(signer: Ed25519Keypair = this.deployer): Promise<TransactionRecord> {
    const { staking, system, treasury } = this.deployment.objects;
    return this.call(signer, 'staking::initiate_epoch_change_v2', (tx) => [
      this.shared(tx, staking),
      this.shared(tx, system),
      this.shared(tx, treasury),
      this.clock(tx),
    ]);
  }

  epochSyncDone(node: TestNode, epoch: number): Promise<TransactionRecord> {
    return this.nodeCall(node, 'epoch_sync_done', (tx) => [tx.pure.u32(epoch), this.clock(tx)]);
  }

  /**
   * One full epoch: waits half an epoch, ends the vote, waits the rest, starts the next epoch and lets
   * every committee member among `nodes` signal its sync. Returns the new epoch.
   */
  async nextEpoch(nodes: TestNode[]): Promise<number> {
    const inner = this.stakingInner();
    if (inner.epoch > 0) this.advanceClock(this.epochDurationMs / 2n);
    const vote = await this.votingEnd();
    if (!vote.status.success) throw new Error(`voting_end failed: ${vote.status.message}`);
    if (inner.epoch > 0) this.advanceClock(this.epochDurationMs - this.epochDurationMs / 2n);
    const change = await this.initiateEpochChange();
    if (!change.status.success) throw new Error(`initiate_epoch_change_v2 failed: ${change.status.message}`);
    const epoch = this.stakingInner().epoch as number;
    const members = new Set(
      (this.stakingInner().committee.pos0.contents as Array<{ key: { bytes: string } }>).map(
        (e) => e.key.bytes,
      ),
    );
    for (const node of nodes.filter((n) => members.has(n.nodeId))) {
      const sync = await this.epochSyncDone(node, epoch);
      if (!sync.status.success) throw new Error(`epoch_sync_done failed: ${sync.status.message}`);
    }
    return epoch;
  }
}

/**
 * Generated from contracts/<package>/sources/*.move by `npm run gen:move`
 * (scripts/gen-move.ts, devnet/contract-runtime/move-codegen.ts). Do not edit: change the Move
 * source and regenerate.
 */
import type {
  BalanceValue,
  BcsValue,
  ClockValue,
  CoinValue,
  ElementValue,
  IdValue,
  OptionValue,
  ReceivingValue,
  StringValue,
  TableValue,
  TreasuryCapValue,
  TxContextValue,
  UidValue,
  VecMapValue,
} from '../natives/support/framework-values.js';

// wal::wal

/** `wal::wal::WAL`, decoded. */
export interface WALValue {
  dummy_field: boolean;
}

/** `wal::wal::ProtectedTreasury`, decoded. */
export interface ProtectedTreasuryValue {
  id: UidValue;
  cap: TreasuryCapValue;
}

// wal_exchange::wal_exchange

/** `wal_exchange::wal_exchange::Exchange`, decoded. */
export interface ExchangeValue {
  id: UidValue;
  wal: BalanceValue;
  sui: BalanceValue;
  rate: ExchangeRateValue;
  admin: IdValue;
}

/** `wal_exchange::wal_exchange::AdminCap`, decoded. */
export interface AdminCapValue {
  id: UidValue;
}

/** `wal_exchange::wal_exchange::ExchangeRate`, decoded. */
export interface ExchangeRateValue {
  wal: bigint;
  sui: bigint;
}

// walrus::auth

/** `walrus::auth::Authenticated`, decoded. */
export type AuthenticatedValue =
  | {
      $kind?: 'Sender';
      Sender: {
        pos0: string;
      };
    }
  | {
      $kind?: 'Object';
      Object: {
        pos0: IdValue;
      };
    };

/** `walrus::auth::Authorized`, decoded. */
export type AuthorizedValue =
  | {
      $kind?: 'Address';
      Address: {
        pos0: string;
      };
    }
  | {
      $kind?: 'ObjectID';
      ObjectID: {
        pos0: IdValue;
      };
    };

// walrus::blob

/** `walrus::blob::Blob`, decoded. */
export interface BlobValue {
  id: UidValue;
  registered_epoch: number;
  blob_id: bigint;
  size: bigint;
  encoding_type: number;
  certified_epoch: OptionValue<number>;
  storage: StorageValue;
  deletable: boolean;
}

/** `walrus::blob::BlobIdDerivation`, decoded. */
export interface BlobIdDerivationValue {
  encoding_type: number;
  size: bigint;
  root_hash: bigint;
}

// walrus::bls_aggregate

/** `walrus::bls_aggregate::BlsCommitteeMember`, decoded. */
export interface BlsCommitteeMemberValue {
  public_key: ElementValue;
  weight: number;
  node_id: IdValue;
}

/** `walrus::bls_aggregate::BlsCommittee`, decoded. */
export interface BlsCommitteeValue {
  members: BlsCommitteeMemberValue[];
  n_shards: number;
  epoch: number;
  total_aggregated_key: ElementValue;
}

/** `walrus::bls_aggregate::RequiredWeight`, decoded. */
export type RequiredWeightValue =
  | { $kind?: 'Quorum'; Quorum: true | null }
  | { $kind?: 'OneCorrectNode'; OneCorrectNode: true | null };

// walrus::challenge

/** `walrus::challenge::ChallengeKey`, decoded. */
export interface ChallengeKeyValue {
  dummy_field: boolean;
}

/** `walrus::challenge::ChallengeRound`, decoded. */
export interface ChallengeRoundValue {
  round: bigint;
  epoch: number;
  seed: Uint8Array;
  deadline_ms: bigint;
  sample_size: number;
  nodes: IdValue[];
  shards: number[];
  passed: IdValue[];
  resolved: boolean;
  penalty_bps_per_shard: number;
  penalty_by_commission: boolean;
  committee: IdValue[];
  committee_shards: number[];
  missed: bigint[];
}

/** `walrus::challenge::ChallengeState`, decoded. */
export interface ChallengeStateValue {
  operator: string;
  next_round: bigint;
  last: OptionValue<ChallengeRoundValue>;
}

/** `walrus::challenge::ChallengeStarted`, decoded. */
export interface ChallengeStartedValue {
  epoch: number;
  round: bigint;
  seed: Uint8Array;
  deadline: bigint;
  sample_size: number;
  nodes: IdValue[];
}

/** `walrus::challenge::ChallengePassed`, decoded. */
export interface ChallengePassedValue {
  epoch: number;
  round: bigint;
  node_id: IdValue;
  signers_weight: number;
}

/** `walrus::challenge::ChallengeFailed`, decoded. */
export interface ChallengeFailedValue {
  epoch: number;
  round: bigint;
  node_id: IdValue;
  shards: number;
}

/** `walrus::challenge::NodePenalized`, decoded. */
export interface NodePenalizedValue {
  epoch: number;
  round: bigint;
  node_id: IdValue;
  amount: bigint;
  reason: number;
  by_commission: boolean;
}

// walrus::committee

/** `walrus::committee::Committee`, decoded. */
export interface CommitteeValue {
  pos0: VecMapValue<IdValue, number[]>;
}

// walrus::epoch_parameters

/** `walrus::epoch_parameters::EpochParams`, decoded. */
export interface EpochParamsValue {
  total_capacity_size: bigint;
  storage_price_per_unit_size: bigint;
  write_price_per_unit_size: bigint;
}

// walrus::event_blob

/** `walrus::event_blob::EventBlobAttestation`, decoded. */
export interface EventBlobAttestationValue {
  checkpoint_sequence_num: bigint;
  epoch: number;
}

/** `walrus::event_blob::EventBlob`, decoded. */
export interface EventBlobValue {
  blob_id: bigint;
  ending_checkpoint_sequence_number: bigint;
}

/** `walrus::event_blob::EventBlobCertificationState`, decoded. */
export interface EventBlobCertificationStateValue {
  latest_certified_blob: OptionValue<EventBlobValue>;
  aggregate_weight_per_blob: VecMapValue<EventBlobValue, number>;
}

// walrus::events

/** `walrus::events::BlobRegistered`, decoded. */
export interface BlobRegisteredValue {
  epoch: number;
  blob_id: bigint;
  size: bigint;
  encoding_type: number;
  end_epoch: number;
  deletable: boolean;
  object_id: IdValue;
}

/** `walrus::events::BlobCertified`, decoded. */
export interface BlobCertifiedValue {
  epoch: number;
  blob_id: bigint;
  end_epoch: number;
  deletable: boolean;
  object_id: IdValue;
  is_extension: boolean;
}

/** `walrus::events::BlobDeleted`, decoded. */
export interface BlobDeletedValue {
  epoch: number;
  blob_id: bigint;
  end_epoch: number;
  object_id: IdValue;
  was_certified: boolean;
}

/** `walrus::events::InvalidBlobID`, decoded. */
export interface InvalidBlobIDValue {
  epoch: number;
  blob_id: bigint;
}

/** `walrus::events::EpochChangeStart`, decoded. */
export interface EpochChangeStartValue {
  epoch: number;
}

/** `walrus::events::EpochChangeDone`, decoded. */
export interface EpochChangeDoneValue {
  epoch: number;
}

/** `walrus::events::ShardsReceived`, decoded. */
export interface ShardsReceivedValue {
  epoch: number;
  shards: number[];
}

/** `walrus::events::EpochParametersSelected`, decoded. */
export interface EpochParametersSelectedValue {
  next_epoch: number;
}

/** `walrus::events::ShardRecoveryStart`, decoded. */
export interface ShardRecoveryStartValue {
  epoch: number;
  shards: number[];
}

// walrus::extended_field

/** `walrus::extended_field::ExtendedField`, decoded. */
export interface ExtendedFieldValue {
  id: UidValue;
}

/** `walrus::extended_field::Key`, decoded. */
export interface KeyValue {
  dummy_field: boolean;
}

// walrus::init

/** `walrus::init::INIT`, decoded. */
export interface INITValue {
  dummy_field: boolean;
}

/** `walrus::init::InitCap`, decoded. */
export interface InitCapValue {
  id: UidValue;
}

// walrus::messages

/** `walrus::messages::ProofOfPossessionMessage`, decoded. */
export interface ProofOfPossessionMessageValue {
  intent_type: number;
  intent_version: number;
  intent_app: number;
  epoch: number;
  sui_address: string;
  bls_key: Uint8Array;
}

/** `walrus::messages::CertifiedMessage`, decoded. */
export interface CertifiedMessageValue {
  intent_type: number;
  intent_version: number;
  cert_epoch: number;
  message: Uint8Array;
  stake_support: number;
}

/** `walrus::messages::BlobPersistenceType`, decoded. */
export type BlobPersistenceTypeValue =
  | { $kind?: 'Permanent'; Permanent: true | null }
  | {
      $kind?: 'Deletable';
      Deletable: {
        object_id: IdValue;
      };
    };

/** `walrus::messages::CertifiedBlobMessage`, decoded. */
export interface CertifiedBlobMessageValue {
  blob_id: bigint;
  blob_persistence_type: BlobPersistenceTypeValue;
}

/** `walrus::messages::CertifiedInvalidBlobId`, decoded. */
export interface CertifiedInvalidBlobIdValue {
  blob_id: bigint;
}

// walrus::metadata

/** `walrus::metadata::Metadata`, decoded. */
export interface MetadataValue {
  metadata: VecMapValue<StringValue, StringValue>;
}

// walrus::pending_values

/** `walrus::pending_values::PendingValues`, decoded. */
export interface PendingValuesValue {
  pos0: VecMapValue<number, bigint>;
}

// walrus::shared_blob

/** `walrus::shared_blob::SharedBlob`, decoded. */
export interface SharedBlobValue {
  id: UidValue;
  blob: BlobValue;
  funds: BalanceValue;
}

// walrus::staked_wal

/** `walrus::staked_wal::StakedWalState`, decoded. */
export type StakedWalStateValue =
  | { $kind?: 'Staked'; Staked: true | null }
  | {
      $kind?: 'Withdrawing';
      Withdrawing: {
        withdraw_epoch: number;
      };
    };

/** `walrus::staked_wal::StakedWal`, decoded. */
export interface StakedWalValue {
  id: UidValue;
  state: StakedWalStateValue;
  node_id: IdValue;
  principal: BalanceValue;
  activation_epoch: number;
}

// walrus::staking

/** `walrus::staking::PenaltyBurnKey`, decoded. */
export interface PenaltyBurnKeyValue {
  dummy_field: boolean;
}

/** `walrus::staking::Staking`, decoded. */
export interface StakingValue {
  id: UidValue;
  version: bigint;
  package_id: IdValue;
  new_package_id: OptionValue<IdValue>;
}

// walrus::staking_inner

/** `walrus::staking_inner::EpochState`, decoded. */
export type EpochStateValue =
  | {
      $kind?: 'EpochChangeSync';
      EpochChangeSync: {
        pos0: number;
      };
    }
  | {
      $kind?: 'EpochChangeDone';
      EpochChangeDone: {
        pos0: bigint;
      };
    }
  | {
      $kind?: 'NextParamsSelected';
      NextParamsSelected: {
        pos0: bigint;
      };
    };

/** `walrus::staking_inner::ActiveSet`, decoded. */
export interface ActiveSetValue {
  max_size: number;
  nodes: VecMapValue<IdValue, bigint>;
  total_stake: bigint;
}

/** `walrus::staking_inner::StakingInnerV1`, decoded. */
export interface StakingInnerV1Value {
  n_shards: number;
  epoch_duration: bigint;
  first_epoch_start: bigint;
  pools: TableValue;
  epoch: number;
  active_set: ExtendedFieldValue;
  next_committee: OptionValue<CommitteeValue>;
  committee: CommitteeValue;
  previous_committee: CommitteeValue;
  next_epoch_params: OptionValue<EpochParamsValue>;
  epoch_state: EpochStateValue;
  next_epoch_public_keys: ExtendedFieldValue;
}

// walrus::staking_pool

/** `walrus::staking_pool::NewEpochCommissionBlockedForCollection`, decoded. */
export interface NewEpochCommissionBlockedForCollectionValue {
  dummy_field: boolean;
}

/** `walrus::staking_pool::PenaltyDebt`, decoded. */
export interface PenaltyDebtValue {
  dummy_field: boolean;
}

/** `walrus::staking_pool::RewardsForfeited`, decoded. */
export interface RewardsForfeitedValue {
  dummy_field: boolean;
}

/** `walrus::staking_pool::PoolState`, decoded. */
export type PoolStateValue =
  | { $kind?: 'Active'; Active: true | null }
  | {
      $kind?: 'Withdrawing';
      Withdrawing: {
        pos0: number;
      };
    }
  | { $kind?: 'Withdrawn'; Withdrawn: true | null };

/** `walrus::staking_pool::VotingParams`, decoded. */
export interface VotingParamsValue {
  storage_price: bigint;
  write_price: bigint;
  node_capacity: bigint;
}

/** `walrus::staking_pool::PoolExchangeRate`, decoded. */
export interface PoolExchangeRateValue {
  wal_amount: bigint;
  share_amount: bigint;
}

/** `walrus::staking_pool::StakingPool`, decoded. */
export interface StakingPoolValue {
  id: UidValue;
  state: PoolStateValue;
  voting_params: VotingParamsValue;
  node_info: StorageNodeInfoValue;
  activation_epoch: number;
  latest_epoch: number;
  wal_balance: bigint;
  num_shares: bigint;
  pending_shares_withdraw: PendingValuesValue;
  pre_active_withdrawals: PendingValuesValue;
  pending_commission_rate: PendingValuesValue;
  commission_rate: number;
  exchange_rates: TableValue;
  pending_stake: PendingValuesValue;
  rewards_pool: BalanceValue;
  commission: BalanceValue;
  commission_receiver: AuthorizedValue;
  governance_authorized: AuthorizedValue;
  extra_fields: TableValue;
}

// walrus::storage_accounting

/** `walrus::storage_accounting::FutureAccounting`, decoded. */
export interface FutureAccountingValue {
  epoch: number;
  used_capacity: bigint;
  rewards_to_distribute: BalanceValue;
}

/** `walrus::storage_accounting::FutureAccountingRingBuffer`, decoded. */
export interface FutureAccountingRingBufferValue {
  current_index: number;
  length: number;
  ring_buffer: FutureAccountingValue[];
}

// walrus::storage_node

/** `walrus::storage_node::NodeMetadata`, decoded. */
export interface NodeMetadataValue {
  image_url: StringValue;
  project_url: StringValue;
  description: StringValue;
  extra_fields: VecMapValue<StringValue, StringValue>;
}

/** `walrus::storage_node::StorageNodeInfo`, decoded. */
export interface StorageNodeInfoValue {
  name: StringValue;
  node_id: IdValue;
  network_address: StringValue;
  public_key: ElementValue;
  next_epoch_public_key: OptionValue<ElementValue>;
  network_public_key: Uint8Array;
  metadata: ExtendedFieldValue;
}

/** `walrus::storage_node::StorageNodeCap`, decoded. */
export interface StorageNodeCapValue {
  id: UidValue;
  node_id: IdValue;
  last_epoch_sync_done: number;
  last_event_blob_attestation: OptionValue<EventBlobAttestationValue>;
  deny_list_root: bigint;
  deny_list_sequence: bigint;
  deny_list_size: bigint;
}

// walrus::storage_resource

/** `walrus::storage_resource::Storage`, decoded. */
export interface StorageValue {
  id: UidValue;
  start_epoch: number;
  end_epoch: number;
  storage_size: bigint;
}

// walrus::system

/** `walrus::system::System`, decoded. */
export interface SystemValue {
  id: UidValue;
  version: bigint;
  package_id: IdValue;
  new_package_id: OptionValue<IdValue>;
}

// walrus::system_state_inner

/** `walrus::system_state_inner::SystemStateInnerV1`, decoded. */
export interface SystemStateInnerV1Value {
  committee: BlsCommitteeValue;
  total_capacity_size: bigint;
  used_capacity_size: bigint;
  storage_price_per_unit_size: bigint;
  write_price_per_unit_size: bigint;
  future_accounting: FutureAccountingRingBufferValue;
  event_blob_certification_state: EventBlobCertificationStateValue;
  deny_list_sizes: ExtendedFieldValue;
}

/**
 * Argument and return tuples of the functions a native may implement, by module: every `public` or
 * `entry` function (`callable: true`, which must be implemented) and the module initializer `init`.
 * A trailing `TxContext` argument is the one the executor appends. Modules without such functions
 * are left out.
 */
export interface MoveFunctions {
  wal: {
    init: { args: [WALValue, TxContextValue]; returns: []; callable: false };
    total_supply: { args: [ProtectedTreasuryValue]; returns: [bigint]; callable: true };
    burn: { args: [ProtectedTreasuryValue, CoinValue]; returns: []; callable: true };
  };
  wal_exchange: {
    new_exchange_rate: { args: [bigint, bigint]; returns: [ExchangeRateValue]; callable: true };
    new: { args: [TxContextValue]; returns: [AdminCapValue]; callable: true };
    new_funded: { args: [CoinValue, bigint, TxContextValue]; returns: [AdminCapValue]; callable: true };
    add_wal: { args: [ExchangeValue, CoinValue, bigint]; returns: []; callable: true };
    add_sui: { args: [ExchangeValue, CoinValue, bigint]; returns: []; callable: true };
    add_all_wal: { args: [ExchangeValue, CoinValue]; returns: []; callable: true };
    add_all_sui: { args: [ExchangeValue, CoinValue]; returns: []; callable: true };
    withdraw_wal: {
      args: [ExchangeValue, bigint, AdminCapValue, TxContextValue];
      returns: [CoinValue];
      callable: true;
    };
    withdraw_sui: {
      args: [ExchangeValue, bigint, AdminCapValue, TxContextValue];
      returns: [CoinValue];
      callable: true;
    };
    set_exchange_rate: { args: [ExchangeValue, bigint, bigint, AdminCapValue]; returns: []; callable: true };
    exchange_all_for_wal: {
      args: [ExchangeValue, CoinValue, TxContextValue];
      returns: [CoinValue];
      callable: true;
    };
    exchange_for_wal: {
      args: [ExchangeValue, CoinValue, bigint, TxContextValue];
      returns: [CoinValue];
      callable: true;
    };
    exchange_all_for_sui: {
      args: [ExchangeValue, CoinValue, TxContextValue];
      returns: [CoinValue];
      callable: true;
    };
    exchange_for_sui: {
      args: [ExchangeValue, CoinValue, bigint, TxContextValue];
      returns: [CoinValue];
      callable: true;
    };
    wal_balance: { args: [ExchangeValue]; returns: [bigint]; callable: true };
    sui_balance: { args: [ExchangeValue]; returns: [bigint]; callable: true };
  };
  auth: {
    authenticate_sender: { args: [TxContextValue]; returns: [AuthenticatedValue]; callable: true };
    authenticate_with_object: { args: [unknown]; returns: [AuthenticatedValue]; callable: true };
    authorized_address: { args: [string]; returns: [AuthorizedValue]; callable: true };
    authorized_object: { args: [IdValue]; returns: [AuthorizedValue]; callable: true };
  };
  blob: {
    object_id: { args: [BlobValue]; returns: [IdValue]; callable: true };
    registered_epoch: { args: [BlobValue]; returns: [number]; callable: true };
    blob_id: { args: [BlobValue]; returns: [bigint]; callable: true };
    size: { args: [BlobValue]; returns: [bigint]; callable: true };
    encoding_type: { args: [BlobValue]; returns: [number]; callable: true };
    certified_epoch: { args: [BlobValue]; returns: [OptionValue<number>]; callable: true };
    is_deletable: { args: [BlobValue]; returns: [boolean]; callable: true };
    end_epoch: { args: [BlobValue]; returns: [number]; callable: true };
    encoded_size: { args: [BlobValue, number]; returns: [bigint]; callable: true };
    derive_blob_id: { args: [bigint, number, bigint]; returns: [bigint]; callable: true };
    burn: { args: [BlobValue]; returns: []; callable: true };
    add_metadata: { args: [BlobValue, MetadataValue]; returns: []; callable: true };
    add_or_replace_metadata: {
      args: [BlobValue, MetadataValue];
      returns: [OptionValue<MetadataValue>];
      callable: true;
    };
    take_metadata: { args: [BlobValue]; returns: [MetadataValue]; callable: true };
    insert_or_update_metadata_pair: {
      args: [BlobValue, StringValue, StringValue];
      returns: [];
      callable: true;
    };
    remove_metadata_pair: {
      args: [BlobValue, StringValue];
      returns: [StringValue, StringValue];
      callable: true;
    };
    remove_metadata_pair_if_exists: {
      args: [BlobValue, StringValue];
      returns: [OptionValue<StringValue>];
      callable: true;
    };
  };
  challenge: {
    create: { args: [SystemValue, TxContextValue]; returns: []; callable: true };
    start_challenge: {
      args: [SystemValue, IdValue[], number, bigint, number, boolean, ClockValue, TxContextValue];
      returns: [bigint];
      callable: true;
    };
    submit_challenge_certificate: {
      args: [SystemValue, Uint8Array, Uint8Array, Uint8Array, ClockValue];
      returns: [IdValue];
      callable: true;
    };
    resolve_challenge: {
      args: [SystemValue, StakingValue, ProtectedTreasuryValue, ClockValue, TxContextValue];
      returns: [IdValue[], bigint[]];
      callable: true;
    };
    node_seed: { args: [Uint8Array, IdValue]; returns: [Uint8Array]; callable: true };
    last_round: { args: [SystemValue]; returns: [OptionValue<ChallengeRoundValue>]; callable: true };
  };
  init: {
    init: { args: [INITValue, TxContextValue]; returns: []; callable: false };
    initialize_walrus: {
      args: [InitCapValue, bigint, bigint, number, number, ClockValue, TxContextValue];
      returns: [];
      callable: true;
    };
  };
  metadata: {
    new: { args: []; returns: [MetadataValue]; callable: true };
    insert_or_update: { args: [MetadataValue, StringValue, StringValue]; returns: []; callable: true };
    remove: { args: [MetadataValue, StringValue]; returns: [StringValue, StringValue]; callable: true };
    remove_if_exists: {
      args: [MetadataValue, StringValue];
      returns: [OptionValue<StringValue>];
      callable: true;
    };
  };
  shared_blob: {
    new: { args: [BlobValue, TxContextValue]; returns: []; callable: true };
    new_funded: { args: [BlobValue, CoinValue, TxContextValue]; returns: []; callable: true };
    fund: { args: [SharedBlobValue, CoinValue]; returns: []; callable: true };
    extend: { args: [SharedBlobValue, SystemValue, number, TxContextValue]; returns: []; callable: true };
  };
  staked_wal: {
    node_id: { args: [StakedWalValue]; returns: [IdValue]; callable: true };
    value: { args: [StakedWalValue]; returns: [bigint]; callable: true };
    activation_epoch: { args: [StakedWalValue]; returns: [number]; callable: true };
    is_staked: { args: [StakedWalValue]; returns: [boolean]; callable: true };
    is_withdrawing: { args: [StakedWalValue]; returns: [boolean]; callable: true };
    withdraw_epoch: { args: [StakedWalValue]; returns: [number]; callable: true };
    join: { args: [StakedWalValue, StakedWalValue]; returns: []; callable: true };
    split: { args: [StakedWalValue, bigint, TxContextValue]; returns: [StakedWalValue]; callable: true };
  };
  staking: {
    register_candidate: {
      args: [
        StakingValue,
        StringValue,
        StringValue,
        NodeMetadataValue,
        Uint8Array,
        Uint8Array,
        Uint8Array,
        number,
        bigint,
        bigint,
        bigint,
        TxContextValue,
      ];
      returns: [StorageNodeCapValue];
      callable: true;
    };
    set_next_commission: { args: [StakingValue, StorageNodeCapValue, number]; returns: []; callable: true };
    collect_commission: {
      args: [StakingValue, IdValue, AuthenticatedValue, TxContextValue];
      returns: [CoinValue];
      callable: true;
    };
    set_commission_receiver: {
      args: [StakingValue, IdValue, AuthenticatedValue, AuthorizedValue];
      returns: [];
      callable: true;
    };
    set_governance_authorized: {
      args: [StakingValue, IdValue, AuthenticatedValue, AuthorizedValue];
      returns: [];
      callable: true;
    };
    set_storage_price_vote: {
      args: [StakingValue, StorageNodeCapValue, bigint];
      returns: [];
      callable: true;
    };
    set_write_price_vote: { args: [StakingValue, StorageNodeCapValue, bigint]; returns: []; callable: true };
    set_node_capacity_vote: {
      args: [StakingValue, StorageNodeCapValue, bigint];
      returns: [];
      callable: true;
    };
    set_next_public_key: {
      args: [StakingValue, StorageNodeCapValue, Uint8Array, Uint8Array, TxContextValue];
      returns: [];
      callable: true;
    };
    set_name: { args: [StakingValue, StorageNodeCapValue, StringValue]; returns: []; callable: true };
    set_network_address: {
      args: [StakingValue, StorageNodeCapValue, StringValue];
      returns: [];
      callable: true;
    };
    set_network_public_key: {
      args: [StakingValue, StorageNodeCapValue, Uint8Array];
      returns: [];
      callable: true;
    };
    set_node_metadata: {
      args: [StakingValue, StorageNodeCapValue, NodeMetadataValue];
      returns: [];
      callable: true;
    };
    voting_end: { args: [StakingValue, ClockValue]; returns: []; callable: true };
    initiate_epoch_change: { args: [StakingValue, SystemValue, ClockValue]; returns: []; callable: true };
    initiate_epoch_change_v2: {
      args: [StakingValue, SystemValue, ProtectedTreasuryValue, ClockValue, TxContextValue];
      returns: [];
      callable: true;
    };
    epoch_sync_done: {
      args: [StakingValue, StorageNodeCapValue, number, ClockValue];
      returns: [];
      callable: true;
    };
    stake_with_pool: {
      args: [StakingValue, CoinValue, IdValue, TxContextValue];
      returns: [StakedWalValue];
      callable: true;
    };
    request_withdraw_stake: {
      args: [StakingValue, StakedWalValue, TxContextValue];
      returns: [];
      callable: true;
    };
    withdraw_stake: {
      args: [StakingValue, StakedWalValue, TxContextValue];
      returns: [CoinValue];
      callable: true;
    };
    calculate_rewards: { args: [StakingValue, StakedWalValue]; returns: [bigint]; callable: true };
    staked_wal_value: { args: [StakingValue, StakedWalValue]; returns: [bigint]; callable: true };
    epoch: { args: [StakingValue]; returns: [number]; callable: true };
  };
  storage_node: {
    new_metadata: {
      args: [StringValue, StringValue, StringValue];
      returns: [NodeMetadataValue];
      callable: true;
    };
    node_id: { args: [StorageNodeCapValue]; returns: [IdValue]; callable: true };
    last_epoch_sync_done: { args: [StorageNodeCapValue]; returns: [number]; callable: true };
  };
  storage_resource: {
    start_epoch: { args: [StorageValue]; returns: [number]; callable: true };
    end_epoch: { args: [StorageValue]; returns: [number]; callable: true };
    size: { args: [StorageValue]; returns: [bigint]; callable: true };
    split_by_epoch: { args: [StorageValue, number, TxContextValue]; returns: [StorageValue]; callable: true };
    split_by_size: { args: [StorageValue, bigint, TxContextValue]; returns: [StorageValue]; callable: true };
    fuse_periods: { args: [StorageValue, StorageValue]; returns: []; callable: true };
    fuse_amount: { args: [StorageValue, StorageValue]; returns: []; callable: true };
    fuse: { args: [StorageValue, StorageValue]; returns: []; callable: true };
    destroy: { args: [StorageValue]; returns: []; callable: true };
  };
  system: {
    reserve_space: {
      args: [SystemValue, bigint, number, CoinValue, TxContextValue];
      returns: [StorageValue];
      callable: true;
    };
    register_blob: {
      args: [SystemValue, StorageValue, bigint, bigint, bigint, number, boolean, CoinValue, TxContextValue];
      returns: [BlobValue];
      callable: true;
    };
    certify_blob: {
      args: [SystemValue, BlobValue, Uint8Array, Uint8Array, Uint8Array];
      returns: [];
      callable: true;
    };
    delete_blob: { args: [SystemValue, BlobValue]; returns: [StorageValue]; callable: true };
    extend_blob: { args: [SystemValue, BlobValue, number, CoinValue]; returns: []; callable: true };
    extend_blob_with_resource: { args: [SystemValue, BlobValue, StorageValue]; returns: []; callable: true };
    invalidate_blob_id: {
      args: [SystemValue, Uint8Array, Uint8Array, Uint8Array];
      returns: [bigint];
      callable: true;
    };
    epoch: { args: [SystemValue]; returns: [number]; callable: true };
    n_shards: { args: [SystemValue]; returns: [number]; callable: true };
    total_capacity_size: { args: [SystemValue]; returns: [bigint]; callable: true };
    used_capacity_size: { args: [SystemValue]; returns: [bigint]; callable: true };
    storage_price_per_unit_size: { args: [SystemValue]; returns: [bigint]; callable: true };
    write_price_per_unit_size: { args: [SystemValue]; returns: [bigint]; callable: true };
  };
  ascii: {
    string: { args: [Uint8Array]; returns: [StringValue]; callable: true };
  };
  option: {
    none: { args: []; returns: [OptionValue<unknown>]; callable: true };
    some: { args: [unknown]; returns: [OptionValue<unknown>]; callable: true };
    is_none: { args: [OptionValue<unknown>]; returns: [boolean]; callable: true };
    is_some: { args: [OptionValue<unknown>]; returns: [boolean]; callable: true };
  };
  string: {
    utf8: { args: [Uint8Array]; returns: [StringValue]; callable: true };
  };
  balance: {
    value: { args: [BalanceValue]; returns: [bigint]; callable: true };
    supply_value: { args: [BalanceValue]; returns: [bigint]; callable: true };
    increase_supply: { args: [BalanceValue, bigint]; returns: [BalanceValue]; callable: true };
    decrease_supply: { args: [BalanceValue, BalanceValue]; returns: [bigint]; callable: true };
    zero: { args: []; returns: [BalanceValue]; callable: true };
    join: { args: [BalanceValue, BalanceValue]; returns: [bigint]; callable: true };
    split: { args: [BalanceValue, bigint]; returns: [BalanceValue]; callable: true };
    withdraw_all: { args: [BalanceValue]; returns: [BalanceValue]; callable: true };
    destroy_zero: { args: [BalanceValue]; returns: []; callable: true };
  };
  bcs: {
    to_bytes: { args: [unknown]; returns: [Uint8Array]; callable: true };
    new: { args: [Uint8Array]; returns: [BcsValue]; callable: true };
    into_remainder_bytes: { args: [BcsValue]; returns: [Uint8Array]; callable: true };
    peel_address: { args: [BcsValue]; returns: [string]; callable: true };
    peel_bool: { args: [BcsValue]; returns: [boolean]; callable: true };
    peel_u8: { args: [BcsValue]; returns: [number]; callable: true };
    peel_u16: { args: [BcsValue]; returns: [number]; callable: true };
    peel_u32: { args: [BcsValue]; returns: [number]; callable: true };
    peel_u64: { args: [BcsValue]; returns: [bigint]; callable: true };
    peel_u128: { args: [BcsValue]; returns: [bigint]; callable: true };
    peel_u256: { args: [BcsValue]; returns: [bigint]; callable: true };
    peel_vec_length: { args: [BcsValue]; returns: [bigint]; callable: true };
    peel_vec_u8: { args: [BcsValue]; returns: [Uint8Array]; callable: true };
  };
  bls12381: {
    bls12381_min_pk_verify: {
      args: [Uint8Array, Uint8Array, Uint8Array];
      returns: [boolean];
      callable: true;
    };
    g1_from_bytes: { args: [Uint8Array]; returns: [ElementValue]; callable: true };
    g1_identity: { args: []; returns: [ElementValue]; callable: true };
    g1_generator: { args: []; returns: [ElementValue]; callable: true };
    g1_add: { args: [ElementValue, ElementValue]; returns: [ElementValue]; callable: true };
    g1_sub: { args: [ElementValue, ElementValue]; returns: [ElementValue]; callable: true };
    g1_neg: { args: [ElementValue]; returns: [ElementValue]; callable: true };
    g1_to_uncompressed_g1: { args: [ElementValue]; returns: [ElementValue]; callable: true };
    uncompressed_g1_to_g1: { args: [ElementValue]; returns: [ElementValue]; callable: true };
    uncompressed_g1_sum: { args: [ElementValue[]]; returns: [ElementValue]; callable: true };
  };
  clock: {
    timestamp_ms: { args: [ClockValue]; returns: [bigint]; callable: true };
  };
  coin: {
    total_supply: { args: [TreasuryCapValue]; returns: [bigint]; callable: true };
    value: { args: [CoinValue]; returns: [bigint]; callable: true };
    balance: { args: [CoinValue]; returns: [BalanceValue]; callable: true };
    balance_mut: { args: [CoinValue]; returns: [BalanceValue]; callable: true };
    from_balance: { args: [BalanceValue, TxContextValue]; returns: [CoinValue]; callable: true };
    into_balance: { args: [CoinValue]; returns: [BalanceValue]; callable: true };
    take: { args: [BalanceValue, bigint, TxContextValue]; returns: [CoinValue]; callable: true };
    put: { args: [BalanceValue, CoinValue]; returns: []; callable: true };
    join: { args: [CoinValue, CoinValue]; returns: []; callable: true };
    split: { args: [CoinValue, bigint, TxContextValue]; returns: [CoinValue]; callable: true };
    divide_into_n: { args: [CoinValue, bigint, TxContextValue]; returns: [CoinValue[]]; callable: true };
    zero: { args: [TxContextValue]; returns: [CoinValue]; callable: true };
    destroy_zero: { args: [CoinValue]; returns: []; callable: true };
    mint: { args: [TreasuryCapValue, bigint, TxContextValue]; returns: [CoinValue]; callable: true };
    burn: { args: [TreasuryCapValue, CoinValue]; returns: [bigint]; callable: true };
  };
  dynamic_field: {
    add: { args: [UidValue, unknown, unknown]; returns: []; callable: true };
    borrow: { args: [UidValue, unknown]; returns: [unknown]; callable: true };
    borrow_mut: { args: [UidValue, unknown]; returns: [unknown]; callable: true };
    remove: { args: [UidValue, unknown]; returns: [unknown]; callable: true };
    exists_: { args: [UidValue, unknown]; returns: [boolean]; callable: true };
    remove_if_exists: { args: [UidValue, unknown]; returns: [OptionValue<unknown>]; callable: true };
    exists_with_type: { args: [UidValue, unknown]; returns: [boolean]; callable: true };
  };
  group_ops: {
    bytes: { args: [ElementValue]; returns: [Uint8Array]; callable: true };
    equal: { args: [ElementValue, ElementValue]; returns: [boolean]; callable: true };
  };
  hash: {
    blake2b256: { args: [Uint8Array]; returns: [Uint8Array]; callable: true };
    keccak256: { args: [Uint8Array]; returns: [Uint8Array]; callable: true };
  };
  object: {
    uid_to_inner: { args: [UidValue]; returns: [IdValue]; callable: true };
    uid_to_address: { args: [UidValue]; returns: [string]; callable: true };
    id_to_address: { args: [IdValue]; returns: [string]; callable: true };
    id_from_address: { args: [string]; returns: [IdValue]; callable: true };
    new: { args: [TxContextValue]; returns: [UidValue]; callable: true };
    delete: { args: [UidValue]; returns: []; callable: true };
    id: { args: [unknown]; returns: [IdValue]; callable: true };
  };
  transfer: {
    receive: { args: [UidValue, ReceivingValue]; returns: [unknown]; callable: true };
    public_receive: { args: [UidValue, ReceivingValue]; returns: [unknown]; callable: true };
    transfer: { args: [unknown, string]; returns: []; callable: true };
    public_transfer: { args: [unknown, string]; returns: []; callable: true };
    share_object: { args: [unknown]; returns: []; callable: true };
    public_share_object: { args: [unknown]; returns: []; callable: true };
    freeze_object: { args: [unknown]; returns: []; callable: true };
    public_freeze_object: { args: [unknown]; returns: []; callable: true };
  };
  tx_context: {
    sender: { args: [TxContextValue]; returns: [string]; callable: true };
    epoch: { args: [TxContextValue]; returns: [bigint]; callable: true };
    epoch_timestamp_ms: { args: [TxContextValue]; returns: [bigint]; callable: true };
    fresh_object_address: { args: [TxContextValue]; returns: [string]; callable: true };
  };
}

/** Abort codes (`const E…: u64`) by module and constant name. */
export const ABORT_CODES = {
  wal_exchange: {
    EInsufficientFundsInExchange: 0,
    EInsufficientInputBalance: 1,
    EUnauthorizedAdminCap: 2,
    EInvalidExchangeRate: 3,
  },
  blob: {
    ENotCertified: 0,
    EBlobNotDeletable: 1,
    EResourceBounds: 2,
    EResourceSize: 3,
    EIncompatibleExtension: 4,
    EAlreadyCertified: 5,
    EInvalidBlobId: 6,
    EDuplicateMetadata: 7,
    EMissingMetadata: 8,
    EInvalidBlobPersistenceType: 9,
    EInvalidBlobObject: 10,
  },
  bls_aggregate: {
    EInvalidBitmap: 0,
    ESigVerification: 1,
    ENotEnoughStake: 2,
    EIncorrectCommittee: 3,
  },
  challenge: {
    ENotOperator: 0,
    ERoundOpen: 1,
    ENoRound: 2,
    EWrongRound: 3,
    ENotChallenged: 4,
    EAlreadyPassed: 5,
    EDeadlinePassed: 6,
    EDeadlineNotReached: 7,
    EInvalidMsgType: 8,
    EInvalidSampleSize: 9,
    EAlreadyCreated: 10,
    EInvalidPenalty: 11,
  },
  committee: {
    EInvalidShardAssignment: 0,
  },
  messages: {
    EIncorrectAppId: 0,
    EIncorrectEpoch: 1,
    EInvalidMsgType: 2,
    EIncorrectIntentVersion: 3,
    EInvalidBlobPersistenceType: 4,
    ENotDeletable: 5,
    EInvalidKeyLength: 6,
  },
  pending_values: {
    EMissingEpochValue: 0,
    EReduceValueTooLarge: 1,
  },
  redstuff: {
    EInvalidEncodingType: 0,
    EBlobTooLarge: 1,
    ETooFewShards: 2,
  },
  staked_wal: {
    ENotWithdrawing: 0,
    EMetadataMismatch: 1,
    EInvalidAmount: 2,
    EAlreadyWithdrawing: 3,
    EStakeBelowThreshold: 4,
  },
  staking: {
    EWrongVersion: 0,
    EDeprecatedFunction: 1,
  },
  staking_inner: {
    EWrongEpochState: 0,
    EInvalidSyncEpoch: 1,
    EDuplicateSyncDone: 2,
    ENoStake: 3,
    ENotInCommittee: 4,
    ECommitteeSelected: 5,
    ENextCommitteeIsEmpty: 6,
    EPoolNotFound: 7,
    EZeroNodeWeight: 8,
    EActiveSetFull: 9,
  },
  staking_pool: {
    EPoolAlreadyUpdated: 0,
    EIncorrectEpochAdvance: 1,
    EInvalidProofOfPossession: 2,
    EPoolIsNotActive: 3,
    EZeroStake: 4,
    ENotStaked: 5,
    EIncorrectPoolId: 6,
    ENotWithdrawing: 7,
    EWithdrawEpochNotReached: 8,
    EActivationEpochNotReached: 9,
    EWithdrawDirectly: 10,
    EIncorrectCommissionRate: 11,
    EAuthorizationFailure: 12,
    EInvalidNetworkAddressLength: 13,
    EInvalidNameLength: 14,
    EZeroShares: 15,
  },
  storage_accounting: {
    ETooFarInFuture: 0,
  },
  storage_node: {
    EInvalidNetworkPublicKey: 0,
  },
  storage_resource: {
    EInvalidEpoch: 0,
    EIncompatibleEpochs: 1,
    EIncompatibleAmount: 2,
    EInvalidSize: 3,
  },
  system: {
    EWrongVersion: 0,
  },
  system_state_inner: {
    EInvalidMaxEpochsAhead: 0,
    EStorageExceeded: 1,
    EInvalidEpochsAhead: 2,
    EInvalidIdEpoch: 3,
    EIncorrectCommittee: 4,
    EInvalidAccountingEpoch: 5,
    EInvalidResourceSize: 6,
  },
} as const;

/** The other constants by module: u8–u32 as numbers, u64+ as bigints, byte strings as text. */
export const MOVE_CONSTANTS = {
  wal: {
    DECIMALS: 9,
    TOTAL_SUPPLY_WAL: 5000000000n,
    SYMBOL: 'WAL',
    NAME: 'WAL Token',
    DESCRIPTION: 'The native token of the Walrus storage network (local devnet).',
    ICON_URL: 'https://www.walrus.xyz/wal-icon.svg',
  },
  blob: {
    METADATA_DF: 'metadata',
  },
  challenge: {
    CHALLENGE_CERT_MSG_TYPE: 16,
    MAX_SAMPLE_SIZE: 64,
    DIGEST_LEN: 32n,
    MAX_PENALTY_BPS: 10000,
    REASON_FAILED: 0,
    REASON_UNRESPONSIVE: 1,
  },
  messages: {
    APP_ID: 3,
    INTENT_VERSION: 0,
    BLS_KEY_LEN: 48n,
    PROOF_OF_POSSESSION_MSG_TYPE: 0,
    BLOB_CERT_MSG_TYPE: 1,
    INVALID_BLOB_ID_MSG_TYPE: 2,
  },
  redstuff: {
    RS2: 1,
    DIGEST_LEN: 32n,
    BLOB_ID_LEN: 32n,
    MAX_SYMBOL_SIZE: 65534n,
  },
  staked_wal: {
    MIN_STAKING_THRESHOLD: 1000000000n,
  },
  staking: {
    VERSION: 1n,
  },
  staking_inner: {
    MAX_ACTIVE_SET_SIZE: 150,
    MIN_NODES_FOR_SHARDS_LIMIT: 20n,
    SHARDS_LIMIT_DENOMINATOR: 10n,
  },
  staking_pool: {
    MAX_NODE_NAME_LENGTH: 100n,
    MAX_NETWORK_ADDRESS_LENGTH: 259n,
    N_BASIS_POINTS: 10000,
  },
  storage_accounting: {
    BURN_PERCENT: 3n,
  },
  storage_node: {
    NETWORK_PUBLIC_KEY_LENGTH: 33n,
  },
  system: {
    VERSION: 1n,
  },
  system_state_inner: {
    MAX_MAX_EPOCHS_AHEAD: 1000,
    BYTES_PER_UNIT_SIZE: 1048576n,
  },
} as const;

/** Abort codes of the framework modules the devnet implements (`contracts/std`, `contracts/sui`). */
export const FRAMEWORK_ABORT_CODES = {
  ascii: {
    EInvalidASCIICharacter: 0x10000,
  },
  option: {
    EOPTION_IS_SET: 0x40000,
    EOPTION_NOT_SET: 0x40001,
  },
  string: {
    EInvalidUTF8: 1,
  },
  balance: {
    ENonZero: 0,
    EOverflow: 1,
    ENotEnough: 2,
  },
  coin: {
    EBadWitness: 0,
    EInvalidArg: 1,
    ENotEnough: 2,
  },
  dynamic_field: {
    EFieldAlreadyExists: 0,
    EFieldDoesNotExist: 1,
    EFieldTypeMismatch: 2,
  },
  group_ops: {
    ENotSupported: 0,
    EInvalidInput: 1,
    EInputTooLong: 2,
    EInvalidBufferLength: 3,
  },
} as const;

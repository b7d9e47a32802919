/** Package ids of the three Walrus packages of one deployment (`contracts/wal`, `wal_exchange`, `walrus`). */
export interface WalrusAddresses {
  wal: string;
  wal_exchange: string;
  walrus: string;
}

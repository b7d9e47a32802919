/** What the live dashboard shows; a devnet builds it from its ledger, nodes and accounts. */
export interface DashboardState {
  network: {
    rpcUrl: string;
    faucetUrl: string;
    adminUrl: string;
    chainId: string;
    /** The daemon's aggregator/publisher and upload relay, when `dev up` runs them. */
    aggregatorUrl?: string;
    uploadRelayUrl?: string;
  };
  /** Walrus epoch (null before the contracts are deployed), and when the next one is due. */
  epoch: { walrus: number | null; nextEpochAtMs: number | null; nowMs: number; checkpoint: string };
  nodes: DashboardNode[];
  recentBlobs: Array<{ blobId: string; size: number; endEpoch: number; certified: boolean }>;
  recentTransactions: Array<{ digest: string; sender: string; ok: boolean; summary: string }>;
  accounts: Array<{ index: number; address: string; sui: string; wal: string | null }>;
  /** A transient status line (result of the last key action). */
  message?: string;
}

/** One storage node row. Stake in FROST as a decimal string. */
export interface DashboardNode {
  index: number;
  name: string;
  url: string;
  up: boolean;
  shards: number;
  stake: string;
  storedBytes: number;
  lastChallenge?: string;
}

/** Where the dashboard reads its state and sends key actions. */
export interface DashboardSource {
  getState(): DashboardState;
  /** Calls `listener` when the state changed; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  advanceEpoch(): Promise<string>;
  toggleNode(index: number): Promise<string>;
}

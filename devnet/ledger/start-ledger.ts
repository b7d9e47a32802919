import { ledgerFramework } from '../contract-runtime/natives/framework/index.js';
import { DEVNET_DEFAULTS } from '../defaults.js';
import { type DevnetAccount, deriveDevnetAccounts, devnetKeypair } from '../devnet-accounts.js';
import { type InstanceStatus, Lifecycle } from '../instance.js';
import type { Ledger, LedgerOptions } from './core/ledger.js';
import { type AdminRoute, createAdminHandler } from './http/admin.js';
import { Faucet } from './http/faucet.js';
import { openJournaledLedger } from './ledger-journal.js';
import { FileStateStore } from './persistence/file-state-store.js';
import { MemoryStateStore, type StateStore } from './persistence/state-store.js';
import {
  createInProcessTransport,
  createRpcRouter,
  type GrpcWebServer,
  type InProcessTransport,
  startGrpcWebServer,
} from './rpc/grpc/index.js';
import { registerLedgerServices } from './rpc/services/index.js';

/** Options of {@link startLedger}. */
export interface StartLedgerOptions {
  /** Interface for every listener. Only loopback is allowed. @default '127.0.0.1' */
  host?: string;
  /** gRPC-Web port (Sui's default); 0 picks a free port. @default DEVNET_DEFAULTS.ports.rpc (9000) */
  rpcPort?: number;
  /** Faucet port (`POST /v2/gas`); 0 picks a free port. @default DEVNET_DEFAULTS.ports.faucet (9123) */
  faucetPort?: number;
  /** Admin API port (snapshot/revert, mint, clock, epochs); 0 picks a free port. @default DEVNET_DEFAULTS.ports.admin (9180) */
  adminPort?: number;
  /** State directory; omit for an ephemeral ledger kept in memory only. */
  stateDir?: string;
  /** Number of funded genesis accounts. @default DEVNET_DEFAULTS.accounts (10) */
  accounts?: number;
  /** SUI (in MIST) each genesis account receives. @default DEVNET_DEFAULTS.accountBalanceMist (10000 SUI) */
  accountBalance?: bigint;
  /** Sync each journal write to disk (off survives crashes of the process, not of the machine). @default DEVNET_DEFAULTS.fsync (true) */
  fsync?: boolean;
  /** Clock, epoch length and extra native modules, passed to the ledger; the framework defaults to `ledgerFramework()`. */
  ledger?: Omit<LedgerOptions, 'genesisAccounts' | 'framework'> & Partial<Pick<LedgerOptions, 'framework'>>;
  /**
   * With the wall clock, an empty checkpoint (a consensus commit) moves the Clock object after this many ms
   * without transactions, as Sui's consensus does on time; 0 turns it off. @default 1000
   */
  commitIntervalMs?: number;
}

/** A running ledger with its endpoints. */
export interface LedgerInstance {
  ledger: Ledger;
  chainId: string;
  rpcUrl: string;
  faucetUrl: string;
  adminUrl: string;
  /** The funded genesis accounts (deterministic keys). */
  accounts: DevnetAccount[];
  /** The faucet account's address. */
  faucetAddress: string;
  /** Sends `amount` MIST from the faucet account to `address` (a real signed transfer). */
  fund(address: string, amount: bigint): Promise<{ coinId: string; digest: string; amount: bigint }>;
  /** Adds a route to the admin API (loopback only), e.g. `'POST /epoch/advance'`. */
  addAdminRoute: (key: string, route: AdminRoute, options?: { replace?: boolean }) => void;
  /** Transport for `new SuiGrpcClient({ network: 'localnet', transport })` without HTTP. */
  transport: InProcessTransport;
  stateDir: string | undefined;
  /** `started` once `startLedger` resolves, then `stopping` and `stopped` (see devnet/instance.ts). */
  readonly status: InstanceStatus;
  /** Stops the servers and closes the state store; concurrent calls share one stop, later ones do nothing. */
  stop(): Promise<void>;
}

/** SUI held by the faucet account at genesis: 1 billion SUI. */
const FAUCET_BALANCE = 1_000_000_000n * 1_000_000_000n;
/** Derivation index of the faucet account, far from the user accounts. */
const FAUCET_INDEX = 1000;

/** A listener failure in words a user can act on. */
function portError(error: unknown, name: string, host: string, port: number): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new Error(
      `Port ${port} (${name}) is already in use on ${host}: stop what uses it or choose another port`,
    );
  }
  if (code === 'EACCES') return new Error(`Not allowed to listen on port ${port} (${name}) on ${host}`);
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Starts an embedded Sui ledger with its gRPC-Web RPC, faucet and admin endpoints on loopback.
 * @example const node = await startLedger({ rpcPort: 0, faucetPort: 0, adminPort: 0 });
 */
export async function startLedger(options: StartLedgerOptions = {}): Promise<LedgerInstance> {
  const host = options.host ?? '127.0.0.1';
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    throw new Error(`The devnet listens on loopback only (got host "${host}")`);
  }
  const accounts = deriveDevnetAccounts(
    options.accounts ?? DEVNET_DEFAULTS.accounts,
    options.accountBalance ?? DEVNET_DEFAULTS.accountBalanceMist,
  );
  const faucetKeypair = devnetKeypair(`m/44'/784'/${FAUCET_INDEX}'/0'/0'`);
  const store: StateStore = options.stateDir
    ? new FileStateStore(options.stateDir, { fsync: options.fsync ?? DEVNET_DEFAULTS.fsync })
    : new MemoryStateStore();
  const ledger = await openJournaledLedger(
    {
      framework: ledgerFramework(),
      ...options.ledger,
      genesisAccounts: [
        ...accounts.map((a) => ({ address: a.address, balance: a.balance })),
        { address: faucetKeypair.toSuiAddress(), balance: FAUCET_BALANCE },
      ],
    },
    store,
  );
  const faucet = new Faucet(ledger, faucetKeypair);
  const router = createRpcRouter();
  registerLedgerServices(router, ledger);

  const servers: GrpcWebServer[] = [];
  const commits = startCommits(ledger, options.commitIntervalMs ?? 1000);
  const stop = async () => {
    clearInterval(commits);
    await Promise.all(servers.map((s) => s.close()));
    await store.close();
  };
  let endpoints: LedgerEndpoints | undefined;
  const lifecycle = new Lifecycle('the ledger', {
    start: async () => {
      try {
        endpoints = await serveEndpoints(ledger, faucet, router, host, options, servers);
      } catch (error) {
        await stop();
        throw error;
      }
    },
    stop,
  });
  await lifecycle.start();
  const { rpc, faucetServer, admin, adminApi } = endpoints!;
  return {
    ledger,
    chainId: ledger.chainId,
    rpcUrl: rpc.url,
    faucetUrl: faucetServer.url,
    adminUrl: admin.url,
    accounts,
    faucetAddress: faucet.address,
    fund: (address, amount) => faucet.send(address, amount),
    transport: createInProcessTransport(router),
    addAdminRoute: adminApi.addRoute,
    stateDir: options.stateDir,
    get status() {
      return lifecycle.status;
    },
    stop: () => lifecycle.stop(),
  };
}

/**
 * With the wall clock, an empty checkpoint (a consensus commit) moves the Clock object after `interval` ms without
 * transactions; 0 turns it off.
 */
function startCommits(ledger: Ledger, interval: number): NodeJS.Timeout | undefined {
  const commit = () => {
    try {
      ledger.tick(BigInt(interval));
    } catch {
      // A store that refuses the write fails the next transaction too, which reports it; retry next time.
    }
  };
  const commits = interval > 0 ? setInterval(commit, Math.max(1, interval / 4)) : undefined;
  commits?.unref();
  return commits;
}

interface LedgerEndpoints {
  rpc: GrpcWebServer;
  faucetServer: GrpcWebServer;
  admin: GrpcWebServer;
  adminApi: ReturnType<typeof createAdminHandler>;
}

/** Listens for the RPC, the faucet and the admin API, adding each server to `servers` (closed on stop). */
async function serveEndpoints(
  ledger: Ledger,
  faucet: Faucet,
  router: ReturnType<typeof createRpcRouter>,
  host: string,
  options: StartLedgerOptions,
  servers: GrpcWebServer[],
): Promise<LedgerEndpoints> {
  const listen = async (
    name: string,
    port: number,
    setup: Partial<Parameters<typeof startGrpcWebServer>[0]>,
  ) => {
    try {
      const server = await startGrpcWebServer({
        router: setup.router ?? createRpcRouter(),
        host,
        port,
        ...setup,
      });
      servers.push(server);
      return server;
    } catch (error) {
      throw portError(error, name, host, port);
    }
  };
  const rpc = await listen('RPC', options.rpcPort ?? DEVNET_DEFAULTS.ports.rpc, { router });
  const faucetServer = await listen('faucet', options.faucetPort ?? DEVNET_DEFAULTS.ports.faucet, {
    fallback: (req, res) => faucet.handle(req, res),
  });
  const adminApi = createAdminHandler(ledger, faucet);
  const admin = await listen('admin', options.adminPort ?? DEVNET_DEFAULTS.ports.admin, {
    fallback: adminApi.handler,
  });
  return { rpc, faucetServer, admin, adminApi };
}

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type DevnetDescriptor, removeDescriptor, writeDescriptor } from '../../devnet/descriptor.js';
import { createDevnetLog, logLedgerActivity } from '../../devnet/devnet-log.js';
import { startLedger } from '../../devnet/ledger/start-ledger.js';
import type { ResolvedConfig } from '../config/types.js';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { descriptorPath, walrusHome } from './devnet-paths.js';

/** Options for starting the devnet in this process. */
export interface RunDevnetOptions {
  config: ResolvedConfig;
  /** Start from a new genesis: delete the state directory first. */
  fresh?: boolean;
  /** Also hand every log line to this function (the log file gets them regardless). */
  echo?: (line: string) => void;
  /** Overrides of the config's ports and accounts. */
  rpcPort?: number;
  accounts?: number;
  stateDir?: string;
}

/**
 * Starts the devnet in this process (today: the ledger with its RPC, faucet and admin endpoints) and
 * writes the descriptor. Returns the descriptor and a `stop()` that also removes it.
 */
export async function runDevnet(
  options: RunDevnetOptions,
): Promise<{ descriptor: DevnetDescriptor; stop: () => Promise<void> }> {
  const { devnet } = options.config;
  const stateDir = options.stateDir ?? devnet.stateDir;
  if (options.fresh) rmSync(stateDir, { recursive: true, force: true });
  let node: Awaited<ReturnType<typeof startLedger>>;
  try {
    node = await startLedger({
      stateDir,
      rpcPort: options.rpcPort ?? devnet.ports.rpc,
      faucetPort: devnet.ports.faucet,
      adminPort: devnet.ports.admin,
      accounts: options.accounts ?? devnet.accounts.count,
      accountBalance: devnet.accounts.balanceMist,
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/already in use/.test(message)) {
      throw new UserError(ErrorCode.PortInUse, message, {
        hint: 'Stop the other process, or pick other ports with --port or devnet.ports in walrus.config.ts.',
      });
    }
    if ((error as { code?: string }).code === 'LOCKED') {
      throw new UserError(ErrorCode.DevnetAlreadyRunning, message, { hint: 'Run `walrus dev down` first.' });
    }
    throw error;
  }
  const descriptor: DevnetDescriptor = {
    version: 1,
    network: 'devnet',
    chainId: node.chainId,
    rpcUrl: node.rpcUrl,
    faucetUrl: node.faucetUrl,
    adminUrl: node.adminUrl,
    accounts: node.accounts.map((a) => ({
      index: a.index,
      address: a.address,
      secretKey: a.secretKey,
      balance: a.balance.toString(),
    })),
    faucetAddress: node.faucetAddress,
    stateDir,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  };
  const log = createDevnetLog(join(walrusHome(options.config), 'devnet.log'), options.echo);
  const stopLogging = logLedgerActivity(node.ledger, log);
  log.write(
    `devnet ready: rpc ${node.rpcUrl} faucet ${node.faucetUrl} admin ${node.adminUrl} chain ${node.chainId} pid ${process.pid}`,
  );
  const path = descriptorPath(options.config);
  writeDescriptor(path, descriptor);
  return {
    descriptor,
    stop: async () => {
      removeDescriptor(path);
      stopLogging();
      await node.stop();
      log.write('devnet stopped');
    },
  };
}

import { SuiGrpcClient } from '@mysten/sui/grpc';
import type { DevnetDescriptor } from '../../../devnet/index.js';
import { BaseCommand } from '../../cli/base-command.js';
import { adminRequest } from '../../dev/admin-client.js';
import { findRunningDevnet } from '../../dev/devnet-paths.js';
import { formatDescriptor, type LiveBalance } from '../../dev/format-descriptor.js';
import { ErrorCode } from '../../errors/codes.js';
import { NetworkError } from '../../errors/network-error.js';
import { UserError } from '../../errors/user-error.js';

/** `walrus dev status --json`: the descriptor plus live chain facts. */
export interface DevStatusResult {
  running: true;
  descriptor: DevnetDescriptor;
  /** `epoch` is the Sui epoch; `walrusEpoch` the Walrus one (null for a ledger-only devnet). */
  chain: { epoch: string; checkpoint: string; referenceGasPrice: string; walrusEpoch: number | null };
  /** What each devnet account holds now (the descriptor keeps the genesis balances), in MIST and FROST. */
  balances: Array<{ address: string } & LiveBalance>;
}

export default class DevStatus extends BaseCommand<typeof DevStatus> {
  static override summary = 'Show whether the devnet runs, where, and its chain state.';

  static override examples = ['<%= config.bin %> dev status', '<%= config.bin %> dev status --json'];

  async run(): Promise<DevStatusResult> {
    const config = await this.loadConfig();
    const running = findRunningDevnet(config);
    if (running && 'stale' in running) {
      // A descriptor whose process is gone: the devnet died (kill -9, crash, reboot) without `dev down`.
      throw new UserError(
        ErrorCode.DevnetNotRunning,
        `The devnet of this project (pid ${running.stale.pid}) is no longer running: it stopped without \`walrus dev down\`.`,
        { hint: `Start it again with \`walrus dev up\`; its state in ${running.stale.stateDir} is kept.` },
      );
    }
    if (!running) {
      throw new UserError(ErrorCode.DevnetNotRunning, 'No devnet is running for this project.', {
        hint: 'Start one with `walrus dev up`.',
      });
    }
    const { descriptor } = running;
    const client = new SuiGrpcClient({ network: 'localnet', baseUrl: descriptor.rpcUrl });
    let chain: DevStatusResult['chain'];
    let balances: DevStatusResult['balances'];
    try {
      const [{ response: info }, { referenceGasPrice }] = await Promise.all([
        client.ledgerService.getServiceInfo({}),
        client.core.getReferenceGasPrice(),
      ]);
      chain = {
        epoch: String(info.epoch ?? 0n),
        checkpoint: String(info.checkpointHeight ?? 0n),
        referenceGasPrice,
        walrusEpoch: descriptor.nodes?.length
          ? (await adminRequest<{ epoch: number }>(descriptor, 'GET', '/epoch')).epoch
          : null,
      };
      const walType = descriptor.packages ? `${descriptor.packages.wal}::wal::WAL` : undefined;
      balances = await Promise.all(
        descriptor.accounts.map(async ({ address }) => {
          const [sui, wal] = await Promise.all([
            client.core.getBalance({ owner: address }),
            walType ? client.core.getBalance({ owner: address, coinType: walType }) : undefined,
          ]);
          return { address, sui: sui.balance.balance, wal: wal ? wal.balance.balance : null };
        }),
      );
    } catch (error) {
      throw new NetworkError(
        ErrorCode.NetworkUnreachable,
        `The devnet process ${descriptor.pid} runs but its RPC at ${descriptor.rpcUrl} does not answer: ${(error as Error).message}`,
        {
          hint: 'Restart it with `walrus dev down` and `walrus dev up`.',
        },
      );
    }
    if (!this.jsonEnabled()) {
      this.log(
        `Devnet running.\n\n${chain.walrusEpoch !== null ? `Walrus epoch ${chain.walrusEpoch}, ` : ''}Sui epoch ${chain.epoch}, checkpoint ${chain.checkpoint}, reference gas price ${chain.referenceGasPrice} MIST\n${formatDescriptor(descriptor, { keys: false, balances: new Map(balances.map((b) => [b.address, b])) })}`,
      );
    }
    return { running: true, descriptor, chain, balances };
  }
}

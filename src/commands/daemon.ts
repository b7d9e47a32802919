import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { openWalrusSession } from '../clients/walrus-session.js';
import { DAEMON_DEFAULTS } from '../config/defaults.js';
import { parseTip, type TipKind } from '../daemon/upload-relay.js';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { onInterrupt } from '../util/interrupt.js';

/** `walrus daemon --json`: where it serves. */
export interface DaemonInfo {
  network: string;
  url: string;
  aggregator: boolean;
  publisher: boolean;
  uploadRelay: boolean;
  publisherAddress: string | null;
}

export default class Daemon extends BaseCommand<typeof Daemon> {
  static override summary = 'Serve the Walrus HTTP API (aggregator, publisher) for any network.';

  static override description =
    `Runs the Walrus daemon's HTTP API against --network (the devnet, testnet, mainnet): the aggregator's read routes (GET /v1/blobs/<id> with Range, /byte-range, /by-object-id, quilt patches) and the publisher's writes (PUT /v1/blobs, PUT /v1/quilts), paid by the active account. Both by default; --aggregator or --publisher serves one. Binds 127.0.0.1 unless --host says otherwise. Runs until Ctrl-C. \`walrus dev up\` already runs one for the devnet on ${DAEMON_DEFAULTS.port}.`;

  static override examples = [
    '<%= config.bin %> daemon --network testnet --aggregator',
    '<%= config.bin %> daemon --network devnet --port 8080',
    'curl -X PUT --data-binary @file.png http://127.0.0.1:31415/v1/blobs?epochs=2',
  ];

  static override flags = {
    aggregator: Flags.boolean({ description: 'Serve the read routes (with --publisher: both).' }),
    publisher: Flags.boolean({ description: 'Serve the write routes, paid by the active account.' }),
    host: Flags.string({ description: `Address to bind (default ${DAEMON_DEFAULTS.host}).` }),
    port: Flags.integer({
      description: `Port (default ${DAEMON_DEFAULTS.port}; 0 picks a free one).`,
      min: 0,
      max: 65535,
    }),
    'max-body-size': Flags.integer({
      description: `Largest write body in bytes (default ${DAEMON_DEFAULTS.maxBodyBytes}).`,
      min: 1,
    }),
    relay: Flags.boolean({
      description: `Serve the upload relay (GET /v1/tip-config, POST /v1/blob-upload-relay) instead, default port ${DAEMON_DEFAULTS.relayPort}.`,
    }),
    tip: Flags.string({
      description:
        'Relay tip paid to the active account: none, const:MIST or linear:BASE,PER_KIB (default none).',
    }),
    'jwt-secret-env': Flags.string({
      description:
        'Name of an environment variable holding an HS256 secret: writes then need a JWT signed with it.',
    }),
  };

  /** `--tip`, checked. */
  #tip(): TipKind | undefined {
    const text = this.flags.tip;
    if (text === undefined) return undefined;
    const tip = /^(none|const:\d+|linear:\d+,\d+)$/.test(text) ? parseTip(text) : 'bad';
    if (tip === 'bad' || (tip !== undefined && !this.flags.relay))
      throw new UserError(
        ErrorCode.InvalidArguments,
        tip === 'bad'
          ? `--tip must be none, const:MIST or linear:BASE,PER_KIB (got "${text}").`
          : '--tip needs --relay.',
        { hint: 'e.g. walrus daemon --relay --tip const:105' },
      );
    return tip;
  }

  async run(): Promise<DaemonInfo> {
    const { startDaemon } = await import('../daemon/daemon-server.js');
    const config = await this.loadConfig();
    const relayOnly = this.flags.relay === true;
    const tip = this.#tip();
    const both = !relayOnly && !this.flags.aggregator && !this.flags.publisher;
    const aggregator = both || this.flags.aggregator === true;
    const publisher = both || this.flags.publisher === true;
    const defaultPort =
      relayOnly && !aggregator && !publisher ? DAEMON_DEFAULTS.relayPort : DAEMON_DEFAULTS.port;
    const jwtEnv = this.flags['jwt-secret-env'];
    const jwtSecret = jwtEnv === undefined ? undefined : process.env[jwtEnv];
    if (jwtEnv !== undefined && !jwtSecret) {
      throw new UserError(
        ErrorCode.InvalidArguments,
        `--jwt-secret-env ${jwtEnv}: that variable is not set.`,
        {
          hint: `Set it first, e.g. export ${jwtEnv}=$(openssl rand -hex 32)`,
        },
      );
    }
    const session = await openWalrusSession(config, this.flags.network);
    const daemon = await startDaemon({
      session,
      host: this.flags.host ?? DAEMON_DEFAULTS.host,
      port: this.flags.port ?? defaultPort,
      aggregator,
      publisher,
      ...(relayOnly
        ? { relay: { tipFreshnessMs: DAEMON_DEFAULTS.tipFreshnessMs, ...(tip ? { tip } : {}) } }
        : {}),
      maxBodyBytes:
        this.flags['max-body-size'] ??
        (relayOnly ? DAEMON_DEFAULTS.relayMaxBodyBytes : DAEMON_DEFAULTS.maxBodyBytes),
      ...(jwtSecret ? { jwtSecret } : {}),
      log: (line) => this.detail(line),
    }).catch((error: Error) => {
      if (/already in use/.test(error.message))
        throw new UserError(ErrorCode.PortInUse, error.message, { hint: 'Pick another one with --port.' });
      throw error;
    });
    const info: DaemonInfo = {
      network: session.connection.network.name,
      url: daemon.url,
      aggregator,
      publisher,
      uploadRelay: relayOnly,
      publisherAddress: publisher ? session.signer.toSuiAddress() : null,
    };
    if (this.jsonEnabled()) this.logJson(info);
    else
      this.log(
        `Walrus daemon (${[aggregator && 'aggregator', publisher && 'publisher', relayOnly && 'upload relay'].filter(Boolean).join(' + ')}) for ${info.network} on ${daemon.url}${publisher ? `, paid by ${info.publisherAddress}` : ''}. Ctrl-C stops it.`,
      );
    await new Promise<void>((resolve) => {
      const dispose = onInterrupt(() => {
        dispose();
        resolve();
      });
      process.once('SIGTERM', () => resolve());
    });
    await daemon.close();
    return undefined as unknown as DaemonInfo;
  }
}

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Keypair } from '@mysten/sui/cryptography';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import type { DevnetDescriptor } from '../../devnet/index.js';
import type { ResolvedConfig } from '../config/types.js';
import { walrusHome } from '../dev/devnet-paths.js';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { writeFileSafelySync } from '../util/safe-write.js';
import { defaultSuiKeystorePath, keypairFromSecret, readSuiKeystore, suiCliActiveAddress } from './keys.js';

/** `accounts.json` in the walrus home (`.walrus/` or `$WALRUS_HOME`): imported keys and the chosen account. Written 0600; keys never go to logs. */
interface AccountFile {
  active?: string;
  imported: string[];
}

/** Where a known key comes from. */
export type KeySource = 'devnet' | 'imported' | 'sui-keystore';

/** A key the CLI can sign with. */
export interface KnownKey {
  address: string;
  keypair: Keypair;
  source: KeySource;
  /** Devnet account index, for devnet keys. */
  index?: number;
}

function filePath(config: Pick<ResolvedConfig, 'projectRoot'>): string {
  return join(walrusHome(config), 'accounts.json');
}

function readFile(config: Pick<ResolvedConfig, 'projectRoot'>): AccountFile {
  try {
    const value = JSON.parse(readFileSync(filePath(config), 'utf8')) as Partial<AccountFile>;
    return {
      imported: Array.isArray(value.imported) ? value.imported : [],
      ...(value.active ? { active: value.active } : {}),
    };
  } catch {
    return { imported: [] };
  }
}

function writeFile(config: Pick<ResolvedConfig, 'projectRoot'>, file: AccountFile): void {
  const path = filePath(config);
  mkdirSync(walrusHome(config), { recursive: true });
  writeFileSafelySync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
}

/**
 * Every key the CLI knows for a network: the devnet's accounts (on the devnet), keys imported into the project,
 * and the Sui CLI keystore (if there is one).
 */
export function knownKeys(config: ResolvedConfig, descriptor: DevnetDescriptor | undefined): KnownKey[] {
  const keys: KnownKey[] = [];
  const seen = new Set<string>();
  const add = (keypair: Keypair, source: KeySource, index?: number) => {
    const address = keypair.toSuiAddress();
    if (seen.has(address)) return;
    seen.add(address);
    keys.push({ address, keypair, source, ...(index !== undefined ? { index } : {}) });
  };
  for (const account of descriptor?.accounts ?? [])
    add(keypairFromSecret(account.secretKey), 'devnet', account.index);
  for (const secret of readFile(config).imported) add(keypairFromSecret(secret), 'imported');
  try {
    for (const secret of readSuiKeystore(defaultSuiKeystorePath()))
      add(keypairFromSecret(secret), 'sui-keystore');
  } catch {
    // No Sui CLI keystore: fine.
  }
  return keys;
}

/**
 * The key that signs: the one chosen with `walrus account use`, else the Sui CLI's active address, else the first
 * devnet account. Fails with a clear message when none is available.
 */
export function activeKey(config: ResolvedConfig, descriptor: DevnetDescriptor | undefined): KnownKey {
  const keys = knownKeys(config, descriptor);
  const chosen = readFile(config).active ?? suiCliActiveAddress();
  const key = (chosen && keys.find((k) => k.address === chosen)) || keys[0];
  if (!key) {
    throw new UserError(ErrorCode.InvalidArguments, 'No account to sign with.', {
      hint: 'Import a key with `walrus account import suiprivkey1…`, or use the devnet, whose accounts are funded.',
    });
  }
  return key;
}

/** Makes `addressOrIndex` (a devnet account index or a known address) the signing account. */
export function chooseAccount(
  config: ResolvedConfig,
  descriptor: DevnetDescriptor | undefined,
  addressOrIndex: string,
): KnownKey {
  const keys = knownKeys(config, descriptor);
  const key = /^\d+$/.test(addressOrIndex)
    ? keys.find((k) => k.source === 'devnet' && k.index === Number(addressOrIndex))
    : keys.find((k) => k.address === normalizeSuiAddress(addressOrIndex));
  if (!key) throw noSuchAccount(addressOrIndex, descriptor);
  writeFile(config, { ...readFile(config), active: key.address });
  return key;
}

/** Why `walrus account use <value>` found no key: no devnet for an index, an index out of range, an unknown address. */
function noSuchAccount(value: string, descriptor: DevnetDescriptor | undefined): UserError {
  if (/^\d+$/.test(value)) {
    if (!descriptor) {
      return new UserError(
        ErrorCode.DevnetNotRunning,
        `Account ${value} is a devnet account index, but no devnet is running for this project.`,
        {
          hint: 'Start it with `walrus dev up --detach`, or pass the address of an imported key (see `walrus account list`).',
        },
      );
    }
    const count = descriptor.accounts.length;
    return new UserError(
      ErrorCode.InvalidArguments,
      `The devnet has ${count} accounts (indices 0–${count - 1}); there is no account ${value}.`,
      { hint: 'See `walrus account list`.' },
    );
  }
  return new UserError(ErrorCode.InvalidArguments, `No key is known for the address "${value}".`, {
    hint: 'Import its key with `walrus account import --stdin`, or see `walrus account list`.',
  });
}

/** Adds keys to the project's account file; returns their addresses. */
export function importKeys(config: ResolvedConfig, secrets: string[]): string[] {
  const file = readFile(config);
  const addresses = secrets.map((secret) => {
    const keypair = keypairFromSecret(secret);
    if (!file.imported.includes(secret.trim())) file.imported.push(secret.trim());
    return keypair.toSuiAddress();
  });
  writeFile(config, file);
  return addresses;
}

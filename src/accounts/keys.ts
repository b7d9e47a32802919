import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  decodeSuiPrivateKey,
  encodeSuiPrivateKey,
  type Keypair,
  SIGNATURE_FLAG_TO_SCHEME,
  type SignatureFlag,
} from '@mysten/sui/cryptography';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Secp256k1Keypair } from '@mysten/sui/keypairs/secp256k1';
import { Secp256r1Keypair } from '@mysten/sui/keypairs/secp256r1';
import { fromBase64 } from '@mysten/sui/utils';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';

/** A keypair from a `suiprivkey…` string (Ed25519, Secp256k1 or Secp256r1). */
export function keypairFromSecret(secret: string): Keypair {
  let parsed: ReturnType<typeof decodeSuiPrivateKey>;
  try {
    parsed = decodeSuiPrivateKey(secret.trim());
  } catch {
    throw new UserError(
      ErrorCode.InvalidArguments,
      'Not a Sui private key: expected the `suiprivkey1…` export form.',
      {
        hint: 'Export one with `sui keytool export --key-identity <address>`.',
      },
    );
  }
  switch (parsed.scheme) {
    case 'ED25519':
      return Ed25519Keypair.fromSecretKey(parsed.secretKey);
    case 'Secp256k1':
      return Secp256k1Keypair.fromSecretKey(parsed.secretKey);
    case 'Secp256r1':
      return Secp256r1Keypair.fromSecretKey(parsed.secretKey);
    default:
      throw new UserError(ErrorCode.InvalidArguments, `Keys of scheme ${parsed.scheme} cannot be imported.`);
  }
}

/** The Sui CLI's config folder: `$SUI_CONFIG_DIR`, else `~/.sui/sui_config`. */
export function suiConfigDir(): string {
  return process.env.SUI_CONFIG_DIR || join(homedir(), '.sui', 'sui_config');
}

/** The Sui CLI's keystore path: `sui.keystore` in {@link suiConfigDir}. */
export function defaultSuiKeystorePath(): string {
  return join(suiConfigDir(), 'sui.keystore');
}

/**
 * Reads a Sui CLI keystore (a JSON array of base64 `flag ‖ secret key` entries) as `suiprivkey…` strings.
 * @example readSuiKeystore('~/.sui/sui_config/sui.keystore')
 */
export function readSuiKeystore(path: string): string[] {
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      ErrorCode.InvalidArguments,
      code === 'ENOENT'
        ? `No Sui keystore at ${path}.`
        : `${path} is not a Sui keystore (a JSON array of keys).`,
      {
        hint: 'Pass the keystore file: `walrus account import --keystore <path>` (the Sui CLI keeps it in $SUI_CONFIG_DIR/sui.keystore).',
      },
    );
  }
  if (!Array.isArray(entries))
    throw new UserError(ErrorCode.InvalidArguments, `${path} is not a Sui keystore (a JSON array of keys).`);
  return entries.map((entry, i) => {
    if (typeof entry !== 'string')
      throw new UserError(ErrorCode.InvalidArguments, `Entry ${i} of ${path} is not a string.`);
    if (entry.startsWith('suiprivkey')) return entry;
    const bytes = fromBase64(entry);
    const scheme = SIGNATURE_FLAG_TO_SCHEME[bytes[0] as SignatureFlag];
    if (!scheme || bytes.length !== 33)
      throw new UserError(ErrorCode.InvalidArguments, `Entry ${i} of ${path} is not a key.`);
    return encodeSuiPrivateKey(bytes.slice(1), scheme);
  });
}

/** The active address the Sui CLI uses (`active_address` in `client.yaml` of {@link suiConfigDir}), if any. */
export function suiCliActiveAddress(configDir = suiConfigDir()): string | undefined {
  try {
    const text = readFileSync(join(configDir, 'client.yaml'), 'utf8');
    return /^active_address:\s*"?(0x[0-9a-fA-F]+)"?/m.exec(text)?.[1]?.toLowerCase();
  } catch {
    return undefined;
  }
}

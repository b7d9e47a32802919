/**
 * Stores a file on Walrus and reads it back, with the official clients (`SuiGrpcClient`, `WalrusClient`).
 *
 *   npm run store -- <file> [--network devnet|testnet|mainnet|<name>] [--epochs N]
 *
 * On the devnet (`walrus dev up` first) it signs with the devnet's first funded account; on another network with
 * the key in WALRUS_PRIVATE_KEY (`suiprivkey…`), which needs SUI for gas and WAL for storage.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Signer } from '@mysten/sui/cryptography';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import type { WalrusClient } from '@mysten/walrus';
import { connect } from 'walrus-devkit';

/** Stores `bytes` for `epochs` epochs, reads them back and checks they are the same. */
export async function storeAndRead(
  walrusClient: WalrusClient,
  signer: Signer,
  bytes: Uint8Array,
  epochs = 1,
): Promise<{ blobId: string; readBack: Uint8Array }> {
  const { blobId } = await walrusClient.writeBlob({ blob: bytes, deletable: true, epochs, signer });
  const readBack = await walrusClient.readBlob({ blobId });
  if (Buffer.compare(Buffer.from(readBack), Buffer.from(bytes)) !== 0)
    throw new Error(`Blob ${blobId} read back different bytes`);
  return { blobId, readBack };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { network: { type: 'string', default: 'devnet' }, epochs: { type: 'string', default: '1' } },
  });
  const [file] = positionals;
  if (!file)
    throw new Error('Usage: npm run store -- <file> [--network devnet|testnet|mainnet] [--epochs N]');
  const { walrusClient, descriptor } = await connect(values.network);
  if (!walrusClient) throw new Error(`No Walrus deployment is known for network ${values.network}`);
  const secretKey = descriptor ? descriptor.accounts[0]?.secretKey : process.env.WALRUS_PRIVATE_KEY;
  if (!secretKey) throw new Error('Set WALRUS_PRIVATE_KEY to a suiprivkey… key with SUI and WAL.');
  const signer = Ed25519Keypair.fromSecretKey(secretKey);
  const { blobId, readBack } = await storeAndRead(
    walrusClient,
    signer,
    new Uint8Array(await readFile(file)),
    Number(values.epochs),
  );
  console.log(`Stored ${file} as blob ${blobId}; read back ${readBack.length} bytes.`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

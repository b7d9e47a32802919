import { describe, expect, it } from 'vitest';
import { useDevnet } from 'walrus-devkit/testing';
import { storeAndRead } from '../scripts/store.js';

// The run's devnet (started by the global setup in vitest.config.ts); every test starts from the same state.
const devnet = useDevnet();
const bytes = (text: string) => new TextEncoder().encode(text);

describe('storing a blob', () => {
  it('stores a file and reads the same bytes back', async () => {
    const { blobId, readBack } = await storeAndRead(devnet.walrusClient, devnet.signers[0]!, bytes('hello'));
    expect(new TextDecoder().decode(readBack)).toBe('hello');
    await expect(blobId).toBeCertified();
    await expect(blobId).toBeReadable();
  });

  it('refuses storage further ahead than the system allows', async () => {
    const tooFar = devnet.walrusClient.writeBlob({
      blob: bytes('too far'),
      deletable: true,
      epochs: 10_000,
      signer: devnet.signers[0]!,
    });
    await expect(tooFar).toAbortWith('EInvalidEpochsAhead');
  });

  it('still reads a blob with a storage node down', async () => {
    const { blobId } = await devnet.storeBlob('survives a node');
    await devnet.stopNode(0);
    await expect(blobId).toBeReadable();
  });
});

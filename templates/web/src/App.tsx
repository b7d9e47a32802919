import { useEffect, useState } from 'react';
import { connectDevnet, type Walrus } from './walrus.js';

interface StoredBlob {
  blobId: string;
  name: string;
  size: number;
  /** Object URL of the bytes read back from the storage nodes. */
  previewUrl: string;
  type: string;
}

export function App() {
  const [walrus, setWalrus] = useState<Walrus>();
  const [file, setFile] = useState<File>();
  const [status, setStatus] = useState('Connecting to the devnet…');
  const [blobs, setBlobs] = useState<StoredBlob[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    connectDevnet().then(
      (connected) => {
        setWalrus(connected);
        setStatus(`Ready. Signing as ${connected.signer.toSuiAddress().slice(0, 10)}… (devnet account 0).`);
      },
      (error: unknown) => setStatus(String(error instanceof Error ? error.message : error)),
    );
  }, []);

  async function upload(): Promise<void> {
    if (!walrus || !file) return;
    setBusy(true);
    try {
      setStatus(`Storing ${file.name}: encoding, registering, uploading to the nodes, certifying…`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { blobId } = await walrus.walrusClient.writeBlob({
        blob: bytes,
        deletable: true,
        epochs: 1,
        signer: walrus.signer,
      });
      setStatus(`Stored ${file.name} as ${blobId}; reading it back…`);
      const readBack = await walrus.walrusClient.readBlob({ blobId });
      const previewUrl = URL.createObjectURL(new Blob([new Uint8Array(readBack)], { type: file.type }));
      setBlobs((list) => [
        { blobId, name: file.name, size: bytes.length, previewUrl, type: file.type },
        ...list,
      ]);
      setStatus(`Stored ${file.name}.`);
    } catch (error) {
      setStatus(`Upload failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  }

  const latest = blobs[0];
  return (
    <main
      style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '2rem auto', padding: '0 1rem' }}
    >
      <h1>Walrus web app</h1>
      <p style={{ background: '#fff3cd', padding: '0.5rem 0.75rem', borderRadius: 6 }}>
        Dev only: uploads are signed in this page with a devnet account's private key (served by the dev
        server). Never ship a key; on a real network sign with the user's wallet.
      </p>
      <p>
        <input type="file" aria-label="File to store" onChange={(e) => setFile(e.target.files?.[0])} />{' '}
        <button type="button" onClick={upload} disabled={!walrus || !file || busy}>
          Upload to Walrus
        </button>
      </p>
      <p role="status">{status}</p>
      {latest && (
        <section>
          <h2>Latest blob</h2>
          <p>
            Blob id: <code data-testid="blob-id">{latest.blobId}</code>
          </p>
          <p>Read back from the storage nodes with WalrusClient.readBlob:</p>
          {latest.type.startsWith('image/') ? (
            <img
              data-testid="preview"
              src={latest.previewUrl}
              alt={latest.name}
              style={{ maxWidth: '100%' }}
            />
          ) : (
            <a href={latest.previewUrl} download={latest.name}>
              Download {latest.name}
            </a>
          )}
        </section>
      )}
      <h2>Stored blobs</h2>
      {blobs.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul data-testid="blob-list">
          {blobs.map((blob) => (
            <li key={blob.blobId}>
              <code>{blob.blobId}</code> {blob.name} ({blob.size} bytes)
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

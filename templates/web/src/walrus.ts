/**
 * The official clients in the browser, for the devnet the dev server describes (see devnet-plugin.ts).
 * DEV ONLY: uploads are signed in the page with a devnet account's key. A real app signs with the user's wallet
 * (`@mysten/dapp-kit`) or uploads through a publisher; never ship a private key.
 */
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { WalrusClient } from '@mysten/walrus';
import walrusWasmUrl from '@mysten/walrus-wasm/web/walrus_wasm_bg.wasm?url';
import type { BrowserDevnet } from '../devnet-plugin.js';

export interface Walrus {
  walrusClient: WalrusClient;
  /** The devnet account that signs (dev only). */
  signer: Ed25519Keypair;
}

/**
 * Storage nodes live on other loopback ports; the SDK's requests to them go through the dev server
 * (`/__walrus/node/<port>/…`), so the page talks to its own origin only.
 */
function throughDevServer(ports: number[]): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!ports.includes(Number(url.port))) return fetch(input, init);
    return fetch(`/__walrus/node/${url.port}${url.pathname}${url.search}`, init);
  };
}

export async function connectDevnet(): Promise<Walrus> {
  const response = await fetch('/__walrus/devnet.json');
  const devnet = (await response.json()) as BrowserDevnet & { error?: string };
  if (!response.ok) throw new Error(devnet.error ?? `Dev server: HTTP ${response.status}`);
  const suiClient = new SuiGrpcClient({ network: 'localnet', baseUrl: devnet.rpcUrl });
  const walrusClient = new WalrusClient({
    suiClient,
    packageConfig: { systemObjectId: devnet.systemObjectId, stakingPoolId: devnet.stakingObjectId },
    storageNodeUrlScheme: 'http',
    wasmUrl: walrusWasmUrl,
    storageNodeClientOptions: { fetch: throughDevServer(devnet.nodePorts) },
  });
  return { walrusClient, signer: Ed25519Keypair.fromSecretKey(devnet.devSecretKey) };
}

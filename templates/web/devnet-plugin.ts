/**
 * Dev server only: gives the app the local devnet. `GET /__walrus/devnet.json` answers what the browser needs from
 * the devnet descriptor (read on every request, so `walrus dev up` may start after `vite`), and
 * `/__walrus/node/<port>/…` forwards to the storage node on that loopback port, so the browser reaches the nodes
 * from the app's own origin. DEV ONLY: the answer holds a devnet account's private key, to sign in the browser.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import type { DevnetDescriptor } from 'walrus-devkit/devnet';

/** Where the descriptor is: WALRUS_DEVNET_DESCRIPTOR (tests), else the project's `.walrus/devnet.json`. */
function descriptorPath(root: string): string {
  return (
    process.env.WALRUS_DEVNET_DESCRIPTOR ??
    join(process.env.WALRUS_HOME ?? join(root, '.walrus'), 'devnet.json')
  );
}

function readDevnet(root: string): DevnetDescriptor | undefined {
  try {
    return JSON.parse(readFileSync(descriptorPath(root), 'utf8')) as DevnetDescriptor;
  } catch {
    return undefined;
  }
}

/** What the app gets: endpoints, Walrus object ids and the dev signing key. */
export interface BrowserDevnet {
  rpcUrl: string;
  systemObjectId: string;
  stakingObjectId: string;
  nodePorts: number[];
  devSecretKey: string;
  devAddress: string;
}

export function walrusDevnet(): Plugin {
  return {
    name: 'walrus-devnet',
    apply: 'serve',
    configureServer(server) {
      const root = server.config.root;
      server.middlewares.use('/__walrus/devnet.json', (_req, res) => {
        const devnet = readDevnet(root);
        if (!devnet?.objects || !devnet.accounts[0]) {
          res.statusCode = 503;
          res.end(
            JSON.stringify({ error: 'No devnet is running: start one with `npx walrus dev up --detach`.' }),
          );
          return;
        }
        const answer: BrowserDevnet = {
          rpcUrl: devnet.rpcUrl,
          systemObjectId: devnet.objects.system,
          stakingObjectId: devnet.objects.staking,
          nodePorts: (devnet.nodes ?? []).map((node) => Number(new URL(node.url).port)),
          devSecretKey: devnet.accounts[0].secretKey,
          devAddress: devnet.accounts[0].address,
        };
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(answer));
      });
      server.middlewares.use('/__walrus/node/', (req, res) => {
        const [, port, ...rest] = (req.url ?? '/').split('/');
        const ports = readDevnet(root)?.nodes?.map((node) => new URL(node.url).port) ?? [];
        if (!port || !ports.includes(port)) {
          res.statusCode = 404;
          res.end(`Not a storage node of the devnet: port ${port}`);
          return;
        }
        const upstream = request(
          {
            host: '127.0.0.1',
            port: Number(port),
            path: `/${rest.join('/')}`,
            method: req.method,
            headers: req.headers,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', (error) => {
          res.statusCode = 502;
          res.end(`Storage node on port ${port}: ${error.message}`);
        });
        req.pipe(upstream);
      });
    },
  };
}

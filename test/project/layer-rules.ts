/**
 * The layer rules of docs/architecture.md ("Layers and what each may touch"), as data over the import graph that
 * source-graph.ts reads. Each rule names what it holds; test/project/layers.test.ts runs them on the tree (no
 * breach) and on test/project/fixtures/layer-breaches (every rule must report its deliberate breach).
 */
import type { ParsedSource, SourceImport } from './source-graph.js';

export interface Breach {
  rule: string;
  file: string;
  line: number;
  target: string;
}

export interface LayerRule {
  name: string;
  /** What the rule says, for the failure message and docs/architecture.md. */
  says: string;
  check(sources: readonly ParsedSource[]): Breach[];
}

const under = (path: string, ...folders: string[]) => folders.some((folder) => path.startsWith(folder));

/** The code of `src/` that is not the CLI front end (commands, oclif glue, hooks) nor the UI itself. */
const isLibrary = (path: string) =>
  path.startsWith('src/') && !under(path, 'src/commands/', 'src/cli/', 'src/ui/', 'src/hooks/');

/** A rule over single imports: every import of a file `from` matches must satisfy `allowed`. */
function importRule(
  name: string,
  says: string,
  from: (path: string) => boolean,
  forbidden: (target: string, imported: SourceImport) => boolean,
): LayerRule {
  return {
    name,
    says,
    check: (sources) =>
      sources.flatMap((source) =>
        from(source.path)
          ? source.imports
              .filter((i) => i.target !== undefined && forbidden(i.target, i))
              .map((i) => ({ rule: name, file: source.path, line: i.line, target: i.target! }))
          : [],
      ),
  };
}

/**
 * The devnet's public API as `src/` may import it: the library entry (`walrus-devkit/devnet`), its light part for
 * the CLI, and the devnet's defaults (`walrus-devkit/devnet/defaults`, which src/config/defaults.ts takes).
 */
const DEVNET_PUBLIC_API = new Set(['devnet/index.ts', 'devnet/cli-api.ts', 'devnet/defaults.ts']);

/**
 * What `devnet/cli-api.ts` must never load when it is imported: the ledger, its servers, contract natives, the
 * storage nodes and RedStuff kernels (the blob encoder is a dynamic import, loaded on first use), the orchestrator.
 */
const HEAVY = [
  'devnet/redstuff/',
  'devnet/storage-node/',
  'devnet/ledger/core/',
  'devnet/ledger/rpc/',
  'devnet/ledger/http/',
  'devnet/ledger/start-ledger.ts',
  'devnet/contract-runtime/natives/',
  'devnet/start-devnet.ts',
  'devnet/walrus-chain/',
];

/** Storage nodes may import their own folder, the RedStuff kernels, generated Move constants, src/protocol, src/util. */
const NODE_MAY_IMPORT = [
  'devnet/storage-node/',
  'devnet/redstuff/',
  'devnet/contract-runtime/generated/',
  // The one lifecycle every devnet instance shares (no chain access).
  'devnet/instance.ts',
  'src/protocol/',
  'src/util/',
];

export const LAYER_RULES: readonly LayerRule[] = [
  importRule(
    'src-through-devnet-api',
    '`src/` imports the devnet only through its public API: `devnet/index.ts` (`walrus-devkit/devnet`), its light part `devnet/cli-api.ts`, or `devnet/defaults.ts` (`walrus-devkit/devnet/defaults`)',
    (path) => path.startsWith('src/'),
    (target) => target.startsWith('devnet/') && !DEVNET_PUBLIC_API.has(target),
  ),
  {
    name: 'cli-api-stays-light',
    says: 'importing `devnet/cli-api.ts` (what ordinary CLI commands load) loads none of the ledger, natives, storage nodes, RedStuff kernels, chain code or orchestrator',
    check: (sources) => heavyReach(sources, 'devnet/cli-api.ts'),
  },
  importRule(
    'library-not-ui',
    'library code (`src/` but commands, cli, ui, hooks) does not import `src/ui`',
    isLibrary,
    (target) => target.startsWith('src/ui/'),
  ),
  importRule(
    'stake-not-blob',
    '`src/stake` does not import `src/blob` (the session and object ids are in `src/clients`)',
    (path) => path.startsWith('src/stake/'),
    (target) => target.startsWith('src/blob/'),
  ),
  importRule(
    'protocol-is-pure',
    '`src/protocol` imports nothing of the devnet or the rest of `src/`',
    (path) => path.startsWith('src/protocol/'),
    (target) => !target.startsWith('src/protocol/'),
  ),
  importRule(
    'node-identity-not-ledger',
    '`devnet/node-identity.ts` does not import ledger internals (keys come from `devnet/devnet-accounts.ts`)',
    (path) => path === 'devnet/node-identity.ts',
    (target) => target.startsWith('devnet/ledger/'),
  ),
  importRule(
    'storage-node-through-clients',
    'storage nodes reach the chain only through the client API: they import their folder, `devnet/redstuff`, generated Move constants, the instance lifecycle, `src/protocol` and `src/util`, nothing of the ledger or the chain code',
    (path) => path.startsWith('devnet/storage-node/'),
    (target) => !NODE_MAY_IMPORT.some((folder) => target.startsWith(folder)),
  ),
  importRule(
    'walrus-chain-through-clients',
    '`devnet/walrus-chain` reaches the chain through `SuiGrpcClient` and `WalrusClient`, never ledger internals',
    (path) => path.startsWith('devnet/walrus-chain/'),
    (target) => target.startsWith('devnet/ledger/'),
  ),
  importRule(
    'ledger-core-transport-free',
    '`devnet/ledger/core` imports no RPC, HTTP or persistence code of the ledger (rpc imports core, never the reverse)',
    (path) => path.startsWith('devnet/ledger/core/'),
    (target) => under(target, 'devnet/ledger/rpc/', 'devnet/ledger/http/', 'devnet/ledger/persistence/'),
  ),
  importRule(
    'ledger-core-no-move-parsing',
    '`devnet/ledger/core` imports nothing of `devnet/contract-runtime` (it parses no Move: its framework modules, built from `contracts/std` and `contracts/sui`, are handed to it at construction)',
    (path) => path.startsWith('devnet/ledger/core/'),
    (target) => target.startsWith('devnet/contract-runtime/'),
  ),
  {
    name: 'no-import-cycles',
    says: 'no import cycle (type-only imports included) among the files of `src/`, `devnet/` and `scripts/`',
    check: (sources) => importCycles(sources),
  },
];

/**
 * Imports within the parsed tree: file → the files it imports. `onLoad`: only what importing the file loads (no
 * type-only imports, no dynamic `import()`).
 */
function importGraph(sources: readonly ParsedSource[], onLoad: boolean): Map<string, SourceImport[]> {
  return new Map(
    sources.map(
      (s) =>
        [
          s.path,
          s.imports.filter((i) => i.target !== undefined && !(onLoad && (i.typeOnly || i.dynamic))),
        ] as const,
    ),
  );
}

/** Every heavy file `entry` loads, named by the import that first reaches it (breadth first). */
function heavyReach(sources: readonly ParsedSource[], entry: string): Breach[] {
  const graph = importGraph(sources, true);
  const seen = new Set([entry]);
  const queue = [entry];
  const breaches: Breach[] = [];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const i of graph.get(file) ?? []) {
      const target = i.target!;
      if (seen.has(target)) continue;
      seen.add(target);
      if (HEAVY.some((heavy) => target.startsWith(heavy))) {
        breaches.push({ rule: 'cli-api-stays-light', file, line: i.line, target });
        continue;
      }
      queue.push(target);
    }
  }
  return breaches;
}

/** One breach per import cycle (Tarjan's strongly connected components), named by the cycle's first edge. */
function importCycles(sources: readonly ParsedSource[]): Breach[] {
  const graph = importGraph(sources, false);
  const scoped = (path: string) => under(path, 'src/', 'devnet/', 'scripts/');
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const breaches: Breach[] = [];
  let counter = 0;
  const connect = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const i of graph.get(file) ?? []) {
      const target = i.target!;
      if (!graph.has(target) || !scoped(target)) continue;
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    const self = graph.get(file)?.find((i) => i.target === file);
    if (component.length > 1 || self) {
      const members = new Set(component);
      const first = component.sort()[0]!;
      const edge = graph.get(first)!.find((i) => members.has(i.target!))!;
      breaches.push({
        rule: 'no-import-cycles',
        file: first,
        line: edge.line,
        target: component.join(' → '),
      });
    }
  };
  for (const file of graph.keys()) if (scoped(file) && !index.has(file)) connect(file);
  return breaches;
}

import * as v from 'valibot';
import { ConfigError, type ConfigIssue } from '../errors/config-error.js';
import { didYouMean } from '../util/suggest.js';
import { BUILT_IN_NETWORKS, DEFAULTS, LIMITS } from './defaults.js';
import { type ValidatedConfig, WalrusConfigSchema } from './schema.js';

export const CONFIG_HELP_HINT =
  'Run "walrus config show --help" to see every key, its default and its allowed values.';

/**
 * Validates a raw config value (what the config file exported) against the schema and the cross-key rules.
 * Returns the normalised config; throws a {@link ConfigError} (`CONFIG_INVALID`) listing every problem, each naming
 * the key path, the expected form and the value found.
 */
export function validateConfig(input: unknown, file?: string): ValidatedConfig {
  const result = v.safeParse(WalrusConfigSchema, input, { abortEarly: false, abortPipeEarly: true });
  if (!result.success) {
    const issues = dedupe(result.issues.map((issue) => toConfigIssue(issue)));
    throw ConfigError.invalid(file, issues, CONFIG_HELP_HINT);
  }
  const crossIssues = crossCheck(result.output);
  if (crossIssues.length > 0) throw ConfigError.invalid(file, crossIssues, CONFIG_HELP_HINT);
  return result.output;
}

type AnyIssue = v.BaseIssue<unknown>;
type PathItem = NonNullable<AnyIssue['path']>[number];
// valibot schemas are walked structurally to find the keys an object accepts (for "did you mean").
type SchemaNode = {
  type: string;
  wrapped?: SchemaNode;
  getter?: (input: unknown) => SchemaNode;
  entries?: Record<string, SchemaNode>;
  value?: SchemaNode;
};

function toConfigIssue(issue: AnyIssue): ConfigIssue {
  const items: PathItem[] = issue.path ?? [];
  const keys = items.map((item) => String(item.key));
  const path = keys.join('.');
  const last = items.at(-1);
  if (last && 'origin' in last && last.origin === 'key') {
    const parentPath = keys.slice(0, -1).join('.');
    if (issue.type === 'strict_object') {
      const known = knownKeys(items);
      const suggestion = didYouMean(String(last.key), known);
      const prefix = parentPath ? `${parentPath}.` : '';
      const tail = suggestion
        ? `did you mean "${prefix}${suggestion}"?`
        : `expected one of: ${known.map((key) => `${prefix}${key}`).join(', ')}`;
      return { path, message: `unknown key "${path}" (${tail})` };
    }
    return { path, message: `${parentPath} key ${JSON.stringify(last.key)} ${issue.message}` };
  }
  const subject = path === '' ? 'the config' : path;
  return { path, message: `${subject} ${issue.message} (got ${describeValue(issue.input)})` };
}

/** Keys accepted by the object schema that holds the last path item. */
function knownKeys(items: PathItem[]): string[] {
  let node = WalrusConfigSchema as unknown as SchemaNode | undefined;
  for (const item of items.slice(0, -1)) {
    node = unwrap(node, item.input);
    node = node?.entries ? node.entries[String(item.key)] : node?.type === 'record' ? node.value : undefined;
  }
  node = unwrap(node, items.at(-1)?.input);
  return node?.entries ? Object.keys(node.entries) : [];
}

function unwrap(node: SchemaNode | undefined, input: unknown): SchemaNode | undefined {
  let current = node;
  for (let guard = 0; current && guard < 10; guard++) {
    if (current.wrapped) current = current.wrapped;
    else if (current.type === 'lazy' && current.getter) current = current.getter(input);
    else break;
  }
  return current;
}

/** A short, user-facing rendering of a value: strings quoted, objects and arrays named. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\n${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Rules that involve several keys (checked once every key has the right type). */
function crossCheck(config: ValidatedConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const devnet = config.devnet ?? {};
  const nodes = devnet.nodes ?? DEFAULTS.devnet.nodes;
  const shards = devnet.shards ?? DEFAULTS.devnet.shards;
  if (shards < nodes) {
    issues.push({
      path: 'devnet.shards',
      message: `devnet.shards must be at least devnet.nodes, so every node holds a shard (got ${shards} shards for ${nodes} nodes)`,
    });
  }

  const ports = { ...DEFAULTS.devnet.ports, ...devnet.ports };
  const lastNodePort = ports.storageNodeBase + nodes - 1;
  if (lastNodePort > LIMITS.port.max) {
    issues.push({
      path: 'devnet.ports.storageNodeBase',
      message: `devnet.ports.storageNodeBase must leave room for ${nodes} storage node ports below 65536 (got ${ports.storageNodeBase})`,
    });
  }
  const single = [
    ['rpc', ports.rpc],
    ['faucet', ports.faucet],
    ['admin', ports.admin],
    ['daemon', ports.daemon],
    ['relay', ports.relay],
  ] as const;
  for (let i = 0; i < single.length; i++) {
    const [name, port] = single[i]!;
    if (port === 0) continue; // any free port: cannot clash
    for (const [otherName, otherPort] of single.slice(i + 1)) {
      if (port === otherPort) {
        issues.push({
          path: `devnet.ports.${otherName}`,
          message: `devnet.ports.${otherName} must differ from devnet.ports.${name} (both are ${port})`,
        });
      }
    }
    if (ports.storageNodeBase !== 0 && port >= ports.storageNodeBase && port <= lastNodePort) {
      issues.push({
        path: `devnet.ports.${name}`,
        message: `devnet.ports.${name} must not fall in the storage node range ${ports.storageNodeBase}-${lastNodePort} (got ${port})`,
      });
    }
  }

  const networks = config.networks ?? {};
  for (const [name, network] of Object.entries(networks)) {
    if (!(BUILT_IN_NETWORKS as readonly string[]).includes(name) && network.rpcUrl === undefined) {
      issues.push({
        path: `networks.${name}.rpcUrl`,
        message: `networks.${name}.rpcUrl is required for a custom network (only devnet, testnet and mainnet have a default)`,
      });
    }
  }
  if (config.defaultNetwork !== undefined) {
    const known = [...BUILT_IN_NETWORKS, ...Object.keys(networks)];
    if (!known.includes(config.defaultNetwork)) {
      const suggestion = didYouMean(config.defaultNetwork, known);
      issues.push({
        path: 'defaultNetwork',
        message: `defaultNetwork must name a known network: ${known.join(', ')} (got ${JSON.stringify(config.defaultNetwork)}${suggestion ? `; did you mean "${suggestion}"?` : ''})`,
      });
    }
  }
  return issues;
}

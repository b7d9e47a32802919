import * as v from 'valibot';
import { LIMITS } from './defaults.js';
import { parseDuration } from './duration.js';

/*
 * The valibot schema of `WalrusConfig`. Every check carries one message that states the expected form as a
 * predicate ("must be ..."); `validate.ts` prefixes the key path and appends the offending value, giving errors like
 * `devnet.nodes must be an integer between 1 and 64 (got "four")`. Objects are strict so typos are reported.
 */

const OBJECT = 'must be an object';

/**
 * valibot's object schemas accept arrays (they are objects too); reject them with the same message. The lazy wrapper
 * keeps the object schema reachable for the "did you mean" key lookup in validate.ts.
 */
function plainObject<const TSchema extends v.GenericSchema>(schema: TSchema, message = OBJECT) {
  const rejectArray = v.never(message);
  return v.lazy((input) => (Array.isArray(input) ? rejectArray : schema));
}

function integerBetween(min: number, max: number, message = `must be an integer between ${min} and ${max}`) {
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
}

const PORT = integerBetween(
  LIMITS.port.min,
  LIMITS.port.max,
  'must be a port number (an integer between 0 and 65535; 0 picks a free port)',
);

const DURATION_MESSAGE = `must be a duration between 100ms and 24d: milliseconds, or a string like "30s" or "10m"`;
const inDurationRange = (ms: number | undefined): boolean =>
  ms !== undefined && ms >= LIMITS.epochDurationMs.min && ms <= LIMITS.epochDurationMs.max;

/** Milliseconds (number) or a duration string; outputs milliseconds. */
export const DurationSchema = v.lazy((input) =>
  typeof input === 'string'
    ? v.pipe(
        v.string(DURATION_MESSAGE),
        v.check((text) => inDurationRange(parseDuration(text)), DURATION_MESSAGE),
        v.transform((text) => parseDuration(text)!),
      )
    : v.pipe(
        v.number(DURATION_MESSAGE),
        v.integer(DURATION_MESSAGE),
        v.check((ms: number) => inDurationRange(ms), DURATION_MESSAGE),
      ),
);

const BALANCE_MESSAGE = `must be an amount of SUI between 0 and ${LIMITS.balanceSui.max} with at most 9 decimals, as a number or a string like "1000" or "0.5"`;
const DECIMAL = /^\d+(\.\d{1,9})?$/;
const balanceOk = (text: string) => DECIMAL.test(text) && Number(text) <= LIMITS.balanceSui.max;

/** SUI amount (number or decimal string); outputs the canonical decimal string. */
const BalanceSchema = v.lazy((input) =>
  typeof input === 'string'
    ? v.pipe(v.string(BALANCE_MESSAGE), v.check(balanceOk, BALANCE_MESSAGE))
    : v.pipe(
        v.number(BALANCE_MESSAGE),
        v.check((n) => Number.isFinite(n) && balanceOk(String(n)), BALANCE_MESSAGE),
        v.transform((n) => String(n)),
      ),
);

const ACCOUNTS_MESSAGE = `must be an integer between ${LIMITS.accounts.min} and ${LIMITS.accounts.max} (the account count) or an object { count, balance }`;

const AccountsObjectSchema = v.strictObject(
  {
    count: v.optional(integerBetween(LIMITS.accounts.min, LIMITS.accounts.max)),
    balance: v.optional(BalanceSchema),
  },
  OBJECT,
);

/** A count, or `{ count, balance }`; outputs `{ count?, balance? }`. */
const AccountsSchema = v.lazy((input) =>
  typeof input === 'object' && input !== null && !Array.isArray(input)
    ? AccountsObjectSchema
    : v.pipe(
        integerBetween(LIMITS.accounts.min, LIMITS.accounts.max, ACCOUNTS_MESSAGE),
        v.transform((count): { count?: number; balance?: string } => ({ count })),
      ),
);

const PortsSchema = plainObject(
  v.strictObject(
    {
      rpc: v.optional(PORT),
      faucet: v.optional(PORT),
      admin: v.optional(PORT),
      storageNodeBase: v.optional(PORT),
      daemon: v.optional(PORT),
      relay: v.optional(PORT),
    },
    OBJECT,
  ),
);

export const DevnetSchema = plainObject(
  v.strictObject(
    {
      nodes: v.optional(integerBetween(LIMITS.nodes.min, LIMITS.nodes.max)),
      shards: v.optional(integerBetween(LIMITS.shards.min, LIMITS.shards.max)),
      epochDuration: v.optional(DurationSchema),
      accounts: v.optional(AccountsSchema),
      ports: v.optional(PortsSchema),
      stateDir: v.optional(
        v.pipe(v.string('must be a non-empty path'), v.nonEmpty('must be a non-empty path')),
      ),
    },
    OBJECT,
  ),
);

const OBJECT_ID_MESSAGE = 'must be a Sui object id (0x followed by 1 to 64 hex digits)';
const ObjectIdSchema = v.pipe(
  v.string(OBJECT_ID_MESSAGE),
  v.regex(/^0x[0-9a-fA-F]{1,64}$/, OBJECT_ID_MESSAGE),
  v.transform((id) => `0x${id.slice(2).toLowerCase().padStart(64, '0')}`),
);

const URL_MESSAGE = 'must be an http(s) URL, e.g. "http://127.0.0.1:9000"';
const RpcUrlSchema = v.pipe(
  v.string(URL_MESSAGE),
  v.check((text) => {
    try {
      const url = new URL(text);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, URL_MESSAGE),
);

export const NetworkSchema = plainObject(
  v.strictObject(
    {
      rpcUrl: v.optional(RpcUrlSchema),
      systemObjectId: v.optional(ObjectIdSchema),
      stakingObjectId: v.optional(ObjectIdSchema),
    },
    OBJECT,
  ),
);

export const NETWORK_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const NETWORK_NAME_MESSAGE = 'must start with a letter and contain only letters, digits, "-" and "_"';

const ROOT_OBJECT = 'must be an object (export default defineConfig({ ... }))';

export const WalrusConfigSchema = plainObject(
  v.strictObject(
    {
      defaultNetwork: v.optional(
        v.pipe(v.string('must be a network name'), v.regex(NETWORK_NAME, 'must be a network name')),
      ),
      devnet: v.optional(DevnetSchema),
      networks: v.optional(
        plainObject(
          v.record(v.pipe(v.string(), v.regex(NETWORK_NAME, NETWORK_NAME_MESSAGE)), NetworkSchema, OBJECT),
        ),
      ),
    },
    ROOT_OBJECT,
  ),
  ROOT_OBJECT,
);

/** The validated, normalised config (durations in ms, balances as decimal strings, object ids padded). */
export type ValidatedConfig = v.InferOutput<typeof WalrusConfigSchema>;

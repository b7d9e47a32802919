/**
 * The devnet's storage-challenge controls (a devnet extension; docs/challenges.md): the settings
 * `challenge config` shows and changes, the rounds run so far, and automatic rounds at a set point
 * of each epoch. Settings and history are kept in `<state dir>/challenges.json` (written to a
 * temporary file and renamed, so a crash leaves the old or the new file), so they survive
 * `dev down`/`dev up`; an in-memory devnet keeps them in memory.
 *
 * Admin routes (loopback): `POST /challenge` (run a round to its outcome), `GET /challenges`
 * (rounds, oldest first), `GET|POST /challenge/config`.
 */
import { existsSync, lstatSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdminRoute } from './ledger/http/admin.js';
import { HttpError } from './ledger/http/json-http.js';
import type { Devnet, DevnetNode } from './start-devnet.js';
import {
  CHALLENGE_DEFAULTS,
  type ChallengeOutcome,
  type ChallengePenaltyMode,
} from './walrus-chain/challenge-round.js';

/** The challenge settings `challenge config` shows and changes. */
export interface ChallengeConfig {
  /** Blobs sampled per node (1–64). */
  sample: number;
  /** How long certificates are accepted, in ms of chain time. */
  windowMs: number;
  /** How a failed node pays: `stake` (a share of its pool's stake per shard) or `commission`. */
  penalty: ChallengePenaltyMode;
  /** With `penalty: stake`: basis points of the pool's stake per shard held (0–10000). */
  penaltyBpsPerShard: number;
  /** Whether a round opens by itself in every epoch. */
  auto: boolean;
  /** Where in the epoch an automatic round opens (0–1 of the epoch's length). */
  autoAtFraction: number;
}

/** A round as the history keeps it: its outcome and whether it opened by itself. */
export type ChallengeRecord = ChallengeOutcome & { automatic: boolean };

interface ChallengeFile {
  config: ChallengeConfig;
  rounds: ChallengeRecord[];
}

const FILE = 'challenges.json';

function defaultConfig(): ChallengeConfig {
  return {
    sample: CHALLENGE_DEFAULTS.sampleSize,
    windowMs: CHALLENGE_DEFAULTS.windowMs,
    penalty: CHALLENGE_DEFAULTS.penalty,
    penaltyBpsPerShard: CHALLENGE_DEFAULTS.penaltyBpsPerShard,
    auto: CHALLENGE_DEFAULTS.auto,
    autoAtFraction: CHALLENGE_DEFAULTS.autoAtFraction,
  };
}

/** Reads the saved settings and history; defaults for a state without them. */
function load(stateDir: string | null): ChallengeFile {
  const path = stateDir && join(stateDir, FILE);
  if (!path || !existsSync(path)) return { config: defaultConfig(), rounds: [] };
  const saved = JSON.parse(readFileSync(path, 'utf8')) as Partial<ChallengeFile>;
  return { config: { ...defaultConfig(), ...saved.config }, rounds: saved.rounds ?? [] };
}

function save(stateDir: string | null, file: ChallengeFile): void {
  if (!stateDir) return;
  const path = join(stateDir, FILE);
  if (existsSync(path) && !lstatSync(path).isFile())
    throw new Error(`${path} is not a regular file; move it away to keep challenge settings`);
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`);
  renameSync(temporary, path);
}

/** Checks one setting of `POST /challenge/config`; a bad one is a 400 naming the field. */
function integerIn(body: Record<string, unknown>, field: string, min: number, max: number): number {
  const value = Number(body[field]);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new HttpError(400, `"${field}" must be an integer from ${min} to ${max}`);
  return value;
}

/** The new settings `body` asks for (all checked before any is applied). */
function changedConfig(config: ChallengeConfig, body: Record<string, unknown>): ChallengeConfig {
  const next = { ...config };
  if (body.sample !== undefined) next.sample = integerIn(body, 'sample', 1, 64);
  if (body.windowMs !== undefined) next.windowMs = integerIn(body, 'windowMs', 100, 3_600_000);
  if (body.penaltyBpsPerShard !== undefined)
    next.penaltyBpsPerShard = integerIn(body, 'penaltyBpsPerShard', 0, 10_000);
  if (body.penalty !== undefined) {
    if (body.penalty !== 'stake' && body.penalty !== 'commission')
      throw new HttpError(400, '"penalty" must be "stake" or "commission"');
    next.penalty = body.penalty;
  }
  if (body.auto !== undefined) {
    if (typeof body.auto !== 'boolean') throw new HttpError(400, '"auto" must be true or false');
    next.auto = body.auto;
  }
  if (body.autoAtFraction !== undefined) {
    const fraction = Number(body.autoAtFraction);
    if (!(fraction >= 0 && fraction < 1)) throw new HttpError(400, '"autoAtFraction" must be in [0, 1)');
    next.autoAtFraction = fraction;
  }
  return next;
}

/** Registers the challenge routes and starts the automatic-round timer (it stops with the devnet). */
export function registerChallengeControls(
  devnet: Devnet,
  addRoute: (key: string, route: AdminRoute) => void,
  nodeOf: (body: Record<string, unknown>) => DevnetNode,
  log: (line: string) => void = () => {},
): void {
  const stateDir = devnet.descriptor.stateDir;
  const file = load(stateDir);
  let running: Promise<ChallengeRecord> | undefined;

  const runRound = (nodes: string[] | undefined, sample: number, automatic: boolean) => {
    // One round at a time (the contract refuses a second open one): a caller waits for the one running.
    const previous = running ?? Promise.resolve(undefined);
    const round = previous
      .catch(() => undefined)
      .then(async () => {
        const { config } = file;
        const outcome = await devnet.challenge({
          nodes,
          sampleSize: sample,
          windowMs: config.windowMs,
          penalty: config.penalty,
          penaltyBpsPerShard: config.penaltyBpsPerShard,
        });
        const record: ChallengeRecord = { ...outcome, automatic };
        file.rounds.push(record);
        save(stateDir, file);
        return record;
      });
    running = round;
    return round;
  };

  addRoute('POST /challenge', async (body) => {
    const nodes = body.node === undefined ? undefined : [nodeOf(body).nodeId];
    const sample = body.sample === undefined ? file.config.sample : integerIn(body, 'sample', 1, 64);
    return runRound(nodes, sample, false);
  });
  addRoute('GET /challenges', async () => ({ rounds: file.rounds }));
  addRoute('GET /challenge/config', async () => file.config);
  addRoute('POST /challenge/config', async (body) => {
    file.config = changedConfig(file.config, body);
    save(stateDir, file);
    return file.config;
  });

  startAutomaticRounds(devnet, file, (epoch) => {
    log(`Automatic storage-challenge round in epoch ${epoch}`);
    return runRound(undefined, file.config.sample, true).then(
      (r) =>
        log(`Challenge round ${r.round}: ${r.nodes.filter((n) => n.passed).length}/${r.nodes.length} passed`),
      (error: unknown) =>
        log(`Automatic challenge round failed: ${error instanceof Error ? error.message : error}`),
    );
  });
}

/**
 * Once a second: when automatic rounds are on and the epoch has reached `autoAtFraction` of its
 * length with no round of that epoch yet, runs one.
 */
function startAutomaticRounds(
  devnet: Devnet,
  file: ChallengeFile,
  run: (epoch: number) => Promise<void>,
): void {
  const durationMs = devnet.descriptor.epochDurationMs ?? 0;
  let busy = false;
  const tick = async () => {
    if (busy || !file.config.auto || durationMs <= 0) return;
    const startedAt = devnet.epochs.nextEpochAtMs - durationMs;
    if (Date.now() < startedAt + file.config.autoAtFraction * durationMs) return;
    busy = true;
    try {
      const epoch = await devnet.epochs.epoch();
      if (!file.rounds.some((r) => r.epoch === epoch && r.automatic)) await run(epoch);
    } catch {
      // The devnet is stopping, or the chain was unreachable for a moment: the next tick tries again.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), 1000);
  timer.unref();
  // The timer ends with the devnet.
  const stop = devnet.stop;
  devnet.stop = () => {
    clearInterval(timer);
    return stop();
  };
}

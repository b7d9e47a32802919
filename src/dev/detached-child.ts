/**
 * The process `walrus dev up --detach` leaves running: a lean entry, not the CLI. It loads no oclif, no config
 * (the parent resolved it and sends the start request over IPC) and no terminal UI, and starts loading the network
 * code before the request arrives. Once the devnet is ready (descriptor written) it sends `devnet-ready` and lets
 * go of the channel; a failed start is sent as `devnet-start-failed` and written to stderr (the devnet log).
 * SIGTERM (`walrus dev down`) or SIGINT stops it gracefully.
 */
import module from 'node:module';

// Before anything else is loaded: the network code is most of this process's start-up (see bin/run.js).
try {
  module.enableCompileCache?.();
} catch {}

const loading = Promise.all([
  import('./run-devnet.js'),
  import('./detached-devnet.js'),
  import('../errors/to-walrus-error.js'),
]);

/** Sends `message` to the parent and resolves once it is written (an exit right after must not drop it). */
function tellParent(message: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

const request = await new Promise<unknown>((resolve, reject) => {
  if (!process.send)
    reject(new Error('detached-child.js is started by `walrus dev up --detach`, with an IPC channel'));
  process.once('message', resolve);
});
const [{ runDevnet }, { startFailedMessage }, { toWalrusError }] = await loading;

let run: Awaited<ReturnType<typeof runDevnet>>;
try {
  run = await runDevnet(request as Parameters<typeof runDevnet>[0]);
} catch (error) {
  const walrusError = toWalrusError(error);
  process.stderr.write(
    `Error: ${walrusError.message}\n${walrusError.hint ? `Hint: ${walrusError.hint}\n` : ''}`,
  );
  await tellParent(startFailedMessage(error));
  process.exit(walrusError.exitCode);
}
await tellParent({ type: 'devnet-ready', descriptor: run.descriptor });
if (process.connected) process.disconnect();

await new Promise<void>((resolve) => {
  process.once('SIGTERM', () => resolve());
  process.once('SIGINT', () => resolve());
});
await run.stop();
process.exit(0);

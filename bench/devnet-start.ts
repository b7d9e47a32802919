/**
 * `walrus dev up` start-up: cold (new genesis: ledger, contracts, nodes registered and staked, epoch 1) and warm
 * (state exists: replay and restart) to ready, in-process and through the CLI (`dev up --detach`, which adds the
 * CLI's own start and a background process). Prints a table and JSON.
 *
 *   node --import tsx bench/devnet-start.ts [runs, default 3] [--nodes=N] [--no-cli]
 *
 * `--nodes` defaults to the devnet's default node count (src/config/defaults.ts). The CLI rows' CPU is the detached
 * devnet process's own until ready (Linux /proc), the in-process rows' this process's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevnet } from '../devnet/start-devnet.js';
import { DEFAULTS } from '../src/config/defaults.js';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => !a.startsWith('--')) ?? '3');
const nodes = Number(
  args.find((a) => a.startsWith('--nodes='))?.slice('--nodes='.length) ?? DEFAULTS.devnet.nodes,
);
const withCli = !args.includes('--no-cli');
const ports = { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 };
/** `cpuMs`: CPU time of this process (in-process cases only; under load it is steadier than wall time). */
const rows: Array<{ case: string; ms: number[]; cpuMs?: number[] }> = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Wall time and this process's CPU time (every thread: main, expansion workers) of one start. */
async function timeStart(
  stateDir: string | undefined,
  fresh: boolean,
): Promise<{ ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const devnet = await startDevnet({
    nodes,
    shards: 100,
    autoEpochs: false,
    ports,
    ...(stateDir ? { stateDir } : {}),
    fresh,
  });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  await devnet.stop();
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

const cold: Array<{ ms: number; cpuMs: number }> = [];
const warm: Array<{ ms: number; cpuMs: number }> = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'walrus-start-bench-'));
  cold.push(await timeStart(dir, true));
  warm.push(await timeStart(dir, false));
  rmSync(dir, { recursive: true, force: true });
}
rows.push(
  { case: 'in-process, cold (new genesis)', ms: cold.map((r) => r.ms), cpuMs: cold.map((r) => r.cpuMs) },
  { case: 'in-process, warm (state exists)', ms: warm.map((r) => r.ms), cpuMs: warm.map((r) => r.cpuMs) },
);

/**
 * CPU ms the detached devnet process `pid` has used so far (Linux: /proc/PID/stat utime + stime, 100 ticks/s);
 * read right after `dev up --detach` returns, it is the devnet's start-up CPU. NaN elsewhere.
 */
function processCpuMs(pid: number): number {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return Number.NaN;
  const fields = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const run = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const cliCold: number[] = [];
const cliWarm: number[] = [];
const cliColdCpu: number[] = [];
const cliWarmCpu: number[] = [];
for (let i = 0; withCli && i < runs; i++) {
  const project = mkdtempSync(join(tmpdir(), 'walrus-start-bench-cli-'));
  writeFileSync(
    join(project, 'walrus.config.json'),
    JSON.stringify({ devnet: { epochDuration: '1h', ports } }),
  );
  const walrus = (...args: string[]) =>
    execFileSync(process.execPath, [run, ...args], {
      cwd: project,
      env: { ...process.env, WALRUS_HOME: '' },
      stdio: 'pipe',
    });
  const up = (...extra: string[]) =>
    JSON.parse(walrus('dev', 'up', '--detach', '--json', ...extra).toString());
  let start = performance.now();
  let descriptor = up('--nodes', String(nodes));
  cliCold.push(performance.now() - start);
  cliColdCpu.push(processCpuMs(descriptor.pid));
  walrus('dev', 'down');
  start = performance.now();
  descriptor = up();
  cliWarm.push(performance.now() - start);
  cliWarmCpu.push(processCpuMs(descriptor.pid));
  walrus('dev', 'down');
  rmSync(project, { recursive: true, force: true });
}
if (withCli) {
  rows.push(
    // CPU: the devnet process's own, from its start to ready (the CLI process that waits is not counted).
    { case: 'CLI `dev up --detach`, cold', ms: cliCold, cpuMs: cliColdCpu },
    { case: 'CLI `dev up --detach`, warm', ms: cliWarm, cpuMs: cliWarmCpu },
  );
}

console.log(
  `\nDevnet start-up, ${nodes} nodes, 100 shards (${runs} runs each, Node ${process.versions.node})\n`,
);
console.table(
  rows.map((r) => ({
    case: r.case,
    median_ms: Math.round(median(r.ms)),
    min_ms: Math.round(Math.min(...r.ms)),
    max_ms: Math.round(Math.max(...r.ms)),
    median_cpu_ms: r.cpuMs ? Math.round(median(r.cpuMs)) : '',
  })),
);
console.log(JSON.stringify({ benchmark: 'devnet-start', nodes, runs, rows }));

import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';

/**
 * A three-master Redis Cluster of the machine's `redis-server`, of the test's own: in a temp dir,
 * nothing persisted, on the first free trio of `portSets` (each port and its cluster bus port,
 * +10000, must be free). `stop` kills the servers and removes the dir; call it even when `start`
 * failed half-way (it stops whatever was started).
 */
export interface PrivateCluster {
  readonly ports: readonly number[];
  /** `REDIS_URL` of the cluster: `redis+cluster://127.0.0.1:<p1>,…`. */
  readonly url: string;
}

/** Why a cluster cannot be started here (`redis-server` or `redis-cli` missing), or none. */
export function clusterToolsMissing(): string | undefined {
  for (const tool of ['redis-server', 'redis-cli']) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0) {
      return `${tool} is not on PATH`;
    }
  }
  return undefined;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function freeTrio(portSets: readonly (readonly number[])[]): Promise<readonly number[]> {
  for (const ports of portSets) {
    const free = await Promise.all(ports.flatMap((p) => [portIsFree(p), portIsFree(p + 10_000)]));
    if (free.every(Boolean)) {
      return ports;
    }
  }
  throw new Error(`no free ports for a private Redis Cluster: tried ${JSON.stringify(portSets)}`);
}

function startServer(port: number, dir: string, timeoutMs: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
      ...['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`],
      ...['--cluster-node-timeout', '5000', '--save', '', '--appendonly', 'no'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise<ChildProcess>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server on ${port} not ready:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready to accept connections/.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server on ${port} exited with ${code}:\n${output}`));
    });
    started.push(child);
  });
}

const started: ChildProcess[] = [];
const dirs: string[] = [];
// A worker that dies without its afterAll still takes its servers and their dir with it.
process.once('exit', () => {
  started.forEach((child) => child.kill('SIGKILL'));
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

async function clusterStateOk(ports: readonly number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const port of ports) {
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true });
    try {
      await client.connect();
      while (!/cluster_state:ok/.test(await client.cluster('INFO'))) {
        if (Date.now() > deadline) {
          throw new Error(`cluster_state is not ok on ${port} after ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      client.disconnect();
    }
  }
}

/** Starts the servers, joins them with `redis-cli --cluster create`, waits for cluster_state:ok. */
export async function startPrivateCluster(
  portSets: readonly (readonly number[])[],
  timeoutMs = 60_000,
): Promise<PrivateCluster> {
  const ports = await freeTrio(portSets);
  const dir = mkdtempSync(join(tmpdir(), 'crg-redis-cluster-'));
  dirs.push(dir);
  await Promise.all(ports.map((port) => startServer(port, dir, timeoutMs)));
  await promisify(execFile)(
    'redis-cli',
    [
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      ...['--cluster-replicas', '0', '--cluster-yes'],
    ],
    { timeout: timeoutMs },
  );
  await clusterStateOk(ports, timeoutMs);
  return { ports, url: `redis+cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}` };
}

/** Kills every server `startPrivateCluster` started and removes their dirs. */
export async function stopPrivateClusters(): Promise<void> {
  await Promise.all(
    started.splice(0).map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
}

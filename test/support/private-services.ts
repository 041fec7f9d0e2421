import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inCI } from './services.js';

/**
 * Private PostgreSQL and Redis servers for fault tests: started on a port of the test's own,
 * stopped, paused and restarted at will, and removed afterwards. The machine's shared servers are
 * never touched. Set `FAULT_PORT_BASE` to move the ports (default 16100–16119).
 */
export const PORT_BASE = Number(process.env['FAULT_PORT_BASE'] ?? 16100);

const PG_BIN = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

/** Whether the binaries are here. Under CI=true a missing one fails the test instead. */
export function privateServicesAvailable(): boolean {
  const ok = existsSync(join(PG_BIN, 'initdb')) && binaryOnPath('redis-server');
  if (!ok && inCI) {
    throw new Error(
      `fault tests need ${PG_BIN}/initdb and redis-server, and CI=true: install them (.ci/run does)`,
    );
  }
  return ok;
}

function binaryOnPath(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Resolves once something accepts TCP connections on `port`, or rejects after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) {
      return;
    }
    if (Date.now() > until) {
      throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface PrivateRedis {
  readonly url: string;
  readonly pid: number;
  /** SIGSTOP: the server keeps its connections and answers nothing (a stalled Redis). */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
  stop(): Promise<void>;
}

export async function startPrivateRedis(port: number): Promise<PrivateRedis> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  // Never outlive the test run, even when its cleanup does not get to run.
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  child.once('exit', () => process.off('exit', orphan));
  await Promise.race([
    waitForPort(port, 15_000),
    new Promise((_, reject) => child.once('exit', (c) => reject(new Error(`redis exited ${c}`)))),
  ]);
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid as number,
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGCONT');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  /** `pg_ctl restart -m fast`: every connection is dropped; the server is back when it resolves. */
  restart(): Promise<void>;
  /** `pg_ctl stop -m fast`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its data directory. */
  remove(): Promise<void>;
}

/** Runs a PostgreSQL binary as the `postgres` user (the server refuses to run as root). */
function asPostgres(binary: string, args: readonly string[]): Promise<string> {
  const root = process.getuid?.() === 0;
  const [command, argv] = root
    ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, binary), ...args]]
    : [join(PG_BIN, binary), [...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${binary} exited ${code}:\n${output}`)),
    );
  });
}

/** `pg_ctl stop -m immediate`, synchronously (at process exit); nothing if already stopped. */
function stopNow(data: string): void {
  try {
    const args = ['-D', data, 'stop', '-m', 'immediate'];
    if (process.getuid?.() === 0) {
      execFileSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, 'pg_ctl'), ...args], {
        stdio: 'ignore',
      });
    } else {
      execFileSync(join(PG_BIN, 'pg_ctl'), args, { stdio: 'ignore' });
    }
  } catch {
    // Already stopped.
  }
}

/** `initdb` in a scratch directory, then start on `port` (fsync off: a test cluster). */
export async function startPrivatePostgres(port: number): Promise<PrivatePostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'crg-pg-'));
  await chmod(dir, 0o777);
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    execFileSync('chown', ['postgres:postgres', dir]);
  }
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const ctl = (...args: string[]) =>
    asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', ...args]);
  await ctl('start');
  // pg_ctl detaches the server: stop it if the test run ends before `remove`.
  const orphan = () => stopNow(data);
  process.once('exit', orphan);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async () => {
      await ctl('restart', '-m', 'fast');
    },
    stop: async () => {
      await ctl('stop', '-m', 'fast');
    },
    start: async () => {
      await ctl('start');
    },
    remove: async () => {
      process.off('exit', orphan);
      await ctl('stop', '-m', 'immediate').catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Whether `pg_basebackup` is here too. Under CI=true a missing binary fails the test instead. */
export function privateReplicaAvailable(): boolean {
  const missing = ['initdb', 'pg_ctl', 'pg_basebackup'].filter(
    (name) => !existsSync(join(PG_BIN, name)),
  );
  if (missing.length > 0 && inCI) {
    throw new Error(
      `replica tests need ${missing.map((m) => join(PG_BIN, m)).join(', ')}, and CI=true: install PostgreSQL 15 (.ci/run does)`,
    );
  }
  return missing.length === 0;
}

export interface PrivateReplica {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  /** `pg_ctl stop -m immediate`: the replica is down (its data directory kept). */
  stop(): Promise<void>;
  /** Stops the server and deletes its data directory. */
  remove(): Promise<void>;
}

/**
 * A streaming replica of `primary` (a private cluster: the machine's server allows no replication
 * connections), made with `pg_basebackup -R` into a scratch directory and started on `port` as a
 * hot standby. Resolves once it is in recovery and the primary lists it as streaming.
 */
export async function startPrivateReplica(
  primary: PrivatePostgres,
  port: number,
  timeoutMs = 60_000,
): Promise<PrivateReplica> {
  const dir = await mkdtemp(join(tmpdir(), 'crg-pg-replica-'));
  await chmod(dir, 0o777);
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    execFileSync('chown', ['postgres:postgres', dir]);
  }
  const from = new URL(primary.url);
  const ctl = (...args: string[]) =>
    asPostgres('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`,
      ...args,
    ]);
  // pg_ctl detaches the server: stop it if the test run ends before `remove`.
  const orphan = () => stopNow(data);
  process.once('exit', orphan);
  const remove = async () => {
    process.off('exit', orphan);
    await ctl('stop', '-m', 'immediate').catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await asPostgres('pg_basebackup', [
      ...['-h', from.hostname, '-p', from.port, '-U', 'postgres'],
      ...['-D', data, '-R', '-X', 'stream', '--no-sync', '-c', 'fast'],
    ]);
    await ctl('-w', '-t', String(Math.ceil(timeoutMs / 1000)), 'start');
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await waitUntil(timeoutMs, 'the replica streams from the primary', async () => {
      const [recovering] = await queryOnce(url, 'select pg_is_in_recovery() as v');
      const [streaming] = await queryOnce(
        primary.url,
        "select count(*)::int as v from pg_stat_replication where state = 'streaming'",
      );
      return recovering?.['v'] === true && streaming?.['v'] === 1;
    });
    return { url, stop: () => ctl('stop', '-m', 'immediate').then(() => undefined), remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** One statement on a fresh connection; its rows (none when the server cannot be reached). */
export async function queryOnce(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.query<Record<string, unknown>>(text, values)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Polls `check` every 200 ms until it holds, or fails naming `what` after `timeoutMs`. */
export async function waitUntil(
  timeoutMs: number,
  what: string,
  check: () => Promise<boolean>,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) {
      return;
    }
    if (Date.now() > until) {
      throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

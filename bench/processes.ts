import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';

export interface Service {
  readonly name: string;
  readonly child: ChildProcess;
  readonly url: string;
  /** Settles with the exit code when the process ends, for whatever reason. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts `node <args>` and resolves with the URL once `ready` matches a line of its output. */
export async function startService(
  name: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
  ready: RegExp,
  cwd: string,
): Promise<Service> {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start in 60 s:\n${output}`)),
      60_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        output = '';
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        // Keep draining so a chatty child never blocks on a full pipe.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) {
      resolve(child.exitCode);
    } else {
      child.once('exit', (code) => resolve(code));
    }
  });
  return {
    name,
    child,
    url,
    exited,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time (user + system) of a process in milliseconds, from /proc/<pid>/stat. */
export async function cpuMillis(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

/** Peak resident set size in MB, from /proc/<pid>/status (VmHWM). */
export async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match?.[1] ? Number(match[1]) / 1024 : 0;
}

/** Resident set size now in MB, from /proc/<pid>/status (VmRSS). */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match?.[1] ? Number(match[1]) / 1024 : 0;
}

const TASKSET = '/usr/bin/taskset';

/**
 * Pins every thread of a running process to one core with taskset (threads it starts later
 * inherit it). False, and nothing done, where there is no taskset or fewer than two cores.
 */
export async function pinToCore(pid: number, core: number): Promise<boolean> {
  if (
    availableParallelism() < 2 ||
    !(await access(TASKSET).then(
      () => true,
      () => false,
    ))
  ) {
    return false;
  }
  await promisify(execFile)(TASKSET, [
    '--all-tasks',
    '--cpu-list',
    '--pid',
    String(core),
    String(pid),
  ]);
  return true;
}

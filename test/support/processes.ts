import { spawn, type ChildProcess } from 'node:child_process';
import { projectPath } from '../../loaders/project-path.js';

export interface ChildService {
  readonly child: ChildProcess;
  /** The value the `ready` matcher found in the output (a URL). */
  readonly found: string;
  output(): string;
  stop(): Promise<number | null>;
}

/**
 * Runs `node <args>` from the project root and resolves once `ready` matches its output (stdout
 * or stderr); rejects with the whole output if it exits first or takes longer than `timeoutMs`.
 */
export async function startNode(
  args: readonly string[],
  env: Record<string, string | undefined>,
  ready: RegExp,
  timeoutMs = 120_000,
): Promise<ChildService> {
  const child = spawn(process.execPath, args, {
    cwd: projectPath(),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const found = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${args.join(' ')} not ready in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] ?? match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
  return {
    child,
    found,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        // A process killed by a signal (kill -9) has a signalCode and no exitCode.
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve(child.exitCode);
          return;
        }
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The whole graph from the built output, as `npm start` runs it (embedded database, in-memory
 * cache, free ports); resolves with the gateway URL in `found`.
 */
export function startBuiltStack(env: Record<string, string> = {}): Promise<ChildService> {
  return startNode(
    [projectPath('dist', 'scripts', 'start.js'), '--memory', '--ephemeral-ports'],
    { ...process.env, LOG_LEVEL: 'warn', ...env },
    /ready at (http:\/\/\S+)/,
  );
}

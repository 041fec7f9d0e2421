import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectPath } from './project-path.js';

// The logger writes standard output in blocks (loaders/logger.ts): nothing may be lost when the
// process exits, however it exits, and a quiet process's lines still appear promptly.

/** Runs a module body with the project's logger in a child Node; resolves with its stdout. */
function runWithLogger(
  body: string,
  until?: RegExp,
): Promise<{ stdout: string; code: number | null }> {
  const source = `import { createLogger } from ${JSON.stringify(projectPath('loaders', 'logger.ts'))};\nconst logger = createLogger({ level: 'info', service: 'logger-test' });\n${body}`;
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', '--input-type=module', '-e', source],
    { cwd: projectPath(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until?.test(stdout)) {
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      stderr.includes('Error') ? reject(new Error(stderr)) : resolve({ stdout, code }),
    );
  });
}

describe('the logger on standard output', () => {
  it('writes every line when the process exits at once, with an error code', async () => {
    const { stdout, code } = await runWithLogger(
      `for (let i = 0; i < 500; i += 1) logger.info({ i }, 'line');\nlogger.fatal('last words');\nprocess.exit(3);`,
    );
    expect(code).toBe(3);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines).toHaveLength(501);
    expect(lines.at(-1)?.msg).toBe('last words');
  });

  it('writes a line of a process that stays up without waiting for more', async () => {
    // The child would idle for a minute; it is killed (SIGKILL, no exit hook) once the line shows.
    const { stdout } = await runWithLogger(
      `logger.info('listening');\nsetTimeout(() => {}, 60_000);`,
      /"msg":"listening"/,
    );
    expect(stdout).toContain('"msg":"listening"');
  });
});

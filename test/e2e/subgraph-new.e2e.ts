import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { projectPath } from '../../loaders/project-path.js';
import { databaseUrl } from '../support/services.js';

const run = promisify(execFile);

/** Runs a command in the copy; on failure the error carries its whole output. */
async function inCopy(dir: string, command: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, {
      cwd: dir,
      env: { ...process.env, LOG_LEVEL: 'silent', NO_COLOR: '1', FORCE_COLOR: '0' },
      maxBuffer: 32 * 1024 * 1024,
    });
    return (stdout + stderr).replace(/\u001b\[[0-9;]*m/g, '');
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/**
 * "`npm run subgraph:new -- demo` followed by the tests passes on a fresh clone": the kit runs in a
 * copy of this working tree (its tracked and new files, node_modules linked), and the generated
 * subgraph type-checks, lints, is formatted, composes and passes its own tests at once.
 */
/** The generated migration is named by the clock: a `demo` schema left by an earlier run must go. */
async function dropDemoSchema(): Promise<void> {
  if (!databaseUrl) {
    return;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('drop schema if exists demo cascade');
  } finally {
    await client.end();
  }
}

describe('npm run subgraph:new -- demo, in a fresh copy of the repository', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crg-kit-new-'));
    const { stdout } = await run(
      'git',
      ['ls-files', '--cached', '--others', '--exclude-standard'],
      {
        cwd: projectPath(),
        maxBuffer: 32 * 1024 * 1024,
      },
    );
    for (const file of stdout.split('\n').filter(Boolean)) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await cp(projectPath(file), join(dir, file)).catch(() => undefined);
    }
    await symlink(projectPath('node_modules'), join(dir, 'node_modules'));
    await dropDemoSchema();
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await dropDemoSchema();
  });

  it('generates a PARTNER subgraph that composes, keeps the policy and passes its tests', async () => {
    const created = await inCopy(dir, 'npm', ['run', '--silent', 'subgraph:new', '--', 'demo']);
    expect(created).toMatch(/schema:check demo \(PARTNER\): composes with the graph/);
    expect(created).toMatch(/Created PARTNER subgraph demo on port 41\d\d/);

    const registry = JSON.parse(await readFile(join(dir, 'schema', 'subgraphs.json'), 'utf8'));
    expect(registry.subgraphs.at(-1)).toMatchObject({
      name: 'demo',
      tier: 'PARTNER',
      allowMutations: false,
      sdl: 'subgraphs/demo/schema.graphql',
    });
    expect(await readFile(join(dir, 'schema', 'supergraph.graphql'), 'utf8')).toMatch(
      /demo\(\s*"""[^"]*"""\s*includeSynthetic: Boolean = false\s*"""Only this calendar year."""\s*year: Int\s*\): \[DemoFigure!\] @join__field\(graph: DEMO\)/,
    );

    await inCopy(dir, 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
    const generated = [
      'subgraphs/demo',
      'subgraphs/partner-tier.ts',
      'test/subgraphs/demo.test.ts',
    ];
    await inCopy(dir, 'npx', ['eslint', '--config', 'test/eslint.config.js', ...generated]);
    await inCopy(dir, 'npx', [
      'prettier',
      '--check',
      'subgraphs/demo/**/*.{ts,md}',
      'subgraphs/partner-tier.ts',
      'test/subgraphs/demo.test.ts',
      'schema/subgraphs.json',
      'docker-compose.yml',
    ]);
    expect(await inCopy(dir, 'npm', ['run', '--silent', 'schema:check'])).toMatch(
      /schema files match the code/,
    );
    const tests = await inCopy(dir, 'npx', [
      'vitest',
      'run',
      '--config',
      'test/vitest.config.ts',
      'test/subgraphs/demo.test.ts',
      'test/schema',
    ]);
    expect(tests).toMatch(/test\/subgraphs\/demo\.test\.ts/);
    expect(tests).toMatch(/Tests\s+\d+ passed/);
    expect(tests).not.toMatch(/failed/);
  }, 300_000);
});

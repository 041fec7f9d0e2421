import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
/** The generated migration is named by the clock: schemas left by an earlier run must go. */
async function dropDemoSchema(): Promise<void> {
  if (!databaseUrl) {
    return;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('drop schema if exists demo cascade');
    await client.query('drop schema if exists demo_core cascade');
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
    expect(
      await readFile(join(dir, 'deploy', 'kubernetes', 'base', 'subgraph-demo.yaml'), 'utf8'),
    ).toMatch(/crg\.unodc\.org\/tier: partner\n/);
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

  it('generates a CORE subgraph with --tier core, listed as core subgraphs are, in the file convention', async () => {
    const created = await inCopy(dir, 'npm', [
      'run',
      '--silent',
      'subgraph:new',
      '--',
      '--tier',
      'core',
      'demo-core',
    ]);
    expect(created).toMatch(/schema:check demo-core \(CORE\): composes with the graph/);
    expect(created).toMatch(/Created CORE subgraph demo-core on port 40\d\d/);

    const registry = JSON.parse(await readFile(join(dir, 'schema', 'subgraphs.json'), 'utf8'));
    const entry = registry.subgraphs.at(-1);
    expect(entry).toEqual({
      name: 'demo-core',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:40\d\d\/graphql$/),
      sdl: 'subgraphs/demo-core/schema.graphql',
      owner: 'unodc',
      tier: 'CORE',
      contact: 'repository maintainers (see README)',
    });
    const coreList = await readFile(join(dir, 'subgraphs', 'index.ts'), 'utf8');
    expect(coreList).toMatch(/import \{ demoCoreSubgraph \} from '\.\/demo-core\/index\.js';/);
    expect(coreList).toMatch(
      /CORE_SUBGRAPHS: readonly AnySubgraph\[\] = \[\n(?: {2}\w+,\n)+ {2}demoCoreSubgraph,\n\];/,
    );
    expect(await readFile(join(dir, 'subgraphs', 'partner-tier.ts'), 'utf8')).not.toMatch(
      /demoCore/,
    );
    expect(
      await readFile(join(dir, 'deploy', 'kubernetes', 'base', 'subgraph-demo-core.yaml'), 'utf8'),
    ).toMatch(/crg\.unodc\.org\/tier: core\n/);
    const compose = await readFile(join(dir, 'docker-compose.yml'), 'utf8');
    expect(compose).toMatch(/\n {2}demo-core:\n[^]*?networks: \[core\]\n/);
    expect(compose).toMatch(/SUBGRAPH_URL_DEMO_CORE: http:\/\/demo-core:40\d\d\/graphql/);
    expect(compose).not.toMatch(/IDENTITY_SIGNING_KEY_DEMO_CORE/);
    // The file convention: one table module with DB_SCHEMA, one loaders, reference and foreign-entity module.
    const table = await readFile(join(dir, 'subgraphs', 'demo-core', 'demo-core.table.ts'), 'utf8');
    expect(table).toMatch(/export const DB_SCHEMA = 'demo_core';/);
    for (const file of [
      'demo-core.loaders.ts',
      'demo-core.reference.ts',
      'foreign.entity.ts',
      'country-demo-core.resolver.ts',
    ]) {
      expect(existsSync(join(dir, 'subgraphs', 'demo-core', file)), file).toBe(true);
    }

    await inCopy(dir, 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
    await inCopy(dir, 'npx', [
      'eslint',
      '--config',
      'test/eslint.config.js',
      'subgraphs/demo-core',
      'subgraphs/index.ts',
      'test/subgraphs/demo-core.test.ts',
    ]);
    await inCopy(dir, 'npx', [
      'prettier',
      '--check',
      'subgraphs/demo-core/**/*.{ts,md}',
      'subgraphs/index.ts',
      'test/subgraphs/demo-core.test.ts',
      'schema/subgraphs.json',
      'docker-compose.yml',
    ]);
    // test/schema holds the drift checks: SDL, supergraph, compose services and URL variables.
    const tests = await inCopy(dir, 'npx', [
      'vitest',
      'run',
      '--config',
      'test/vitest.config.ts',
      'test/subgraphs/demo-core.test.ts',
      'test/schema',
    ]);
    expect(tests).toMatch(/test\/subgraphs\/demo-core\.test\.ts/);
    expect(tests).toMatch(/Tests\s+\d+ passed/);
    expect(tests).not.toMatch(/failed/);
  }, 300_000);
});

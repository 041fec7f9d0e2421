import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import semver from 'semver';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { signToken } from '../../gateway/auth.js';
import { readGatewayConfig } from '../../gateway/config.js';
import { redisAclUsers, redisServerUserArgs, redisUserName } from '../../loaders/cache-scope.js';
import { readSubgraphRuntimeConfig } from '../../loaders/config.js';
import { databasePasswordEnvName, subgraphRoleName } from '../../loaders/db-roles.js';
import { generateIdentityKey, publicJwk } from '../../loaders/identity.js';
import { newestSupportedMajor, supportedNodeRange } from '../../loaders/node-release.js';
import { projectPath } from '../../loaders/project-path.js';
import { readRegistry, subgraphUrlEnvName } from '../../schema/composition/registry.js';
import { postGraphQL } from '../support/harness.js';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.js';
import { startNode, type ChildService } from '../support/processes.js';
import { databaseUrl, inCI } from '../support/services.js';

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  networks?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  networks: Record<string, { internal?: boolean } | null>;
}

async function composeFile(): Promise<ComposeFile> {
  // `merge`: the `<<: *service` keys, as docker compose reads them.
  return parse(await readFile(projectPath('docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as ComposeFile;
}

async function composeServices(): Promise<Record<string, ComposeService>> {
  return (await composeFile()).services;
}

const envSuffix = (name: string) => name.toUpperCase().replace(/-/g, '_');
const dbSchemaOf = (name: string) => name.replace(/-/g, '_');

const coreKey = generateIdentityKey('deploy-core');
const partnerKey = generateIdentityKey('deploy-hotline-reports');

/** What the operator puts in the environment for `docker compose up` (docs/security.md). */
const TEST_ENV: Record<string, string> = {
  IDENTITY_SIGNING_KEY: JSON.stringify(coreKey),
  IDENTITY_PUBLIC_KEYS: JSON.stringify({ keys: [publicJwk(coreKey)] }),
  IDENTITY_SIGNING_KEY_HOTLINE_REPORTS: JSON.stringify(partnerKey),
  IDENTITY_PUBLIC_KEYS_HOTLINE_REPORTS: JSON.stringify({ keys: [publicJwk(partnerKey)] }),
  JWT_SECRET: 'deployment-test-jwt-secret-0123456789abcdef',
  JWT_ISSUER: 'https://idp.deployment.test',
  JWT_AUDIENCE: 'cybercrime-repository-graph',
};

/** A test value for `${VAR:?message}`, distinct per variable: `test-database-password-laws-xx…`. */
function testValue(variable: string): string {
  return TEST_ENV[variable] ?? `test-${variable.toLowerCase().replace(/_/g, '-')}-`.padEnd(48, 'x');
}

/**
 * `${VAR:?message}` and `${VAR:-default}` as `docker compose` substitutes them: `TEST_ENV` first,
 * else the default, else a test value of the variable's own (never one shared with another).
 */
function substituted(text: string): string {
  return text.replace(
    /\$\{([A-Z0-9_]+)(:\?[^}]*|:-([^}]*))\}/g,
    (_all, variable: string, rule: string, fallback: string | undefined) =>
      TEST_ENV[variable] ?? (rule.startsWith(':-') ? (fallback ?? '') : testValue(variable)),
  );
}

function substitute(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, substituted(String(v))]));
}

describe('docker-compose.yml', () => {
  it('runs every registered subgraph and the gateway from the built output, with valid config', async () => {
    const services = await composeServices();
    const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
    for (const entry of registry) {
      const service = services[entry.name];
      expect(service?.command, `service ${entry.name}`).toEqual([
        'node',
        `dist/subgraphs/${entry.name}/main.js`,
      ]);
      expect(existsSync(projectPath('dist', 'subgraphs', entry.name, 'main.js'))).toBe(true);
      expect(() => readSubgraphRuntimeConfig(substitute(service!.environment!))).not.toThrow();
      expect(services['gateway']?.environment?.[subgraphUrlEnvName(entry.name)]).toBe(
        `http://${entry.name}:${new URL(entry.url).port}/graphql`,
      );
    }
    // The gateway runs with a heap budget (docs/operations.md, memory), as the Dockerfile does.
    expect(services['gateway']?.command).toEqual([
      'node',
      '--max-old-space-size=256',
      'dist/gateway/main.js',
    ]);
    expect(() =>
      readGatewayConfig(substitute(services['gateway']!.environment!), {
        subgraphTiers: Object.fromEntries(registry.map((e) => [e.name, e.tier])),
      }),
    ).not.toThrow();
  });

  it('gives each subgraph its own PostgreSQL role and Redis user, never the superuser', async () => {
    const { services } = await composeFile();
    const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
    for (const entry of registry) {
      const env = services[entry.name]!.environment!;
      const dbVar = databasePasswordEnvName(entry.name);
      expect(env['DATABASE_URL'], entry.name).toBe(
        `postgres://${subgraphRoleName('cybercrime', dbSchemaOf(entry.name))}:\${${dbVar}:?set ${dbVar}}@postgres:5432/cybercrime`,
      );
      const redisVar = `REDIS_PASSWORD_${envSuffix(entry.name)}`;
      expect(env['REDIS_URL'], entry.name).toBe(
        `redis://${redisUserName(entry.name)}:\${${redisVar}:?set ${redisVar}}@redis:6379`,
      );
      // The migration runs as the administrator and lets each role log in with its password.
      expect(services['migrate']?.environment?.[databasePasswordEnvName(entry.name)]).toBeDefined();
      expect(services[entry.name]?.depends_on).toMatchObject({
        migrate: { condition: 'service_completed_successfully' },
      });
    }
    expect(services['gateway']!.environment!['REDIS_URL']).toBe(
      `redis://${redisUserName('gateway')}:\${REDIS_PASSWORD_GATEWAY:?set REDIS_PASSWORD_GATEWAY}@redis:6379`,
    );
    // Redis starts with exactly the ACL users of loaders/cache-scope.ts; the default user is off.
    const password = (service: string) =>
      `\${REDIS_PASSWORD_${envSuffix(service)}:?set REDIS_PASSWORD_${envSuffix(service)}}`;
    expect(services['redis']?.command).toEqual([
      'redis-server',
      '--save',
      '',
      '--appendonly',
      'no',
      ...redisServerUserArgs(
        redisAclUsers(
          registry.map((e) => e.name),
          password,
        ),
      ),
    ]);
  });

  it('puts partner subgraphs on their own network, with the gateway and the data stores only', async () => {
    const { services, networks } = await composeFile();
    const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
    expect(networks['core']?.internal).toBe(true);
    expect(networks['partners']?.internal).toBe(true);
    for (const entry of registry) {
      expect(services[entry.name]?.networks, entry.name).toEqual(
        entry.tier === 'PARTNER' ? ['partners'] : ['core'],
      );
    }
    const onPartners = Object.entries(services)
      .filter(([, s]) => s.networks?.includes('partners'))
      .map(([name]) => name)
      .sort();
    expect(onPartners).toEqual(
      [
        'gateway',
        'postgres',
        'redis',
        ...registry.filter((e) => e.tier === 'PARTNER').map((e) => e.name),
      ].sort(),
    );
    expect(services['gateway']?.networks).toEqual(['edge', 'core', 'partners']);
  });
});

/** The compose CLI on this machine: Docker's plugin, or Debian's `docker-compose` (.ci/run installs it). */
function composeCli(): string[] | undefined {
  for (const cli of [['docker', 'compose'], ['docker-compose']]) {
    try {
      execFileSync(cli[0]!, [...cli.slice(1), 'version'], { stdio: 'ignore' });
      return cli;
    } catch {
      // not installed
    }
  }
  return undefined;
}

describe('docker compose config', () => {
  const cli = composeCli();
  // Under CI a missing compose CLI fails the test (.ci/run installs one); elsewhere it is skipped.
  it.runIf(cli !== undefined || inCI)(
    'validates the file with every secret given, and names a missing one',
    async () => {
      expect(cli, 'a compose CLI (.ci/run installs Debian docker-compose)').toBeDefined();
      const text = await readFile(projectPath('docker-compose.yml'), 'utf8');
      const variables = [...new Set([...text.matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]!))];
      const run = (env: Record<string, string>) =>
        promisify(execFile)(
          cli![0]!,
          [
            ...cli!.slice(1),
            '-f',
            'docker-compose.yml',
            '--project-directory',
            '.',
            'config',
            '-q',
          ],
          { cwd: projectPath(), env: { PATH: process.env['PATH'] ?? '', ...env } },
        );
      const all = Object.fromEntries(variables.map((v) => [v, testValue(v)]));
      await expect(run(all)).resolves.toBeDefined();
      const { POSTGRES_PASSWORD: _left, ...missing } = all;
      await expect(run(missing)).rejects.toThrow(/set POSTGRES_PASSWORD/);
    },
  );
});

describe('Dockerfile', () => {
  it('builds and runs on the newest LTS that package.json engines names, and runs the gateway as compose does', async () => {
    const dockerfile = await readFile(projectPath('Dockerfile'), 'utf8');
    const range = supportedNodeRange();
    const images = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThan(0);
    // .ci/run tests the newest LTS at this exact release (the last of its NODE_RELEASES).
    const ciRun = await readFile(projectPath('.ci', 'run'), 'utf8');
    const ciNewest = /^NODE_RELEASES=\(([^)]*)\)/m.exec(ciRun)?.[1]?.trim().split(/\s+/).at(-1);
    for (const image of images) {
      // An exact release (node:24.21.0-bookworm-slim), so the image runs what CI tested.
      const version = /^node:(\d+\.\d+\.\d+)-[a-z-]+$/.exec(image)?.[1];
      expect(version, image).toBeDefined();
      expect(semver.satisfies(version!, range), `${image} in engines "${range}"`).toBe(true);
      expect(semver.major(version!), image).toBe(newestSupportedMajor(range));
      expect(version, `${image}, .ci/run tests ${ciNewest}`).toBe(ciNewest);
    }
    const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual((await composeServices())['gateway']?.command);
  });
});

describe('the deployment topology on local services: one process per service', () => {
  const running: ChildService[] = [];
  let pgliteDir: string | undefined;
  let redis: PrivateRedis | undefined;

  afterAll(async () => {
    for (const service of running.reverse()) {
      await service.stop();
    }
    await redis?.stop();
    if (pgliteDir) {
      await rm(pgliteDir, { recursive: true, force: true });
    }
  });

  it('serves a federated query through the gateway, each subgraph as its own role and Redis user', async () => {
    const services = await composeServices();
    const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
    pgliteDir = await mkdtemp(join(tmpdir(), 'crg-deploy-'));
    // Redis as compose starts it (its ACL users), on a private server, plus an admin to look.
    const adminPassword = 'test-redis-admin-password-000000000000';
    redis = await startPrivateRedis([
      ...services['redis']!.command!.slice(5).map(substituted),
      ...['--user', 'test-admin', 'on', `>${adminPassword}`, '~*', '&*', '+@all'],
    ]);
    // PostgreSQL: the compose URLs, pointed at this machine's database. The roles are named after
    // the database (loaders/db-roles.ts), so `cybercrime_laws` becomes `<this database>_laws`.
    const localDatabase = databaseUrl ? new URL(databaseUrl) : undefined;
    const toLocalDatabase = (url: string) => {
      if (!localDatabase) {
        return undefined;
      }
      const composed = new URL(url);
      const local = new URL(localDatabase);
      local.username = composed.username.replace(
        /^cybercrime_/,
        `${localDatabase.pathname.slice(1)}_`,
      );
      local.password = composed.password;
      return local.toString();
    };
    const toLocalRedis = (url: string) => {
      const composed = new URL(url);
      return redis!.url(composed.username, decodeURIComponent(composed.password));
    };
    if (databaseUrl) {
      // The `migrate` service: as the administrator, every schema and role, each with its login.
      await promisify(execFile)(process.execPath, ['dist/scripts/db.js', 'migrate'], {
        cwd: projectPath(),
        env: {
          ...process.env,
          ...substitute(services['migrate']!.environment!),
          DATABASE_URL: databaseUrl,
          LOG_LEVEL: 'warn',
        },
      });
    }
    // The compose environment, pointed at the local services, on free ports.
    const local = (env: Record<string, string>) => {
      const composed = substitute(env);
      return {
        ...process.env,
        ...composed,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        GATEWAY_PORT: '0',
        LOG_LEVEL: 'info',
        DATABASE_URL: composed['DATABASE_URL']
          ? toLocalDatabase(composed['DATABASE_URL'])
          : undefined,
        REDIS_URL: toLocalRedis(composed['REDIS_URL']!),
        PGLITE_DIR: pgliteDir,
      };
    };
    const urls: Record<string, string> = {};
    for (const entry of registry) {
      const service = await startNode(
        [`dist/subgraphs/${entry.name}/main.js`],
        local(services[entry.name]!.environment!),
        /"url":"(http:[^"]+)","msg":"subgraph listening"/,
        // Without DATABASE_URL each process opens and seeds its own embedded database: slow on
        // a loaded machine.
        120_000,
      );
      running.push(service);
      urls[subgraphUrlEnvName(entry.name)] = service.found;
    }
    const gateway = await startNode(
      ['dist/gateway/main.js'],
      { ...local(services['gateway']!.environment!), ...urls },
      /"url":"(http:[^"]+)","msg":"gateway listening"/,
      120_000,
    );
    running.push(gateway);

    const { data, errors } = await postGraphQL(
      gateway.found,
      `{ country(iso3: "QAT") { name region { name } subregion { name } hotlineReports { year } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data?.['country']).toMatchObject({
      name: 'Qatar',
      region: { name: 'Asia' },
      subregion: { name: 'Western Asia' },
    });
    expect(Array.isArray(data?.['country']?.['hotlineReports'])).toBe(true);
    const ready = await fetch(new URL('/ready', gateway.found));
    expect(ready.status).toBe(200);

    // Each service is connected to Redis as its own user, the partner included.
    const admin = new Redis(redis.url('test-admin', adminPassword));
    try {
      const clients = String(await admin.call('client', 'list'));
      const users = new Set([...clients.matchAll(/ user=(\S+)/g)].map((m) => m[1]));
      for (const entry of registry) {
        expect(users, entry.name).toContain(redisUserName(entry.name));
      }
      expect(users).toContain(redisUserName('gateway'));
      expect(users).not.toContain('default');
    } finally {
      admin.disconnect();
    }
    if (databaseUrl) {
      // ...and to PostgreSQL as its own role.
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ usename: string }>(
          'select distinct usename from pg_stat_activity where datname = current_database()',
        );
        const roles = rows.map((r) => r.usename);
        const database = localDatabase!.pathname.slice(1);
        expect(roles).toContain(subgraphRoleName(database, 'hotline_reports'));
        expect(roles).toContain(subgraphRoleName(database, 'member_states'));
      } finally {
        await client.end();
      }
    }

    // A signed-in viewer reaches the core and the partner, each verifying its own key.
    const token = await signToken(
      { sub: 'deploy', role: 'analyst' },
      {
        secret: TEST_ENV['JWT_SECRET'],
        issuer: TEST_ENV['JWT_ISSUER'],
        audience: TEST_ENV['JWT_AUDIENCE'],
      },
    );
    const signedIn = await postGraphQL(
      gateway.found,
      `{ country(iso3: "KEN") { name hotlineReports(year: 2022) { year } } }`,
      undefined,
      { authorization: `Bearer ${token}` },
    );
    // No error: the partner accepted the header signed with its own key. Production seeds real
    // data only, and the partner's reports are all synthetic, so the list is empty.
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data).toEqual({ country: { name: 'Kenya', hotlineReports: [] } });
  }, 900_000);
});

import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import semver from 'semver';
import { signToken } from '../../gateway/auth.js';
import { readGatewayConfig } from '../../gateway/config.js';
import { readSubgraphRuntimeConfig } from '../../loaders/config.js';
import { generateIdentityKey, publicJwk } from '../../loaders/identity.js';
import { newestSupportedMajor, supportedNodeRange } from '../../loaders/node-release.js';
import { projectPath } from '../../loaders/seed-files.js';
import { readRegistry, subgraphUrlEnvName } from '../../schema/registry.js';
import { postGraphQL } from '../support/harness.js';
import { startNode, type ChildService } from '../support/processes.js';
import { databaseUrl, redisUrl } from '../support/services.js';

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
}

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

async function composeServices(): Promise<Record<string, ComposeService>> {
  const file = parse(await readFile(projectPath('docker-compose.yml'), 'utf8')) as {
    services: Record<string, ComposeService>;
  };
  return file.services;
}

/**
 * `${VAR:?message}` and `${VAR:-default}` as `docker compose` substitutes them, from `TEST_ENV`
 * (an unknown required variable gets a value of its own, never one shared with another).
 */
function substitute(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([k, v]) => [
      k,
      String(v).replace(
        /\$\{([A-Z0-9_]+)(:\?[^}]*|:-([^}]*))\}/g,
        (_all, name: string, rule: string, fallback: string | undefined) =>
          TEST_ENV[name] ??
          (rule.startsWith(':-') ? (fallback ?? '') : `test-value-of-${name}-0123456789abcdef`),
      ),
    ]),
  );
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

  afterAll(async () => {
    for (const service of running.reverse()) {
      await service.stop();
    }
    if (pgliteDir) {
      await rm(pgliteDir, { recursive: true, force: true });
    }
  });

  // Seven processes start one after another: with an embedded database per subgraph on a 2-core
  // machine at a load average of ~27 that took 209 s, more than the e2e default.
  it('serves a federated query through the gateway process', { timeout: 300_000 }, async () => {
    const services = await composeServices();
    const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
    pgliteDir = await mkdtemp(join(tmpdir(), 'crg-deploy-'));
    // The compose environment, pointed at this machine's PostgreSQL and Redis, on free ports.
    const local = (env: Record<string, string>) => ({
      ...process.env,
      ...substitute(env),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      GATEWAY_PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      PGLITE_DIR: pgliteDir,
    });
    const urls: Record<string, string> = {};
    for (const entry of registry) {
      const service = await startNode(
        [`dist/subgraphs/${entry.name}/main.js`],
        local(services[entry.name]!.environment!),
        /"url":"(http:[^"]+)","msg":"subgraph listening"/,
      );
      running.push(service);
      urls[subgraphUrlEnvName(entry.name)] = service.found;
    }
    const gateway = await startNode(
      ['dist/gateway/main.js'],
      { ...local(services['gateway']!.environment!), ...urls },
      /"url":"(http:[^"]+)","msg":"gateway listening"/,
    );
    running.push(gateway);

    const { data, errors } = await postGraphQL(
      gateway.found,
      `{ country(iso3: "QAT") { name region { name } subregion { name } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      country: { name: 'Qatar', region: { name: 'Asia' }, subregion: { name: 'Western Asia' } },
    });
    const ready = await fetch(new URL('/ready', gateway.found));
    expect(ready.status).toBe(200);

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
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data).toEqual({ country: { name: 'Kenya', hotlineReports: [{ year: 2022 }] } });
  });
});

import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../gateway/config.js';
import { readRuntimeConfig } from '../../loaders/config.js';
import { projectPath } from '../../loaders/project-path.js';
import {
  prepareSubgraphDatabase,
  startSubgraph,
  type RunningSubgraph,
} from '../../schema/server/serve-subgraph.js';
import { startStack, type Stack } from '../../scripts/stack.js';
import { hotlineReportsSubgraph } from '../../subgraphs/hotline-reports/index.js';
import { CORE_SUBGRAPHS } from '../../subgraphs/index.js';
import { postGraphQL } from '../support/harness.js';
import { databaseUrl, redisUrl } from '../support/services.js';

const logLines: string[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });

const MEMBER_STATES = {
  name: 'member-states',
  url: 'http://127.0.0.1:4001/graphql',
  sdl: projectPath('subgraphs', 'member-states', 'schema.graphql'),
  owner: 'unodc',
  tier: 'CORE',
  contact: 'test',
};

let dir: string;
let registryPath: string;
let stack: Stack;
let partner: RunningSubgraph;

/** Replaces the registry by rename, as an operator's deploy would. */
async function writeRegistry(subgraphs: object[]): Promise<void> {
  await writeFile(`${registryPath}.tmp`, JSON.stringify({ subgraphs }));
  await rename(`${registryPath}.tmp`, registryPath);
}

function hotlineEntry(sdl: string) {
  return {
    name: 'hotline-reports',
    url: partner.url,
    sdl,
    owner: 'test partner',
    tier: 'PARTNER',
    contact: 'test',
  };
}

const COMBINED = `{ country(iso3: "KEN") { name hotlineReports(year: 2022, includeSynthetic: true) { year synthetic } } }`;

/** Polls until `check` holds: the gateway notices the registry by watching it, not by being told. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crg-kit-reload-'));
  registryPath = join(dir, 'subgraphs.json');
  await writeRegistry([MEMBER_STATES]);
  const env = {
    LOG_LEVEL: 'info',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  };
  stack = await startStack({
    runtimeConfig: readRuntimeConfig(env),
    gatewayConfig: readGatewayConfig({
      ...env,
      SUPERGRAPH_PATH: registryPath,
      // Budgets live in the shared Redis, keyed by client address: earlier files' requests from
      // 127.0.0.1 in the same minute must not spend this one's (budgets have tests of their own).
      LIMIT_BUDGET_PER_MINUTE: '1000000000',
    }),
    logger,
    subgraphs: CORE_SUBGRAPHS,
    memory: !databaseUrl,
    ports: 'ephemeral',
  });
  // The partner runs as its own service, on the same database server in its own schema.
  await prepareSubgraphDatabase(hotlineReportsSubgraph, stack.runtime.database.db, logger, {
    synthetic: true,
  });
  partner = await startSubgraph(hotlineReportsSubgraph, {
    database: stack.runtime.database,
    cache: undefined,
    config: readRuntimeConfig(env),
    logger,
    host: '127.0.0.1',
    port: 0,
  });
});

afterAll(async () => {
  await partner?.close();
  await stack?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the gateway in registry mode (SUPERGRAPH_PATH=…/subgraphs.json)', () => {
  it('adds a partner subgraph, refuses a policy-breaking update, then removes it, with no restart and no failed request', async () => {
    // A steady stream of core queries, four in flight at all times, for the whole test.
    let streaming = true;
    const outcomes: string[] = [];
    const stream = async () => {
      while (streaming) {
        const { status, data, errors } = await postGraphQL(
          stack.gatewayUrl,
          `{ country(iso3: "NOR") { name } }`,
        ).catch((error: unknown) => ({ status: 0, data: undefined, errors: [String(error)] }));
        outcomes.push(
          status === 200 && !errors && data?.['country']?.name === 'Norway'
            ? 'ok'
            : JSON.stringify({ status, errors }),
        );
      }
    };
    const streams = [stream(), stream(), stream(), stream()];

    const before = await postGraphQL(stack.gatewayUrl, COMBINED);
    expect(before.errors?.[0]?.message).toMatch(/Cannot query field "hotlineReports"/);

    // 1. Add: the partner's field answers alongside the core's.
    await writeRegistry([
      MEMBER_STATES,
      hotlineEntry(projectPath('subgraphs', 'hotline-reports', 'schema.graphql')),
    ]);
    await eventually(async () => !(await postGraphQL(stack.gatewayUrl, COMBINED)).errors);
    const added = await postGraphQL(stack.gatewayUrl, COMBINED);
    expect(added.data).toEqual({
      country: { name: 'Kenya', hotlineReports: [{ year: 2022, synthetic: true }] },
    });

    // 2. A partner update that overrides a core field: refused, the old graph keeps serving.
    const hijack = join(dir, 'hijack.graphql');
    await writeFile(
      hijack,
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@override"])
       scalar CountryCode
       type Country @key(fields: "iso3") { iso3: CountryCode! name: String! @override(from: "member-states") }
       type Query { hijacked: Int }`,
    );
    await writeRegistry([MEMBER_STATES, hotlineEntry(hijack)]);
    await eventually(async () => logLines.some((l) => l.includes('no-override-of-core')));
    expect(await stack.reloadSupergraph()).toBe(false);
    const rejected = logLines.find((l) => l.includes('no-override-of-core')) ?? '';
    expect(JSON.parse(rejected)).toMatchObject({
      msg: 'supergraph source rejected; keeping the current supergraph',
      problems: [expect.stringContaining('Country.name')],
    });
    expect((await postGraphQL(stack.gatewayUrl, COMBINED)).data).toEqual(added.data);

    // 3. Remove: the partner's field is gone, the core's answers.
    await writeRegistry([MEMBER_STATES]);
    await eventually(async () =>
      Boolean(
        (await postGraphQL(stack.gatewayUrl, COMBINED)).errors?.[0]?.message.includes(
          'Cannot query field "hotlineReports"',
        ),
      ),
    );

    streaming = false;
    await Promise.all(streams);
    expect(outcomes.length).toBeGreaterThan(50);
    expect(outcomes.filter((o) => o !== 'ok')).toEqual([]);
  });
});

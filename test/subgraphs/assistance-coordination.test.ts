import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken, type ViewerClaims } from '../../gateway/auth.js';
import { readGatewayConfig } from '../../gateway/config.js';
import { createGateway } from '../../gateway/index.js';
import { MemoryCache, RedisCache, type KeyValueCache } from '../../loaders/cache.js';
import { DEV_JWT_SECRET, readRuntimeConfig } from '../../loaders/config.js';
import { projectPath } from '../../loaders/project-path.js';
import { createRedis, redisReady, type RedisClient } from '../../loaders/redis.js';
import { composeSupergraph } from '../../schema/composition/compose.js';
import { listen, type Listening } from '../../schema/server/listen.js';
import { assistanceSubgraph } from '../../subgraphs/assistance/index.js';
import { ASSESSED_COUNTRIES } from '../../subgraphs/assistance/synthetic.seed.js';
import { memberStatesSubgraph } from '../../subgraphs/member-states/index.js';
import {
  postGraphQL,
  silentLogger,
  startTestSubgraph,
  type TestSubgraph,
} from '../support/harness.js';
import { redisUrl } from '../support/services.js';

// member-states (findings) and assistance (activities) behind a gateway: `gaps(region)` is planned
// as assistance → member-states (the HIGH findings the viewer may read) → assistance (`gaps
// @requires highSeverityFindings`), with no subgraph calling another.

let memberStates: TestSubgraph;
let assistance: TestSubgraph;
let gateway: Awaited<ReturnType<typeof createGateway>>;
let listening: Listening;
let dir: string;
let redis: RedisClient | undefined;
let cache: KeyValueCache;

const bearer = async (claims: ViewerClaims) => ({
  authorization: `Bearer ${await signToken({ sub: 'test', ...claims }, { secret: DEV_JWT_SECRET })}`,
});

beforeAll(async () => {
  // Gateway and subgraphs share one store, as in production: Redis when REDIS_URL is set.
  if (redisUrl) {
    redis = createRedis(redisUrl, { commandTimeoutMs: 1000, logger: silentLogger });
    await redisReady(redis, 2000);
    cache = new RedisCache(redis);
  } else {
    cache = new MemoryCache({ maxEntries: 10_000 });
  }
  memberStates = await startTestSubgraph(memberStatesSubgraph, { cache });
  assistance = await startTestSubgraph(assistanceSubgraph, { cache });
  // Other files write to assistance: start from the seed alone.
  await sql`drop schema if exists assistance cascade`.execute(assistance.database.db);
  await assistance.close();
  assistance = await startTestSubgraph(assistanceSubgraph, { cache });
  dir = await mkdtemp(join(tmpdir(), 'crg-assistance-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  const sdl = (name: string) => readFile(projectPath('subgraphs', name, 'schema.graphql'), 'utf8');
  await writeFile(
    supergraphPath,
    composeSupergraph([
      { name: 'member-states', url: memberStates.url, sdl: await sdl('member-states') },
      { name: 'assistance', url: assistance.url, sdl: await sdl('assistance') },
    ]),
  );
  gateway = await createGateway({
    config: readGatewayConfig({
      SUPERGRAPH_PATH: supergraphPath,
      LIMIT_BUDGET_PER_MINUTE: '1000000000',
    }),
    runtime: readRuntimeConfig({ LOG_LEVEL: 'silent' }),
    logger: silentLogger,
    cache,
    ...(redis ? { redis } : {}),
  });
  listening = await listen(gateway.listener, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await listening?.close();
  await gateway?.apollo.stop();
  await assistance?.close();
  await memberStates?.close();
  redis?.disconnect();
  await rm(dir, { recursive: true, force: true });
});

const GAPS = `query($region: M49Code!) { gaps(includeSynthetic: true, region: $region) {
  region area { name }
  gaps { country { iso3 } area gap since lastActivityStart assessment { id confidentiality } }
} }`;

const keys = (data: any) =>
  data?.['gaps'].gaps.map((g: any) => `${g.country.iso3}/${g.area}`) as string[];

describe('coordination: the seed plants what it says', () => {
  it('keeps random activities out of exactly the countries member-states assessed', async () => {
    const { data } = await memberStates.query(
      `{ needsAssessments(filter: { synthetic: true }, first: 500) { edges { node { country { iso3 } } } } }`,
    );
    const assessed = [
      ...new Set<string>(data?.['needsAssessments'].edges.map((e: any) => e.node.country.iso3)),
    ].sort();
    expect(assessed).toEqual([...ASSESSED_COUNTRIES].sort());
  });
});

describe('coordination: gaps(region) through the gateway', () => {
  it('lists Africa’s open HIGH findings for an editor: closed ones out, one closed too early in', async () => {
    const { data, errors } = await postGraphQL(
      listening.url,
      GAPS,
      { region: '002' },
      await bearer({ role: 'editor' }),
    );
    expect(errors).toBeUndefined();
    expect(data?.['gaps'].area.name).toBe('Africa');
    expect(keys(data)).toEqual([
      'BEN/DIGITAL_FORENSICS',
      'DZA/DIGITAL_EVIDENCE',
      'NER/CYBERCRIME_PREVENTION',
      'NER/DIGITAL_EVIDENCE',
      'SDN/DIGITAL_FORENSICS',
      'SWZ/OCSEA',
    ]);
    const benin = data?.['gaps'].gaps[0];
    // Forensic software reached Benin in February 2019, before the assessment was completed.
    expect(benin).toMatchObject({
      gap: expect.stringMatching(/\(synthetic\)$/),
      since: '2019-05-01',
      lastActivityStart: '2019-02-04',
      assessment: { id: 'na-synthetic-016', confidentiality: 'PUBLIC' },
    });
  });

  it('shows the public only findings of PUBLIC assessments, and a focal point its own country too', async () => {
    const anonymous = await postGraphQL(listening.url, GAPS, { region: '002' });
    expect(anonymous.errors).toBeUndefined();
    expect(keys(anonymous.data)).toEqual(['BEN/DIGITAL_FORENSICS', 'DZA/DIGITAL_EVIDENCE']);
    const sudan = await postGraphQL(
      listening.url,
      GAPS,
      { region: '002' },
      await bearer({ role: 'state_focal_point', country: 'SDN' }),
    );
    expect(keys(sudan.data)).toEqual([
      'BEN/DIGITAL_FORENSICS',
      'DZA/DIGITAL_EVIDENCE',
      'SDN/DIGITAL_FORENSICS',
    ]);
  });

  it('reaches the same gaps from a region of member-states', async () => {
    const { data, errors } = await postGraphQL(
      listening.url,
      `{ region(m49: "002") { name coverageGaps(includeSynthetic: true) { gaps { country { iso3 } area } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(
      data?.['region'].coverageGaps.gaps.map((g: any) => `${g.country.iso3}/${g.area}`),
    ).toEqual(['BEN/DIGITAL_FORENSICS', 'DZA/DIGITAL_EVIDENCE']);
  });

  it('closes Sri Lanka’s findings with the activities that answered them (Asia)', async () => {
    const { data } = await postGraphQL(
      listening.url,
      GAPS,
      { region: '142' },
      await bearer({ role: 'editor' }),
    );
    const asia = keys(data);
    expect(asia).not.toContain('LKA/VIRTUAL_ASSETS');
    expect(asia).not.toContain('LKA/CYBER_INVESTIGATIONS');
    expect(asia).toContain('NPL/DIGITAL_FORENSICS');
    // Syria's assessment is still under way: its gaps count from the day it started.
    const syria = data?.['gaps'].gaps.filter((g: any) => g.country.iso3 === 'SYR');
    expect(syria.map((g: any) => [g.area, g.since])).toEqual([
      ['CYBER_INVESTIGATIONS', '2024-07-01'],
      ['DIGITAL_EVIDENCE', '2024-07-01'],
      ['VIRTUAL_ASSETS', '2024-07-01'],
    ]);
  });

  it('costs a constant number of statements in each subgraph', async () => {
    memberStates.resetSql();
    assistance.resetSql();
    const headers = await bearer({ role: 'editor' });
    await postGraphQL(listening.url, GAPS, { region: '142' }, headers);
    expect(assistance.sql.filter((s) => /"assistance"\."activity"/.test(s))).toHaveLength(1);
    expect(assistance.sql).toHaveLength(1);
    expect(memberStates.sql.length).toBeLessThanOrEqual(4);
  });

  it('answers NOT_FOUND for an unknown area, naming region', async () => {
    const { errors } = await postGraphQL(listening.url, GAPS, { region: '999' });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'region' });
  });
});

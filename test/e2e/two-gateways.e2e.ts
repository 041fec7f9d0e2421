import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { RedisCache } from '../../loaders/cache.js';
import { DEV_JWT_SECRET } from '../../loaders/config.js';
import { subgraphTag, tagKey } from '../../loaders/invalidation.js';
import { projectPath } from '../../loaders/project-path.js';
import { createRedis, redisReady, type RedisClient } from '../../loaders/redis.js';
import { composeSupergraph } from '../../schema/composition/compose.js';
import { memberStatesSubgraph } from '../../subgraphs/member-states/index.js';
import { partnersSubgraph } from '../../subgraphs/partners/index.js';
import { silentLogger, startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { CREATE_PARTNERSHIP, newPartnership } from '../support/partnerships.js';
import { startNode, type ChildService } from '../support/processes.js';
import {
  startRoundRobinProxy,
  UPSTREAM_HEADER,
  type RoundRobinProxy,
} from '../support/round-robin-proxy.js';
import { databaseUrl, redisUrl } from '../support/services.js';

// Issue #23 item 3, "many gateways, one graph": two gateway processes from the built output on
// one Redis, behind a round-robin proxy, share persisted queries, the response cache, tag
// versions and budgets. The subgraphs run once, in this process, on PostgreSQL and the same Redis.
// Without both services there is nothing to share (services.ts fails the file under CI=true).
const services = databaseUrl !== undefined && redisUrl !== undefined;

/** Each gateway refuses an analyst past this many cost units a minute; a request costs the floor. */
const ANALYST_BUDGET = 50;
const FLOOR_COST = 10;
/** Distinct per run: queries, hashes and budget keys never meet an earlier run's in Redis. */
const run = randomUUID().replace(/-/g, '').slice(0, 12);

interface Answer {
  upstream: string;
  status: number;
  cache: string | null;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}

describe.runIf(services)('two gateway processes behind one load balancer', () => {
  let dir: string;
  let redis: RedisClient;
  let memberStates: TestSubgraph | undefined;
  let partners: TestSubgraph | undefined;
  const gateways: Record<string, ChildService> = {};
  let proxy: RoundRobinProxy | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crg-two-gateways-'));
    redis = createRedis(redisUrl!, { commandTimeoutMs: 2_000, logger: silentLogger });
    expect(await redisReady(redis, 5_000)).toBe(true);
    const cache = new RedisCache(redis);
    [memberStates, partners] = await Promise.all([
      startTestSubgraph(memberStatesSubgraph, { cache }),
      startTestSubgraph(partnersSubgraph, { cache }),
    ]);
    const supergraphPath = join(dir, 'supergraph.graphql');
    const sdl = (name: string) =>
      readFile(projectPath('subgraphs', name, 'schema.graphql'), 'utf8');
    await writeFile(
      supergraphPath,
      composeSupergraph([
        { name: 'member-states', url: memberStates.url, sdl: await sdl('member-states') },
        { name: 'partners', url: partners.url, sdl: await sdl('partners') },
      ]),
    );
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      GATEWAY_PORT: '0',
      LOG_LEVEL: 'info',
      REDIS_URL: redisUrl,
      SUPERGRAPH_PATH: supergraphPath,
      JWT_SECRET: DEV_JWT_SECRET,
      RESPONSE_CACHE: 'on',
      LIMIT_FLOOR_COST: String(FLOOR_COST),
      LIMIT_BUDGET_PER_MINUTE: '1000000000',
      LIMIT_BUDGET_PER_MINUTE_ANALYST: String(ANALYST_BUDGET),
    };
    // Each one kept as soon as it runs, so afterAll stops it even when the other failed.
    const started = await Promise.all(
      ['A', 'B'].map(async (name) => {
        const service = await startNode(
          [projectPath('dist', 'gateway', 'main.js')],
          env,
          /"url":"(http:[^"]+)","msg":"gateway listening"/,
          90_000,
        );
        gateways[name] = service;
        return [name, service] as const;
      }),
    );
    await Promise.all(started.map(([, service]) => untilReady(service.found)));
    proxy = await startRoundRobinProxy(
      Object.fromEntries(started.map(([name, service]) => [name, service.found])),
    );
  });

  afterAll(async () => {
    await proxy?.close();
    const codes = await Promise.all(Object.values(gateways).map((g) => g.stop()));
    expect(codes).toEqual([0, 0]);
    await partners?.close();
    await memberStates?.close();
    redis?.disconnect();
    await rm(dir, { recursive: true, force: true });
  });

  /** Sends `init` through the proxy to `upstream`: a `/health` request first when it is not next. */
  async function through(upstream: string, path: string, init: RequestInit = {}): Promise<Answer> {
    if (proxy!.next() !== upstream) {
      const skipped = await fetch(`${proxy!.origin}/health`);
      expect(skipped.headers.get(UPSTREAM_HEADER)).not.toBe(upstream);
    }
    const response = await fetch(`${proxy!.origin}${path}`, init);
    const answer: Answer = {
      upstream: response.headers.get(UPSTREAM_HEADER) ?? '',
      status: response.status,
      cache: response.headers.get('x-response-cache'),
      body: (await response.json()) as Answer['body'],
    };
    expect(answer.upstream).toBe(upstream);
    return answer;
  }

  function post(upstream: string, payload: object, token?: string): Promise<Answer> {
    return through(upstream, '/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(payload),
    });
  }

  /** `gateway_cache_requests_total{cache,result}` of one gateway, read from it directly. */
  async function cacheCount(gateway: string, cache: string, result: string): Promise<number> {
    const text = await (await fetch(new URL('/metrics', gateways[gateway]!.found))).text();
    const line = text
      .split('\n')
      .find(
        (l) =>
          l.startsWith('gateway_cache_requests_total{') &&
          l.includes(`cache="${cache}"`) &&
          l.includes(`result="${result}"`),
      );
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  it('serves by hash through gateway B a persisted query registered through gateway A, and back', async () => {
    const query = `{ apq${run}: country(iso3: "KEN") { name } }`;
    const persistedQuery = {
      version: 1,
      sha256Hash: createHash('sha256').update(query).digest('hex'),
    };
    const unknown = await post('A', { extensions: { persistedQuery } });
    expect(unknown.body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await post('A', { query, extensions: { persistedQuery } });
    expect(registered.body).toEqual({ data: { [`apq${run}`]: { name: 'Kenya' } } });
    const hitsBefore = await cacheCount('B', 'apq', 'hit');
    const byHash = await post('B', { extensions: { persistedQuery } });
    expect(byHash.status).toBe(200);
    expect(byHash.body).toEqual(registered.body);
    expect(await cacheCount('B', 'apq', 'hit')).toBeGreaterThan(hitsBefore);
  });

  const coverage = (alias: string) =>
    `{ ${alias}: partnerCoverage(theme: VIRTUAL_ASSETS, asOf: "2031-06-30") { region { m49 } activePartnerships } }`;
  const africa = (answer: Answer, alias: string): number =>
    answer.body.data?.[alias].find((c: any) => c.region.m49 === '002').activePartnerships;

  it('serves from B what A cached, and after a write through B neither gateway serves the stale answer', async () => {
    const [q1, q2] = [`c1${run}`, `c2${run}`];
    const first = await post('A', { query: coverage(q1) });
    expect(first.body.errors).toBeUndefined();
    expect(first.cache).toBe('miss');
    const before = africa(first, q1);
    const responseHitsBefore = await cacheCount('B', 'response', 'hit');
    const fromB = await post('B', { query: coverage(q1) });
    expect(fromB.cache).toBe('hit');
    expect(fromB.body).toEqual(first.body);
    expect(await cacheCount('B', 'response', 'hit')).toBe(responseHitsBefore + 1);
    // A second answer, cached by B and served by A.
    expect((await post('B', { query: coverage(q2) })).cache).toBe('miss');
    expect((await post('A', { query: coverage(q2) })).cache).toBe('hit');

    const tag = tagKey(subgraphTag('partners'));
    const versionBefore = await redis.get(tag);
    expect(versionBefore).not.toBeNull();
    const editor = await signToken(
      { sub: `two-gateways-${run}`, role: 'editor' },
      { secret: DEV_JWT_SECRET },
    );
    const created = await post(
      'B',
      {
        query: CREATE_PARTNERSHIP,
        variables: { input: newPartnership(`Two gateways purge test ${run}`) },
      },
      editor,
    );
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.createPartnership.reviewStatus).toBe('PUBLISHED');
    // The write bumped the subgraph's tag in Redis, where both gateways read it.
    expect(await redis.get(tag)).not.toBe(versionBefore);

    const freshFromA = await post('A', { query: coverage(q1) });
    expect(freshFromA.cache).toBe('miss');
    expect(africa(freshFromA, q1)).toBe(before + 1);
    const freshFromB = await post('B', { query: coverage(q2) });
    expect(freshFromB.cache).toBe('miss');
    expect(africa(freshFromB, q2)).toBe(before + 1);
    // What A stored after the write, B serves.
    const again = await post('B', { query: coverage(q1) });
    expect(again.cache).toBe('hit');
    expect(africa(again, q1)).toBe(before + 1);
  });

  /**
   * Spends an analyst's whole budget through the proxy (A, B, A, B, A), then asks twice more (B,
   * A); the statuses, or none when the requests crossed a minute (a new window, a new budget).
   */
  async function spendBudget(attempt: number): Promise<number[] | undefined> {
    const window = Math.floor(Date.now() / 60_000);
    const analyst = await signToken(
      { sub: `two-gateways-budget-${run}-${attempt}`, role: 'analyst' },
      { secret: DEV_JWT_SECRET },
    );
    // Costs no more than the floor, so each request spends exactly FLOOR_COST.
    const query = `{ budget${run}: country(iso3: "NOR") { name } }`;
    const answers: Answer[] = [];
    for (let i = 0; i < ANALYST_BUDGET / FLOOR_COST + 2; i += 1) {
      answers.push(await post(i % 2 === 0 ? 'A' : 'B', { query }, analyst));
    }
    if (Math.floor(Date.now() / 60_000) !== window) {
      return undefined;
    }
    for (const answer of answers) {
      if (answer.status === 200) {
        expect(answer.body.errors).toBeUndefined();
      } else {
        expect(answer.body.errors?.[0]?.extensions, `refused by ${answer.upstream}`).toMatchObject({
          code: 'RATE_LIMITED',
          retryAfterSeconds: expect.any(Number),
        });
      }
    }
    return answers.map((a) => a.status);
  }

  it("refuses a viewer's request past one budget spent across both gateways, whichever gets it", async () => {
    const statuses = (await spendBudget(1)) ?? (await spendBudget(2));
    // Five requests fit the budget: three through A and two through B, so neither gateway alone
    // saw it spent. The sixth (through B) and the seventh (through A) are refused.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(proxy!.served['A']).toBeGreaterThan(0);
    expect(proxy!.served['B']).toBeGreaterThan(0);
  });
});

if (!services) {
  describe('two gateway processes behind one load balancer', () => {
    it.skip('needs DATABASE_URL and REDIS_URL: two gateways share nothing without Redis', () => {});
  });
}

/** Polls `/ready` of a gateway until it answers 200 (supergraph loaded, not draining). */
async function untilReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(new URL('/ready', url));
      if (response.status === 200) {
        return;
      }
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`gateway at ${url} not ready in ${timeoutMs} ms: ${last}`);
}

import { appendFile, copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOperation, clientOperations } from '../../clients/operations/index.js';
import { readGatewayConfig, withDefaults } from '../../gateway/config.js';
import { createSubgraphGateway } from '../../gateway/data-sources.js';
import { createMetrics, type GatewayMetrics } from '../../gateway/metrics.js';
import { planCacheKeys } from '../../gateway/plan-warmup.js';
import { supergraphFromFile } from '../../gateway/supergraph-source.js';
import { createLogger } from '../../loaders/logger.js';
import { projectPath } from '../../loaders/project-path.js';
import { startGatewayStack, type GatewayStack } from './stack.js';

/** The `query_plan` lookups counted so far, by result. */
async function planLookups(metrics: GatewayMetrics) {
  const { values } = await metrics.cacheRequests.get();
  const count = (result: string) =>
    values.find((v) => v.labels['cache'] === 'query_plan' && v.labels['result'] === result)
      ?.value ?? 0;
  return { hit: count('hit'), miss: count('miss') };
}

describe('query-plan warm-up over the whole supergraph', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crg-plan-warmup-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('plans every trusted document at load, and again after a supergraph reload', async () => {
    const supergraphPath = join(dir, 'supergraph.graphql');
    await copyFile(projectPath('schema', 'supergraph.graphql'), supergraphPath);
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger(
      { level: 'info', service: 'test' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
          done();
        },
      }),
    );
    const operations = clientOperations();
    const metrics = createMetrics();
    const source = supergraphFromFile(supergraphPath, logger);
    const subgraphs = await createSubgraphGateway({
      config: withDefaults(readGatewayConfig({ SUPERGRAPH_PATH: supergraphPath })),
      source,
      signerFor: () => undefined,
      metrics,
      logger,
      warmOperations: operations,
    });
    const warmed = () => lines.filter((line) => line['msg'] === 'query plans warmed');
    // Every key the gateway looks each form of each operation up by, named or not.
    const keys = new Set(
      operations.flatMap((operation) =>
        [operation.body, operation.apolloClientBody].flatMap((body) =>
          planCacheKeys(body, operation.name),
        ),
      ),
    );
    const allCached = async () =>
      expect((await metrics.queryPlanCacheEntries.get()).values[0]?.value).toBe(keys.size);
    try {
      await subgraphs.gateway.load();
      await subgraphs.plansWarmed();
      expect(warmed()).toEqual([
        expect.objectContaining({ warmed: operations.length * 2, failed: 0, left: 0 }),
      ]);
      await allCached();

      // A new supergraph: Apollo clears the plan cache, the warm-up fills it again.
      await appendFile(supergraphPath, '\n# reloaded\n');
      expect(await source.reload()).toBe(true);
      await subgraphs.plansWarmed();
      expect(warmed()).toHaveLength(2);
      expect(warmed()[1]).toMatchObject({ warmed: operations.length * 2, failed: 0 });
      await allCached();
    } finally {
      await subgraphs.gateway.stop();
    }
  });
});

describe('a gateway after start', () => {
  let stack: GatewayStack;
  beforeAll(async () => {
    // No response cache: every request below reaches the planner's cache.
    stack = await startGatewayStack({ RESPONSE_CACHE: 'off' });
  }, 120_000);
  afterAll(() => stack?.close());

  const post = (body: Record<string, unknown>) =>
    fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ data?: Record<string, any>; errors?: unknown }>);

  it('runs a trusted operation’s first request on a cached plan, in both of its forms', async () => {
    const operation = clientOperation('DashboardCountryProfile');
    const before = await planLookups(stack.gateway.metrics);
    const named = await post({
      query: operation.body,
      operationName: operation.name,
      variables: { iso3: 'KEN' },
    });
    const apolloClient = await post({
      query: operation.apolloClientBody,
      variables: { iso3: 'UGA' },
    });
    expect(named.errors).toBeUndefined();
    expect(named.data?.['country']?.iso3).toBe('KEN');
    expect(apolloClient.data?.['country']?.iso3).toBe('UGA');
    expect(await planLookups(stack.gateway.metrics)).toEqual({
      hit: before.hit + 2,
      miss: before.miss,
    });
  });

  it('plans an ad-hoc query on its first request', async () => {
    const before = await planLookups(stack.gateway.metrics);
    const response = await post({ query: '{ country(iso3: "FRA") { iso3 m49 } }' });
    expect(response.data?.['country']?.iso3).toBe('FRA');
    expect((await planLookups(stack.gateway.metrics)).miss).toBe(before.miss + 1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCacheSealer } from '../../loaders/cache-seal.js';
import { MemoryCache, RedisCache, type KeyValueCache } from '../../loaders/cache.js';
import { createRedis, redisReady, type RedisClient } from '../../loaders/redis.js';
import { memberStatesSubgraph } from '../../subgraphs/member-states/index.js';
import { MEMBER_STATES_CACHE } from '../../subgraphs/member-states/member-states.loaders.js';
import { silentLogger, startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { redisUrl } from '../support/services.js';

// RESTRICTED findings and recommendations are never cached in plain text: whoever reads the
// store (another service's Redis user, a backup, MONITOR) sees ciphertext only.

describe('createCacheSealer', () => {
  it('opens what it sealed, under the same cache key only, and nothing sealed by another key', () => {
    const sealer = createCacheSealer();
    const sealed = sealer.seal('member-states:v1:needs-assessment:A', '{"recommendations":["x"]}');
    expect(sealed).toMatch(/^sealed:v1:/);
    expect(sealed).not.toContain('recommendations');
    expect(sealer.open('member-states:v1:needs-assessment:A', sealed)).toBe(
      '{"recommendations":["x"]}',
    );
    expect(sealer.open('member-states:v1:needs-assessment:B', sealed)).toBeNull();
    expect(createCacheSealer().open('member-states:v1:needs-assessment:A', sealed)).toBeNull();
    expect(sealer.open('member-states:v1:needs-assessment:A', '{"plain":true}')).toBeNull();
  });
});

const stores: {
  name: string;
  open: () => Promise<{ cache: KeyValueCache; redis?: RedisClient }>;
}[] = [
  { name: 'memory', open: async () => ({ cache: new MemoryCache({ maxEntries: 10_000 }) }) },
  ...(redisUrl
    ? [
        {
          name: 'redis',
          open: async () => {
            const redis = createRedis(redisUrl!, { commandTimeoutMs: 1000, logger: silentLogger });
            await redisReady(redis, 2000);
            return { cache: new RedisCache(redis), redis };
          },
        },
      ]
    : []),
];

describe.each(stores)('needs assessments in the $name entity cache', ({ open }) => {
  let subgraph: TestSubgraph;
  let cache: KeyValueCache;
  let redis: RedisClient | undefined;

  beforeAll(async () => {
    ({ cache, redis } = await open());
    subgraph = await startTestSubgraph(memberStatesSubgraph, { cache });
  }, 120_000);

  afterAll(async () => {
    await subgraph?.close();
    redis?.disconnect();
  });

  it('are stored sealed, never in plain text, and still served from the cache', async () => {
    const { data } = await subgraph.query(
      `{ needsAssessments(first: 1, includeSynthetic: true, filter: { confidentiality: RESTRICTED, synthetic: true }) { edges { node { id } } } }`,
    );
    const id: string = data?.['needsAssessments'].edges[0].node.id;
    const key = MEMBER_STATES_CACHE.needsAssessmentById.key(id);
    await cache.deleteMany([key]);
    // A public read loads (and caches) the whole assessment, findings included.
    const first = await subgraph.query(`query($id: String!) { needsAssessment(id: $id) { id } }`, {
      id,
    });
    expect(first.errors).toBeUndefined();
    const [stored] = await cache.getMany([key]);
    expect(stored).toMatch(/^sealed:v1:[A-Za-z0-9_-]+$/);
    expect(stored).not.toMatch(/recommendation|finding|severity/i);

    subgraph.resetSql();
    const again = await subgraph.query(`query($id: String!) { needsAssessment(id: $id) { id } }`, {
      id,
    });
    expect(again.data?.['needsAssessment']).toEqual({ id });
    expect(subgraph.sql.filter((s) => /"needs_assessment"/.test(s))).toEqual([]);
  });
});

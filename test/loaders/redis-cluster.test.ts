import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMetrics } from '../../gateway/metrics.js';
import { CostBudget } from '../../gateway/rate-limit.js';
import { apqStore, openStores } from '../../gateway/stores.js';
import { redisAclRules, subgraphCacheScope } from '../../loaders/cache-scope.js';
import { RedisCache } from '../../loaders/cache.js';
import { createCachedLoader } from '../../loaders/cached-loader.js';
import { readRuntimeConfig } from '../../loaders/config.js';
import { invalidate, tagKey, tagVersions } from '../../loaders/invalidation.js';
import { keyBatchesByNode, keySlot } from '../../loaders/redis-cluster.js';
import { createRedis, redisReady, type RedisClient } from '../../loaders/redis.js';
import { RedisUsageStore } from '../../loaders/usage-store.js';
import { silentLogger } from '../support/harness.js';
import {
  clusterToolsMissing,
  startPrivateCluster,
  stopPrivateClusters,
  type PrivateCluster,
} from '../support/private-cluster.js';
import { inCI } from '../support/services.js';

// The caches, APQ, budgets, tag versions and usage counts on a real three-master Redis Cluster of
// the machine's redis-server (ports 7101-7103, else 7104-7106), started and torn down here.

const missing = clusterToolsMissing();
if (missing && inCI) {
  throw new Error(`${missing}, and CI=true: the Redis Cluster test must run in CI`);
}

const run = `${process.pid}-${Date.now()}`;
let cluster: PrivateCluster;
const clients: RedisClient[] = [];

async function client(url = cluster.url): Promise<Cluster> {
  const redis = createRedis(url, { commandTimeoutMs: 5_000, logger: silentLogger });
  clients.push(redis);
  expect(await redisReady(redis, 30_000)).toBe(true);
  if (!(redis instanceof Cluster)) {
    throw new Error('a redis+cluster:// URL must give a Cluster client');
  }
  return redis;
}

/** Socket writes per master node while `work` runs: one per round trip the client makes. */
async function writesPerNode(redis: Cluster, work: () => Promise<unknown>) {
  const spies = redis.nodes('master').map((node) => vi.spyOn(node.stream, 'write'));
  try {
    await work();
    return spies.map((spy) => spy.mock.calls.length).filter((n) => n > 0);
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
}

describe.skipIf(missing !== undefined)(
  `Redis Cluster${missing ? ` (not run: ${missing})` : ''}`,
  () => {
    beforeAll(async () => {
      cluster = await startPrivateCluster([
        [7101, 7102, 7103],
        [7104, 7105, 7106],
      ]);
    }, 180_000);

    afterAll(async () => {
      clients.splice(0).forEach((c) => c.disconnect());
      await stopPrivateClusters();
    }, 60_000);

    it('maps keys to the slots Redis computes, hash tags included', async () => {
      const redis = await client();
      for (const key of [
        'laws:v1:legislation:1',
        'tag:v1:Country',
        '{user1000}.following',
        'ü{}x',
      ]) {
        expect(keySlot(key)).toBe(await redis.cluster('KEYSLOT', key));
      }
    });

    it('reads through the entity cache across nodes: one round trip per node, then hits', async () => {
      const redis = await client();
      const cache = new RedisCache(redis);
      const loads: string[][] = [];
      const loader = () =>
        createCachedLoader(
          { cache, ttlSeconds: 60, batch: true },
          {
            prefix: 'test:country:',
            load: async (keys: readonly string[]) => {
              loads.push([...keys]);
              return keys.map((key) => ({ id: key }));
            },
          },
        );
      const ids = Array.from({ length: 12 }, (_, i) => `C${i}`);
      expect(
        keyBatchesByNode(
          redis,
          ids.map((id) => `test:country:${id}`),
        ),
      ).toHaveLength(3);

      let first: unknown[] = [];
      const fillWrites = await writesPerNode(redis, async () => {
        first = await loader().loadMany(ids);
      });
      expect(first).toEqual(ids.map((id) => ({ id })));
      expect(loads).toEqual([ids]);
      // Each node: one MGET pipeline, then one SET pipeline.
      expect(fillWrites).toEqual([2, 2, 2]);

      const hitWrites = await writesPerNode(redis, () => loader().loadMany(ids));
      expect(loads).toHaveLength(1);
      expect(hitWrites).toEqual([1, 1, 1]);
      expect(cache.stats).toMatchObject({ hits: 12, misses: 12, errors: 0 });
    });

    it('purges by tag and key: new tag versions on every node, entries re-read', async () => {
      const redis = await client();
      const cache = new RedisCache(redis);
      const tags = ['Country', 'Country:KEN', 'subgraph:laws', 'M49Region'].map(
        (t) => `${t}-${run}`,
      );
      const keys = ['a', 'b', 'c', 'd'].map((k) => `test:${run}:purge:${k}`);
      await cache.setMany(
        keys.map((key) => [key, 'cached'] as const),
        60,
      );
      // As bytes too (a response-cache hit), across nodes, in the order asked.
      const bytes = await cache.getManyBytes([keys[0]!, `test:${run}:none`, ...keys.slice(1)]);
      expect(bytes.map((b) => b?.toString('utf8') ?? null)).toEqual([
        'cached',
        null,
        'cached',
        'cached',
        'cached',
      ]);
      await invalidate(cache, { keys: [], tags });
      const before = await tagVersions(cache, tags);
      expect(before.every((v) => typeof v === 'string')).toBe(true);
      expect(new Set(tags.map((t) => keySlot(tagKey(t)))).size).toBeGreaterThan(1);

      await invalidate(cache, { keys, tags: tags.slice(0, 2) });
      const after = await tagVersions(cache, tags);
      expect(after.slice(0, 2).every((v, i) => v !== null && v !== before[i])).toBe(true);
      expect(after.slice(2)).toEqual(before.slice(2));
      expect(await cache.getMany(keys)).toEqual([null, null, null, null]);
    });

    it('registers a persisted query and serves it to another gateway', async () => {
      const metrics = createMetrics();
      const hash = `sha-${run}`;
      await apqStore(new RedisCache(await client()), 60, metrics).set(
        hash,
        '{ countries { iso3 } }',
      );
      const other = apqStore(new RedisCache(await client()), 60, metrics);
      expect(await other.get(hash)).toBe('{ countries { iso3 } }');
      expect(await other.get(`unknown-${run}`)).toBeUndefined();
    });

    it('opens the gateway stores on the cluster from REDIS_URL alone', async () => {
      const metrics = createMetrics();
      const runtime = readRuntimeConfig({
        REDIS_URL: cluster.url,
        REDIS_COMMAND_TIMEOUT_MS: '5000',
      });
      const stores = await openStores({}, runtime, silentLogger, metrics);
      try {
        expect(stores.redis).toBeInstanceOf(Cluster);
        expect(stores.shared?.kind).toBe('redis');
        // openStores waits 2 s for Redis, then starts with its caches stepped aside (a loaded
        // machine can take longer to learn the slot map): wait for the cluster, as traffic would.
        expect(await redisReady(stores.redis as RedisClient, 30_000)).toBe(true);
        const apq = apqStore(stores.apq, 60, metrics);
        await apq.set(`stores-${run}`, '{ m49Regions { code } }');
        expect(await apq.get(`stores-${run}`)).toBe('{ m49Regions { code } }');
      } finally {
        stores.close();
      }
    });

    it('shares a viewer budget between two gateway clients', async () => {
      const [one, two] = [new CostBudget(await client()), new CostBudget(await client())];
      const now = Date.now();
      expect((await one.spend(`viewer-${run}`, 30, now)).spent).toBe(30);
      expect((await two.spend(`viewer-${run}`, 25, now)).spent).toBe(55);
      expect((await two.spend(`other-${run}`, 5, now)).spent).toBe(5);
    });

    it('counts field usage across nodes', async () => {
      const store = new RedisUsageStore(await client());
      const day = '2026-12-07';
      const counts = ['Country', 'Country.partners', 'Legislation', `Run${run}`].map(
        (coordinate) => ({
          coordinate,
          client: 'web',
          clientVersion: '1',
          operation: 'Q#1',
          count: 2,
        }),
      );
      await store.add(day, counts, new Map([['Q#1', 'query Q { x }']]));
      await store.add(day, counts, new Map());
      const found = await store.find([day], (c) => c.startsWith('Country'));
      expect(found.map((c) => [c.coordinate, c.count]).sort()).toEqual([
        ['Country', 4],
        ['Country.partners', 4],
      ]);
      expect(await store.signatures(['Q#1', `none-${run}`])).toEqual(
        new Map([['Q#1', 'query Q { x }']]),
      );
    });

    it("keeps a subgraph's ACL user to its own keys on every node", async () => {
      const admin = await client();
      const password = 'laws-password-000000000000';
      const rules = redisAclRules(subgraphCacheScope('laws'), password);
      await Promise.all(
        admin.nodes('master').map((node) => node.call('ACL', 'SETUSER', 'crg-laws', ...rules)),
      );
      const url = cluster.url.replace('//', `//crg-laws:${password}@`);
      const errors: unknown[] = [];
      const laws = new RedisCache(await client(url), (error) => errors.push(error));
      const own = ['a', 'b', 'c', 'd', 'e', 'f'].map((k) => `laws:${run}:${k}`);
      await laws.setMany(
        own.map((key) => [key, 'v'] as const),
        60,
      );
      expect(await laws.getMany(own)).toEqual(own.map(() => 'v'));
      expect(errors).toEqual([]);
      await laws.setMany([[`apq:v1:${run}`, 'x']], 60);
      expect(errors).toHaveLength(1);
      expect(await new RedisCache(admin).getMany([`apq:v1:${run}`])).toEqual([null]);
    });
  },
);

describe('a Redis Cluster that does not answer', () => {
  it('steps aside at once: misses, no error thrown, no wait for the slot map', async () => {
    const redis = createRedis('redis+cluster://127.0.0.1:1,127.0.0.1:2', {
      commandTimeoutMs: 250,
      logger: silentLogger,
    });
    clients.push(redis);
    const cache = new RedisCache(redis);
    const started = performance.now();
    expect(await cache.getMany(['k1', 'k2', 'k3'])).toEqual([null, null, null]);
    await cache.setMany(
      [
        ['k1', 'v'],
        ['k2', 'v'],
      ],
      60,
    );
    await cache.deleteMany(['k1', 'k2']);
    expect((await new CostBudget(redis).spend('viewer', 7)).spent).toBe(7);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(cache.stats.errors).toBe(3);
  });
});

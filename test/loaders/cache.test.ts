import { afterAll, describe, expect, it } from 'vitest';
import { MemoryCache, RedisCache, type KeyValueCache } from '../../loaders/cache.js';
import { createLogger } from '../../loaders/logger.js';
import { createRedis, redisReady } from '../../loaders/redis.js';
import { CLOSED_REDIS_URL, redisUrl } from '../support/services.js';

const logger = createLogger({ level: 'silent', service: 'test' });
const clients: { disconnect(): void }[] = [];
afterAll(() => clients.forEach((c) => c.disconnect()));

async function redisCache(url: string, wait: boolean): Promise<RedisCache> {
  const redis = createRedis(url, { commandTimeoutMs: 250, logger });
  clients.push(redis);
  if (wait) {
    expect(await redisReady(redis, 2_000)).toBe(true);
  }
  return new RedisCache(redis);
}

const realRedis = redisUrl;
const implementations: { name: string; make: () => Promise<KeyValueCache> }[] = [
  { name: 'memory', make: async () => new MemoryCache({ maxEntries: 100 }) },
  ...(realRedis ? [{ name: 'redis', make: () => redisCache(realRedis, true) }] : []),
];

describe.each(implementations)('KeyValueCache on $name', ({ make }) => {
  const prefix = `test:${process.pid}:${Date.now()}:`;

  it('returns hits and misses in key order and counts them', async () => {
    const cache = await make();
    await cache.setMany(
      [
        [`${prefix}a`, '1'],
        [`${prefix}b`, '2'],
      ],
      60,
    );
    expect(await cache.getMany([`${prefix}b`, `${prefix}x`, `${prefix}a`])).toEqual([
      '2',
      null,
      '1',
    ]);
    expect(cache.stats).toMatchObject({ hits: 2, misses: 1 });
  });

  it('forgets purged keys', async () => {
    const cache = await make();
    await cache.setMany([[`${prefix}c`, '3']], 60);
    await cache.deleteMany([`${prefix}c`]);
    expect(await cache.getMany([`${prefix}c`])).toEqual([null]);
  });

  it('expires entries after their TTL', async () => {
    const cache = await make();
    await cache.setMany([[`${prefix}d`, '4']], 1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await cache.getMany([`${prefix}d`])).toEqual([null]);
  });

  it('answers an empty batch without a round trip', async () => {
    expect(await (await make()).getMany([])).toEqual([]);
  });
});

describe('RedisCache with Redis down', () => {
  it('steps aside at once: misses, no error, no wait for a reconnect', async () => {
    const cache = await redisCache(CLOSED_REDIS_URL, false);
    const started = performance.now();
    expect(await cache.getMany(['k1', 'k2'])).toEqual([null, null]);
    await cache.setMany([['k1', 'v']], 60);
    await cache.deleteMany(['k1']);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(cache.stats.errors).toBe(3);
  });
});

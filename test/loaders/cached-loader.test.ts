import { describe, expect, it } from 'vitest';
import { MemoryCache, RedisCache } from '../../loaders/cache.js';
import { createCachedLoader, purgeCached, type LoaderDeps } from '../../loaders/cached-loader.js';
import { byKey } from '../../loaders/keyed.js';
import { createRedis } from '../../loaders/redis.js';
import { silentLogger } from '../support/harness.js';
import { CLOSED_REDIS_URL } from '../support/services.js';

interface Thing {
  id: string;
  value: number;
}

const table = new Map<string, Thing>([
  ['a', { id: 'a', value: 1 }],
  ['b', { id: 'b', value: 2 }],
  ['c', { id: 'c', value: 3 }],
]);

function setup(deps: Partial<LoaderDeps> = {}) {
  const calls: string[][] = [];
  const cache = new MemoryCache({ maxEntries: 100 });
  const full: LoaderDeps = { cache, ttlSeconds: 60, batch: true, ...deps };
  const loader = () =>
    createCachedLoader<string, Thing>(full, {
      prefix: 'test:thing:',
      load: async (keys) => {
        calls.push([...keys]);
        return byKey(
          keys,
          keys.flatMap((k) => (table.has(k) ? [table.get(k)!] : [])),
          (t) => t.id,
        );
      },
    });
  return { calls, cache, loader };
}

describe('createCachedLoader', () => {
  it('loads a batch of keys with one call and returns them in key order', async () => {
    const { calls, loader } = setup();
    const l = loader();
    expect(await Promise.all(['c', 'a', 'x'].map((k) => l.load(k)))).toEqual([
      { id: 'c', value: 3 },
      { id: 'a', value: 1 },
      null,
    ]);
    expect(calls).toEqual([['c', 'a', 'x']]);
  });

  it('serves the next request from the cache, except what was missing', async () => {
    const { calls, loader } = setup();
    await Promise.all(['a', 'b', 'x'].map((k) => loader().load(k)));
    calls.length = 0;
    const again = loader();
    expect(await Promise.all(['a', 'b', 'x'].map((k) => again.load(k)))).toEqual([
      { id: 'a', value: 1 },
      { id: 'b', value: 2 },
      null,
    ]);
    expect(calls).toEqual([['x']]);
  });

  it('re-reads a purged key', async () => {
    const { calls, cache, loader } = setup();
    await loader().loadMany(['a', 'b']);
    await purgeCached(cache, 'test:thing:', ['a']);
    calls.length = 0;
    await loader().loadMany(['a', 'b']);
    expect(calls).toEqual([['a']]);
  });

  it('makes one call per key with batching off (the N+1 baseline)', async () => {
    const { calls, loader } = setup({ batch: false, cache: undefined });
    await loader().loadMany(['a', 'b', 'c']);
    expect(calls).toEqual([['a'], ['b'], ['c']]);
  });

  it('reads the source when Redis is down', async () => {
    const redis = createRedis(CLOSED_REDIS_URL, { commandTimeoutMs: 100, logger: silentLogger });
    try {
      const { calls, loader } = setup({ cache: new RedisCache(redis) });
      expect(await loader().load('b')).toEqual({ id: 'b', value: 2 });
      expect(calls).toEqual([['b']]);
    } finally {
      redis.disconnect();
    }
  });
});

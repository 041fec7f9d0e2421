import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { documentCache, queryPlanCache } from './caches.js';
import { createMetrics } from './metrics.js';

async function lookups(metrics: ReturnType<typeof createMetrics>, cache: string) {
  const counter = await metrics.cacheRequests.get();
  const value = (result: string) =>
    counter.values.find((v) => v.labels['cache'] === cache && v.labels['result'] === result)
      ?.value ?? 0;
  return { hit: value('hit'), miss: value('miss') };
}

describe('in-process gateway caches', () => {
  it('keeps at most maxEntries parsed documents, least recently used out first', async () => {
    const metrics = createMetrics();
    const store = documentCache(2, metrics);
    await store.set('a', parse('{ a }'));
    await store.set('b', parse('{ b }'));
    expect(await store.get('a')).toBeDefined(); // a is now the most recent
    await store.set('c', parse('{ c }'));
    expect(store.size).toBe(2);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('c')).toBeDefined();
    expect(await lookups(metrics, 'document')).toEqual({ hit: 2, miss: 1 });
  });

  it('bounds query plans by entries as well as by bytes', async () => {
    const metrics = createMetrics();
    const plans = queryPlanCache<{ plan: string }>(
      { maxBytes: 1024 * 1024, maxEntries: 3 },
      metrics,
    );
    for (const key of ['p1', 'p2', 'p3', 'p4']) {
      await plans.set(key, { plan: key });
    }
    expect(plans.size).toBe(3);
    expect(await plans.get('p1')).toBeUndefined();
    expect((await metrics.queryPlanCacheEntries.get()).values[0]?.value).toBe(3);

    const small = queryPlanCache<{ plan: string }>({ maxBytes: 40, maxEntries: 100 }, metrics);
    await small.set('x', { plan: 'x'.repeat(20) });
    await small.set('y', { plan: 'y'.repeat(20) });
    expect(small.size).toBe(1);
  });
});

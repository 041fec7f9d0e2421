import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.js';
import { documentCache, queryPlanCache } from './stores.js';

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
    const store = documentCache({ maxEntries: 2, maxBytes: 1024 * 1024 }, metrics);
    const put = async (key: string, text: string) => {
      const document = parse(text);
      await store.set(key, document);
      store.admit(document);
    };
    await put('a', '{ a }');
    await put('b', '{ b }');
    expect(await store.get('a')).toBeDefined(); // a is now the most recent
    await put('c', '{ c }');
    expect(store.size).toBe(2);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('c')).toBeDefined();
    expect(await lookups(metrics, 'document')).toEqual({ hit: 2, miss: 1 });
  });

  it('caches a document only once the limits admit it, and bounds the estimated heap', async () => {
    const metrics = createMetrics();
    const store = documentCache({ maxEntries: 100, maxBytes: 72 * 200 }, metrics);
    const refused = parse('{ refused }');
    await store.set('refused', refused);
    expect(store.size).toBe(0);
    expect(await store.get('refused')).toBeUndefined();
    const text = `{ ${'f '.repeat(40)}}`; // 83 bytes of source: about 6 KB of heap
    for (const key of ['d1', 'd2', 'd3']) {
      const document = parse(text);
      await store.set(key, document);
      store.admit(document);
    }
    expect(store.size).toBe(2);
    expect(store.bytes).toBe(2 * 83 * 72);
    expect(await store.get('d1')).toBeUndefined();
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

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSubgraphMetrics, subgraphMetricsRoute } from './metrics.js';

const TOKEN = 'a-metrics-token-of-some-length';
const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r)))));

/** `/metrics` of a fresh registry that saw batches of 1 and 40 keys, behind `access`. */
async function serve(access: { token: string | undefined; production: boolean }) {
  const metrics = createSubgraphMetrics('laws', {
    process: false,
    cacheStats: () => ({ hits: 3, misses: 1 }),
  });
  metrics.onBatch('laws:v1:legislation:', 1);
  metrics.onBatch('laws:v1:legislation:', 40);
  const server = createServer((req, res) => void subgraphMetricsRoute(metrics, access)(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
}

describe('a subgraph’s /metrics', () => {
  it('counts batch sizes per loader and cache reads, labelled with the subgraph', async () => {
    const text = await (await fetch(await serve({ token: undefined, production: false }))).text();
    expect(text).toContain(
      'subgraph_dataloader_batch_size_bucket{le="25",subgraph="laws",loader="laws:v1:legislation:"} 1',
    );
    expect(text).toContain(
      'subgraph_dataloader_batch_size_sum{subgraph="laws",loader="laws:v1:legislation:"} 41',
    );
    expect(text).toContain('subgraph_entity_cache_requests_total{result="hit",subgraph="laws"} 3');
    // No process metrics for a subgraph sharing its process.
    expect(text).not.toContain('subgraph_process_');
  });

  it('counts statements on read replicas and reads that fell back to the primary', async () => {
    const routing = { replicaStatements: 5, replicaFallbacks: 2 };
    const metrics = createSubgraphMetrics('laws', { process: false, readRouting: () => routing });
    const first = await metrics.registry.metrics();
    expect(first).toContain('subgraph_db_replica_statements_total{subgraph="laws"} 5');
    expect(first).toContain('subgraph_db_replica_fallbacks_total{subgraph="laws"} 2');
    routing.replicaFallbacks = 3;
    expect(await metrics.registry.metrics()).toContain(
      'subgraph_db_replica_fallbacks_total{subgraph="laws"} 3',
    );
  });

  it('is served in production only with METRICS_TOKEN, and then only to its bearer', async () => {
    const closed = await fetch(await serve({ token: undefined, production: true }));
    expect([closed.status, (await closed.json()).errors[0].extensions.code]).toEqual([
      404,
      'NOT_FOUND',
    ]);
    const url = await serve({ token: TOKEN, production: true });
    const refused = await fetch(url, {
      headers: { authorization: 'Bearer wrong-token-wrong-token' },
    });
    expect([refused.status, (await refused.json()).errors[0].extensions.code]).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    const allowed = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('subgraph_dataloader_batch_size_count');
  });
});

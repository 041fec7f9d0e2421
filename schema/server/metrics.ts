import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { ReadRoutingStats } from '../../loaders/read-routing.js';
import { sendGraphQLError } from './http.js';
import { opsAllowed } from './ops-access.js';

/**
 * A subgraph's Prometheus metrics (`GET /metrics`), in a registry of its own: several subgraphs
 * may share one process (`npm start`, the tests), each with its own registry and `subgraph` label.
 *
 * - `subgraph_dataloader_batch_size{subgraph,loader}`: keys per DataLoader batch (how well the
 *   loaders batch: a p50 of 1 under load is the N+1 pattern back);
 * - `subgraph_entity_cache_requests_total{subgraph,result}`: entity-cache reads by hit or miss;
 * - with `process: true` (a subgraph alone in its process, `runSubgraphMain`): Node's process
 *   metrics as `subgraph_process_…` and `subgraph_nodejs_…`, and with read replicas
 *   `subgraph_db_replica_statements_total` and `subgraph_db_replica_fallbacks_total` (reads a
 *   replica should have served and the primary served, the replica being down).
 */
export interface SubgraphMetrics {
  readonly registry: Registry;
  /** Hears each DataLoader batch (`LoaderDeps.onBatch`). */
  onBatch(loader: string, size: number): void;
}

/** Batch sizes up to `maxBatchSize` (1,000, `loaders/cached-loader.ts`). */
const BATCH_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000];

export function createSubgraphMetrics(
  subgraph: string,
  options: {
    readonly process: boolean;
    /** Entity-cache counters read at scrape time (`RedisCache.stats`, `MemoryCache.stats`). */
    readonly cacheStats?: () => { readonly hits: number; readonly misses: number } | undefined;
    /** The database's read-routing counters (`Database.routing`), read at scrape time. */
    readonly readRouting?: () => Readonly<ReadRoutingStats>;
  },
): SubgraphMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ subgraph });
  if (options.process) {
    collectDefaultMetrics({ register: registry, prefix: 'subgraph_' });
  }
  const batchSize = new Histogram({
    name: 'subgraph_dataloader_batch_size',
    help: 'Keys per DataLoader batch, by loader (its cache prefix: member-states:country:).',
    labelNames: ['loader'] as const,
    buckets: BATCH_BUCKETS,
    registers: [registry],
  });
  const seen = { hits: 0, misses: 0 };
  new Counter({
    name: 'subgraph_entity_cache_requests_total',
    help: 'Entity-cache reads by result (hit, miss); absent while the entity cache is off.',
    labelNames: ['result'] as const,
    registers: [registry],
    collect() {
      const now = options.cacheStats?.();
      if (!now) {
        return;
      }
      // The cache counts from its start; the counter grows by what was added since the last scrape.
      this.inc({ result: 'hit' }, Math.max(0, now.hits - seen.hits));
      this.inc({ result: 'miss' }, Math.max(0, now.misses - seen.misses));
      seen.hits = now.hits;
      seen.misses = now.misses;
    },
  });
  if (options.readRouting) {
    readRoutingCounters(registry, options.readRouting);
  }
  return {
    registry,
    onBatch: (loader, size) => batchSize.observe({ loader }, size),
  };
}

/** Counters that follow the database's own (counted from its start) at each scrape. */
function readRoutingCounters(registry: Registry, read: () => Readonly<ReadRoutingStats>): void {
  const counters = [
    [
      'subgraph_db_replica_statements_total',
      'replicaStatements',
      'Statements run on a read replica.',
    ],
    [
      'subgraph_db_replica_fallbacks_total',
      'replicaFallbacks',
      'Reads a read replica should have served that the primary served (replica unreachable).',
    ],
  ] as const;
  for (const [name, field, help] of counters) {
    let seen = 0;
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const now = read()[field];
        this.inc(Math.max(0, now - seen));
        seen = now;
      },
    });
  }
}

/**
 * `/metrics` of a subgraph: with `METRICS_TOKEN` set, only to a request bearing it; without one,
 * only outside production (as the gateway's main port: docs/operations.md).
 */
export function subgraphMetricsRoute(
  metrics: SubgraphMetrics,
  access: { readonly token: string | undefined; readonly production: boolean },
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (access.token === undefined && access.production) {
      sendGraphQLError(res, 404, 'NOT_FOUND', 'No route /metrics: set METRICS_TOKEN to serve it.');
      return;
    }
    if (!opsAllowed(req, access.token)) {
      sendGraphQLError(res, 401, 'UNAUTHENTICATED', 'The metrics token is missing or wrong.');
      return;
    }
    const body = await metrics.registry.metrics();
    res.writeHead(200, {
      'content-type': metrics.registry.contentType,
      'cache-control': 'no-store',
    });
    res.end(body);
  };
}

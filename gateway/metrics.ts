import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Fetches from the gateway to each subgraph: durations, errors, retries, sharing, circuits. */
function subgraphMetrics(registry: Registry) {
  return {
    subgraphFetchDuration: new Histogram({
      name: 'gateway_subgraph_fetch_duration_seconds',
      help: 'Fetches from the gateway to each subgraph, retries included.',
      labelNames: ['subgraph'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    subgraphFetchErrors: new Counter({
      name: 'gateway_subgraph_fetch_errors_total',
      help: 'Failed subgraph fetches by subgraph and reason (timeout, network, http_5xx, too_large, circuit_open).',
      labelNames: ['subgraph', 'reason'] as const,
      registers: [registry],
    }),
    subgraphRetries: new Counter({
      name: 'gateway_subgraph_retries_total',
      help: 'Query fetches retried after a failure, by subgraph.',
      labelNames: ['subgraph'] as const,
      registers: [registry],
    }),
    subgraphFetchesShared: new Counter({
      name: 'gateway_subgraph_fetches_shared_total',
      help: 'Query fetches answered by an identical fetch already in flight (same viewer, document and variables), by subgraph.',
      labelNames: ['subgraph'] as const,
      registers: [registry],
    }),
    circuitOpen: new Gauge({
      name: 'gateway_subgraph_circuit_open',
      help: '1 while the circuit breaker of a subgraph is open (failing fast), else 0.',
      labelNames: ['subgraph'] as const,
      registers: [registry],
    }),
  };
}

/** Cache lookups, and the query-plan cache's size. */
function cacheMetrics(registry: Registry) {
  return {
    cacheRequests: new Counter({
      name: 'gateway_cache_requests_total',
      help: 'Cache lookups by cache (response, apq, query_plan, document) and result (hit, miss).',
      labelNames: ['cache', 'result'] as const,
      registers: [registry],
    }),
    earlyHits: new Counter({
      name: 'gateway_response_cache_early_hits_total',
      help: 'Response-cache hits answered in the HTTP listener, before Apollo Server parses anything (also counted as response hits in gateway_cache_requests_total).',
      registers: [registry],
    }),
    hotHits: new Counter({
      name: 'gateway_response_cache_hot_hits_total',
      help: 'Early hits answered from the in-process copy of a large entry (its tag versions read from Redis, not the entry): part of gateway_response_cache_early_hits_total.',
      registers: [registry],
    }),
    queryPlanCacheBytes: new Gauge({
      name: 'gateway_query_plan_cache_bytes',
      help: 'Approximate size of the cached query plans.',
      registers: [registry],
    }),
    queryPlanCacheEntries: new Gauge({
      name: 'gateway_query_plan_cache_entries',
      help: 'Query plans in the cache.',
      registers: [registry],
    }),
  };
}

/** The gateway's Prometheus metrics, in a registry of its own (one per gateway instance). */
/** What the metrics read from the gateway at scrape time. */
interface MetricHooks {
  /** Reads the state of the breaker in front of Redis, once the gateway has a Redis client. */
  redisCircuitState?: () => 'closed' | 'open' | 'half-open';
  /** The heavy-operation gate, when heavy operations are limited. */
  heavyGate?: { readonly running: number; readonly waiting: number };
}

/** Errors by code and the heavy-operation queue. */
function operationMetrics(registry: Registry, hooks: MetricHooks) {
  return {
    graphqlErrors: new Counter({
      name: 'gateway_graphql_errors_total',
      help: 'GraphQL errors in responses, by code (the codes of schema/errors.ts; others are masked).',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    heavyOperations: new Gauge({
      name: 'gateway_heavy_operations',
      help: 'Heavy operations running and waiting for a slot (state: running, waiting).',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const gate = hooks.heavyGate;
        if (gate) {
          this.set({ state: 'running' }, gate.running);
          this.set({ state: 'waiting' }, gate.waiting);
        }
      },
    }),
  };
}

export function createMetrics() {
  const registry = new Registry();
  const hooks: MetricHooks = {};
  collectDefaultMetrics({ register: registry, prefix: 'gateway_' });
  const metrics = {
    registry,
    hooks,
    requestDuration: new Histogram({
      name: 'gateway_request_duration_seconds',
      help: 'GraphQL requests by operation name and outcome (ok, error, partial, rejected).',
      labelNames: ['operation', 'status'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    ...subgraphMetrics(registry),
    redisCircuitState: new Gauge({
      name: 'gateway_redis_circuit_state',
      help: "1 for the current state (closed, open, half-open) of the breaker in front of the gateway's Redis, else 0.",
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const current = hooks.redisCircuitState?.();
        if (current) {
          for (const state of ['closed', 'open', 'half-open'] as const) {
            this.set({ state }, state === current ? 1 : 0);
          }
        }
      },
    }),
    ...cacheMetrics(registry),
    ...operationMetrics(registry, hooks),
    limitRejections: new Counter({
      name: 'gateway_limit_rejections_total',
      help: 'Operations refused before any subgraph was called, by limit.',
      labelNames: ['limit'] as const,
      registers: [registry],
    }),
  };
  return metrics;
}

export type GatewayMetrics = ReturnType<typeof createMetrics>;

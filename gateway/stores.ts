import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { MemoryCache, RedisCache, type KeyValueCache } from '../loaders/cache.js';
import type { RuntimeConfig } from '../loaders/config.js';
import type { Logger } from '../loaders/logger.js';
import { createRedis, redisBreaker, redisReady, type RedisClient } from '../loaders/redis.js';
import type { GatewayMetrics } from './metrics.js';

/** The stores the gateway keeps: shared (Redis) when it can, else in process. */
export interface GatewayStores {
  /** For the shared per-minute budgets; none: budgets are kept in process. */
  readonly redis: RedisClient | undefined;
  /** The store shared with the subgraphs (response cache, tag versions); none without Redis. */
  readonly shared: KeyValueCache | undefined;
  /** Persisted queries: the shared store, else an in-process LRU. */
  readonly apq: KeyValueCache;
  /** Disconnects the Redis client the gateway opened itself (none given). */
  close(): void;
}

/**
 * The gateway's stores: the given cache or Redis client, else a Redis client of its own when
 * REDIS_URL is set (the gateway starts even when Redis does not answer yet), else in process.
 */
export async function openStores(
  given: { readonly cache?: KeyValueCache; readonly redis?: RedisClient },
  runtime: RuntimeConfig,
  logger: Logger,
  metrics: GatewayMetrics,
): Promise<GatewayStores> {
  let ownRedis: RedisClient | undefined;
  if (!given.cache && !given.redis && runtime.redisUrl) {
    ownRedis = createRedis(runtime.redisUrl, {
      commandTimeoutMs: runtime.redisCommandTimeoutMs,
      breaker: runtime.redisBreaker,
      logger,
    });
    if (!(await redisReady(ownRedis, 2_000))) {
      logger.warn('redis not reachable at start; gateway caches step aside until it is');
    }
  }
  const redis = given.redis ?? ownRedis;
  if (redis) {
    const breaker = redisBreaker(redis);
    metrics.hooks.redisCircuitState = () => breaker.state;
  }
  const shared: KeyValueCache | undefined =
    given.cache ??
    (redis
      ? new RedisCache(redis, (error) =>
          logger.debug({ err: String(error) }, 'gateway cache stepped aside'),
        )
      : undefined);
  return {
    redis,
    shared,
    apq: shared ?? new MemoryCache({ maxEntries: 10_000 }),
    close: () => ownRedis?.disconnect(),
  };
}

/** Apollo's KeyValueCache shape (from @apollo/utils.keyvaluecache), without the dependency. */
export interface ApolloKeyValueCache<V> {
  get(key: string): Promise<V | undefined>;
  set(key: string, value: V, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/**
 * Automatic persisted queries over our KeyValueCache (Redis when configured, else in process):
 * the query text by its SHA-256 hash, for `persistedQueries: { cache }`.
 */
export function apqStore(
  cache: KeyValueCache,
  ttlSeconds: number,
  metrics: GatewayMetrics,
): ApolloKeyValueCache<string> {
  const prefix = 'apq:v1:';
  return {
    async get(key) {
      const [value] = await cache.getMany([prefix + key]);
      metrics.cacheRequests.inc({ cache: 'apq', result: value === null ? 'miss' : 'hit' });
      return value ?? undefined;
    },
    async set(key, value, options) {
      await cache.setMany([[prefix + key, value]], options?.ttl ?? ttlSeconds);
    },
    async delete(key) {
      await cache.deleteMany([prefix + key]);
    },
  };
}

/** An in-process LRU behind the get/set/delete interface Apollo's stores expect. */
function lruStore<V extends object>(
  lru: LRUCache<string, V>,
  onLookup: (hit: boolean) => void,
  report: () => void = () => undefined,
) {
  return {
    async get(key: string): Promise<V | undefined> {
      const value = lru.get(key);
      onLookup(value !== undefined);
      return value;
    },
    async set(key: string, value: V): Promise<void> {
      lru.set(key, value);
      report();
    },
    async delete(key: string): Promise<boolean> {
      const deleted = lru.delete(key);
      report();
      return deleted;
    },
    clear(): void {
      lru.clear();
      report();
    },
    get size(): number {
      return lru.size;
    },
  };
}

/**
 * The query-plan cache: an in-process LRU bounded in entries and in bytes (approximate: the
 * plan's JSON size, which undercounts the heap a plan holds, hence the entry bound too),
 * counting hits and misses and reporting its size.
 */
export function queryPlanCache<V extends object>(
  limits: { readonly maxBytes: number; readonly maxEntries: number },
  metrics: GatewayMetrics,
) {
  const lru = new LRUCache<string, V>({
    max: limits.maxEntries,
    maxSize: limits.maxBytes,
    sizeCalculation: (value) => Math.max(1, Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8')),
  });
  return lruStore(
    lru,
    (hit) => metrics.cacheRequests.inc({ cache: 'query_plan', result: hit ? 'hit' : 'miss' }),
    () => {
      metrics.queryPlanCacheBytes.set(lru.calculatedSize);
      metrics.queryPlanCacheEntries.set(lru.size);
    },
  );
}

/** Heap a parsed document holds per byte of its source (measured: 1.80 MB for 25.6 KB). */
const DOCUMENT_HEAP_PER_SOURCE_BYTE = 72;

/** The heap a parsed document holds, estimated from its source text. */
function documentHeapBytes(document: DocumentNode): number {
  const source = document.loc?.source.body;
  return Math.max(
    1,
    source !== undefined
      ? Buffer.byteLength(source, 'utf8') * DOCUMENT_HEAP_PER_SOURCE_BYTE
      : Buffer.byteLength(JSON.stringify(document), 'utf8') * 5,
  );
}

/**
 * Apollo Server's store of parsed and validated documents, bounded in entries and in estimated
 * heap bytes (Apollo's default counts the documents' JSON size, which undercounts the heap a
 * parsed document holds about 4.5 times: docs/performance.md). Apollo stores a document right
 * after validation, before any plugin has measured it; here `set` only remembers it, and
 * `admit(document)` (called by the limits plugin once every limit passed) puts it in the cache.
 * A document the limits refuse never enters it.
 */
export function documentCache(
  limits: { readonly maxEntries: number; readonly maxBytes: number },
  metrics: GatewayMetrics,
) {
  const lru = new LRUCache<string, DocumentNode>({
    max: limits.maxEntries,
    maxSize: limits.maxBytes,
    sizeCalculation: documentHeapBytes,
  });
  const pending = new WeakMap<DocumentNode, string>();
  const store = lruStore(lru, (hit) =>
    metrics.cacheRequests.inc({ cache: 'document', result: hit ? 'hit' : 'miss' }),
  );
  return {
    ...store,
    get size() {
      return lru.size;
    },
    /** Estimated heap bytes held. */
    get bytes() {
      return lru.calculatedSize;
    },
    async set(key: string, value: DocumentNode): Promise<void> {
      pending.set(value, key);
    },
    /** Caches a document Apollo offered, once the limits passed it. */
    admit(document: DocumentNode | undefined): void {
      const key = document ? pending.get(document) : undefined;
      if (document && key !== undefined) {
        pending.delete(document);
        lru.set(key, document);
      }
    },
  };
}

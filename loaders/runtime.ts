import { MemoryCache, RedisCache, type KeyValueCache } from './cache.js';
import type { RuntimeConfig } from './config.js';
import { openDatabase, targetFromConfig, type Database, type DatabaseOptions } from './database.js';
import type { Logger } from './logger.js';
import { createRedis, redisReady, type RedisClient } from './redis.js';

/** The process's shared services: one database handle and one cache, opened from config. */
export interface Runtime {
  readonly database: Database;
  /** Counters since start: SQL statements run through this process's database handle. */
  readonly stats: { sqlStatements: number };
  readonly cache: KeyValueCache;
  readonly redis: RedisClient | undefined;
  close(): Promise<void>;
}

/** Real PostgreSQL and Redis when their URLs are set; embedded PostgreSQL and an LRU otherwise. */
export async function openRuntime(
  config: RuntimeConfig,
  logger: Logger,
  options: DatabaseOptions & { memory?: boolean; pgliteDir?: string } = {},
): Promise<Runtime> {
  const target = targetFromConfig({
    databaseUrl: config.databaseUrl,
    databaseReplicaUrls: config.databaseReplicaUrls,
    databasePoolSize: config.databasePoolSize,
    databaseTimeouts: config.databaseTimeouts,
    pgliteDir: options.pgliteDir ?? config.pgliteDir,
    memory: options.memory ?? false,
  });
  const stats = { sqlStatements: 0 };
  const database = await openDatabase(target, {
    onQuery: (event) => {
      stats.sqlStatements += 1;
      options.onQuery?.(event);
    },
    onReplicaChange: (replica, down) =>
      down
        ? logger.warn(
            { replica },
            'read replica unreachable: its reads go elsewhere until it answers',
          )
        : logger.info({ replica }, 'read replica answers again'),
  });
  const redis = config.redisUrl
    ? createRedis(config.redisUrl, {
        commandTimeoutMs: config.redisCommandTimeoutMs,
        breaker: config.redisBreaker,
        logger,
      })
    : undefined;
  if (redis && !(await redisReady(redis, 2_000))) {
    logger.warn('redis not reachable at start; caches step aside until it is');
  }
  const cache: KeyValueCache = redis
    ? new RedisCache(redis, (error) =>
        logger.debug({ err: String(error) }, 'entity cache stepped aside'),
      )
    : new MemoryCache({ maxEntries: config.entityCacheMaxEntries });
  logger.info(
    {
      database: target.kind,
      ...(target.kind === 'postgres' ? { readReplicas: target.replicaUrls?.length ?? 0 } : {}),
      cache: cache.kind,
      ...(target.kind === 'pglite' ? { dataDir: target.dataDir } : {}),
    },
    'runtime opened',
  );
  return {
    database,
    stats,
    cache,
    redis,
    close: async () => {
      redis?.disconnect();
      await database.destroy();
    },
  };
}

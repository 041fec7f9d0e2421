import { Cluster, Redis } from 'ioredis';
import { CircuitBreaker } from './circuit-breaker.js';
import type { Logger } from './logger.js';
import { parseRedisUrl, type RedisClient } from './redis-cluster.js';
import { withSpan } from './tracing.js';

export type { RedisClient } from './redis-cluster.js';

export interface RedisBreakerOptions {
  /** Consecutive failures (timeouts or errors) that open the breaker. */
  readonly failureThreshold: number;
  /** How long Redis is skipped before one probe command is let through. */
  readonly resetMs: number;
}

export const DEFAULT_REDIS_BREAKER: RedisBreakerOptions = { failureThreshold: 3, resetMs: 5_000 };

const breakers = new WeakMap<RedisClient, CircuitBreaker>();

/**
 * The circuit breaker in front of a Redis client, shared by everything that uses the client (the
 * caches, the cost budgets). A stalled Redis (accepting connections, answering nothing) costs a
 * command timeout per call; after `failureThreshold` of them in a row Redis is skipped outright
 * (callers fall back as if it were down) and one probe command tries it again every `resetMs`.
 */
export function redisBreaker(redis: RedisClient): CircuitBreaker {
  let breaker = breakers.get(redis);
  if (!breaker) {
    breaker = new CircuitBreaker(DEFAULT_REDIS_BREAKER);
    breakers.set(redis, breaker);
  }
  return breaker;
}

/** Thrown instead of calling Redis while its breaker is open. */
export class RedisSkipped extends Error {
  constructor() {
    super('redis skipped: its circuit breaker is open');
    this.name = 'RedisSkipped';
  }
}

/**
 * Runs `command` through the client's breaker: rejects with `RedisSkipped` at once while it is
 * open; a failure or timeout counts toward opening it, a success closes it.
 */
export async function guarded<T>(
  redis: RedisClient,
  command: () => Promise<T>,
  op = 'command',
): Promise<T> {
  const breaker = redisBreaker(redis);
  if (!breaker.tryAcquire()) {
    throw new RedisSkipped();
  }
  return withSpan(
    `redis ${op}`,
    { 'db.system.name': 'redis', 'db.operation.name': op },
    async () => {
      try {
        const result = await command();
        breaker.success();
        return result;
      } catch (error) {
        breaker.failure();
        throw error;
      }
    },
  );
}

/**
 * A Redis client that steps aside at once when Redis is down or slow: no offline queue (a command
 * while disconnected fails immediately), a short command timeout, no per-command retries, and an
 * `error` listener so a lost connection is logged (once per outage) instead of crashing the
 * process. It keeps reconnecting in the background. Its breaker (`redisBreaker`) skips it while
 * it keeps failing. `url` is `REDIS_URL`: a `redis+cluster://` URL gives a Redis Cluster client
 * (`parseRedisUrl`) with the same settings on every node, anything else a single-server client.
 */
export function createRedis(
  url: string,
  options: { commandTimeoutMs: number; logger: Logger; breaker?: RedisBreakerOptions },
): RedisClient {
  const target = parseRedisUrl(url);
  const settings = {
    enableOfflineQueue: false,
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: Math.max(options.commandTimeoutMs * 4, 1000),
    maxRetriesPerRequest: 0,
    lazyConnect: false,
    // Commands issued in one turn of the event loop (a budget's INCRBY and a cache MGET, or those
    // of concurrent requests) leave in one write: fewer syscalls under load, same replies.
    enableAutoPipelining: true,
  };
  const retry = (attempt: number) => Math.min(attempt * 250, 5000);
  const redis: RedisClient =
    target.kind === 'single'
      ? new Redis(target.url, { ...settings, retryStrategy: retry })
      : new Cluster([...target.nodes], {
          enableOfflineQueue: false,
          lazyConnect: false,
          enableAutoPipelining: true,
          clusterRetryStrategy: retry,
          slotsRefreshTimeout: settings.connectTimeout,
          redisOptions: {
            ...settings,
            ...(target.username ? { username: target.username } : {}),
            ...(target.password !== undefined ? { password: target.password } : {}),
            ...(target.tls ? { tls: {} } : {}),
          },
        });
  const log = options.logger;
  breakers.set(
    redis,
    new CircuitBreaker(options.breaker ?? DEFAULT_REDIS_BREAKER, (open) =>
      open
        ? log.warn('redis keeps failing; skipped until a probe succeeds')
        : log.info('redis probe succeeded; used again'),
    ),
  );
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) {
      down = true;
      options.logger.warn({ err: error.message }, 'redis unavailable; caches step aside');
    }
  });
  redis.on('ready', () => {
    if (down) {
      down = false;
      options.logger.info('redis reconnected');
    }
  });
  return redis;
}

/**
 * Waits until the client is connected, or `timeoutMs` passes. Processes call it once at start so
 * their first requests use the cache; with Redis down they start anyway and the cache steps aside.
 */
export async function redisReady(redis: RedisClient, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') {
    return true;
  }
  return new Promise<boolean>((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.once('ready', onReady);
  });
}

import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

/**
 * A Redis client that steps aside at once when Redis is down or slow: no offline queue (a command
 * while disconnected fails immediately), a short command timeout, no per-command retries, and an
 * `error` listener so a lost connection is logged (once per outage) instead of crashing the
 * process. It keeps reconnecting in the background.
 */
export function createRedis(
  url: string,
  options: { commandTimeoutMs: number; logger: Logger },
): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: Math.max(options.commandTimeoutMs * 4, 1000),
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 250, 5000),
    lazyConnect: false,
  });
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
export async function redisReady(redis: Redis, timeoutMs: number): Promise<boolean> {
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

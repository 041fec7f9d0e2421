import { guarded, type RedisClient } from '../loaders/redis.js';

interface SpendResult {
  /** Cost units spent in the current minute, this request included. */
  readonly spent: number;
  /** Seconds until the minute's window ends. */
  readonly retryAfterSeconds: number;
}

/**
 * Per-viewer cost budgets in fixed one-minute windows. With Redis the counters are shared by every
 * gateway process (one `INCRBY`; the window's first request adds an `EXPIRE`); without it, or while Redis fails, they
 * are counted in this process, so a Redis outage never lifts the limit (and, while Redis's breaker
 * is open, a stalled Redis costs nothing).
 */
export class CostBudget {
  readonly #local = new Map<string, number>();
  #localWindow = -1;

  constructor(private readonly redis: RedisClient | undefined) {}

  async spend(viewerKey: string, cost: number, nowMs = Date.now()): Promise<SpendResult> {
    const window = Math.floor(nowMs / 60_000);
    const retryAfterSeconds = Math.max(1, Math.ceil((window + 1) * 60 - nowMs / 1000));
    if (this.redis && this.redis.status === 'ready') {
      const key = `rl:v1:${viewerKey}:${window}`;
      try {
        // One command per request; the window's first request also sets its expiry.
        const redis = this.redis;
        const spent = await guarded(redis, () => redis.incrby(key, cost), 'INCRBY');
        if (spent === cost) {
          await guarded(redis, () => redis.expire(key, 61), 'EXPIRE');
        }
        return { spent, retryAfterSeconds };
      } catch {
        // Fall through to the in-process counter.
      }
    }
    if (window !== this.#localWindow) {
      this.#local.clear();
      this.#localWindow = window;
    }
    const spent = (this.#local.get(viewerKey) ?? 0) + cost;
    this.#local.set(viewerKey, spent);
    return { spent, retryAfterSeconds };
  }
}

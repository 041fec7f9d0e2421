import type { Redis } from 'ioredis';

export interface SpendResult {
  /** Cost units spent in the current minute, this request included. */
  readonly spent: number;
  /** Seconds until the minute's window ends. */
  readonly retryAfterSeconds: number;
}

/**
 * Per-viewer cost budgets in fixed one-minute windows. With Redis the counters are shared by every
 * gateway process (`INCRBY` + `EXPIRE` in one round trip); without it, or while Redis fails, they
 * are counted in this process, so a Redis outage never lifts the limit.
 */
export class CostBudget {
  readonly #local = new Map<string, number>();
  #localWindow = -1;

  constructor(private readonly redis: Redis | undefined) {}

  async spend(viewerKey: string, cost: number, nowMs = Date.now()): Promise<SpendResult> {
    const window = Math.floor(nowMs / 60_000);
    const retryAfterSeconds = Math.max(1, Math.ceil((window + 1) * 60 - nowMs / 1000));
    if (this.redis && this.redis.status === 'ready') {
      const key = `rl:v1:${viewerKey}:${window}`;
      try {
        const results = await this.redis.multi().incrby(key, cost).expire(key, 61).exec();
        const spent = Number(results?.[0]?.[1]);
        if (Number.isFinite(spent)) {
          return { spent, retryAfterSeconds };
        }
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

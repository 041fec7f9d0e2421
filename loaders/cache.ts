import { LRUCache } from 'lru-cache';
import {
  mgetBufferPerNode,
  mgetPerNode,
  oneCommand,
  pipelinePerNode,
  type RedisClient,
} from './redis-cluster.js';
import { guarded } from './redis.js';

/**
 * A string key-value cache with a TTL per entry. Two implementations: Redis (shared by every
 * process) and an in-process LRU (the zero-setup default). A cache never fails a request: when its
 * store errors or times out it answers "miss" and the caller reads the database; while Redis's
 * breaker is open (`redisBreaker`) it answers "miss" without asking Redis.
 */
export interface KeyValueCache {
  readonly kind: 'redis' | 'memory';
  /**
   * One round trip (per node of a Redis Cluster); `null` for a miss or when the store is
   * unavailable.
   */
  getMany(keys: readonly string[]): Promise<(string | null)[]>;
  /**
   * `getMany` answering each value's UTF-8 bytes as stored, not decoded into a string: for a
   * large value only sent on (a response-cache hit). Stores without it are read with `getMany`.
   */
  getManyBytes?(keys: readonly string[]): Promise<(Buffer | null)[]>;
  /** One round trip (a pipeline on Redis, one per node of a Redis Cluster). */
  setMany(
    entries: readonly (readonly [key: string, value: string])[],
    ttlSeconds: number,
  ): Promise<void>;
  deleteMany(keys: readonly string[]): Promise<void>;
  /**
   * Sets `key` only if it is absent (Redis `SET NX EX`): `true` when set, `false` when it was
   * there, `undefined` when the store is unavailable. Shared stores only: the viewer header's
   * replay check across replicas uses it.
   */
  setIfAbsent?(key: string, value: string, ttlSeconds: number): Promise<boolean | undefined>;
  /** Counters since start, for metrics and the benchmark. */
  readonly stats: CacheStats;
}

export interface CacheStats {
  hits: number;
  misses: number;
  errors: number;
}

function newStats(): CacheStats {
  return { hits: 0, misses: 0, errors: 0 };
}

function count(stats: CacheStats, values: readonly (string | Buffer | null)[]): void {
  for (const value of values) {
    if (value === null) {
      stats.misses += 1;
    } else {
      stats.hits += 1;
    }
  }
}

export class MemoryCache implements KeyValueCache {
  readonly kind = 'memory';
  readonly stats = newStats();
  readonly #lru: LRUCache<string, string>;

  constructor(options: { maxEntries: number }) {
    this.#lru = new LRUCache<string, string>({ max: options.maxEntries });
  }

  async getMany(keys: readonly string[]): Promise<(string | null)[]> {
    const values = keys.map((key) => this.#lru.get(key) ?? null);
    count(this.stats, values);
    return values;
  }

  async setMany(
    entries: readonly (readonly [string, string])[],
    ttlSeconds: number,
  ): Promise<void> {
    for (const [key, value] of entries) {
      this.#lru.set(key, value, { ttl: ttlSeconds * 1000 });
    }
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      this.#lru.delete(key);
    }
  }
}

export class RedisCache implements KeyValueCache {
  readonly kind = 'redis';
  readonly stats = newStats();

  /** `onError` hears every failure the cache stepped aside for; it must not throw. */
  constructor(
    private readonly redis: RedisClient,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  async getMany(keys: readonly string[]): Promise<(string | null)[]> {
    return this.#get(keys, () => mgetPerNode(this.redis, keys));
  }

  async getManyBytes(keys: readonly string[]): Promise<(Buffer | null)[]> {
    return this.#get(keys, () => mgetBufferPerNode(this.redis, keys));
  }

  async #get<T extends string | Buffer>(
    keys: readonly string[],
    read: () => Promise<(T | null)[]>,
  ): Promise<(T | null)[]> {
    if (keys.length === 0) {
      return [];
    }
    try {
      const values = await guarded(this.redis, read, 'MGET');
      count(this.stats, values);
      return values;
    } catch (error) {
      this.#fail(error);
      this.stats.misses += keys.length;
      return keys.map(() => null);
    }
  }

  async setMany(
    entries: readonly (readonly [string, string])[],
    ttlSeconds: number,
  ): Promise<void> {
    if (entries.length === 0) {
      return;
    }
    try {
      await guarded(
        this.redis,
        () =>
          pipelinePerNode(
            this.redis,
            entries.map(([key]) => key),
            (pipeline, batch) => {
              for (const i of batch.indices) {
                const entry = entries[i];
                if (entry) {
                  pipeline.set(entry[0], entry[1], 'EX', ttlSeconds);
                }
              }
            },
          ),
        'SET pipeline',
      );
    } catch (error) {
      this.#fail(error);
    }
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) {
      return;
    }
    // A purge that fails would leave stale data behind, so it is reported, not swallowed: the
    // write that asked for it is already committed, and entries still expire with their TTL.
    try {
      await guarded<unknown>(
        this.redis,
        () =>
          oneCommand(this.redis, keys)
            ? this.redis.unlink(...keys)
            : pipelinePerNode(this.redis, keys, (pipeline, batch) =>
                pipeline.unlink(...batch.keys),
              ),
        'UNLINK',
      );
    } catch (error) {
      this.#fail(error);
    }
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean | undefined> {
    try {
      const set = await guarded(
        this.redis,
        () => this.redis.set(key, value, 'EX', Math.max(1, ttlSeconds), 'NX'),
        'SET NX',
      );
      return set === 'OK';
    } catch (error) {
      this.#fail(error);
      return undefined;
    }
  }

  #fail(error: unknown): void {
    this.stats.errors += 1;
    this.onError(error);
  }
}

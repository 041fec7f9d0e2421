import DataLoader from 'dataloader';
import { processCacheSealer, type CacheSealer } from './cache-seal.js';
import type { KeyValueCache } from './cache.js';
import { withSpan } from './tracing.js';

/** What every loader factory receives: built once per process, shared by every request. */
export interface LoaderDeps {
  /** The entity cache; `undefined` turns it off (the benchmark's "loaders only" mode). */
  readonly cache: KeyValueCache | undefined;
  readonly ttlSeconds: number;
  /** `false` gives one call per key: the N+1 baseline the benchmark compares against. */
  readonly batch: boolean;
  /** Hears each batch's size, for metrics. */
  readonly onBatch?: (name: string, size: number) => void;
  /** Seals `sealed` entries; this process's random-key sealer when not given. */
  readonly sealer?: CacheSealer;
}

export interface CachedLoaderSpec<K extends string, V> {
  /** Cache key prefix, owned by one subgraph and type: `member-states:country:`. */
  readonly prefix: string;
  /** Overrides `deps.ttlSeconds` for this type. */
  readonly ttlSeconds?: number;
  /**
   * Reads the missing keys from the database in one statement; returns one value per key in key
   * order, `null` where a key has no entity (use `byKey` or `groupByKey`).
   */
  readonly load: (keys: readonly K[]) => Promise<readonly (V | null)[]>;
  /**
   * The values hold RESTRICTED data: they are cached only sealed (`loaders/cache-seal.ts`), never
   * in plain text, so no other service or tier reading the store can read them.
   */
  readonly sealed?: boolean;
}

/**
 * A per-request DataLoader that reads through the entity cache: one MGET for the batch, one
 * database read for the misses, one pipelined SET with TTL for what was found. Values must be
 * plain JSON (dates as ISO strings), since they round-trip through the cache. Missing entities are
 * not cached, so a later insert is seen at once.
 */
export function createCachedLoader<K extends string, V>(
  deps: LoaderDeps,
  spec: CachedLoaderSpec<K, V>,
): DataLoader<K, V | null> {
  const ttl = spec.ttlSeconds ?? deps.ttlSeconds;
  const sealer = spec.sealed ? (deps.sealer ?? processCacheSealer()) : undefined;
  const decode = (key: K, value: string | null): V | null => {
    const text = value !== null && sealer ? sealer.open(spec.prefix + key, value) : value;
    return text === null ? null : (JSON.parse(text) as V);
  };
  const encode = (key: K, value: V): string => {
    const text = JSON.stringify(value);
    return sealer ? sealer.seal(spec.prefix + key, text) : text;
  };
  const loadBatch = async (keys: readonly K[]): Promise<(V | null)[]> => {
    deps.onBatch?.(spec.prefix, keys.length);
    const cache = deps.cache;
    if (!cache) {
      return [...(await spec.load(keys))];
    }
    const stored = await cache.getMany(keys.map((key) => spec.prefix + key));
    const results: (V | null)[] = keys.map((key, i) => decode(key, stored[i] ?? null));
    // An entry that does not open (sealed by another process) is a miss like any other.
    const cached = results.map((value) => (value === null ? null : true));
    const missing = keys.filter((_, i) => cached[i] === null);
    if (missing.length === 0) {
      return results;
    }
    const loaded = await spec.load(missing);
    const fresh = new Map<K, V | null>(missing.map((key, i) => [key, loaded[i] ?? null]));
    const toCache: [string, string][] = [];
    for (const [key, value] of fresh) {
      if (value !== null) {
        toCache.push([spec.prefix + key, encode(key, value)]);
      }
    }
    await cache.setMany(toCache, ttl);
    return keys.map((key, i) =>
      cached[i] === null ? (fresh.get(key) ?? null) : (results[i] ?? null),
    );
  };
  const batchFn = (keys: readonly K[]) =>
    withSpan(
      'dataloader.batch',
      { 'loader.name': spec.prefix, 'loader.batch_size': keys.length },
      () => loadBatch(keys),
    );
  return new DataLoader<K, V | null>(batchFn, { batch: deps.batch, maxBatchSize: 1000 });
}

/** Purges entries after a write, so the next read sees it. */
export async function purgeCached(
  cache: KeyValueCache | undefined,
  prefix: string,
  keys: readonly string[],
): Promise<void> {
  await cache?.deleteMany(keys.map((key) => prefix + key));
}

import type DataLoader from 'dataloader';
import { createCachedLoader, type LoaderDeps } from './cached-loader.js';

// One named, versioned entity cache: it owns its key prefix, builds its read-through loader and
// names the keys a write purges, so no resolver spells a cache key by hand. Every cache defined
// here is listed by `entityCaches()`; a test fingerprints the shape of what each one stores, so a
// changed shape without a version bump fails (stale entries of the old shape would be served).

export interface EntityCacheSpec {
  /** The subgraph that owns the cache: the key's first segment, `laws`. */
  readonly subgraph: string;
  /** What it holds, in kebab case: `legislation`, `provisions-of-country`. */
  readonly name: string;
  /** Bump it when the stored value's shape changes: old entries are then never read. */
  readonly version: number;
  /** Overrides the deployment's TTL for this cache. */
  readonly ttlSeconds?: number;
  /** The values hold RESTRICTED data: cached only sealed (`loaders/cache-seal.ts`). */
  readonly sealed?: boolean;
}

export interface EntityCache<K extends string, V> extends EntityCacheSpec {
  /** `laws:v2:legislation:`. */
  readonly prefix: string;
  /** The full cache key of one entity or list. */
  key(key: K): string;
  /** The full cache keys of several, for a write's purge. */
  keys(keys: Iterable<K>): string[];
  /**
   * The per-request read-through loader: `load` reads the missing keys in one statement and
   * returns one value per key in key order, `null` where there is none.
   */
  loader(
    deps: LoaderDeps,
    load: (keys: readonly K[]) => Promise<readonly (V | null)[]>,
  ): DataLoader<K, V | null>;
}

const defined = new Map<string, EntityCacheSpec>();

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Defines a cache once per process; a second definition with another version is a bug. */
export function defineEntityCache<K extends string, V>(spec: EntityCacheSpec): EntityCache<K, V> {
  if (!KEBAB.test(spec.subgraph) || !KEBAB.test(spec.name)) {
    throw new Error(`entity cache ${spec.subgraph}/${spec.name}: names are kebab-case`);
  }
  if (!Number.isInteger(spec.version) || spec.version < 1) {
    throw new Error(`entity cache ${spec.subgraph}/${spec.name}: version is a whole number ≥ 1`);
  }
  const id = `${spec.subgraph}:${spec.name}`;
  const earlier = defined.get(id);
  if (earlier && (earlier.version !== spec.version || earlier.sealed !== spec.sealed)) {
    throw new Error(`entity cache ${id} is defined twice, differently`);
  }
  defined.set(id, { ...spec });
  const prefix = `${spec.subgraph}:v${spec.version}:${spec.name}:`;
  return {
    ...spec,
    prefix,
    key: (key) => prefix + key,
    keys: (keys) => [...keys].map((key) => prefix + key),
    loader: (deps, load) =>
      createCachedLoader<K, V>(deps, {
        prefix,
        load,
        ...(spec.ttlSeconds === undefined ? {} : { ttlSeconds: spec.ttlSeconds }),
        ...(spec.sealed ? { sealed: true } : {}),
      }),
  };
}

/** Every cache defined so far in this process (import the subgraphs first), by prefix. */
export function entityCaches(): readonly (EntityCacheSpec & { readonly prefix: string })[] {
  return [...defined.values()]
    .map((spec) => ({ ...spec, prefix: `${spec.subgraph}:v${spec.version}:${spec.name}:` }))
    .sort((a, b) => a.prefix.localeCompare(b.prefix));
}

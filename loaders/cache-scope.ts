import type { CacheStats, KeyValueCache } from './cache.js';

/**
 * Who may touch which cache keys. One table, enforced twice: by Redis itself through an ACL user
 * per service (`redisAclUsers`, for deployments), and in process by `scopedCache` (the one-process
 * stack, where the subgraphs share one in-memory cache or one Redis connection).
 *
 * - a subgraph reads and writes its own keys (`laws:`), and may bump response-cache tags
 *   (`tag:v1:`, write only: it cannot read what others changed);
 * - the gateway reads and writes its persisted queries (`apq:v1:`), responses (`rc:v2:`) and
 *   budgets (`rl:v1:`), and reads tags; it reads no subgraph's entity cache.
 */
export interface CacheScope {
  /** Prefixes whose keys may be read and written. */
  readonly readWrite: readonly string[];
  /** Prefixes whose keys may only be written (set, deleted). */
  readonly writeOnly: readonly string[];
  /** Prefixes whose keys may only be read. */
  readonly readOnly: readonly string[];
}

export const TAG_PREFIX = 'tag:v1:';

export function subgraphCacheScope(name: string): CacheScope {
  return { readWrite: [`${name}:`], writeOnly: [TAG_PREFIX], readOnly: [] };
}

export const GATEWAY_CACHE_SCOPE: CacheScope = {
  readWrite: ['apq:v1:', 'rc:v2:', 'rl:v1:', 'usage:v1:'],
  writeOnly: [],
  readOnly: [TAG_PREFIX],
};

/** The Redis user a service logs in as: `crg-laws`, `crg-gateway`. */
export function redisUserName(service: string): string {
  return `crg-${service}`;
}

/**
 * Commands a service may run: what `RedisCache`, budgets and the client's handshake (on a cluster:
 * its slot map) use.
 */
const COMMANDS = [
  '-@all',
  '+@connection',
  '+info',
  '+select',
  '+mget',
  '+get',
  '+set',
  '+unlink',
  '+del',
  // A Redis Cluster client reads the slot map and the cluster's state (REDIS_URL=redis+cluster://).
  '+cluster|slots',
  '+cluster|info',
] as const;

/**
 * `ACL SETUSER <name> <rules…>` for one service: on, its password, its key patterns, no pub/sub
 * channels, and only the commands above (no KEYS, SCAN, FLUSHALL, CONFIG, EVAL, MONITOR).
 */
export function redisAclRules(scope: CacheScope, password: string, extra: readonly string[] = []) {
  return [
    'reset',
    'on',
    `>${password}`,
    ...scope.readWrite.map((p) => `~${p}*`),
    ...scope.writeOnly.map((p) => `%W~${p}*`),
    ...scope.readOnly.map((p) => `%R~${p}*`),
    'resetchannels',
    ...COMMANDS,
    ...extra,
  ];
}

export interface RedisAclUser {
  readonly name: string;
  readonly rules: readonly string[];
}

/**
 * The ACL users of a deployment: one per subgraph and one for the gateway (which also counts
 * budgets: INCRBY, EXPIRE), with the default user switched off. `passwordOf(service)` gives each
 * its password.
 */
export function redisAclUsers(
  subgraphs: readonly string[],
  passwordOf: (service: string) => string,
): RedisAclUser[] {
  return [
    { name: 'default', rules: ['reset', 'off'] },
    ...subgraphs.map((name) => ({
      name: redisUserName(name),
      rules: redisAclRules(subgraphCacheScope(name), passwordOf(name)),
    })),
    {
      name: redisUserName('gateway'),
      rules: redisAclRules(GATEWAY_CACHE_SCOPE, passwordOf('gateway'), [
        '+incrby',
        '+expire',
        // Field usage (loaders/usage-store.ts).
        '+hincrby',
        '+sadd',
        '+smembers',
        '+hgetall',
      ]),
    },
  ];
}

/** `redis-server` arguments that create these users at start: `--user <name> <rules…>` each. */
export function redisServerUserArgs(users: readonly RedisAclUser[]): string[] {
  return users.flatMap((u) => ['--user', u.name, ...u.rules]);
}

const within = (prefixes: readonly string[], key: string) =>
  prefixes.some((p) => key.startsWith(p));

/** Thrown (and swallowed by the cache's callers as a miss) for a key outside the scope. */
export class CacheScopeError extends Error {
  constructor(key: string, access: 'read' | 'write') {
    super(`cache key "${key}" is outside this service's scope (${access})`);
    this.name = 'CacheScopeError';
  }
}

/**
 * `cache` limited to `scope`, as Redis's ACL limits a service's user: a read outside the scope is
 * a miss, a write outside it is dropped, and each counts as an error and is reported to `onError`.
 * PARTNER-tier subgraphs of the one-process stack get their cache through this.
 */
export function scopedCache(
  cache: KeyValueCache,
  scope: CacheScope,
  onError: (error: Error) => void = () => undefined,
): KeyValueCache {
  const readable = (key: string) => within(scope.readWrite, key) || within(scope.readOnly, key);
  const writable = (key: string) => within(scope.readWrite, key) || within(scope.writeOnly, key);
  const stats: CacheStats = { hits: 0, misses: 0, errors: 0 };
  const refuse = (key: string, access: 'read' | 'write') => {
    stats.errors += 1;
    onError(new CacheScopeError(key, access));
  };
  return {
    kind: cache.kind,
    stats,
    async getMany(keys) {
      const allowed = keys.filter((key) => readable(key));
      keys.filter((key) => !readable(key)).forEach((key) => refuse(key, 'read'));
      const values = await cache.getMany(allowed);
      const byKey = new Map(allowed.map((key, i) => [key, values[i] ?? null]));
      const result = keys.map((key) => byKey.get(key) ?? null);
      for (const value of result) {
        if (value === null) {
          stats.misses += 1;
        } else {
          stats.hits += 1;
        }
      }
      return result;
    },
    async setMany(entries, ttlSeconds) {
      entries.filter(([key]) => !writable(key)).forEach(([key]) => refuse(key, 'write'));
      await cache.setMany(
        entries.filter(([key]) => writable(key)),
        ttlSeconds,
      );
    },
    async deleteMany(keys) {
      keys.filter((key) => !writable(key)).forEach((key) => refuse(key, 'write'));
      await cache.deleteMany(keys.filter((key) => writable(key)));
    },
    // The viewer header's replay check (`<subgraph>:viewer-jti:<jti>`), within the scope only.
    ...(cache.setIfAbsent
      ? {
          async setIfAbsent(key: string, value: string, ttlSeconds: number) {
            if (!writable(key) || !readable(key)) {
              refuse(key, 'write');
              return undefined;
            }
            return cache.setIfAbsent!(key, value, ttlSeconds);
          },
        }
      : {}),
  };
}

/**
 * The cache a subgraph of the one-process stack gets: the shared one for a CORE subgraph, scoped
 * to its own keys for any other (PARTNER) one.
 */
export function cacheForTier(
  cache: KeyValueCache,
  subgraph: string,
  tier: 'CORE' | 'PARTNER' | undefined,
  onError?: (error: Error) => void,
): KeyValueCache {
  return tier === 'CORE' ? cache : scopedCache(cache, subgraphCacheScope(subgraph), onError);
}

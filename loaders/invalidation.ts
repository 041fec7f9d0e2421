import { randomUUID } from 'node:crypto';
import type { KeyValueCache } from './cache.js';

/**
 * Cache invalidation after a write, in two parts:
 * - entity cache keys (`member-states:v1:country:KEN`) are deleted, so loaders re-read them;
 * - tags (an entity type, or `Type:id`) get a new version. A cached response records the versions
 *   of the tags it depends on and is served only while they are unchanged, so no reader sees data
 *   older than the write. Tag versions live long; a missing version never matches, so an evicted
 *   tag only costs a miss.
 */
const TAG_PREFIX = 'tag:v1:';
const TAG_TTL_SECONDS = 7 * 24 * 3600;

/**
 * The tag of everything a subgraph resolves: the gateway's response cache tags each answer with
 * `subgraph:<name>` for every subgraph that resolved one of its fields, and any write to a
 * subgraph's data bumps it, so derived figures (coverage, totals) never outlive their inputs.
 */
export function subgraphTag(subgraph: string): string {
  return `subgraph:${subgraph}`;
}

export function tagKey(tag: string): string {
  return TAG_PREFIX + tag;
}

/** Current version of each tag, `null` where none is recorded. One round trip. */
export function tagVersions(
  cache: KeyValueCache,
  tags: readonly string[],
): Promise<(string | null)[]> {
  return cache.getMany(tags.map(tagKey));
}

/** Makes every response that depends on these tags stale. One round trip. */
export async function bumpTags(cache: KeyValueCache, tags: readonly string[]): Promise<void> {
  const version = randomUUID();
  await cache.setMany(
    tags.map((tag) => [tagKey(tag), version] as const),
    TAG_TTL_SECONDS,
  );
}

export interface Invalidation {
  /** Full entity-cache keys to delete. */
  readonly keys: readonly string[];
  /** Response-cache tags to bump: type names, and `Type:id` for single entities. */
  readonly tags: readonly string[];
}

/**
 * Runs after the write's transaction commits. With `againAfterMs` (read replicas), the same purge
 * runs once more that long after: a request that read a replica which had not yet replayed the
 * write, between the commit and the replay, put the old value back in the caches, and the second
 * purge removes it, so it lives as long as the replica's lag rather than the cache's TTL. The
 * second purge is a timer in this process: a process that stops first leaves it undone.
 */
export async function invalidate(
  cache: KeyValueCache | undefined,
  what: Invalidation,
  againAfterMs?: number,
): Promise<void> {
  if (!cache) {
    return;
  }
  const keys = [...new Set(what.keys)];
  const tags = [...new Set(what.tags)];
  const purge = () => Promise.all([cache.deleteMany(keys), bumpTags(cache, tags)]);
  await purge();
  if (againAfterMs !== undefined && againAfterMs > 0) {
    // A cache that fails steps aside (loaders/cache.ts); its entries then live their TTL.
    setTimeout(() => void purge().catch(() => undefined), againAfterMs).unref();
  }
}

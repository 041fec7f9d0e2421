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

/** Runs after the write's transaction commits. */
export async function invalidate(
  cache: KeyValueCache | undefined,
  what: Invalidation,
): Promise<void> {
  if (!cache) {
    return;
  }
  await Promise.all([
    cache.deleteMany([...new Set(what.keys)]),
    bumpTags(cache, [...new Set(what.tags)]),
  ]);
}

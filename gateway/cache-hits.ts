import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';
import type { KeyValueCache } from '../loaders/cache.js';
import { tagKey } from '../loaders/invalidation.js';
import type { Logger } from '../loaders/logger.js';
import type { BytesResponse } from '../schema/server/http-response.js';
import {
  isHashOnlyPersistedGet,
  type GraphQLHttpOptions,
  type RequestParts,
} from '../schema/server/http.js';
import type { GatewayConfig } from './config.js';
import { admitRequest, checkTrusted, type GatewayContext, type ViewerContext } from './context.js';
import { cacheControlOf, graphqlVary } from './http-cache.js';
import { CSRF_PREFLIGHT_HEADERS } from './http-security.js';
import { chargeBeforeParsing, type LimitsOptions } from './limits-plugin.js';
import type { GatewayMetrics } from './metrics.js';
import type { RequestRecorder } from './observability.js';
import {
  CACHEABLE_ROLES,
  validEntryBytes,
  type FieldOwners,
  type ValidEntryBytes,
} from './response-cache.js';
import type { TrustedDocuments } from './trusted-documents.js';
import type { UsageRecord, UsageRecorder } from './usage.js';

/**
 * What the response cache learnt of a request that Apollo parsed, validated and measured: where
 * its answer is stored, under which tags, what it costs. Only requests that passed every check
 * are remembered, so one sent again byte for byte, by a viewer of the same role with the same
 * headers that shape the answer, can be answered from the cache without Apollo.
 */
export interface RememberedRequest {
  /** The supergraph it was measured on (a new object at every load): a reload forgets it. */
  readonly owners: FieldOwners | undefined;
  readonly entryKey: string;
  readonly tags: readonly string[];
  readonly cost: number;
  readonly operationName: string | null | undefined;
  readonly usage: UsageRecord | undefined;
  /** The entry's max age: how long Redis keeps it. */
  readonly ttlSeconds: number;
}

/** A large entry kept in process: its bytes and policy, and the tag versions it is valid for. */
interface HotEntry {
  readonly entry: ValidEntryBytes;
  readonly versions: readonly string[];
}

/** Entries at least this large are kept in process after a hit; smaller ones gain nothing. */
export const HOT_MIN_BYTES = 16 * 1024;
/**
 * A hot copy lives at most this long, and at most a tenth of its max age: its entry in Redis may
 * expire that much sooner. A write is never missed: every hit reads the tag versions.
 */
const HOT_MAX_MS = 5_000;

/**
 * Requests the response cache may answer before Apollo, by `hitKey`; bounded in entries. It also
 * keeps the largest entries' bytes for a few seconds (`hotBytes` in all), so a hit on one reads
 * only its tag versions from Redis, not the entry again: a 148 KB entry cost more to receive
 * and collect than all the rest of its hit.
 */
export class HitIndex {
  readonly #known: LRUCache<string, RememberedRequest>;
  readonly #hot: LRUCache<string, HotEntry> | undefined;
  /** No entry larger than a quarter of the whole is kept: it would push out all the others. */
  readonly #hotMaxEntry: number;

  constructor(maxEntries = 10_000, hotBytes = 16 * 1024 * 1024) {
    this.#known = new LRUCache({ max: maxEntries });
    this.#hotMaxEntry = Math.floor(hotBytes / 4);
    this.#hot =
      hotBytes > 0
        ? new LRUCache({ maxSize: hotBytes, sizeCalculation: (hot) => hot.entry.data.length })
        : undefined;
  }

  /** The hot copy of an entry, if one is kept and not expired. */
  hot(entryKey: string): HotEntry | undefined {
    return this.#hot?.get(entryKey);
  }

  /** Keeps a copy of a large entry just read, valid for `versions`. */
  keepHot(request: RememberedRequest, entry: ValidEntryBytes, versions: readonly string[]): void {
    const size = entry.data.length;
    if (this.#hot && size >= HOT_MIN_BYTES && size <= this.#hotMaxEntry) {
      // A copy: the bytes read are a view into the Redis client's reply buffer.
      const copy = { policy: entry.policy, data: Buffer.from(entry.data) };
      const ttl = Math.min(HOT_MAX_MS, request.ttlSeconds * 100);
      this.#hot.set(request.entryKey, { entry: copy, versions }, { ttl });
    }
  }

  dropHot(entryKey: string): void {
    this.#hot?.delete(entryKey);
  }

  remember(hitKey: string, request: RememberedRequest): void {
    this.#known.set(hitKey, request);
  }

  /** The request remembered under `hitKey`, if it was measured on the supergraph now served. */
  recall(hitKey: string, owners: FieldOwners | undefined): RememberedRequest | undefined {
    const known = this.#known.get(hitKey);
    return known && known.owners === owners ? known : undefined;
  }

  get size(): number {
    return this.#known.size;
  }
}

/**
 * Headers that change how a request is checked or answered; all are part of its key. Apollo's
 * CSRF check reads only the content type and its two preflight headers, so with them in the key a
 * request Apollo would refuse never matches one it served.
 */
const KEYED_HEADERS = [
  'content-type',
  'accept',
  'origin',
  'apollographql-client-name',
  'apollographql-client-version',
  ...CSRF_PREFLIGHT_HEADERS,
] as const;

/**
 * A request's key in the hit index: SHA-256 of the role, the method, the headers that shape the
 * answer and the raw body (POST, JSON) or query string (a GET naming a persisted query by hash).
 * `undefined` for every other request: it always goes through Apollo.
 */
export function hitKeyOf(
  req: IncomingMessage,
  request: RequestParts,
  role: string,
): string | undefined {
  if (!CACHEABLE_ROLES.has(role)) {
    return undefined;
  }
  let sent: string;
  if (req.method === 'POST') {
    const body = request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return undefined; // Not a JSON object: Apollo answers it (or refuses it).
    }
    sent = request.rawBody;
  } else if (req.method === 'GET' && isHashOnlyPersistedGet(request.search)) {
    sent = request.search;
  } else {
    return undefined;
  }
  const headers = KEYED_HEADERS.map((name) => String(req.headers[name] ?? ''));
  return createHash('sha256')
    .update(JSON.stringify([role, req.method, ...headers]))
    .update('\n')
    .update(sent)
    .digest('base64url');
}

const JSON_TYPES = [
  'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8',
  'application/json; callbackSpec=1.0; charset=utf-8',
];

/** The content type Apollo Server would answer with (its own negotiation), or undefined (406). */
function contentTypeFor(accept: string | undefined): string | undefined {
  return accept ? new Negotiator({ headers: { accept } }).mediaType(JSON_TYPES) : JSON_TYPES[0];
}

interface HitParts {
  readonly config: Required<GatewayConfig>;
  readonly trusted: TrustedDocuments;
  readonly limits: LimitsOptions;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly cache: KeyValueCache;
  readonly hits: HitIndex;
  /** Who resolves each field in the supergraph served now: its identity for `recall`. */
  readonly fieldOwners: () => FieldOwners | undefined;
  readonly usage: UsageRecorder;
  readonly requests: RequestRecorder;
  /** `Vary` includes `origin` (CORS by origin, or trusted documents held by origin). */
  readonly varyOrigin: boolean;
  /** Who is asking (the gateway's one `viewerContext`). */
  readonly who: ViewerContext;
}

/**
 * Response-cache hits answered in the HTTP listener, before Apollo Server parses, validates or
 * plans anything. A request Apollo already admitted (same role, method, keyed headers and raw
 * body) is recalled from the hit index; its whole cost is charged to the viewer's budget and its
 * entry and tag versions are read at once (one round trip to Redis), and a valid entry is sent
 * as stored. Anything else, a stale entry included, goes on to Apollo with the context built here
 * (a budget already charged is not charged again). A hit is logged, counted and its field usage
 * recorded as Apollo's answer would be.
 */
export function cacheHitShortcut(parts: HitParts): GraphQLHttpOptions<GatewayContext>['shortcut'] {
  const { who } = parts;
  const vary = graphqlVary(parts.varyOrigin);
  return async (req, requestId, request) => {
    const started = performance.now();
    const ctx = await who(req, requestId, request);
    const hitKey = hitKeyOf(req, request, ctx.viewer.role);
    const known = hitKey ? parts.hits.recall(hitKey, parts.fieldOwners()) : undefined;
    // Negotiated only for a request that may be answered here, not for every request.
    const contentType = known ? contentTypeFor(req.headers.accept) : undefined;
    if (hitKey) {
      ctx.hitKey = hitKey;
    }
    if (!known || !contentType) {
      return { context: await admitRequest(parts, req, ctx, request) };
    }
    checkTrusted(parts, req, ctx, request);
    const hot = parts.hits.hot(known.entryKey);
    const tagKeys = known.tags.map(tagKey);
    const [, read] = await Promise.all([
      chargeBeforeParsing(parts.limits, ctx, Math.max(known.cost, parts.limits.floorCost)),
      readBytes(parts.cache, hot ? tagKeys : [known.entryKey, ...tagKeys]),
    ]);
    const entry = hot
      ? hotEntry(parts.hits, known, hot, read)
      : storedEntry(parts.hits, known, read);
    if (hot && entry) {
      parts.metrics.hotHits.inc();
    }
    if (!entry) {
      return { context: ctx }; // Paid for; Apollo answers it, and its response cache stores it.
    }
    ctx.cost = known.cost;
    if (known.usage) {
      parts.usage.record(known.usage.coordinates, known.usage.who);
    }
    parts.metrics.cacheRequests.inc({ cache: 'response', result: 'hit' });
    parts.metrics.earlyHits.inc();
    const headers = new HeaderMap([
      ['content-type', contentType],
      ['x-response-cache', 'hit'],
      [
        'cache-control',
        cacheControlOf({
          method: req.method,
          operation: 'query',
          role: ctx.viewer.role,
          hasErrors: false,
          hint: entry.policy,
        }),
      ],
      ['vary', vary],
    ]);
    parts.requests({
      context: ctx,
      operation: known.operationName,
      status: 'ok',
      httpStatus: 200,
      seconds: (performance.now() - started) / 1000,
      cache: 'hit',
      codes: [],
    });
    // The stored bytes as they are: decoding and encoding a large answer again, text beyond
    // Latin-1 especially, cost more than all the rest of a hit.
    const response: BytesResponse = {
      status: 200,
      headers,
      body: { kind: 'bytes', chunks: [DATA_OPEN, entry.data, DATA_CLOSE] },
    };
    return { response };
  };
}

/** The hot copy, when the tag versions read now are the ones it was kept for; else dropped. */
function hotEntry(
  hits: HitIndex,
  known: RememberedRequest,
  hot: HotEntry,
  read: readonly (Buffer | null)[],
): ValidEntryBytes | undefined {
  if (
    read.length === hot.versions.length &&
    read.every((v, i) => v !== null && v.toString('utf8') === hot.versions[i])
  ) {
    return hot.entry;
  }
  hits.dropHot(known.entryKey);
  return undefined;
}

/** The entry read from the store, when valid; a large one is kept hot. */
function storedEntry(
  hits: HitIndex,
  known: RememberedRequest,
  [raw = null, ...read]: readonly (Buffer | null)[],
): ValidEntryBytes | undefined {
  const versions = read.map((v) => v?.toString('utf8') ?? null);
  const entry = validEntryBytes(raw, versions);
  if (entry) {
    hits.keepHot(known, entry, versions as string[]); // Valid: every version is a string.
  }
  return entry;
}

const DATA_OPEN = Buffer.from('{"data":');
const DATA_CLOSE = Buffer.from('}\n');

/** The values as bytes, in one round trip: as stored where the store can (Redis), else encoded. */
async function readBytes(
  cache: KeyValueCache,
  keys: readonly string[],
): Promise<(Buffer | null)[]> {
  if (cache.getManyBytes) {
    return cache.getManyBytes(keys);
  }
  const values = await cache.getMany(keys);
  return values.map((v) => (v === null ? null : Buffer.from(v, 'utf8')));
}

import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import {
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  parse,
  printSchema,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import type { KeyValueCache } from '../loaders/cache.js';
import { bumpTags, tagKey } from '../loaders/invalidation.js';
import type { GatewayMetrics } from './metrics.js';
import type { GatewayContext } from './subgraph-data-source.js';

/** Apollo's KeyValueCache shape (from @apollo/utils.keyvaluecache), without the dependency. */
export interface ApolloKeyValueCache<V> {
  get(key: string): Promise<V | undefined>;
  set(key: string, value: V, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/**
 * Automatic persisted queries over our KeyValueCache (Redis when configured, else in process):
 * the query text by its SHA-256 hash, for `persistedQueries: { cache }`.
 */
export function apqStore(
  cache: KeyValueCache,
  ttlSeconds: number,
  metrics: GatewayMetrics,
): ApolloKeyValueCache<string> {
  const prefix = 'apq:v1:';
  return {
    async get(key) {
      const [value] = await cache.getMany([prefix + key]);
      metrics.cacheRequests.inc({ cache: 'apq', result: value === null ? 'miss' : 'hit' });
      return value ?? undefined;
    },
    async set(key, value, options) {
      await cache.setMany([[prefix + key, value]], options?.ttl ?? ttlSeconds);
    },
    async delete(key) {
      await cache.deleteMany([prefix + key]);
    },
  };
}

/** An in-process LRU behind the get/set/delete interface Apollo's stores expect. */
function lruStore<V extends object>(
  lru: LRUCache<string, V>,
  onLookup: (hit: boolean) => void,
  report: () => void = () => undefined,
) {
  return {
    async get(key: string): Promise<V | undefined> {
      const value = lru.get(key);
      onLookup(value !== undefined);
      return value;
    },
    async set(key: string, value: V): Promise<void> {
      lru.set(key, value);
      report();
    },
    async delete(key: string): Promise<boolean> {
      const deleted = lru.delete(key);
      report();
      return deleted;
    },
    clear(): void {
      lru.clear();
      report();
    },
    get size(): number {
      return lru.size;
    },
  };
}

/**
 * The query-plan cache: an in-process LRU bounded in entries and in bytes (approximate: the
 * plan's JSON size, which undercounts the heap a plan holds, hence the entry bound too),
 * counting hits and misses and reporting its size.
 */
export function queryPlanCache<V extends object>(
  limits: { readonly maxBytes: number; readonly maxEntries: number },
  metrics: GatewayMetrics,
) {
  const lru = new LRUCache<string, V>({
    max: limits.maxEntries,
    maxSize: limits.maxBytes,
    sizeCalculation: (value) => Math.max(1, Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8')),
  });
  return lruStore(
    lru,
    (hit) => metrics.cacheRequests.inc({ cache: 'query_plan', result: hit ? 'hit' : 'miss' }),
    () => {
      metrics.queryPlanCacheBytes.set(lru.calculatedSize);
      metrics.queryPlanCacheEntries.set(lru.size);
    },
  );
}

/** Heap a parsed document holds per byte of its source (measured: 1.80 MB for 25.6 KB). */
export const DOCUMENT_HEAP_PER_SOURCE_BYTE = 72;

/** The heap a parsed document holds, estimated from its source text. */
export function documentHeapBytes(document: DocumentNode): number {
  const source = document.loc?.source.body;
  return Math.max(
    1,
    source !== undefined
      ? Buffer.byteLength(source, 'utf8') * DOCUMENT_HEAP_PER_SOURCE_BYTE
      : Buffer.byteLength(JSON.stringify(document), 'utf8') * 5,
  );
}

/**
 * Apollo Server's store of parsed and validated documents, bounded in entries and in estimated
 * heap bytes (Apollo's default counts the documents' JSON size, which undercounts the heap a
 * parsed document holds about 4.5 times: docs/performance.md). Apollo stores a document right
 * after validation, before any plugin has measured it; here `set` only remembers it, and
 * `admit(document)` (called by the limits plugin once every limit passed) puts it in the cache.
 * A document the limits refuse never enters it.
 */
export function documentCache(
  limits: { readonly maxEntries: number; readonly maxBytes: number },
  metrics: GatewayMetrics,
) {
  const lru = new LRUCache<string, DocumentNode>({
    max: limits.maxEntries,
    maxSize: limits.maxBytes,
    sizeCalculation: documentHeapBytes,
  });
  const pending = new WeakMap<DocumentNode, string>();
  const store = lruStore(lru, (hit) =>
    metrics.cacheRequests.inc({ cache: 'document', result: hit ? 'hit' : 'miss' }),
  );
  return {
    ...store,
    get size() {
      return lru.size;
    },
    /** Estimated heap bytes held. */
    get bytes() {
      return lru.calculatedSize;
    },
    async set(key: string, value: DocumentNode): Promise<void> {
      pending.set(value, key);
    },
    /** Caches a document Apollo offered, once the limits passed it. */
    admit(document: DocumentNode | undefined): void {
      const key = document ? pending.get(document) : undefined;
      if (document && key !== undefined) {
        pending.delete(document);
        lru.set(key, document);
      }
    },
  };
}

/** `Type.field` → the subgraphs that resolve it, read from the supergraph's join directives. */
export type FieldOwners = ReadonlyMap<string, readonly string[]>;

function stringArg(
  node: { arguments?: readonly { name: { value: string }; value: ValueNode }[] },
  name: string,
) {
  const value = node.arguments?.find((a) => a.name.value === name)?.value;
  return value && (value.kind === Kind.STRING || value.kind === Kind.ENUM)
    ? value.value
    : undefined;
}

/**
 * Which subgraphs resolve each field, from `@join__type` and `@join__field` in the supergraph SDL
 * (external fields excluded). A write in a subgraph bumps the tag `subgraph:<name>`, so every
 * cached response that read any field of that subgraph, derived figures included, is purged.
 */
export function fieldOwnersOf(supergraphSdl: string): FieldOwners {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const directive = value.directives?.find((d) => d.name.value === 'join__graph');
        graphNames.set(
          value.name.value,
          (directive && stringArg(directive, 'name')) ?? value.name.value,
        );
      }
    }
  }
  const owners = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION
    ) {
      continue;
    }
    const typeGraphs = (definition.directives ?? [])
      .filter((d) => d.name.value === 'join__type')
      .map((d) => graphNames.get(stringArg(d, 'graph') ?? '') ?? '')
      .filter(Boolean);
    for (const field of definition.fields ?? []) {
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      const graphs = joins.length
        ? joins
            .filter(
              (d) =>
                !d.arguments?.some(
                  (a) =>
                    a.name.value === 'external' && a.value.kind === Kind.BOOLEAN && a.value.value,
                ),
            )
            .map((d) => graphNames.get(stringArg(d, 'graph') ?? '') ?? '')
            .filter(Boolean)
        : typeGraphs;
      owners.set(`${definition.name.value}.${field.name.value}`, [...new Set(graphs)]);
    }
  }
  return owners;
}

/**
 * The response-cache tags of an operation: every output type it can return (walking the document
 * with TypeInfo against the API schema; an interface or union adds each possible type), and
 * `subgraph:<name>` for every subgraph that resolves one of its fields.
 */
export function outputTypeNames(
  schema: GraphQLSchema,
  document: DocumentNode,
  owners?: FieldOwners,
): string[] {
  // Apollo keeps one parsed document per query, so repeated queries are looked up, not walked.
  const memo = typeNamesMemo.get(document);
  if (memo && memo.schema === schema && memo.owners === owners) {
    return memo.names;
  }
  const names = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        for (const graph of (parent && owners?.get(`${parent.name}.${node.name.value}`)) ?? []) {
          names.add(`subgraph:${graph}`);
        }
        const type = typeInfo.getType();
        const named = type ? getNamedType(type) : undefined;
        if (!named || named.name.startsWith('__')) {
          return;
        }
        if (isObjectType(named)) {
          names.add(named.name);
        } else if (isAbstractType(named)) {
          names.add(named.name);
          for (const possible of schema.getPossibleTypes(named)) {
            names.add(possible.name);
          }
        }
      },
    }),
  );
  const sorted = [...names].sort();
  typeNamesMemo.set(document, { schema, owners, names: sorted });
  return sorted;
}

const typeNamesMemo = new WeakMap<
  DocumentNode,
  { schema: GraphQLSchema; owners: FieldOwners | undefined; names: string[] }
>();

export interface ResponseCacheOptions {
  readonly cache: KeyValueCache;
  /** Who resolves each field in the supergraph being served; adds `subgraph:<name>` tags. */
  readonly fieldOwners?: () => FieldOwners | undefined;
  readonly maxAgeSeconds: number;
  /** A type name → max-age in seconds; a response lives as long as its shortest-lived type. */
  readonly typeMaxAge: Readonly<Record<string, number>>;
  readonly metrics: GatewayMetrics;
}

const schemaIds = new WeakMap<GraphQLSchema, string>();

/** A stable id of the API schema, so a reloaded supergraph never serves older entries. */
function schemaId(schema: GraphQLSchema): string {
  let id = schemaIds.get(schema);
  if (!id) {
    id = createHash('sha256').update(printSchema(schema)).digest('base64url').slice(0, 16);
    schemaIds.set(schema, id);
  }
  return id;
}

/** Roles whose reads are cached: what they see does not depend on who they are. */
const CACHEABLE_ROLES = new Set(['public', 'analyst']);

interface CachedEntry {
  /** Tag versions read before the response was computed. */
  readonly v: string[];
  readonly data: Record<string, unknown>;
  /** The cache policy the subgraphs' hints gave the answer (HTTP `Cache-Control`); none: not cacheable by HTTP. */
  readonly p?: { readonly maxAge: number; readonly scope: 'PUBLIC' | 'PRIVATE' };
}

/**
 * The response cache for anonymous and analyst queries: keyed by (API schema, role, query hash,
 * operation name, variables), tagged with every output type of the operation. Each entry stores the tag
 * versions read *before* execution and is served only while all of them are unchanged, so a
 * write (which bumps its types' tags, see `runWrite`) makes every response that could hold its
 * data stale at once. Responses with errors, mutations and other roles are never cached.
 */
export function responseCachePlugin(
  options: ResponseCacheOptions,
): ApolloServerPlugin<GatewayContext> {
  const { cache, metrics } = options;
  return {
    async requestDidStart() {
      let pending: { key: string; versions: string[]; ttl: number } | undefined;
      return {
        async responseForOperation(rc): Promise<GraphQLResponse | null> {
          const role = rc.contextValue.viewer.role;
          if (!CACHEABLE_ROLES.has(role) || rc.operation.operation !== 'query') {
            return null;
          }
          const tags = outputTypeNames(rc.schema, rc.document, options.fieldOwners?.());
          const key =
            'rc:v1:' +
            createHash('sha256')
              .update(
                JSON.stringify([
                  schemaId(rc.schema),
                  role,
                  rc.queryHash,
                  rc.operationName,
                  rc.request.variables ?? {},
                ]),
              )
              .digest('base64url');
          const [raw, ...found] = await cache.getMany([key, ...tags.map(tagKey)]);
          let versions = found;
          const missing = tags.filter((_, i) => versions[i] === null);
          if (missing.length > 0) {
            // A tag never bumped has no version yet: give it one, so entries can depend on it.
            await bumpTags(cache, missing);
            versions = await cache.getMany(tags.map(tagKey));
          }
          if (raw) {
            try {
              const entry = JSON.parse(raw) as CachedEntry;
              if (
                entry.v.length === versions.length &&
                entry.v.every((v, i) => v !== null && v === versions[i])
              ) {
                metrics.cacheRequests.inc({ cache: 'response', result: 'hit' });
                // No subgraph answers a hit: the policy their hints gave is restored, so the
                // HTTP `Cache-Control` of a hit is the one of the miss that stored it.
                rc.overallCachePolicy.restrict(entry.p ?? { maxAge: 0 });
                return {
                  http: { status: 200, headers: new HeaderMap([['x-response-cache', 'hit']]) },
                  body: { kind: 'single', singleResult: { data: entry.data } },
                };
              }
            } catch {
              // A corrupt entry is a miss; it is overwritten below.
            }
          }
          metrics.cacheRequests.inc({ cache: 'response', result: 'miss' });
          if (versions.some((v) => v === null)) {
            return null; // The cache is unavailable: nothing safe to store.
          }
          const ttl = Math.min(
            options.maxAgeSeconds,
            ...tags.map((t) => options.typeMaxAge[t] ?? options.maxAgeSeconds),
          );
          pending = { key, versions: versions as string[], ttl };
          rc.response.http.headers.set('x-response-cache', 'miss');
          return null;
        },
        async willSendResponse(rc) {
          if (!pending || pending.ttl <= 0) {
            return;
          }
          const body = rc.response.body;
          if (body.kind !== 'single' || body.singleResult.errors?.length) {
            return;
          }
          const data = body.singleResult.data;
          if (!data) {
            return;
          }
          const policy = rc.overallCachePolicy.policyIfCacheable();
          const entry: CachedEntry = {
            v: pending.versions,
            data,
            ...(policy ? { p: { maxAge: policy.maxAge, scope: policy.scope } } : {}),
          };
          await cache.setMany([[pending.key, JSON.stringify(entry)]], pending.ttl);
        },
      };
    },
  };
}

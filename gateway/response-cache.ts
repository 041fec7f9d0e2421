import { createHash } from 'node:crypto';
import {
  HeaderMap,
  type ApolloServerPlugin,
  type GraphQLRequestContextResponseForOperation,
  type GraphQLRequestContextWillSendResponse,
  type GraphQLResponse,
} from '@apollo/server';
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
import type { KeyValueCache } from '../loaders/cache.js';
import { bumpTags, subgraphTag, tagKey } from '../loaders/invalidation.js';
import type { HitIndex } from './cache-hits.js';
import type { GatewayContext } from './context.js';
import type { GatewayMetrics } from './metrics.js';

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
          names.add(subgraphTag(graph));
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

interface ResponseCacheOptions {
  readonly cache: KeyValueCache;
  /** Who resolves each field in the supergraph being served; adds `subgraph:<name>` tags. */
  readonly fieldOwners?: () => FieldOwners | undefined;
  readonly maxAgeSeconds: number;
  /** A type name → max-age in seconds; a response lives as long as its shortest-lived type. */
  readonly typeMaxAge: Readonly<Record<string, number>>;
  readonly metrics: GatewayMetrics;
  /** The index of requests the HTTP layer may answer from this cache before Apollo. */
  readonly hits?: HitIndex;
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
export const CACHEABLE_ROLES = new Set(['public', 'analyst']);

/** What an entry holds besides the data: the tag versions, and the answer's cache policy. */
interface EntryHead {
  /** Tag versions read before the response was computed. */
  readonly v: string[];
  /** The cache policy the subgraphs' hints gave the answer (HTTP `Cache-Control`); none: not cacheable by HTTP. */
  readonly p?: CachePolicyHint;
}

export interface CachePolicyHint {
  readonly maxAge: number;
  readonly scope: 'PUBLIC' | 'PRIVATE';
}

/** A valid entry: its head, and its data as the JSON text stored (a hit can send it unparsed). */
export interface ValidEntry {
  readonly policy: CachePolicyHint | undefined;
  readonly dataJson: string;
}

/** What a miss leaves for `willSendResponse`: where to store the answer, and for how long. */
interface PendingEntry {
  readonly key: string;
  readonly versions: string[];
  readonly ttl: number;
}

/** The entry key: (API schema, role, query hash, operation name, variables). */
function responseKey(rc: GraphQLRequestContextResponseForOperation<GatewayContext>): string {
  const digest = createHash('sha256')
    .update(
      JSON.stringify([
        schemaId(rc.schema),
        rc.contextValue.viewer.role,
        rc.queryHash,
        rc.operationName,
        rc.request.variables ?? {},
      ]),
    )
    .digest('base64url');
  return `rc:v2:${digest}`;
}

/** The stored entry and the tags' current versions; a tag never bumped is given a version. */
export async function readEntry(
  cache: KeyValueCache,
  key: string,
  tags: readonly string[],
): Promise<{ raw: string | null; versions: (string | null)[] }> {
  const [raw = null, ...found] = await cache.getMany([key, ...tags.map(tagKey)]);
  const missing = tags.filter((_, i) => found[i] === null);
  if (missing.length === 0) {
    return { raw, versions: found };
  }
  // A tag never bumped has no version yet: give it one, so entries can depend on it.
  await bumpTags(cache, missing);
  return { raw, versions: await cache.getMany(tags.map(tagKey)) };
}

/**
 * An entry as stored: its head as JSON, a newline, then the data as JSON (JSON text never holds a
 * raw newline), so a hit reads the head and sends the data without parsing it.
 */
function entryText(head: EntryHead, data: Record<string, unknown>): string {
  return `${JSON.stringify(head)}\n${JSON.stringify(data)}`;
}

/**
 * The entry, when it is still valid: stored under the very tag versions read now (`versions` in
 * the order of the tags it was read for). Only the head is parsed.
 */
export function validEntry(
  raw: string | null,
  versions: readonly (string | null)[],
): ValidEntry | undefined {
  const split = raw ? raw.indexOf('\n') : -1;
  if (!raw || split < 0) {
    return undefined;
  }
  const policy = validHead(raw.slice(0, split), versions);
  return policy ? { policy: policy.p, dataJson: raw.slice(split + 1) } : undefined;
}

/** A valid entry read as bytes: its head, and its data as the UTF-8 JSON stored. */
export interface ValidEntryBytes {
  readonly policy: CachePolicyHint | undefined;
  readonly data: Buffer;
}

/**
 * `validEntry` of an entry read as bytes (`getManyBytes`): the data stays the bytes stored, a
 * view of `raw`, so a hit sends them without decoding or encoding them again.
 */
export function validEntryBytes(
  raw: Buffer | null,
  versions: readonly (string | null)[],
): ValidEntryBytes | undefined {
  const split = raw ? raw.indexOf(0x0a) : -1; // '\n': never a byte of another UTF-8 character.
  if (!raw || split < 0) {
    return undefined;
  }
  const policy = validHead(raw.toString('utf8', 0, split), versions);
  return policy ? { policy: policy.p, data: raw.subarray(split + 1) } : undefined;
}

/** The head, when it holds exactly the tag versions read now; `undefined` when stale or corrupt. */
function validHead(
  text: string,
  versions: readonly (string | null)[],
): { readonly p: CachePolicyHint | undefined } | undefined {
  try {
    const head = JSON.parse(text) as EntryHead;
    return Array.isArray(head.v) &&
      head.v.length === versions.length &&
      head.v.every((v, i) => v !== null && v === versions[i])
      ? { p: head.p }
      : undefined;
  } catch {
    return undefined; // A corrupt entry is a miss; it is overwritten.
  }
}

/** A hit answers at once, or a miss leaves a pending entry for `willSendResponse`. */
async function lookUp(
  options: ResponseCacheOptions,
  rc: GraphQLRequestContextResponseForOperation<GatewayContext>,
): Promise<{ hit: GraphQLResponse } | { pending: PendingEntry | undefined } | undefined> {
  const role = rc.contextValue.viewer.role;
  if (!CACHEABLE_ROLES.has(role) || rc.operation.operation !== 'query') {
    return undefined;
  }
  const owners = options.fieldOwners?.();
  const tags = outputTypeNames(rc.schema, rc.document, owners);
  const key = responseKey(rc);
  const ttl = Math.min(
    options.maxAgeSeconds,
    ...tags.map((t) => options.typeMaxAge[t] ?? options.maxAgeSeconds),
  );
  const ctx = rc.contextValue;
  if (ctx.hitKey && options.hits && ttl > 0) {
    // Parsed, validated, within every limit: the same request may be answered before Apollo.
    options.hits.remember(ctx.hitKey, {
      owners,
      entryKey: key,
      tags,
      cost: ctx.cost ?? 0,
      operationName: rc.operationName,
      usage: ctx.usage,
      ttlSeconds: ttl,
    });
  }
  const { raw, versions } = await readEntry(options.cache, key, tags);
  const entry = validEntry(raw, versions);
  if (entry) {
    options.metrics.cacheRequests.inc({ cache: 'response', result: 'hit' });
    // No subgraph answers a hit: the policy their hints gave is restored, so the
    // HTTP `Cache-Control` of a hit is the one of the miss that stored it.
    rc.overallCachePolicy.restrict(entry.policy ?? { maxAge: 0 });
    return {
      hit: {
        http: { status: 200, headers: new HeaderMap([['x-response-cache', 'hit']]) },
        body: {
          kind: 'single',
          singleResult: { data: JSON.parse(entry.dataJson) as Record<string, unknown> },
        },
      },
    };
  }
  options.metrics.cacheRequests.inc({ cache: 'response', result: 'miss' });
  if (versions.some((v) => v === null)) {
    return { pending: undefined }; // The cache is unavailable: nothing safe to store.
  }
  rc.response.http.headers.set('x-response-cache', 'miss');
  return { pending: { key, versions: versions as string[], ttl } };
}

/** Stores an error-free answer under the tag versions read before it was computed. */
async function store(
  cache: KeyValueCache,
  pending: PendingEntry | undefined,
  rc: GraphQLRequestContextWillSendResponse<GatewayContext>,
): Promise<void> {
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
  const head: EntryHead = {
    v: pending.versions,
    ...(policy ? { p: { maxAge: policy.maxAge, scope: policy.scope } } : {}),
  };
  await cache.setMany([[pending.key, entryText(head, data)]], pending.ttl);
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
  return {
    async requestDidStart() {
      let pending: PendingEntry | undefined;
      return {
        async responseForOperation(rc): Promise<GraphQLResponse | null> {
          const found = await lookUp(options, rc);
          if (found && 'hit' in found) {
            return found.hit;
          }
          pending = found?.pending;
          return null;
        },
        async willSendResponse(rc) {
          await store(options.cache, pending, rc);
        },
      };
    },
  };
}

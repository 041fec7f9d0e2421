import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { DEV_JWT_SECRET } from '../../loaders/config.js';
import { bumpTags, subgraphTag } from '../../loaders/invalidation.js';
import { postGraphQL } from '../support/harness.js';
import { startGatewayStack, type GatewayStack } from './stack.js';

let stack: GatewayStack;
/** This file's own name for the notes subgraph: the tag it bumps is no other file's. */
const NOTES_GRAPH = `notes_${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  stack = await startGatewayStack({}, undefined, NOTES_GRAPH);
});
afterAll(() => stack?.close());

/** A dashboard query touching both subgraphs; a fresh alias per run keeps old entries out. */
function dashboardQuery(): string {
  const alias = `c${randomUUID().replace(/-/g, '')}`;
  return `{ ${alias}: countries(first: 3) { edges { node { iso3 note } } } notesPing }`;
}

async function post(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    cache: response.headers.get('x-response-cache'),
    body: (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] },
  };
}

describe('response cache', () => {
  it('serves a repeated anonymous query without touching any subgraph, until a tag bump', async () => {
    const query = dashboardQuery();
    const miss = await post(query);
    expect(miss.cache).toBe('miss');
    expect(miss.body.errors).toBeUndefined();

    stack.memberStates.resetSql();
    const notesBefore = stack.notes.requests();
    const hit = await post(query);
    expect(hit.cache).toBe('hit');
    expect(hit.body).toEqual(miss.body);
    expect(stack.memberStates.sql).toEqual([]);
    expect(stack.notes.requests()).toBe(notesBefore);

    // A write in a subgraph bumps its tag (runWrite → invalidate → bumpTags). The notes
    // subgraph's, under this file's own name, not `Country`: test files share Redis, and a bump
    // of a shared tag would make another file's cached answers stale while it expects a hit.
    await bumpTags(stack.cache, [subgraphTag(NOTES_GRAPH)]);
    const after = await post(query);
    expect(after.cache).toBe('miss');
    expect(stack.memberStates.sql.length).toBeGreaterThan(0);
    expect(stack.notes.requests()).toBeGreaterThan(notesBefore);
    expect((await post(query)).cache).toBe('hit');
  });

  it('keys analysts apart from anonymous viewers and never caches editors', async () => {
    const query = dashboardQuery();
    await post(query);
    const analyst = await signToken({ sub: 'a1', role: 'analyst' }, { secret: DEV_JWT_SECRET });
    const first = await post(query, { authorization: `Bearer ${analyst}` });
    expect(first.cache).toBe('miss');
    expect((await post(query, { authorization: `Bearer ${analyst}` })).cache).toBe('hit');
    const editor = await signToken({ sub: 'e1', role: 'editor' }, { secret: DEV_JWT_SECRET });
    const notesBefore = stack.notes.requests();
    const edited = await post(query, { authorization: `Bearer ${editor}` });
    expect(edited.cache).toBeNull();
    expect((await post(query, { authorization: `Bearer ${editor}` })).cache).toBeNull();
    // Each editor request fetches from notes twice (the root field and the entities): 2 × 2.
    expect(stack.notes.requests()).toBe(notesBefore + 4);
  });

  it('never caches a response with errors', async () => {
    const query = `{ x${randomUUID().replace(/-/g, '')}: country(iso3: "XXX") { name } }`;
    const first = await post(query);
    expect(first.body.errors).toHaveLength(1);
    stack.memberStates.resetSql();
    const second = await post(query);
    expect(second.cache).toBe('miss');
    expect(second.body.errors).toHaveLength(1);
  });
});

describe('automatic persisted queries', () => {
  it('registers a query by hash over POST, then serves it by hash over GET', async () => {
    const query = `{ p${randomUUID().replace(/-/g, '')}: country(iso3: "KEN") { name } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const search = `?extensions=${encodeURIComponent(JSON.stringify(extensions))}`;
    const headers = { 'apollo-require-preflight': 'true' };

    const unknown = await fetch(`${stack.url}${search}`, { headers });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
    });

    const registered = await postGraphQL(stack.url, query, undefined, {});
    expect(registered.errors).toBeUndefined();
    const register = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions }),
    });
    expect(register.status).toBe(200);

    const byHash = await fetch(`${stack.url}${search}`, { headers });
    expect(byHash.status).toBe(200);
    expect(((await byHash.json()) as { data: unknown }).data).toEqual(registered.data);
  });

  it('refuses a mutation over GET with 405 and a code', async () => {
    const response = await fetch(`${stack.url}?query=${encodeURIComponent('mutation { x }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.json()).toMatchObject({
      errors: [{ extensions: { code: expect.any(String) } }],
    });
  });
});

describe('/metrics', () => {
  it('shows request, subgraph, cache and query-plan metrics in Prometheus text', async () => {
    const query = dashboardQuery();
    await post(query);
    await post(query);
    const response = await fetch(`${stack.origin}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toMatch(
      /gateway_request_duration_seconds_count\{operation="anonymous",status="ok"\} \d+/,
    );
    expect(text).toMatch(
      /gateway_subgraph_fetch_duration_seconds_count\{subgraph="member-states"\} \d+/,
    );
    expect(text).toContain(
      `gateway_subgraph_fetch_duration_seconds_count{subgraph="${NOTES_GRAPH}"}`,
    );
    expect(text).toMatch(/gateway_cache_requests_total\{cache="response",result="hit"\} [1-9]/);
    expect(text).toMatch(/gateway_cache_requests_total\{cache="response",result="miss"\} [1-9]/);
    expect(text).toMatch(/gateway_cache_requests_total\{cache="query_plan",result="miss"\} [1-9]/);
    expect(text).toMatch(/gateway_cache_requests_total\{cache="query_plan",result="hit"\} [1-9]/);
    expect(text).toMatch(/gateway_query_plan_cache_bytes [1-9]\d*/);
    expect(text).toMatch(/gateway_query_plan_cache_entries [1-9]\d*/);
    expect(text).toMatch(/gateway_process_cpu_seconds_total/);
  });
});

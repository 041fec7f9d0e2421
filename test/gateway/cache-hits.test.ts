import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { DEV_JWT_SECRET } from '../../loaders/config.js';
import { bumpTags, subgraphTag } from '../../loaders/invalidation.js';
import { budgetMinuteWithRoom } from '../support/harness.js';
import { startGatewayStack, type GatewayStack } from './stack.js';

// Response-cache hits answered in the HTTP listener, before Apollo Server parses anything
// (gateway/cache-hits.ts): the same answer, headers, budget and usage as Apollo's own hit.
const TOKEN = 'cache-hits-token-for-tests-only-0123456789';
const RUN = randomUUID().slice(0, 8);
/** This file's own name for the notes subgraph: the tag it bumps is no other file's. */
const NOTES_GRAPH = `notes_${RUN}`;
let stack: GatewayStack;

beforeAll(async () => {
  stack = await startGatewayStack(
    { METRICS_TOKEN: TOKEN, LIMIT_BUDGET_PER_MINUTE_ANALYST: '2000' },
    undefined,
    NOTES_GRAPH,
  );
}, 120_000);
afterAll(() => stack?.close());

/** A query no other test sends (a fresh alias), reaching the notes subgraph under this file's name. */
function freshQuery(): string {
  return `query Noted { n${randomUUID().replace(/-/g, '')}: countries(first: 2) { edges { node { iso3 note } } } }`;
}

async function counter(name: string): Promise<number> {
  const text = await (
    await fetch(`${stack.origin}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
  ).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ').pop()) : 0;
}

const earlyHits = () => counter('gateway_response_cache_early_hits_total');
const hotHits = () => counter('gateway_response_cache_hot_hits_total');

async function post(
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** An analyst of this run: its own budget key, so budgets are not shared with other files. */
async function analyst(name: string): Promise<string> {
  const token = await signToken(
    { sub: `${name}-${RUN}`, role: 'analyst' },
    { secret: DEV_JWT_SECRET },
  );
  return `Bearer ${token}`;
}

describe('response-cache hits before Apollo', () => {
  it('answers a repeated request in the listener with the answer and headers Apollo gave', async () => {
    const query = freshQuery();
    const body = JSON.stringify({ query });
    const miss = await post(body);
    expect(miss.headers.get('x-response-cache')).toBe('miss');
    // The same request in other bytes is another key: Apollo's own hit, to compare with.
    const apolloHit = await post(JSON.stringify({ query }, null, 1));
    expect(apolloHit.headers.get('x-response-cache')).toBe('hit');
    const before = await earlyHits();
    stack.memberStates.resetSql();
    const early = await post(body);
    expect(await earlyHits()).toBe(before + 1);
    expect(stack.memberStates.sql).toEqual([]);
    expect(early.status).toBe(200);
    expect(JSON.parse(early.text)).toEqual(JSON.parse(miss.text));
    expect(early.text).toBe(apolloHit.text);
    for (const name of ['content-type', 'cache-control', 'vary', 'x-response-cache']) {
      expect([name, early.headers.get(name)]).toEqual([name, apolloHit.headers.get(name)]);
    }
    expect(early.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(early.headers.get('x-request-id')).not.toBe(apolloHit.headers.get('x-request-id'));
  });

  it('is purged by a tag bump like any hit, then answers early again', async () => {
    const body = JSON.stringify({ query: freshQuery() });
    await post(body);
    const before = await earlyHits();
    expect((await post(body)).headers.get('x-response-cache')).toBe('hit');
    expect(await earlyHits()).toBe(before + 1);
    await bumpTags(stack.cache, [subgraphTag(NOTES_GRAPH)]);
    const after = await post(body);
    expect(after.headers.get('x-response-cache')).toBe('miss');
    expect(await earlyHits()).toBe(before + 1);
    expect((await post(body)).headers.get('x-response-cache')).toBe('hit');
    expect(await earlyHits()).toBe(before + 2);
  });

  it('keys roles, accept headers and clients apart, and never answers a mutation early', async () => {
    const query = freshQuery();
    const body = JSON.stringify({ query });
    await post(body);
    const before = await earlyHits();
    // The analyst's answer is its own entry: a miss first, not the anonymous one.
    const signedIn = { authorization: await analyst('keys') };
    expect((await post(body, signedIn)).headers.get('x-response-cache')).toBe('miss');
    // Another representation asked for: Apollo answers (a hit), in that representation.
    const graphqlJson = await post(body, { accept: 'application/graphql-response+json' });
    expect(graphqlJson.headers.get('content-type')).toBe(
      'application/graphql-response+json; charset=utf-8',
    );
    expect(await earlyHits()).toBe(before);
    const again = await post(body, { accept: 'application/graphql-response+json' });
    expect(again.headers.get('content-type')).toBe(
      'application/graphql-response+json; charset=utf-8',
    );
    expect(await earlyHits()).toBe(before + 1);
    // An accept header nothing satisfies is Apollo's 406, never an early answer.
    const refused = await post(body, { accept: 'text/html' });
    expect(refused.status).toBe(406);
    // The same text as a simple (CSRF-prone) request is still refused by Apollo.
    const simple = await post(body, { 'content-type': 'text/plain' });
    expect(simple.status).toBe(400);
    const mutation = JSON.stringify({ query: 'mutation { __typename }' });
    await post(mutation);
    expect((await post(mutation)).headers.get('x-response-cache')).toBeNull();
    expect(await earlyHits()).toBe(before + 1);
  });

  it("keys Apollo's CSRF headers in, so a simple request never reuses a preflighted one's hit", async () => {
    const body = JSON.stringify({ query: freshQuery() });
    // A content type whose essence is text/plain (a browser sends it cross-site without a
    // preflight) that the listener still reads as JSON: Apollo serves it only with a CSRF header.
    const simple = { 'content-type': 'text/plain; profile=json' };
    const preflighted = { ...simple, 'apollo-require-preflight': 'true' };
    expect((await post(body, preflighted)).status).toBe(200);
    const before = await earlyHits();
    const hit = await post(body, preflighted);
    expect([hit.status, hit.headers.get('x-response-cache')]).toEqual([200, 'hit']);
    expect(await earlyHits()).toBe(before + 1);
    const refused = await post(body, simple);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Cross-Site Request Forgery');
    expect(await earlyHits()).toBe(before + 1);
  });

  it('keeps a large entry in process: later hits read only its tag versions, and a write drops it', async () => {
    const body = JSON.stringify({
      query: `query Blob { b${randomUUID().replace(/-/g, '')}: notesBlob(bytes: 40000) }`,
    });
    const miss = await post(body);
    expect(miss.headers.get('x-response-cache')).toBe('miss');
    const [early, hot] = [await earlyHits(), await hotHits()];
    const fromRedis = await post(body);
    expect(await hotHits()).toBe(hot);
    const fromProcess = await post(body);
    expect(await hotHits()).toBe(hot + 1);
    expect(await earlyHits()).toBe(early + 2);
    expect(fromProcess.text).toBe(fromRedis.text);
    expect(JSON.parse(fromProcess.text)).toEqual(JSON.parse(miss.text));
    expect(fromProcess.headers.get('x-response-cache')).toBe('hit');
    // A write (a tag bump, seen in Redis) is never missed: the copy is dropped, Apollo answers.
    await bumpTags(stack.cache, [subgraphTag(NOTES_GRAPH)]);
    expect((await post(body)).headers.get('x-response-cache')).toBe('miss');
    expect(await hotHits()).toBe(hot + 1);
    await post(body); // From Redis again, kept again.
    await post(body);
    expect(await hotHits()).toBe(hot + 2);
  });

  it("charges an early hit's whole cost to the viewer's budget, and refuses past it", async () => {
    const authorization = await analyst('budget');
    const body = JSON.stringify({ query: freshQuery() });
    await budgetMinuteWithRoom(30_000);
    const before = await earlyHits();
    const statuses: number[] = [];
    for (let i = 0; i < 400 && !statuses.includes(429); i += 1) {
      statuses.push((await post(body, { authorization })).status);
    }
    // Budget 2,000 a minute: the query's cost (at least the floor, 10) is charged each time.
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(statuses.length).toBeGreaterThan(3);
    expect(statuses.length).toBeLessThanOrEqual(201);
    // All but the first (the miss that stored it) were answered early.
    expect(await earlyHits()).toBe(before + statuses.length - 2);
    const refused = await post(body, { authorization });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(JSON.parse(refused.text)).toMatchObject({
      errors: [{ extensions: { code: 'RATE_LIMITED' } }],
    });
  }, 120_000);

  it('records the field usage of an early hit as of any answer', async () => {
    const client = `early-${RUN}`;
    const body = JSON.stringify({ query: freshQuery() });
    const headers = { 'apollographql-client-name': client, 'apollographql-client-version': '1' };
    const before = await earlyHits();
    for (let i = 0; i < 4; i += 1) {
      await post(body, headers);
    }
    expect(await earlyHits()).toBe(before + 3);
    await stack.gateway.usage.flush();
    const response = await fetch(`${stack.origin}/usage?coordinate=Country.note&days=1`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const report = (await response.json()) as { clients: { client: string; count: number }[] };
    expect(report.clients.filter((c) => c.client === client)).toEqual([
      expect.objectContaining({ client, count: 4 }),
    ]);
  });

  it('answers a document whose operation cannot be resolved with a coded 400, not a 500', async () => {
    for (const [body, message] of [
      [{ query: 'query A { __typename } query B { __typename }' }, /Must provide operation name/],
      [{ query: 'query A { __typename }', operationName: 'B' }, /Unknown operation named "B"/],
    ] as const) {
      for (const _ of [1, 2]) {
        const answer = await post(JSON.stringify(body));
        expect(answer.status).toBe(400);
        const error = (
          JSON.parse(answer.text) as { errors: { message: string; extensions: { code: string } }[] }
        ).errors[0];
        expect(error?.extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
        expect(error?.message).toMatch(message);
      }
    }
  });
});

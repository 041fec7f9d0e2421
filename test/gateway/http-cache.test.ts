import { createHash, randomUUID } from 'node:crypto';
import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOperation, clientOperations } from '../../clients/operations/index.js';
import { signToken } from '../../gateway/auth.js';
import { readGatewayConfig } from '../../gateway/config.js';
import { DEV_JWT_SECRET, readRuntimeConfig } from '../../loaders/config.js';
import { startStack, type Stack } from '../../scripts/stack.js';
import { CORE_SUBGRAPHS } from '../../subgraphs/index.js';
import { clientErrors } from '../support/client-errors.js';
import { dataPack } from '../support/data-pack.js';
import { silentLogger } from '../support/harness.js';
import { databaseUrl, redisUrl } from '../support/services.js';

// Issue 16, items 3–5, through a real gateway and Apollo Client 4 with its persisted-query link
// over GET: HTTP caching (Cache-Control from the subgraphs' @cacheControl hints, ETag, 304,
// Vary), counting with `groupBy`, and trusted documents enforced for one role and one origin.

/** The States of the data pack (member_states.csv and observer_states.csv). */
const packStates = () => dataPack('member-states').states();
const DASHBOARD_ORIGIN = 'https://dashboard.example.org';
let stack: Stack;
let analystToken: string;

beforeAll(async () => {
  const env = {
    LOG_LEVEL: 'silent',
    SEED_SYNTHETIC: 'false',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  };
  stack = await startStack({
    runtimeConfig: readRuntimeConfig(env),
    gatewayConfig: readGatewayConfig({
      ...env,
      // Budgets live in the shared Redis, keyed by client address (see real-data.test.ts).
      LIMIT_BUDGET_PER_MINUTE: '1000000000',
      TRUSTED_DOCUMENTS: 'enforce',
      TRUSTED_DOCUMENTS_ROLES: 'analyst',
      TRUSTED_DOCUMENTS_ORIGINS: DASHBOARD_ORIGIN,
    }),
    logger: silentLogger,
    subgraphs: CORE_SUBGRAPHS,
    memory: !databaseUrl,
    ports: 'ephemeral',
  });
  analystToken = await signToken(
    { sub: 'h16-analyst', role: 'analyst' },
    { secret: DEV_JWT_SECRET },
  );
}, 180_000);
afterAll(() => stack?.close());

interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
}

/** Apollo Client 4 as a dashboard sets it up: persisted queries, hashed queries over GET. */
function apolloClient(headers: Record<string, string> = {}) {
  const exchanges: Exchange[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    exchanges.push({
      method: init?.method ?? 'GET',
      url: String(input),
      status: response.status,
      headers: response.headers,
    });
    return response;
  };
  const link = ApolloLink.from([
    new PersistedQueryLink({
      sha256: (text: string) => createHash('sha256').update(text).digest('hex'),
      useGETForHashedQueries: true,
    }),
    new HttpLink({ uri: stack.gatewayUrl, fetch: recordingFetch, headers }),
  ]);
  return { client: new ApolloClient({ link, cache: new InMemoryCache() }), exchanges };
}

type Json = any;

describe('HTTP caching with Apollo Client persisted queries over GET', () => {
  it('serves the second request as a hash-only GET hit with Cache-Control and ETag, and 304 on If-None-Match', async () => {
    const { client, exchanges } = apolloClient();
    // A fresh alias per run: a new document, so the first request really registers it.
    const alias = `c${randomUUID().replace(/-/g, '')}`;
    const query = gql(`query RegionCounts {
      ${alias}: countries { totalCount groupBy(field: REGION) { key label count } }
    }`);
    const first = await client.query({ query, fetchPolicy: 'network-only' });
    expect(first.error).toBeUndefined();
    // First: the hash alone over GET (unknown: 400 PERSISTED_QUERY_NOT_FOUND), then a POST
    // registering the document.
    expect(exchanges.map((e) => [e.method, e.status])).toEqual([
      ['GET', 400],
      ['POST', 200],
    ]);
    expect(exchanges[1]?.headers.get('cache-control')).toBe('no-store');

    const second = await client.query({ query, fetchPolicy: 'network-only' });
    expect(second.data).toEqual(first.data);
    const hit = exchanges[2]!;
    expect(hit.method).toBe('GET');
    expect(hit.status).toBe(200);
    const params = new URL(hit.url).searchParams;
    expect(params.has('query')).toBe(false);
    expect(JSON.parse(params.get('extensions')!)).toMatchObject({
      persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    // Countries are reference data: an hour, from member-states' @cacheControl hints.
    expect(hit.headers.get('cache-control')).toBe('public, max-age=3600');
    const etag = hit.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{43}"$/);
    expect(hit.headers.get('vary')).toContain('authorization');
    expect(hit.headers.get('vary')).toContain('accept');
    // Trusted documents are enforced by origin here, so the origin changes the answer too.
    expect(hit.headers.get('vary')).toContain('origin');
    // The gateway's own response cache answered the repeat.
    expect(hit.headers.get('x-response-cache')).toBe('hit');

    // A browser or CDN revalidating: the same URL, no CSRF header, If-None-Match.
    const conditional = await fetch(hit.url, { headers: { 'if-none-match': etag! } });
    expect(conditional.status).toBe(304);
    expect(conditional.headers.get('etag')).toBe(etag);
    expect(await conditional.text()).toBe('');
    const changed = await fetch(hit.url, { headers: { 'if-none-match': '"something-else"' } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe(etag);
    // The validator is the SHA-256 of the very bytes sent (a hit sends the stored bytes in pieces).
    const bytes = Buffer.from(await changed.arrayBuffer());
    expect(changed.headers.get('content-length')).toBe(String(bytes.length));
    expect(etag).toBe(`"${createHash('sha256').update(bytes).digest('base64url')}"`);
    const data = (JSON.parse(bytes.toString('utf8')) as Json).data[alias];
    expect(data.totalCount).toBe((await packStates()).length);
  });

  it('keeps POSTs, signed-in viewers, mutations and errors out of shared caches', async () => {
    const query = `{ countries(first: 1) { totalCount } }`;
    const post = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect(post.status).toBe(200);
    expect(post.headers.get('cache-control')).toBe('no-store');
    expect(post.headers.get('etag')).toBeNull();

    const url = `${stack.gatewayUrl}?query=${encodeURIComponent(query)}`;
    const anonymous = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(anonymous.headers.get('cache-control')).toBe('public, max-age=3600');
    const editor = await signToken(
      { sub: 'h16-editor', role: 'editor' },
      { secret: DEV_JWT_SECRET },
    );
    const signedIn = await fetch(url, {
      headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${editor}` },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('private, max-age=3600');

    const failing = await fetch(
      `${stack.gatewayUrl}?query=${encodeURIComponent('{ country(iso3: "XXX") { name } }')}`,
      { headers: { 'apollo-require-preflight': 'true' } },
    );
    expect(((await failing.json()) as Json).errors[0].extensions.code).toBe('NOT_FOUND');
    expect(failing.headers.get('cache-control')).toBe('no-store');
    expect(failing.headers.get('etag')).toBeNull();

    // A plain GET with the query text still needs Apollo's CSRF header; a hash-only one does not.
    const plain = await fetch(url);
    expect(plain.status).toBe(400);
  });
});

describe('counting with groupBy, through the gateway', () => {
  it('answers "how many UN Convention signatories per region" in one query', async () => {
    const { client } = apolloClient();
    const { data } = await client.query<Json>({
      query: gql`
        query UnConventionSignatoriesByRegion {
          treatyParticipation(instrument: "UNCC-2024", status: SIGNED) {
            signatories
            participants {
              participantCode
            }
            groupBy(field: REGION) {
              key
              label
              count
            }
          }
        }
      `,
      fetchPolicy: 'network-only',
    });
    const report = data.treatyParticipation;
    const groups = report.groupBy as { key: string; label: string; count: number }[];
    // Every region is listed, zero or not; the counts add up to the signatories listed.
    expect(groups.filter((g) => g.key !== 'NONE').map((g) => g.label)).toEqual([
      'Africa',
      'Americas',
      'Asia',
      'Europe',
      'Oceania',
    ]);
    expect(groups.reduce((sum, g) => sum + g.count, 0)).toBe(report.participants.length);
    expect(report.participants.length).toBe(report.signatories);
    expect(report.signatories).toBeGreaterThan(0);
    const europe = groups.find((g) => g.label === 'Europe')!;
    expect(europe.key).toBe('150');
  });

  it('counts countries by region, regional group, membership and cyberlaw status, adding up to the total', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ countries {
          totalCount
          region: groupBy(field: REGION) { key label count }
          group: groupBy(field: REGIONAL_GROUP) { key label count }
          member: groupBy(field: MEMBER_STATUS) { key label count }
          cyber: groupBy(field: CYBERLAW_STATUS) { key label count }
          data: groupBy(field: CYBERLAW_STATUS, area: DATA_PROTECTION) { key count }
        }
        africa: countries(filter: { region: "002" }) { totalCount groupBy(field: SUBREGION) { key label count } } }`,
      }),
    });
    const body = (await response.json()) as Json;
    expect(body.errors).toBeUndefined();
    const c = body.data.countries;
    const states = await packStates();
    expect(c.totalCount).toBe(states.length);
    for (const grouping of ['region', 'group', 'member', 'cyber', 'data']) {
      const sum = (c[grouping] as { count: number }[]).reduce((s, g) => s + g.count, 0);
      expect(sum, grouping).toBe(states.length);
    }
    // The UN's counts: 193 Member States, 2 observer States, 54 in the African Group.
    expect(c.member).toEqual([
      { key: 'MEMBER', label: 'Member State', count: 193 },
      { key: 'OBSERVER', label: 'Observer State', count: 2 },
    ]);
    expect(c.group.at(-1)).toEqual({ key: 'NONE', label: 'No regional group', count: 2 });
    expect(c.group.find((g: Json) => g.key === 'AFRICAN')).toEqual({
      key: 'AFRICAN',
      label: 'African Group',
      count: 54,
    });
    expect(c.cyber.map((g: Json) => g.key)).toEqual([
      'LEGISLATION',
      'DRAFT_LEGISLATION',
      'NO_LEGISLATION',
      'NO_DATA',
    ]);
    const africa = states.filter((s) => s.regionM49 === '002').length;
    expect(body.data.africa.totalCount).toBe(africa);
    expect(
      body.data.africa.groupBy.reduce((s: number, g: { count: number }) => s + g.count, 0),
    ).toBe(africa);
    expect(body.data.africa.groupBy.map((g: Json) => g.label)).toContain('Sub-Saharan Africa');
  });

  it('refuses `area` with a field other than CYBERLAW_STATUS, naming it', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ countries { groupBy(field: REGION, area: CYBERCRIME) { key } } }`,
      }),
    });
    const body = (await response.json()) as Json;
    expect(clientErrors(body)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "area",
                "message": "is given only with field CYBERLAW_STATUS",
              },
            ],
            "serviceName": "member-states",
          },
          "message": "Invalid input. area: is given only with field CYBERLAW_STATUS",
          "path": [
            "countries",
            "groupBy",
          ],
        },
      ]
    `);
  });
});

describe('trusted documents (TRUSTED_DOCUMENTS=enforce for analysts and the dashboard origin)', () => {
  it('registers every client operation in the forms graphql-js and Apollo Client send', () => {
    for (const operation of clientOperations()) {
      expect(operation.apolloClientBody).toContain('__typename');
      expect(operation.apolloClientSha256).not.toBe(operation.sha256);
    }
  });

  it('accepts a trusted operation from Apollo Client on its first hash-only GET, as Apollo Client hashes it', async () => {
    const { client, exchanges } = apolloClient({ authorization: `Bearer ${analystToken}` });
    const operation = clientOperation('CyberlawStatusWorld');
    const { data } = await client.query<Json>({
      query: gql(operation.body),
      fetchPolicy: 'network-only',
    });
    expect(data.countries.totalCount).toBe((await packStates()).length);
    // Registered at start: the very first request is the hash alone, and it is Apollo Client's.
    expect(exchanges.map((e) => [e.method, e.status])).toEqual([['GET', 200]]);
    const sent = JSON.parse(new URL(exchanges[0]!.url).searchParams.get('extensions')!);
    expect(sent.persistedQuery.sha256Hash).toBe(operation.apolloClientSha256);
    expect(exchanges[0]!.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
  });

  it('refuses an untrusted document for the role with PERSISTED_QUERY_NOT_TRUSTED', async () => {
    const { client, exchanges } = apolloClient({ authorization: `Bearer ${analystToken}` });
    const error = await client
      .query({
        query: gql`
          query Untrusted {
            countries(first: 1) {
              totalCount
            }
          }
        `,
      })
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    expect(error).toBeDefined();
    expect(exchanges.map((e) => [e.method, e.status])).toEqual([['GET', 403]]);
    // Apollo Client reads the 403's GraphQL body: its code, and no retry with the full text.
    expect((error as unknown as Json).errors[0].extensions.code).toBe(
      'PERSISTED_QUERY_NOT_TRUSTED',
    );
  });

  it('refuses untrusted text from the dashboard origin, and serves it to anyone else', async () => {
    const request = (headers: Record<string, string>) =>
      fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ countries(first: 1) { totalCount } }' }),
      });
    const refused = await request({ origin: DASHBOARD_ORIGIN });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Json).errors[0].extensions.code).toBe(
      'PERSISTED_QUERY_NOT_TRUSTED',
    );
    const served = await request({});
    expect(served.status).toBe(200);
    // The exact text of a trusted operation is trusted too, without its hash.
    const trusted = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: DASHBOARD_ORIGIN,
        // The world map asks for 500 States, over the anonymous tier's cost limit.
        authorization: `Bearer ${analystToken}`,
      },
      body: JSON.stringify({ query: clientOperation('CyberlawStatusWorld').body }),
    });
    expect(trusted.status).toBe(200);
  });
});

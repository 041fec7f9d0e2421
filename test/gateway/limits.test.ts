import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { DEV_JWT_SECRET } from '../../loaders/config.js';
import { postGraphQL } from '../support/harness.js';
import { startGatewayStack, type GatewayStack } from './stack.js';

let stack: GatewayStack;

beforeAll(async () => {
  stack = await startGatewayStack({ RESPONSE_CACHE: 'off' });
});
afterAll(() => stack?.close());

async function bearer(role: 'analyst' | 'editor' | 'partner', sub = randomUUID()) {
  const token = await signToken({ sub, role, org: 'org-1' }, { secret: DEV_JWT_SECRET });
  return { authorization: `Bearer ${token}` };
}

function deepQuery(levels: number): string {
  // region → parent → parent → … : a real path through the schema, with no lists.
  let inner = 'name';
  for (let i = 0; i < levels; i += 1) {
    inner = `parent { ${inner} }`;
  }
  return `{ region(m49: "002") { ${inner} } }`;
}

describe('gateway limits, checked before any subgraph is called', () => {
  it('refuses the 50-deep query with QUERY_TOO_COMPLEX naming depth and the excess', async () => {
    stack.memberStates.resetSql();
    const before = stack.notes.requests();
    const response = await postGraphQL(stack.url, deepQuery(50));
    expect(response.status).toBe(400);
    expect(response.errors?.[0]).toMatchObject({
      // Counting stops one level past the limit: the figure is a lower bound, and says so.
      message:
        'Query too complex: depth is 13, over the limit of 12 by 1 (at least; counting stopped there).',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth', maximum: 12, actual: 13 },
    });
    expect(stack.memberStates.sql).toEqual([]);
    expect(stack.notes.requests()).toBe(before);
  });

  it('refuses the alias bomb, naming aliases and the limit', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: __typename`).join(' ');
    const response = await postGraphQL(stack.url, `{ ${aliases} }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'aliases',
      maximum: 20,
      actual: 500,
    });
    expect(response.errors?.[0]?.message).toBe(
      'Query too complex: aliases is 500, over the limit of 20 by 480.',
    );
  });

  it('refuses a document over the token limit before parsing it', async () => {
    // 6 kB, well within the size limit, but 4004 tokens.
    const directives = Array.from({ length: 2000 }, () => '@a').join(' ');
    const response = await postGraphQL(stack.url, `{ __typename ${directives} }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'tokens',
      maximum: 2000,
    });
  });

  it('refuses a document over the size limit, naming the size', async () => {
    const response = await postGraphQL(stack.url, `{ __typename }${' '.repeat(30_000)}`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'documentBytes',
      maximum: 20_000,
      actual: 30_014,
    });
  });

  it('refuses too many root fields', async () => {
    const roots = Array.from({ length: 11 }, (_, i) => `r${i}: regions { name }`).join(' ');
    const response = await postGraphQL(stack.url, `{ ${roots} }`);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    // Eleven aliases are within 20; the root fields are not.
    expect(response.errors?.[0]?.extensions).toMatchObject({
      limit: 'rootFields',
      maximum: 10,
      actual: 11,
    });
  });

  it('rejects a fragment cycle in validation, naming the fragment', async () => {
    const response = await postGraphQL(
      stack.url,
      `{ regions { ...A } } fragment A on M49Region { children { ...B } } fragment B on M49Region { parent { ...A } }`,
    );
    expect(response.status).toBe(400);
    expect(response.errors?.[0]).toMatchObject({
      message: 'Cannot spread fragment "A" within itself via "B".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('refuses first: 1000000 by its estimated cost, before member-states sees it', async () => {
    stack.memberStates.resetSql();
    const response = await postGraphQL(
      stack.url,
      `{ countries(first: 1000000) { edges { node { name } } } }`,
    );
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'cost',
      maximum: 5000,
      // Counting stops once the running cost passes the limit: 1 + 1,000,000 × (at least 1).
      actual: 1_000_001,
    });
    expect(response.errors?.[0]?.message).toMatch(
      /over the limit of 5000 by 995001 \(at least; counting stopped there\)/,
    );
    expect(stack.memberStates.sql).toEqual([]);
  });

  it('reads `first` from variables too', async () => {
    const response = await postGraphQL(
      stack.url,
      `query($n: Int) { countries(first: $n) { edges { node { name } } } }`,
      { n: 1_000_000 },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ limit: 'cost' });
  });

  it('gives analysts and editors higher limits than anonymous viewers', async () => {
    const query = deepQuery(14);
    const anonymous = await postGraphQL(stack.url, query);
    expect(anonymous.errors?.[0]?.extensions).toMatchObject({ limit: 'depth', maximum: 12 });
    for (const role of ['analyst', 'editor'] as const) {
      const trusted = await postGraphQL(stack.url, query, undefined, await bearer(role));
      expect(trusted.errors).toBeUndefined();
      expect(trusted.data?.['region']).toBeDefined();
    }
    const partner = await postGraphQL(stack.url, query, undefined, await bearer('partner'));
    expect(partner.errors?.[0]?.extensions).toMatchObject({ limit: 'depth' });
  });

  it('keeps introspection on: the standard introspection query passes the anonymous limits', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const response = await postGraphQL(stack.url, getIntrospectionQuery());
    expect(response.errors).toBeUndefined();
    expect(response.data?.['__schema']?.queryType).toMatchObject({ name: 'Query' });
  });

  it('answers normal dashboard queries', async () => {
    const response = await postGraphQL(
      stack.url,
      `{ countries(first: 300) { totalCount edges { node { iso3 region { name } } } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.['countries']?.totalCount).toBe(195);
  });
});

describe('per-viewer budget per minute', () => {
  it('answers RATE_LIMITED with retryAfterSeconds and a retry-after header once the budget is spent', async () => {
    const limited = await startGatewayStack({
      RESPONSE_CACHE: 'off',
      LIMIT_BUDGET_PER_MINUTE_ANALYST: '1000',
    });
    try {
      const headers = await bearer('analyst');
      const query = `{ countries(first: 250) { edges { node { iso3 } } } }`; // cost 1 + 250 × 3 = 751
      const first = await postGraphQL(limited.url, query, undefined, headers);
      expect(first.errors).toBeUndefined();
      const response = await fetch(limited.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(429);
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      const body = (await response.json()) as { errors: { message: string; extensions: object }[] };
      expect(body.errors[0]).toMatchObject({
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
      });
      expect(body.errors[0]?.message).toMatch(
        /spent 1502 cost units this minute, over the budget of 1000 by 502/,
      );
      // Another viewer is not affected.
      const other = await postGraphQL(limited.url, query, undefined, await bearer('analyst'));
      expect(other.errors).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});

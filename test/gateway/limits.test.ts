import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { DEV_JWT_SECRET } from '../../loaders/config.js';
import { dataPack } from '../support/data-pack.js';
import { budgetMinuteWithRoom, postGraphQL } from '../support/harness.js';
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
    // Counting stops one level past the limit: the figure is a lower bound, and says so.
    expect(response).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "extensions": {
              "actual": 13,
              "code": "QUERY_TOO_COMPLEX",
              "limit": "depth",
              "maximum": 12,
            },
            "message": "Query too complex: depth is 13, over the limit of 12 by 1 (at least; counting stopped there).",
          },
        ],
        "status": 400,
      }
    `);
    expect(stack.memberStates.sql).toEqual([]);
    expect(stack.notes.requests()).toBe(before);
  });

  it('refuses the alias bomb, naming aliases and the limit', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: __typename`).join(' ');
    expect(await postGraphQL(stack.url, `{ ${aliases} }`)).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "extensions": {
              "actual": 500,
              "code": "QUERY_TOO_COMPLEX",
              "limit": "aliases",
              "maximum": 20,
            },
            "message": "Query too complex: aliases is 500, over the limit of 20 by 480.",
          },
        ],
        "status": 400,
      }
    `);
  });

  it('refuses a document over the token limit before parsing it', async () => {
    // 6 kB, well within the size limit, but 4004 tokens.
    const directives = Array.from({ length: 2000 }, () => '@a').join(' ');
    expect(await postGraphQL(stack.url, `{ __typename ${directives} }`)).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "extensions": {
              "actual": 2001,
              "code": "QUERY_TOO_COMPLEX",
              "limit": "tokens",
              "maximum": 2000,
            },
            "message": "Query too complex: tokens is 2001, over the limit of 2000 by 1 (counting stopped there).",
          },
        ],
        "status": 400,
      }
    `);
  });

  it('refuses a document over the size limit, naming the size', async () => {
    expect(await postGraphQL(stack.url, `{ __typename }${' '.repeat(30_000)}`))
      .toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "extensions": {
              "actual": 30014,
              "code": "QUERY_TOO_COMPLEX",
              "limit": "documentBytes",
              "maximum": 20000,
            },
            "message": "Query too complex: documentBytes is 30014, over the limit of 20000 by 10014.",
          },
        ],
        "status": 400,
      }
    `);
  });

  it('refuses too many root fields', async () => {
    const roots = Array.from({ length: 11 }, (_, i) => `r${i}: regions { name }`).join(' ');
    // Eleven aliases are within 20; the root fields are not.
    expect(await postGraphQL(stack.url, `{ ${roots} }`)).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "extensions": {
              "actual": 11,
              "code": "QUERY_TOO_COMPLEX",
              "limit": "rootFields",
              "maximum": 10,
            },
            "message": "Query too complex: rootFields is 11, over the limit of 10 by 1.",
          },
        ],
        "status": 400,
      }
    `);
  });

  it('rejects a fragment cycle in validation, naming the fragment', async () => {
    const response = await postGraphQL(
      stack.url,
      `{ regions { ...A } } fragment A on M49Region { children { ...B } } fragment B on M49Region { parent { ...A } }`,
    );
    expect(response).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "extensions": {
              "code": "GRAPHQL_VALIDATION_FAILED",
            },
            "locations": [
              {
                "column": 59,
                "line": 1,
              },
              {
                "column": 103,
                "line": 1,
              },
            ],
            "message": "Cannot spread fragment "A" within itself via "B".",
          },
        ],
        "status": 400,
      }
    `);
  });

  it('refuses first: 1000000 by its estimated cost, before member-states sees it', async () => {
    stack.memberStates.resetSql();
    const response = await postGraphQL(
      stack.url,
      `{ countries(first: 1000000) { edges { node { name } } } }`,
    );
    // Counting stops once the running cost passes the limit: 1 + 1,000,000 × (at least 1).
    expect(response).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "extensions": {
              "actual": 1000001,
              "code": "QUERY_TOO_COMPLEX",
              "limit": "cost",
              "maximum": 5000,
            },
            "message": "Query too complex: cost is 1000001, over the limit of 5000 by 995001 (at least; counting stopped there) (each field costs 1 per item; \`first\` sets list sizes).",
          },
        ],
        "status": 400,
      }
    `);
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
    expect(response.data?.['countries']?.totalCount).toBe(
      (await dataPack('member-states').states()).length,
    );
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
      await budgetMinuteWithRoom(15_000);
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
      // The seconds to wait depend on the clock: they are checked, then shown as <s>.
      const [error] = body.errors;
      expect(error?.extensions).toMatchObject({ retryAfterSeconds: retryAfter });
      expect({
        message: error?.message.replace(`Retry after ${retryAfter} s`, 'Retry after <s> s'),
        extensions: { ...error?.extensions, retryAfterSeconds: '<s>' },
      }).toMatchInlineSnapshot(`
        {
          "extensions": {
            "code": "RATE_LIMITED",
            "retryAfterSeconds": "<s>",
          },
          "message": "Rate limited: this viewer spent 1502 cost units this minute, over the budget of 1000 by 502. Retry after <s> s.",
        }
      `);
      // Another viewer is not affected.
      const other = await postGraphQL(limited.url, query, undefined, await bearer('analyst'));
      expect(other.errors).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});

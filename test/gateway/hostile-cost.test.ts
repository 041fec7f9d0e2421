import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { DEV_JWT_SECRET } from '../../loaders/config.js';
import { budgetMinuteWithRoom, postGraphQL } from '../support/harness.js';
import { startGatewayStack, type GatewayStack } from './stack.js';

// Issue 12, findings 2 to 5: the cost analysis measures what execution will do, every request
// pays a floor, nothing is cached before the limits pass, and a subgraph's BAD_USER_INPUT reaches
// the client named and unchanged. Each test failed on the code before issue 12.

let stack: GatewayStack;

beforeAll(async () => {
  stack = await startGatewayStack({ RESPONSE_CACHE: 'off' });
});
afterAll(() => stack?.close());

async function bearer(role: 'analyst', sub = randomUUID()) {
  const token = await signToken({ sub, role, org: 'org-1' }, { secret: DEV_JWT_SECRET });
  return { authorization: `Bearer ${token}` };
}

/** `fragment F0 on Query { ...F1 ...F1 }` … `fragment Fn on Query { __typename }`. */
function fragmentBomb(n: number): string {
  const fragments = Array.from(
    { length: n },
    (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
  );
  return `{ ...F0 }\n${fragments.join('\n')}\nfragment F${n} on Query { __typename }`;
}

async function documentLookups(): Promise<{ hit: number; miss: number }> {
  const text = await (await fetch(new URL('/metrics', stack.url))).text();
  const value = (result: string) =>
    Number(
      new RegExp(
        `gateway_cache_requests_total\\{cache="document",result="${result}"\\} (\\d+)`,
      ).exec(text)?.[1] ?? 0,
    );
  return { hit: value('hit'), miss: value('miss') };
}

describe('cost measured the way execution runs', () => {
  it('answers the 2^60 fragment bomb at once: a fragment spread twice in a selection counts once', async () => {
    const query = fragmentBomb(60);
    expect(query.length).toBeLessThan(5_000);
    const response = await postGraphQL(stack.url, query);
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ __typename: 'Query' });
    const health = await fetch(new URL('/health', stack.url));
    expect(health.status).toBe(200);
  }, 20_000);

  it('prices a bomb of distinct fields, and stops counting once the cost passes the limit', async () => {
    // Each level selects its list twice under two aliases: execution really does 2^n work.
    const n = 9; // 18 aliases: under the alias limit
    const fragments = Array.from(
      { length: n },
      (_, i) =>
        `fragment R${i} on M49Region { a: children { ...R${i + 1} } b: children { ...R${i + 1} } }`,
    );
    const query = `{ region(m49: "001") { ...R0 } }\n${fragments.join('\n')}\nfragment R${n} on M49Region { name }`;
    expect(await postGraphQL(stack.url, query)).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "extensions": {
              "actual": 19532,
              "code": "QUERY_TOO_COMPLEX",
              "limit": "cost",
              "maximum": 5000,
            },
            "message": "Query too complex: cost is 19532, over the limit of 5000 by 14532 (at least; counting stopped there) (each field costs 1 per item; \`first\` sets list sizes).",
          },
        ],
        "status": 400,
      }
    `);
  }, 20_000);

  it('applies variable defaults: `first: $n` with `$n = 450` costs what `first: 450` costs', async () => {
    const fields = Array.from({ length: 10 }, (_, i) => `f${i}: iso3`).join(' ');
    const literal = await postGraphQL(
      stack.url,
      `{ countries(first: 450) { edges { node { ${fields} } } } }`,
    );
    const defaulted = await postGraphQL(
      stack.url,
      `query($n: Int = 450) { countries(first: $n) { edges { node { ${fields} } } } }`,
    );
    for (const response of [literal, defaulted]) {
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'QUERY_TOO_COMPLEX',
        limit: 'cost',
      });
    }
    expect(defaulted.errors?.[0]?.message).toBe(literal.errors?.[0]?.message);
    expect(literal).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "extensions": {
              "actual": 5401,
              "code": "QUERY_TOO_COMPLEX",
              "limit": "cost",
              "maximum": 5000,
            },
            "message": "Query too complex: cost is 5401, over the limit of 5000 by 401 (at least; counting stopped there) (each field costs 1 per item; \`first\` sets list sizes).",
          },
        ],
        "status": 400,
      }
    `);
  });

  it('refuses undeclared variables, naming them, before measuring or caching anything', async () => {
    const junk = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`junk${i}`, 'x'.repeat(100)]),
    );
    const response = await postGraphQL(stack.url, '{ __typename }', junk);
    expect(response.status).toBe(400);
    const error = response.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(error?.extensions?.['invalidFields']).toHaveLength(10);
    expect(error?.extensions?.['invalidFields'][0]).toEqual({
      field: '$junk0',
      message: 'is not declared by the operation (12 undeclared variables in all)',
    });
  });

  it('refuses a variable that does not coerce, naming it', async () => {
    const response = await postGraphQL(
      stack.url,
      'query($n: Int) { countries(first: $n) { totalCount } }',
      { n: 'many' },
    );
    expect(response).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "extensions": {
              "code": "BAD_USER_INPUT",
              "invalidFields": [
                {
                  "field": "$n",
                  "message": "Variable "$n" got invalid value "many"; Int cannot represent non-integer value: "many"",
                },
              ],
            },
            "message": "Invalid input. $n: Variable "$n" got invalid value "many"; Int cannot represent non-integer value: "many"",
          },
        ],
        "status": 400,
      }
    `);
  });

  it('keeps a refused document out of the document cache', async () => {
    const refused = `{ countries(first: 100000) { edges { node { iso3 name } } } }`;
    const before = await documentLookups();
    for (let i = 0; i < 2; i += 1) {
      const response = await postGraphQL(stack.url, refused);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    }
    const after = await documentLookups();
    expect(after.hit - before.hit).toBe(0);
    expect(after.miss - before.miss).toBe(2);
    // An accepted document is cached: its second request is a hit.
    for (let i = 0; i < 2; i += 1) {
      expect(
        (await postGraphQL(stack.url, '{ countries(first: 1) { totalCount } }')).errors,
      ).toBeUndefined();
    }
    expect((await documentLookups()).hit - after.hit).toBe(1);
  });
});

describe('every request pays a floor cost', () => {
  it('charges refused requests too, until the viewer is RATE_LIMITED', async () => {
    const limited = await startGatewayStack({
      RESPONSE_CACHE: 'off',
      LIMIT_BUDGET_PER_MINUTE_ANALYST: '100',
      LIMIT_FLOOR_COST: '10',
    });
    try {
      const headers = await bearer('analyst');
      const codes: string[] = [];
      await budgetMinuteWithRoom(15_000);
      for (let i = 0; i < 11; i += 1) {
        const response = await postGraphQL(limited.url, '{ not valid', undefined, headers);
        codes.push(String(response.errors?.[0]?.extensions?.['code']));
      }
      expect(codes.slice(0, 10)).toEqual(Array(10).fill('GRAPHQL_PARSE_FAILED'));
      expect(codes[10]).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});

describe('bad input is named, never masked', () => {
  it.each([
    ['{ country(iso3: "ken") { name } }', 'iso3', /"ken"/],
    ['{ region(m49: "2") { name } }', 'm49', /"2"/],
  ])(
    '%s: BAD_USER_INPUT from the subgraph, naming %s and the value',
    async (query, field, value) => {
      const response = await postGraphQL(stack.url, query);
      const error = response.errors?.[0];
      expect(error?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        serviceName: 'member-states',
        invalidFields: [{ field }],
      });
      expect(error?.message).toMatch(new RegExp(`^Invalid input\\. ${field}: `));
      expect(error?.message).toMatch(value);
    },
  );

  it('a variable of a malformed scalar: BAD_USER_INPUT naming the variable and the value', async () => {
    const response = await postGraphQL(
      stack.url,
      'query($c: CountryCode!) { country(iso3: $c) { name } }',
      { c: 'ken' },
    );
    expect(response).toMatchInlineSnapshot(`
      {
        "data": null,
        "errors": [
          {
            "extensions": {
              "code": "BAD_USER_INPUT",
              "serviceName": "member-states",
            },
            "message": "Variable "$c" got invalid value "ken"; CountryCode must be an ISO 3166-1 alpha-3 code of three capital letters, such as "KEN"; got "ken".",
          },
        ],
        "status": 200,
      }
    `);
  });

  it.each([
    ['a NUL in a string literal', '{ country(iso3: "KE\\u0000") { name } }', undefined, 'iso3'],
    [
      'a NUL in a variable',
      'query($s: String) { countries(first: 1, after: $s) { totalCount } }',
      { s: 'a\u0000b' },
      '$s',
    ],
    ['an Int out of range', '{ countries(first: 99999999999) { totalCount } }', undefined, 'first'],
    [
      'a cursor holding 1e400',
      `{ countries(first: 1, after: "${Buffer.from('[1e400,"a"]').toString('base64url')}") { totalCount } }`,
      undefined,
      'after',
    ],
    [
      'a cursor holding a NUL',
      `{ countries(first: 1, after: "${Buffer.from('["a\\u0000","b"]').toString('base64url')}") { totalCount } }`,
      undefined,
      'after',
    ],
  ])('%s is BAD_USER_INPUT naming it', async (_name, query, variables, field) => {
    const response = await postGraphQL(stack.url, query, variables);
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [{ field }],
    });
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayStack, type GatewayStack } from './stack.js';

// Field usage through a real gateway: each operation's schema coordinates counted per client and
// operation, written in a batch (Redis when REDIS_URL is set, else memory), and asked back on
// the token-guarded ops endpoint.
const TOKEN = 'usage-token-for-tests-only-0123456789';
// Usage is kept for 31 days in a Redis other test files share: this run's clients carry their own
// names, and the answers are read for them alone.
const RUN = randomUUID().slice(0, 8);
const ATLAS = `atlas-web-${RUN}`;
const REPORT = `report-cli-${RUN}`;
const ours = (report: { clients: { client: string; count: number }[] }) =>
  report.clients.filter((c) => c.client.endsWith(RUN));
let stack: GatewayStack;

beforeAll(async () => {
  stack = await startGatewayStack({ METRICS_TOKEN: TOKEN, RESPONSE_CACHE: 'off' });
}, 120_000);
afterAll(() => stack?.close());

async function ask(query: string, client: [string, string], variables?: object) {
  const response = await fetch(stack.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'apollographql-client-name': client[0],
      'apollographql-client-version': client[1],
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown };
  expect(body.errors).toBeUndefined();
}

async function usage(coordinate: string, token = TOKEN) {
  return fetch(`${stack.origin}/usage?coordinate=${encodeURIComponent(coordinate)}&days=30`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

describe('field usage', () => {
  it('counts who used an argument, by client and operation, and answers only the token holder', async () => {
    const byVariable = `query Members($f: CountryFilter) { countries(first: 2, filter: $f) { totalCount } }`;
    await ask(byVariable, [ATLAS, '2.1.0'], { f: { memberStatus: 'MEMBER' } });
    await ask(byVariable, [ATLAS, '2.1.0'], { f: { memberStatus: 'OBSERVER' } });
    await ask(`query Observers { countries(filter: { memberStatus: OBSERVER }) { totalCount } }`, [
      REPORT,
      '0.3',
    ]);
    await ask(`query Names { countries(first: 1) { edges { node { name } } } }`, [ATLAS, '2.1.0']);
    await stack.gateway.usage.flush();

    expect((await usage('Query.countries(filter)', 'wrong')).status).toBe(401);
    const response = await usage('Query.countries(filter)');
    expect(response.status).toBe(200);
    const report = (await response.json()) as any;
    expect(report).toMatchObject({ coordinate: 'Query.countries(filter:)', days: 30 });
    expect(report.total).toBeGreaterThanOrEqual(3);
    expect(ours(report)).toEqual([
      {
        client: ATLAS,
        clientVersion: '2.1.0',
        count: 2,
        operations: [
          {
            operation: expect.stringMatching(/^Members#[0-9a-f]{12}$/),
            count: 2,
            signature: expect.stringContaining('query Members'),
          },
        ],
      },
      expect.objectContaining({ client: REPORT, clientVersion: '0.3', count: 1 }),
    ]);

    // Enum values count whether written in the document or passed in variables.
    const observer = (await (await usage('MemberStatus.OBSERVER')).json()) as any;
    expect(ours(observer).reduce((n, c) => n + c.count, 0)).toBe(2);
    const names = (await (await usage('Country.name')).json()) as any;
    expect(ours(names)).toEqual([expect.objectContaining({ client: ATLAS, count: 1 })]);
  });

  it('refuses a malformed coordinate or window with BAD_USER_INPUT', async () => {
    const response = await fetch(`${stack.origin}/usage?coordinate=Country.name&days=90`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });
});

import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../gateway/config.js';
import { generateIdentityKey } from '../../loaders/identity.js';
import { listen, type Listening } from '../../schema/server/listen.js';
import { dataPack } from '../support/data-pack.js';
import { postGraphQL } from '../support/harness.js';
import { startGatewayStack, type GatewayStack } from './stack.js';

const TOKEN = 'metrics-token-for-tests-only-0123456789';
let stack: GatewayStack;
let opsPort: GatewayStack;
let ops: Listening;

beforeAll(async () => {
  stack = await startGatewayStack({
    METRICS_TOKEN: TOKEN,
    TRUSTED_PROXIES: '127.0.0.1,::1',
    RESPONSE_CACHE: 'off',
    LIMIT_BUDGET_PER_MINUTE: '1000',
  });
  opsPort = await startGatewayStack({ METRICS_PORT: '0' });
  ops = await listen(opsPort.gateway.opsListener, { host: '127.0.0.1', port: 0, path: '/metrics' });
}, 120_000);
afterAll(async () => {
  await ops?.close();
  await opsPort?.close();
  await stack?.close();
});

const auth = { authorization: `Bearer ${TOKEN}` };

describe('/metrics and /ready', () => {
  it('serves /metrics behind METRICS_TOKEN: 401 without it or with a wrong one', async () => {
    expect((await fetch(`${stack.origin}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${stack.origin}/metrics`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${stack.origin}/metrics`, { headers: auth });
    expect(right.status).toBe(200);
    expect(await right.text()).toMatch(/gateway_/);
  });

  it('tells anyone whether the gateway is ready, and only the token holder which subgraphs', async () => {
    const open = await fetch(`${stack.origin}/ready`);
    expect(open.status).toBe(200);
    expect(await open.json()).toEqual({ status: 'ready' });
    const detailed = await fetch(`${stack.origin}/ready`, { headers: auth });
    expect(await detailed.json()).toMatchObject({
      status: 'ready',
      subgraphs: expect.arrayContaining([expect.objectContaining({ name: 'notes' })]),
    });
  });

  it('with METRICS_PORT, serves /metrics on that port only', async () => {
    expect((await fetch(`${opsPort.origin}/metrics`)).status).toBe(404);
    expect(await (await fetch(`${opsPort.origin}/ready`)).json()).toEqual({ status: 'ready' });
    const origin = new URL(ops.url).origin;
    const metrics = await fetch(`${origin}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/gateway_/);
    expect(await (await fetch(`${origin}/ready`)).json()).toMatchObject({
      subgraphs: expect.any(Array),
    });
    expect((await fetch(`${origin}/graphql`)).status).toBe(404);
  });

  it('keeps /metrics off the GraphQL port in production unless a token or port is set', () => {
    // Strong, distinct secrets, so the check stands whatever production demands of them.
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'crg',
      IDENTITY_SIGNING_KEY: JSON.stringify(generateIdentityKey('ops-endpoints-core')),
    };
    expect(readGatewayConfig(production).metrics?.onMainPort).toBe(false);
    expect(readGatewayConfig({ ...production, METRICS_TOKEN: TOKEN }).metrics?.onMainPort).toBe(
      true,
    );
    expect(readGatewayConfig({}).metrics?.onMainPort).toBe(true);
    expect(() => readGatewayConfig({ TRUSTED_PROXIES: '10.0.0.0/8, proxy.local' })).toThrow(
      /TRUSTED_PROXIES: "proxy.local" is not an IP address or CIDR range/,
    );
  });
});

describe('request ids', () => {
  it('makes its own request id and never takes the client’s', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': 'client-chosen-id',
        // Its own budget: other files' anonymous requests share 127.0.0.1's in Redis.
        'x-forwarded-for': `203.0.113.${randomInt(1, 255)}`,
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });
});

describe('anonymous budgets behind trusted proxies', () => {
  // A fresh documentation-range address per run: budgets live in Redis for a minute.
  const address = () => `198.51.100.${randomInt(1, 255)}`;
  const query = `{ countries(first: 250) { edges { node { iso3 } } } }`; // cost 751
  const asClient = (forwardedFor: string) => ({ 'x-forwarded-for': forwardedFor });

  it('keys each client by its X-Forwarded-For address, read right to left', async () => {
    const a = address();
    let b = address();
    while (b === a) {
      b = address();
    }
    // A spends its budget (a minute boundary may reset it once, hence up to three tries).
    let limited = false;
    for (let i = 0; i < 3 && !limited; i += 1) {
      const spent = await postGraphQL(stack.url, query, undefined, asClient(a));
      limited = spent.errors?.[0]?.extensions?.['code'] === 'RATE_LIMITED';
    }
    expect(limited).toBe(true);
    // A forged entry left of the proxy's own does not make A someone else.
    const forged = await postGraphQL(stack.url, query, undefined, asClient(`${b}, ${a}`));
    expect(forged.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
    // B, behind the same proxy, has its own budget.
    const other = await postGraphQL(stack.url, query, undefined, asClient(b));
    expect(other.errors).toBeUndefined();
    expect(other.data?.['countries'].edges).toHaveLength(
      (await dataPack('member-states').states()).length,
    );
  });
});

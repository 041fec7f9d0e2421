import { afterEach, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { DEV_JWT_SECRET } from '../../loaders/config.js';
import { startGatewayStack, type GatewayStack } from './stack.js';

// The gateway signs the viewer with a secret per subgraph when one is configured, so a partner
// that holds its own secret (to verify viewers) cannot sign viewers a core subgraph accepts.
let stack: GatewayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function asAnalyst(url: string) {
  const token = await signToken(
    { sub: 'secrets-test', role: 'analyst' },
    { secret: DEV_JWT_SECRET },
  );
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ country(iso3: "KEN") { name } }' }),
  });
  return (await response.json()) as {
    data?: unknown;
    errors?: { extensions?: { code?: string } }[];
  };
}

describe('per-subgraph identity secrets', () => {
  it('signs toward a subgraph with its own secret: a subgraph holding another secret refuses the viewer', async () => {
    stack = await startGatewayStack({
      RESPONSE_CACHE: 'off',
      IDENTITY_SECRET_MEMBER_STATES: 'a-secret-member-states-does-not-hold-000000',
    });
    const { data, errors } = await asAnalyst(stack.url);
    expect(data ?? null).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('uses the shared secret for subgraphs without their own', async () => {
    stack = await startGatewayStack({
      RESPONSE_CACHE: 'off',
      IDENTITY_SECRET_NOTES: 'x'.repeat(40),
    });
    expect(await asAnalyst(stack.url)).toEqual({ data: { country: { name: 'Kenya' } } });
  });
});

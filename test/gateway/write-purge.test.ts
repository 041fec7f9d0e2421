import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { readGatewayConfig } from '../../gateway/config.js';
import { DEV_JWT_SECRET, readRuntimeConfig } from '../../loaders/config.js';
import { startStack, type Stack } from '../../scripts/stack.js';
import { CORE_SUBGRAPHS } from '../../subgraphs/index.js';
import { silentLogger } from '../support/harness.js';
import { CREATE_PARTNERSHIP, newPartnership } from '../support/partnerships.js';

// Every core subgraph and the gateway in one process, sharing one cache (Redis when REDIS_URL is
// set), as `npm start` runs them: a real write must purge every cached response it makes stale,
// derived figures included.
let stack: Stack;

beforeAll(async () => {
  const env = { ...process.env, LOG_LEVEL: 'silent' };
  stack = await startStack({
    runtimeConfig: readRuntimeConfig(env),
    gatewayConfig: readGatewayConfig({
      ...env,
      LIMIT_BUDGET_PER_MINUTE: '1000000000',
      RESPONSE_CACHE: 'on',
    }),
    logger: silentLogger,
    subgraphs: CORE_SUBGRAPHS,
    memory: true,
    ports: 'ephemeral',
  });
}, 120_000);
afterAll(() => stack?.close());

async function post(query: string, variables?: Record<string, unknown>, token?: string) {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { cache: response.headers.get('x-response-cache'), body: (await response.json()) as any };
}

const COVERAGE = `{ partnerCoverage(theme: VIRTUAL_ASSETS, asOf: "2031-06-30") { region { m49 } activePartnerships } }`;

function africa(body: any): number {
  return body.data.partnerCoverage.find((c: any) => c.region.m49 === '002').activePartnerships;
}

describe('response cache and writes', () => {
  it('serves a derived figure from the cache until a write changes its inputs, then the fresh figure', async () => {
    const first = await post(COVERAGE);
    expect(first.body.errors).toBeUndefined();
    const before = africa(first.body);
    const second = await post(COVERAGE);
    expect(second.cache).toBe('hit');
    expect(africa(second.body)).toBe(before);

    const editor = await signToken(
      { sub: 'purge-test', role: 'editor' },
      { secret: DEV_JWT_SECRET },
    );
    const created = await post(
      CREATE_PARTNERSHIP,
      { input: newPartnership('Cache purge test partnership') },
      editor,
    );
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.createPartnership.reviewStatus).toBe('PUBLISHED');

    const after = await post(COVERAGE);
    expect(after.cache).not.toBe('hit');
    expect(africa(after.body)).toBe(before + 1);
  });
});

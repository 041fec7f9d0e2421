import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { readGatewayConfig } from '../../gateway/config.js';
import { DEV_JWT_SECRET, readRuntimeConfig } from '../../loaders/config.js';
import { startStack, type Stack } from '../../scripts/stack.js';
import { CORE_SUBGRAPHS } from '../../subgraphs/index.js';
import { postGraphQL, silentLogger } from '../support/harness.js';
import { databaseUrl, redisUrl } from '../support/services.js';

// Issue 22's "done when", through the gateway with default (real-only) arguments: the UNCTAD
// status of every State with its attribution, the law catalogue's size, and a Budapest
// ratification recorded by an editor in the history before and after its date.
let stack: Stack;
const ATTRIBUTION = 'Source: UN Trade and Development (UNCTAD), Global Cyberlaw Tracker';

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
      RESPONSE_CACHE: 'off',
      // Budgets live in the shared Redis, keyed by client address: earlier files' requests from
      // 127.0.0.1 in the same minute must not spend this one's (budgets have tests of their own).
      LIMIT_BUDGET_PER_MINUTE: '1000000000',
    }),
    logger: silentLogger,
    subgraphs: CORE_SUBGRAPHS,
    memory: !databaseUrl,
    ports: 'ephemeral',
  });
}, 180_000);
afterAll(() => stack?.close());

type Json = any;
async function ask(query: string, variables?: Record<string, unknown>, token?: string) {
  const body = await postGraphQL(
    stack.gatewayUrl,
    query,
    variables,
    token ? { authorization: `Bearer ${token}` } : {},
  );
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as Json;
}

describe('the repository filled with real data, through the gateway', () => {
  it('gives every one of the 195 States its UNCTAD status with attribution and counts the laws', async () => {
    const data = await ask(`{
      countries(first: 200) { totalCount edges { node { iso3
        cyberlawStatus(area: CYBERCRIME) { asOf attribution } } } }
      laws: searchLegislation(first: 1) { totalCount }
      none: countries(filter: { cyberlawStatus: { area: CYBERCRIME, status: NO_LEGISLATION } }) { totalCount }
    }`);
    const nodes = data.countries.edges.map((e: Json) => e.node);
    expect(nodes).toHaveLength(195);
    for (const n of nodes) {
      expect(n.cyberlawStatus, n.iso3).toEqual([
        expect.objectContaining({ attribution: ATTRIBUTION, asOf: '2026-03-05' }),
      ]);
    }
    expect(data.laws.totalCount).toBeGreaterThanOrEqual(200);
    const withLaws = await ask(
      `{ countries(first: 200) { edges { node { legislation { id } } } } }`,
    );
    expect(
      withLaws.countries.edges.filter((e: Json) => e.node.legislation.length > 0).length,
    ).toBeGreaterThanOrEqual(170);
    expect(data.none.totalCount).toBe(14);
  });

  it('shows a Budapest ratification an editor records before and after its date and in the movements', async () => {
    const token = await signToken(
      { sub: 'gateway-test', role: 'editor' },
      { secret: DEV_JWT_SECRET },
    );
    const recorded = await ask(
      `mutation($input: RecordTreatyActionInput!) { recordTreatyAction(input: $input) { id date } }`,
      {
        input: {
          instrument: 'CETS-185',
          participant: 'ISL',
          action: 'RATIFICATION',
          date: '2007-01-29',
          source: 'test: test/gateway/real-data.test.ts (not checked against the depositary)',
          confidence: 'TO_VERIFY',
        },
      },
      token,
    );
    expect(recorded.recordTreatyAction.date).toBe('2007-01-29');
    const AT = `query($asOf: Date) { treatyParticipation(instrument: "CETS-185", asOf: $asOf) {
      participants { participantCode status since by participant { ... on Country { iso3 name } } } } }`;
    const at = async (asOf: string) =>
      (await ask(AT, { asOf })).treatyParticipation.participants.find(
        (p: Json) => p.participantCode === 'ISL',
      );
    // Before: at most a signatory (Iceland signed in 2001).
    expect((await at('2007-01-28'))?.status).not.toBe('PARTY');
    expect(await at('2007-01-29')).toMatchObject({
      status: 'PARTY',
      since: '2007-01-29',
      by: 'RATIFICATION',
      participant: { iso3: 'ISL', name: 'Iceland' },
    });
    const moves =
      await ask(`{ treatyMovements(instrument: "CETS-185", from: "2007-01-01", to: "2007-12-31") {
      participantCode action date } }`);
    expect(moves.treatyMovements).toContainEqual({
      participantCode: 'ISL',
      action: 'RATIFICATION',
      date: '2007-01-29',
    });
  });
});

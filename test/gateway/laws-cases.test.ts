import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { readGatewayConfig } from '../../gateway/config.js';
import { DEV_JWT_SECRET, readRuntimeConfig } from '../../loaders/config.js';
import { startStack, type Stack } from '../../scripts/stack.js';
import { CORE_SUBGRAPHS } from '../../subgraphs/index.js';
import { silentLogger } from '../support/harness.js';

// Case law through the gateway, as clients use it: filters and full-text search, a focal point's
// proposal and an editor's review, with the response cache on (Redis when REDIS_URL is set), so
// each write must purge the cached pages it makes stale.
let stack: Stack;
let editor: string;
let focalKen: string;
let focalUga: string;

beforeAll(async () => {
  const env = { ...process.env, LOG_LEVEL: 'silent' };
  stack = await startStack({
    runtimeConfig: readRuntimeConfig(env),
    gatewayConfig: readGatewayConfig({
      ...env,
      LIMIT_BUDGET_PER_MINUTE: '1000000000',
      LIMIT_BUDGET_PER_MINUTE_ANALYST: '1000000000',
      RESPONSE_CACHE: 'on',
    }),
    logger: silentLogger,
    subgraphs: CORE_SUBGRAPHS,
    memory: true,
    ports: 'ephemeral',
  });
  const sign = (claims: Parameters<typeof signToken>[0]) =>
    signToken(claims, { secret: DEV_JWT_SECRET });
  editor = await sign({ sub: 'laws-cases-gw', role: 'editor' });
  focalKen = await sign({ sub: 'laws-cases-gw', role: 'state_focal_point', country: 'KEN' });
  focalUga = await sign({ sub: 'laws-cases-gw', role: 'state_focal_point', country: 'UGA' });
}, 180_000);
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

const KEN_CASES = `query($text: String) {
  searchCases(text: $text, filter: { countryIso3s: ["KEN"], crimeType: "CYBERCRIME" }, first: 50) {
    totalCount edges { node { snippet caseLaw { id reviewStatus countries { iso3 name } } } }
  }
}`;
const ids = (body: any): string[] => body.data.searchCases.edges.map((e: any) => e.node.caseLaw.id);

describe('case law through the gateway', () => {
  it('filters and searches, joining each case’s States from member-states', async () => {
    const { body } = await post(`{
      europe: searchCases(filter: { region: "150", toYear: 2020 }) { totalCount edges { node { caseLaw { id countries { iso3 name } } } } }
      text: searchCases(text: "authorized access", filter: { offenceCategory: "BC-2" }) { edges { node { snippet caseLaw { id } } } }
      lessons: searchLessons(filter: { region: "009", categories: ["cooperation"] }) { edges { node { lesson { id country { iso3 name } } } } }
      parties: participations(filter: { instrument: "CETS-185", region: "014" }) { participant { ... on Country { iso3 } } }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.europe.edges.map((e: any) => e.node.caseLaw.id).sort()).toEqual([
      'CJEU-2014-DIGITAL-RIGHTS-IRELAND',
      'ECHR-2008-KU-FIN',
      'ECHR-2018-BENEDIK-SVN',
    ]);
    const finland = body.data.europe.edges.find(
      (e: any) => e.node.caseLaw.id === 'ECHR-2008-KU-FIN',
    );
    expect(finland.node.caseLaw.countries).toEqual([{ iso3: 'FIN', name: 'Finland' }]);
    expect(body.data.text.edges[0].node.caseLaw.id).toBe('USA-SC-2021-VAN-BUREN');
    expect(body.data.text.edges[0].node.snippet).toContain('<mark>');
    expect(body.data.lessons.edges).toEqual([
      { node: { lesson: { id: 'AUS-NPCC-2022', country: { iso3: 'AUS', name: 'Australia' } } } },
    ]);
    const eastAfrica = body.data.parties.map((p: any) => p.participant.iso3);
    expect(eastAfrica.length).toBeGreaterThan(0);
    expect(eastAfrica).not.toContain('MAR');
  });

  it('keeps a focal point’s proposal from the public until an editor publishes it, purging cached pages', async () => {
    const before = await post(KEN_CASES);
    expect(before.body.errors).toBeUndefined();
    const cached = await post(KEN_CASES);
    expect(cached.cache).toBe('hit');
    const count = before.body.data.searchCases.totalCount as number;

    const input = {
      countryIso3s: ['KEN'],
      court: 'Test-only court (gateway test)',
      jurisdictionLevel: 'NATIONAL',
      caseName: 'Gateway v. Test (test-only, not a real decision)',
      decisionDate: '2025-02-03',
      crimeTypes: ['CYBERCRIME'],
      factSummary: 'Test-only record on a phishing kit sold online.',
      source: 'test: laws-cases gateway test',
    };
    const create = `mutation($i: CreateCaseLawInput!) { createCaseLaw(input: $i) { id reviewStatus } }`;
    const refused = await post(create, { i: input }, focalUga);
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'input.countryIso3s',
      serviceName: 'laws',
    });
    const bad = await post(create, { i: { ...input, caseName: '' } }, focalKen);
    expect(bad.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [{ field: 'input.caseName', message: 'must not be empty' }],
    });
    const proposed = await post(create, { i: input }, focalKen);
    expect(proposed.body.errors).toBeUndefined();
    const id = proposed.body.data.createCaseLaw.id as string;
    expect(proposed.body.data.createCaseLaw.reviewStatus).toBe('PENDING_REVIEW');

    const publicView = await post(KEN_CASES);
    expect(publicView.body.data.searchCases.totalCount).toBe(count);
    expect(ids(publicView.body)).not.toContain(id);
    const own = await post(KEN_CASES, { text: 'phishing' }, focalKen);
    expect(ids(own.body)).toContain(id);

    const reviewed = await post(
      `mutation($id: ID!) { reviewCaseLaw(id: $id, decision: PUBLISHED) { id reviewStatus } }`,
      { id },
      editor,
    );
    expect(reviewed.body.errors).toBeUndefined();
    expect(reviewed.body.data.reviewCaseLaw.reviewStatus).toBe('PUBLISHED');

    const after = await post(KEN_CASES);
    expect(after.cache).not.toBe('hit');
    expect(after.body.data.searchCases.totalCount).toBe(count + 1);
    const found = await post(KEN_CASES, { text: 'phishing' });
    const hit = found.body.data.searchCases.edges.find((e: any) => e.node.caseLaw.id === id);
    expect(hit.node.snippet).toContain('<mark>phishing</mark>');
    const country = await post(`{ country(iso3: "KEN") { name cases { id } } }`);
    expect(country.body.data.country.cases.map((c: any) => c.id)).toContain(id);

    const audit = await post(
      `query($id: String) { lawsAuditLog(entityType: "CaseLaw", entityId: $id) { action actorRole } }`,
      { id },
      editor,
    );
    expect(audit.body.data.lawsAuditLog).toEqual([
      { action: 'PUBLISHED', actorRole: 'editor' },
      { action: 'SUBMIT', actorRole: 'state_focal_point' },
    ]);
  });
});

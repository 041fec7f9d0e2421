import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { readGatewayConfig } from '../../gateway/config.js';
import { DEV_JWT_SECRET, readRuntimeConfig } from '../../loaders/config.js';
import { startStack, type Stack } from '../../scripts/stack.js';
import { CORE_SUBGRAPHS } from '../../subgraphs/index.js';
import { readRealPartnerships } from '../../subgraphs/partners/partners.seed.js';
import { dataPack } from '../support/data-pack.js';
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
    const states = (await dataPack('member-states').states()).map((s) => s.iso3);
    expect(nodes.map((n: Json) => n.iso3).sort()).toEqual(states.sort());
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
    const tracker = await dataPack('member-states').rows('unctad_cyberlaw_tracker.csv');
    expect(data.none.totalCount).toBe(
      tracker.filter((row) => row['cybercrime_status'] === 'NO_LEGISLATION').length,
    );
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

// Issue 22 item 5: real partnerships, money and activities, with default (real-only) arguments.
describe('real partnerships, money and activities, through the gateway', () => {
  it('lists at least 30 real partnerships with their implementers and funders, each attributed', async () => {
    const data = await ask(`{ partnerships(first: 100) { totalCount edges { node {
      id synthetic source confidence licence attribution datesAsGiven
      members { role organization { id name synthetic attribution } } } } } }`);
    // Other files may add partnerships through the API: the data pack's 31 are the ones checked.
    const pack = new Set((await readRealPartnerships()).map((p) => p.row.id));
    const nodes = data.partnerships.edges
      .map((e: Json) => e.node)
      .filter((p: Json) => pack.has(p.id));
    expect(nodes).toHaveLength(pack.size);
    expect(data.partnerships.totalCount).toBeGreaterThanOrEqual(30);
    const withBoth = nodes.filter(
      (p: Json) =>
        p.members.some((m: Json) => m.role === 'LEAD' || m.role === 'IMPLEMENTING') &&
        p.members.some((m: Json) => m.role === 'FUNDING'),
    );
    expect(withBoth.length).toBeGreaterThanOrEqual(30);
    for (const p of nodes) {
      expect(p.synthetic, p.id).toBe(false);
      expect(p.attribution, p.id).toMatch(
        /^Source: .*Compiled for the Cybercrime Repository Graph/,
      );
      expect(p.licence, p.id).toMatch(/compiled for this project/);
      // Real records name real organisations only, each with its own attribution.
      for (const m of p.members) {
        expect(m.organization.synthetic, `${p.id} ${m.organization.id}`).toBe(false);
        expect(m.organization.attribution).toMatch(/^Source: /);
      }
    }
    const glacyPlus = nodes.find((p: Json) => p.id === 'glacy-plus');
    expect(glacyPlus).toMatchObject({ datesAsGiven: '2016-03 to 2024-02', confidence: 'VERIFIED' });
    expect(glacyPlus.members.map((m: Json) => [m.organization.id, m.role])).toEqual([
      ['coe', 'LEAD'],
      ['eu', 'FUNDING'],
      ['interpol', 'IMPLEMENTING'],
    ]);
    expect(glacyPlus.attribution).toContain('GFCE Cybil Portal');
  });

  it('funds the partner projects in their own currency, converted with the rate and its provenance, never as Global Programme income', async () => {
    const data = await ask(`{
      cybereast: project(id: "cybereast") { synthetic parent { id } attribution
        budgets { value { amount currency valueDate conversion { amountUsd fxRate fxRatePeriod fxSource } } }
        transactions { id type provider { id } value { amount currency conversion { fxRatePeriod fxSource } } } }
      gpc: fundingSummary(groupBy: [DONOR], projectId: "gpc") { groups { donor { id } } }
    }`);
    expect(data.cybereast.synthetic).toBe(false);
    expect(data.cybereast.parent).toBeNull();
    expect(data.cybereast.budgets).toEqual([
      {
        value: {
          amount: '4200000',
          currency: 'EUR',
          valueDate: '2019-06-20',
          conversion: expect.objectContaining({
            fxRatePeriod: '2019-06',
            fxSource: expect.stringContaining('FRED'),
          }),
        },
      },
    ]);
    expect(data.cybereast.transactions).toEqual([
      {
        id: 'cybereast-eu',
        type: 'INCOMING_COMMITMENT',
        provider: { id: 'eu' },
        value: {
          amount: '4222222',
          currency: 'EUR',
          conversion: { fxRatePeriod: '2019-06', fxSource: expect.stringContaining('FRED') },
        },
      },
    ]);
    // Partner money (EU, Korea, the Octopus donors) is never Global Programme income.
    const gpcDonors = data.gpc.groups.map((g: Json) => g.donor.id).sort();
    expect(gpcDonors).toEqual(['gov-can', 'gov-nor', 'gov-usa']);
  });

  it('gives the Global Programme its real contributions with their sources and attribution, amount-less ones as dated records, and never sums the Tunisia equipment value', async () => {
    const data = await ask(`{
      gpcContributions: globalProgrammeContributions { id date synthetic source attribution licence
        attributedToGlobalProgramme countsAsContribution donor { id }
        amount { amount currency conversion { amountUsd fxRatePeriod } }
        transaction { id type project { id } } }
      all: globalProgrammeContributions(includeNotAttributed: true) { id countsAsContribution transaction { id } amount { amount currency } }
      facts: globalProgrammeFacts(type: RESULT) { code date notes }
    }`);
    const rows = data.gpcContributions;
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const r of rows) {
      expect(r.synthetic).toBe(false);
      expect(r.attributedToGlobalProgramme).toBe(true);
      expect(r.source).toMatch(/^https?:\/\//);
      expect(r.attribution).toMatch(/^Source: /);
    }
    const byId = new Map(rows.map((r: Json) => [r.id, r]));
    expect(byId.get('gpc-nor-2018')).toMatchObject({
      date: '2018-05-14',
      amount: { amount: '35000000', currency: 'NOK' },
      transaction: { id: 'gpc-nor-2018', type: 'INCOMING_COMMITMENT', project: { id: 'gpc' } },
    });
    expect(byId.get('gpc-can-2015-icac')).toMatchObject({
      date: '2015-04',
      amount: { amount: '500000', currency: 'CAD', conversion: { fxRatePeriod: '2015-04' } },
      transaction: { project: { id: 'unodc-icac-central-america' } },
    });
    // A dated record without money: the UK's FCO channel, 2016.
    expect(byId.get('gpc-gbr-fco-2016')).toMatchObject({
      date: '2016',
      donor: { id: 'gov-gbr' },
      amount: null,
      transaction: null,
    });
    const tunisia = data.all.find((r: Json) => r.id === 'gpc-usa-inl-tun-2021');
    expect(tunisia).toEqual({
      id: 'gpc-usa-inl-tun-2021',
      countsAsContribution: false,
      transaction: null,
      amount: { amount: '200000', currency: 'USD' },
    });
    // The README's correction of the Tunisia fact: dated, and funded by US INL.
    const fact = data.facts.find((f: Json) => f.code === 'TUN_FORENSICS');
    expect(fact.date).toBe('2021-03-24');
    expect(fact.notes).toMatch(/INL/);
  });

  it('lists at least 25 real technical-assistance activities with their programme and attribution', async () => {
    const data = await ask(`{ activities(first: 100) { totalCount edges { node {
      id synthetic programme source attribution implementers { id } project { id } } } } }`);
    expect(data.activities.totalCount).toBeGreaterThanOrEqual(25);
    const nodes = data.activities.edges.map((e: Json) => e.node);
    const fromPack = nodes.filter((a: Json) => a.programme !== null);
    expect(fromPack.length).toBeGreaterThanOrEqual(25);
    for (const a of fromPack) {
      expect(a.synthetic).toBe(false);
      expect(a.attribution, a.id).toMatch(/^Source: United Nations Office on Drugs and Crime/);
      expect(a.implementers.map((o: Json) => o.id)).toContain('unodc');
    }
    expect(nodes.find((a: Json) => a.id === 'gpc-20180625-pan-digital-evidence')).toMatchObject({
      programme: 'GPC + CRIMJUST',
      project: { id: 'gpc' },
      implementers: [{ id: 'unodc' }, { id: 'interpol' }],
    });
  });

  it('finds real overlaps for coordination: projects of different implementers in the same country and years', async () => {
    const data = await ask(`{
      phl: projectOverlaps(country: "PHL") { first { id } second { id }
        firstImplementers { id } secondImplementers { id } overlapStart overlapEnd overlapDays synthetic
        firstDatesAsGiven secondDatesAsGiven }
      clipped: projectOverlaps(country: "PHL", from: "2016-06-01", to: "2016-06-30") { overlapDays }
      asked: projectOverlaps(country: "PHL", includeSynthetic: true) { synthetic }
    }`);
    // GLACY (Council of Europe, Nov 2013 – Oct 2016) and the INTERPOL ASEAN Cyber Capacity
    // Development Project (2016–2018) both cover the Philippines in 2016.
    expect(data.phl).toEqual([
      {
        first: { id: 'glacy' },
        second: { id: 'interpol-asean-ccdp' },
        firstImplementers: [{ id: 'coe' }],
        secondImplementers: [{ id: 'interpol' }],
        overlapStart: '2016-01-01',
        overlapEnd: '2016-10-31',
        overlapDays: 305,
        synthetic: false,
        firstDatesAsGiven: '2013-11-01 to 2016-10-31',
        secondDatesAsGiven: '2016 to 2018',
      },
    ]);
    expect(data.clipped).toEqual([{ overlapDays: 30 }]);
    // Projects sharing an implementer (GLACY+ with INTERPOL's) are not an overlap to coordinate.
    expect(data.asked.every((o: Json) => o.synthetic === false)).toBe(true);
  });
});

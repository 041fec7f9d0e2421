import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache, RedisCache, type KeyValueCache } from '../../loaders/cache.js';
import { asViewer } from '../support/viewer.js';
import { projectPath } from '../../loaders/project-path.js';
import { readCsv } from '../../loaders/seed-data/csv.js';
import { lawsSubgraph } from '../../subgraphs/laws/index.js';
import { createLogger } from '../../loaders/logger.js';
import { createRedis, redisReady } from '../../loaders/redis.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { redisUrl } from '../support/services.js';

let subgraph: TestSubgraph;
const cache = new MemoryCache({ maxEntries: 10_000 });
const TEST_SOURCE = 'test: test/subgraphs/laws.test.ts';

const as = asViewer;
const EDITOR = as({ role: 'editor', subject: 'editor-1' });
const GBR_FOCAL_POINT = as({
  role: 'state_focal_point',
  subject: 'fp-gbr',
  countryIso3: 'GBR',
});

beforeAll(async () => {
  subgraph = await startTestSubgraph(lawsSubgraph, { cache });
  // Records written by earlier runs of this file (the audit log is append-only and stays).
  const db = subgraph.database.db;
  await sql`delete from laws.legal_provision where source = ${TEST_SOURCE}`.execute(db);
  await sql`delete from laws.legislation where source = ${TEST_SOURCE}`.execute(db);
});
afterAll(() => subgraph?.close());

describe('laws: code lists', () => {
  it('holds the four offence schemes and cross-walks them by concept', async () => {
    const { data, errors } = await subgraph.query(`{
      all: offenceCategories { code }
      budapest: offenceCategories(scheme: BUDAPEST) { code }
      access: offenceCategories(concept: "ILLEGAL_ACCESS") { code scheme confidence }
      bc2: offenceCategory(code: "BC-2") { title article instrumentCode equivalents { code scheme } }
      powers: proceduralPowers { code }
      production: proceduralPowers { code articles { instrumentCode article confidence } }
      coop: cooperationMechanisms { code }
      issues: crossCuttingIssues { code }
      crimes: crimeTypes { code }
    }`);
    expect(errors).toBeUndefined();
    expect(data?.['all']).toHaveLength(46);
    expect(data?.['budapest']).toHaveLength(12);
    expect(data?.['access']).toEqual([
      { code: 'BC-2', scheme: 'BUDAPEST', confidence: 'VERIFIED' },
      { code: 'UNCC-7', scheme: 'UN_CONVENTION', confidence: 'TO_VERIFY' },
      { code: 'CS13-A1', scheme: 'COMPREHENSIVE_STUDY_2013', confidence: 'TO_VERIFY' },
    ]);
    expect(data?.['bc2']).toEqual({
      title: 'Illegal access',
      article: '2',
      instrumentCode: 'CETS-185',
      equivalents: [
        { code: 'UNCC-7', scheme: 'UN_CONVENTION' },
        { code: 'CS13-A1', scheme: 'COMPREHENSIVE_STUDY_2013' },
      ],
    });
    expect(data?.['powers']).toHaveLength(13);
    expect(
      (data?.['production'] as { code: string }[]).find((p) => p.code === 'PRODUCTION_ORDER'),
    ).toEqual({
      code: 'PRODUCTION_ORDER',
      articles: [
        { instrumentCode: 'CETS-185', article: '18', confidence: 'VERIFIED' },
        { instrumentCode: 'UNCC-2024', article: '27', confidence: 'TO_VERIFY' },
      ],
    });
    expect(data?.['coop']).toHaveLength(24);
    expect(data?.['issues']).toHaveLength(17);
    expect(data?.['crimes']).toHaveLength(15);
  });

  it('returns NOT_FOUND naming an unknown offence category', async () => {
    const { errors } = await subgraph.query(`{ offenceCategory(code: "BC-99") { code } }`);
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      type: 'OffenceCategory',
      key: 'BC-99',
      field: 'code',
    });
  });

  it('resolves every code list entity by its code for other subgraphs, null when unknown', async () => {
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on OffenceCategory { code title }
        ... on ProceduralPower { code title }
        ... on CrimeType { code label }
      } }`,
      {
        r: [
          { __typename: 'OffenceCategory', code: 'UNCC-7' },
          { __typename: 'ProceduralPower', code: 'SCOPE' },
          { __typename: 'CrimeType', code: 'CORRUPTION' },
          { __typename: 'OffenceCategory', code: 'NOPE' },
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(data?.['_entities']).toEqual([
      { code: 'UNCC-7', title: 'Illegal access' },
      { code: 'SCOPE', title: 'Scope of procedural provisions / measures' },
      { code: 'CORRUPTION', label: 'Corruption' },
      null,
    ]);
  });
});

describe('laws: instruments and participation', () => {
  it('counts the UN Convention consents against the 40 needed, not counting the EU', async () => {
    const { data, errors } = await subgraph.query(`{
      uncc: instrument(code: "UNCC-2024") {
        shortTitle status { parties signatories consentsCounted consentsNeeded inForce }
      }
      budapest: instrument(code: "CETS-185") {
        status { parties signatories consentsCounted consentsNeeded inForce }
        offenceCategories { code }
      }
      protocol: instrument(code: "CETS-224") { parent { code } }
      instruments { code }
    }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      uncc: {
        shortTitle: 'UN Convention against Cybercrime (Hanoi Convention)',
        status: {
          parties: 0,
          signatories: 72,
          consentsCounted: 0,
          consentsNeeded: 40,
          inForce: false,
        },
      },
      budapest: {
        status: {
          // 78 in the pack, and Rwanda's accession (instrument_participation_updates.csv).
          parties: 79,
          signatories: 2,
          consentsCounted: 79,
          consentsNeeded: null,
          inForce: true,
        },
        offenceCategories: expect.arrayContaining([{ code: 'BC-2' }, { code: 'BC-13' }]),
      },
      protocol: { parent: { code: 'CETS-185' } },
      instruments: [
        { code: 'AU-2014-MALABO' },
        { code: 'CETS-185' },
        { code: 'CETS-189' },
        { code: 'CETS-224' },
        { code: 'UNCC-2024' },
        { code: 'UNTOC-2000' },
      ],
    });
  });

  it('lists participants as a Country or an Organization', async () => {
    const { data, errors } = await subgraph.query(`{
      instrument(code: "UNCC-2024") {
        participations {
          participantType
          participant { __typename ... on Country { iso3 } ... on Organization { id } }
        }
      }
    }`);
    expect(errors).toBeUndefined();
    const rows = (data?.['instrument'] as { participations: Record<string, any>[] }).participations;
    expect(rows.find((r) => r['participantType'] === 'ORGANIZATION')).toEqual({
      participantType: 'ORGANIZATION',
      participant: { __typename: 'Organization', id: 'eu' },
    });
    expect(rows.find((r) => r['participantType'] === 'OBSERVER_STATE')).toEqual({
      participantType: 'OBSERVER_STATE',
      participant: { __typename: 'Country', iso3: 'PSE' },
    });
  });

  it('answers a country’s treaty participation', async () => {
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Country { iso3 treatyParticipation { instrumentCode status signedOn consentType } }
      } }`,
      { r: [{ __typename: 'Country', iso3: 'ZAF' }] },
    );
    expect(errors).toBeUndefined();
    expect(data?.['_entities']).toEqual([
      {
        iso3: 'ZAF',
        treatyParticipation: [
          {
            instrumentCode: 'CETS-185',
            status: 'SIGNED',
            signedOn: '2001-11-23',
            consentType: null,
          },
          { instrumentCode: 'UNCC-2024', status: 'SIGNED', signedOn: null, consentType: null },
        ],
      },
    ]);
  });
});

const PUBLIC = {};
const KEN_FOCAL_POINT = as({ role: 'state_focal_point', subject: 'fp-ken', countryIso3: 'KEN' });

async function memberStates(): Promise<{ iso3: string; region: string }[]> {
  const rows = await readCsv(
    projectPath('subgraphs', 'member-states', 'seed', 'member_states.csv'),
  );
  return rows.map((r) => ({ iso3: r['iso3'] ?? '', region: r['region_m49'] ?? '' }));
}

describe('laws: legislation and provisions', () => {
  it('answers a country’s laws with their provisions, summaries and sources', async () => {
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country {
        legislation { id title status year confidence reviewStatus synthetic
          provisions { label summary confidence source offenceCategories { code } } }
      } } }`,
      { r: [{ __typename: 'Country', iso3: 'GBR' }] },
    );
    expect(errors).toBeUndefined();
    const [gbr] = data?.['_entities'] as { legislation: Record<string, any>[] }[];
    expect(gbr?.legislation).toHaveLength(1);
    const cma = gbr?.legislation[0];
    expect(cma).toMatchObject({
      id: 'GBR-CMA-1990',
      title: 'Computer Misuse Act 1990',
      status: 'IN_FORCE',
      year: 1990,
      confidence: 'VERIFIED',
      reviewStatus: 'PUBLISHED',
      synthetic: false,
    });
    expect(cma?.['provisions'].map((p: { label: string }) => p.label)).toEqual([
      's. 1',
      's. 2',
      's. 3',
      's. 3ZA',
      's. 3A',
    ]);
    expect(cma?.['provisions'][0]).toEqual({
      label: 's. 1',
      summary: 'Unauthorised access to computer material.',
      confidence: 'TO_VERIFY',
      source: 'https://www.legislation.gov.uk/ukpga/1990/18/section/1',
      offenceCategories: [{ code: 'BC-2' }, { code: 'UNCC-7' }],
    });
  });

  it('links a law to the one it replaces and marks the old one repealed', async () => {
    const { data } = await subgraph.query(`{
      legislation(id: "CHL-L21459-2022") { amends { id status } }
      old: legislation(id: "CHL-L19223-1993") { amendedBy { id } }
    }`);
    expect(data).toEqual({
      legislation: { amends: [{ id: 'CHL-L19223-1993', status: 'REPEALED' }] },
      old: { amendedBy: [{ id: 'CHL-L21459-2022' }] },
    });
  });

  it('returns NOT_FOUND naming an unknown law', async () => {
    const { errors } = await subgraph.query(`{ legislation(id: "XXX-NONE") { id } }`);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', key: 'XXX-NONE' });
  });

  it('filters a country’s provisions by procedural power, concept and status', async () => {
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country {
        iso3
        production: provisions(filter: { proceduralPower: "PRODUCTION_ORDER" }) { label }
        fraud: provisions(filter: { concept: "FRAUD", inForce: true }) { label }
        repealed: provisions(filter: { inForce: false }) { label }
      } } }`,
      { r: [{ __typename: 'Country', iso3: 'PHL' }] },
    );
    expect(errors).toBeUndefined();
    expect(data?.['_entities']).toEqual([
      {
        iso3: 'PHL',
        production: [{ label: 's. 14' }],
        fraud: [{ label: 's. 4(b)(2)' }],
        repealed: [],
      },
    ]);
  });
});

describe('laws: legalCoverage', () => {
  it('matches the tagged provisions in force of the United Kingdom against Budapest', async () => {
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country {
        provisions { id offenceCategories { code } proceduralPowers { code } }
        legalCoverage(scheme: BUDAPEST) {
          scheme offencesCovered proceduralPowersCovered provisionsConsidered
          offences { category { code } covered directProvisions { id } conceptProvisions { id } }
          proceduralPowers { power { code } article covered provisions { id } }
        }
      } } }`,
      { r: [{ __typename: 'Country', iso3: 'GBR' }] },
    );
    expect(errors).toBeUndefined();
    const [gbr] = data?.['_entities'] as Record<string, any>[];
    const coverage = gbr?.['legalCoverage'];
    // Expected, computed from the provisions themselves: a category is covered by exactly the
    // provisions tagged with it.
    const provisions = gbr?.['provisions'] as {
      id: string;
      offenceCategories: { code: string }[];
    }[];
    for (const row of coverage.offences as Record<string, any>[]) {
      const tagged = provisions
        .filter((p) => p.offenceCategories.some((c) => c.code === row['category'].code))
        .map((p) => ({ id: p.id }));
      expect(row['directProvisions']).toEqual(tagged);
      expect(row['covered']).toBe(tagged.length > 0 || row['conceptProvisions'].length > 0);
    }
    expect(
      (coverage.offences as Record<string, any>[])
        .filter((r) => r['covered'])
        .map((r) => [r['category'].code, r['directProvisions'].map((p: { id: string }) => p.id)]),
    ).toEqual([
      ['BC-2', ['GBR-CMA-1990-s1', 'GBR-CMA-1990-s2']],
      ['BC-4', ['GBR-CMA-1990-s3']],
      ['BC-5', ['GBR-CMA-1990-s3', 'GBR-CMA-1990-s3ZA']],
      ['BC-6', ['GBR-CMA-1990-s3A']],
    ]);
    expect(coverage).toMatchObject({
      scheme: 'BUDAPEST',
      offencesCovered: 4,
      proceduralPowersCovered: 0,
      provisionsConsidered: 5,
    });
    expect(coverage.offences).toHaveLength(12);
    expect(coverage.proceduralPowers.map((p: Record<string, any>) => p['article'])).toEqual([
      '14',
      '15',
      '16',
      '17',
      '18',
      '18(1)(b)',
      '19',
      '20',
      '21',
    ]);
  });

  it('covers the UN Convention’s procedural powers in the Philippines from ss. 13–15', async () => {
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country {
        legalCoverage(scheme: UN_CONVENTION) {
          offencesCovered
          proceduralPowers { power { code } article covered provisions { label } }
        }
      } } }`,
      { r: [{ __typename: 'Country', iso3: 'PHL' }] },
    );
    expect(errors).toBeUndefined();
    const [phl] = data?.['_entities'] as Record<string, any>[];
    const covered = (phl?.['legalCoverage'].proceduralPowers as Record<string, any>[]).filter(
      (p) => p['covered'],
    );
    expect(covered).toEqual([
      {
        power: { code: 'PRESERVATION_STORED' },
        article: '25',
        covered: true,
        provisions: [{ label: 's. 13' }],
      },
      {
        power: { code: 'PRODUCTION_ORDER' },
        article: '27',
        covered: true,
        provisions: [{ label: 's. 14' }],
      },
      {
        power: { code: 'PRODUCTION_ORDER_SUBSCRIBER' },
        article: '27',
        covered: true,
        provisions: [{ label: 's. 14' }],
      },
      {
        power: { code: 'SEARCH_SEIZURE' },
        article: '28',
        covered: true,
        provisions: [{ label: 's. 15' }],
      },
    ]);
    expect(phl?.['legalCoverage'].offencesCovered).toBe(8);
  });

  it('counts nothing as covered for a country with no recorded provisions', async () => {
    const { data } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country {
        legalCoverage(scheme: BUDAPEST) { offencesCovered proceduralPowersCovered provisionsConsidered }
      } } }`,
      { r: [{ __typename: 'Country', iso3: 'FRA' }] },
    );
    expect(data?.['_entities']).toEqual([
      {
        legalCoverage: { offencesCovered: 0, proceduralPowersCovered: 0, provisionsConsidered: 0 },
      },
    ]);
  });
});

const SEARCH = `query($text: String, $filter: LawSearchFilter, $first: Int, $after: String) {
  searchProvisions(text: $text, filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { rank snippet provision { id countryIso3 label legislation { title year } } } }
  }
}`;

describe('laws: search', () => {
  it('finds "unauthorised access" in provisions in force since 2010, ranked, with snippets', async () => {
    const { data, errors } = await subgraph.query(SEARCH, {
      text: 'unauthorised access',
      filter: { inForce: true, inForceFromYear: 2010 },
    });
    expect(errors).toBeUndefined();
    const result = data?.['searchProvisions'];
    const ids = result.edges.map((e: Record<string, any>) => e['node'].provision.id);
    expect(ids.sort()).toEqual(['PHL-RA10175-2012-s4a1', 'ZAF-ACT19-2020-s2']);
    expect(result.totalCount).toBe(2);
    for (const edge of result.edges as Record<string, any>[]) {
      expect(edge['node'].snippet).toContain('<mark>');
      expect(edge['node'].rank).toBeGreaterThan(0);
    }
  });

  it('includes the 1990 UK provisions when the year filter is dropped', async () => {
    const { data } = await subgraph.query(SEARCH, {
      text: 'unauthorised access',
      filter: { inForce: true },
    });
    const ids = data?.['searchProvisions'].edges.map(
      (e: Record<string, any>) => e['node'].provision.id,
    );
    expect(ids).toEqual(expect.arrayContaining(['GBR-CMA-1990-s1', 'GBR-CMA-1990-s2']));
  });

  it('pages through every result once with keyset cursors', async () => {
    const all = await subgraph.query(SEARCH, { first: 500 });
    const total = all.data?.['searchProvisions'].totalCount as number;
    expect(total).toBeGreaterThanOrEqual(28);
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const { data } = await subgraph.query(SEARCH, { first: 7, after });
      const conn = data?.['searchProvisions'];
      seen.push(...conn.edges.map((e: Record<string, any>) => e['node'].provision.id));
      if (!conn.pageInfo.hasNextPage) {
        break;
      }
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('uses no OFFSET and passes the search text as a parameter', async () => {
    subgraph.resetSql();
    await subgraph.query(SEARCH, { text: "access'; drop table laws.legislation; --", first: 2 });
    const statements = subgraph.sql.filter((s) => /legal_provision/.test(s));
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) {
      expect(s).not.toMatch(/offset/i);
      expect(s).not.toContain('drop table');
    }
  });

  it('combines filters: country list, concept, procedural power, instrument', async () => {
    const { data, errors } = await subgraph.query(`{
      access: searchProvisions(filter: { concept: "ILLEGAL_ACCESS", countryIso3s: ["ZAF", "PHL"] }) {
        totalCount edges { node { provision { id } } } }
      search: searchProvisions(filter: { proceduralPower: "SEARCH_SEIZURE" }) { totalCount }
      aligned: searchProvisions(filter: { instrument: "CETS-185", countryIso3s: ["GBR"] }) { totalCount }
      laws: searchLegislation(text: "cybercrimes", filter: { countryIso3s: ["ZAF", "KEN", "TZA"] }) {
        totalCount edges { node { snippet legislation { id } } } }
      lawsWithProduction: searchLegislation(filter: { proceduralPower: "PRODUCTION_ORDER" }) {
        edges { node { legislation { id } } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data?.['access'].edges.map((e: Record<string, any>) => e['node'].provision.id)).toEqual([
      'PHL-RA10175-2012-s4a1',
      'ZAF-ACT19-2020-s2',
    ]);
    expect(data?.['search'].totalCount).toBe(1);
    expect(data?.['aligned'].totalCount).toBe(5);
    expect(data?.['laws'].totalCount).toBe(3);
    expect(data?.['lawsWithProduction'].edges).toEqual([
      { node: { legislation: { id: 'PHL-RA10175-2012' } } },
    ]);
  });

  it('names each invalid search field', async () => {
    const empty = await subgraph.query(SEARCH, { text: '   ' });
    expect(empty.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [{ field: 'text' }],
    });
    const long = await subgraph.query(SEARCH, { text: 'a'.repeat(201) });
    expect(long.errors?.[0]?.extensions?.['invalidFields']).toEqual([
      { field: 'text', message: 'must be at most 200 characters' },
    ]);
    const years = await subgraph.query(SEARCH, {
      filter: { inForceFromYear: 2015, inForceToYear: 2010 },
    });
    expect(years.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [
        { field: 'filter.inForceToYear', message: 'ends (2010) before the range starts (2015)' },
      ],
    });
    const cursor = await subgraph.query(SEARCH, { after: 'not-a-cursor' });
    expect(cursor.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [{ field: 'after' }],
    });
    const unknown = await subgraph.query(SEARCH, { filter: { offenceCategory: 'BC-99' } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      key: 'BC-99',
      field: 'filter.offenceCategory',
    });
    const instrument = await subgraph.query(SEARCH, { filter: { instrument: 'CETS-999' } });
    expect(instrument.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      key: 'CETS-999',
    });
  });
});

const CREATE_LEGISLATION = `mutation($input: CreateLegislationInput!) {
  createLegislation(input: $input) { id countryIso3 reviewStatus status }
}`;
const CREATE_PROVISION = `mutation($input: CreateProvisionInput!) {
  createProvision(input: $input) { id reviewStatus offenceCategories { code } }
}`;

const newLaw = (countryIso3: string) => ({
  countryIso3,
  title: 'Test-only law submitted by a focal point (not a real law)',
  type: 'ACT',
  year: 2025,
  status: 'IN_FORCE',
  source: TEST_SOURCE,
});

describe('laws: writes and review', () => {
  it('returns search snippets as HTML-safe text: stored markup escaped, then matches marked', async () => {
    const created = await subgraph.query(
      CREATE_LEGISLATION,
      {
        input: {
          ...newLaw('TUV'),
          title: `Test-only <img src=x onerror=alert(1)> "snippetprobe" & law (not a real law)`,
        },
      },
      EDITOR,
    );
    expect(created.errors).toBeUndefined();
    const { data, errors } = await subgraph.query(
      `{ searchLegislation(text: "snippetprobe") { edges { node { snippet } } } }`,
    );
    expect(errors).toBeUndefined();
    const [hit] = data?.['searchLegislation'].edges ?? [];
    expect(hit.node.snippet).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(hit.node.snippet).toContain('&quot;<mark>snippetprobe</mark>&quot; &amp; law');
    expect(hit.node.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"]/);
  });

  it('keeps a focal point’s submission from the public until an editor publishes it, with both steps audited', async () => {
    const created = await subgraph.query(
      CREATE_LEGISLATION,
      { input: newLaw('GBR') },
      GBR_FOCAL_POINT,
    );
    expect(created.errors).toBeUndefined();
    const law = created.data?.['createLegislation'];
    expect(law).toMatchObject({ countryIso3: 'GBR', reviewStatus: 'PENDING_REVIEW' });
    const provision = await subgraph.query(
      CREATE_PROVISION,
      {
        input: {
          legislationId: law.id,
          label: 'art. 1',
          summary: 'Test-only provision: production order for stored data.',
          source: TEST_SOURCE,
          proceduralPowers: ['PRODUCTION_ORDER'],
          offenceCategories: ['BC-3'],
        },
      },
      GBR_FOCAL_POINT,
    );
    expect(provision.errors).toBeUndefined();
    expect(provision.data?.['createProvision']).toMatchObject({ reviewStatus: 'PENDING_REVIEW' });

    const VIEW = `query($r: [_Any!]!, $id: ID!) {
      _entities(representations: $r) { ... on Country {
        legislation { id } provisions { id }
        legalCoverage(scheme: BUDAPEST) { proceduralPowersCovered }
      } }
      searchProvisions(text: "test-only production order") { totalCount }
      byId: _entities(representations: [{ __typename: "Legislation", id: $id }]) { ... on Legislation { id } }
    }`;
    const variables = { r: [{ __typename: 'Country', iso3: 'GBR' }], id: law.id };
    const hidden = await subgraph.query(VIEW, variables, PUBLIC);
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data?.['_entities'][0].legislation.map((l: { id: string }) => l.id)).toEqual([
      'GBR-CMA-1990',
    ]);
    expect(hidden.data?.['_entities'][0].legalCoverage.proceduralPowersCovered).toBe(0);
    expect(hidden.data?.['searchProvisions'].totalCount).toBe(0);
    expect(hidden.data?.['byId']).toEqual([null]);
    const direct = await subgraph.query(`{ legislation(id: "${law.id}") { id } }`, {}, PUBLIC);
    expect(direct.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');

    const own = await subgraph.query(VIEW, variables, GBR_FOCAL_POINT);
    expect(own.data?.['_entities'][0].legislation).toHaveLength(2);
    const other = await subgraph.query(VIEW, variables, KEN_FOCAL_POINT);
    expect(other.data?.['_entities'][0].legislation).toHaveLength(1);

    const refused = await subgraph.query(
      `mutation($id: ID!) { publishLegislation(id: $id) { id } }`,
      { id: law.id },
      GBR_FOCAL_POINT,
    );
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const published = await subgraph.query(
      `mutation($id: ID!) { publishLegislation(id: $id) { id reviewStatus provisions { reviewStatus } } }`,
      { id: law.id },
      EDITOR,
    );
    expect(published.errors).toBeUndefined();
    expect(published.data?.['publishLegislation']).toEqual({
      id: law.id,
      reviewStatus: 'PUBLISHED',
      provisions: [{ reviewStatus: 'PUBLISHED' }],
    });

    const visible = await subgraph.query(VIEW, variables, PUBLIC);
    expect(visible.data?.['_entities'][0].legislation).toHaveLength(2);
    expect(visible.data?.['_entities'][0].legalCoverage.proceduralPowersCovered).toBe(1);
    expect(visible.data?.['searchProvisions'].totalCount).toBe(1);
    expect(visible.data?.['byId']).toEqual([{ id: law.id }]);

    const audit = await subgraph.query(
      `query($id: String!) { lawsAuditLog(entityId: $id) { action actorRole actorCountryIso3 entityType before after } }`,
      { id: law.id },
      EDITOR,
    );
    expect(audit.errors).toBeUndefined();
    const entries = audit.data?.['lawsAuditLog'] as Record<string, any>[];
    expect(entries.map((e) => [e['action'], e['actorRole'], e['actorCountryIso3']])).toEqual([
      ['PUBLISH', 'editor', null],
      ['SUBMIT', 'state_focal_point', 'GBR'],
    ]);
    expect(JSON.parse(entries[0]?.['before']).reviewStatus).toBe('PENDING_REVIEW');
    expect(JSON.parse(entries[0]?.['after']).reviewStatus).toBe('PUBLISHED');
    const publicAudit = await subgraph.query(`{ lawsAuditLog { id } }`, {}, PUBLIC);
    expect(publicAudit.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');

    // Withdrawn again, so the test-only law does not show in later answers.
    const archived = await subgraph.query(
      `mutation($id: ID!) { archiveLegislation(id: $id) { reviewStatus } }`,
      { id: law.id },
      EDITOR,
    );
    expect(archived.data?.['archiveLegislation']).toEqual({ reviewStatus: 'ARCHIVED' });
  });

  it('publishes a provision a focal point adds to an already published law of its country', async () => {
    const added = await subgraph.query(
      CREATE_PROVISION,
      {
        input: {
          legislationId: 'GBR-CMA-1990',
          label: 's. 99 (test only)',
          summary: 'Test-only provision added by a focal point.',
          source: TEST_SOURCE,
          offenceCategories: ['BC-3'],
        },
      },
      GBR_FOCAL_POINT,
    );
    expect(added.errors).toBeUndefined();
    const id = added.data?.['createProvision'].id as string;
    const LABELS = `{ legislation(id: "GBR-CMA-1990") { provisions { id } } }`;
    const hidden = await subgraph.query(LABELS, {}, PUBLIC);
    expect(hidden.data?.['legislation'].provisions).not.toContainEqual({ id });
    const published = await subgraph.query(
      `mutation { publishLegislation(id: "GBR-CMA-1990") { reviewStatus } }`,
      {},
      EDITOR,
    );
    expect(published.errors).toBeUndefined();
    const visible = await subgraph.query(LABELS, {}, PUBLIC);
    expect(visible.data?.['legislation'].provisions).toContainEqual({ id });
    const again = await subgraph.query(
      `mutation { publishLegislation(id: "GBR-CMA-1990") { reviewStatus } }`,
      {},
      EDITOR,
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [
        { field: 'id', message: 'is already PUBLISHED and has no provisions awaiting review' },
      ],
    });
    const archived = await subgraph.query(
      `mutation($id: ID!) { archiveProvision(id: $id) { reviewStatus } }`,
      { id },
      EDITOR,
    );
    expect(archived.data?.['archiveProvision']).toEqual({ reviewStatus: 'ARCHIVED' });
  });

  it('keeps a rejected submission from the public and shows it to its focal point', async () => {
    const created = await subgraph.query(
      CREATE_LEGISLATION,
      { input: newLaw('GBR') },
      GBR_FOCAL_POINT,
    );
    const id = created.data?.['createLegislation'].id as string;
    const rejected = await subgraph.query(
      `mutation($id: ID!) { rejectLegislation(id: $id) { reviewStatus } }`,
      { id },
      EDITOR,
    );
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data?.['rejectLegislation']).toEqual({ reviewStatus: 'REJECTED' });
    const QUERY = `{ legislation(id: "${id}") { reviewStatus } }`;
    expect((await subgraph.query(QUERY, {}, PUBLIC)).errors?.[0]?.extensions?.['code']).toBe(
      'NOT_FOUND',
    );
    expect((await subgraph.query(QUERY, {}, GBR_FOCAL_POINT)).data).toEqual({
      legislation: { reviewStatus: 'REJECTED' },
    });
    const archived = await subgraph.query(
      `mutation($id: ID!) { archiveLegislation(id: $id) { reviewStatus } }`,
      { id },
      EDITOR,
    );
    expect(archived.errors).toBeUndefined();
  });

  it('repeals and archives instead of deleting', async () => {
    const created = await subgraph.query(CREATE_LEGISLATION, { input: newLaw('FRA') }, EDITOR);
    const id = created.data?.['createLegislation'].id;
    expect(created.data?.['createLegislation'].reviewStatus).toBe('PUBLISHED');
    const repealed = await subgraph.query(
      `mutation($id: ID!) { updateLegislation(id: $id, input: { status: REPEALED }) { status } }`,
      { id },
      EDITOR,
    );
    expect(repealed.data?.['updateLegislation']).toEqual({ status: 'REPEALED' });
    const provision = await subgraph.query(
      CREATE_PROVISION,
      { input: { legislationId: id, label: 's. 1', summary: 'Test-only.', source: TEST_SOURCE } },
      EDITOR,
    );
    const provisionId = provision.data?.['createProvision'].id as string;
    const PROVISION = `{ provision(id: "${provisionId}") { id } }`;
    expect((await subgraph.query(PROVISION, {}, PUBLIC)).data).toEqual({
      provision: { id: provisionId },
    });
    const archived = await subgraph.query(
      `mutation($id: ID!) { archiveLegislation(id: $id) { reviewStatus } }`,
      { id },
      EDITOR,
    );
    expect(archived.data?.['archiveLegislation']).toEqual({ reviewStatus: 'ARCHIVED' });
    const audit = await subgraph.query(
      `query($id: String!) { lawsAuditLog(entityId: $id) { action } }`,
      { id },
      EDITOR,
    );
    expect(audit.data?.['lawsAuditLog']).toEqual([
      { action: 'ARCHIVE' },
      { action: 'REPEAL' },
      { action: 'CREATE' },
    ]);
    const stillThere = await subgraph.query(`{ legislation(id: "${id}") { id } }`, {}, EDITOR);
    expect(stillThere.data?.['legislation']).toEqual({ id });
    const hidden = await subgraph.query(`{ legislation(id: "${id}") { id } }`, {}, PUBLIC);
    expect(hidden.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const hiddenProvision = await subgraph.query(PROVISION, {}, PUBLIC);
    expect(hiddenProvision.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      key: provisionId,
    });
  });

  it('holds back a provision an editor adds to an unpublished law until the law is published', async () => {
    const created = await subgraph.query(
      CREATE_LEGISLATION,
      { input: newLaw('GBR') },
      GBR_FOCAL_POINT,
    );
    const id = created.data?.['createLegislation'].id as string;
    const provision = await subgraph.query(
      CREATE_PROVISION,
      { input: { legislationId: id, label: 's. 1', summary: 'Test-only.', source: TEST_SOURCE } },
      EDITOR,
    );
    expect(provision.data?.['createProvision'].reviewStatus).toBe('PENDING_REVIEW');
    const provisionId = provision.data?.['createProvision'].id as string;
    const hidden = await subgraph.query(`{ provision(id: "${provisionId}") { id } }`, {}, PUBLIC);
    expect(hidden.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const archived = await subgraph.query(
      `mutation($id: ID!) { archiveLegislation(id: $id) { reviewStatus } }`,
      { id },
      EDITOR,
    );
    expect(archived.errors).toBeUndefined();
  });

  it('refuses writes outside the viewer’s scope with FORBIDDEN naming the field', async () => {
    const other = await subgraph.query(
      CREATE_LEGISLATION,
      { input: newLaw('FRA') },
      GBR_FOCAL_POINT,
    );
    expect(other.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'input.countryIso3',
    });
    const provision = await subgraph.query(
      CREATE_PROVISION,
      {
        input: {
          legislationId: 'ZAF-ACT19-2020',
          label: 's. 99',
          summary: 'x',
          source: TEST_SOURCE,
        },
      },
      GBR_FOCAL_POINT,
    );
    expect(provision.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'input.legislationId',
    });
    const published = await subgraph.query(
      `mutation { updateLegislation(id: "GBR-CMA-1990", input: { title: "x" }) { id } }`,
      {},
      GBR_FOCAL_POINT,
    );
    expect(published.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    const anonymous = await subgraph.query(CREATE_LEGISLATION, { input: newLaw('GBR') }, PUBLIC);
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const analyst = await subgraph.query(
      CREATE_LEGISLATION,
      { input: newLaw('GBR') },
      as({ role: 'analyst' }),
    );
    expect(analyst.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('names invalid write input: wrong-list tags, unknown codes, malformed dates, empty text', async () => {
    const wrongList = await subgraph.query(
      CREATE_PROVISION,
      {
        input: {
          legislationId: 'GBR-CMA-1990',
          label: 's. 99',
          summary: 'Test-only',
          source: TEST_SOURCE,
          proceduralPowers: ['BC-2'],
          offenceCategories: ['PRODUCTION_ORDER'],
        },
      },
      EDITOR,
    );
    expect(wrongList.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [
        {
          field: 'input.offenceCategories',
          message: '"PRODUCTION_ORDER" is a procedural power, not an offence category',
        },
        {
          field: 'input.proceduralPowers',
          message: '"BC-2" is an offence category, not a procedural power',
        },
      ],
    });
    const unknown = await subgraph.query(
      CREATE_PROVISION,
      {
        input: {
          legislationId: 'GBR-CMA-1990',
          label: 's. 99',
          summary: 'Test-only',
          source: TEST_SOURCE,
          offenceCategories: ['BC-99'],
        },
      },
      EDITOR,
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      key: 'BC-99',
      field: 'input.offenceCategories',
    });
    const unknownLaw = await subgraph.query(
      CREATE_PROVISION,
      { input: { legislationId: 'NONE', label: 'x', summary: 'x', source: TEST_SOURCE } },
      EDITOR,
    );
    expect(unknownLaw.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.legislationId',
    });
    const badDate = await subgraph.query(
      CREATE_LEGISLATION,
      { input: { ...newLaw('GBR'), adoptedOn: '2025-02-30' } },
      EDITOR,
    );
    expect(badDate.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(badDate.errors?.[0]?.message).toContain('2025-02-30');
    const empty = await subgraph.query(
      CREATE_LEGISLATION,
      { input: { ...newLaw('GBR'), title: ' ', source: '' } },
      EDITOR,
    );
    expect(empty.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [
        { field: 'input.title', message: 'must not be empty' },
        { field: 'input.source', message: 'must not be empty' },
      ],
    });
    const unknownCountry = await subgraph.query(
      CREATE_LEGISLATION,
      { input: newLaw('XXX') },
      EDITOR,
    );
    expect(unknownCountry.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      key: 'XXX',
      field: 'input.countryIso3',
    });
  });
});

describe('laws: batching', () => {
  const COUNTRIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country {
    iso3
    legislation { id title amends { id } amendedBy { id } provisions { id label offenceCategories { code } proceduralPowers { code } } }
    provisions(filter: { inForce: true }) { id }
    legalCoverage(scheme: BUDAPEST) { offencesCovered proceduralPowersCovered }
    cases { id }
    lessonsLearned { id }
    treatyParticipation { id instrument { code } }
  } } }`;

  it('answers 193 countries’ legislation and provisions with as many SQL statements as 10', async () => {
    const uncached = await startTestSubgraph(lawsSubgraph);
    try {
      const states = await memberStates();
      expect(states).toHaveLength(193);
      const reps = (list: { iso3: string }[]) =>
        list.map((s) => ({ __typename: 'Country', iso3: s.iso3 }));
      const counts: number[] = [];
      // Ten countries that hold laws, provisions, cases, lessons and treaty rows, so every loader
      // runs in both queries; then all 193.
      const ten = ['GBR', 'ZAF', 'PHL', 'KEN', 'USA', 'AUS', 'CHL', 'IND', 'FIN', 'SVN'].map(
        (iso3) => ({ iso3 }),
      );
      for (const list of [ten, states]) {
        uncached.resetSql();
        const { data, errors } = await uncached.query(COUNTRIES, { r: reps(list) });
        expect(errors).toBeUndefined();
        expect(data?.['_entities']).toHaveLength(list.length);
        counts.push(uncached.sql.length);
      }
      expect(counts[1]).toBe(counts[0]);
      expect(counts[0]).toBeLessThanOrEqual(12);
    } finally {
      await uncached.close();
    }
  });

  it('reads nothing from the database for a repeated query when the cache is warm', async () => {
    const reps = [{ __typename: 'Country', iso3: 'ZAF' }];
    await subgraph.query(COUNTRIES, { r: reps });
    subgraph.resetSql();
    const { errors } = await subgraph.query(COUNTRIES, { r: reps });
    expect(errors).toBeUndefined();
    expect(subgraph.sql).toEqual([]);
  });

  it('seeds idempotently: a second run changes nothing', async () => {
    const report = await subgraph.reseed();
    expect(Object.values(report).every((n) => n === 0)).toBe(true);
    expect(Object.keys(report)).toContain('provisionsInserted');
  });
});

describe('laws: the analyst questions of issue 3, in one query each', () => {
  it('answers all three', async () => {
    const africa = (await memberStates()).filter((s) => s.region === '002').map((s) => s.iso3);
    expect(africa).toHaveLength(54);
    const { data, errors } = await subgraph.query(ANALYST_QUERY, { africa });
    expect(errors).toBeUndefined();
    expect(
      data?.['budapestPartiesInAfricaWithoutUnConvention'].map(
        (p: Record<string, any>) => p['participant'].iso3,
      ),
    ).toEqual(ANALYST_ANSWERS.africa);
    expect(
      data?.['productionOrders'].edges.map(
        (e: Record<string, any>) =>
          `${e['node'].provision.countryIso3} ${e['node'].provision.label}`,
      ),
    ).toEqual(ANALYST_ANSWERS.productionOrders);
    expect(
      data?.['unauthorisedAccessSince2010'].edges
        .map((e: Record<string, any>) => e['node'].provision.id)
        .sort(),
    ).toEqual(ANALYST_ANSWERS.unauthorisedAccess);
  });
});

const ANALYST_QUERY = `query($africa: [CountryCode!]!) {
  budapestPartiesInAfricaWithoutUnConvention: participations(filter: {
    instrument: "CETS-185", status: PARTY, countryIso3s: $africa, withoutInstrument: "UNCC-2024"
  }) { participant { ... on Country { iso3 } } consentType entryIntoForceOn confidence }
  productionOrders: searchProvisions(filter: { proceduralPower: "PRODUCTION_ORDER", inForce: true }) {
    totalCount
    edges { node { provision { countryIso3 label summary legislation { title status } } } }
  }
  unauthorisedAccessSince2010: searchProvisions(
    text: "unauthorised access", filter: { inForce: true, inForceFromYear: 2010 }
  ) {
    totalCount
    edges { node { rank snippet provision { id countryIso3 label legislation { title year } } } }
  }
}`;

const ANALYST_ANSWERS = {
  africa: ['BEN', 'CMR', 'CPV', 'SEN', 'SLE', 'TUN'],
  productionOrders: ['PHL s. 14'],
  unauthorisedAccess: ['PHL-RA10175-2012-s4a1', 'ZAF-ACT19-2020-s2'],
};

const redisClients: { disconnect(): void }[] = [];
afterAll(() => redisClients.forEach((c) => c.disconnect()));

const caches: { name: string; make: () => Promise<KeyValueCache> }[] = [
  { name: 'memory', make: async () => new MemoryCache({ maxEntries: 1_000 }) },
  ...(redisUrl
    ? [
        {
          name: 'redis',
          make: async () => {
            const redis = createRedis(redisUrl as string, {
              commandTimeoutMs: 250,
              logger: createLogger({ level: 'silent', service: 'test' }),
            });
            redisClients.push(redis);
            expect(await redisReady(redis, 2_000)).toBe(true);
            return new RedisCache(redis);
          },
        },
      ]
    : []),
];

describe.each(caches)('laws: entity cache on $name', ({ make }) => {
  it('serves a country’s laws from the cache and purges them when a write changes them', async () => {
    const cached = await startTestSubgraph(lawsSubgraph, { cache: await make() });
    try {
      const created = await cached.query(CREATE_LEGISLATION, { input: newLaw('NOR') }, EDITOR);
      expect(created.errors).toBeUndefined();
      const id = created.data?.['createLegislation'].id as string;
      const LIST = `{ _entities(representations: [{ __typename: "Country", iso3: "NOR" }]) {
        ... on Country { legislation { id } } } }`;
      // Norway also has its UNCTAD catalogue entries: look at the curated records only.
      const curated = (r: { data?: Record<string, any> | null }) =>
        (r.data?.['_entities'][0].legislation as { id: string }[]).filter(
          (l) => !l.id.startsWith('UNCTAD-'),
        );
      const first = await cached.query(LIST, {}, PUBLIC);
      expect(curated(first)).toEqual([{ id }]);
      cached.resetSql();
      const again = await cached.query(LIST, {}, PUBLIC);
      expect(again.data).toEqual(first.data);
      expect(cached.sql).toEqual([]);
      const archived = await cached.query(
        `mutation($id: ID!) { archiveLegislation(id: $id) { id } }`,
        { id },
        EDITOR,
      );
      expect(archived.errors).toBeUndefined();
      const after = await cached.query(LIST, {}, PUBLIC);
      expect(curated(after)).toEqual([]);
    } finally {
      await cached.close();
    }
  });
});
